"""The verantwoording of a funded project: filing it, checking it, and the reminder before it is due.

After the money is spent the initiators account for it within four weeks of
the end date: a short report, how many residents took part, what was spent
against each budget line, photos and the receipts. Filing moves the proposal
to ACCOUNTED; the gebiedsregisseur's approval completes it.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.money import to_money
from projecten.accounting.selectors import ACCOUNTING_PERIOD, accounting_due_date
from projecten.common import timeline
from projecten.common.services import (
    event_record,
    permission_require,
    proposal_lock,
    proposal_transition,
)
from projecten.common.uploads import check_upload
from projecten.errors import ProposalError
from projecten.models import (
    Accounting,
    AccountingLine,
    AccountingStatus,
    Attachment,
    AttachmentKind,
    EventKind,
    Proposal,
)
from projecten.workflow import RUNNING_STATUSES, check_transition
from smederijen.models import User
from smederijen.notifications import email_after_commit

# The reminder goes a week before the verantwoording is due.
REMINDER_BEFORE = datetime.timedelta(days=7)
ACCOUNTING_UPLOAD_KINDS = (AttachmentKind.RECEIPT, AttachmentKind.PHOTO)


@dataclass(frozen=True)
class SpendingLineData:
    """What was spent; `budget_line_id` ties it to a line of the proposal's budget, or None."""

    description: str
    amount: Decimal
    budget_line_id: int | None = None


@dataclass(frozen=True)
class UploadData:
    """An uploaded receipt or photo, as the form received it."""

    file: object
    kind: str
    publish_consent: bool = False


def _check_content(report: str, participants: int | None, lines: list[SpendingLineData]) -> None:
    errors: dict[str, list[str]] = {}
    if not (report or "").strip():
        errors["report"] = [_("Tell briefly what was done.")]
    if participants is None or participants < 0:
        errors["participants"] = [_("Enter how many residents took part (0 or more).")]
    for line in lines:
        if line.amount is None or line.amount < 0:
            errors.setdefault("lines", []).append(
                _("An amount spent cannot be negative: %(what)s.") % {"what": line.description}
            )
        if not (line.description or "").strip():
            errors.setdefault("lines", []).append(_("Say what each amount was spent on."))
    if errors:
        raise ProposalError(errors)


def _check_budget_lines(proposal: Proposal, lines: list[SpendingLineData]) -> None:
    own = set(proposal.budget_lines.values_list("pk", flat=True))
    if any(line.budget_line_id is not None and line.budget_line_id not in own for line in lines):
        raise ProposalError(
            _("A spending line refers to a budget line of another proposal."),
            field="lines",
            code="foreign_budget_line",
        )


def _checked_uploads(uploads: list[UploadData]) -> list[tuple[UploadData, object]]:
    """The service checks every file again by its content: it never trusts the form."""
    checked = []
    for upload in uploads:
        if upload.kind not in ACCOUNTING_UPLOAD_KINDS:
            raise ProposalError(
                _("Add receipts or photos only."), field="uploads", code="wrong_kind"
            )
        try:
            checked.append((upload, check_upload(upload.file)))
        except ValidationError as error:
            raise ProposalError({"uploads": error.messages}, code="bad_file") from None
    return checked


def gebiedsregisseur_addresses(smederij) -> list[str]:
    return sorted(
        User.objects.filter(
            is_active=True,
            gebiedsregisseur_assignments__wijkteam_id=smederij.wijkteam_id,
        )
        .values_list("email", flat=True)
        .distinct()
    )


def _link(path: str) -> str:
    return settings.SITE_URL + path


def _accounting_url(proposal: Proposal, name: str = "accounting-detail") -> str:
    return _link(reverse(f"projecten:{name}", kwargs={"pk": proposal.pk}))


@transaction.atomic
def accounting_submit(
    *,
    proposal: Proposal,
    actor: User,
    report: str,
    participants: int,
    lines: Iterable[SpendingLineData],
    uploads: Iterable[UploadData] = (),
) -> Accounting:
    """File the verantwoording of a running project; the proposal moves to ACCOUNTED.

    Filed once: a second time only when the gebiedsregisseur asked for more,
    and then the same record is brought up to date (its lines replaced, new
    files added to the old ones).
    """
    proposal = proposal_lock(proposal)
    lines = list(lines)
    uploads = list(uploads)
    existing = Accounting.objects.filter(proposal=proposal).first()
    refiling = existing is not None and existing.status == AccountingStatus.MORE_REQUESTED
    if existing is not None and not refiling:
        raise ProposalError(_("The verantwoording of this project has already been filed."))
    if not refiling:
        check_transition(proposal.status, "account")
    permission_require(actor, "projecten.file_accounting", proposal)
    _check_content(report, participants, lines)
    _check_budget_lines(proposal, lines)
    checked = _checked_uploads(uploads)
    has_old_receipt = refiling and existing.attachments.filter(kind=AttachmentKind.RECEIPT).exists()
    if not has_old_receipt and not any(u.kind == AttachmentKind.RECEIPT for u, _c in checked):
        raise ProposalError(
            _("Add at least one receipt (a PDF or a photo of it)."),
            field="uploads",
            code="no_receipt",
        )

    if refiling:
        accounting = existing
        accounting.report = report
        accounting.participants = participants
        accounting.status = AccountingStatus.SUBMITTED
        accounting.submitted_at = timezone.now()
        accounting.submitted_by = actor
        accounting.save()
        accounting.lines.all().delete()
    else:
        accounting = Accounting.objects.create(
            proposal=proposal, report=report, participants=participants, submitted_by=actor
        )
    AccountingLine.objects.bulk_create(
        AccountingLine(
            accounting=accounting,
            budget_line_id=line.budget_line_id,
            description=line.description.strip(),
            amount=to_money(line.amount),
        )
        for line in lines
    )
    for upload, found in checked:
        Attachment.objects.create(
            proposal=proposal,
            accounting=accounting,
            kind=upload.kind,
            file=upload.file,
            original_name=(getattr(upload.file, "name", "") or "bestand")[:200],
            content_type=found.content_type,
            size=found.size,
            publish_consent=upload.kind == AttachmentKind.PHOTO and upload.publish_consent,
            uploaded_by=actor,
        )

    if refiling:
        event_record(
            proposal,
            kind=EventKind.ACCOUNTING,
            actor=actor,
            what=timeline.ACCOUNTING_REFILED,
        )
    else:
        proposal_transition(proposal, "account", actor=actor)
    email_after_commit(
        to=gebiedsregisseur_addresses(proposal.smederij),
        template="emails/accounting_submitted",
        context={
            "title": proposal.title,
            "smederij": proposal.smederij.name,
            "again": refiling,
            "url": _accounting_url(proposal),
        },
    )
    return accounting


