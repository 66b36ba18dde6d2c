"""Every operation of the Smederij election: one function a use case, in one transaction.

A round goes: set up (rules can change) -> ballot fixed at the ideas deadline
-> open (the first ballot freezes the rules) -> closed (the link between voter
and ballot is cut) -> counted and funded (all of it, or nothing and a reason).
Each function checks the permission again, locks the round row before it looks
at its state, and queues emails after commit.
"""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from budget.errors import BudgetError
from budget.models import SmederijShare
from budget.money import format_euro, to_money
from budget.selectors import share_balance
from budget.services import grant_create
from projecten.common import timeline
from projecten.common.services import event_record, permission_require, proposal_transition
from projecten.election import counting
from projecten.errors import ProposalError
from projecten.models import (
    Ballot,
    BallotChoice,
    BallotVoter,
    Decision,
    DecisionMethod,
    DecisionMethodKind,
    DecisionOutcome,
    ElectionIdea,
    ElectionMethod,
    ElectionRound,
    EventKind,
    FundingStatus,
    Klap,
    PaperTallyCount,
    PaperTallyEntry,
    Proposal,
    ProposalStatus,
)
from projecten.workflow import ON_THE_BALLOT
from smederijen.models import Smederij, User
from smederijen.notifications import email_after_commit
from smederijen.outbox.services import outbox_put


@dataclass(frozen=True)
class RoundRules:
    budget: Decimal
    ideas_deadline: datetime.datetime
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    votes_per_voter: int = 5
    minimum_age: int = 16
    counts_paper: bool = False
    method: str = ElectionMethod.FROM_THE_TOP


RULE_FIELDS = tuple(RoundRules.__dataclass_fields__)

# The outbox names of the work a closed round hands to a worker (projecten/election/tasks.py).
COUNT_ROUND = "projecten.election.count_round"
RECOUNT_ROUND = "projecten.election.recount_round"


def _lock(election_round: ElectionRound) -> ElectionRound:
    return (
        ElectionRound.objects.select_for_update(of=("self",))
        .select_related("smederij")
        .get(pk=election_round.pk)
    )


