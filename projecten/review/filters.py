"""The filters of the review queue (django-filter)."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projecten.common.forms import DateInput, FilterForm
from projecten.models import Klap, Theme
from projecten.proposals.filters import HANDED_IN_CHOICES
from projecten.workflow import AWAITING_REVIEW
from smederijen.selectors import smederijen_covered_by

ALL_STATUSES = "all"


def _covered_smederijen(request):
    # Only the Smederijen the user's wijkteam(s) cover are choices: the others do not exist here.
    if request is None:
        return smederijen_covered_by(None).none()
    return smederijen_covered_by(request.user).order_by("name")


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ReviewQueueFilter(django_filters.FilterSet):
    """Status (by default those waiting for the wijkteam), Smederij, klap, theme, waiting time."""

    class Meta:
        form = FilterForm

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(ALL_STATUSES, _("All statuses")), *HANDED_IN_CHOICES],
        empty_label=_("Waiting for the wijkteam or the decision"),
        method="filter_status",
    )
    smederij = django_filters.ModelChoiceFilter(
        label=_("Smederij"), queryset=_covered_smederijen, empty_label=_("All my Smederijen")
    )
    klap = django_filters.ChoiceFilter(
        label=_("Klap"), choices=Klap.choices, empty_label=_("Korte and lange klap")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Theme.choices, empty_label=_("All themes")
    )
    submitted_before = django_filters.DateFilter(
        label=_("Submitted before"),
        method="filter_submitted_before",
        widget=DateInput(),
        help_text=_("Only proposals handed in before this day."),
    )
    waiting_days = WholeNumberFilter(
        label=_("Waiting at least (days)"),
        method="filter_waiting_days",
        min_value=0,
        max_value=3650,
        help_text=_("Only proposals handed in at least this many days ago."),
    )

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status__in=AWAITING_REVIEW)
        return super().filter_queryset(queryset)

    def filter_status(self, queryset, name, value):
        if value == ALL_STATUSES:
            return queryset
        return queryset.filter(status=value)

    def filter_submitted_before(self, queryset, name, value: datetime.date):
        start_of_day = timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))
        return queryset.filter(submitted_at__lt=start_of_day)

    def filter_waiting_days(self, queryset, name, value):
        return queryset.filter(submitted_at__lte=timezone.now() - datetime.timedelta(days=value))
