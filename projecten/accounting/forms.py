"""Forms after funding: the verantwoording, its check, shared goods and borrowing them.

The forms check what one field can say; the rules (at least one receipt,
dates not in the past, a group of the area) are the services'.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from budget.forms import EuroField
from projecten.accounting.services import SpendingLineData, UploadData
from projecten.common.forms import LineForm
from projecten.common.uploads import check_upload
from projecten.models import AttachmentKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by its content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        cleaned = [super(MultipleFileField, self).clean(file, initial) for file in files]
        messages = []
        for file in cleaned:
            try:
                check_upload(file)
            except ValidationError as error:
                messages.extend(f"{file.name}: {message}" for message in error.messages)
        if messages:
            raise ValidationError(messages, code="bad_file")
        return cleaned


class AccountingForm(forms.Form):
    report = forms.CharField(
        label=_("What was done?"),
        help_text=_("A short report: what happened, who was there, what it brought the area."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    participants = forms.IntegerField(
        label=_("How many residents took part?"), min_value=0, max_value=1_000_000
    )
    receipts = MultipleFileField(
        label=_("Receipts"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB each. At least one receipt is required."),
    )
    # The service asks for a receipt (its message stands beside the field): the form leaves
    # the check to it, but the field shows as required, not "(niet verplicht)" (decision 0025).
    receipts.requirement = ""
    receipts.widget.attrs["required"] = True
    photos = MultipleFileField(
        label=_("Photos"), required=False, help_text=_("JPEG or PNG, at most 10 MB each.")
    )
    publish_consent = forms.BooleanField(
        label=_("The people in these photos agree that they are shown on the public pages"),
        required=False,
    )

    def uploads(self) -> list[UploadData]:
        consent = self.cleaned_data.get("publish_consent", False)
        return [
            UploadData(file, AttachmentKind.RECEIPT) for file in self.cleaned_data["receipts"]
        ] + [
            UploadData(file, AttachmentKind.PHOTO, publish_consent=consent)
            for file in self.cleaned_data["photos"]
        ]


class SpendingLineForm(LineForm):
    # An id: bounded to the integer column, so a forged huge number is a form error, not a 500.
    budget_line = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )
    description = forms.CharField(label=_("What"), max_length=200, required=False)
    amount = EuroField(label=_("Spent"), required=False, allow_zero=True)

    def clean(self):
        cleaned = super().clean()
        description, amount = cleaned.get("description"), cleaned.get("amount")
        planned = cleaned.get("budget_line") is not None
        if (description or planned) and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter what was spent on this (0 if nothing)."))
        if amount is not None and not description:
            self.add_error("description", _("Say what this amount was spent on."))
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return (
            data.get("budget_line") is None
            and not data.get("description")
            and data.get("amount") is None
        )


class BaseSpendingLineFormSet(forms.BaseFormSet):
    def _construct_form(self, i, **kwargs):
        # A line of the planned budget must be answered (0 if nothing was spent): unlike an
        # extra line, it may not be skipped because it still looks as it was offered.
        form = super()._construct_form(i, **kwargs)
        if i < len(self.initial or ()):
            form.empty_permitted = False
        return form

    def spending_lines(self) -> list[SpendingLineData]:
        return [
            SpendingLineData(
                description=form.cleaned_data["description"],
                amount=form.cleaned_data["amount"],
                budget_line_id=form.cleaned_data.get("budget_line"),
            )
            for form in self.forms
            if form.is_valid() and not form.is_blank
        ]


SpendingLineFormSet = forms.formset_factory(
    SpendingLineForm, formset=BaseSpendingLineFormSet, extra=2, max_num=60, absolute_max=60
)


class AccountingCheckForm(forms.Form):
    APPROVE, MORE = "approve", "more"
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (APPROVE, _("Approve: the project is completed")),
            (MORE, _("Ask the initiators for more")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the initiators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you ask for more: say what is missing."),
    )
