"""The figures of the dashboard: every count and sum over the records, grouped by year and
Smederij in the database, in a fixed number of queries whatever the data.

Money that only needs the budget (pots, granted, paid, released, refunded) comes from
`budget.selectors`; this module adds what needs proposals: the funnel, the time to a
decision, how each Smederij decides, participation, co-funding, verantwoording and themes.

Every reader groups by (year, Smederij) at most, so a page adds up a few hundred grouped
rows, never the records themselves. The proposal figures of a closed budget year are kept
in the cache for `CLOSED_YEAR_SECONDS` (decision 0033): the trend over twenty years then
reads the open years from the database and the closed ones from the cache, and costs
about what one year costs. Each figure says which records it counts; the tests add those
records up and compare.
"""

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from budget.models import BudgetYear, Grant, Klap, Payment, Refund, Release
from budget.money import ZERO, MoneyField
from budget.selectors import YearPots, ledger_totals, money_sum_subquery, pots_by_year
from projecten.dashboard.scope import FigureScope
from projecten.models import (
    Accounting,
    AccountingLine,
    AccountingStatus,
    CoFunding,
    Comment,
    Decision,
    DecisionMethod,
    ElectionRound,
    ExportJob,
    Proposal,
    Support,
)
from projecten.models.proposal import ACCOUNTING_PERIOD
from projecten.workflow import (
    AFTER_FUNDING,
    FUNDED_STATUSES,
    HIDDEN_FROM_THE_AREA,
    RUNNING_STATUSES,
    ProposalStatus,
)
from smederijen.models import Smederij

S = ProposalStatus
CLOSED_YEAR_SECONDS = 60 * 60
CACHE_VERSION = 1
# The keys of a funnel row: one count per status, and what the verantwoording adds.
FUNNEL_KEYS = (
    "handed_in",
    *(status.value for status in S if status != S.DRAFT),
    "submitters",
    "late",
    "accounting_approved",
)


class Median(Aggregate):
    """PostgreSQL's median (percentile_cont 0.5) of an interval."""

    function = "PERCENTILE_CONT"
    name = "median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


@dataclass
class YearFigures:
    """What the proposal records of one year add up to, per Smederij (by pk)."""

    funnel: dict[int, dict[str, int]] = field(default_factory=dict)
    themes: dict[str, dict[str, int]] = field(default_factory=dict)
    median_days: float | None = None
    decided_count: int = 0
    methods: dict[str, int] = field(default_factory=dict)
    # supports, comments, ballots, inhabitants (at the close of counted rounds), rounds,
    # and co-funding as "<status>:<klap>" (asked/promised/received), per Smederij.
    facts: dict[int, dict[str, Decimal]] = field(default_factory=dict)


@dataclass
class DashboardData:
    scope: FigureScope
    years: list[int]  # every budget year, newest first
    open_years: set[int]
    smederijen: list[Smederij]  # in the scope, by name
    pots: dict[int, YearPots]
    money: dict[tuple, dict[str, Decimal]]  # (year, smederij_pk, klap) -> granted, ...
    per_year: dict[int, YearFigures]

    @property
    def shown_years(self) -> list[int]:
        """The years the figures cover: the chosen one, or all (the trend), oldest first."""
        if self.scope.year is not None:
            return [self.scope.year]
        return sorted(self.years)


def dashboard_data(
    *,
    scope: FigureScope,
    pots: dict[int, YearPots] | None = None,
    smederijen: list[Smederij] | None = None,
    today: datetime.date | None = None,
) -> DashboardData:
    """Every figure of the dashboard in `scope`; `scope.year=None` is the trend.

    Eight queries (six with `pots` and `smederijen` given), the same for one year or all.
    """
    today = today or timezone.localdate()
    smederijen = [
        s
        for s in (smederijen_for_figures() if smederijen is None else smederijen)
        if scope.includes(s)
    ]
    pots = pots_by_year() if pots is None else pots
    years = sorted(pots, reverse=True)
    open_years = {year for year, pot in pots.items() if pot.is_open}
    shown = [scope.year] if scope.year is not None else sorted(years)
    grants = scope.proposals(Grant.objects.all(), "proposal__", with_year=False)
    if scope.year is not None:
        grants = grants.filter(budget_year__year=scope.year)
    money = ledger_totals(grants=grants)
    per_year = _year_figures(scope=scope, years=shown, open_years=open_years, today=today)
    return DashboardData(
        scope=scope,
        years=years,
        open_years=open_years,
        smederijen=smederijen,
        pots=pots,
        money=money,
        per_year=per_year,
    )


