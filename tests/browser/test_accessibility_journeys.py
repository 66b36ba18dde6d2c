"""The pages residents and professionals use, in a real browser: axe-core (WCAG 2.1 A/AA),
the keyboard on the ballot, and reflow at 320 pixels.

Each test walks one journey with realistic data (factories and the services that make the
timeline, the vote, the decision and the ballot) and collects axe's report of every page
before it asserts, so one run shows all violations of the journey. Logging in goes through
`force_login` and the session cookie: django-axes counts form logins.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projecten.decisions.services import proposal_approve
from projecten.election import services as election_services
from projecten.models import Attachment, ProposalStatus
from projecten.participation.services import comment_create, support_add
from projecten.proposals.services import proposal_submit
from projecten.review.services import proposal_start_review
from projecten.votes.services import vote_open
from tests import factories
from tests.browser.helpers import horizontal_overflow, log_in_with_cookie, wcag_violations
from tests.projecten.decisions_fixtures import DECISION_DAY, closed_vote, make_deciding
from tests.projecten.election.conftest import make_idea, make_round
from tests.projecten.uploads import PDF_BYTES, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kerkstraat-Hoogeveen-1907"


class Audit:
    """axe's reports of the pages visited; empty when every page passed."""

    def __init__(self, axe, page, live_server):
        self.axe, self.page, self.live_server = axe, page, live_server
        self.reports: list[str] = []

    def goto(self, path: str, *, status: int = 200):
        response = self.page.goto(self.live_server.url + path)
        assert response.status == status, f"{path}: {response.status}"
        self.check()

    def check(self):
        report = wcag_violations(self.axe, self.page)
        if report:
            self.reports.append(report)

    def assert_clean(self):
        assert not self.reports, "\n\n".join(self.reports)


@pytest.fixture
def audit(axe, page, live_server):
    return Audit(axe, page, live_server)


@pytest.fixture
def smederij(transactional_db):
    return factories.SmederijFactory(area__name="Krakeel", area__slug="krakeel")


@pytest.fixture
def resident(smederij):
    return factories.ResidentFactory(home_area=smederij.area, display_name="Anna de Vries")


def submit_form(page, selector="main form button[type=submit]"):
    with page.expect_navigation():
        page.click(selector)


def assert_fits(page, what: str):
    scroll, client = horizontal_overflow(page)
    assert scroll <= client, f"{what}: {scroll}px wide in a {client}px window"


def test_the_audit_reports_a_violation(audit, page):
    # A page with a nameless field must fail, or a green run would prove nothing.
    page.set_content('<html lang="nl"><title>t</title><main><input type="text"></main></html>')
    audit.check()
    assert audit.reports and "label" in audit.reports[0]


# --- Registration -------------------------------------------------------------------------------


def test_registration_and_home_area_choice_have_no_wcag_violations(
    audit, page, live_server, smederij
):
    other = factories.SmederijFactory()
    factories.PostcodeFactory(code="7902").areas.add(smederij.area, other.area)

    audit.goto(reverse("smederijen:register"))
    submit_form(page)
    page.wait_for_selector("[data-error-summary]")
    audit.check()

    page.fill("#id_display_name", "Anna de Vries")
    page.fill("#id_email", "anna@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", "niet-hetzelfde")
    page.fill("#id_postcode", "1012 AB")  # outside Hoogeveen
    submit_form(page)
    page.wait_for_selector("[data-error-summary]")
    audit.check()

    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.fill("#id_postcode", "7902 CD")  # on the border of two areas
    submit_form(page)
    assert page.url == live_server.url + reverse("smederijen:register-sent")
    audit.check()

    # Logging in, in the same browser, offers the two areas of the postcode.
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Inloggen").click()
    page.fill("#id_username", "anna@example.org")
    page.fill("#id_password", PASSWORD)
    submit_form(page, "form:has(#id_username) button[type=submit]")
    audit.goto(reverse("smederijen:home-area"))
    assert page.locator("main input[type=radio]").count() == 2

    audit.assert_clean()


# --- Proposals ----------------------------------------------------------------------------------


@pytest.fixture
def budget_years(transactional_db):
    return [factories.BudgetYearFactory(year=year) for year in (2013, timezone.localdate().year)]


