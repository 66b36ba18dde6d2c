"""Forms of the money after a decision: advances, payments, cancelling, refunds, completing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from budget.forms import EuroField
from projecten.models import CoFundingStatus


class AdvanceForm(forms.Form):
    amount = EuroField(label=_("Advance"), help_text=_("At most half of the grant."))
    override_reason = forms.CharField(
        label=_("Reason to pay more than half"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PaymentForm(forms.Form):
    amount = EuroField(label=_("Amount paid"))
    reason = forms.CharField(label=_("What for"), required=False, max_length=500)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the project stopped?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RefundForm(forms.Form):
    amount = EuroField(label=_("Amount paid back"))
    reason = forms.CharField(label=_("Note"), max_length=500)


class CompleteForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the initiators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CoFundingStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CoFundingStatus.choices)