def smederijen_for_figures() -> list[Smederij]:
    """Every Smederij (also those no longer active: their money counts) with its area, the
    map's frame and its wijkteam, by name: one query."""
    return list(Smederij.objects.select_related("area__municipality", "wijkteam").order_by("name"))


def _cache_key(scope: FigureScope, year: int) -> str:
    return f"dashboard:v{CACHE_VERSION}:{year}:{scope.without_year().querystring()}"


def _year_figures(*, scope, years, open_years, today) -> dict[int, YearFigures]:
    """The proposal figures of `years`: closed years from the cache when there, the rest
    read together (four queries, whatever the number of years)."""
    closed = [year for year in years if year not in open_years]
    keys = {_cache_key(scope, year): year for year in closed}
    cached = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = [year for year in years if year not in cached]
    read = read_year_figures(scope=scope, years=missing, today=today) if missing else {}
    cache.set_many(
        {_cache_key(scope, year): read[year] for year in missing if year not in open_years},
        CLOSED_YEAR_SECONDS,
    )
    return {year: cached.get(year) or read[year] for year in years}


def read_year_figures(
    *, scope: FigureScope, years: list[int], today: datetime.date
) -> dict[int, YearFigures]:
    """The proposal figures of `years` from the database, in four queries."""
    figures = {year: YearFigures() for year in years}
    proposals = scope.proposals(Proposal.objects.order_by(), with_year=False).filter(year__in=years)
    handed_in = proposals.filter(submitted_at__isnull=False)

    # 1. The funnel and the verantwoording, per year and Smederij.
    counts = {
        status.value: Count("pk", filter=Q(status=status)) for status in S if status != S.DRAFT
    }
    rows = handed_in.values("year", "smederij").annotate(
        handed_in=Count("pk"),
        submitters=Count("submitter", distinct=True),
        late=Count(
            "pk",
            filter=Q(
                status__in=RUNNING_STATUSES,
                accounting__isnull=True,
                end_date__lt=today - ACCOUNTING_PERIOD,
            ),
        ),
        accounting_approved=Count("pk", filter=Q(accounting__status=AccountingStatus.APPROVED)),
        **counts,
    )
    for row in rows:
        figures[row["year"]].funnel[row["smederij"]] = {key: row[key] for key in FUNNEL_KEYS}

    # 2. Themes: handed in and funded (approved at some point), per year.
    for row in handed_in.values("year", "theme").annotate(
        handed_in=Count("pk", filter=~Q(status=S.WITHDRAWN)),
        funded=Count("pk", filter=Q(status__in=AFTER_FUNDING)),
    ):
        figures[row["year"]].themes[row["theme"]] = {
            "handed_in": row["handed_in"],
            "funded": row["funded"],
        }

    # 3. Days from submission to each decision, the median per year.
    decisions = scope.proposals(Decision.objects.order_by(), "proposal__", with_year=False)
    decisions = decisions.filter(proposal__year__in=years)
    if connection.vendor == "postgresql":
        for row in decisions.values("proposal__year").annotate(
            median=Median(F("decided_at") - F("proposal__submitted_at")), decided=Count("pk")
        ):
            year = figures[row["proposal__year"]]
            year.decided_count = row["decided"]
            if row["median"] is not None:
                year.median_days = round(row["median"].total_seconds() / 86400, 1)
    else:
        # SQLite (the quick start on a laptop) has no PERCENTILE_CONT: the durations are
        # read and their median taken here, in the same one query; that database is small.
        days: dict[int, list[float]] = {}
        for year_, decided_at, submitted_at in decisions.values_list(
            "proposal__year", "decided_at", "proposal__submitted_at"
        ):
            figures[year_].decided_count += 1
            if decided_at and submitted_at:
                days.setdefault(year_, []).append((decided_at - submitted_at).total_seconds())
        for year_, seconds in days.items():
            figures[year_].median_days = round(statistics.median(seconds) / 86400, 1)

    # 4. Participation and co-funding, per year and Smederij: one UNION of grouped sums.
    for year, smederij, kind, value in _facts(scope, years):
        if value is None:
            # A sum over rows that all lack the value (an election round without its
            # inhabitants recorded, co-funding without an amount): nothing to add.
            continue
        found = figures[year].facts.setdefault(smederij, {})
        found[kind] = found.get(kind, Decimal(0)) + value

    # How each Smederij decides (korte klap): the methods set for the year. A small table,
    # read with the facts' query count in mind: one more query.
    for row in (
        DecisionMethod.objects.filter(scope.smederij_q("smederij__"), year__in=years)
        .order_by()
        .values("year", "method")
        .annotate(n=Count("pk"))
    ):
        figures[row["year"]].methods[row["method"]] = row["n"]
    return figures


