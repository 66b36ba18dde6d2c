"""The admin of proposals, for corrections by the functional administrator.

The status is read-only here: a proposal moves only through the workflow's
services, which check who may make the move, audit it and grant the money.
An edit in the admin would skip all of that.
"""

from django.contrib import admin
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from budget.money import format_euro

from .models import BudgetLine, CoFunding, Proposal


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ("position", "description", "amount")


class CoFundingInline(admin.TabularInline):
    model = CoFunding
    extra = 0
    fields = ("kind", "source", "amount", "status")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "smederij",
        "klap",
        "status",
        "amount_asked",
        "submitter",
        "submitted_at",
    )
    list_filter = ("status", "klap", "theme", "smederij__wijkteam", "smederij")
    list_select_related = ("smederij", "submitter")
    search_fields = (
        "title",
        "summary",
        "smederij__name",
        "submitter__display_name",
        "submitter__email",
    )
    autocomplete_fields = ("smederij", "submitter")
    date_hierarchy = "submitted_at"
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
class CoFundingAdmin(admin.ModelAdmin):
    """All co-funding at once: which sponsors, funds and corporations have promised what."""

    list_display = ("source", "kind", "amount_display", "status", "proposal", "smederij")
    list_filter = ("kind", "status", "proposal__smederij")
    list_select_related = ("proposal__smederij",)
    search_fields = ("source", "proposal__title", "proposal__smederij__name")
    autocomplete_fields = ("proposal",)

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj):
        return format_euro(obj.amount)

    @admin.display(description=_("Smederij"), ordering="proposal__smederij__name")
    def smederij(self, obj):
        return obj.proposal.smederij
