"""Reads of the budget: balances of a year, a Smederij's share, the lange klap pot, a grant.

Every balance is computed by aggregate queries over the ledger records, in a
fixed number of queries whatever the number of grants, so that what a page
shows is always the sum of the records and never a stored running total.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .allocation import divide_proportionally
from .models import (
    BudgetYear,
    BudgetYearChange,
    BudgetYearChangeKind,
    BudgetYearStatus,
    Grant,
    Klap,
    Payment,
    Reallocation,
    Refund,
    Release,
    ShareChange,
    SmederijShare,
)
from .money import ZERO, MoneyField, to_money


@dataclass(frozen=True)
class Balance:
    """The state of one pot: what it holds and what has been done with it.

    committed = granted - released: what the pot has promised.
    free = pot - committed: what can still be granted.
    spent = paid - refunded: what has left the pot for good.
    open = committed - spent: granted money not paid yet.
    unspent = pot - spent: what is left of the pot at year end.
    """

    pot: Decimal = ZERO
    granted: Decimal = ZERO
    released: Decimal = ZERO
    paid: Decimal = ZERO
    refunded: Decimal = ZERO

    def __post_init__(self):
        # Sums come back from the database as Decimals of any exponent (SQLite
        # returns Decimal("5000")); a balance always holds cents.
        for name in ("pot", "granted", "released", "paid", "refunded"):
            object.__setattr__(self, name, to_money(getattr(self, name)))

    @property
    def committed(self) -> Decimal:
        return self.granted - self.released

    @property
    def free(self) -> Decimal:
        return self.pot - self.committed

    @property
    def spent(self) -> Decimal:
        return self.paid - self.refunded

    @property
    def open(self) -> Decimal:
        return self.committed - self.spent

    @property
    def unspent(self) -> Decimal:
        return self.pot - self.spent

    def __add__(self, other: "Balance") -> "Balance":
        return Balance(
            pot=self.pot + other.pot,
            granted=self.granted + other.granted,
            released=self.released + other.released,
            paid=self.paid + other.paid,
            refunded=self.refunded + other.refunded,
        )


@dataclass(frozen=True)
class ShareBalance:
    share: SmederijShare
    reallocated_in: Decimal
    reallocated_out: Decimal
    balance: Balance

    @property
    def smederij(self):
        return self.share.smederij


@dataclass(frozen=True)
class YearBalances:
    budget_year: BudgetYear
    shares: list[ShareBalance] = field(default_factory=list)
    lange: Balance = field(default_factory=Balance)

    @property
    def korte(self) -> Balance:
        """The korte klap pot as a whole: the sum of the Smederijen."""
        total = Balance()
        for share in self.shares:
            total += share.balance
        return total

    @property
    def korte_undivided(self) -> Decimal:
        """Korte klap money not (yet) divided over the Smederijen."""
        return self.budget_year.korte_klap_pot - sum(
            (s.share.amount for s in self.shares), start=ZERO
        )

    def for_smederij(self, smederij) -> ShareBalance | None:
        return next((s for s in self.shares if s.share.smederij_id == smederij.pk), None)


def _sum(expression="amount", **filters):
    return Coalesce(
        Sum(expression, filter=Q(**filters) if filters else None),
        ZERO,
        output_field=MoneyField(),
    )


def budget_year_balances(*, budget_year: BudgetYear) -> YearBalances:
    """The balances of a year for lange klap and for each Smederij's korte klap share.

    Eight queries, whatever the number of grants and records.
    """
    budget_year = BudgetYear.objects.get(pk=budget_year.pk)
    shares = list(
        SmederijShare.objects.filter(budget_year=budget_year)
        .select_related("smederij")
        .order_by("smederij__name", "pk")
    )
    reallocations = Reallocation.objects.filter(budget_year=budget_year).order_by()
    moved_in = dict(
        reallocations.values("to_smederij")
        .annotate(total=Sum("amount"))
        .values_list("to_smederij", "total")
    )
    moved_out = dict(
        reallocations.values("from_smederij")
        .annotate(total=Sum("amount"))
        .values_list("from_smederij", "total")
    )
    # Per (klap, smederij): granted, then what was released, paid and refunded on those grants.
    sums: dict[tuple, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    grants = Grant.objects.filter(budget_year=budget_year).order_by()
    for row in grants.values("klap", "smederij").annotate(total=Sum("amount")):
        sums[(row["klap"], row["smederij"])]["granted"] = row["total"]
    for model, name in ((Release, "released"), (Payment, "paid"), (Refund, "refunded")):
        rows = (
            model.objects.filter(grant__budget_year=budget_year)
            .order_by()
            .values("grant__klap", "grant__smederij")
            .annotate(total=Sum("amount"))
        )
        for row in rows:
            sums[(row["grant__klap"], row["grant__smederij"])][name] = row["total"]

    def balance(key, pot):
        found = sums.get(key, {})
        return Balance(
            pot=pot,
            granted=found.get("granted", ZERO),
            released=found.get("released", ZERO),
            paid=found.get("paid", ZERO),
            refunded=found.get("refunded", ZERO),
        )

    share_balances = []
    for share in shares:
        moved_in_ = moved_in.get(share.smederij_id, ZERO)
        moved_out_ = moved_out.get(share.smederij_id, ZERO)
        share_balances.append(
            ShareBalance(
                share=share,
                reallocated_in=moved_in_,
                reallocated_out=moved_out_,
                balance=balance(
                    (Klap.KORTE, share.smederij_id), share.amount + moved_in_ - moved_out_
                ),
            )
        )
    return YearBalances(
        budget_year=budget_year,
        shares=share_balances,
        lange=balance((Klap.LANGE, None), budget_year.lange_klap_pot),
    )


@dataclass(frozen=True)
class OpenCommitment:
    """A grant of a year with money still to pay: a commitment (verplichting) of that year.

    It stays payable from its year after the year closes (docs/decisions/0020).
    """

    grant: Grant
    balance: Balance

    @property
    def proposal(self):
        return self.grant.proposal

    @property
    def granted(self) -> Decimal:
        """Granted and not released: what the year promised the project."""
        return self.balance.committed

    @property
    def paid(self) -> Decimal:
        """Paid and not refunded."""
        return self.balance.spent

    @property
    def open(self) -> Decimal:
        return self.balance.open


def open_commitments(*, budget_year: BudgetYear) -> list[OpenCommitment]:
    """The grants of a year with an unpaid rest, oldest first, in one query."""
    grants = (
        Grant.objects.filter(budget_year_id=budget_year.pk)
        .with_totals()
        .select_related("proposal", "smederij")
        .order_by("granted_at", "pk")
    )
    commitments = []
    for grant in grants:
        balance = Balance(
            pot=grant.amount,
            granted=grant.amount,
            released=grant.released,
            paid=grant.paid,
            refunded=grant.refunded,
        )
        # Compared in Python, in cents: SQLite would compare the sums as floats.
        if balance.open > 0:
            commitments.append(OpenCommitment(grant=grant, balance=balance))
    return commitments


@dataclass(frozen=True)
class YearEndReport:
    """What a year left: per category and Smederij `free` (never granted) and `unspent`,
    and the commitments still to be paid from it."""

    budget_year: BudgetYear
    balances: YearBalances
    commitments: list[OpenCommitment]

    @property
    def open_total(self) -> Decimal:
        return sum((c.open for c in self.commitments), start=ZERO)


def year_end_report(*, budget_year: BudgetYear) -> YearEndReport:
    """The report of a year at its end (or at any moment before), in nine queries."""
    balances = budget_year_balances(budget_year=budget_year)
    return YearEndReport(
        budget_year=balances.budget_year,
        balances=balances,
        commitments=open_commitments(budget_year=budget_year),
    )


def share_balance(*, share: SmederijShare) -> Balance:
    """The korte klap balance of one Smederij in one year, in three queries.

    The services call it after locking the share row, so it sees every grant
    committed before the lock was granted.
    """
    year, smederij = share.budget_year_id, share.smederij_id
    amount = SmederijShare.objects.values_list("amount", flat=True).get(pk=share.pk)
    moved = Reallocation.objects.filter(budget_year_id=year).aggregate(
        moved_in=_sum(to_smederij_id=smederij), moved_out=_sum(from_smederij_id=smederij)
    )
    grants = Grant.objects.filter(budget_year_id=year, klap=Klap.KORTE, smederij_id=smederij)
    return Balance(pot=amount + moved["moved_in"] - moved["moved_out"], **_grant_sums(grants))


def lange_klap_balance(*, budget_year: BudgetYear) -> Balance:
    """The lange klap balance of a year, in two queries."""
    pot = BudgetYear.objects.values_list("lange_klap_pot", flat=True).get(pk=budget_year.pk)
    grants = Grant.objects.filter(budget_year_id=budget_year.pk, klap=Klap.LANGE)
    return Balance(pot=pot, **_grant_sums(grants))


def grant_balance(*, grant: Grant) -> Balance:
    """The balance of one grant, in one query: its pot is its amount."""
    row = Grant.objects.filter(pk=grant.pk).with_totals().get()
    return Balance(
        pot=row.amount,
        granted=row.amount,
        released=row.released,
        paid=row.paid,
        refunded=row.refunded,
    )


def _grant_sums(grants) -> dict[str, Decimal]:
    """Granted, released, paid and refunded over a set of grants, in one query.

    Summing over the three reverse relations in one join would multiply the
    grant rows, so each grant's records are summed in a subquery per grant
    (`with_totals`) and the grants of one pot (a few dozen) are added up here.
    """
    totals = dict.fromkeys(("granted", "released", "paid", "refunded"), ZERO)
    rows = grants.order_by().with_totals().values_list("amount", "released", "paid", "refunded")
    for row in rows:
        for name, value in zip(totals, row, strict=True):
            totals[name] += value
    return totals


# --- the stuurgroep's pages: the years, a year's shares and its history ------------------------


def budget_years() -> list[BudgetYear]:
    """Every budget year, newest first, in one query."""
    return list(BudgetYear.objects.order_by("-year"))


def budget_year_next() -> int:
    """The year a new pot is opened for: the one after the newest, or this year's."""
    newest = BudgetYear.objects.order_by("-year").values_list("year", flat=True).first()
    return newest + 1 if newest else timezone.localdate().year


