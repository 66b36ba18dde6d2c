"""Every operation that moves money or changes a pot.

Each one runs in one transaction, locks the row it draws from with
`select_for_update(no_key=True)`, computes the balances again with aggregates *after* the
lock, refuses with a `BudgetError` a person can read, and writes append-only
records that say who did it, when and why.

Locks, always taken in this order so that two services never wait on each other
in a circle (see docs/decisions/0003-budget-ledger.md):

1. the BudgetYear row: lange klap grants, changes of the pots and shares, closing;
2. SmederijShare rows, by primary key: korte klap grants, reallocations, closing;
3. Grant rows: payments, releases, refunds.

The year's status is read after the lock: closing locks the year and every
share, so a grant or reallocation that saw an open year after its lock finishes
before the year closes. Payments, releases and refunds do not look at the
year's status at all: a year's grants stay payable after it closes.

Every service is one transaction (`atomic_with_retry`): when PostgreSQL aborts
it for a deadlock or a serialization failure anyway, and it is the outermost
transaction, it is run again a few times before the error reaches anyone.

Who may call a service (the role) is checked by the caller's permission layer;
the service records the actor and checks the money.
"""

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from smederijen.audit import audited
from smederijen.models import Smederij

from .allocation import divide_proportionally
from .errors import BudgetError
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
from .money import CENT, MAX_AMOUNT, ZERO, format_euro
from .retry import atomic_with_retry
from .selectors import (
    YearEndReport,
    grant_balance,
    lange_klap_balance,
    share_balance,
    year_end_report,
)

if TYPE_CHECKING:
    from django.db.models import Model

    from smederijen.models import User


# --- the year and its pots ------------------------------------------------------------------


@audited
@atomic_with_retry
def budget_year_open(
    *,
    year: int,
    total: Decimal,
    korte_klap_pot: Decimal,
    lange_klap_pot: Decimal,
    actor: "User | None" = None,
    reason: str = "",
) -> BudgetYear:
    """Open a new budget year with its total split over korte and lange klap.

    `actor` is None only when the system opens a year (the seed).
    """
    total, korte, lange = _pot(total), _pot(korte_klap_pot), _pot(lange_klap_pot)
    _check_split(total, korte, lange)
    if not 2000 <= year <= 2100:
        raise BudgetError(_("%(year)d is not a budget year.") % {"year": year}, code="year")
    if BudgetYear.objects.filter(year=year).exists():
        raise BudgetError(
            _("Budget year %(year)d already exists.") % {"year": year}, code="year_exists"
        )
    budget_year = BudgetYear.objects.create(
        year=year, total=total, korte_klap_pot=korte, lange_klap_pot=lange
    )
    _record_year_change(budget_year, BudgetYearChangeKind.OPENED, actor, reason)
    return budget_year


@audited
@atomic_with_retry
def budget_year_change_total(
    *,
    budget_year: BudgetYear,
    total: Decimal,
    korte_klap_pot: Decimal,
    lange_klap_pot: Decimal,
    actor: "User",
    reason: str,
) -> BudgetYear:
    """Change the total of an open year, with its new split (a new total needs one)."""
    return _budget_year_change(
        budget_year=budget_year,
        total=total,
        korte_klap_pot=korte_klap_pot,
        lange_klap_pot=lange_klap_pot,
        actor=actor,
        reason=reason,
    )


@audited
@atomic_with_retry
def budget_year_change_split(
    *,
    budget_year: BudgetYear,
    korte_klap_pot: Decimal,
    lange_klap_pot: Decimal,
    actor: "User",
    reason: str,
) -> BudgetYear:
    """Move money between the korte and the lange klap pot of an open year; the total stays."""
    locked = _lock_year(budget_year)
    return _budget_year_change(
        budget_year=locked,
        total=locked.total,
        korte_klap_pot=korte_klap_pot,
        lange_klap_pot=lange_klap_pot,
        actor=actor,
        reason=reason,
    )