def test_new_proposal_form_has_no_wcag_violations_and_fits_320_pixels(
    audit, page, narrow_page, live_server, resident, budget_years
):
    log_in_with_cookie(page, live_server, resident)
    audit.goto(reverse("projecten:proposal-create"))
    page.fill("#id_title", "Jeu de boules baan")
    submit_form(page, "main form button[name=submit]")
    page.wait_for_selector("[data-error-summary]")
    audit.check()
    audit.assert_clean()

    log_in_with_cookie(narrow_page, live_server, resident)
    narrow_page.goto(live_server.url + reverse("projecten:proposal-create"))
    assert_fits(narrow_page, "empty proposal form")
    narrow_page.fill("#id_title", "Jeu de boules baan")
    submit_form(narrow_page, "main form button[name=submit]")
    narrow_page.wait_for_selector("[data-error-summary]")
    assert_fits(narrow_page, "proposal form with errors")


def _attach(proposal, *, kind, name, content_type, data, user):
    from django.core.files.base import ContentFile

    attachment = Attachment(
        proposal=proposal,
        kind=kind,
        original_name=name,
        content_type=content_type,
        size=len(data),
        publish_consent=True,
        uploaded_by=user,
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def submitted(smederij, resident, budget_years):
    """A handed-in proposal taken in review, with supporters, comments and attachments."""
    proposal = factories.ProposalFactory(
        smederij=smederij,
        submitter=resident,
        year=2013,
        title="Jeu de boules baan bij het Wolfsbos",
        description="Een jeu de boules baan naast het buurthuis, voor jong en oud.",
        social_side="Ouderen en jongeren spelen samen; de club houdt de baan bij.",
        location="Naast buurthuis De Schakel",
        eigen_inzet="Wij leggen de baan zelf aan met de buurtvereniging.",
        draagvlak="32 buren tekenden de lijst.",
        start_date=datetime.date(2013, 5, 1),
        end_date=datetime.date(2013, 9, 30),
        amount_requested=Decimal("1200.00"),
    )
    factories.BudgetLineFactory(proposal=proposal, description="Baan", amount=Decimal("1500.00"))
    proposal = proposal_submit(proposal=proposal, actor=resident)
    professional = factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user
    proposal = proposal_start_review(proposal=proposal, actor=professional)
    for body in ("Goed idee, ik help mee!", "Kan de baan ook verlicht worden?"):
        neighbour = factories.ResidentFactory(home_area=smederij.area)
        support_add(proposal=proposal, actor=neighbour)
        comment_create(proposal=proposal, actor=neighbour, body=body)
    _attach(
        proposal,
        kind="quote",
        name="offerte.pdf",
        content_type="application/pdf",
        data=PDF_BYTES,
        user=resident,
    )
    _attach(
        proposal,
        kind="photo",
        name="foto.png",
        content_type="image/png",
        data=image_bytes(),
        user=resident,
    )
    proposal.refresh_from_db()
    return proposal


def test_proposal_pages_of_a_resident_have_no_wcag_violations(
    audit, page, live_server, smederij, resident, submitted
):
    log_in_with_cookie(page, live_server, resident)
    audit.goto(submitted.get_absolute_url())
    assert page.locator("#timeline").count() == 1
    audit.goto(reverse("projecten:my-proposals"))
    slug_url = reverse("projecten:smederij-proposals", args=[smederij.slug])
    audit.goto(slug_url)
    audit.goto(slug_url + "?q=baan&status=in_review&klap=korte&theme=ontmoeting&year=2013")
    audit.goto(slug_url + "?status=niet-bestaand", status=200)

    # A neighbour sees the support button.
    log_in_with_cookie(page, live_server, factories.ResidentFactory(home_area=smederij.area))
    audit.goto(submitted.get_absolute_url())
    assert page.locator("#steun button").count() == 1

    audit.assert_clean()


def test_an_untouched_required_comment_box_does_not_look_invalid(
    page, live_server, smederij, submitted
):
    log_in_with_cookie(page, live_server, factories.ResidentFactory(home_area=smederij.area))
    page.goto(live_server.url + submitted.get_absolute_url())
    box = page.locator("#reacties textarea")
    assert box.evaluate("box => box.required && box.matches(':invalid')")
    style = "box => [getComputedStyle(box).backgroundColor, getComputedStyle(box).borderColor]"
    untouched = box.evaluate(style)
    box.evaluate("box => box.setAttribute('aria-invalid', 'true')")
    assert box.evaluate(style) != untouched, "only a field the server marks shows the error style"


# --- Review, vote, decision and money -----------------------------------------------------------


def test_review_queue_and_advice_form_have_no_wcag_violations(
    audit, page, live_server, smederij, submitted
):
    professional = factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user
    log_in_with_cookie(page, live_server, professional)
    audit.goto(reverse("projecten:review-queue"))
    assert page.get_by_text(submitted.title).count() >= 1
    audit.goto(reverse("projecten:advice-give", args=[submitted.pk]))
    submit_form(page)
    page.wait_for_selector("[data-error-summary]")
    audit.check()
    audit.assert_clean()


def test_vote_page_of_an_initiatiefgroep_member_has_no_wcag_violations(
    audit, page, live_server, smederij, submitted
):
    gebiedsregisseur = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    factories.DecisionMethodFactory(smederij=smederij, year=2013)
    vote = vote_open(
        proposal=submitted,
        actor=gebiedsregisseur,
        closes_at=timezone.now() + datetime.timedelta(days=7),
    )
    member = factories.ResidentFactory(home_area=smederij.area)
    factories.InitiatiefgroepMembershipFactory(user=member, smederij=smederij)

    log_in_with_cookie(page, live_server, member)
    audit.goto(reverse("projecten:vote-detail", args=[vote.pk]))
    assert page.locator("main input[type=radio]").count() >= 3
    submit_form(page)
    page.wait_for_selector("[data-error-summary]")
    audit.check()
    audit.assert_clean()


def test_decision_money_and_letter_pages_have_no_wcag_violations(
    audit, page, live_server, smederij, resident, budget_years, time_machine
):
    time_machine.move_to(DECISION_DAY)
    factories.SmederijShareFactory(
        budget_year=budget_years[0], smederij=smederij, amount=Decimal("7500.00")
    )
    gebiedsregisseur = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    deciding = make_deciding(smederij, resident)
    closed_vote(deciding)
    approved = make_deciding(smederij, resident, title="Zomerfeest in de Krakeel")
    closed_vote(approved)
    proposal_approve(
        proposal=approved,
        actor=gebiedsregisseur,
        amount=Decimal("1000.00"),
        conditions="Met de buren.",
    )
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.APPROVED

    log_in_with_cookie(page, live_server, gebiedsregisseur)
    audit.goto(reverse("projecten:decision", args=[deciding.pk]))
    assert page.locator("main form").count() >= 1
    audit.goto(reverse("projecten:money", args=[approved.pk]))
    audit.goto(reverse("projecten:decision-letter", args=[approved.pk]))
    audit.goto(approved.get_absolute_url())
    audit.assert_clean()


# --- The election -------------------------------------------------------------------------------


@pytest.fixture
def election(smederij):
    year = timezone.localdate().year
    factories.SmederijShareFactory(
        budget_year=factories.BudgetYearFactory(year=year),
        smederij=smederij,
        amount=Decimal("7500.00"),
    )
    gebiedsregisseur = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    election_round = make_round(smederij, gebiedsregisseur)
    titles = ("Speeltuin opknappen", "Buurtmoestuin", "Bankjes bij de vijver", "Zomerfeest")
    for title, amount in zip(titles, ("2000.00", "1500.00", "1000.00", "750.00"), strict=True):
        make_idea(election_round, amount, title=title)
    return election_round


def ballot_url(name, election_round):
    return reverse(f"projecten:election:{name}", args=[election_round.pk])


def test_ballot_review_receipt_and_result_have_no_wcag_violations(
    audit, page, live_server, smederij, resident, election, time_machine
):
    log_in_with_cookie(page, live_server, resident)
    audit.goto(ballot_url("ballot", election))
    checkboxes = page.locator("main input[type=checkbox]")
    checkboxes.nth(0).check()
    checkboxes.nth(1).check()
    page.check("#id_age_confirmed")
    submit_form(page)
    assert page.url == live_server.url + ballot_url("ballot", election)
    audit.check()  # the review page

    submit_form(page, "main form button.utrecht-button--primary-action")
    assert page.url == live_server.url + ballot_url("receipt", election)
    audit.check()

    time_machine.move_to(election.closes_at + datetime.timedelta(minutes=1))
    election_services.close_due_rounds()
    audit.goto(ballot_url("result", election))
    audit.assert_clean()


def test_ballot_with_errors_has_no_wcag_violations(audit, page, live_server, resident, election):
    log_in_with_cookie(page, live_server, resident)
    audit.goto(ballot_url("ballot", election))
    submit_form(page)  # nothing chosen, no age statement
    page.wait_for_selector("[data-error-summary]")
    audit.check()
    audit.assert_clean()


def test_ballot_is_operable_with_the_keyboard_alone(page, live_server, resident, election):
    log_in_with_cookie(page, live_server, resident)
    page.goto(live_server.url + ballot_url("ballot", election))
    checkbox_ids = page.eval_on_selector_all(
        "main input[type=checkbox]", "boxes => boxes.map(box => box.id)"
    )
    assert len(checkbox_ids) == 5  # four ideas and the age statement

    reached, submit_reached = [], False
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "[document.activeElement.id, document.activeElement.type,"
            " document.activeElement.closest('form.hoogeveen-ballot, main form') !== null]"
        )
        if focused[1] == "checkbox" and focused[0] not in reached:
            reached.append(focused[0])
            page.keyboard.press("Space")
            assert page.is_checked(f"#{focused[0]}"), f"Space does not tick {focused[0]}"
        if focused[1] == "submit" and focused[2]:
            submit_reached = True
            break
    assert sorted(reached) == sorted(checkbox_ids), "Tab skips a checkbox"
    assert submit_reached, "Tab never reaches the submit button"

    # Space on a ticked box unticks it again.
    page.focus(f"#{reached[0]}")
    page.keyboard.press("Space")
    assert not page.is_checked(f"#{reached[0]}")