def shares_proposed(*, korte_klap_pot: Decimal, smederijen) -> dict[int, Decimal]:
    """The korte klap pot divided in proportion to inhabitants, by Smederij pk (no query:
    the Smederijen come with their areas)."""
    weights = {s.pk: s.area.inhabitants for s in smederijen}
    if not weights or not any(weights.values()):
        return dict.fromkeys(weights, ZERO)
    return divide_proportionally(korte_klap_pot, weights)


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a year's money: what changed, from what to what, who, when and why."""

    at: object
    kind: str
    subject: str
    before: Decimal | None
    after: Decimal | None
    by: str
    reason: str
    # Set for a change of the pots: the split after it.
    korte_after: Decimal | None = None
    lange_after: Decimal | None = None
    korte_before: Decimal | None = None
    lange_before: Decimal | None = None


def budget_year_history(*, budget_year: BudgetYear) -> list[HistoryEntry]:
    """Every change of the year's pots, shares and reallocations, newest first, in three
    queries. `by` is the display name (the system when nobody acted)."""

    def name(user):
        return user.display_name if user is not None else _("the system")

    entries = []
    previous = None
    changes = BudgetYearChange.objects.filter(budget_year=budget_year).select_related("changed_by")
    for change in changes.order_by("changed_at", "pk"):
        labels = {
            BudgetYearChangeKind.OPENED: _("Pot opened"),
            BudgetYearChangeKind.CHANGED: _("Pot changed"),
            BudgetYearChangeKind.CLOSED: _("Year closed"),
        }
        entries.append(
            HistoryEntry(
                at=change.changed_at,
                kind=labels.get(change.kind, change.get_kind_display()),
                subject=_("Total"),
                before=previous.total if previous else None,
                after=change.total,
                by=name(change.changed_by),
                reason=change.reason,
                korte_before=previous.korte_klap_pot if previous else None,
                lange_before=previous.lange_klap_pot if previous else None,
                korte_after=change.korte_klap_pot,
                lange_after=change.lange_klap_pot,
            )
        )
        previous = change
    share_changes = ShareChange.objects.filter(share__budget_year=budget_year).select_related(
        "share__smederij", "changed_by"
    )
    for change in share_changes.order_by("changed_at", "pk"):
        entries.append(
            HistoryEntry(
                at=change.changed_at,
                kind=_("Share set"),
                subject=change.share.smederij.name,
                before=change.previous_amount,
                after=change.amount,
                by=name(change.changed_by),
                reason=change.reason,
            )
        )
    reallocations = Reallocation.objects.filter(budget_year=budget_year).select_related(
        "from_smederij", "to_smederij", "recorded_by"
    )
    for moved in reallocations.order_by("recorded_at", "pk"):
        entries.append(
            HistoryEntry(
                at=moved.recorded_at,
                kind=_("Money moved"),
                subject=_("%(from)s to %(to)s")
                % {"from": moved.from_smederij.name, "to": moved.to_smederij.name},
                before=None,
                after=moved.amount,
                by=name(moved.recorded_by),
                reason=moved.reason,
            )
        )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def money_sum_subquery(model, **filters):
    """The sum of `model.amount` over the rows matching `filters` (with OuterRefs), 0 when
    none: a correlated subquery, so a page sums for its own rows only. The apps share it."""
    rows = (
        model.objects.filter(**filters)
        .order_by()
        .values(*filters)
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=MoneyField()), Value(ZERO), output_field=MoneyField()
    )


