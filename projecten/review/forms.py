"""Forms of the wijkteam's review: advice, asking for changes, and the decision method.

They check what one field can say; the rules (who, in which status, until
when) are the services'.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from projecten.models import SCORE_RANGE, Advice, DecisionMethodKind, Recommendation

SCORE_LABELS = {1: _("poor"), 2: _("weak"), 3: _("fair"), 4: _("good"), 5: _("excellent")}
SCORE_CHOICES = [
    (value, format_lazy("{} – {}", value, SCORE_LABELS[value]))
    for value in range(SCORE_RANGE[0], SCORE_RANGE[1] + 1)
]


def _score_field(label, help_text):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )


class AdviceForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Your advice"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        help_text=_("Why this advice? The submitter and those who decide read it."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    score_liveability = _score_field(
        _("Liveability and social side"),
        _("Does it make the area more liveable, socially above all?"),
    )
    score_draagvlak = _score_field(
        _("Support in the area (draagvlak)"), _("Do people of the area want this?")
    )
    score_feasibility = _score_field(
        _("Feasible in time"), _("Can it be done within the year (korte klap) or as planned?")
    )
    score_eigen_inzet = _score_field(
        _("Own effort (eigen inzet)"),
        _("Do the initiators do something themselves, or give something back?"),
    )

    @classmethod
    def for_advice(cls, advice: Advice | None, data=None):
        if advice is None:
            return cls(data)
        initial = {name: getattr(advice, name) for name in cls.base_fields}
        return cls(data, initial=initial)


class RequestChangesForm(forms.Form):
    message = forms.CharField(
        label=_("What should the submitter change?"),
        help_text=_("The submitter receives this message by email and sees it on the timeline."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )


class DecisionMethodForm(forms.Form):
    # An id: bounded to the integer column, so a forged huge number is a form error, not a 500.
    smederij = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    method = forms.ChoiceField(
        label=_("How the Smederij decides"), choices=DecisionMethodKind.choices
    )
