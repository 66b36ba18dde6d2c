"""Where the money went, for everyone: per budget year and per Smederij, every funded project
with what it was granted and paid, its verantwoording and its public photos, and the totals
of the pot (decision 0034).

Only what the public pages already show: a funded proposal's title, summary, klap, status
and the name it was handed in under (the group's, or the display name its submitter chose
to show next to proposals). Never a draft, a rejected, deferred or withdrawn proposal;
projects that were stopped count in one line, without their titles (their pages are not
public), so that the table still adds up to every euro paid. A fixed number of queries,
whatever the number of projects: the lists are paginated.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, ExpressionWrapper, F, Prefetch
from django.utils import timezone

from budget.models import (
    BudgetYear,
    Grant,
    SmederijShare,
)
from budget.money import ZERO, MoneyField
from budget.selectors import Balance, lange_klap_figures, share_balances
from projecten.models import Attachment, AttachmentKind
from projecten.workflow import FUNDED_STATUSES, ProposalStatus

PAGE_SIZE = 20
PHOTOS_PER_PROJECT = 3

_PROPOSAL_FIELDS = (
    "proposal__id",
    "proposal__title",
    "proposal__summary",
    "proposal__klap",
    "proposal__status",
    "proposal__end_date",
    "proposal__smederij_id",
)


def spending_years() -> list[int]:
    """The budget years that have a pot, newest first."""
    return list(BudgetYear.objects.order_by("-year").values_list("year", flat=True))


def spending_latest_year(*, today: datetime.date | None = None) -> int | None:
    """The year `/besteed/` opens: the newest up to this year, or else the newest."""
    today = today or timezone.localdate()
    years = BudgetYear.objects.order_by("-year").values_list("year", flat=True)
    return years.filter(year__lte=today.year).first() or years.first()


@dataclass(frozen=True)
class SmederijSpending:
    """The korte klap money of one Smederij in one year, and how many projects it funded."""

    share: SmederijShare
    balance: Balance
    projects: int

    @property
    def smederij(self):
        return self.share.smederij


def smederij_spendings(*, budget_year: BudgetYear, smederij=None) -> list[SmederijSpending]:
    """Each Smederij's share (after moves), granted, paid and free, and the number of its
    funded projects of the year (korte and lange klap), in two queries."""
    grants = Grant.objects.filter(budget_year=budget_year, proposal__status__in=FUNDED_STATUSES)
    if smederij is not None:
        grants = grants.filter(proposal__smederij=smederij)
    projects = dict(
        grants.order_by()
        .values("proposal__smederij")
        .annotate(n=Count("pk"))
        .values_list("proposal__smederij", "n")
    )
    return [
        SmederijSpending(
            share=found.share,
            balance=found.balance,
            projects=projects.get(found.share.smederij_id, 0),
        )
        for found in share_balances(budget_year=budget_year, smederij=smederij)
    ]


@dataclass(frozen=True)
class Stopped:
    """Projects of the year that were stopped: how many, and what reached them."""

    count: int = 0
    granted: Decimal = ZERO
    paid: Decimal = ZERO


def _stopped(grants) -> Stopped:
    rows = list(
        grants.filter(proposal__status=ProposalStatus.CANCELLED)
        .order_by()
        .with_totals()
        .values_list("amount", "released", "paid", "refunded")
    )
    return Stopped(
        count=len(rows),
        granted=sum((amount - released for amount, released, _p, _r in rows), start=ZERO),
        paid=sum((paid - refunded for _a, _rel, paid, refunded in rows), start=ZERO),
    )


def funded_grants(*, budget_year: BudgetYear, klap: str | None = None, smederij=None):
    """The grants of a year to projects that are funded now (not stopped), each with what
    it was granted (less releases) and paid (less refunds), its verantwoording's status and
    its public photos: one query a page, and one for the photos."""
    grants = Grant.objects.filter(budget_year=budget_year, proposal__status__in=FUNDED_STATUSES)
    if klap is not None:
        grants = grants.filter(klap=klap)
    if smederij is not None:
        grants = grants.filter(proposal__smederij=smederij)
    photos = Attachment.objects.filter(
        kind=AttachmentKind.PHOTO, publish_consent=True, content_type__startswith="image/"
    ).order_by("uploaded_at", "pk")
    return (
        grants.with_totals()
        .select_related("proposal")
        .only("id", "amount", "klap", "budget_year_id", "proposal_id", *_PROPOSAL_FIELDS)
        .annotate(
            group_name=F("proposal__group__name"),
            submitter_name=F("proposal__submitter__display_name"),
            accounting_status=F("proposal__accounting__status"),
            committed=ExpressionWrapper(F("amount") - F("released"), output_field=MoneyField()),
            spent=ExpressionWrapper(F("paid") - F("refunded"), output_field=MoneyField()),
        )
        .prefetch_related(
            Prefetch("proposal__attachments", queryset=photos, to_attr="public_photos")
        )
        .order_by("proposal__title", "pk")
    )


@dataclass(frozen=True)
class YearSpending:
    budget_year: BudgetYear
    smederijen: list[SmederijSpending] = field(default_factory=list)
    lange: Balance = field(default_factory=Balance)
    stopped: Stopped = field(default_factory=Stopped)

    @property
    def korte(self) -> Balance:
        total = Balance(pot=self.budget_year.korte_klap_pot)
        for spending in self.smederijen:
            b = spending.balance
            total += Balance(
                granted=b.granted, released=b.released, paid=b.paid, refunded=b.refunded
            )
        return total

    @property
    def whole(self) -> Balance:
        return self.korte + self.lange


def year_spending(*, budget_year: BudgetYear) -> YearSpending:
    """The totals of a year's pot and each Smederij's share, in four queries.

    Korte klap free money counts from the whole korte klap pot, so that money not divided
    over the Smederijen shows as free too.
    """
    return YearSpending(
        budget_year=budget_year,
        smederijen=smederij_spendings(budget_year=budget_year),
        lange=lange_klap_figures(budget_year=budget_year),
        stopped=_stopped(Grant.objects.filter(budget_year=budget_year)),
    )


def smederij_stopped(*, budget_year: BudgetYear, smederij) -> Stopped:
    return _stopped(Grant.objects.filter(budget_year=budget_year, proposal__smederij=smederij))