def share_balances(*, budget_year: BudgetYear, smederij=None) -> list[ShareBalance]:
    """The korte klap balance of each Smederij's share in a year (or of one Smederij's), in
    one query: every sum is a correlated subquery on the share row, so the cost does not
    grow with the number of grants. The same figures as `budget_year_balances`."""
    year, own = OuterRef("budget_year_id"), OuterRef("smederij_id")
    on_grants = {
        "grant__budget_year_id": year,
        "grant__klap": Klap.KORTE,
        "grant__smederij_id": own,
    }
    shares = (
        SmederijShare.objects.filter(budget_year_id=budget_year.pk)
        .select_related("smederij")
        .annotate(
            moved_in=money_sum_subquery(Reallocation, budget_year_id=year, to_smederij_id=own),
            moved_out=money_sum_subquery(Reallocation, budget_year_id=year, from_smederij_id=own),
            granted=money_sum_subquery(
                Grant, budget_year_id=year, klap=Klap.KORTE, smederij_id=own
            ),
            released=money_sum_subquery(Release, **on_grants),
            paid=money_sum_subquery(Payment, **on_grants),
            refunded=money_sum_subquery(Refund, **on_grants),
        )
        .order_by("smederij__name", "pk")
    )
    if smederij is not None:
        shares = shares.filter(smederij=smederij)
    return [
        ShareBalance(
            share=share,
            reallocated_in=share.moved_in,
            reallocated_out=share.moved_out,
            balance=Balance(
                pot=share.amount + share.moved_in - share.moved_out,
                granted=share.granted,
                released=share.released,
                paid=share.paid,
                refunded=share.refunded,
            ),
        )
        for share in shares
    ]


