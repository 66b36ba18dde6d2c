"""The dashboard's filters: year, wijkteam, kind of area, klap and theme (GET, never saved)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from budget.models import Klap
from projecten.common.forms import FilterForm
from projecten.dashboard.scope import FigureScope
from projecten.models import Theme
from smederijen.models import Smederij, Wijkteam
from wijken.models import AreaKind


class FigureFilterForm(FilterForm):
    year = forms.TypedChoiceField(
        label=_("Budget year"), coerce=int, empty_value=None, required=False, choices=()
    )
    wijkteam = forms.ModelChoiceField(
        label=_("Wijkteam"),
        queryset=Wijkteam.objects.order_by("name"),
        required=False,
        empty_label=_("All wijkteams"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of area"),
        choices=[("", _("Wijken and dorpen")), *AreaKind.choices],
        required=False,
    )
    klap = forms.ChoiceField(
        label=_("Klap"), choices=[("", _("Korte and lange klap")), *Klap.choices], required=False
    )
    theme = forms.ChoiceField(
        label=_("Theme"), choices=[("", _("All themes")), *Theme.choices], required=False
    )

    def __init__(self, *args, years=(), smederij: Smederij | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The years that exist, newest first; "all years" is the trend.
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(year), str(year)) for year in years
        ]
        self.smederij = smederij
        if smederij is not None:
            # The page of one Smederij: its wijkteam and kind are fixed.
            del self.fields["wijkteam"], self.fields["kind"]

    def scope(self) -> FigureScope:
        """The scope the valid form describes; an invalid field counts as "all"."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        wijkteam = data.get("wijkteam")
        return FigureScope(
            year=data.get("year"),
            wijkteam_id=wijkteam.pk if wijkteam else None,
            smederij_id=self.smederij.pk if self.smederij else None,
            kind=data.get("kind", ""),
            klap=data.get("klap", ""),
            theme=data.get("theme", ""),
        )
