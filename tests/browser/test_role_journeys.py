"""Every role reaches its main jobs from the home page by visible links, and does them.

Each journey starts at `/` and goes on only by clicking links and buttons a person sees
(`get_by_role`), the way a resident on a phone would; no `goto` after the start. On every
page it reaches, the journey asserts axe's WCAG 2.1 A/AA report is empty and that the page
is no wider than a 320 px screen (WCAG 1.4.10), and writes a screenshot at 1280 and at 375
px under test-results/journeys/<journey>/ for a person to look at.

The world is built with factories and the services, in the current year: the journeys
must not depend on the demo, whose data may change.
"""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from projecten.models import AssessmentVote, Proposal, ProposalStatus
from projecten.participation.services import comment_create, support_add
from projecten.proposals.services import proposal_submit
from projecten.review.services import proposal_start_review
from projecten.votes.services import vote_open
from smederijen.models import InitiatiefgroepJoinRequest
from tests import factories
from tests.browser.helpers import log_in_with_cookie, wcag_violations
from tests.projecten.decisions_fixtures import closed_vote
from tests.projecten.election.conftest import make_idea, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "test-results" / "journeys"
NARROW, PHONE, WIDE = 320, 375, 1280


def later(days: int) -> datetime.date:
    """A day soon, inside this year: a korte klap project ends within its budget year."""
    today = timezone.localdate()
    return min(today + datetime.timedelta(days=days), datetime.date(today.year, 12, 31))


class Journey:
    """A person's way through the site: clicks only, every page checked and photographed."""

    def __init__(self, name, page, axe, live_server):
        self.name, self.page, self.axe, self.live_server = name, page, axe, live_server
        self.step = 0
        self.visited: list[str] = []
        (SHOTS / name).mkdir(parents=True, exist_ok=True)

    def start(self, user=None):
        if user is not None:
            log_in_with_cookie(self.page, self.live_server, user)
        response = self.page.goto(self.live_server.url + "/")
        assert response.status == 200
        self.check("start")
        return self

    def click(self, role: str, name, *, within: str = "body"):
        """Click the visible link or button of that role and accessible name, then check."""
        target = self.page.locator(within).get_by_role(role, name=name).filter(visible=True)
        assert target.count() >= 1, f"{self.name}: no visible {role} {name!r} on {self.page.url}"
        with self.page.expect_navigation():
            target.first.click()
        self.check(getattr(name, "pattern", name))

    def submit(self, name):
        self.click("button", name, within="main")

    def check(self, label: str):
        page = self.page
        assert page.locator("body").count() == 1
        self.step += 1
        self.visited.append(page.url.removeprefix(self.live_server.url))
        report = wcag_violations(self.axe, page)
        assert not report, f"{self.name} step {self.step} ({label}):\n{report}"
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40] or "page"
        for width in (WIDE, PHONE, NARROW):
            page.set_viewport_size({"width": width, "height": 900})
            if width == NARROW:
                wide, seen = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                assert wide <= seen, (
                    f"{self.name} step {self.step} ({label}) {page.url}: "
                    f"{wide}px wide on a {seen}px screen"
                )
            else:
                page.screenshot(
                    path=SHOTS / self.name / f"{self.step:02d}-{slug}-{width}.png", full_page=True
                )
        page.set_viewport_size({"width": WIDE, "height": 900})

    def sees(self, text) -> bool:
        return self.page.locator("main").get_by_text(text).count() > 0


@pytest.fixture
def journey(page, axe, live_server, request):
    def make(name):
        return Journey(name, page, axe, live_server)

    return make


# --- The world: one Smederij in the current year, with work waiting for every role ----------