def lange_klap_figures(*, budget_year: BudgetYear) -> Balance:
    """The lange klap balance of a year already read, in one query (the pot is on the row)."""
    grants = Grant.objects.filter(budget_year_id=budget_year.pk, klap=Klap.LANGE)
    return Balance(pot=budget_year.lange_klap_pot, **_grant_sums(grants))


def year_balances_of(*, budget_year: BudgetYear) -> YearBalances:
    """`budget_year_balances` for a year already read, in two queries (the pages' version)."""
    return YearBalances(
        budget_year=budget_year,
        shares=share_balances(budget_year=budget_year),
        lange=lange_klap_figures(budget_year=budget_year),
    )


# --- the dashboard's money figures (issue 13) -------------------------------------------------
#
# Both readers below return sums grouped by (year, Smederij, ...) in one UNION query, so a
# dashboard costs the same few queries for one year or twenty, whatever the number of
# grants. The caller chooses the grants (its filters reach the proposal through
# `proposal__`; the budget never imports projecten) and adds the groups up itself.

LEDGER_KINDS = ("granted", "released", "paid", "refunded")


def _smederij_of_grant(path: str = ""):
    """The Smederij a grant belongs to: its own for korte klap; for lange klap (one pot,
    no Smederij of its own) the proposal's. COALESCE runs the subquery only for the few
    lange klap grants, by primary key, so no query joins the proposals table."""
    proposals = Grant._meta.get_field("proposal").related_model
    return Coalesce(
        F(f"{path}smederij_id"),
        Subquery(
            proposals.objects.filter(pk=OuterRef(f"{path}proposal_id"))
            .order_by()
            .values("smederij_id")[:1]
        ),
        output_field=IntegerField(),
    )