def _budget_year_change(
    *, budget_year, total, korte_klap_pot, lange_klap_pot, actor, reason
) -> BudgetYear:
    budget_year = _lock_year(budget_year)
    _check_open(budget_year)
    _check_reason(reason)
    total, korte, lange = _pot(total), _pot(korte_klap_pot), _pot(lange_klap_pot)
    _check_split(total, korte, lange)
    shared = budget_year.shares.aggregate(total=Sum("amount"))["total"] or ZERO
    if korte < shared:
        raise BudgetError(
            _(
                "The korte klap pot cannot go below what is divided over the Smederijen: "
                "asked %(asked)s, divided %(shared)s."
            )
            % {"asked": format_euro(korte), "shared": format_euro(shared)},
            code="korte_below_shares",
        )
    committed = lange_klap_balance(budget_year=budget_year).committed
    if lange < committed:
        raise BudgetError(
            _(
                "The lange klap pot cannot go below what is granted from it: "
                "asked %(asked)s, granted %(committed)s."
            )
            % {"asked": format_euro(lange), "committed": format_euro(committed)},
            code="lange_below_granted",
        )
    budget_year.total, budget_year.korte_klap_pot, budget_year.lange_klap_pot = total, korte, lange
    budget_year.save(update_fields=["total", "korte_klap_pot", "lange_klap_pot"])
    _record_year_change(budget_year, BudgetYearChangeKind.CHANGED, actor, reason)
    return budget_year


@audited
@atomic_with_retry
def budget_year_close(
    *,
    budget_year: BudgetYear,
    actor: "User | None" = None,
    at: datetime | None = None,
    reason: str = "",
) -> YearEndReport:
    """Close a year: no new grants, reallocations or changes of its pots and shares.

    What the year granted stays payable from it (docs/decisions/0020): payments,
    refunds and releases on its grants go on after the close, because the money
    was committed to running projects in that year. The report lists those open
    commitments: each grant with an unpaid rest, what was granted, paid and is open.
    """
    budget_year = _lock_year(budget_year)
    if budget_year.status == BudgetYearStatus.CLOSED:
        raise BudgetError(
            _("Budget year %(year)d is already closed.") % {"year": budget_year.year},
            code="year_closed",
        )
    # Wait for every korte klap grant and reallocation that saw this year open (lange klap
    # grants lock the year itself). Payments need no wait: they stay allowed after the close.
    _lock_shares(budget_year.shares.all())
    budget_year.status, budget_year.closed_at = BudgetYearStatus.CLOSED, at or timezone.now()
    budget_year.save(update_fields=["status", "closed_at"])
    _record_year_change(budget_year, BudgetYearChangeKind.CLOSED, actor, reason)
    return year_end_report(budget_year=budget_year)


@audited
@atomic_with_retry
def budget_year_open_with_shares(
    *,
    year: int,
    total: Decimal,
    korte_klap_pot: Decimal,
    lange_klap_pot: Decimal,
    amounts: Mapping[Smederij, Decimal],
    actor: "User",
    reason: str,
) -> BudgetYear:
    """Open a year and set the korte klap shares of its Smederijen in one transaction.

    The stuurgroep's page proposes the shares in proportion to inhabitants and lets them
    be changed before saving; either the year opens with all its shares or nothing is
    written (a share that does not fit refuses the whole).
    """
    _check_reason(reason)
    budget_year = budget_year_open(
        year=year,
        total=total,
        korte_klap_pot=korte_klap_pot,
        lange_klap_pot=lange_klap_pot,
        actor=actor,
        reason=reason,
    )
    shares_set(budget_year=budget_year, amounts=amounts, actor=actor, reason=reason)
    return budget_year


# --- the shares of the Smederijen -----------------------------------------------------------


