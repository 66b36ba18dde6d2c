"""A small history over two Smederijen (a wijk of one wijkteam, a dorp of another) and two
budget years (2024 closed, 2025 open), with every kind of record the dashboard counts.

`history.records` keeps what was created, so a test adds the records up itself and
compares with the figure.

And, for the exports, records of every dataset in two Smederijen of different wijkteams."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from budget import services as budget
from budget.models import BudgetYearStatus, Grant, Klap, Payment, Refund, Release
from projecten.models import AccountingStatus, CoFundingStatus, Theme
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


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _private_exports(settings, tmp_path):
    """Every test writes its export files into its own folder, never into var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "exports"), "base_url": None},
        },
    }
    settings.EXPORT_TMPDIR = str(tmp_path)


@pytest.fixture
def figures(db, gebiedsregisseur):
    """A funded proposal of 2025 with a grant, a release, a payment, a refund, co-funding and
    its verantwoording; a rejected one of 2024 in another wijkteam; a draft and a withdrawn one."""
    year = 2025
    a = gebiedsregisseur.gebiedsregisseur_assignments.first().wijkteam.smederijen.first()
    b = factories.SmederijFactory()
    budget_year = factories.BudgetYearFactory(year=year)
    factories.BudgetYearFactory(year=2024)
    factories.SmederijShareFactory(budget_year=budget_year, smederij=a)
    submitter = factories.ResidentFactory(home_area=a.area, display_name="Anna de Vries")
    group = factories.GroupFactory(area=a.area, name="Buurtvereniging Krakeel")
    funded = factories.ProposalFactory(
        smederij=a,
        submitter=submitter,
        group=group,
        year=year,
        klap=Klap.KORTE,
        status=S.IN_PROGRESS,
        title='=HYPERLINK("http://evil.example")',
        amount_requested=Decimal("1250.50"),
        submitted_at=datetime.datetime(2025, 3, 4, 23, 30, tzinfo=AMSTERDAM),
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2025, 6, 30),
    )
    grant = budget.grant_create(
        proposal=funded,
        budget_year=year,
        klap=Klap.KORTE,
        smederij=a,
        amount=Decimal("1200.00"),
        actor=gebiedsregisseur,
    )
    budget.grant_release(
        grant=grant, actor=gebiedsregisseur, reason="Goedkoper.", amount=Decimal("100.00")
    )
    payment = budget.payment_create(
        grant=grant, amount=Decimal("600.25"), actor=gebiedsregisseur, is_advance=True
    )
    budget.refund_create(
        grant=grant, amount=Decimal("50.00"), actor=gebiedsregisseur, reason="Over."
    )
    co_funding = factories.CoFundingFactory(
        proposal=funded,
        source="@Sponsor BV",
        amount=Decimal("300.00"),
        status=CoFundingStatus.PROMISED,
    )
    accounting = factories.AccountingFactory(
        proposal=funded, participants=40, status=AccountingStatus.SUBMITTED
    )
    factories.AccountingLineFactory(accounting=accounting, amount=Decimal("450.75"))
    rejected = factories.ProposalFactory(
        smederij=b,
        year=2024,
        klap=Klap.LANGE,
        status=S.REJECTED,
        title="Buurthuis groter",
        submitted_at=timezone.now(),
    )
    draft = factories.ProposalFactory(smederij=a, year=year, status=S.DRAFT, title="Geheim")
    withdrawn = factories.ProposalFactory(
        smederij=a,
        year=year,
        status=S.WITHDRAWN,
        title="Teruggetrokken",
        submitted_at=timezone.now(),
    )
    factories.CoFundingFactory(proposal=draft, source="Concept")
    return {
        "a": a,
        "b": b,
        "funded": funded,
        "grant": grant,
        "payment": payment,
        "co_funding": co_funding,
        "accounting": accounting,
        "rejected": rejected,
        "draft": draft,
        "withdrawn": withdrawn,
    }