def _lock_shared(election_round: ElectionRound) -> ElectionRound:
    """The round row FOR SHARE (the ORM has only FOR UPDATE and FOR NO KEY UPDATE, which
    would make voters queue behind each other). SQLite has no row locks: one writer at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM projecten_electionround WHERE id = %s FOR SHARE",
                [election_round.pk],
            )
    # Read after the lock: READ COMMITTED gives this statement a fresh snapshot.
    return ElectionRound.objects.select_related("smederij").get(pk=election_round.pk)


def _free_share(smederij: Smederij, year: int) -> Decimal | None:
    share = SmederijShare.objects.filter(budget_year__year=year, smederij=smederij).first()
    return None if share is None else share_balance(share=share).free


def _check_rules(smederij: Smederij, year: int, rules: RoundRules) -> None:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if rules.method == ElectionMethod.EQUAL_SHARES and rules.counts_paper:
        add(
            "method",
            _(
                "The Method of Equal Shares needs each voter's own choice; paper ballots are "
                "counted as a tally per idea and do not give it. Choose “from the top”, or do "
                "not count paper ballots."
            ),
        )
    if rules.method not in ElectionMethod.values:
        add("method", _("Choose a counting method."))
    if not 1 <= rules.votes_per_voter <= 50:
        add("votes_per_voter", _("A voter has between 1 and 50 votes."))
    if rules.minimum_age > 120:
        add("minimum_age", _("Enter an age between 0 and 120."))
    if rules.opens_at < rules.ideas_deadline:
        add("opens_at", _("Voting opens after the deadline for ideas."))
    if rules.closes_at <= rules.opens_at:
        add("closes_at", _("Voting closes after it opens."))
    if timezone.localtime(rules.closes_at).year != year:
        add(
            "closes_at",
            _("Voting closes within the budget year %(year)s: the money is of that year.")
            % {"year": year},
        )
    budget = rules.budget
    if budget is None or budget <= 0:
        add("budget", _("Enter the budget of the election (more than € 0)."))
    else:
        free = _free_share(smederij, year)
        if free is None:
            add(
                "budget",
                _("Smederij %(smederij)s has no korte klap budget for %(year)s yet.")
                % {"smederij": smederij.name, "year": year},
            )
        elif to_money(budget) > free:
            add(
                "budget",
                _(
                    "The election can spend at most the free korte klap budget of the "
                    "Smederij: %(free)s."
                )
                % {"free": format_euro(free)},
            )
    if errors:
        raise ProposalError(errors)


def _check_not_frozen(election_round: ElectionRound) -> None:
    if election_round.frozen_at is not None or election_round.closed_at is not None:
        raise ProposalError(
            _(
                "The rules of this election are frozen: the first ballot was cast on %(moment)s. "
                "Nothing of the round can change any more, the budget included."
            )
            % {
                "moment": timezone.localtime(
                    election_round.frozen_at or election_round.closed_at
                ).strftime("%d-%m-%Y %H:%M")
            }
        )


@transaction.atomic
def round_create(*, smederij: Smederij, actor: User, year: int, rules: RoundRules) -> ElectionRound:
    """The gebiedsregisseur sets up the election of a Smederij for a year.

    The Smederij's way of deciding that year becomes (or must be) the election.
    """
    permission_require(actor, "projecten.coordinate_election", smederij)
    # The same lock as decision_method_set: the checks below (a round already there, the way
    # of deciding) and the inserts happen one request after the other, never interleaved.
    smederij = Smederij.objects.select_for_update().get(pk=smederij.pk)
    if ElectionRound.objects.filter(smederij=smederij, year=year).exists():
        raise ProposalError(
            _("Smederij %(smederij)s already has an election for %(year)s.")
            % {"smederij": smederij.name, "year": year}
        )
    method = DecisionMethod.objects.filter(smederij=smederij, year=year).first()
    if method is not None and method.method != DecisionMethodKind.ELECTION:
        raise ProposalError(
            _("Smederij %(smederij)s decides by assessment in %(year)s, not by an election.")
            % {"smederij": smederij.name, "year": year}
        )
    _check_rules(smederij, year, rules)
    if method is None:
        DecisionMethod.objects.create(
            smederij=smederij, year=year, method=DecisionMethodKind.ELECTION, set_by=actor
        )
    return ElectionRound.objects.create(
        smederij=smederij,
        year=year,
        created_by=actor,
        **{name: getattr(rules, name) for name in RULE_FIELDS},
    )


@transaction.atomic
def round_update(*, election_round: ElectionRound, actor: User, rules: RoundRules) -> ElectionRound:
    """Change the rules, until the first ballot is cast."""
    election_round = _lock(election_round)
    permission_require(actor, "projecten.coordinate_election", election_round)
    _check_not_frozen(election_round)
    _check_rules(election_round.smederij, election_round.year, rules)
    for name in RULE_FIELDS:
        setattr(election_round, name, getattr(rules, name))
    election_round.save(update_fields=list(RULE_FIELDS))
    return election_round


@transaction.atomic
def round_fix_ballot(*, election_round: ElectionRound, actor: User | None = None) -> ElectionRound:
    """At the ideas deadline the Smederij's proposals of the year become the ideas on the ballot.

    They move to "being decided": from now on the election decides on them.
    `actor` is None when the scheduled task does it.
    """
    election_round = _lock(election_round)
    if actor is not None:
        permission_require(actor, "projecten.coordinate_election", election_round)
    if election_round.ballot_fixed_at is not None:
        raise ProposalError(_("The ballot of this election has already been fixed."))
    now = timezone.now()
    if now < election_round.ideas_deadline:
        raise ProposalError(
            _("Ideas can be handed in until %(deadline)s; the ballot is fixed after that.")
            % {
                "deadline": timezone.localtime(election_round.ideas_deadline).strftime(
                    "%d-%m-%Y %H:%M"
                )
            }
        )
    proposals = list(
        Proposal.objects.select_for_update()
        .filter(
            smederij_id=election_round.smederij_id,
            year=election_round.year,
            klap=Klap.KORTE,
            status__in=ON_THE_BALLOT,
            amount_requested__isnull=False,
        )
        .exclude(election_ideas__isnull=False)
        .order_by("submitted_at", "pk")
    )
    message = _("On the ballot of the Smederij election of %(year)s.") % {
        "year": election_round.year
    }
    for proposal in proposals:
        if proposal.status == ProposalStatus.SUBMITTED:
            proposal_transition(proposal, "start_review", actor=actor, message=message)
        if proposal.status == ProposalStatus.IN_REVIEW:
            proposal_transition(proposal, "start_deciding", actor=actor, message=message)
    ElectionIdea.objects.bulk_create(
        ElectionIdea(election_round=election_round, proposal=proposal) for proposal in proposals
    )
    election_round.ballot_fixed_at = now
    election_round.save(update_fields=["ballot_fixed_at"])
    return election_round


@transaction.atomic
def idea_hold_back(*, idea: ElectionIdea, actor: User, reason: str) -> ElectionIdea:
    """The initiatiefgroep (or the gebiedsregisseur) takes an idea that fails the criteria
    off the ballot. The reason goes to its submitter; the proposal is not funded this year."""
    election_round = _lock(idea.election_round)
    permission_require(actor, "projecten.hold_back_idea", election_round)
    _check_not_frozen(election_round)
    idea = ElectionIdea.objects.select_for_update().get(pk=idea.pk)
    if idea.held_back_at is not None:
        raise ProposalError(_("This idea has already been held back."))
    if not (reason or "").strip():
        raise ProposalError(
            _("Say why the idea is held back: its submitter reads it."), field="reason"
        )
    idea.held_back_at = timezone.now()
    idea.held_back_by = actor
    idea.held_back_reason = reason.strip()
    idea.save(update_fields=["held_back_at", "held_back_by", "held_back_reason"])
    proposal = Proposal.objects.select_for_update().get(pk=idea.proposal_id)
    proposal_transition(
        proposal,
        "reject",
        actor=actor,
        what=timeline.HELD_BACK,
        message=idea.held_back_reason,
    )
    return idea


# --- Voting ----------------------------------------------------------------------------------


def _invalid(field: str, message: str, code: str) -> ProposalError:
    return ProposalError(message, field=field, code=code)


def _check_choice(election_round: ElectionRound, idea_ids: list[int]) -> list[int]:
    if len(set(idea_ids)) != len(idea_ids):
        raise _invalid("ideas", _("You can give an idea one vote at most."), "duplicate")
    if not idea_ids:
        raise _invalid("ideas", _("Choose at least one idea."), "empty")
    if len(idea_ids) > election_round.votes_per_voter:
        raise _invalid(
            "ideas",
            ngettext(
                "You can choose at most %(n)s idea; you chose %(chosen)s.",
                "You can choose at most %(n)s ideas; you chose %(chosen)s.",
                election_round.votes_per_voter,
            )
            % {"n": election_round.votes_per_voter, "chosen": len(idea_ids)},
            "too_many",
        )
    on_ballot = set(
        ElectionIdea.objects.filter(
            election_round=election_round, held_back_at__isnull=True, pk__in=idea_ids
        ).values_list("pk", flat=True)
    )
    if on_ballot != set(idea_ids):
        raise _invalid("ideas", _("Choose only ideas that are on this ballot."), "not_on_ballot")
    return idea_ids


def _check_window(election_round: ElectionRound, now: datetime.datetime) -> None:
    if election_round.closed_at is not None or (
        election_round.ballot_fixed_at is not None and now >= election_round.closes_at
    ):
        raise ProposalError(
            _("Voting closed on %(closes)s; your ballot has not been recorded.")
            % {"closes": timezone.localtime(election_round.closes_at).strftime("%d-%m-%Y %H:%M")}
        )
    if not election_round.is_open_at(now):
        raise ProposalError(
            _("You can vote from %(opens)s until %(closes)s.")
            % {
                "opens": timezone.localtime(election_round.opens_at).strftime("%d-%m-%Y %H:%M"),
                "closes": timezone.localtime(election_round.closes_at).strftime("%d-%m-%Y %H:%M"),
            }
        )


@transaction.atomic
def ballot_cast(
    *, election_round: ElectionRound, actor: User, idea_ids: Iterable[int], age_confirmed: bool
) -> BallotVoter:
    """Cast (or change) a resident's ballot. One participation row per resident (a unique
    constraint); parallel requests of one resident wait for each other on that row, and the
    last one counts.

    The ballot holds a lock on the round row until it commits, and reads the window and the
    time after taking it: `round_close` locks the row FOR UPDATE, so a ballot in flight at the
    closing moment either commits before the close (and is counted, its link cut) or waits
    for the close and is refused. Never a ballot stored after the count.
    """
    election_round = ElectionRound.objects.select_related("smederij").get(pk=election_round.pk)
    permission_require(actor, "projecten.vote_in_round", election_round)
    # Refuse early without any lock: after the close, attempts must not hold the round row
    # (the beat skips a locked round and would close it only five minutes later).
    _check_window(election_round, timezone.now())
    if election_round.frozen_at is None:
        # The first ballots take the round's lock FOR UPDATE: they write `frozen_at`, and a
        # change of the rules cannot slip in between.
        election_round = _lock(election_round)
    else:
        # Frozen (it never thaws: a trigger refuses that): FOR SHARE lets many voters vote at
        # once, while round_close's FOR UPDATE waits for every ballot in flight, and a ballot
        # that comes after waits for the close to commit and then sees it.
        election_round = _lock_shared(election_round)
    now = timezone.now()  # after the lock: a ballot that waited for the close sees it closed
    _check_window(election_round, now)
    if not age_confirmed:
        raise _invalid(
            "age_confirmed",
            _("You can vote from the age of %(age)s.") % {"age": election_round.minimum_age},
            "age",
        )
    idea_ids = _check_choice(election_round, [int(i) for i in idea_ids])
    if election_round.frozen_at is None:
        election_round.frozen_at = now
        election_round.save(update_fields=["frozen_at"])

    # Insert the participation if it is not there (a double click inserts nothing), then
    # lock it: a parallel request of the same resident waits here until this one commits.
    BallotVoter.objects.bulk_create(
        [BallotVoter(election_round=election_round, voter=actor, voted_at=now, changed_at=now)],
        ignore_conflicts=True,
    )
    participation = BallotVoter.objects.select_for_update().get(
        election_round=election_round, voter=actor
    )
    changed = participation.ballot_id is not None
    if changed:
        ballot = Ballot.objects.get(pk=participation.ballot_id)
        ballot.choices.all().delete()
        participation.changed_at = now
        participation.times_changed += 1
        participation.save(update_fields=["changed_at", "times_changed"])
    else:
        ballot = Ballot.objects.create(election_round=election_round)
        participation.ballot = ballot
        participation.save(update_fields=["ballot"])
    BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, idea_id=i) for i in idea_ids)
    email_after_commit(
        to=[actor.email],
        template="emails/ballot_receipt",
        context={
            "name": actor.display_name,
            "smederij": election_round.smederij.name,
            "receipt_code": participation.receipt_code,
            "changed": changed,
            "closes_at": timezone.localtime(election_round.closes_at).strftime("%d-%m-%Y %H:%M"),
            "url": settings.SITE_URL + election_round_url(election_round),
        },
    )
    return participation


def election_round_url(election_round: ElectionRound) -> str:
    from django.urls import reverse

    return reverse("projecten:election:round-detail", kwargs={"pk": election_round.pk})


# --- Paper ballots ---------------------------------------------------------------------------


@transaction.atomic
def paper_tally_enter(
    *,
    election_round: ElectionRound,
    actor: User,
    ballots_handed_in: int,
    votes: Mapping[int, int],
) -> PaperTallyEntry:
    """A member of the initiatiefgroep enters the paper tally (idea id -> votes).

    Entering again replaces one's own entry, never another member's.
    """
    election_round = _lock(election_round)
    permission_require(actor, "projecten.enter_paper_tally", election_round)
    if not election_round.counts_paper:
        raise ProposalError(_("This election does not count paper ballots."))
    if election_round.ballot_fixed_at is None or timezone.now() < election_round.opens_at:
        raise ProposalError(_("The paper tally can be entered once voting has opened."))
    if election_round.counted_at is not None:
        raise ProposalError(_("This election has been counted; the paper tally is final."))
    ideas = set(election_round.ideas.filter(held_back_at__isnull=True).values_list("pk", flat=True))
    errors: dict[str, list[str]] = {}
    if ballots_handed_in is None or ballots_handed_in < 0:
        errors["ballots_handed_in"] = [_("Enter the number of paper ballots (0 or more).")]
    if set(votes) != ideas:
        errors.setdefault("__all__", []).append(_("Enter the paper votes of every idea."))
    if any(v is None or v < 0 for v in votes.values()):
        errors.setdefault("__all__", []).append(_("Votes are 0 or more."))
    if not errors and any(v > ballots_handed_in for v in votes.values()):
        errors["__all__"] = [
            _("An idea cannot have more votes than there are ballots (%(n)s).")
            % {"n": ballots_handed_in}
        ]
    if not errors and sum(votes.values()) > ballots_handed_in * election_round.votes_per_voter:
        errors["__all__"] = [
            _("%(ballots)s ballots hold at most %(max)s votes; the tally has %(total)s.")
            % {
                "ballots": ballots_handed_in,
                "max": ballots_handed_in * election_round.votes_per_voter,
                "total": sum(votes.values()),
            }
        ]
    if errors:
        raise ProposalError(errors)
    PaperTallyEntry.objects.filter(election_round=election_round, entered_by=actor).delete()
    entry = PaperTallyEntry.objects.create(
        election_round=election_round, entered_by=actor, ballots_handed_in=ballots_handed_in
    )
    PaperTallyCount.objects.bulk_create(
        PaperTallyCount(entry=entry, idea_id=idea_id, votes=n) for idea_id, n in votes.items()
    )
    return entry


@dataclass(frozen=True)
class PaperTally:
    """The paper tally of a round: agreed when two or more members entered it and all agree."""

    entries: list[PaperTallyEntry]
    agreed: bool
    ballots_handed_in: int | None  # when agreed
    votes: dict[int, int]  # idea id -> paper votes, when agreed
    differences: dict[int, list[int]]  # idea id -> the figures of each entry, where they differ
    ballots_differ: bool


def paper_tally(election_round: ElectionRound) -> PaperTally:
    """In two queries."""
    entries = list(
        PaperTallyEntry.objects.filter(election_round=election_round)
        .select_related("entered_by")
        .order_by("entered_at", "pk")
    )
    per_entry: dict[int, dict[int, int]] = defaultdict(dict)
    for entry_id, idea_id, n in PaperTallyCount.objects.filter(
        entry__election_round=election_round
    ).values_list("entry_id", "idea_id", "votes"):
        per_entry[entry_id][idea_id] = n
    for entry in entries:
        entry.votes = per_entry[entry.pk]
    idea_ids = sorted({i for votes in per_entry.values() for i in votes})
    differences = {
        i: [e.votes.get(i, 0) for e in entries]
        for i in idea_ids
        if len({e.votes.get(i, 0) for e in entries}) > 1
    }
    ballots_differ = len({e.ballots_handed_in for e in entries}) > 1
    agreed = len(entries) >= 2 and not differences and not ballots_differ
    return PaperTally(
        entries=entries,
        agreed=agreed,
        ballots_handed_in=entries[0].ballots_handed_in if agreed else None,
        votes=dict(entries[0].votes) if agreed else {},
        differences=differences,
        ballots_differ=ballots_differ,
    )


# --- Closing, counting, funding --------------------------------------------------------------


def ideas_for_count(election_round: ElectionRound) -> tuple[list[counting.Idea], dict]:
    ideas = list(
        election_round.ideas.filter(held_back_at__isnull=True)
        .select_related("proposal")
        .order_by("pk")
    )
    by_proposal = {idea.proposal_id: idea for idea in ideas}
    return [
        counting.Idea(
            id=idea.proposal_id,
            cost=to_money(idea.proposal.amount_requested),
            submitted_at=idea.proposal.submitted_at,
        )
        for idea in ideas
    ], by_proposal


def online_ballots(election_round: ElectionRound) -> list[frozenset[int]]:
    """The anonymous ballots as sets of proposal ids, ordered by their content (never by
    the order in which they were cast).

    On PostgreSQL the database gathers each ballot's ideas into an array (one row a
    ballot instead of one a choice: 20,000 ballots in a fraction of a second).
    """
    proposal_of = dict(election_round.ideas.values_list("pk", "proposal_id"))
    if connection.vendor == "postgresql":
        # Identical ballots are grouped by the database: a few thousand rows for 20,000
        # ballots, and one frozenset a group, repeated.
        with connection.cursor() as cursor:
            cursor.execute(
                # The round's ballots on their index of the round, and each ballot's
                # choices by a subquery on the unique index of (ballot, idea): never a join
                # that the planner may turn into a scan of every round's choices (issue 12).
                "SELECT ideas, COUNT(*) FROM ("
                "  SELECT ARRAY(SELECT c.idea_id FROM projecten_ballotchoice c"
                "    WHERE c.ballot_id = b.id ORDER BY c.idea_id) AS ideas"
                "  FROM projecten_ballot b WHERE b.election_round_id = %s"
                ") AS per_ballot GROUP BY ideas ORDER BY ideas",
                [election_round.pk],
            )
            groups = cursor.fetchall()
        ballots: list[frozenset[int]] = []
        for ideas, n in groups:
            ballots.extend([frozenset(proposal_of[i] for i in ideas)] * n)
        return ballots
    per_ballot: dict = {
        ballot_id: set() for ballot_id in election_round.ballots.values_list("pk", flat=True)
    }
    for ballot_id, idea_id in BallotChoice.objects.filter(
        ballot__election_round=election_round
    ).values_list("ballot_id", "idea_id"):
        per_ballot[ballot_id].add(proposal_of[idea_id])
    return sorted((frozenset(ideas) for ideas in per_ballot.values()), key=sorted)


def _online_votes(election_round: ElectionRound) -> tuple[dict[int, int], int]:
    """Votes per proposal id and the number of online ballots, counted by the database."""
    votes = dict(
        BallotChoice.objects.filter(ballot__election_round=election_round)
        .values_list("idea__proposal_id")
        .annotate(n=Count("pk"))
        .values_list("idea__proposal_id", "n")
    )
    return votes, election_round.ballots.count()


def round_count(election_round: ElectionRound) -> counting.CountResult:
    """Count a round from what is stored: the anonymous ballots and the agreed paper tally.

    Reads only; the close and the recount both call it, so both see the same outcome.
    """
    ideas, by_proposal = ideas_for_count(election_round)
    if election_round.method == ElectionMethod.EQUAL_SHARES:
        ballots = online_ballots(election_round)
        return counting.count_equal_shares(ideas, ballots, election_round.budget)
    online, voters = _online_votes(election_round)
    votes: dict[int, int] = {pid: online.get(pid, 0) for pid in by_proposal}
    if election_round.counts_paper:
        tally = paper_tally(election_round)
        if not tally.agreed:
            raise ProposalError(_("The paper tally has not been agreed by two members yet."))
        for proposal_id, idea in by_proposal.items():
            votes[proposal_id] += tally.votes.get(idea.pk, 0)
        voters += tally.ballots_handed_in
    return counting.count_from_the_top(ideas, votes, election_round.budget, voters)


def _close_voting(election_round: ElectionRound, now) -> None:
    """End the window: from here on no ballot can be tied to its voter, by anyone."""
    BallotVoter.objects.filter(election_round=election_round).update(ballot=None)
    election_round.closed_at = now
    election_round.save(update_fields=["closed_at"])


def _store_result(election_round: ElectionRound, result: counting.CountResult, now) -> None:
    ideas = {idea.proposal_id: idea for idea in election_round.ideas.all()}
    for rank, outcome in enumerate(result.outcomes, start=1):
        idea = ideas[outcome.id]
        idea.votes, idea.rank = outcome.votes, rank
        idea.funded, idea.outcome_reason = outcome.funded, outcome.reason
    ElectionIdea.objects.bulk_update(
        [ideas[o.id] for o in result.outcomes], ["votes", "rank", "funded", "outcome_reason"]
    )
    paper = 0
    if election_round.counts_paper:
        paper = paper_tally(election_round).ballots_handed_in or 0
    election_round.online_voters = election_round.participations.count()
    election_round.paper_voters = paper
    election_round.inhabitants = election_round.smederij.area.inhabitants
    election_round.spent = to_money(result.spent)
    election_round.counted_at = now
    election_round.save(
        update_fields=["online_voters", "paper_voters", "inhabitants", "spent", "counted_at"]
    )


def _grant_all(election_round: ElectionRound, result: counting.CountResult) -> None:
    """Fund every funded idea and close every other one, in the caller's transaction."""
    actor = election_round.created_by
    proposals = Proposal.objects.select_for_update().in_bulk([o.id for o in result.outcomes])
    if result.spent > election_round.budget:
        raise BudgetError(_("The result spends more than the budget of the election."))
    for outcome in result.outcomes:
        proposal = proposals[outcome.id]
        if proposal.status != ProposalStatus.DECIDING:
            raise ProposalError(
                _("Proposal “%(title)s” is no longer waiting for the election (it is %(status)s).")
                % {"title": proposal.title, "status": proposal.get_status_display()}
            )
        reason = str(outcome_reason_text(outcome.reason))
        message = _("Smederij election: %(votes)s votes. %(reason)s") % {
            "votes": outcome.votes,
            "reason": reason,
        }
        # The timeline writes the count for each reader; the grant and the decision keep
        # their sentence (records of money and of the decision, read by the gebiedsregisseur).
        what = timeline.ELECTION_OUTCOME
        data = {"votes": outcome.votes, "reason": outcome.reason}
        if outcome.funded:
            proposal_transition(proposal, "approve", actor=None, what=what, data=data)
            grant_create(
                proposal=proposal,
                budget_year=proposal.year,
                klap=proposal.klap,
                smederij=proposal.smederij,
                actor=actor,
                amount=outcome.cost,
                reason=message,
                decided_at=election_round.closes_at,
            )
            Decision.objects.create(
                proposal=proposal,
                outcome=DecisionOutcome.APPROVED,
                amount=to_money(outcome.cost),
                motivation=message,
                decided_by=actor,
            )
        else:
            proposal_transition(proposal, "reject", actor=None, what=what, data=data)
            Decision.objects.create(
                proposal=proposal,
                outcome=DecisionOutcome.REJECTED,
                motivation=message,
                decided_by=actor,
            )
        event_record(proposal, kind=EventKind.DECISION, actor=None, what=what, data=data)


