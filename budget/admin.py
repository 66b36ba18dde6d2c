"""The admin of the budget: years and shares editable, the ledger read-only.

Edits go through the services, never straight to the rows: the form checks a
change by running the service in a transaction that is rolled back (so the
administrator sees the same refusal a service would give, as a form error), and
saving runs it for real, which writes the history (who, when, why). Grants,
payments, releases, refunds and reallocations can only be viewed here: they
change only through the services, so every euro keeps its history.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smederijen.admin_history import HistoryAdmin

from .errors import BudgetError
from .models import (
    BudgetYear,
    BudgetYearChange,
    Grant,
    Payment,
    Reallocation,
    Refund,
    Release,
    ShareChange,
    SmederijShare,
)
from .money import format_euro
from .services import (
    budget_year_change_total,
    budget_year_close,
    budget_year_open,
    shares_divide_by_inhabitants,
    shares_set,
)


class _DryRun(Exception):
    """Rolls the trial run of a service back."""


def _check_with_service(call) -> None:
    """Run a service and roll it back: a BudgetError becomes a form error."""
    try:
        with transaction.atomic():
            call()
            raise _DryRun
    except _DryRun:
        pass
    except BudgetError as error:
        raise ValidationError(error.message, code=error.code) from None


def euro_column(field: str, description):
    @admin.display(description=description, ordering=field)
    def column(model_admin, obj):
        return format_euro(getattr(obj, field))

    return column


# --- years and shares ------------------------------------------------------------------------


class BudgetYearAdminForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the pot changes; kept in the history of the year."),
    )

    class Meta:
        model = BudgetYear
        fields = ["year", "total", "korte_klap_pot", "lange_klap_pot"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or self.errors:
            return cleaned
        if not self.has_changed() or self.changed_data == ["reason"]:
            return cleaned
        _check_with_service(
            lambda: budget_year_change_total(
                budget_year=self.instance,
                total=cleaned["total"],
                korte_klap_pot=cleaned["korte_klap_pot"],
                lange_klap_pot=cleaned["lange_klap_pot"],
                actor=None,
                reason=cleaned.get("reason", ""),
            )
        )
        return cleaned


class SmederijShareFormSet(BaseInlineFormSet):
    def changed_amounts(self) -> dict:
        amounts = {}
        for form in self.forms:
            if not (form.has_changed() and "amount" in getattr(form, "cleaned_data", {})):
                continue
            smederij = form.cleaned_data.get("smederij") or form.instance.smederij
            amounts[smederij] = form.cleaned_data["amount"]
        return amounts

    def clean(self):
        super().clean()
        if any(self.errors) or not self.instance.pk:
            return
        amounts = self.changed_amounts()
        if amounts:
            _check_with_service(
                lambda: shares_set(
                    budget_year=self.instance,
                    amounts=amounts,
                    actor=None,
                    reason=str(_("Set in the admin")),
                )
            )


class SmederijShareInline(admin.TabularInline):
    model = SmederijShare
    formset = SmederijShareFormSet
    extra = 0
    can_delete = False
    autocomplete_fields = ("smederij",)
    fields = ("smederij", "amount")

    def get_readonly_fields(self, request, obj=None):
        # A share belongs to its Smederij for good; only its amount changes.
        return ("smederij",) if obj is not None and obj.shares.exists() else ()


class BudgetYearChangeInline(admin.TabularInline):
    model = BudgetYearChange
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "changed_at",
        "kind",
        "total",
        "korte_klap_pot",
        "lange_klap_pot",
        "changed_by",
        "reason",
    )
    verbose_name_plural = _("history of the pot")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    form = BudgetYearAdminForm
    list_display = (
        "year",
        "total_column",
        "korte_column",
        "lange_column",
        "status",
        "closed_at",
    )
    list_filter = ("status",)
    search_fields = ("year",)
    actions = ("divide_by_inhabitants", "close_years")
    total_column = euro_column("total", _("total"))
    korte_column = euro_column("korte_klap_pot", _("korte klap pot"))
    lange_column = euro_column("lange_klap_pot", _("lange klap pot"))

    def get_fields(self, request, obj=None):
        fields = ["year", "total", "korte_klap_pot", "lange_klap_pot", "reason"]
        return [*fields, "status", "closed_at"] if obj else fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        if not obj.is_open:
            return ("year", "total", "korte_klap_pot", "lange_klap_pot", "status", "closed_at")
        return ("year", "status", "closed_at")

    def get_inlines(self, request, obj):
        # Shares are set once the year exists (or divided by the action).
        return [SmederijShareInline, BudgetYearChangeInline] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("reason", "")
        if not change:
            created = budget_year_open(
                year=obj.year,
                total=obj.total,
                korte_klap_pot=obj.korte_klap_pot,
                lange_klap_pot=obj.lange_klap_pot,
                actor=request.user,
                reason=reason,
            )
            obj.pk, obj.status, obj._state.adding = created.pk, created.status, False
        elif {"total", "korte_klap_pot", "lange_klap_pot"} & set(form.changed_data):
            budget_year_change_total(
                budget_year=obj,
                total=obj.total,
                korte_klap_pot=obj.korte_klap_pot,
                lange_klap_pot=obj.lange_klap_pot,
                actor=request.user,
                reason=reason,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is SmederijShare:
            amounts = formset.changed_amounts()
            # What the admin's history message reads (save() would have set it).
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            if amounts:
                shares_set(
                    budget_year=form.instance,
                    amounts=amounts,
                    actor=request.user,
                    reason=form.cleaned_data.get("reason") or str(_("Set in the admin")),
                )
            return
        super().save_formset(request, form, formset, change)

    @admin.action(description=_("Divide the korte klap pot by inhabitants"))
    def divide_by_inhabitants(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda y: shares_divide_by_inhabitants(budget_year=y, actor=request.user),
        )

    @admin.action(description=_("Close the selected budget years"))
    def close_years(self, request, queryset):
        def close(budget_year):
            report = budget_year_close(budget_year=budget_year, actor=request.user)
            # Closing never happens silently: what running projects may still be paid is shown.
            self.message_user(request, _year_end_message(report), messages.INFO)

        self._each(request, queryset, close)

    def _each(self, request, queryset, call):
        done = 0
        for budget_year in queryset:
            try:
                call(budget_year)
                done += 1
            except BudgetError as error:
                self.message_user(request, error.message, messages.ERROR)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d budget year done.", "%(count)d budget years done.", done)
                % {"count": done},
                messages.SUCCESS,
            )


def _year_end_message(report) -> str:
    year = report.budget_year.year
    if not report.commitments:
        return str(_("Budget year %(year)d is closed; nothing granted from it is left to pay.")) % {
            "year": year
        }
    lines = [
        ngettext(
            "Budget year %(year)d is closed. %(count)d grant stays payable from it, %(open)s open:",
            "Budget year %(year)d is closed. %(count)d grants stay payable from it, "
            "%(open)s open in all:",
            len(report.commitments),
        )
        % {
            "year": year,
            "count": len(report.commitments),
            "open": format_euro(report.open_total),
        }
    ]
    lines += [
        _("“%(proposal)s”: granted %(granted)s, paid %(paid)s, open %(open)s")
        % {
            "proposal": c.proposal,
            "granted": format_euro(c.granted),
            "paid": format_euro(c.paid),
            "open": format_euro(c.open),
        }
        for c in report.commitments
    ]
    return " ".join(str(line) for line in lines)


# --- the ledger: view only -------------------------------------------------------------------


class LedgerAdmin(HistoryAdmin):
    """Read-only: these records change only through the budget services. A table that grows
    with every year: no second full count, search through the indexes (HistoryAdmin)."""

    list_per_page = 50
    # Newest first on the primary key's index (issue 12).
    ordering = ("-id",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Grant)
class GrantAdmin(LedgerAdmin):
    list_display = (
        "proposal",
        "budget_year",
        "klap",
        "smederij",
        "amount_column",
        "released_column",
        "paid_column",
        "refunded_column",
        "granted_by",
        "granted_at",
        "closed_at",
    )
    list_filter = ("budget_year", "klap", "smederij")
    list_select_related = ("proposal", "budget_year", "smederij", "granted_by")
    search_fields = ("proposal__title", "smederij__name")
    date_hierarchy = "granted_at"
    amount_column = euro_column("amount", _("granted"))
    released_column = euro_column("released", _("released"))
    paid_column = euro_column("paid", _("paid"))
    refunded_column = euro_column("refunded", _("refunded"))

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()


class GrantRecordAdmin(LedgerAdmin):
    list_display = ("grant", "amount_column", "recorded_by", "recorded_at", "reason")
    list_filter = ("grant__budget_year", "grant__klap", "grant__smederij")
    list_select_related = ("grant__proposal", "grant__budget_year", "recorded_by")
    search_fields = ("grant__proposal__title", "reason")
    date_hierarchy = "recorded_at"
    amount_column = euro_column("amount", _("amount"))


admin.site.register(Payment, GrantRecordAdmin)
admin.site.register(Release, GrantRecordAdmin)
admin.site.register(Refund, GrantRecordAdmin)


@admin.register(Reallocation)
class ReallocationAdmin(LedgerAdmin):
    list_display = (
        "budget_year",
        "from_smederij",
        "to_smederij",
        "amount_column",
        "recorded_by",
        "recorded_at",
        "reason",
    )
    list_filter = ("budget_year", "from_smederij", "to_smederij")
    list_select_related = ("budget_year", "from_smederij", "to_smederij", "recorded_by")
    amount_column = euro_column("amount", _("amount"))


@admin.register(ShareChange)
class ShareChangeAdmin(LedgerAdmin):
    list_display = (
        "share",
        "previous_column",
        "amount_column",
        "changed_by",
        "changed_at",
        "reason",
    )
    list_filter = ("share__budget_year", "share__smederij")
    list_select_related = ("share__budget_year", "share__smederij", "changed_by")
    previous_column = euro_column("previous_amount", _("previous amount"))
    amount_column = euro_column("amount", _("amount"))