@audited
@atomic_with_retry
def shares_divide_by_inhabitants(
    *, budget_year: BudgetYear, actor: "User | None" = None
) -> list[SmederijShare]:
    """Divide the korte klap pot over the active Smederijen in proportion to inhabitants.

    Only for a year that has no shares yet: once shares exist, money moves by
    reallocation records (or `shares_set`), so that every euro keeps its history.
    """
    budget_year = _lock_year(budget_year)
    _check_open(budget_year)
    if budget_year.shares.exists():
        raise BudgetError(
            _("The korte klap pot of %(year)d has already been divided.")
            % {"year": budget_year.year},
            code="already_divided",
        )
    smederijen = list(Smederij.objects.active().select_related("area").order_by("name"))
    if not smederijen:
        return []
    parts = divide_proportionally(
        budget_year.korte_klap_pot, {s.name: s.area.inhabitants for s in smederijen}
    )
    # One by one, not bulk_create: each share is a row of the audit log (decision 0029),
    # which hears of a row through its save signal.
    shares = [
        SmederijShare.objects.create(budget_year=budget_year, smederij=s, amount=parts[s.name])
        for s in smederijen
    ]
    ShareChange.objects.bulk_create(
        ShareChange(
            share=share,
            amount=share.amount,
            changed_by=actor,
            reason=_("Divided in proportion to inhabitants."),
        )
        for share in shares
    )
    _assert_shares_fit(budget_year)
    return shares


@audited
@atomic_with_retry
def shares_set(
    *,
    budget_year: BudgetYear,
    amounts: Mapping[Smederij, Decimal],
    actor: "User | None",
    reason: str,
) -> list[SmederijShare]:
    """Set the korte klap shares of some Smederijen by hand (new or changed).

    Refused when the shares would add up to more than the korte klap pot, or a
    Smederij's share would fall below what it has granted (plus what it moved out).
    """
    budget_year = _lock_year(budget_year)
    _check_open(budget_year)
    _check_reason(reason)
    existing = {share.smederij_id: share for share in _lock_shares(budget_year.shares.all())}
    changed = []
    for smederij, value in sorted(amounts.items(), key=lambda item: item[0].pk):
        amount = _pot(value)
        share = existing.get(smederij.pk)
        if share is None:
            share = SmederijShare.objects.create(
                budget_year=budget_year, smederij=smederij, amount=amount
            )
            ShareChange.objects.create(share=share, amount=amount, changed_by=actor, reason=reason)
        elif share.amount != amount:
            previous = share.amount
            share.amount = amount
            share.save(update_fields=["amount"])
            balance = share_balance(share=share)
            if balance.free < 0:
                raise BudgetError(
                    _(
                        "The share of Smederij %(smederij)s cannot be %(asked)s: "
                        "at least %(minimum)s of it is granted or moved to others."
                    )
                    % {
                        "smederij": smederij.name,
                        "asked": format_euro(amount),
                        "minimum": format_euro(amount - balance.free),
                    },
                    code="share_below_granted",
                )
            ShareChange.objects.create(
                share=share,
                previous_amount=previous,
                amount=amount,
                changed_by=actor,
                reason=reason,
            )
        changed.append(share)
    _assert_shares_fit(budget_year)
    return changed


@audited
@atomic_with_retry
def share_reallocate(
    *,
    budget_year: BudgetYear,
    from_smederij: Smederij,
    to_smederij: Smederij,
    amount: Decimal,
    actor: "User",
    reason: str,
) -> Reallocation:
    """The stuurgroep moves free korte klap money from one Smederij to another."""
    amount = _amount(amount)
    _check_reason(reason)
    if from_smederij.pk == to_smederij.pk:
        raise BudgetError(
            _("Money can only be moved between two different Smederijen."), code="same_smederij"
        )
    shares = {
        share.smederij_id: share
        for share in _lock_shares(
            SmederijShare.objects.filter(
                budget_year=budget_year, smederij__in=[from_smederij, to_smederij]
            )
        )
    }
    budget_year = BudgetYear.objects.get(pk=budget_year.pk)
    _check_open(budget_year)
    for smederij in (from_smederij, to_smederij):
        if smederij.pk not in shares:
            raise _no_share(smederij, budget_year)
    free = share_balance(share=shares[from_smederij.pk]).free
    if amount > free:
        raise _insufficient_korte(from_smederij, amount, free)
    return Reallocation.objects.create(
        budget_year=budget_year,
        from_smederij=from_smederij,
        to_smederij=to_smederij,
        amount=amount,
        recorded_by=actor,
        reason=reason,
    )


