"""Tables and the proposal form read at every width (WCAG 1.4.10, decision 0025): at 320 CSS
pixels no page is wider than the window, and at 320 and 1280 no table cell breaks inside a
word or an amount ("Sme/derij", "€ 1.0/85,00"); axe finds no WCAG 2.1 A/AA violation.

The data is long on purpose: the longest area name of Hoogeveen, five-figure amounts, titles
of several long words.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projecten.decisions.services import proposal_approve
from projecten.models import ProposalStatus
from projecten.money.services import advance_pay
from tests import factories
from tests.browser.helpers import horizontal_overflow, log_in_with_cookie, wcag_violations
from tests.projecten.decisions_fixtures import DECISION_DAY, closed_vote, make_deciding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLES = [
    "Buurtrestaurant tegen eenzaamheid in het Dorpshuis Hollandscheveld",
    "Speeltuinvernieuwing met natuurspeelplaats achter de Kinderboerderij",
    "Jeu de boules baan",
]

# Every word (split on ordinary white space and after a hyphen, where a line may break; an
# amount's "€\u00a0" stays one word) of every table cell in <main> whose text takes more
# than one line: a word broken inside.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("main table td, main table th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const words = /[^ \\t\\n\\r-]+-?/g;
      let match;
      while ((match = words.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
        );
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

AMOUNT_LINES = """() => [...document.querySelectorAll("main .utrecht-table__cell--numeric")]
  .filter((cell) => cell.textContent.includes("€"))
  .map((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const lines = new Set(
      [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
    );
    return [cell.textContent.trim(), lines.size];
  })"""


@pytest.fixture
def world(transactional_db, time_machine):
    time_machine.move_to(DECISION_DAY)
    smederij = factories.SmederijFactory(area__name="Hollandscheveld", area__slug="hollandscheveld")
    budget_year = factories.BudgetYearFactory(year=2013)
    factories.SmederijShareFactory(
        budget_year=budget_year, smederij=smederij, amount=Decimal("45000.00")
    )
    resident = factories.ResidentFactory(
        home_area=smederij.area, display_name="Geertruida van Hollandscheveld-Oosterhof"
    )
    for title in LONG_TITLES:
        proposal = factories.ProposalFactory(
            smederij=smederij,
            submitter=resident,
            year=2013,
            title=title,
            summary="Een plek waar buren elkaar elke week ontmoeten en samen eten.",
            theme="ontmoeting",
            status=ProposalStatus.SUBMITTED,
            submitted_at=timezone.now() - datetime.timedelta(days=12),
            amount_requested=Decimal("12345.67"),
        )
        factories.BudgetLineFactory(proposal=proposal, amount=Decimal("12345.67"))
    gebiedsregisseur = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    approved = make_deciding(
        smederij, resident, amount="12345.67", title="Zomerfeest voor alle generaties"
    )
    factories.CoFundingFactory(
        proposal=approved, source="Stichting Welzijnswerk Hoogeveen", amount=Decimal("2500.00")
    )
    closed_vote(approved)
    proposal_approve(
        proposal=approved, actor=gebiedsregisseur, amount=Decimal("12345.67"), conditions=""
    )
    approved.refresh_from_db()
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount=Decimal("6172.83"))
    professional = factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user
    return {
        "smederij": smederij,
        "resident": resident,
        "professional": professional,
        "gebiedsregisseur": gebiedsregisseur,
        "approved": approved,
    }


def table_pages(world):
    return [
        (world["professional"], reverse("projecten:review-queue")),
        (
            world["professional"],
            reverse("projecten:smederij-proposals", args=[world["smederij"].slug]),
        ),
        (world["resident"], reverse("projecten:my-proposals")),
        (world["gebiedsregisseur"], reverse("projecten:money", args=[world["approved"].pk])),
        (world["resident"], world["smederij"].get_absolute_url()),
    ]


@pytest.mark.parametrize("width", [320, 1280])
def test_table_pages_fit_the_window_and_break_no_word_or_amount(
    browser, live_server, axe, world, width
):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    page = context.new_page()
    problems, reports = [], []
    try:
        for user, path in table_pages(world):
            log_in_with_cookie(page, live_server, user)
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            assert page.locator("main table").count() >= 1, f"{path}: no table"
            scroll, client = horizontal_overflow(page)
            if scroll > client:
                problems.append(f"{path}: {scroll}px wide in a {client}px window")
            if broken := page.evaluate(BROKEN_WORDS):
                problems.append(f"{path}: broken inside {broken}")
            for amount, lines in page.evaluate(AMOUNT_LINES):
                if lines != 1:
                    problems.append(f"{path}: {amount} takes {lines} lines")
            if report := wcag_violations(axe, page):
                reports.append(report)
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert not reports, "\n\n".join(reports)


def test_the_check_sees_a_word_broken_inside(narrow_page):
    # The check must fail on the old behaviour, or a green run would prove nothing.
    narrow_page.set_content(
        '<main><table style="width:60px;word-break:break-all"><tr>'
        "<td>Hollandscheveld</td></tr></table></main>"
    )
    assert narrow_page.evaluate(BROKEN_WORDS) == ["Hollandscheveld"]


def test_list_tables_stack_below_40em_with_each_cell_labelled(narrow_page, live_server, world):
    log_in_with_cookie(narrow_page, live_server, world["professional"])
    narrow_page.goto(live_server.url + reverse("projecten:review-queue"))

    cell = narrow_page.locator("main table td[data-label]").first
    assert cell.evaluate("c => getComputedStyle(c).display") == "grid"
    label = cell.evaluate("c => getComputedStyle(c, '::before').content")
    assert label == '"Smederij"'
    assert narrow_page.locator("main thead").evaluate("h => h.getBoundingClientRect().width") <= 1


def test_a_wide_table_scrolls_in_its_labelled_region_reachable_by_keyboard(
    narrow_page, live_server, world
):
    log_in_with_cookie(narrow_page, live_server, world["gebiedsregisseur"])
    narrow_page.goto(live_server.url + reverse("projecten:money", args=[world["approved"].pk]))

    region = narrow_page.locator("[role=region]:has(table[data-payments])")
    assert region.get_attribute("tabindex") == "0"
    label_id = region.get_attribute("aria-labelledby")
    assert narrow_page.locator(f"#{label_id}").inner_text() == "Betaald aan de initiatiefnemers"
    widths = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert widths[0] > widths[1], "the payments table fits: the region test proves nothing"
    region.focus()
    narrow_page.keyboard.press("ArrowRight")
    # The root scrolls smoothly (utrecht-root): wait for the region to move.
    narrow_page.wait_for_function(
        "r => r.scrollLeft > 0", arg=region.element_handle(), timeout=3000
    )


def test_proposal_form_fits_320_pixels_with_an_added_line_and_has_no_violations(
    browser, live_server, axe, world
):
    # Without JavaScript: the server adds the line.
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, locale="nl-NL", java_script_enabled=False
    )
    narrow_page = context.new_page()
    log_in_with_cookie(narrow_page, live_server, world["resident"])
    narrow_page.goto(live_server.url + reverse("projecten:proposal-create"))
    narrow_page.fill("#id_title", LONG_TITLES[0])
    narrow_page.fill("#id_lines-0-description", "Huur van de keuken van het dorpshuis")
    narrow_page.fill("#id_lines-0-amount", "12.345,67")

    with narrow_page.expect_navigation():
        narrow_page.click("button[name=add_line]")

    assert narrow_page.locator("input[name$='-description'][name^='lines-']").count() == 3
    assert narrow_page.input_value("#id_title") == LONG_TITLES[0]
    assert narrow_page.input_value("#id_lines-0-amount") == "12.345,67"
    scroll, client = horizontal_overflow(narrow_page)
    assert scroll <= client, f"{scroll}px wide in a {client}px window"
    # The radios stand left of their labels; the select draws the Utrecht arrow.
    radio = narrow_page.locator("#id_klap_0").bounding_box()
    radio_label = narrow_page.locator("label[for=id_klap_0]").bounding_box()
    assert radio["x"] + radio["width"] <= radio_label["x"]
    arrow = narrow_page.locator("#id_theme").evaluate("s => getComputedStyle(s).backgroundImage")
    assert "/static/img/select-arrow.svg" in arrow
    assert (
        narrow_page.evaluate(
            "fetch(getComputedStyle(document.querySelector('#id_theme')).backgroundImage"
            ".slice(5, -2)).then(r => r.status)"
        )
        == 200
    )
    context.close()
    # axe runs as script: check the page as it comes back, with JavaScript on.
    page = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL").new_page()
    log_in_with_cookie(page, live_server, world["resident"])
    page.goto(live_server.url + reverse("projecten:proposal-create"))
    page.click("button[name=add_line]")
    assert horizontal_overflow(page)[0] <= horizontal_overflow(page)[1]
    report = wcag_violations(axe, page)
    page.context.close()
    assert not report, report


def test_add_line_with_javascript_adds_the_line_in_place_and_the_save_keeps_it(
    page, live_server, world
):
    log_in_with_cookie(page, live_server, world["resident"])
    page.goto(live_server.url + reverse("projecten:proposal-create"))
    page.fill("#id_title", "Koffieochtend in het dorpshuis")
    page.check("#id_klap_0")
    url = page.url

    page.click("button[name=add_line]")
    page.click("button[name=add_line]")

    assert page.url == url  # no round trip
    assert page.locator("[data-budget] .hoogeveen-line").count() == 4
    assert page.evaluate("document.activeElement.id") == "id_lines-3-description"
    assert page.locator("[data-budget] .hoogeveen-line").last.get_attribute("aria-label") == (
        "Begrotingsregel 4"
    )
    assert page.locator("label[for=id_lines-3-amount]").count() == 1
    page.fill("#id_lines-3-description", "Koffie en thee")
    page.fill("#id_lines-3-amount", "45,50")
    assert page.locator("[data-budget-total]").inner_text() == "€\u00a045,50"
    with page.expect_navigation():
        page.click("main form button[name=save]")
    assert "Er ging iets mis" not in page.content(), page.locator("main").inner_text()

    proposal = world["resident"].proposals.get(title="Koffieochtend in het dorpshuis")
    assert list(proposal.budget_lines.values_list("description", "amount")) == [
        ("Koffie en thee", Decimal("45.50"))
    ]