@pytest.fixture
def world(transactional_db):
    year = timezone.localdate().year
    budget_year = factories.BudgetYearFactory(year=year)
    smederij = factories.SmederijFactory(area__name="Krakeel", area__slug="krakeel")
    factories.SmederijShareFactory(
        budget_year=budget_year, smederij=smederij, amount=Decimal("9800.00")
    )
    factories.DecisionMethodFactory(smederij=smederij, year=year)
    resident = factories.ResidentFactory(home_area=smederij.area, display_name="Anna de Vries")
    professional = factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user
    gebiedsregisseur = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    members = [
        factories.InitiatiefgroepMembershipFactory(
            user=factories.ResidentFactory(home_area=smederij.area), smederij=smederij
        ).user
        for _ in range(3)
    ]
    stuurgroep = factories.StuurgroepMembershipFactory().user
    beheerder = factories.UserFactory(is_staff=True, is_superuser=True)
    today = timezone.localdate()

    def proposal(title, **fields):
        values = {
            "smederij": smederij,
            "submitter": resident,
            "year": year,
            "title": title,
            "summary": f"{title}: voor en door de buurt.",
            "description": f"{title}, uitgewerkt met de buren.",
            "social_side": "Buren ontmoeten elkaar.",
            "location": "Bij het buurthuis",
            "eigen_inzet": "Wij doen het werk zelf.",
            "draagvlak": "Twintig buren tekenden.",
            "theme": "ontmoeting",
            "start_date": today,
            "end_date": later(25),
            "amount_requested": Decimal("1200.00"),
        }
        values.update(fields)
        made = factories.ProposalFactory(**values)
        factories.BudgetLineFactory(proposal=made, amount=made.amount_requested)
        return made

    # Waiting for the wijkteam's advice, with neighbours who support and comment.
    in_review = proposal_submit(proposal=proposal("Jeu de boules baan"), actor=resident)
    in_review = proposal_start_review(proposal=in_review, actor=professional)
    for body in ("Goed idee, ik help mee!", "Kan de baan ook verlicht worden?"):
        neighbour = factories.ResidentFactory(home_area=smederij.area)
        support_add(proposal=in_review, actor=neighbour)
        comment_create(proposal=in_review, actor=neighbour, body=body)
    # An open vote of the initiatiefgroep.
    voting = proposal_submit(proposal=proposal("Buurtmoestuin"), actor=resident)
    voting = proposal_start_review(proposal=voting, actor=professional)
    vote_open(
        proposal=voting, actor=gebiedsregisseur, closes_at=timezone.now() + datetime.timedelta(7)
    )
    # A lange klap proposal on the stuurgroep's agenda.
    lange = proposal_submit(
        proposal=proposal(
            "Nieuw buurthuis",
            klap="lange",
            amount_requested=Decimal("40000"),
            end_date=timezone.localdate() + datetime.timedelta(days=400),
            goal="Een buurthuis voor alle leeftijden.",
            duration="Twee jaar",
            partners="Actium, Stichting Welzijnswerk",
            success_measure="Elke week drie activiteiten.",
        ),
        actor=resident,
    )
    lange = proposal_start_review(proposal=lange, actor=professional)
    vote_open(
        proposal=lange, actor=gebiedsregisseur, closes_at=timezone.now() + datetime.timedelta(7)
    )
    # Being decided: the initiatiefgroep adopted it.
    deciding = proposal(
        "Zomerfeest in de Krakeel", status=ProposalStatus.DECIDING, submitted_at=timezone.now()
    )
    closed_vote(deciding)
    # A Smederij election open for voting (a separate Smederij keeps its method apart).
    other = factories.SmederijFactory(area__name="Elim", area__slug="elim")
    factories.SmederijShareFactory(budget_year=budget_year, smederij=other)
    factories.DecisionMethodFactory(smederij=other, year=year, method="election")
    voter = factories.ResidentFactory(home_area=other.area, display_name="Bram Bakker")
    election = make_round(other, gebiedsregisseur)
    for title, amount in (("Speeltuin opknappen", "2000"), ("Bankjes bij de vijver", "1000")):
        make_idea(election, amount, title=title)
    # A Smederij of the same wijkteam that has not started deciding this year.
    factories.SmederijFactory(area__name="Zuid", area__slug="zuid", wijkteam=smederij.wijkteam)
    # Someone who asked to join the initiatiefgroep.
    InitiatiefgroepJoinRequest.objects.create(
        smederij=smederij, user=factories.ResidentFactory(home_area=smederij.area)
    )
    return {
        "smederij": smederij,
        "resident": resident,
        "professional": professional,
        "gebiedsregisseur": gebiedsregisseur,
        "member": members[0],
        "stuurgroep": stuurgroep,
        "beheerder": beheerder,
        "in_review": in_review,
        "voting": voting,
        "lange": lange,
        "deciding": deciding,
        "voter": voter,
        "election": election,
        "year": year,
    }


# --- Visitor ------------------------------------------------------------------------------------


def test_a_visitor_finds_a_smederij_its_elections_and_how_to_join(journey, world):
    j = journey("bezoeker").start()
    j.click("link", "Krakeel", within="main")
    assert j.sees("Doe mee")
    j.click("link", "Verkiezingen en uitslagen")
    j.click("link", "Start")
    j.click("link", "Maak een account en doe mee")
    assert j.page.locator("#id_email").count() == 1


# --- Resident -----------------------------------------------------------------------------------


