"""Reads for the public pages: what anyone may see without logging in.

Nothing here returns a user object: of a resident, the public pages show only
the display name they chose (or their group's name), fetched as a plain value.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, OuterRef, QuerySet
from django.utils import timezone

from budget.models import Grant, Klap, Payment, Refund, Release, SmederijShare
from budget.money import ZERO
from budget.selectors import Balance, money_sum_subquery, share_balance
from projecten.accounting.selectors import Settlement, accounting_settlement
from projecten.decisions.selectors import decision_latest
from projecten.models import Accounting, AccountingStatus, Decision, Proposal
from projecten.workflow import AFTER_FUNDING, PAYABLE_STATUSES, RUNNING_STATUSES, can_move

# The fields of a proposal that the public pages show; description and plans stay on its page.
PUBLIC_PROPOSAL_FIELDS = (
    "id",
    "title",
    "summary",
    "klap",
    "theme",
    "status",
    "year",
    "amount_requested",
)


def _sum_per_proposal(model, path: str):
    """The sum of `model.amount` over the grants of the outer proposal, as a subquery."""
    return money_sum_subquery(model, **{path: OuterRef("pk")})


def funded_projects_public(*, smederij, year: int | None = None) -> QuerySet[Proposal]:
    """The Smederij's funded projects (of `year`, when given), newest year first, with what
    was granted and paid.

    One query: `granted` is what its grants promise (granted minus released),
    `paid` what reached the project (paid minus refunded).
    """
    projects = Proposal.objects.funded().filter(smederij=smederij)
    if year is not None:
        projects = projects.filter(year=year)
    return (
        projects.only(*PUBLIC_PROPOSAL_FIELDS)
        .annotate(
            granted=_sum_per_proposal(Grant, "proposal")
            - _sum_per_proposal(Release, "grant__proposal"),
            paid=_sum_per_proposal(Payment, "grant__proposal")
            - _sum_per_proposal(Refund, "grant__proposal"),
            submitter_name=F("submitter__display_name"),
            group_name=F("group__name"),
        )
        .order_by("-year", "title", "pk")
    )


def funded_project_years(*, smederij) -> list[int]:
    """The years in which the Smederij funded a project, newest first (one query, on the
    index of (smederij, status, year))."""
    years = Proposal.objects.funded().filter(smederij=smederij).order_by("-year")
    return list(years.values_list("year", flat=True).distinct())


@dataclass(frozen=True)
class SmederijPublicSummary:
    """The projects block of a Smederij's public page: the projects of one year."""

    projects: list[Proposal] = field(default_factory=list)
    year: int | None = None
    # The korte klap budget of `year` (after reallocations), and what happened to it.
    balance: Balance | None = None
    # The years with funded projects, newest first, for the year chooser.
    years: list[int] = field(default_factory=list)

    @property
    def granted(self) -> Decimal | None:
        return self.balance.committed if self.balance else None

    @property
    def paid(self) -> Decimal | None:
        return self.balance.spent if self.balance else None

    @property
    def budget(self) -> Decimal | None:
        return self.balance.pot if self.balance else None


def smederij_public_summary(
    *, smederij, year: int | None = None, today: datetime.date | None = None
) -> SmederijPublicSummary:
    """The funded projects of a Smederij in one year and its korte klap budget of that year.

    Without `year`, "this year": the latest budget year up to today in which the Smederij
    has a share (early in January the new year may not be divided yet); without a share the
    newest year with a funded project. One year at a time: after twenty years every funded
    project since 2007 made one page of 122 KB (issue 12). Five queries whatever the number
    of years, projects and grants.
    """
    today = today or timezone.localdate()
    shares = SmederijShare.objects.filter(smederij=smederij).select_related("budget_year")
    if year is None:
        shares = shares.filter(budget_year__year__lte=today.year)
    else:
        shares = shares.filter(budget_year__year=year)
    share = shares.order_by("-budget_year__year").first()
    years = funded_project_years(smederij=smederij)
    if year is None:
        year = share.budget_year.year if share else (years[0] if years else today.year)
    return SmederijPublicSummary(
        projects=list(funded_projects_public(smederij=smederij, year=year)),
        year=year,
        balance=share_balance(share=share) if share else None,
        years=years,
    )


# --- The money page of one proposal (the gebiedsregisseur's) --------------------------------
# A fixed number of queries whatever the number of payments, releases and refunds.


@dataclass(frozen=True)
class MoneyOverview:
    proposal: Proposal
    decision: Decision | None
    grants: list[Grant]
    payments: list[Payment]
    releases: list[Release]
    refunds: list[Refund]
    balance: Balance
    settlement: Settlement
    accounting: Accounting | None
    co_funding: list = field(default_factory=list)

    @property
    def advanced(self):
        return sum((p.amount for p in self.payments if p.is_advance), ZERO)

    @property
    def can_complete(self) -> bool:
        return self.accounting is not None and self.accounting.status == AccountingStatus.SUBMITTED

    # What the lifecycle allows now; the services say the same (projecten/workflow.py).
    @property
    def can_pay_advance(self) -> bool:
        return self.proposal.status in RUNNING_STATUSES

    @property
    def can_record_payment(self) -> bool:
        return self.proposal.status in PAYABLE_STATUSES

    @property
    def can_cancel(self) -> bool:
        return can_move(self.proposal.status, "cancel")

    @property
    def released_to_lange_klap(self) -> bool:
        """Where money released on cancelling goes: the lange klap pot, or else the
        Smederij's own korte klap share."""
        return self.proposal.klap == Klap.LANGE

    @property
    def can_refund(self) -> bool:
        # Only money that was paid can come back.
        return self.proposal.status in AFTER_FUNDING and bool(self.payments or self.refunds)


def money_overview(*, proposal: Proposal) -> MoneyOverview:
    """Everything about the money of one proposal, in eight queries (the page: 15)."""
    grants = list(
        Grant.objects.filter(proposal=proposal).with_totals().select_related("budget_year")
    )
    balance = Balance()
    for grant in grants:
        balance += Balance(
            pot=grant.amount,
            granted=grant.amount,
            released=grant.released,
            paid=grant.paid,
            refunded=grant.refunded,
        )

    def records(model):
        return list(
            model.objects.filter(grant__proposal=proposal)
            .select_related("recorded_by")
            .order_by("recorded_at", "pk")
        )

    accounting = Accounting.objects.filter(proposal=proposal).first()
    return MoneyOverview(
        proposal=proposal,
        decision=decision_latest(proposal=proposal),
        grants=grants,
        payments=records(Payment),
        releases=records(Release),
        refunds=records(Refund),
        balance=balance,
        # The grants with their totals are read above: the settlement adds them up.
        settlement=accounting_settlement(proposal=proposal, accounting=accounting, grants=grants),
        accounting=accounting,
        co_funding=list(proposal.co_funding.order_by("pk")),
    )