def _fund(election_round: ElectionRound, result: counting.CountResult) -> None:
    """Either the whole result is granted, or nothing, with the reason stored on the round."""
    try:
        with transaction.atomic():
            _grant_all(election_round, result)
    except (BudgetError, ProposalError) as error:
        election_round.funding_status = FundingStatus.REFUSED
        election_round.funding_reason = _(
            "Nothing was funded, because: %(reason)s The gebiedsregisseur can fund the result "
            "once this is solved."
        ) % {"reason": getattr(error, "message", str(error))}
    else:
        election_round.funding_status = FundingStatus.FUNDED
        election_round.funding_reason = ""
    election_round.save(update_fields=["funding_status", "funding_reason"])


def _count_and_fund(election_round: ElectionRound, now) -> None:
    if election_round.counts_paper and not paper_tally(election_round).agreed:
        election_round.funding_status = FundingStatus.WAITING_FOR_PAPER
        election_round.save(update_fields=["funding_status"])
        return
    result = round_count(election_round)
    _store_result(election_round, result, now)
    _fund(election_round, result)


def _after_commit(handler: str, election_round: ElectionRound) -> None:
    """The count is decided here and done by a worker: an outbox row of this transaction
    (decision 0036), handed to Celery after the commit, relayed if the queue was down."""
    outbox_put(handler=handler, kwargs={"election_round_id": election_round.pk})