def _facts(scope: FigureScope, years: list[int]):
    """(year, smederij, kind, value) rows: supports, comments, co-funding by status and klap,
    and the ballots, inhabitants and number of counted election rounds."""

    def kind(name):
        return Value(name, output_field=CharField())

    on_proposal = {"y": F("proposal__year"), "s": F("proposal__smederij")}
    parts = []
    for model, name, extra in (
        (Support, "supports", Q()),
        (Comment, "comments", Q(hidden_at__isnull=True)),
    ):
        records = scope.proposals(model.objects.order_by(), "proposal__", with_year=False)
        parts.append(
            records.filter(extra, proposal__year__in=years)
            .values(**on_proposal)
            .annotate(kind=kind(name), value=Cast(Count("pk"), output_field=_number()))
            .values_list("y", "s", "kind", "value")
        )
    co_funding = scope.proposals(CoFunding.objects.order_by(), "proposal__", with_year=False)
    for status in ("asked", "promised", "received"):
        for klap in Klap.values:
            parts.append(
                co_funding.filter(proposal__year__in=years, status=status, proposal__klap=klap)
                .values(**on_proposal)
                .annotate(
                    kind=kind(f"{status}:{klap}"), value=Sum("amount", output_field=_number())
                )
                .values_list("y", "s", "kind", "value")
            )
    if scope.klap != Klap.LANGE:
        # Elections are korte klap, and have no theme: a theme filter leaves them whole.
        rounds = ElectionRound.objects.filter(
            scope.smederij_q("smederij__"), year__in=years, counted_at__isnull=False
        ).order_by()
        for name, expression in (
            ("ballots", Sum(Coalesce("online_voters", 0) + Coalesce("paper_voters", 0))),
            ("inhabitants", Sum("inhabitants")),
            ("rounds", Count("pk")),
        ):
            parts.append(
                rounds.values(y=F("year"), s=F("smederij"))
                .annotate(kind=kind(name), value=Cast(expression, output_field=_number()))
                .values_list("y", "s", "kind", "value")
            )
    return parts[0].union(*parts[1:], all=True)


def _number():
    return MoneyField()


def _per_proposal(model, path: str):
    rows = (
        model.objects.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=MoneyField()), Value(ZERO), output_field=MoneyField()
    )


def funded_projects(*, scope: FigureScope):
    """The funded projects of the scope, for the annual report, with what was granted (and
    not released) and paid (and not paid back): one query."""
    return (
        scope.proposals(Proposal.objects.all())
        .filter(status__in=FUNDED_STATUSES)
        .annotate(
            granted=_per_proposal(Grant, "proposal") - _per_proposal(Release, "grant__proposal"),
            paid=_per_proposal(Payment, "grant__proposal")
            - _per_proposal(Refund, "grant__proposal"),
        )
        .select_related("smederij")
        .order_by("smederij__name", "title")
    )


# --- Exports (issue 13, item 5) ---------------------------------------------------------------
# The rows of each dataset, as tuples of plain values (`values_list`), ordered by number so
# that `.iterator(chunk_size=...)` streams them from a server-side cursor. Every dataset
# counts what the stuurgroep may read: proposals handed in (never a draft or a withdrawn
# one, which are the submitter's alone) and the money, co-funding and verantwoording of
# those. The columns are named in projecten/dashboard/exports.py, in the same order.


def _sum(model, link: str):
    """The sum of `model.amount` over the rows whose `link` is the outer row (0 when none)."""
    return money_sum_subquery(model, **{link: OuterRef("pk")})


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
