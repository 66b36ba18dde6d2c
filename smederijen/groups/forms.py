"""Forms of the initiatiefgroep and group pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from smederijen.models import GroupKind


class JoinRequestForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name of the group or organisation"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("What does the group do?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person you invite"),
        # The column's length (EmailField: 254); a longer address is refused in the form.
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