@transaction.atomic
def round_close(*, election_round: ElectionRound) -> ElectionRound:
    """Close a round whose window has ended: cut the voter-ballot link, and hand the count
    (and the funding) to a background task once this commits. Counting a large Equal
    Shares election takes seconds: never in a request, never holding the beat.

    Idempotent: the links are cut once; the count is asked for again while the round is not
    counted (a round waiting for the paper tally is counted by a later call), and the task
    does nothing for a round that is counted already.
    """
    election_round = _lock(election_round)  # FOR UPDATE: waits for every ballot in flight
    now = timezone.now()
    if now < election_round.closes_at:
        raise ProposalError(_("Voting is still open."))
    if election_round.closed_at is None:
        _close_voting(election_round, now)
    if election_round.counted_at is None:
        _after_commit(COUNT_ROUND, election_round)
    return election_round


@transaction.atomic
def round_count_and_fund(*, election_round_id: int) -> ElectionRound:
    """The count of a closed round, stored and funded whole (the task `count_round`).

    Under the round's lock and idempotent: a round that is counted already, or not closed,
    is left as it is, so a task delivered twice (or asked for by the beat again) counts once.
    """
    election_round = (
        ElectionRound.objects.select_for_update(of=("self",))
        .select_related("smederij", "smederij__area")
        .get(pk=election_round_id)
    )
    if election_round.closed_at is not None and election_round.counted_at is None:
        _count_and_fund(election_round, timezone.now())
    return election_round


