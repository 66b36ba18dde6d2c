"""The demo's year: four Smederijen from 1 January until today, played through the services.

Nothing here writes a proposal, a vote or a euro itself: every step is the service a
person would call, with that person as the actor, at a moment of this year (see
`clock.py`). So the timeline, the audit rows, the budget's invariants and the
election's rules hold as they would on a real site.

- Krakeel decides by a Smederij election that is open now (online and paper ballots);
  the demo resident lives there and has not voted yet. Her lange klap project runs.
- Wolfsbos and Zuid decide by assessment: proposals in every step, an open vote of the
  initiatiefgroep, a vote waiting for the decision, and a lange klap for the stuurgroep.
- Hollandscheveld's election closed and was counted in spring; its funded ideas run,
  are accounted for and completed; a shared good is asked for by a group.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from budget.models import Grant
from budget.money import to_money
from budget.selectors import grant_balance
from projecten.accounting import services as accounting
from projecten.decisions import services as decisions
from projecten.demo.clock import DemoClock
from projecten.demo.files import demo_photo, demo_receipt
from projecten.demo.ideas import IDEAS_BY_TITLE, Idea
from projecten.election import services as election
from projecten.models import (
    Accounting,
    AssessmentVote,
    AttachmentKind,
    CoFundingStatus,
    ElectionMethod,
    ElectionRound,
    Klap,
    Proposal,
)
from projecten.money import services as money
from projecten.participation import services as participation
from projecten.proposals import services as proposals
from projecten.proposals.services import BudgetLineData, CoFundingData
from projecten.review import services as review
from projecten.shared_goods import services as shared_goods
from projecten.votes import services as votes
from smederijen.groups.services import group_register
from smederijen.models import GroupKind, Smederij, User

# The steps a proposal goes through, in order; a plan names the last one it reaches.
DRAFT, WITHDRAWN, SUBMITTED, CHANGES = "draft", "withdrawn", "submitted", "changes"
IN_REVIEW, VOTE_OPEN, VOTE_CLOSED = "in_review", "vote_open", "vote_closed"
REJECTED, DEFERRED, APPROVED = "rejected", "deferred", "approved"
IN_PROGRESS, LATE, ACCOUNTED, COMPLETED, CANCELLED = (
    "in_progress",
    "late",
    "accounted",
    "completed",
    "cancelled",
)
BALLOT = "ballot"  # handed in (and perhaps advised) before an election's ideas deadline

# The story's steps are this far apart (a fraction of the year so far: about three days
# on 1 December).
STEP = 0.01


@dataclass(frozen=True)
class Plan:
    smederij: str
    title: str
    submitter: str  # "bewoner", or the name of a resident of DEMO_RESIDENTS
    path: str
    begins: float  # when the draft is made, as a fraction of the year so far


PLANS: tuple[Plan, ...] = (
    # Krakeel: the election of this year is open; the resident's own proposals.
    Plan("Krakeel", "Buurtrestaurant tegen eenzaamheid", "bewoner", IN_PROGRESS, 0.08),
    Plan("Krakeel", "Pierenbadje bij de speeltuin", "Henk Mulder", BALLOT, 0.62),
    Plan("Krakeel", "Speeltoestel voor de kleintjes", "bewoner", CHANGES, 0.64),
    Plan("Krakeel", "Schoonmaakactie met de basisschool", "Annie Smit", BALLOT, 0.66),
    Plan("Krakeel", "Kerstmarkt op het plein", "bewoner", WITHDRAWN, 0.68),
    Plan("Krakeel", "Buurtfeest op het grasveld", "bewoner", BALLOT, 0.7),
    Plan("Krakeel", "Openluchtbioscoop in het park", "Jan Oosting", BALLOT, 0.72),
    Plan("Krakeel", "Kookworkshops voor alleenstaanden", "Gerda Boer", BALLOT, 0.75),
    Plan("Krakeel", "Opknappen van het trapveldje", "Roel Hoekstra", BALLOT, 0.8),
    Plan("Krakeel", "Taalcafé in de bibliotheek", "Sandra Wiersma", BALLOT, 0.83),
    Plan("Krakeel", "Muziekles voor kinderen in het buurthuis", "Dirk Bos", SUBMITTED, 0.95),
    Plan("Krakeel", "Moestuin voor de buurt", "bewoner", DRAFT, 0.97),
    # Wolfsbos: the initiatiefgroep assesses; the demo member has a vote to cast.
    Plan("Wolfsbos", "Jeu de boules baan bij het buurthuis", "Hennie Lubbers", COMPLETED, 0.05),
    Plan("Wolfsbos", "Biljarttafel voor de ouderensoos", "Gerard Vos", ACCOUNTED, 0.4),
    Plan("Wolfsbos", "Taalcafé in de bibliotheek", "Fatima El Amrani", IN_PROGRESS, 0.55),
    Plan("Wolfsbos", "Openluchtbioscoop in het park", "Kees Dijkstra", APPROVED, 0.7),
    Plan("Wolfsbos", "Kookworkshops voor alleenstaanden", "Hennie Lubbers", VOTE_CLOSED, 0.8),
    Plan("Wolfsbos", "Schoonmaakactie met de basisschool", "Gerard Vos", VOTE_OPEN, 0.85),
    Plan("Wolfsbos", "Moestuin voor de buurt", "Fatima El Amrani", IN_REVIEW, 0.88),
    Plan("Wolfsbos", "Hangplek voor jongeren", "Hennie Lubbers", CHANGES, 0.9),
    Plan("Wolfsbos", "Muziekles voor kinderen in het buurthuis", "Kees Dijkstra", SUBMITTED, 0.93),
    Plan("Wolfsbos", "Ontmoetingstuin bij de seniorenflat", "Gerard Vos", SUBMITTED, 0.95),
    # Zuid: assessment too; a late verantwoording, the unhappy endings, the stuurgroep's vote.
    Plan("Zuid", "Zomerkamp voor kinderen", "Gerrit Hofman", COMPLETED, 0.1),
    Plan("Zuid", "Speeltoestel voor de kleintjes", "Tonny Schuiling", LATE, 0.2),
    Plan("Zuid", "Burendag met rommelmarkt", "Ria Nijboer", CANCELLED, 0.3),
    Plan("Zuid", "Wandelgroep met een rollatorroute", "Gerrit Hofman", REJECTED, 0.45),
    Plan("Zuid", "Opknappen van het trapveldje", "Tonny Schuiling", DEFERRED, 0.6),
    Plan("Zuid", "Multifunctioneel sportveld", "Ria Nijboer", VOTE_OPEN, 0.8),
    Plan("Zuid", "Taalprogramma tegen taalachterstand", "Gerrit Hofman", IN_REVIEW, 0.85),
    Plan("Zuid", "Buurtfeest op het grasveld", "Ria Nijboer", SUBMITTED, 0.94),
    # Hollandscheveld: the election of the spring, counted; the order is the result's.
    Plan(
        "Hollandscheveld", "Geluidsinstallatie voor het dorpshuis", "Hendrik Lamberts", BALLOT, 0.1
    ),
    Plan("Hollandscheveld", "AED aan de gevel van het dorpshuis", "Geesje Koops", BALLOT, 0.11),
    Plan("Hollandscheveld", "Dorpsquiz", "Jos Seinen", BALLOT, 0.12),
    Plan("Hollandscheveld", "Kerstmarkt op het plein", "Marco Timmer", BALLOT, 0.14),
    Plan(
        "Hollandscheveld",
        "Verlichting op het fietspad naar de sportvelden",
        "Petra Dekker",
        BALLOT,
        0.16,
    ),
    Plan("Hollandscheveld", "Pierenbadje bij de speeltuin", "Willem Haveman", BALLOT, 0.18),
)

# The Krakeel election, open now, and the Hollandscheveld one, counted (fractions of the year).
OPEN_ROUND = {"created": 0.55, "ideas_deadline": 0.9, "opens": 0.92, "budget": "7500.00"}
COUNTED_ROUND = {
    "created": 0.08,
    "ideas_deadline": 0.25,
    "opens": 0.27,
    "closes": 0.32,
    "budget": "6000.00",
}
# Online ballots of the counted round: voter i chooses these ideas (index into its plans),
# so that the first ideas win; the paper tally of the evening adds these votes per idea.
COUNTED_BALLOTS = ((0, 1, 2), (0, 1, 3), (0, 2, 4), (0, 1, 5), (1, 2, 3), (0, 3, 4), (1, 2), (0, 1))
COUNTED_PAPER = {"ballots": 6, "votes": (4, 3, 3, 2, 1, 1)}
# What the funded ideas of the counted round reach, from the most votes down.
AFTER_COUNT = (COMPLETED, ACCOUNTED, IN_PROGRESS, APPROVED)
# The paper evening of the open round: ballots handed in and votes per idea on the ballot.
OPEN_PAPER_BALLOTS = 9

COMMENTS = (
    "Goed plan! Ik wil wel helpen met opbouwen.",
    "Hebben jullie al met de buren aan de overkant gesproken?",
    "Mijn kinderen zouden dit geweldig vinden.",
    "Is er ook aan de ouderen in de straat gedacht?",
    "Wij van de buurtvereniging doen graag mee.",
)
PROFESSIONAL_COMMENT = (
    "Mooi initiatief. Let op de vergunning als er iets in de openbare ruimte komt; "
    "ik denk graag mee."
)


def _money(low: int, high: int) -> Decimal:
    """A believable quote: the middle of the range, in whole fives."""
    return Decimal((low + high) // 2 // 5 * 5).quantize(Decimal("0.01"))


@dataclass
class Story:
    clock: DemoClock
    accounts: dict[str, User]
    residents: dict[str, list[User]]
    professionals: list[User]
    smederijen: dict[str, Smederij] = field(default_factory=dict)
    made: dict[tuple[str, str], Proposal] = field(default_factory=dict)

    # --- helpers ------------------------------------------------------------------------

    def at(self, fraction: float):
        return self.clock.travel(self.clock.at(fraction))

    @property
    def regisseur(self) -> User:
        return self.accounts["gebiedsregisseur"]

    def person(self, smederij: str, name: str) -> User:
        if name == "bewoner":
            return self.accounts["bewoner"]
        return next(u for u in self.residents[smederij] if u.display_name == name)

    def members(self, smederij: str) -> list[User]:
        """The initiatiefgroep, the demo member last (so that the others vote first)."""
        people = [u for u in self.residents[smederij] if u.initiatiefgroep_memberships.exists()]
        if smederij == "Wolfsbos":
            people.append(self.accounts["initiatiefgroep"])
        return people

    def neighbours(self, smederij: str, proposal: Proposal) -> list[User]:
        return [u for u in self.residents[smederij] if u.pk != proposal.submitter_id]

    def refresh(self, proposal: Proposal) -> Proposal:
        return Proposal.objects.get(pk=proposal.pk)

    # --- the proposal's steps -------------------------------------------------------------

    def _dates(self, plan: Plan, idea: Idea):
        clock, t = self.clock, plan.begins
        if plan.smederij == "Hollandscheveld" and self.ballot_plans(plan.smederij).index(plan) < 2:
            # The winners of the spring election: done and accounted for by the summer.
            closes = COUNTED_ROUND["closes"]
            return clock.date(closes + 3 * STEP), clock.date(closes + 12 * STEP)
        if plan.path in (COMPLETED, ACCOUNTED, CANCELLED):
            return clock.date(t + 10 * STEP), clock.date(t + 16 * STEP)
        if plan.path == LATE:
            # Ended long enough ago that the four weeks for the verantwoording have passed.
            return clock.date(t + 10 * STEP), clock.date(t + 12 * STEP)
        if idea.klap == Klap.LANGE:
            start = clock.date(min(t + 10 * STEP, 1.0))
            return start, clock.now.date() + datetime.timedelta(days=300)
        end = clock.days_from_now(30)
        return min(clock.date(min(t + 10 * STEP, 1.0)), end), end

    def draft(self, plan: Plan) -> Proposal:
        idea = IDEAS_BY_TITLE[plan.title]
        submitter = self.person(plan.smederij, plan.submitter)
        lines = [BudgetLineData(what, _money(low, high)) for what, low, high in idea.lines]
        total = sum((line.amount for line in lines), Decimal("0.00"))
        share = Decimal("0.15") if idea.klap == Klap.LANGE else Decimal("0.10")
        co_funding = [
            CoFundingData(kind, source, (total * share).quantize(Decimal("1")), status)
            for (kind, source), status in zip(
                idea.co_funding[: 2 if idea.klap == Klap.LANGE else 1],
                (CoFundingStatus.PROMISED, CoFundingStatus.RECEIVED),
                strict=False,
            )
        ]
        asked = total - sum((c.amount for c in co_funding), Decimal("0"))
        start, end = self._dates(plan, idea)
        with self.at(plan.begins):
            return proposals.proposal_create_draft(
                actor=submitter,
                fields={
                    "klap": idea.klap,
                    "year": self.clock.year,
                    "title": idea.title,
                    "summary": idea.summary,
                    "description": f"{idea.summary} {idea.social_side}",
                    "social_side": idea.social_side,
                    "theme": idea.theme,
                    "location": f"{plan.smederij}, bij het buurthuis",
                    "changes_public_space": idea.changes_public_space,
                    "start_date": start,
                    "end_date": end,
                    "eigen_inzet": "Een vaste groep bewoners regelt het, met een rooster.",
                    "draagvlak": "Besproken op de bewonersavond; veertig handtekeningen.",
                    "amount_requested": to_money(asked),
                    "goal": idea.goal,
                    "duration": idea.duration,
                    "partners": idea.partners,
                    "success_measure": idea.success_measure,
                },
                budget_lines=lines,
                co_funding=co_funding,
            )

    def submit(self, plan: Plan, proposal: Proposal) -> None:
        t = plan.begins + STEP
        with self.at(t):
            proposal = proposals.proposal_submit(proposal=proposal, actor=proposal.submitter)
        # The area reacts: supports from the neighbours, a comment or two.
        neighbours = self.neighbours(plan.smederij, proposal)
        seed = len(plan.title)
        with self.at(t + STEP / 2):
            for neighbour in neighbours[seed % 3 :: 2]:
                participation.support_add(proposal=proposal, actor=neighbour)
            participation.comment_create(
                proposal=proposal,
                actor=neighbours[seed % len(neighbours)],
                body=COMMENTS[seed % len(COMMENTS)],
            )
        if plan.smederij != "Hollandscheveld" and seed % 2:
            with self.at(t + STEP * 0.7):
                participation.comment_create(
                    proposal=proposal,
                    actor=self.accounts["professional"],
                    body=PROFESSIONAL_COMMENT,
                )

    def professional_for(self, smederij: str) -> User:
        return self.professionals[1] if smederij == "Hollandscheveld" else self.professionals[0]

    def advise(self, plan: Plan, proposal: Proposal, *, also_the_demo_professional: bool) -> None:
        advisers = [self.professional_for(plan.smederij)]
        if also_the_demo_professional:
            advisers.append(self.accounts["professional"])
        for i, adviser in enumerate(advisers):
            with self.at(plan.begins + 3 * STEP + i * STEP / 3):
                review.advice_give(
                    proposal=proposal,
                    actor=adviser,
                    recommendation="negative" if plan.path == REJECTED else "positive",
                    motivation=(
                        "Past goed bij de criteria: sociaal, met draagvlak en eigen inzet."
                        if plan.path != REJECTED
                        else "Weinig draagvlak in de buurt en de begroting is niet onderbouwd."
                    ),
                    score_liveability=4 if plan.path != REJECTED else 2,
                    score_draagvlak=4 if plan.path != REJECTED else 1,
                    score_feasibility=3,
                    score_eigen_inzet=4 if plan.path != REJECTED else 2,
                )

    def vote(self, plan: Plan, proposal: Proposal, *, open_now: bool) -> AssessmentVote:
        t = plan.begins + 5 * STEP
        closes_at = self.clock.closing_moment(6) if open_now else self.clock.at(t + 2 * STEP)
        with self.at(t):
            vote = votes.vote_open(proposal=proposal, actor=self.regisseur, closes_at=closes_at)
        if proposal.klap == Klap.LANGE:
            voters = (
                []
                if open_now
                else [self.accounts["stuurgroep"], self.accounts["stuurgroep-bewoner"]]
            )
        else:
            eligible = [m for m in self.members(plan.smederij) if m.pk != proposal.submitter_id]
            # An open vote leaves the demo member (and one more) something to do.
            voters = eligible[: max(1, len(eligible) - 2)] if open_now else eligible
        choice = "against" if plan.path == REJECTED else "for"
        for i, voter in enumerate(voters):
            with self.at(t + STEP / 2 + i * STEP / 10):
                votes.vote_cast(
                    vote=vote,
                    actor=voter,
                    choice="abstain" if i == 2 else choice,
                    motivation="Dit helpt de buurt vooruit." if choice == "for" else "",
                )
        if not open_now:
            # As the beat does at the closing moment.
            with self.clock.travel(closes_at):
                vote = votes.vote_close(vote=vote)
        return vote

    def decide(self, plan: Plan, proposal: Proposal) -> None:
        t = plan.begins + 8 * STEP
        with self.at(t):
            if plan.path == REJECTED:
                decisions.proposal_reject(
                    proposal=proposal,
                    actor=self.regisseur,
                    motivation="De initiatiefgroep stemde tegen: te weinig draagvlak in de buurt.",
                )
            elif plan.path == DEFERRED:
                decisions.proposal_defer(
                    proposal=proposal,
                    actor=self.regisseur,
                    motivation="Het budget van dit jaar is op; volgend jaar nemen we het weer op.",
                )
            else:
                decisions.proposal_approve(
                    proposal=proposal,
                    actor=self.regisseur,
                    amount=proposal.amount_requested,
                    conditions="Verantwoording met bonnen binnen vier weken na afloop.",
                )

    def after_funding(self, path: str, proposal: Proposal, begins: float) -> None:
        """Advance, verantwoording, last payment and completion, as far as `path` goes."""
        if path == APPROVED:
            return
        grant = Grant.objects.get(proposal=proposal, closed_at__isnull=True)
        granted = grant_balance(grant=grant).committed
        advance = to_money(granted / 2)
        with self.at(begins + 9 * STEP):
            money.advance_pay(proposal=proposal, actor=self.regisseur, amount=advance)
        if path == CANCELLED:
            with self.at(begins + 12 * STEP):
                money.proposal_cancel(
                    proposal=proposal,
                    actor=self.regisseur,
                    reason="De organisatoren zijn verhuisd; niemand neemt het over.",
                )
            with self.at(begins + 14 * STEP):
                money.refund_record(
                    proposal=proposal,
                    actor=self.regisseur,
                    amount=advance,
                    reason="Voorschot teruggestort door de initiatiefnemers.",
                )
            return
        if path not in (ACCOUNTED, COMPLETED):
            return
        proposal = self.refresh(proposal)
        self.account(proposal, at=begins + 17 * STEP)
        with self.at(begins + 18 * STEP):
            money.payment_record(
                proposal=proposal,
                actor=self.regisseur,
                amount=granted - advance,
                reason="Restant na de verantwoording.",
            )
        if path == COMPLETED:
            with self.at(begins + 19 * STEP):
                accounting.accounting_approve(
                    accounting=Accounting.objects.get(proposal=proposal),
                    actor=self.regisseur,
                    message="Keurig verantwoord, dank jullie wel!",
                )

    def account(self, proposal: Proposal, *, at: float) -> None:
        lines = list(proposal.budget_lines.order_by("position"))
        spent = [
            accounting.SpendingLineData(
                description=line.description, amount=line.amount, budget_line_id=line.pk
            )
            for line in lines
        ]
        uploads = [
            accounting.UploadData(
                file=demo_photo(f"foto-{proposal.pk}-{i}.png", seed=proposal.pk + i),
                kind=AttachmentKind.PHOTO,
                publish_consent=True,
            )
            for i in range(2)
        ]
        uploads.append(
            accounting.UploadData(
                file=demo_receipt(
                    f"bon-{proposal.pk}.pdf",
                    shop="Bouwmarkt Hoogeveen",
                    lines=[
                        (line.description, f"{line.amount:.2f}".replace(".", ",")) for line in lines
                    ],
                ),
                kind=AttachmentKind.RECEIPT,
            )
        )
        with self.at(at):
            accounting.accounting_submit(
                proposal=proposal,
                actor=proposal.submitter,
                report="Het is gelukt! Veel buren kwamen helpen en de kinderen genoten.",
                participants=35 + proposal.pk % 40,
                lines=spent,
                uploads=uploads,
            )

    def play(self, plan: Plan) -> Proposal:
        proposal = self.draft(plan)
        self.made[(plan.smederij, plan.title)] = proposal
        if plan.path == DRAFT:
            return proposal
        self.submit(plan, proposal)
        proposal = self.refresh(proposal)
        if plan.path == WITHDRAWN:
            with self.at(plan.begins + 3 * STEP):
                proposals.proposal_withdraw(
                    proposal=proposal,
                    actor=proposal.submitter,
                    reason="We doen het toch samen met de kerstmarkt van de school.",
                )
            return proposal
        if plan.path == SUBMITTED:
            return proposal
        if plan.path == CHANGES:
            with self.at(plan.begins + 3 * STEP):
                review.proposal_request_changes(
                    proposal=proposal,
                    actor=self.accounts["professional"],
                    message="Kunt u een offerte toevoegen en zeggen wie het onderhoud doet?",
                )
            return proposal
        if plan.path == BALLOT:
            # Some ideas get advice before the ballot is fixed; the others go on as handed in.
            if plan.smederij != "Hollandscheveld" and len(plan.title) % 2:
                self.advise(plan, proposal, also_the_demo_professional=False)
            return self.refresh(proposal)
        # The demo professional advises the older proposals; the newest wait for him.
        self.advise(plan, proposal, also_the_demo_professional=plan.path != IN_REVIEW)
        proposal = self.refresh(proposal)
        if plan.path == IN_REVIEW:
            return proposal
        self.vote(plan, proposal, open_now=plan.path == VOTE_OPEN)
        if plan.path in (VOTE_OPEN, VOTE_CLOSED):
            return proposal
        self.decide(plan, self.refresh(proposal))
        if plan.path in (REJECTED, DEFERRED):
            return proposal
        self.after_funding(plan.path, self.refresh(proposal), plan.begins)
        return proposal

    # --- the elections ------------------------------------------------------------------

    def ballot_plans(self, smederij: str) -> list[Plan]:
        return [p for p in PLANS if p.smederij == smederij and p.path == BALLOT]

    def round_create(self, smederij: str, spec: dict, closes_at) -> ElectionRound:
        with self.at(spec["created"]):
            return election.round_create(
                smederij=self.smederijen[smederij],
                actor=self.regisseur,
                year=self.clock.year,
                rules=election.RoundRules(
                    budget=Decimal(spec["budget"]),
                    ideas_deadline=self.clock.at(spec["ideas_deadline"]),
                    opens_at=self.clock.at(spec["opens"]),
                    closes_at=closes_at,
                    votes_per_voter=3,
                    counts_paper=True,
                    method=ElectionMethod.FROM_THE_TOP,
                ),
            )

    def fix_ballot(self, election_round: ElectionRound, spec: dict) -> dict[int, int]:
        """Fix the ballot at the deadline; the idea ids by proposal id."""
        with self.at(spec["ideas_deadline"] + STEP / 10):
            election.round_fix_ballot(election_round=election_round, actor=self.regisseur)
        return dict(election_round.ideas.values_list("proposal_id", "pk"))

    def counted_election(self) -> None:
        spec, name = COUNTED_ROUND, "Hollandscheveld"
        closes_at = self.clock.at(spec["closes"])
        election_round = self.round_create(name, spec, closes_at)
        plans = self.ballot_plans(name)
        for plan in plans:
            self.play(plan)
        idea_of = self.fix_ballot(election_round, spec)
        ideas = [idea_of[self.made[(name, plan.title)].pk] for plan in plans]
        voters = [*self.residents[name], self.accounts["stuurgroep-bewoner"]]
        for i, choice in enumerate(COUNTED_BALLOTS):
            with self.at(spec["opens"] + STEP / 2 + i * STEP / 8):
                election.ballot_cast(
                    election_round=election_round,
                    actor=voters[i],
                    idea_ids=[ideas[j] for j in choice],
                    age_confirmed=True,
                )
        # The evening in the dorpshuis: two members count the paper ballots and agree.
        for i, member in enumerate(self.members(name)[:2]):
            with self.at(spec["closes"] - STEP / 4 + i * STEP / 20):
                election.paper_tally_enter(
                    election_round=election_round,
                    actor=member,
                    ballots_handed_in=COUNTED_PAPER["ballots"],
                    votes=dict(zip(ideas, COUNTED_PAPER["votes"], strict=True)),
                )
        # Closed and counted as the beat and the count task do it, at the closing moment
        # (the task this queues after commit finds the round counted and does nothing).
        with self.clock.travel(closes_at):
            election.round_close(election_round=election_round)
            election.round_count_and_fund(election_round_id=election_round.pk)
        funded = list(
            election_round.ideas.filter(funded=True).order_by("rank").select_related("proposal")
        )
        for idea, path in zip(funded, AFTER_COUNT, strict=False):
            self.after_funding(path, self.refresh(idea.proposal), spec["closes"])
        self.shared_good(funded[0].proposal)

    def shared_good(self, proposal: Proposal) -> None:
        name = "Hollandscheveld"
        with self.at(0.6):
            good = shared_goods.shared_good_register(
                proposal=proposal,
                actor=proposal.submitter,
                name=proposal.title,
                keeper="Dorpshuis De Schoel, bij de beheerder",
                description="Voor elke vereniging van het dorp te leen, met handleiding.",
            )
        borrower = self.person(name, "Dineke Stel")
        with self.at(0.9):
            group = group_register(
                actor=borrower,
                name="Toneelvereniging Hollandscheveld",
                kind=GroupKind.CLUB,
                description="Speelt elk voorjaar een stuk in het dorpshuis.",
            )
            shared_goods.borrow_request_create(
                good=good,
                actor=borrower,
                group=group,
                from_date=self.clock.days_from_now(10),
                until_date=self.clock.days_from_now(12),
                message="Voor de generale repetitie en de twee voorstellingen.",
            )

    def open_election(self) -> None:
        spec, name = OPEN_ROUND, "Krakeel"
        election_round = self.round_create(name, spec, self.clock.closing_moment(12))
        for plan in self.ballot_plans(name):
            self.play(plan)
        idea_of = self.fix_ballot(election_round, spec)
        ideas = sorted(idea_of.values())
        # Everyone in Krakeel but the demo resident has voted online already.
        for i, voter in enumerate(self.residents[name]):
            with self.at(spec["opens"] + STEP / 2 + i * (0.95 - spec["opens"]) / 20):
                election.ballot_cast(
                    election_round=election_round,
                    actor=voter,
                    idea_ids=[ideas[(i + k) % len(ideas)] for k in range(1 + i % 3)],
                    age_confirmed=True,
                )
        # The paper evening: one member has entered the tally; the second entry is the
        # gebiedsregisseur's to make (two people must agree before the count).
        member = self.members(name)[0]
        with self.at(0.96):
            election.paper_tally_enter(
                election_round=election_round,
                actor=member,
                ballots_handed_in=OPEN_PAPER_BALLOTS,
                votes={idea: (3 + 2 * k) % OPEN_PAPER_BALLOTS for k, idea in enumerate(ideas)},
            )


def demo_story_play(
    *,
    clock: DemoClock,
    accounts: dict[str, User],
    residents: dict[str, list[User]],
    professionals: list[User],
) -> Story:
    story = Story(clock=clock, accounts=accounts, residents=residents, professionals=professionals)
    story.smederijen = {
        s.name: s for s in Smederij.objects.filter(name__in={p.smederij for p in PLANS})
    }
    # In the order of the year where it matters: the open round's ballot takes every Krakeel
    # idea handed in by its deadline, so what comes after the deadline is played after it.
    deadline = OPEN_ROUND["ideas_deadline"]
    later = [p for p in PLANS if p.smederij == "Krakeel" and p.begins > deadline]
    story.counted_election()
    for plan in PLANS:
        if plan.path != BALLOT and plan not in later:
            story.play(plan)
    story.open_election()
    for plan in later:
        story.play(plan)
    return story


def demo_story_exists(year: int) -> bool:
    """The story of `year` has been played: it is one transaction, so all of it is there."""
    return Proposal.objects.filter(
        year=year, submitter__email__iexact="bewoner@example.org"
    ).exists()
