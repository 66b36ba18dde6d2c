"""The assessment vote: the initiatiefgroep (korte klap) or the stuurgroep (lange klap) votes
on one proposal; the gebiedsregisseur records the decision afterwards.

Every function locks the vote row (or the proposal row, to open one) before it
checks and writes, so two submits, two beat workers or a cast and a close never
interleave. The timeline records who voted and when, never the choice: the
timeline is read by the submitter and the area, the choices only by the
deciders. See docs/decisions/0008-votes.md.
"""

import datetime
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from projecten.common import timeline
from projecten.common.services import (
    event_record,
    permission_require,
    proposal_lock,
    proposal_transition,
)
from projecten.errors import ProposalError
from projecten.models import (
    AssessmentVote,
    EventKind,
    Klap,
    Proposal,
    ProposalStatus,
    VoteBody,
    VoteCast,
    VoteChoice,
    VoteOutcome,
)
from projecten.votes.selectors import (
    vote_counts,
    vote_eligible_voters,
    vote_open_refusal,
    vote_voters_missing,
)
from smederijen.models import Smederij, User
from smederijen.notifications import email_after_commit

# A vote runs at least this long: the members need time to read the proposal and its advice.
MINIMUM_DURATION = datetime.timedelta(hours=1)
# The voters who have not voted hear this long before the vote closes, once.
REMINDER_BEFORE = datetime.timedelta(hours=48)
DEFAULT_QUORUM = Decimal("0.50")


def _moment(value: datetime.datetime) -> str:
    """A moment as people in Hoogeveen read it: 12 maart 2013, 20:00."""
    return formats.date_format(timezone.localtime(value), "j F Y, H:i")


# Written when the mail is made, in the recipient's language ("12 maart", not "12 March").
_moment_lazy = lazy(_moment, str)


def _vote_url(vote: AssessmentVote) -> str:
    return settings.SITE_URL + reverse("projecten:vote-detail", kwargs={"pk": vote.pk})


def _lock_vote(vote: AssessmentVote) -> AssessmentVote:
    return (
        AssessmentVote.objects.select_for_update(of=("self",))
        .select_related("proposal__smederij")
        .get(pk=vote.pk)
    )


def _email_voters(vote: AssessmentVote, voters, template: str) -> int:
    """One email each: a list of addresses in one To would show every voter to all others."""
    sent = 0
    for voter in voters.only("email", "display_name").order_by("pk"):
        email_after_commit(
            to=[voter.email],
            template=template,
            context={
                "name": voter.display_name,
                "title": vote.proposal.title,
                "smederij": vote.proposal.smederij.name,
                "body": VoteBody(vote.body).label,
                "stuurgroep": vote.body == VoteBody.STUURGROEP,
                "closes_at": _moment_lazy(vote.closes_at),
                "url": _vote_url(vote),
            },
        )
        sent += 1
    return sent


def _gebiedsregisseur_addresses(proposal: Proposal) -> list[str]:
    return sorted(
        User.objects.filter(
            is_active=True,
            gebiedsregisseur_assignments__wijkteam_id=proposal.smederij.wijkteam_id,
        )
        .values_list("email", flat=True)
        .distinct()
    )