@transaction.atomic
def round_fund_again(*, election_round: ElectionRound, actor: User) -> ElectionRound:
    """After a refused funding (e.g. the share changed), the gebiedsregisseur tries again:
    the stored count is funded whole, or not at all."""
    election_round = _lock(election_round)
    permission_require(actor, "projecten.coordinate_election", election_round)
    if election_round.counted_at is None or election_round.funding_status != FundingStatus.REFUSED:
        raise ProposalError(
            _("Only a counted result whose funding was refused can be funded again.")
        )
    _fund(election_round, _stored_result(election_round))
    return election_round


def _stored_result(election_round: ElectionRound) -> counting.CountResult:
    """The stored count as a CountResult, to fund it again without counting in a request."""
    ideas = election_round.ideas.filter(held_back_at__isnull=True).select_related("proposal")
    outcomes = [
        counting.IdeaOutcome(
            id=idea.proposal_id,
            votes=idea.votes or 0,
            funded=bool(idea.funded),
            reason=idea.outcome_reason,
            cost=to_money(idea.proposal.amount_requested),
        )
        for idea in ideas.order_by("rank", "pk")
    ]
    return counting.CountResult(
        method=election_round.method,
        outcomes=outcomes,
        budget=election_round.budget,
        spent=election_round.spent,
        left=election_round.left,
        voters=election_round.voters or 0,
    )


