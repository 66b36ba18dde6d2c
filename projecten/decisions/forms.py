"""Forms of the decision and of the money after it.

They check what one field can say (an amount in euros, a required text); the
rules (at most what was asked, half the grant as an advance, the pot) are the
services', which the views turn into form errors.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from budget.forms import EuroField


class ApproveForm(forms.Form):
    amount = EuroField(label=_("Amount granted"), help_text=_("At most the amount asked."))
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the decision letter, for example: permission of the landowner."),
    )
    conditional_on_co_funding = forms.BooleanField(
        label=_("Pay only when all co-funding has been received (lange klap)"), required=False
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you approve a proposal the vote did not adopt."),
    )


class RejectForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why is the proposal rejected?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The submitter reads this in the decision letter."),
    )


class DeferForm(forms.Form):
    motivation = forms.CharField(
        label=_("Motivation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