# --- grants and what happens to them --------------------------------------------------------


@audited
@atomic_with_retry
def grant_create(
    *,
    proposal: "Model",
    budget_year: int,
    klap: str,
    smederij: Smederij | None,
    amount: Decimal,
    actor: "User",
    reason: str = "",
    decided_at: datetime | None = None,
) -> Grant:
    """Reserve `amount` for an approved proposal from the pot of `budget_year`.

    The caller (projecten) guarantees that the proposal is approved and passes
    what the budget needs: the proposal only as the grant's target, its klap,
    its Smederij and the budget year it asks money from (the proposal's, not
    the clock's: a decision on 2 January may still grant from an open old
    year, and never from a year nobody opened). Korte klap draws from the
    share of `smederij`, lange klap from the lange klap pot. `decided_at` is
    the moment recorded on the grant.
    """
    decided_at = decided_at or timezone.now()
    amount = _amount(amount)

    if klap == Klap.KORTE:
        if smederij is None:
            raise BudgetError(_("A korte klap grant needs the Smederij that pays it."))
        try:
            share = _lock_share_for_grant(budget_year, smederij)
        except SmederijShare.DoesNotExist:
            found = BudgetYear.objects.filter(year=budget_year).first()
            if found is None:
                raise _no_year(budget_year) from None
            _check_open_for_grants(found)
            raise _no_share(smederij, found) from None
        year = BudgetYear.objects.get(pk=share.budget_year_id)
        _check_open_for_grants(year)
        _check_no_active_grant(proposal)
        free = share_balance(share=share).free
        if amount > free:
            raise _insufficient_korte(smederij, amount, free)
    elif klap == Klap.LANGE:
        try:
            year = BudgetYear.objects.select_for_update(no_key=True).get(year=budget_year)
        except BudgetYear.DoesNotExist:
            raise _no_year(budget_year) from None
        _check_open_for_grants(year)
        _check_no_active_grant(proposal)
        free = lange_klap_balance(budget_year=year).free
        if amount > free:
            raise BudgetError(
                _("Not enough budget in lange klap: asked %(asked)s, available %(available)s")
                % {"asked": format_euro(amount), "available": format_euro(free)},
                code="insufficient_budget",
            )
        smederij = None  # one pot for the stuurgroep: no Smederij's share pays
    else:
        raise BudgetError(_("Unknown klap: %(klap)s") % {"klap": klap})

    return Grant.objects.create(
        budget_year=year,
        proposal=proposal,
        klap=klap,
        smederij=smederij,
        amount=amount,
        granted_by=actor,
        granted_at=decided_at,
        reason=reason,
    )


@audited
@atomic_with_retry
def payment_create(
    *,
    grant: Grant,
    amount: Decimal,
    actor: "User",
    reason: str = "",
    is_advance: bool = False,
    override_reason: str = "",
) -> Payment:
    """Record money paid on a grant.

    Never more than is open on it: granted - released - (paid - refunded). Allowed
    after the grant's year has closed: the money was committed to the project then.
    `is_advance` and `override_reason` only label the record; the cap on an
    advance is checked by its caller (projecten.services.money.advance_pay).
    """
    amount = _amount(amount)
    grant, _budget_year = _lock_grant(grant)
    open_ = grant_balance(grant=grant).open
    if amount > open_:
        raise BudgetError(
            _(
                "Cannot pay more than is open on the grant for “%(proposal)s”: "
                "asked %(asked)s, open %(available)s"
            )
            % {
                "proposal": grant.proposal.title,
                "asked": format_euro(amount),
                "available": format_euro(open_),
            },
            code="payment_above_grant",
        )
    return Payment.objects.create(
        grant=grant,
        amount=amount,
        recorded_by=actor,
        reason=reason,
        is_advance=is_advance,
        override_reason=override_reason,
    )


