"""Every operation that changes a proposal: one function a use case, in one transaction.

Each checks the permission (the views checked it too: a service never trusts
its caller), locks the proposal row before it changes the status, records an
event on the timeline, and queues its emails after commit.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from budget.money import format_euro, to_money
from projecten.common import notifications
from projecten.common.services import (
    event_record,
    permission_require,
    proposal_lock,
    proposal_transition,
)
from projecten.errors import ProposalError
from projecten.models import (
    BudgetLine,
    CoFunding,
    EventKind,
    Klap,
    Proposal,
    ProposalStatus,
)
from projecten.workflow import check_transition
from smederijen.models import Group, Smederij, User

# The fields a resident fills in, and those required before a proposal can be submitted.
PROPOSAL_FIELDS = (
    "klap",
    "year",
    "title",
    "summary",
    "description",
    "social_side",
    "theme",
    "location",
    "changes_public_space",
    "start_date",
    "end_date",
    "eigen_inzet",
    "draagvlak",
    "amount_requested",
    "goal",
    "duration",
    "partners",
    "success_measure",
)
REQUIRED_TO_SUBMIT = (
    "title",
    "summary",
    "description",
    "social_side",
    "theme",
    "location",
    "start_date",
    "end_date",
    "eigen_inzet",
    "draagvlak",
    "amount_requested",
)
REQUIRED_FOR_LANGE_KLAP = ("goal", "duration", "partners", "success_measure")


@dataclass(frozen=True)
class BudgetLineData:
    description: str
    amount: Decimal


@dataclass(frozen=True)
class CoFundingData:
    kind: str
    source: str
    amount: Decimal
    status: str


def _write_parts(
    proposal: Proposal,
    budget_lines: Iterable[BudgetLineData] | None,
    co_funding: Iterable[CoFundingData] | None,
) -> None:
    """Budget lines and co-funding are the resident's plan, not money records: replaced whole."""
    if budget_lines is not None:
        proposal.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(
                proposal=proposal,
                description=line.description,
                amount=to_money(line.amount),
                position=position,
            )
            for position, line in enumerate(budget_lines)
        )
    if co_funding is not None:
        proposal.co_funding.all().delete()
        CoFunding.objects.bulk_create(
            CoFunding(
                proposal=proposal,
                kind=source.kind,
                source=source.source,
                amount=to_money(source.amount),
                status=source.status,
            )
            for source in co_funding
        )


def _check_group(actor: User, group: Group | None, smederij: Smederij) -> None:
    if group is None:
        return
    if not group.memberships.filter(user=actor).exists():
        raise ProposalError(
            _("You can only submit for a group you are a member of."), field="group"
        )
    if group.area_id != smederij.area_id:
        raise ProposalError(_("This group belongs to another area."), field="group")


@transaction.atomic
def proposal_create_draft(
    *,
    actor: User,
    fields: dict,
    budget_lines: Iterable[BudgetLineData] = (),
    co_funding: Iterable[CoFundingData] = (),
    group: Group | None = None,
) -> Proposal:
    """Save a new proposal as a draft for the submitter's own Smederij; it may be incomplete."""
    permission_require(actor, "projecten.create_proposal")
    smederij = Smederij.objects.active().get(area_id=actor.home_area_id)
    _check_group(actor, group, smederij)
    proposal = Proposal(
        smederij=smederij,
        submitter=actor,
        group=group,
        **{name: value for name, value in fields.items() if name in PROPOSAL_FIELDS},
    )
    proposal.full_clean(exclude=["submitter", "smederij"])
    proposal.save()
    _write_parts(proposal, budget_lines, co_funding)
    event_record(proposal, kind=EventKind.CREATED, actor=actor, to_status=proposal.status)
    return proposal


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    actor: User,
    fields: dict,
    budget_lines: Iterable[BudgetLineData] | None = None,
    co_funding: Iterable[CoFundingData] | None = None,
    group: Group | None = None,
) -> Proposal:
    """Change a draft, or a proposal the wijkteam sent back for changes."""
    proposal = proposal_lock(proposal)
    permission_require(actor, "projecten.change_proposal", proposal)
    _check_group(actor, group, proposal.smederij)
    for name, value in fields.items():
        if name in PROPOSAL_FIELDS:
            setattr(proposal, name, value)
    proposal.group = group
    proposal.full_clean()
    proposal.save()
    _write_parts(proposal, budget_lines, co_funding)
    if proposal.status != ProposalStatus.DRAFT:
        event_record(proposal, kind=EventKind.EDITED, actor=actor)
    return proposal


def submission_errors(proposal: Proposal) -> dict[str, list[str]]:
    """Everything that stands between a proposal and its submission, by field."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    required = REQUIRED_TO_SUBMIT
    if proposal.klap == Klap.LANGE:
        required += REQUIRED_FOR_LANGE_KLAP
    for name in required:
        value = getattr(proposal, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            add(name, _("This field is required to submit the proposal."))
    lines = list(proposal.budget_lines.all())
    if not lines:
        add(
            "budget_lines",
            _("Add at least one budget line: what do you need, and what does it cost?"),
        )
    budget_total = sum((line.amount for line in lines), Decimal("0"))
    co_funding_total = sum((c.amount for c in proposal.co_funding.all()), Decimal("0"))
    asked = proposal.amount_requested
    if asked is not None and lines and asked > budget_total - co_funding_total:
        add(
            "amount_requested",
            _(
                "You ask %(asked)s, but the budget (%(budget)s) minus the co-funding "
                "(%(co_funding)s) leaves %(room)s."
            )
            % {
                "asked": format_euro(asked),
                "budget": format_euro(budget_total),
                "co_funding": format_euro(co_funding_total),
                "room": format_euro(max(budget_total - co_funding_total, Decimal("0"))),
            },
        )
    start, end = proposal.start_date, proposal.end_date
    if start and end and end < start:
        add("end_date", _("The end date cannot lie before the start date."))
    if proposal.klap == Klap.KORTE and start and end:
        year_start = datetime.date(proposal.year, 1, 1)
        year_end = datetime.date(proposal.year, 12, 31)
        if not (year_start <= start and end <= year_end):
            add(
                "end_date",
                _(
                    "A korte klap project is done within the budget year: "
                    "between %(start)s and %(end)s."
                )
                % {"start": year_start.strftime("%d-%m-%Y"), "end": year_end.strftime("%d-%m-%Y")},
            )
    return errors


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor: User) -> Proposal:
    """Hand in a draft, or a proposal changed at the wijkteam's request. Checks it is complete."""
    proposal = proposal_lock(proposal)
    resubmit = proposal.status == ProposalStatus.CHANGES_REQUESTED
    check_transition(proposal.status, "resubmit" if resubmit else "submit")
    permission_require(actor, "projecten.submit_proposal", proposal)
    errors = submission_errors(proposal)
    if errors:
        raise ProposalError(errors)
    proposal_transition(proposal, "resubmit" if resubmit else "submit", actor=actor)
    notifications.submitted_to_wijkteam(proposal, resubmitted=resubmit)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, actor: User, reason: str = "") -> Proposal:
    proposal = proposal_lock(proposal)
    check_transition(proposal.status, "withdraw")
    permission_require(actor, "projecten.withdraw_proposal", proposal)
    return proposal_transition(proposal, "withdraw", actor=actor, message=reason)