@transaction.atomic
def vote_open(
    *,
    proposal: Proposal,
    actor: User,
    closes_at: datetime.datetime,
    quorum: Decimal = DEFAULT_QUORUM,
) -> AssessmentVote:
    """The gebiedsregisseur opens the vote on a proposal after the wijkteam's advice.

    Korte klap: the initiatiefgroep votes, when the Smederij decides by assessment
    in the proposal's year. Lange klap: the proposal goes on the stuurgroep's
    agenda, whatever the Smederij's method. The proposal moves from in review to
    being decided; a new round (after a vote without quorum) is opened while it
    is being decided, when no other vote is open.
    """
    # The Smederij row first, as `decision_method_set` and `round_create` take it: how the
    # Smederij decides cannot change between this check and the new vote.
    Smederij.objects.select_for_update().get(pk=proposal.smederij_id)
    proposal = proposal_lock(proposal)
    permission_require(actor, "projecten.open_vote", proposal)
    refusal = vote_open_refusal(proposal)
    if refusal is not None:
        code, message = refusal
        raise ProposalError(message, code=code)
    body = VoteBody.STUURGROEP if proposal.klap == Klap.LANGE else VoteBody.INITIATIEFGROEP
    now = timezone.now()
    if closes_at < now + MINIMUM_DURATION:
        raise ProposalError(
            _("Choose a closing moment at least an hour from now."),
            field="closes_at",
            code="too_soon",
        )
    quorum = Decimal(quorum)
    if not Decimal("0") <= quorum <= Decimal("1"):
        raise ProposalError(_("The quorum lies between 0 and 100 %."), field="quorum", code="range")
    vote = AssessmentVote.objects.create(
        proposal=proposal,
        body=body,
        opened_by=actor,
        opened_at=now,
        closes_at=closes_at,
        quorum=quorum,
    )
    if proposal.status != ProposalStatus.DECIDING:
        proposal_transition(proposal, "start_deciding", actor=actor)
    event_record(
        proposal,
        kind=EventKind.VOTE,
        actor=actor,
        what=timeline.VOTE_OPENED,
        data={"body": body, "closes_at": closes_at.isoformat()},
    )
    _email_voters(vote, vote_eligible_voters(vote), "emails/vote_opened")
    return vote


@transaction.atomic
def vote_cast(*, vote: AssessmentVote, actor: User, choice: str, motivation: str = "") -> VoteCast:
    """Vote for, against or abstain; a second call changes the vote until the vote closes.

    The vote row is locked first, so a double submit waits and then changes the
    same row, and a cast never slips in after the close.
    """
    vote = _lock_vote(vote)
    now = timezone.now()
    if vote.closed_at is not None or now >= vote.closes_at:
        raise ProposalError(_("This vote is closed."), code="closed")
    permission_require(actor, "projecten.cast_vote", vote)
    if vote.proposal.status != ProposalStatus.DECIDING:
        raise ProposalError(_("This proposal is no longer being decided."), code="not_deciding")
    if choice not in VoteChoice.values:
        raise ProposalError(_("Choose for, against or abstain."), field="choice", code="invalid")
    motivation = motivation.strip()
    cast = VoteCast.objects.filter(vote=vote, voter=actor).first()
    if cast is None:
        cast = VoteCast.objects.create(
            vote=vote,
            voter=actor,
            choice=choice,
            motivation=motivation,
            cast_at=now,
            changed_at=now,
        )
        what = timeline.VOTED
    else:
        cast.choice = choice
        cast.motivation = motivation
        cast.changed_at = now
        cast.save(update_fields=["choice", "motivation", "changed_at"])
        what = timeline.VOTE_CHANGED
    # Who and when, never the choice: the timeline is read by the submitter and the area.
    event_record(vote.proposal, kind=EventKind.VOTE, actor=actor, what=what)
    vote_id = vote.pk
    transaction.on_commit(lambda: vote_close_if_complete(vote_id=vote_id))
    return cast


def _outcome(*, eligible: int, counts: dict[str, int], quorum: Decimal) -> str:
    """At least ceil(quorum × eligible) voted (abstaining is voting), and more for than against."""
    if eligible == 0:
        return VoteOutcome.NO_QUORUM
    voted = counts["votes_for"] + counts["votes_against"] + counts["votes_abstain"]
    needed = int((quorum * eligible).to_integral_value(rounding=ROUND_CEILING))
    if voted < needed:
        return VoteOutcome.NO_QUORUM
    if counts["votes_for"] > counts["votes_against"]:
        return VoteOutcome.ADOPTED
    return VoteOutcome.NOT_ADOPTED