@audited
@atomic_with_retry
def grant_release(
    *, grant: Grant, actor: "User", reason: str, amount: Decimal | None = None
) -> Release:
    """Give unpaid money of a grant back to its pot: all of it (the default) or a part.

    When nothing of the grant is left committed, the grant is closed and the
    proposal may receive a new grant (deferred to another year, for instance).
    """
    _check_reason(reason)
    grant, _budget_year = _lock_grant(grant)
    balance = grant_balance(grant=grant)
    amount = balance.open if amount is None else _amount(amount)
    if amount <= 0 or amount > balance.open:
        raise BudgetError(
            _(
                "Cannot release more than is unpaid on the grant for “%(proposal)s”: "
                "asked %(asked)s, unpaid %(available)s"
            )
            % {
                "proposal": grant.proposal.title,
                "asked": format_euro(amount),
                "available": format_euro(balance.open),
            },
            code="release_above_unpaid",
        )
    release = Release.objects.create(grant=grant, amount=amount, recorded_by=actor, reason=reason)
    if balance.committed - amount == 0:
        grant.closed_at = release.recorded_at
        grant.save(update_fields=["closed_at"])
    return release


@audited
@atomic_with_retry
def refund_create(*, grant: Grant, amount: Decimal, actor: "User", reason: str) -> Refund:
    """Record money paid on a grant but not spent, paid back.

    The money is open on the grant again; release it to return it to the pot.
    Allowed in a closed year: the accounts come in after the year ends.
    """
    amount = _amount(amount)
    _check_reason(reason)
    grant, _budget_year = _lock_grant(grant)
    spent = grant_balance(grant=grant).spent
    if amount > spent:
        raise BudgetError(
            _(
                "Cannot refund more than was paid on the grant for “%(proposal)s”: "
                "asked %(asked)s, paid %(available)s"
            )
            % {
                "proposal": grant.proposal.title,
                "asked": format_euro(amount),
                "available": format_euro(spent),
            },
            code="refund_above_paid",
        )
    return Refund.objects.create(grant=grant, amount=amount, recorded_by=actor, reason=reason)


# --- helpers ----------------------------------------------------------------------------------


# Every lock is FOR NO KEY UPDATE: no service ever changes a key, and a plain FOR UPDATE
# would also block the FOR KEY SHARE that PostgreSQL's foreign-key check takes at
# commit on the referenced row. A grant, a reallocation or a share change references
# the year; with FOR UPDATE on the year (closing, setting shares) that check waited
# for the year while the year's holder waited for the share: a deadlock.


def _lock_year(budget_year: BudgetYear) -> BudgetYear:
    return BudgetYear.objects.select_for_update(no_key=True).get(pk=budget_year.pk)


def _lock_shares(shares) -> list[SmederijShare]:
    """Lock shares in primary-key order, so that two services never take them crosswise."""
    return list(shares.select_for_update(no_key=True).order_by("pk"))


def _lock_share_for_grant(year: int, smederij: Smederij) -> SmederijShare:
    """Lock the one share a korte klap grant draws from, and nothing else.

    `of=("self",)`: the lookup joins the year, and without it PostgreSQL would lock
    the year row too, after the share: the reverse of the order year → shares, and
    every korte klap grant of the year would wait for every other.
    """
    return SmederijShare.objects.select_for_update(of=("self",), no_key=True).get(
        budget_year__year=year, smederij=smederij
    )


def _lock_grant(grant: Grant) -> tuple[Grant, BudgetYear]:
    grant = Grant.objects.select_for_update(no_key=True).get(pk=grant.pk)
    grant = Grant.objects.select_related("proposal", "budget_year").get(pk=grant.pk)
    return grant, grant.budget_year


def _to_decimal(value) -> Decimal:
    if isinstance(value, float):
        raise TypeError("Money is never a float; pass a Decimal, int or str.")
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise BudgetError(
            _("Not an amount of money: %(value)s") % {"value": value}, code="amount"
        ) from None
    if not amount.is_finite() or amount != amount.quantize(CENT):
        raise BudgetError(
            _("An amount has at most two decimals: %(value)s") % {"value": value}, code="amount"
        )
    if amount > MAX_AMOUNT:
        raise BudgetError(
            _("An amount cannot be more than %(max)s.") % {"max": format_euro(MAX_AMOUNT)},
            code="amount",
        )
    return amount.quantize(CENT)