def close_due_rounds(*, now=None) -> int:
    """Fix the ballots whose deadline passed, close the rounds whose window ended and ask for
    their count (again, for a round whose count has not been stored yet: a lost task or a
    paper tally agreed since). Each round in its own transaction, skipping rounds another
    worker holds (a count in progress holds its round)."""
    now = now or timezone.now()
    done = 0
    due_ballot = ElectionRound.objects.filter(ballot_fixed_at__isnull=True, ideas_deadline__lte=now)
    due_close = ElectionRound.objects.filter(closes_at__lte=now, counted_at__isnull=True).exclude(
        funding_status=FundingStatus.REFUSED
    )
    for pk in list(due_ballot.values_list("pk", flat=True)):
        with transaction.atomic():
            locked = ElectionRound.objects.select_for_update(skip_locked=True).filter(
                pk=pk, ballot_fixed_at__isnull=True
            )
            election_round = locked.first()
            if election_round is not None:
                round_fix_ballot(election_round=election_round)
                done += 1
    for pk in list(due_close.values_list("pk", flat=True)):
        with transaction.atomic():
            locked = ElectionRound.objects.select_for_update(skip_locked=True).filter(
                pk=pk, counted_at__isnull=True
            )
            election_round = locked.first()
            if election_round is not None and election_round.ballot_fixed_at is not None:
                round_close(election_round=election_round)
                done += 1
    return done


