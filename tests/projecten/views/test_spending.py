"""Where the money went (/besteed/): public, per year and per Smederij; every funded project
with what the records say it was granted and paid, never a proposal that was not funded,
no personal data beyond the name it was handed in under, photos only with consent, and a
fixed number of queries (docs/decisions/0034)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from budget import services
from budget.models import Klap
from projecten.models import Attachment
from projecten.workflow import ProposalStatus as S
from tests import factories

pytestmark = pytest.mark.django_db

YEAR = 2013


@pytest.fixture
def actor(db):
    return factories.UserFactory()


@pytest.fixture
def budget_year(db):
    return services.budget_year_open(
        year=YEAR,
        total=Decimal("300000.00"),
        korte_klap_pot=Decimal("180000.00"),
        lange_klap_pot=Decimal("120000.00"),
    )


@pytest.fixture
def krakeel(budget_year, actor):
    smederij = factories.SmederijFactory(area__name="Krakeel", area__slug="krakeel")
    services.shares_set(
        budget_year=budget_year, amounts={smederij: Decimal("7500.00")}, actor=actor, reason="x"
    )
    return smederij


@pytest.fixture
def funded(actor, krakeel):
    """Make a proposal with a grant of the year, then put it in `status`."""

    def make(status=S.IN_PROGRESS, amount="1000.00", klap=Klap.KORTE, smederij=None, **extra):
        proposal = factories.ProposalFactory(
            smederij=smederij or krakeel,
            klap=klap,
            status=S.DECIDING,
            submitted_at=timezone.now(),
            year=YEAR,
            amount_requested=Decimal(amount),
            **extra,
        )
        grant = services.grant_create(
            proposal=proposal,
            budget_year=YEAR,
            klap=klap,
            smederij=proposal.smederij,
            amount=Decimal(amount),
            actor=actor,
        )
        proposal.status = status
        proposal.save(update_fields=["status"])
        return proposal, grant

    return make


def photo(proposal, *, consent=True, kind="photo", name="foto.png"):
    return Attachment.objects.create(
        proposal=proposal,
        kind=kind,
        file=ContentFile(b"\x89PNG\r\n", name=name),
        original_name=name,
        content_type="image/png",
        size=6,
        uploaded_by=proposal.submitter,
        publish_consent=consent,
    )


def year_url(year=YEAR):
    return reverse("spending:year", kwargs={"year": year})


def smederij_url(smederij, year=YEAR):
    return reverse("spending:smederij", kwargs={"year": year, "slug": smederij.slug})


def test_latest_opens_the_newest_year_up_to_now(client, budget_year):
    services.budget_year_open(
        year=timezone.localdate().year + 1,
        total=Decimal("1.00"),
        korte_klap_pot=Decimal("1.00"),
        lange_klap_pot=Decimal("0.00"),
    )
    response = client.get(reverse("spending:latest"))
    assert response.status_code == 302
    assert response.url == year_url(YEAR)


def test_latest_without_any_year_says_so(client, db):
    assert client.get(reverse("spending:latest")).status_code == 200


def test_visitor_sees_each_project_with_what_the_records_say(client, funded, actor, krakeel):
    proposal, grant = funded(amount="1000.00")
    services.grant_release(grant=grant, amount=Decimal("200.00"), actor=actor, reason="minder")
    services.payment_create(grant=grant, amount=Decimal("500.00"), actor=actor)
    services.refund_create(grant=grant, amount=Decimal("100.00"), actor=actor, reason="over")
    page = client.get(smederij_url(krakeel))
    assert page.status_code == 200
    (row,) = page.context["page_obj"].object_list
    assert (row.proposal, row.committed, row.spent) == (
        proposal,
        Decimal("800.00"),
        Decimal("400.00"),
    )
    share = page.context["share"].balance
    assert (share.pot, share.committed, share.spent, share.free) == (
        Decimal("7500.00"),
        Decimal("800.00"),
        Decimal("400.00"),
        Decimal("6700.00"),
    )
    html = page.content.decode()
    assert proposal.title in html and "800,00" in html and "400,00" in html


def test_year_totals_equal_the_sum_of_the_records(client, funded, actor, krakeel, budget_year):
    _korte, korte_grant = funded(amount="1000.00")
    _lange, lange_grant = funded(amount="20000.00", klap=Klap.LANGE)
    services.payment_create(grant=korte_grant, amount=Decimal("300.00"), actor=actor)
    services.payment_create(grant=lange_grant, amount=Decimal("5000.00"), actor=actor)
    spending = client.get(year_url()).context["spending"]
    assert (spending.korte.pot, spending.korte.committed, spending.korte.spent) == (
        Decimal("180000.00"),
        Decimal("1000.00"),
        Decimal("300.00"),
    )
    assert spending.korte.free == Decimal("179000.00")
    assert (spending.lange.committed, spending.lange.spent, spending.lange.free) == (
        Decimal("20000.00"),
        Decimal("5000.00"),
        Decimal("100000.00"),
    )
    assert (spending.whole.pot, spending.whole.committed, spending.whole.spent) == (
        Decimal("300000.00"),
        Decimal("21000.00"),
        Decimal("5300.00"),
    )
    (row,) = spending.smederijen
    assert (row.smederij, row.projects) == (krakeel, 2)


def test_year_page_lists_the_lange_klap_projects(client, funded):
    funded()
    lange, _ = funded(klap=Klap.LANGE, amount="20000.00")
    rows = client.get(year_url()).context["page_obj"].object_list
    assert [grant.proposal for grant in rows] == [lange]


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.REJECTED, S.DEFERRED, S.WITHDRAWN])
def test_a_proposal_that_is_not_funded_never_shows(client, funded, krakeel, status):
    hidden, _ = funded(status=status, title="Geheim plan", klap=Klap.LANGE)
    photo(hidden)
    for url in (smederij_url(krakeel), year_url()):
        page = client.get(url)
        assert "Geheim plan" not in page.content.decode()
        assert page.context["page_obj"].object_list == [] or all(
            g.proposal != hidden for g in page.context["page_obj"].object_list
        )


def test_a_stopped_project_counts_in_one_line_without_its_title(client, funded, actor, krakeel):
    stopped, grant = funded(amount="1000.00", title="Gestopt feest")
    services.payment_create(grant=grant, amount=Decimal("250.00"), actor=actor)
    services.grant_release(grant=grant, actor=actor, reason="gestopt")
    stopped.status = S.CANCELLED
    stopped.save(update_fields=["status"])
    page = client.get(smederij_url(krakeel))
    html = page.content.decode()
    assert "Gestopt feest" not in html
    assert (page.context["stopped"].count, page.context["stopped"].paid) == (1, Decimal("250.00"))
    assert "data-stopped" in html


def test_no_personal_data_only_the_name_it_was_handed_in_under(client, funded, krakeel):
    proposal, _ = funded(description="Bel mij op 06-12345678")
    html = client.get(smederij_url(krakeel)).content.decode()
    assert proposal.submitter.display_name in html
    assert proposal.submitter.email not in html
    assert "06-12345678" not in html


def test_a_group_proposal_shows_the_group_not_the_person(client, funded, krakeel):
    group = factories.GroupFactory(area=krakeel.area, name="Buurtvereniging Krakeel")
    proposal, _ = funded(group=group)
    html = client.get(smederij_url(krakeel)).content.decode()
    assert "Buurtvereniging Krakeel" in html
    assert proposal.submitter.display_name not in html


def test_only_photos_with_consent_show(client, funded, krakeel):
    proposal, _ = funded()
    shown = photo(proposal, consent=True)
    without = photo(proposal, consent=False)
    receipt = photo(proposal, consent=True, kind="receipt")
    html = client.get(smederij_url(krakeel)).content.decode()
    download = "projecten:attachment-download"
    assert reverse(download, kwargs={"pk": shown.pk}) in html
    assert reverse(download, kwargs={"pk": without.pk}) not in html
    assert reverse(download, kwargs={"pk": receipt.pk}) not in html


def test_unknown_year_or_smederij_is_not_found(client, krakeel):
    assert client.get(year_url(1999)).status_code == 404
    assert client.get(smederij_url(krakeel, 1999)).status_code == 404
    krakeel.is_active = False
    krakeel.save(update_fields=["is_active"])
    assert client.get(smederij_url(krakeel)).status_code == 404


@pytest.mark.parametrize("projects", [1, 30])
def test_pages_cost_the_same_queries_whatever_the_number_of_projects(
    client, funded, krakeel, django_assert_max_num_queries, projects
):
    for _n in range(projects):
        korte, _ = funded(amount="100.00")
        lange, _ = funded(amount="100.00", klap=Klap.LANGE)
        photo(korte)
        photo(lange)
    for url in (year_url(), smederij_url(krakeel), smederij_url(krakeel) + "?page=2"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_home_and_smederij_page_link_to_where_the_money_went(client, krakeel):
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("spending:latest")}"' in home
    this_year = timezone.localdate().year
    services.budget_year_open(
        year=this_year,
        total=Decimal("10.00"),
        korte_klap_pot=Decimal("10.00"),
        lange_klap_pot=Decimal("0.00"),
    )
    factories.SmederijShareFactory(
        budget_year=services.BudgetYear.objects.get(year=this_year),
        smederij=krakeel,
        amount=Decimal("10.00"),
    )
    page = client.get(krakeel.get_absolute_url()).content.decode()
    assert f'href="{smederij_url(krakeel, this_year)}"' in page


def test_accounting_status_shows_per_project(client, funded, krakeel):
    proposal, _ = funded(status=S.ACCOUNTED, end_date=datetime.date(2013, 9, 1))
    factories.AccountingFactory(proposal=proposal)
    page = client.get(smederij_url(krakeel))
    (row,) = page.context["page_obj"].object_list
    assert row.accounting_status == "submitted"
