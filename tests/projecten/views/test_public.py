"""The public page of a Smederij: its funded projects and its korte klap budget, without login."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budget.models import Grant, Payment, Refund, Release
from budget.money import format_euro
from projecten.models import Klap, ProposalStatus
from projecten.money.selectors import smederij_public_summary
from tests import factories
from tests.projecten.roles import ROLES, login

pytestmark = pytest.mark.django_db


def page(smederij):
    return reverse("smederijen:smederij-detail", kwargs={"slug": smederij.slug})


def proposal_in(smederij, status, **kwargs):
    return factories.ProposalFactory(
        smederij=smederij, status=status, submitted_at=timezone.now(), year=2013, **kwargs
    )


@pytest.fixture
def share(smederij):
    return factories.SmederijShareFactory(
        smederij=smederij,
        budget_year=factories.BudgetYearFactory(year=2013),
        amount=Decimal("7500.00"),
    )


@pytest.fixture
def official(db):
    return factories.UserFactory()


def grant(proposal, amount, official, *, paid=None, released=None, refunded=None):
    made = Grant.objects.create(
        budget_year=factories.BudgetYearFactory(year=proposal.year),
        proposal=proposal,
        klap=proposal.klap,
        smederij=proposal.smederij if proposal.klap == Klap.KORTE else None,
        amount=Decimal(amount),
        granted_by=official,
    )
    for model, value in ((Payment, paid), (Release, released), (Refund, refunded)):
        if value:
            model.objects.create(grant=made, amount=Decimal(value), recorded_by=official)
    return made


def test_visitor_sees_the_funded_projects_of_the_smederij(client, smederij, other_smederij):
    shown = [
        proposal_in(smederij, status, title=f"Project {status}")
        for status in (
            ProposalStatus.APPROVED,
            ProposalStatus.IN_PROGRESS,
            ProposalStatus.ACCOUNTED,
            ProposalStatus.COMPLETED,
        )
    ]
    for status in (
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
        ProposalStatus.IN_REVIEW,
        ProposalStatus.REJECTED,
        ProposalStatus.WITHDRAWN,
    ):
        proposal_in(smederij, status, title=f"Niet publiek {status}")
    proposal_in(other_smederij, ProposalStatus.APPROVED, title="Elders gefinancierd")

    response = client.get(page(smederij))

    assert response.status_code == 200
    projects = response.context["projects_summary"].projects
    assert {p.title for p in projects} == {p.title for p in shown}
    html = response.content.decode()
    assert "Niet publiek" not in html and "Elders gefinancierd" not in html
    for proposal in shown:
        assert proposal.get_absolute_url() in html


def test_granted_and_paid_of_each_project_and_of_the_years_budget(
    client, smederij, share, official
):
    party = proposal_in(
        smederij, ProposalStatus.IN_PROGRESS, title="Buurtfeest", amount_requested=Decimal("1250")
    )
    bench = proposal_in(smederij, ProposalStatus.APPROVED, title="Bankje")
    grant(party, "1250.00", official, paid="1000.00", released="50.00", refunded="100.00")
    grant(bench, "300.00", official)

    client.cookies["django_language"] = "en"  # the language switch
    response = client.get(page(smederij))

    summary = response.context["projects_summary"]
    by_title = {p.title: p for p in summary.projects}
    assert by_title["Buurtfeest"].granted == Decimal("1200.00")
    assert by_title["Buurtfeest"].paid == Decimal("900.00")
    assert by_title["Bankje"].granted == Decimal("300.00")
    assert by_title["Bankje"].paid == Decimal("0.00")
    assert summary.year == 2013
    assert (summary.budget, summary.granted, summary.paid) == (
        Decimal("7500.00"),
        Decimal("1500.00"),
        Decimal("900.00"),
    )
    html = response.content.decode()
    for amount in ("7500", "1500", "1200", "1250", "900"):
        assert format_euro(Decimal(amount)) in html
    assert "Korte klap budget 2013" in html


def test_without_a_share_the_page_says_the_budget_is_not_known(client, smederij):
    proposal_in(smederij, ProposalStatus.APPROVED, title="Bankje")

    client.cookies["django_language"] = "en"  # the language switch
    response = client.get(page(smederij))

    assert response.status_code == 200
    assert response.context["projects_summary"].balance is None
    assert "The korte klap budget of this Smederij for this year is not known yet." in (
        response.content.decode()
    )
    assert "Bankje" in response.content.decode()


def test_no_personal_data_beyond_the_display_name(client, smederij):
    submitter = factories.ResidentFactory(
        home_area=smederij.area, display_name="Familie De Vries", email="devries@example.org"
    )
    proposal_in(smederij, ProposalStatus.APPROVED, submitter=submitter, title="Moestuin")
    group = factories.GroupFactory(area=smederij.area, name="Buurtvereniging Het Haagje")
    proposal_in(smederij, ProposalStatus.APPROVED, submitter=submitter, group=group)

    response = client.get(page(smederij))

    html = response.content.decode()
    assert "Familie De Vries" in html and "Buurtvereniging Het Haagje" in html
    assert "devries@example.org" not in html
    for project in response.context["projects_summary"].projects:
        # Nothing of the resident is loaded but the name the page shows.
        assert "submitter" not in project._state.fields_cache


def test_the_summary_uses_the_latest_year_with_a_share_up_to_today(smederij):
    for year, amount in ((2013, "7500.00"), (2014, "8000.00"), (2015, "9000.00")):
        factories.SmederijShareFactory(
            smederij=smederij,
            budget_year=factories.BudgetYearFactory(year=year),
            amount=Decimal(amount),
        )

    summary = smederij_public_summary(smederij=smederij, today=datetime.date(2014, 6, 1))

    assert summary.year == 2014 and summary.budget == Decimal("8000.00")


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_same_public_page(client, smederij, other_smederij, role):
    proposal_in(smederij, ProposalStatus.APPROVED, title="Speeltuin")
    proposal_in(smederij, ProposalStatus.SUBMITTED, title="Nog in behandeling")
    login(client, role, smederij, other_smederij)

    response = client.get(page(smederij))

    assert response.status_code == 200
    assert [p.title for p in response.context["projects_summary"].projects] == ["Speeltuin"]


def test_the_public_page_issues_a_fixed_number_of_queries(
    client, smederij, share, official, django_assert_max_num_queries
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page(smederij)).status_code == 200
        return len(captured)

    def funded(count):
        for _ in range(count):
            proposal = proposal_in(smederij, ProposalStatus.IN_PROGRESS)
            grant(proposal, "100.00", official, paid="50.00")

    funded(1)
    one = queries()
    funded(19)
    twenty = queries()

    assert one == twenty
    with django_assert_max_num_queries(one):
        client.get(page(smederij))


@pytest.mark.parametrize(
    ("role", "linked"),
    [
        ("visitor", False),
        ("resident", True),
        ("other_resident", False),
        ("initiatiefgroep_member", True),
        ("professional", True),
        ("other_professional", False),
        ("gebiedsregisseur", True),
        ("stuurgroep_member", True),
    ],
)
def test_the_page_links_to_the_proposals_for_those_who_may_see_them(
    client, smederij, other_smederij, role, linked
):
    login(client, role, smederij, other_smederij)
    address = reverse("projecten:smederij-proposals", kwargs={"slug": smederij.slug})
    assert (address in client.get(page(smederij)).content.decode()) is linked