# --- Recount ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recount:
    result: counting.CountResult
    same: bool
    differences: list[str]


def round_recount(*, election_round: ElectionRound, actor: User) -> Recount:
    """Count again from the stored anonymous ballots and tallies and compare with the stored
    result. Changes nothing; the page asks for it through `round_recount_request`."""
    permission_require(actor, "projecten.coordinate_election", election_round)
    if election_round.counted_at is None:
        raise ProposalError(_("The election has not been counted yet."))
    return _recount(election_round)


def _recount(election_round: ElectionRound) -> Recount:
    result = round_count(election_round)
    stored = {
        idea.proposal_id: idea for idea in election_round.ideas.filter(held_back_at__isnull=True)
    }
    differences = []
    for rank, outcome in enumerate(result.outcomes, start=1):
        idea = stored.get(outcome.id)
        if idea is None or (idea.votes, idea.funded, idea.rank) != (
            outcome.votes,
            outcome.funded,
            rank,
        ):
            differences.append(str(outcome.id))
    if to_money(result.spent) != election_round.spent:
        differences.append("spent")
    return Recount(result=result, same=not differences, differences=differences)


@transaction.atomic
def round_recount_request(*, election_round: ElectionRound, actor: User) -> ElectionRound:
    """The gebiedsregisseur asks for a recount; a background task does it and stores what
    it found (`round_recount_store`)."""
    election_round = _lock(election_round)
    permission_require(actor, "projecten.coordinate_election", election_round)
    if election_round.counted_at is None:
        raise ProposalError(_("The election has not been counted yet."))
    election_round.recount_requested_at = timezone.now()
    election_round.save(update_fields=["recount_requested_at"])
    _after_commit(RECOUNT_ROUND, election_round)
    return election_round