def _close(vote: AssessmentVote, *, at: datetime.datetime) -> AssessmentVote:
    """Count and close a vote whose row the caller has locked. Written once: the counts
    and the outcome never change after this."""
    eligible = vote_eligible_voters(vote).count()
    counts = vote_counts(vote)
    vote.closed_at = at
    vote.eligible_count = eligible
    vote.votes_for = counts["votes_for"]
    vote.votes_against = counts["votes_against"]
    vote.votes_abstain = counts["votes_abstain"]
    vote.outcome = _outcome(eligible=eligible, counts=counts, quorum=vote.quorum)
    vote.save(
        update_fields=[
            "closed_at",
            "eligible_count",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "outcome",
        ]
    )
    outcome_label = VoteOutcome(vote.outcome).label
    event_record(
        vote.proposal,
        kind=EventKind.VOTE,
        actor=None,
        what=timeline.VOTE_CLOSED,
        data={
            "for": vote.votes_for,
            "against": vote.votes_against,
            "abstain": vote.votes_abstain,
            "eligible": eligible,
            "outcome": vote.outcome,
        },
    )
    email_after_commit(
        to=_gebiedsregisseur_addresses(vote.proposal),
        template="emails/vote_closed",
        context={
            "title": vote.proposal.title,
            "smederij": vote.proposal.smederij.name,
            "body": VoteBody(vote.body).label,
            "eligible": eligible,
            "votes_for": vote.votes_for,
            "votes_against": vote.votes_against,
            "votes_abstain": vote.votes_abstain,
            "outcome": outcome_label,
            "url": settings.SITE_URL + vote.proposal.get_absolute_url(),
        },
    )
    return vote


@transaction.atomic
def vote_close(*, vote: AssessmentVote, at: datetime.datetime | None = None) -> AssessmentVote:
    """Close the vote and record the counts and the result. It does not decide: the
    gebiedsregisseur records the decision afterwards, and the proposal stays being decided."""
    vote = _lock_vote(vote)
    if vote.closed_at is not None:
        raise ProposalError(_("This vote is already closed."), code="closed")
    return _close(vote, at=at or timezone.now())


def vote_close_if_complete(*, vote_id: int) -> bool:
    """Close an open vote early once every eligible voter has voted. Run after a cast commits;
    the lock makes a second caller (or the beat task) find it closed and do nothing."""
    with transaction.atomic():
        vote = (
            AssessmentVote.objects.select_for_update(of=("self",))
            .select_related("proposal__smederij")
            .filter(pk=vote_id, closed_at__isnull=True)
            .first()
        )
        if vote is None or vote_voters_missing(vote).exists():
            return False
        if not vote_eligible_voters(vote).exists():
            return False
        _close(vote, at=timezone.now())
    return True


def votes_close_due(*, now: datetime.datetime | None = None) -> int:
    """Close every open vote whose moment has come. Run by Celery beat every five minutes.

    Rows another worker holds are skipped (it is closing them), so two workers
    never close one vote twice. Returns the number of votes closed.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            AssessmentVote.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(closed_at__isnull=True, closes_at__lte=now)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        votes = AssessmentVote.objects.filter(pk__in=due).select_related("proposal__smederij")
        for vote in votes.order_by("pk"):
            _close(vote, at=now)
    return len(due)


def vote_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Email the voters who have not voted, 48 hours before a vote closes, once a vote.

    Run hourly by Celery beat: a vote counts when it closes within 48 hours and
    no reminder went yet (so an hour the beat missed is caught up). The moment is
    recorded in the same transaction, and rows a concurrent run holds are
    skipped. Returns the number of emails sent.
    """
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = list(
            AssessmentVote.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                closed_at__isnull=True,
                reminder_sent_at__isnull=True,
                closes_at__gt=now,
                closes_at__lte=now + REMINDER_BEFORE,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not due:
            return 0
        AssessmentVote.objects.filter(pk__in=due).update(reminder_sent_at=now)
        votes = AssessmentVote.objects.filter(pk__in=due).select_related("proposal__smederij")
        for vote in votes.order_by("pk"):
            sent += _email_voters(vote, vote_voters_missing(vote), "emails/vote_reminder")
    return sent
