"""The admin of proposals, for corrections by the functional administrator.

The status is read-only here: a proposal moves only through the workflow's
services, which check who may make the move, audit it and grant the money.
An edit in the admin would skip all of that.
"""

from django import forms
from django.contrib import admin
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.models import BudgetYear
from budget.money import format_euro
from projecten.models import (
    Advice,
    AssessmentVote,
    BudgetLine,
    CoFunding,
    Decision,
    DecisionMethod,
    ElectionIdea,
    ElectionRound,
    PaperTallyCount,
    PaperTallyEntry,
    Proposal,
    VoteCast,
)
from projecten.review.selectors import decisions_started
from projecten.workflow import DECIDED, ProposalStatus
from smederijen.admin_history import HistoryAdmin


class HandedInIsReadOnly:
    """An inline of the resident's plan: editable in the admin only while it is a draft.

    Once handed in, the budget lines and the co-funding change only through the services
    (the resident's changes when asked for, the gebiedsregisseur's co-funding status on the
    money page): co-funding that is received unlocks payments (issue 10, item 9).
    """

    def _draft(self, obj) -> bool:
        return obj is None or obj.status == ProposalStatus.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._draft(obj) and super().has_delete_permission(request, obj)


class BudgetLineInline(HandedInIsReadOnly, admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ("position", "description", "amount")


class CoFundingInline(HandedInIsReadOnly, admin.TabularInline):
    model = CoFunding
    extra = 0
    fields = ("kind", "source", "amount", "status")


class BudgetYearListFilter(admin.SimpleListFilter):
    """The proposal's budget year, its choices from the budget years (twenty rows).

    Instead of a date hierarchy: that one asks DISTINCT years over every proposal (or
    decision, or vote) since 2007 on each view of the changelist (issue 12).
    """

    title = _("budget year")
    parameter_name = "budget_year"
    field = "year"

    def lookups(self, request, model_admin):
        years = BudgetYear.objects.order_by("-year").values_list("year", flat=True)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{self.field: int(value)})
        return queryset


class ProposalBudgetYearListFilter(BudgetYearListFilter):
    field = "proposal__year"


