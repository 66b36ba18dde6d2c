"""The proposal lifecycle of DESIGN.md as plain data: its statuses, the moves between them,
and every named set of statuses the rest of the code asks about.

This is the one module that says which status allows what. Who may make a move
is a permission (each subject's `rules.py`, built from `proposals/predicates.py`,
which reads the sets and the table below); what else a move does (money,
notifications) is its service. `check_transition` is the single place that
refuses a move the lifecycle does not allow.

The module imports no model, so that the models can import it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projecten.errors import ProposalError


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("draft")
    SUBMITTED = "submitted", gettext_lazy("submitted")
    IN_REVIEW = "in_review", gettext_lazy("in review")
    CHANGES_REQUESTED = "changes_requested", gettext_lazy("changes requested")
    DECIDING = "deciding", gettext_lazy("being decided")
    APPROVED = "approved", gettext_lazy("approved")
    REJECTED = "rejected", gettext_lazy("rejected")
    DEFERRED = "deferred", gettext_lazy("deferred to next year")
    IN_PROGRESS = "in_progress", gettext_lazy("in progress")
    ACCOUNTED = "accounted", gettext_lazy("accounted for")
    COMPLETED = "completed", gettext_lazy("completed")
    CANCELLED = "cancelled", gettext_lazy("cancelled")
    WITHDRAWN = "withdrawn", gettext_lazy("withdrawn")


S = ProposalStatus


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    label: str


def _t(name, sources, target, label) -> Transition:
    return Transition(name, frozenset(sources), target, label)


# --- named sets of statuses -------------------------------------------------------------------

# Before the decision, the submitter may withdraw.
BEFORE_DECISION = frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.DECIDING})
# The submitter may still change the text of the proposal.
EDITABLE_STATUSES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
# Not yet handed in, or taken back: seen by the submitter alone.
HIDDEN_FROM_THE_AREA = frozenset({S.DRAFT, S.WITHDRAWN})
# Handed in at some point and not withdrawn, in the order a status filter offers them.
HANDED_IN_STATUSES = tuple(status for status in S if status not in HIDDEN_FROM_THE_AREA)
# Waiting for the wijkteam: the default of the review queue; residents may support it.
AWAITING_REVIEW = frozenset({S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.DECIDING})
OPEN_FOR_SUPPORT = AWAITING_REVIEW
# Before the wijkteam has looked at it: nothing to vote on yet.
BEFORE_REVIEW = frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED})
# Advice can be given and changed while the wijkteam reviews; once the decision starts it is final.
OPEN_FOR_ADVICE = frozenset({S.SUBMITTED, S.IN_REVIEW})
# A vote opens in review (a first vote) or while deciding (a new round after no quorum).
READY_FOR_A_VOTE = frozenset({S.IN_REVIEW, S.DECIDING})
# The ideas that go on the ballot of a Smederij election at its ideas deadline: handed in
# and complete (submitted), taken up by the wijkteam (in review), or already waiting for
# a decision. Not those sent back for changes: they are not complete.
ON_THE_BALLOT = frozenset({S.SUBMITTED, S.IN_REVIEW, S.DECIDING})
# The money has been granted: the proposal counts as funded.
FUNDED_STATUSES = frozenset({S.APPROVED, S.IN_PROGRESS, S.ACCOUNTED, S.COMPLETED})
# Funded and not accounted for yet: the project runs, advances may be paid.
RUNNING_STATUSES = frozenset({S.APPROVED, S.IN_PROGRESS})
# Payments reach the project until it is completed.
PAYABLE_STATUSES = frozenset({S.APPROVED, S.IN_PROGRESS, S.ACCOUNTED})
# Funded at some point: money may be paid back, and the verantwoording part of the page shows.
AFTER_FUNDING = FUNDED_STATUSES | {S.CANCELLED}
# Decided, one way or another: the decision letter exists.
DECIDED = AFTER_FUNDING | {S.REJECTED, S.DEFERRED}
DECIDED_OR_DECIDING = DECIDED | {S.DECIDING}
# The budget grants money while the proposal is decided (approval and grant in one
# transaction) or right after it was marked approved.
GRANTABLE_STATUSES = frozenset({S.DECIDING, S.APPROVED})


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t("submit", {S.DRAFT}, S.SUBMITTED, gettext_lazy("submitted")),
        _t("resubmit", {S.CHANGES_REQUESTED}, S.SUBMITTED, gettext_lazy("submitted again")),
        _t("start_review", {S.SUBMITTED}, S.IN_REVIEW, gettext_lazy("review started")),
        _t(
            "request_changes",
            OPEN_FOR_ADVICE,
            S.CHANGES_REQUESTED,
            gettext_lazy("changes requested"),
        ),
        _t("start_deciding", {S.IN_REVIEW}, S.DECIDING, gettext_lazy("decision started")),
        _t("approve", {S.DECIDING}, S.APPROVED, gettext_lazy("approved")),
        _t("reject", {S.DECIDING}, S.REJECTED, gettext_lazy("rejected")),
        _t("defer", {S.DECIDING}, S.DEFERRED, gettext_lazy("deferred to next year")),
        _t("reopen", {S.DEFERRED}, S.SUBMITTED, gettext_lazy("taken up again")),
        _t("start", {S.APPROVED}, S.IN_PROGRESS, gettext_lazy("project started")),
        _t("account", RUNNING_STATUSES, S.ACCOUNTED, gettext_lazy("accounted for")),
        _t("complete", {S.ACCOUNTED}, S.COMPLETED, gettext_lazy("completed")),
        _t("cancel", RUNNING_STATUSES, S.CANCELLED, gettext_lazy("cancelled")),
        _t("withdraw", BEFORE_DECISION, S.WITHDRAWN, gettext_lazy("withdrawn")),
    ]
}


def can_move(status: str, name: str) -> bool:
    """Whether the lifecycle allows the move `name` from `status` (who may is another question)."""
    return status in TRANSITIONS[name].sources


def check_transition(status: str, name: str) -> Transition:
    """The transition `name` from `status`, or a ProposalError saying why not."""
    transition = TRANSITIONS[name]
    if status not in transition.sources:
        raise ProposalError(
            _("A proposal that is %(status)s cannot be %(action)s.")
            % {"status": S(status).label, "action": transition.label},
            code="transition_not_allowed",
        )
    return transition


def allowed_transitions(status: str) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if status in t.sources]