def test_ballot_fits_320_pixels(narrow_page, live_server, resident, election):
    log_in_with_cookie(narrow_page, live_server, resident)
    narrow_page.goto(live_server.url + ballot_url("ballot", election))
    assert_fits(narrow_page, "ballot")


# --- After funding: verantwoording, shared goods, groups ----------------------------------------


def test_after_funding_pages_have_no_wcag_violations(
    audit, page, live_server, smederij, resident, budget_years
):
    running = factories.ProposalFactory(
        smederij=smederij,
        submitter=resident,
        year=2013,
        status=ProposalStatus.IN_PROGRESS,
        submitted_at=timezone.now(),
        start_date=datetime.date(2013, 5, 1),
        end_date=datetime.date(2013, 9, 30),
        amount_requested=Decimal("1500.00"),
    )
    factories.BudgetLineFactory(
        proposal=running, description="Ballen en baan", amount=Decimal("1000.00"), position=0
    )
    factories.BudgetLineFactory(
        proposal=running, description="Openingsfeest", amount=Decimal("500.00"), position=1
    )
    group = factories.GroupFactory(area=smederij.area, name="Buurtvereniging Krakeel")
    factories.GroupMembershipFactory(group=group, user=resident)
    good = factories.SharedGoodFactory(smederij=smederij, name="Partytent", proposal=running)
    factories.SharedGoodFactory(smederij=smederij, name="Aggregaat")
    factories.BorrowRequestFactory(good=good, requested_by=resident)

    log_in_with_cookie(page, live_server, resident)
    audit.goto(reverse("projecten:accounting-create", args=[running.pk]))
    page.fill("#id_report", "")
    submit_form(page)
    page.wait_for_selector("[data-error-summary]")
    audit.check()
    audit.goto(reverse("projecten:shared-good-list", args=[smederij.slug]))
    audit.goto(reverse("smederijen:group-detail", args=[group.slug]))
    audit.goto(reverse("smederijen:my-groups"))
    audit.assert_clean()