def _amount(value) -> Decimal:
    """An amount that moves: more than zero."""
    amount = _to_decimal(value)
    if amount <= 0:
        raise BudgetError(
            _("An amount must be more than %(zero)s, not %(amount)s.")
            % {"zero": format_euro(ZERO), "amount": format_euro(amount)},
            code="amount",
        )
    return amount


def _pot(value) -> Decimal:
    """The size of a pot or share: zero or more."""
    amount = _to_decimal(value)
    if amount < 0:
        raise BudgetError(_("Amounts cannot be negative."), code="amount")
    return amount


def _check_split(total: Decimal, korte: Decimal, lange: Decimal) -> None:
    if korte + lange != total:
        raise BudgetError(
            _(
                "The korte klap pot (%(korte)s) and the lange klap pot (%(lange)s) "
                "must add up to the total (%(total)s)."
            )
            % {
                "korte": format_euro(korte),
                "lange": format_euro(lange),
                "total": format_euro(total),
            },
            code="split",
        )


def _check_open(budget_year: BudgetYear) -> None:
    if budget_year.status != BudgetYearStatus.OPEN:
        raise BudgetError(
            _("Budget year %(year)d is closed.") % {"year": budget_year.year},
            code="year_closed",
        )


def _check_open_for_grants(budget_year: BudgetYear) -> None:
    if budget_year.status != BudgetYearStatus.OPEN:
        raise BudgetError(
            _("Budget year %(year)d is closed: no new grants can be made from it.")
            % {"year": budget_year.year},
            code="year_not_open",
        )


def _check_reason(reason: str) -> None:
    if not (reason or "").strip():
        raise BudgetError(_("Give a reason: it stays in the history."), code="reason")


def _check_no_active_grant(proposal: "Model") -> None:
    active = Grant.objects.active().filter(proposal=proposal).select_related("budget_year")
    grant = active.first()
    if grant is not None:
        raise BudgetError(
            _("Proposal “%(proposal)s” already has an active grant (%(year)d).")
            % {"proposal": proposal, "year": grant.budget_year.year},
            code="active_grant_exists",
        )


def _insufficient_korte(smederij: Smederij, asked: Decimal, available: Decimal) -> BudgetError:
    return BudgetError(
        _(
            "Not enough budget in korte klap for Smederij %(smederij)s: "
            "asked %(asked)s, available %(available)s"
        )
        % {
            "smederij": smederij.name,
            "asked": format_euro(asked),
            "available": format_euro(available),
        },
        code="insufficient_budget",
    )


def _no_year(year: int) -> BudgetError:
    return BudgetError(
        _("Budget year %(year)d has not been opened.") % {"year": year}, code="year_not_open"
    )


def _no_share(smederij: Smederij, budget_year: BudgetYear) -> BudgetError:
    return BudgetError(
        _("Smederij %(smederij)s has no korte klap budget in %(year)d.")
        % {"smederij": smederij.name, "year": budget_year.year},
        code="no_share",
    )


def _record_year_change(budget_year, kind, actor, reason) -> None:
    BudgetYearChange.objects.create(
        budget_year=budget_year,
        kind=kind,
        total=budget_year.total,
        korte_klap_pot=budget_year.korte_klap_pot,
        lange_klap_pot=budget_year.lange_klap_pot,
        changed_by=actor,
        reason=reason,
    )


def _assert_shares_fit(budget_year: BudgetYear) -> None:
    shared = budget_year.shares.aggregate(total=Sum("amount"))["total"] or ZERO
    if shared > budget_year.korte_klap_pot:
        raise BudgetError(
            _("The shares (%(shared)s) exceed the korte klap pot (%(pot)s).")
            % {"shared": format_euro(shared), "pot": format_euro(budget_year.korte_klap_pot)},
            code="shares_exceed_pot",
        )