@admin.register(Proposal)
class ProposalAdmin(HistoryAdmin):
    list_display = (
        "title",
        "smederij",
        "klap",
        "status",
        "amount_asked",
        "submitter",
        "submitted_at",
    )
    list_filter = (
        BudgetYearListFilter,
        "status",
        "klap",
        "theme",
        "smederij__wijkteam",
        "smederij",
    )
    list_select_related = ("smederij", "submitter")
    # Newest first, on the index of (created_at, id) (issue 12).
    ordering = ("-created_at", "-id")
    search_fields = (
        "title",
        "summary",
        "smederij__name",
        "submitter__display_name",
        "submitter__email",
    )
    autocomplete_fields = ("smederij", "submitter")
    readonly_fields = (
        "status",
        "budget_total",
        "co_funding_total",
        "submitted_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "smederij", "submitter", "klap", "status", "theme")}),
        (
            _("The plan"),
            {
                "fields": (
                    "summary",
                    "description",
                    "social_side",
                    "location",
                    "changes_public_space",
                    ("start_date", "end_date"),
                    "eigen_inzet",
                    "draagvlak",
                )
            },
        ),
        (_("Money"), {"fields": ("amount_requested", "budget_total", "co_funding_total")}),
        (
            _("Lange klap"),
            {
                "classes": ("collapse",),
                "fields": ("goal", "duration", "partners", "success_measure"),
            },
        ),
        (_("Dates"), {"fields": ("submitted_at", "created_at", "updated_at")}),
    )
    inlines = (BudgetLineInline, CoFundingInline)

    # What the money and the lifecycle hang on: once handed in, only the services change it.
    FIXED_ONCE_HANDED_IN = (
        "smederij",
        "submitter",
        "group",
        "klap",
        "year",
        "amount_requested",
        "start_date",
        "end_date",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is None or obj.status == ProposalStatus.DRAFT:
            return fields
        if obj.status in DECIDED:
            # Decided: the record of what was decided on; nothing changes any more.
            return [f.name for f in obj._meta.fields if f.editable] + fields
        return fields + [name for name in self.FIXED_ONCE_HANDED_IN if name not in fields]

    @admin.display(description=_("amount asked"), ordering="amount_requested")
    def amount_asked(self, obj):
        return format_euro(obj.amount_requested) or "–"

    @admin.display(description=_("budget total"))
    def budget_total(self, obj):
        if obj.pk is None:
            return "–"
        return format_euro(obj.budget_lines.aggregate(total=Sum("amount"))["total"] or 0)

    @admin.display(description=_("co-funding total"))
    def co_funding_total(self, obj):
        if obj.pk is None:
            return "–"
        return format_euro(obj.co_funding.aggregate(total=Sum("amount"))["total"] or 0)


@admin.register(CoFunding)
class CoFundingAdmin(HistoryAdmin):
    """All co-funding at once: which sponsors, funds and corporations have promised what."""

    list_display = ("source", "kind", "amount_display", "status", "proposal", "smederij")
    list_filter = ("kind", "status", "proposal__smederij")
    list_select_related = ("proposal__smederij",)
    search_fields = ("source", "proposal__title", "proposal__smederij__name")
    autocomplete_fields = ("proposal",)

    def _handed_in(self, obj) -> bool:
        return obj is not None and obj.proposal.status != ProposalStatus.DRAFT

    def get_readonly_fields(self, request, obj=None):
        # Received co-funding unlocks payments: after the draft, the money page records it.
        if self._handed_in(obj):
            return ("proposal", "kind", "source", "amount", "status")
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._handed_in(obj) and super().has_delete_permission(request, obj)

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj):
        return format_euro(obj.amount)

    @admin.display(description=_("Smederij"), ordering="proposal__smederij__name")
    def smederij(self, obj):
        return obj.proposal.smederij


# --- Review and how each Smederij decides -----------------------------------------------------


class DecisionMethodAdminForm(forms.ModelForm):
    class Meta:
        model = DecisionMethod
        fields = ("smederij", "year", "method")

    def clean(self):
        cleaned = super().clean()
        smederij, year = cleaned.get("smederij"), cleaned.get("year")
        changed = self.instance.pk is None or self.has_changed()
        # The same rule as the gebiedsregisseur's service: fixed once deciding has started.
        if smederij and year and changed and decisions_started(smederij=smederij, year=year):
            raise forms.ValidationError(
                _(
                    "Smederij %(smederij)s has already started deciding on %(year)s: "
                    "the way it decides can no longer change."
                ),
                params={"smederij": smederij.name, "year": year},
                code="decisions_started",
            )
        return cleaned


