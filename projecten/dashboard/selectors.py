"""Reads of the dashboard and its exports."""

from django.db.models import Case, Exists, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from budget.models import BudgetYear, Grant, Payment, Refund, Release
from budget.money import ZERO, MoneyField
from projecten.dashboard.scope import FigureScope
from projecten.models import Accounting, AccountingLine, CoFunding, ExportJob, Proposal
from projecten.workflow import HIDDEN_FROM_THE_AREA

# --- Exports (issue 13, item 5) ---------------------------------------------------------------
# The rows of each dataset, as tuples of plain values (`values_list`), ordered by number so
# that `.iterator(chunk_size=...)` streams them from a server-side cursor. Every dataset
# counts what the stuurgroep may read: proposals handed in (never a draft or a withdrawn
# one, which are the submitter's alone) and the money, co-funding and verantwoording of
# those. The columns are named in projecten/dashboard/exports.py, in the same order.


def _sum(model, link: str):
    """The sum of `model.amount` over the rows whose `link` is the outer row (0 when none)."""
    rows = (
        model.objects.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=MoneyField()), Value(ZERO), output_field=MoneyField()
    )


def _if_granted(amount):
    return Case(
        When(Exists(Grant.objects.filter(proposal=OuterRef("pk"))), then=amount),
        default=Value(None),
        output_field=MoneyField(),
    )


def export_proposals(scope: FigureScope) -> QuerySet:
    return scope.proposals(Proposal.objects.submitted())


def export_proposal_rows(scope: FigureScope) -> QuerySet:
    return (
        export_proposals(scope)
        .annotate(
            # Most proposals never had a grant: one index probe for them, and the four sums
            # only for the others (blank cells, not zeros: nothing was granted).
            granted=_if_granted(_sum(Grant, "proposal")),
            released=_if_granted(_sum(Release, "grant__proposal")),
            paid=_if_granted(_sum(Payment, "grant__proposal")),
            refunded=_if_granted(_sum(Refund, "grant__proposal")),
        )
        .order_by("pk")
        .values_list(
            "pk",
            "year",
            "smederij__name",
            "smederij__area__kind",
            "smederij__wijkteam__name",
            "klap",
            "theme",
            "status",
            "title",
            "submitter__display_name",
            "group__name",
            "amount_requested",
            "granted",
            "released",
            "paid",
            "refunded",
            "submitted_at",
            "start_date",
            "end_date",
        )
    )


def _of_handed_in(queryset: QuerySet, scope: FigureScope, path: str) -> QuerySet:
    """Records of proposals handed in, within the scope (`path` leads to the proposal)."""
    return scope.proposals(queryset, path).exclude(**{f"{path}status__in": HIDDEN_FROM_THE_AREA})


def export_grants(scope: FigureScope) -> QuerySet:
    return _of_handed_in(Grant.objects.all(), scope, "proposal__")


def export_grant_rows(scope: FigureScope) -> QuerySet:
    return (
        export_grants(scope)
        .annotate(
            released=_sum(Release, "grant"),
            paid=_sum(Payment, "grant"),
            refunded=_sum(Refund, "grant"),
        )
        .order_by("pk")
        .values_list(
            "pk",
            "proposal_id",
            "proposal__title",
            "budget_year__year",
            "proposal__smederij__name",
            "proposal__smederij__wijkteam__name",
            "klap",
            "amount",
            "released",
            "paid",
            "refunded",
            "granted_at",
            "closed_at",
        )
    )


def export_payments(scope: FigureScope) -> QuerySet:
    return _of_handed_in(Payment.objects.all(), scope, "grant__proposal__")


def export_payment_rows(scope: FigureScope) -> QuerySet:
    return (
        export_payments(scope)
        .order_by("pk")
        .values_list(
            "pk",
            "grant_id",
            "grant__proposal_id",
            "grant__proposal__title",
            "grant__budget_year__year",
            "grant__proposal__smederij__name",
            "grant__klap",
            "amount",
            "is_advance",
            "recorded_at",
        )
    )


def export_co_funding(scope: FigureScope) -> QuerySet:
    return _of_handed_in(CoFunding.objects.all(), scope, "proposal__")


def export_co_funding_rows(scope: FigureScope) -> QuerySet:
    return (
        export_co_funding(scope)
        .order_by("pk")
        .values_list(
            "pk",
            "proposal_id",
            "proposal__title",
            "proposal__year",
            "proposal__smederij__name",
            "proposal__klap",
            "kind",
            "source",
            "amount",
            "status",
        )
    )


def export_accountings(scope: FigureScope) -> QuerySet:
    return _of_handed_in(Accounting.objects.all(), scope, "proposal__")


def export_accounting_rows(scope: FigureScope) -> QuerySet:
    return (
        export_accountings(scope)
        .annotate(spent=_sum(AccountingLine, "accounting"))
        .order_by("pk")
        .values_list(
            "proposal_id",
            "proposal__title",
            "proposal__year",
            "proposal__smederij__name",
            "proposal__klap",
            "proposal__end_date",
            "status",
            "submitted_at",
            "participants",
            "spent",
        )
    )


def export_years() -> list[int]:
    """The budget years the filter offers, newest first."""
    return list(BudgetYear.objects.order_by("-year").values_list("year", flat=True))


def export_jobs_of(user, *, limit: int = 10) -> list[ExportJob]:
    """The user's latest large exports, newest first."""
    return list(ExportJob.objects.filter(owner=user)[:limit])


def export_job_of(user, pk: int) -> ExportJob | None:
    """One export of the user's own; someone else's is as absent as a missing one."""
    if not user.is_authenticated:
        return None
    return ExportJob.objects.filter(owner=user, pk=pk).first()