@transaction.atomic
def round_recount_store(*, election_round_id: int) -> ElectionRound:
    """The recount asked for (the task `recount_round`): compare and store. Idempotent: a
    recount done after the last request is not done again."""
    election_round = (
        ElectionRound.objects.select_for_update(of=("self",))
        .select_related("smederij")
        .get(pk=election_round_id)
    )
    if election_round.counted_at is None or not election_round.is_recounting:
        return election_round
    recount = _recount(election_round)
    election_round.recount_result = {
        "same": recount.same,
        "differences": recount.differences,
        "outcomes": [
            {"id": o.id, "votes": o.votes, "funded": o.funded, "reason": o.reason}
            for o in recount.result.outcomes
        ],
        # Decimal euros as text: JSON has no exact decimals.
        "spent": str(recount.result.spent),
        "left": str(recount.result.left),
    }
    election_round.recounted_at = timezone.now()
    election_round.save(update_fields=["recount_result", "recounted_at"])
    return election_round


@dataclass(frozen=True)
class StoredRecount:
    """The last recount as stored, for the page."""

    same: bool
    differences: list[str]
    outcomes: list[dict]
    spent: Decimal
    left: Decimal


def stored_recount(election_round: ElectionRound) -> StoredRecount | None:
    data = election_round.recount_result
    if not data:
        return None
    return StoredRecount(
        same=data["same"],
        differences=list(data["differences"]),
        outcomes=list(data["outcomes"]),
        spent=Decimal(data["spent"]),
        left=Decimal(data["left"]),
    )


def outcome_reason_text(code: str) -> str:
    return {
        counting.FUNDED: _("Funded: it had the most votes and fitted in the budget."),
        counting.FUNDED_FROM_THE_TOP: _(
            "Funded from the top: it fitted in what was left of the budget in its turn."
        ),
        counting.FUNDED_EQUAL_SHARES: _(
            "Funded by equal shares: the voters who chose it could pay for it together "
            "from their equal part of the budget."
        ),
        counting.DOES_NOT_FIT: _(
            "Not funded: when its turn came, it cost more than what was left of the budget."
        ),
        counting.NO_VOTES: _("Not funded: it got no votes."),
    }.get(code, code)


def ballot_seed(election_round: ElectionRound, voter) -> int:
    """A stable seed per voter and round: the order of the ideas stays the same on reload,
    and differs between voters. Keyed with the secret key, so it cannot be guessed."""
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}:{election_round.pk}:{voter.pk}".encode()
    ).digest()
    return int.from_bytes(digest[:8], "big")