def _fill_proposal(page):
    page.check("#id_klap_0")
    page.fill("#id_title", "Pierenbadje in het park")
    page.fill("#id_summary", "Een ondiep badje voor de kleintjes, in de zomer open.")
    page.fill("#id_description", "Wij willen een pierenbadje bij de speeltuin voor de kinderen.")
    page.fill("#id_social_side", "Ouders ontmoeten elkaar; de kinderen spelen samen.")
    page.select_option("#id_theme", index=1)
    page.fill("#id_location", "Speeltuin aan de Vijverlaan")
    page.fill("#id_start_date", later(5).isoformat())
    page.fill("#id_end_date", later(25).isoformat())
    page.fill("#id_eigen_inzet", "Wij houden het badje schoon en vullen het elke ochtend.")
    page.fill("#id_draagvlak", "Twintig ouders tekenden de lijst.")
    page.fill("#id_lines-0-description", "Badje en tegels")
    page.fill("#id_lines-0-amount", "850,00")
    page.fill("#id_amount_requested", "850,00")


def test_a_resident_sends_in_an_idea_and_follows_it(journey, world):
    j = journey("bewoner-aanvraag").start(world["resident"])
    j.click("link", "Dien een idee in", within="main")
    _fill_proposal(j.page)
    j.submit(re.compile("Aanvraag indienen"))
    proposal = Proposal.objects.get(title="Pierenbadje in het park")
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.amount_requested == Decimal("850.00")
    j.click("link", "Mijn aanvragen", within="nav")
    j.click("link", "Pierenbadje in het park", within="main")
    assert j.page.url.endswith(proposal.get_absolute_url())


def test_a_resident_votes_in_the_election_of_their_smederij(journey, world):
    election = world["election"]
    j = journey("bewoner-verkiezing").start(world["voter"])
    j.click("link", "Smederij Elim", within="main")
    # While it is open, the Smederij page leads straight to the ballot ...
    assert j.page.locator("main").get_by_role("link", name="Stem in de verkiezing").count() == 1
    # ... and the election's own page, where its rules stand, does too.
    j.click("link", "Verkiezingen en uitslagen")
    j.click("link", re.compile(f"Verkiezing {world['year']}"), within="main")
    j.click("link", re.compile("^Stem"), within="main")
    j.page.locator("main input[type=checkbox]").first.check()
    j.page.check("#id_age_confirmed")
    j.submit(re.compile("."))
    j.page.locator("main form button.utrecht-button--primary-action").click()
    j.page.wait_for_url(re.compile("ontvangstbewijs"))
    j.check("ontvangstbewijs")
    assert election.participations.count() == 1


def test_a_resident_supports_and_comments_on_an_idea_of_the_area(journey, world):
    neighbour = factories.ResidentFactory(home_area=world["smederij"].area)
    j = journey("bewoner-steunen").start(neighbour)
    j.click("link", "Smederij Krakeel", within="main")
    j.click("link", "Aanvragen", within="main")
    j.click("link", "Jeu de boules baan", within="main")
    j.submit(re.compile("Steun", re.I))
    j.page.locator("#reacties textarea").fill("Mooi plan, ik kom helpen.")
    j.submit(re.compile("Plaats|reactie", re.I))
    assert world["in_review"].comments.filter(body="Mooi plan, ik kom helpen.").exists()


# --- Initiatiefgroep ------------------------------------------------------------------------------


def test_an_initiatiefgroep_member_votes_and_answers_a_request_to_join(journey, world):
    j = journey("initiatiefgroep").start(world["member"])
    j.click("link", "Stemmingen", within="nav")
    j.click("link", "Buurtmoestuin", within="main")
    j.page.locator("main input[type=radio]").first.check()
    j.submit(re.compile("."))
    assert AssessmentVote.objects.get(proposal=world["voting"]).casts.count() == 1
    j.click("link", "Mijn overzicht", within="nav")
    j.click("link", "Initiatiefgroep en aanmeldingen", within="main")
    assert j.page.locator("main form").count() >= 1


# --- Professional -------------------------------------------------------------------------------


def test_a_professional_gives_advice_from_the_review_queue(journey, world):
    j = journey("wijkteam").start(world["professional"])
    j.click("link", "Beoordelen", within="nav")
    j.click("link", "Jeu de boules baan", within="main")
    j.click("link", "Advies geven", within="main")
    # Positive advice, and "4 – goed" on each of the four criteria.
    names = j.page.eval_on_selector_all(
        "main input[type=radio]", "radios => [...new Set(radios.map(radio => radio.name))]"
    )
    for name in names:
        options = j.page.locator(f"main input[type=radio][name={name}]")
        (options.nth(3) if options.count() >= 4 else options.first).check()
    j.page.locator("main textarea").first.fill("Past goed bij de buurt; let op de verlichting.")
    j.submit(re.compile("."))
    assert world["in_review"].advices.count() == 1


# --- Gebiedsregisseur ---------------------------------------------------------------------------