def ledger_totals(*, grants) -> dict[tuple, dict[str, Decimal]]:
    """Granted, released, paid and refunded over `grants`, per (year, Smederij, klap): one query.

    Returns {(year, smederij_id, klap): {kind: total}}; a group without records of a kind
    lacks that key. Lange klap money counts for the Smederij of its proposal.
    """
    grants = grants.order_by()
    parts = [
        grants.values(y=F("budget_year__year"), s=_smederij_of_grant(), k=F("klap"))
        .annotate(kind=Value("granted", output_field=CharField()), total=Sum("amount"))
        .values_list("y", "s", "k", "kind", "total")
    ]
    for model, kind in ((Release, "released"), (Payment, "paid"), (Refund, "refunded")):
        records = model.objects.filter(grant__in=grants.values("pk")).order_by()
        parts.append(
            records.values(
                y=F("grant__budget_year__year"), s=_smederij_of_grant("grant__"), k=F("grant__klap")
            )
            .annotate(kind=Value(kind, output_field=CharField()), total=Sum("amount"))
            .values_list("y", "s", "k", "kind", "total")
        )
    totals: dict[tuple, dict[str, Decimal]] = defaultdict(dict)
    for *group, kind, total in parts[0].union(*parts[1:], all=True):
        totals[tuple(group)][kind] = to_money(total)
    return dict(totals)


@dataclass(frozen=True)
class YearPots:
    """The pots of one budget year: its total and split, and each Smederij's korte klap pot
    (its share plus what was reallocated to it, minus what was reallocated from it)."""

    year: int
    total: Decimal
    korte_klap_pot: Decimal
    lange_klap_pot: Decimal
    shares: dict[int, Decimal] = field(default_factory=dict)
    is_open: bool = True


def pots_by_year(*, year: int | None = None) -> dict[int, YearPots]:
    """Every budget year's pots (or one year's), newest first: one query."""
    years = BudgetYear.objects.order_by()
    shares = SmederijShare.objects.order_by()
    moves = Reallocation.objects.order_by()
    if year is not None:
        years = years.filter(year=year)
        shares = shares.filter(budget_year__year=year)
        moves = moves.filter(budget_year__year=year)
    money = MoneyField()
    no_smederij = Cast(Value(None), output_field=IntegerField())  # a typed NULL for the UNION
    # Every column an annotation, in the same order in each part: a UNION matches by position.
    parts = [
        years.annotate(
            y=F("year"), s=no_smederij, kind=Value(kind, output_field=CharField()), value=F(name)
        ).values_list("y", "s", "kind", "value")
        for kind, name in (
            ("total", "total"),
            ("korte", "korte_klap_pot"),
            ("lange", "lange_klap_pot"),
        )
    ]
    parts.append(
        years.filter(status=BudgetYearStatus.CLOSED)
        .annotate(
            y=F("year"),
            s=no_smederij,
            kind=Value("closed", output_field=CharField()),
            value=Value(1, output_field=money),
        )
        .values_list("y", "s", "kind", "value")
    )
    parts.append(
        shares.annotate(
            y=F("budget_year__year"),
            s=F("smederij_id"),
            kind=Value("share", output_field=CharField()),
            value=F("amount"),
        ).values_list("y", "s", "kind", "value")
    )
    for kind, path in (("in", "to_smederij_id"), ("out", "from_smederij_id")):
        parts.append(
            moves.values(y=F("budget_year__year"), s=F(path))
            .annotate(
                kind=Value(kind, output_field=CharField()),
                value=Sum("amount", output_field=money),
            )
            .values_list("y", "s", "kind", "value")
        )
    found: dict[int, dict] = defaultdict(lambda: {"shares": defaultdict(lambda: ZERO)})
    for year_, smederij, kind, value in parts[0].union(*parts[1:], all=True):
        value = to_money(value)
        row = found[year_]
        if smederij is None:
            row[kind] = value
        else:
            row["shares"][smederij] += -value if kind == "out" else value
    return {
        year_: YearPots(
            year=year_,
            total=row.get("total", ZERO),
            korte_klap_pot=row.get("korte", ZERO),
            lange_klap_pot=row.get("lange", ZERO),
            shares=dict(row["shares"]),
            is_open="closed" not in row,
        )
        for year_, row in sorted(found.items(), reverse=True)
        if "total" in row
    }
