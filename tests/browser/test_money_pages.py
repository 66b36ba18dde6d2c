"""The pot's pages and where the money went, in Chromium at 1280 and 320 CSS pixels: no page
wider than the window (WCAG 1.4.10) and no WCAG 2.1 A/AA violation that axe finds; the
check page of opening a year is reached by filling the form, as a stuurgroep member does.
Screenshots go to /tmp/shots-money/ for a person to look at (decision 0034)."""

import pathlib
import tempfile
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from budget import services
from budget.models import Klap
from projecten.models import Attachment
from projecten.workflow import ProposalStatus as S
from tests import factories
from tests.browser.helpers import horizontal_overflow, log_in_with_cookie, wcag_violations
from tests.projecten.uploads import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# /tmp/shots-money by default.
SHOTS = pathlib.Path(tempfile.gettempdir()) / "shots-money"
YEAR = 2013


@pytest.fixture
def world(transactional_db):
    actor = factories.UserFactory()
    budget_year = services.budget_year_open(
        year=YEAR,
        total=Decimal("300000.00"),
        korte_klap_pot=Decimal("180000.00"),
        lange_klap_pot=Decimal("120000.00"),
    )
    long = factories.SmederijFactory(
        area__name="Hollandscheveld", area__slug="hollandscheveld", area__inhabitants=5400
    )
    other = factories.SmederijFactory(
        area__name="Wolfsbos", area__slug="wolfsbos", area__inhabitants=3100
    )
    services.shares_divide_by_inhabitants(budget_year=budget_year, actor=actor)
    resident = factories.ResidentFactory(
        home_area=long.area, display_name="Geertruida van Hollandscheveld-Oosterhof"
    )
    for n, (title, klap) in enumerate(
        [
            ("Buurtrestaurant tegen eenzaamheid in het Dorpshuis Hollandscheveld", Klap.LANGE),
            ("Speeltuinvernieuwing met natuurspeelplaats achter de Kinderboerderij", Klap.KORTE),
            ("Jeu de boules baan", Klap.KORTE),
        ]
    ):
        proposal = factories.ProposalFactory(
            smederij=long,
            submitter=resident,
            klap=klap,
            title=title,
            summary="Een plek waar buren elkaar elke week ontmoeten.",
            status=S.DECIDING,
            submitted_at=timezone.now(),
            year=YEAR,
            amount_requested=Decimal("12345.67"),
        )
        grant = services.grant_create(
            proposal=proposal,
            budget_year=YEAR,
            klap=klap,
            smederij=long,
            amount=Decimal("12345.67"),
            actor=actor,
        )
        services.payment_create(grant=grant, amount=Decimal("6000.00"), actor=actor)
        proposal.status = S.IN_PROGRESS
        proposal.save(update_fields=["status"])
        Attachment.objects.create(
            proposal=proposal,
            kind="photo",
            file=ContentFile(image_bytes(), name=f"foto{n}.png"),
            original_name=f"foto{n}.png",
            content_type="image/png",
            size=100,
            uploaded_by=resident,
            publish_consent=True,
        )
    stuurgroep = factories.StuurgroepMembershipFactory(user__display_name="Wethouder").user
    services.share_reallocate(
        budget_year=budget_year,
        from_smederij=other,
        to_smederij=long,
        amount=Decimal("1000.00"),
        actor=stuurgroep,
        reason="Wolfsbos heeft over dit jaar",
    )
    return {"stuurgroep": stuurgroep, "smederij": long, "other": other}


def _pages(world):
    slug = world["smederij"].slug
    return [
        ("spending-year", None, reverse("spending:year", kwargs={"year": YEAR})),
        (
            "spending-smederij",
            None,
            reverse("spending:smederij", kwargs={"year": YEAR, "slug": slug}),
        ),
        ("pot-list", world["stuurgroep"], reverse("budget:year-list")),
        ("pot-year", world["stuurgroep"], reverse("budget:year-detail", kwargs={"year": YEAR})),
        ("pot-shares", world["stuurgroep"], reverse("budget:shares", kwargs={"year": YEAR})),
        ("pot-move", world["stuurgroep"], reverse("budget:reallocate", kwargs={"year": YEAR})),
        ("pot-open", world["stuurgroep"], reverse("budget:year-open")),
    ]


@pytest.mark.parametrize("width", [1280, 320])
def test_money_pages_fit_the_window_and_have_no_violations(browser, live_server, axe, world, width):
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    problems = []
    try:
        for name, user, path in _pages(world):
            if user is not None:
                log_in_with_cookie(page, live_server, user)
            else:
                page.context.clear_cookies()
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            scroll, client = horizontal_overflow(page)
            if scroll > client:
                problems.append(f"{path} at {width}px: {scroll} wider than {client}")
            report = wcag_violations(axe, page)
            if report:
                problems.append(report)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [1280, 320])
def test_opening_a_year_by_hand_reaches_the_check_without_violations(
    browser, live_server, axe, world, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        log_in_with_cookie(page, live_server, world["stuurgroep"])
        page.goto(live_server.url + reverse("budget:year-open"))
        page.get_by_label("Reden").fill("Besluit van de stuurgroep")
        page.get_by_role("button", name="Volgende stap: de aandelen").click()
        assert page.get_by_label("Aandeel van Hollandscheveld").input_value()
        page.screenshot(path=str(SHOTS / f"pot-open-shares-{width}.png"), full_page=True)
        assert not wcag_violations(axe, page)
        page.get_by_role("button", name="Controleer de wijziging").click()
        page.screenshot(path=str(SHOTS / f"pot-open-check-{width}.png"), full_page=True)
        assert page.get_by_role("button", name="Open het jaar").is_visible()
        scroll, client = horizontal_overflow(page)
        assert scroll <= client
        assert not wcag_violations(axe, page)
        page.get_by_role("button", name="Open het jaar").click()
        assert page.url.endswith(reverse("budget:year-detail", kwargs={"year": YEAR + 1}))
    finally:
        context.close()