@admin.register(DecisionMethod)
class DecisionMethodAdmin(admin.ModelAdmin):
    form = DecisionMethodAdminForm
    list_display = ("smederij", "year", "method", "set_by", "set_at")
    list_filter = ("year", "method", "smederij__wijkteam")
    list_select_related = ("smederij", "set_by")
    search_fields = ("smederij__name",)
    autocomplete_fields = ("smederij",)

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        obj.set_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(Advice)
class AdviceAdmin(HistoryAdmin):
    """Read-only: advice is the professional's own word, changed only by them (and audited)."""

    list_display = ("proposal", "professional", "recommendation", "updated_at")
    list_filter = ("recommendation", "proposal__smederij")
    list_select_related = ("proposal", "professional")
    search_fields = ("proposal__title", "professional__display_name")
    # Newest first on the primary key's index, not the model's unindexed ordering (issue 12).
    ordering = ("-id",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    """Read-only: a decision is made through its service, with the grant and the letter."""

    list_display = ("proposal", "outcome", "amount_column", "decided_by", "decided_at")
    list_filter = (ProposalBudgetYearListFilter, "outcome", "proposal__smederij")
    list_select_related = ("proposal", "decided_by")
    # Newest first on the primary key's index, not the model's unindexed ordering (issue 12).
    ordering = ("-id",)
    search_fields = ("proposal__title",)

    @admin.display(description=_("amount granted"), ordering="amount")
    def amount_column(self, obj):
        return format_euro(obj.amount) if obj.amount is not None else "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Assessment votes -------------------------------------------------------------------------


class VoteCastInline(admin.TabularInline):
    """Read-only: a vote is cast by the voter through its service, never edited by hand."""

    model = VoteCast
    extra = 0
    fields = ("voter", "choice", "motivation", "cast_at", "changed_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AssessmentVote)
class AssessmentVoteAdmin(HistoryAdmin):
    """Read-only: votes are opened, cast and closed through their services, which audit them."""

    list_display = ("proposal", "body", "opened_at", "closes_at", "closed_at", "outcome")
    list_filter = (ProposalBudgetYearListFilter, "body", "outcome", "proposal__smederij")
    list_select_related = ("proposal",)
    search_fields = ("proposal__title",)
    # Newest first on the primary key's index, not the model's unindexed ordering (issue 12).
    ordering = ("-id",)
    inlines = [VoteCastInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- The Smederij election ----------------------------------------------------------------------
#
# Read-only: a round is set up, frozen, closed and counted through its services, which audit it
# and keep the rules fixed. The ballots (`Ballot`, `BallotChoice`) are not registered, nor is the
# participation (`BallotVoter`): while the window is open it points at the ballot, so it could tie
# a person to a choice. Nobody, administrators included, sees what a person chose
# (docs/decisions/0011-election-secrecy.md).


class ReadOnlyAdmin(HistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ElectionIdeaInline(ReadOnlyInline):
    model = ElectionIdea
    fields = ("proposal", "held_back_at", "held_back_reason", "votes", "rank", "funded")
    readonly_fields = fields


@admin.register(ElectionRound)
class ElectionRoundAdmin(ReadOnlyAdmin):
    list_display = (
        "smederij",
        "year",
        "opens_at",
        "closes_at",
        "method",
        "status",
        "frozen_at",
        "counted_at",
        "funding_status",
    )
    list_filter = ("year", "method", "funding_status", "smederij__wijkteam")
    list_select_related = ("smederij",)
    search_fields = ("smederij__name",)
    date_hierarchy = "opens_at"
    inlines = (ElectionIdeaInline,)

    @admin.display(description=_("status"))
    def status(self, obj):
        if obj.is_counted:
            return _("counted")
        if obj.closed_at is not None:
            return _("closed")
        if obj.is_open:
            return _("open")
        if obj.ballot_fixed_at is not None:
            return _("ballot fixed")
        return _("gathering ideas")


@admin.register(ElectionIdea)
class ElectionIdeaAdmin(ReadOnlyAdmin):
    list_display = ("proposal", "election_round", "held_back_at", "votes", "rank", "funded")
    list_filter = ("funded", "election_round__year", "election_round__smederij")
    list_select_related = ("proposal", "election_round__smederij")
    search_fields = ("proposal__title", "election_round__smederij__name")


class PaperTallyCountInline(ReadOnlyInline):
    model = PaperTallyCount
    fields = ("idea", "votes")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("idea__proposal")


@admin.register(PaperTallyEntry)
class PaperTallyEntryAdmin(ReadOnlyAdmin):
    """The tally of the paper evening as each initiatiefgroep member entered it: counts per idea."""

    list_display = ("election_round", "entered_by", "ballots_handed_in", "entered_at")
    list_filter = ("election_round__year", "election_round__smederij")
    list_select_related = ("election_round__smederij", "entered_by")
    search_fields = ("election_round__smederij__name", "entered_by__display_name")
    inlines = (PaperTallyCountInline,)
