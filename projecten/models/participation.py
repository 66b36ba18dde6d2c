"""Taking part in a proposal: its attachments, the comments of the area and supports."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projecten.models.proposal import BudgetLine, Proposal


def attachment_upload_to(instance, filename: str) -> str:
    """A random name: the uploader's file name is never part of the path (privacy, collisions)."""
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[
        instance.content_type
    ]
    return f"projecten/{uuid.uuid4().hex}.{extension}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    QUOTE = "quote", _("quote")
    SIGNATURES = "signatures", _("signature list")
    RECEIPT = "receipt", _("receipt")
    OTHER = "other", _("other document")


class Attachment(models.Model):
    """A file of a proposal or its verantwoording. Served only through a view that checks access."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AttachmentKind.choices)
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )
    accounting = models.ForeignKey(
        "Accounting",
        verbose_name=_("verantwoording"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    publish_consent = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("The people in the photo agree that it is shown on the public pages."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["proposal", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(content_type__in=["application/pdf", "image/jpeg", "image/png"]),
                name="projecten_attachment_allowed_type",
            ),
            models.CheckConstraint(
                condition=models.Q(size__lte=10 * 1024 * 1024), name="projecten_attachment_max_10mb"
            ),
        ]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Comment(models.Model):
    """A resident's comment on a proposal.

    The gebiedsregisseur can hide one, with a reason; it is never deleted.
    """

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["proposal", "created_at", "pk"]
        # A proposal's comments a page at a time, and the page of one comment (issue 12).
        indexes = [
            models.Index(fields=["proposal", "created_at", "id"], name="projecten_comment_page")
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(hidden_at__isnull=True, hidden_by__isnull=True, hidden_reason="")
                    | (
                        models.Q(hidden_at__isnull=False, hidden_by__isnull=False)
                        & ~models.Q(hidden_reason="")
                    )
                ),
                name="projecten_comment_hidden_with_reason",
            )
        ]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Support(models.Model):
    """A resident supports a proposal of their own Smederij: draagvlak, one per resident."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], name="projecten_one_support_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"
