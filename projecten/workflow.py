"""The proposal lifecycle of DESIGN.md as plain data: which move leads from where to where.

Who may make a move is a permission (projecten/rules.py); what else a move
does (money, notifications) is its service. `check_transition` is the single
place that refuses a move the lifecycle does not allow.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ProposalError
from .models import ProposalStatus as S


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    label: str


def _t(name, sources, target, label) -> Transition:
    return Transition(name, frozenset(sources), target, label)


# Before the decision, the submitter may withdraw.
BEFORE_DECISION = {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.DECIDING}

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t("submit", {S.DRAFT}, S.SUBMITTED, gettext_lazy("submitted")),
        _t("resubmit", {S.CHANGES_REQUESTED}, S.SUBMITTED, gettext_lazy("submitted again")),
        _t("start_review", {S.SUBMITTED}, S.IN_REVIEW, gettext_lazy("review started")),
        _t(
            "request_changes",
            {S.SUBMITTED, S.IN_REVIEW},
            S.CHANGES_REQUESTED,
            gettext_lazy("changes requested"),
        ),
        _t("start_deciding", {S.IN_REVIEW}, S.DECIDING, gettext_lazy("decision started")),
        _t("approve", {S.DECIDING}, S.APPROVED, gettext_lazy("approved")),
        _t("reject", {S.DECIDING}, S.REJECTED, gettext_lazy("rejected")),
        _t("defer", {S.DECIDING}, S.DEFERRED, gettext_lazy("deferred to next year")),
        _t("reopen", {S.DEFERRED}, S.SUBMITTED, gettext_lazy("taken up again")),
        _t("start", {S.APPROVED}, S.IN_PROGRESS, gettext_lazy("project started")),
        _t("account", {S.APPROVED, S.IN_PROGRESS}, S.ACCOUNTED, gettext_lazy("accounted for")),
        _t("complete", {S.ACCOUNTED}, S.COMPLETED, gettext_lazy("completed")),
        _t("cancel", {S.APPROVED, S.IN_PROGRESS}, S.CANCELLED, gettext_lazy("cancelled")),
        _t("withdraw", BEFORE_DECISION, S.WITHDRAWN, gettext_lazy("withdrawn")),
    ]
}

# Statuses in which the submitter may still change the text of the proposal.
EDITABLE_STATUSES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})


def check_transition(status: str, name: str) -> Transition:
    """The transition `name` from `status`, or a ProposalError saying why not."""
    transition = TRANSITIONS[name]
    if status not in transition.sources:
        raise ProposalError(
            _("A proposal that is %(status)s cannot be %(action)s.")
            % {"status": S(status).label, "action": transition.label}
        )
    return transition


def allowed_transitions(status: str) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if status in t.sources]
