"""Records of every dataset of the exports, in two Smederijen of different wijkteams."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from budget import services as budget
from budget.models import Klap
from projecten.models import AccountingStatus, CoFundingStatus
from projecten.workflow import ProposalStatus as S
from tests import factories

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
