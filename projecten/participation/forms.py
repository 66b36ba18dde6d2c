"""Forms of taking part: comments, hiding one, and attachments."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from projecten.common.uploads import check_upload
from projecten.models import AttachmentKind


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG or PNG, at most 10 MB."))
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[
            (AttachmentKind.PHOTO, AttachmentKind.PHOTO.label),
            (AttachmentKind.QUOTE, AttachmentKind.QUOTE.label),
            (AttachmentKind.SIGNATURES, AttachmentKind.SIGNATURES.label),
            (AttachmentKind.OTHER, AttachmentKind.OTHER.label),
        ],
    )
    publish_consent = forms.BooleanField(
        label=_("The people in this photo agree that it is shown on the public pages"),
        required=False,
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            self.checked = check_upload(uploaded)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return uploaded


class ProposalAttachmentForm(AttachmentForm):
    """An attachment of a proposal, optionally the quote for one of its budget lines."""

    budget_line = forms.ModelChoiceField(
        label=_("For budget line"),
        queryset=None,
        required=False,
        help_text=_("For a quote: the line of your budget it is about."),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        # Lines of this proposal only; the prefetched lines would do, but a queryset validates.
        self.fields["budget_line"].queryset = proposal.budget_lines.all()
        self.fields["budget_line"].empty_label = _("None")


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("At most 2000 characters. Everyone who can see this proposal reads it."),
    )


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this comment hidden?"),
        max_length=300,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The readers see this reason instead of the comment."),
    )