def _lock_accounting(accounting: Accounting) -> tuple[Accounting, Proposal]:
    proposal = proposal_lock(accounting.proposal)
    accounting = Accounting.objects.select_for_update().get(pk=accounting.pk)
    return accounting, proposal


def _check_submitted(accounting: Accounting) -> None:
    if accounting.status != AccountingStatus.SUBMITTED:
        raise ProposalError(
            _("This verantwoording is %(status)s; only a filed verantwoording can be checked.")
            % {"status": accounting.get_status_display()}
        )


@transaction.atomic
def accounting_approve(*, accounting: Accounting, actor: User, message: str = "") -> Accounting:
    """The gebiedsregisseur accepts the verantwoording: only now the project counts as completed."""
    accounting, proposal = _lock_accounting(accounting)
    permission_require(actor, "projecten.check_accounting", proposal)
    _check_submitted(accounting)
    check_transition(proposal.status, "complete")
    accounting.status = AccountingStatus.APPROVED
    accounting.review_message = message
    accounting.save(update_fields=["status", "review_message"])
    proposal_transition(proposal, "complete", actor=actor, message=message)
    return accounting


def proposal_complete(*, proposal: Proposal, actor: User, message: str = "") -> Accounting:
    """Complete a project from its money page: approve the verantwoording it filed."""
    accounting = Accounting.objects.filter(proposal=proposal).first()
    if accounting is None:
        permission_require(actor, "projecten.check_accounting", proposal)
        raise ProposalError(_("The verantwoording has not been filed yet."), code="not_filed")
    return accounting_approve(accounting=accounting, actor=actor, message=message)


@transaction.atomic
def accounting_request_more(*, accounting: Accounting, actor: User, message: str) -> Accounting:
    """The gebiedsregisseur asks for more (a missing receipt, a line explained); the submitter
    can then file again."""
    accounting, proposal = _lock_accounting(accounting)
    permission_require(actor, "projecten.check_accounting", proposal)
    _check_submitted(accounting)
    if not (message or "").strip():
        raise ProposalError(_("Say what is missing."), field="message", code="required")
    accounting.status = AccountingStatus.MORE_REQUESTED
    accounting.review_message = message
    accounting.save(update_fields=["status", "review_message"])
    event_record(proposal, kind=EventKind.ACCOUNTING, actor=actor, message=message)
    email_after_commit(
        to=[proposal.submitter.email],
        template="emails/accounting_more_requested",
        context={
            "name": proposal.submitter.display_name,
            "title": proposal.title,
            "message": message,
            "url": _accounting_url(proposal),
        },
    )
    return accounting


def accounting_reminders_send(*, today: datetime.date | None = None) -> int:
    """Email the initiators whose verantwoording is due within a week, once each.

    Run daily by Celery beat. A project counts when its due date lies between
    today and a week from now (so a day the beat missed is caught up the next
    day) and no reminder went before; the moment is recorded in the same
    transaction, and rows locked by a concurrent run are skipped, so nobody
    gets the email twice. Returns the number of reminders sent.
    """
    today = today or timezone.localdate()
    last_end = today - ACCOUNTING_PERIOD + REMINDER_BEFORE
    first_end = today - ACCOUNTING_PERIOD
    with transaction.atomic():
        due = list(
            Proposal.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status__in=RUNNING_STATUSES,
                accounting__isnull=True,
                accounting_reminder_sent_at__isnull=True,
                end_date__gte=first_end,
                end_date__lte=last_end,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not due:
            return 0
        proposals = list(
            Proposal.objects.filter(pk__in=due).select_related("submitter").order_by("pk")
        )
        Proposal.objects.filter(pk__in=due).update(accounting_reminder_sent_at=timezone.now())
        for proposal in proposals:
            email_after_commit(
                to=[proposal.submitter.email],
                template="emails/accounting_reminder",
                context={
                    "name": proposal.submitter.display_name,
                    "title": proposal.title,
                    "due_date": accounting_due_date(proposal).strftime("%d-%m-%Y"),
                    "url": _accounting_url(proposal, "accounting-create"),
                },
            )
    return len(proposals)
