"""What the area does with a handed-in proposal: comments, supports and attachments.

Each function checks the named permission again (the view checked it too),
works in one transaction, and leaves the timeline an entry where the step
matters to the submitter or the wijkteam.
"""

import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projecten.common import timeline
from projecten.common.services import event_record, permission_require, proposal_lock
from projecten.common.uploads import check_upload
from projecten.errors import ProposalError
from projecten.models import (
    Attachment,
    AttachmentKind,
    BudgetLine,
    Comment,
    EventKind,
    Proposal,
    ProposalStatus,
    Support,
)
from projecten.proposals.predicates import is_open_for_support
from smederijen.models import User
from smederijen.ratelimits import COMMENTS, SUPPORTS, rate_limit_hit

COMMENT_MAX_LENGTH = 2000
HIDE_REASON_MAX_LENGTH = 300
# Receipts belong to the verantwoording, not to the proposal form.
PROPOSAL_ATTACHMENT_KINDS = (
    AttachmentKind.PHOTO,
    AttachmentKind.QUOTE,
    AttachmentKind.SIGNATURES,
    AttachmentKind.OTHER,
)


def _field_error(field: str, message: str, code: str) -> ProposalError:
    """A refusal about one field, with a code that tests and views can tell apart."""
    return ProposalError(message, field=field, code=code)


# --- comments -------------------------------------------------------------------------


@transaction.atomic
def comment_create(*, proposal: Proposal, actor: User, body: str) -> Comment:
    """A resident of the area (or someone working for it) comments on a handed-in proposal."""
    permission_require(actor, "projecten.comment_proposal", proposal)
    body = (body or "").strip()
    if not body:
        raise _field_error("body", _("Write your comment."), "required")
    if len(body) > COMMENT_MAX_LENGTH:
        raise _field_error(
            "body",
            _("A comment has at most %(max)d characters; yours has %(length)d.")
            % {"max": COMMENT_MAX_LENGTH, "length": len(body)},
            "max_length",
        )
    rate_limit_hit(COMMENTS, actor.pk)
    return Comment.objects.create(proposal=proposal, author=actor, body=body)


@transaction.atomic
def comment_hide(*, comment: Comment, actor: User, reason: str) -> Comment:
    """The gebiedsregisseur hides a comment, saying why. It is kept, never deleted."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    proposal = Proposal.objects.select_related("smederij").get(pk=comment.proposal_id)
    permission_require(actor, "projecten.hide_comment", proposal)
    reason = (reason or "").strip()
    if not reason:
        raise _field_error(
            "reason", _("Say why the comment is hidden; the readers will see it."), "required"
        )
    if len(reason) > HIDE_REASON_MAX_LENGTH:
        raise _field_error(
            "reason",
            _("The reason has at most %(max)d characters.") % {"max": HIDE_REASON_MAX_LENGTH},
            "max_length",
        )
    if comment.is_hidden:
        raise _field_error("reason", _("This comment is already hidden."), "already_hidden")
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = reason
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    event_record(proposal, kind=EventKind.COMMENT_HIDDEN, actor=actor, message=reason)
    return comment


# --- supports -------------------------------------------------------------------------


@transaction.atomic
def support_add(*, proposal: Proposal, actor: User) -> tuple[Support, bool]:
    """A resident of the Smederij supports a proposal; (support, created).

    There is no check-then-insert: the unique constraint decides, so a double
    click or two tabs at once end with one support and no error page.
    """
    permission_require(actor, "projecten.support_proposal", proposal)
    rate_limit_hit(SUPPORTS, actor.pk)
    try:
        # A savepoint, so that the outer transaction survives the refused insert.
        with transaction.atomic():
            return Support.objects.create(proposal=proposal, user=actor), True
    except IntegrityError:
        return Support.objects.get(proposal=proposal, user=actor), False


@transaction.atomic
def support_remove(*, proposal: Proposal, actor: User) -> bool:
    """A resident takes their support back while it still counts; True when there was one.

    No living-in check: a resident who moved away may still take theirs back.
    """
    if not is_open_for_support(actor, proposal):
        raise ProposalError(
            _("The decision on this proposal has been taken; supports no longer change."),
            code="closed",
        )
    permission_require(actor, "projecten.remove_support", proposal)
    deleted, _rows = Support.objects.filter(proposal=proposal, user=actor).delete()
    return deleted > 0


# --- attachments ----------------------------------------------------------------------


def _display_name(name: str) -> str:
    """The uploader's file name, only to show: no directories, at most 200 characters."""
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "bijlage"
    stem, extension = os.path.splitext(base)
    return stem[: 200 - len(extension[:20])] + extension[:20]


@transaction.atomic
def attachment_add(
    *,
    proposal: Proposal,
    actor: User,
    file,
    kind: str,
    publish_consent: bool = False,
    budget_line: BudgetLine | None = None,
) -> Attachment:
    """Add a PDF, JPEG or PNG to a proposal its submitter may still change.

    The content decides the type (checked again here: a service never trusts
    its caller); the file is stored under a random name (`attachment_upload_to`).
    """
    proposal = proposal_lock(proposal)
    permission_require(actor, "projecten.change_proposal", proposal)
    try:
        checked = check_upload(file)
    except ValidationError as error:
        # The file's own checks speak of the file: one domain error, beside the file field.
        raise ProposalError(" ".join(error.messages), field="file", code=error.code) from None
    if kind not in PROPOSAL_ATTACHMENT_KINDS:
        raise _field_error("kind", _("Choose what kind of file this is."), "invalid")
    is_image = checked.content_type.startswith("image/")
    if kind == AttachmentKind.PHOTO and not is_image:
        raise _field_error("kind", _("A photo must be a JPEG or PNG file."), "photo_not_image")
    if budget_line is not None and budget_line.proposal_id != proposal.pk:
        raise _field_error(
            "budget_line", _("This budget line belongs to another proposal."), "other_proposal"
        )
    attachment = Attachment(
        proposal=proposal,
        kind=kind,
        budget_line=budget_line,
        original_name=_display_name(getattr(file, "name", "")),
        content_type=checked.content_type,
        size=checked.size,
        # Consent is about the people in a photo; a document has nobody to ask.
        publish_consent=bool(publish_consent) and is_image,
        uploaded_by=actor,
    )
    # upload_to reads content_type, set above, to choose the extension of the random name.
    attachment.file.save("upload", file, save=False)
    try:
        attachment.save()
        if proposal.status != ProposalStatus.DRAFT:
            event_record(
                proposal,
                kind=EventKind.EDITED,
                actor=actor,
                what=timeline.ATTACHMENT_ADDED,
                data={"name": attachment.original_name},
            )
    except Exception:
        # No row, no file: a stored file nobody can reach is only a privacy risk.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor: User) -> None:
    """The submitter removes an attachment while the proposal can be changed."""
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    proposal = proposal_lock(attachment.proposal)
    permission_require(actor, "projecten.change_proposal", proposal)
    if attachment.accounting_id is not None:
        # Receipts of a verantwoording are part of the money's history.
        raise PermissionDenied("projecten.change_proposal")
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    # The file goes only once the row is surely gone.
    transaction.on_commit(lambda: storage.delete(name))
    if proposal.status != ProposalStatus.DRAFT:
        event_record(
            proposal,
            kind=EventKind.EDITED,
            actor=actor,
            what=timeline.ATTACHMENT_REMOVED,
            data={"name": attachment.original_name},
        )
