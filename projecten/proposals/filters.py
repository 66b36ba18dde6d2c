"""Filters of proposal lists (django-filter): what a resident can narrow a list down to."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projecten.common.forms import FilterForm
from projecten.models import Klap, Theme
from projecten.workflow import HANDED_IN_STATUSES

# A list of handed-in proposals never holds drafts or withdrawn ones: no use filtering on them.
HANDED_IN_CHOICES = [(status.value, status.label) for status in HANDED_IN_STATUSES]


class SmederijProposalFilter(django_filters.FilterSet):
    """Status, klap, theme, year and a text search over title, summary and description."""

    class Meta:
        form = FilterForm

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        help_text=_("Words in the title, summary or description."),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=HANDED_IN_CHOICES, empty_label=_("All statuses")
    )
    klap = django_filters.ChoiceFilter(
        label=_("Klap"), choices=Klap.choices, empty_label=_("Korte and lange klap")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Theme.choices, empty_label=_("All themes")
    )
    year = django_filters.ChoiceFilter(
        label=_("Budget year"), choices=(), empty_label=_("All years")
    )

    def __init__(self, *args, years: list[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # The years that hold proposals, newest first; the view passes them (one query).
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(summary__icontains=value)
            | Q(description__icontains=value)
        )
