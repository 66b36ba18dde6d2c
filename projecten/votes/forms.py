"""Forms of the assessment vote: opening one, and casting (or changing) a vote.

The forms check what one field can say; the rules (the closing moment at least
an hour away, who may vote, until when) are the services'.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from projecten.models import VoteChoice


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class VoteOpenForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("The vote closes on"),
        help_text=_(
            "Date and time; at least an hour from now. Voters get a reminder 48 hours before."
        ),
        widget=DateTimeInput(),
    )
    quorum = forms.IntegerField(
        label=_("Quorum (percentage of the voters)"),
        help_text=_(
            "How many of those who may vote must vote for the result to count. "
            "Abstaining counts as voting."
        ),
        min_value=0,
        max_value=100,
        initial=50,
    )

    def quorum_fraction(self) -> Decimal:
        return Decimal(self.cleaned_data["quorum"]) / Decimal(100)


class VoteCastForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        help_text=_("Only the gebiedsregisseur (and for lange klap the stuurgroep) reads it."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