def test_a_gebiedsregisseur_decides_and_grants_the_money(journey, world):
    j = journey("gebiedsregisseur-besluit").start(world["gebiedsregisseur"])
    j.click("link", "Beoordelen", within="nav")
    j.click("link", "Zomerfeest in de Krakeel", within="main")
    j.click("link", "Besluit over deze aanvraag", within="main")
    j.page.get_by_label("Toegekend bedrag").fill("1000,00")
    j.submit("Goedkeuren")
    deciding = world["deciding"]
    deciding.refresh_from_db()
    assert deciding.status == ProposalStatus.APPROVED
    j.click("link", "Terug naar de aanvraag", within="main")
    j.click("link", "Geld", within="main")


def test_a_gebiedsregisseur_finds_votes_verantwoordingen_and_sets_up_an_election(journey, world):
    j = journey("gebiedsregisseur-werk").start(world["gebiedsregisseur"])
    j.click("link", "Stemmingen", within="nav")
    j.click("link", "Mijn overzicht", within="nav")
    j.click("link", "Verantwoordingen", within="main")
    j.click("link", "Mijn overzicht", within="nav")
    j.click("link", "Hoe elke Smederij beslist", within="main")
    section = j.page.locator("main section", has_text="Smederij Zuid")
    section.locator("select").first.select_option("election")
    with j.page.expect_navigation():
        section.locator("button[type=submit]").first.click()
    j.check("beslismethode")
    j.click("link", re.compile("Zet de verkiezing van"), within="main")
    assert j.page.locator("main form").count() == 1


# --- Stuurgroep and administrator ---------------------------------------------------------------


def test_a_stuurgroep_member_votes_on_a_lange_klap_project(journey, world):
    j = journey("stuurgroep").start(world["stuurgroep"])
    j.click("link", "Stemmingen", within="nav")
    j.click("link", "Nieuw buurthuis", within="main")
    j.page.locator("main input[type=radio]").first.check()
    j.submit(re.compile("."))
    assert AssessmentVote.objects.get(proposal=world["lange"]).casts.count() == 1


def test_the_administrator_reaches_the_administration(journey, world):
    j = journey("beheerder").start(world["beheerder"])
    j.click("link", "Beheer", within="nav")
    assert j.page.url.endswith(reverse("admin:index"))


# --- The keyboard alone -------------------------------------------------------------------------


def _tab_to(page, predicate: str, limit: int = 80):
    """Press Tab until the focused element matches the JS predicate `el => ...`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {predicate}")


def test_the_proposal_journey_with_the_keyboard_alone(page, live_server, world):
    log_in_with_cookie(page, live_server, world["resident"])
    page.goto(live_server.url + "/")
    _tab_to(page, "el => el.tagName === 'A' && el.textContent.trim() === 'Dien een idee in'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Every field is reached with Tab, in the order of the form; type into each.
    typed = {
        "id_title": "Bankje bij de vijver",
        "id_summary": "Een bankje om even uit te rusten.",
        "id_description": "Een stevig bankje aan de vijver voor wandelaars.",
        "id_social_side": "Buren maken een praatje.",
        "id_location": "Vijver in het park",
        "id_eigen_inzet": "Wij schilderen het bankje elk voorjaar.",
        "id_draagvlak": "Tien buren zeggen ja.",
        "id_lines-0-description": "Bankje",
        "id_lines-0-amount": "400,00",
        "id_amount_requested": "400,00",
    }
    # A date field takes its digits in the browser's own order (day or month first, by the
    # browser's language, not the page's): a day whose day and month are equal reads the
    # same either way. Korte klap may start earlier in its budget year.
    today = timezone.localdate()
    same = datetime.date(today.year, today.month, today.month)
    dates = {"id_start_date": same, "id_end_date": same}
    reached = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "[document.activeElement.id, document.activeElement.type,"
            " document.activeElement.tagName, document.activeElement.textContent.trim()]"
        )
        element_id, tag, text = focused[0], focused[2], focused[3]
        if element_id in typed and element_id not in reached:
            page.keyboard.type(typed[element_id])
        elif element_id in dates and element_id not in reached:
            day = dates[element_id]
            page.keyboard.type(f"{day.day:02d}{day.month:02d}{day.year}")
        elif element_id == "id_klap_0" and element_id not in reached:
            page.keyboard.press("Space")
        elif element_id == "id_theme" and element_id not in reached:
            page.keyboard.press("ArrowDown")
        reached.add(element_id)
        if tag == "BUTTON" and text == "Aanvraag indienen":
            break
    else:
        raise AssertionError("Tab never reached the submit button")
    assert set(typed) | set(dates) | {"id_theme"} <= reached, "Tab skips a field"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    proposal = Proposal.objects.filter(title="Bankje bij de vijver").first()
    assert proposal is not None, page.locator("main").inner_text()[:1500]
    assert proposal.status == ProposalStatus.SUBMITTED, page.locator("main").inner_text()[:800]
    assert proposal.start_date == dates["id_start_date"]
