"""A small history over two Smederijen (a wijk of one wijkteam, a dorp of another) and two
budget years (2024 closed, 2025 open), with every kind of record the dashboard counts.

`history.records` keeps what was created, so a test adds the records up itself and
compares with the figure."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import timezone

from budget.models import BudgetYearStatus, Grant, Payment, Refund, Release
from projecten.models import CoFundingStatus, Theme
from projecten.workflow import ProposalStatus as S
from tests import factories
from wijken.models import AreaKind


@dataclass
class History:
    wijk: object
    dorp: object
    proposals: list = field(default_factory=list)
    grants: list = field(default_factory=list)
    records: dict = field(default_factory=lambda: {"paid": [], "released": [], "refunded": []})
    supports: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    co_funding: list = field(default_factory=list)
    rounds: list = field(default_factory=list)


def make_history(*, scale: int = 1) -> History:
    wijk = factories.SmederijFactory(area__kind=AreaKind.WIJK, area__inhabitants=4000)
    dorp = factories.SmederijFactory(area__kind=AreaKind.DORP, area__inhabitants=1500)
    actor = factories.UserFactory()
    history = History(wijk=wijk, dorp=dorp)
    closed = factories.BudgetYearFactory(
        year=2024, status=BudgetYearStatus.CLOSED, closed_at=timezone.now()
    )
    factories.BudgetYearFactory(year=2025)
    for year in (2024, 2025):
        for smederij in (wijk, dorp):
            factories.SmederijShareFactory(
                budget_year=closed if year == 2024 else factories.BudgetYearFactory(year=2025),
                smederij=smederij,
                amount=Decimal("9000.00"),
            )
    now = timezone.now()
    statuses = [
        S.SUBMITTED,
        S.IN_REVIEW,
        S.APPROVED,
        S.IN_PROGRESS,
        S.REJECTED,
        S.DEFERRED,
        S.WITHDRAWN,
        S.ACCOUNTED,
        S.COMPLETED,
        S.CANCELLED,
    ]
    themes = [Theme.ONTMOETING, Theme.JEUGD, Theme.GROEN]
    n = 0
    for year in (2024, 2025):
        budget_year = factories.BudgetYearFactory(year=year)
        for smederij in (wijk, dorp):
            for _ in range(scale):
                for i, status in enumerate(statuses):
                    n += 1
                    klap = "lange" if i % 4 == 3 else "korte"
                    proposal = factories.ProposalFactory(
                        smederij=smederij,
                        year=year,
                        status=status,
                        klap=klap,
                        theme=themes[n % 3],
                        submitted_at=now,
                        end_date=timezone.localdate() - timezone.timedelta(days=60),
                    )
                    history.proposals.append(proposal)
                    factories.SupportFactory(proposal=proposal)
                    history.supports.append(proposal)
                    if i % 2 == 0:
                        factories.CommentFactory(proposal=proposal)
                        history.comments.append(proposal)
                    cf = factories.CoFundingFactory(
                        proposal=proposal,
                        amount=Decimal(100 + n),
                        status=[
                            CoFundingStatus.ASKED,
                            CoFundingStatus.PROMISED,
                            CoFundingStatus.RECEIVED,
                        ][n % 3],
                    )
                    history.co_funding.append(cf)
                    if status in (S.APPROVED, S.IN_PROGRESS, S.ACCOUNTED, S.COMPLETED, S.CANCELLED):
                        grant = Grant.objects.create(
                            budget_year=budget_year,
                            proposal=proposal,
                            klap=klap,
                            smederij=smederij if klap == "korte" else None,
                            amount=Decimal(1000 + n),
                            granted_by=actor,
                        )
                        history.grants.append(grant)
                        paid = Payment.objects.create(
                            grant=grant, amount=Decimal(500 + n), recorded_by=actor
                        )
                        history.records["paid"].append(paid)
                        if status == S.CANCELLED:
                            history.records["released"].append(
                                Release.objects.create(
                                    grant=grant, amount=Decimal(500), recorded_by=actor
                                )
                            )
                            history.records["refunded"].append(
                                Refund.objects.create(
                                    grant=grant, amount=Decimal(100), recorded_by=actor
                                )
                            )
            history.rounds.append(
                factories.ElectionRoundFactory(
                    smederij=smederij,
                    year=year,
                    created_by=actor,
                    counted_at=now,
                    online_voters=40 * scale,
                    paper_voters=10,
                    inhabitants=smederij.area.inhabitants,
                    spent=Decimal("0.00"),
                )
            )
    return history


@pytest.fixture
def history(db):
    return make_history()
