"""The Smederij's proposals: who may see the list, what it holds, its filters and its pages."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projecten.models import Comment, Klap, ProposalStatus, Support, Theme
from tests import factories
from tests.projecten.roles import login

pytestmark = pytest.mark.django_db


def handed_in(smederij, **kwargs):
    kwargs.setdefault("status", ProposalStatus.SUBMITTED)
    kwargs.setdefault("year", 2013)
    return factories.ProposalFactory(smederij=smederij, submitted_at=timezone.now(), **kwargs)


def url(smederij, **query):
    address = reverse("projecten:smederij-proposals", kwargs={"slug": smederij.slug})
    if query:
        address += "?" + urlencode(query)
    return address


def titles(response) -> set[str]:
    return {proposal.title for proposal in response.context["proposals"]}


# --- who may see the list ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 302),
        ("resident", 200),
        ("other_resident", 404),
        ("initiatiefgroep_member", 200),
        ("professional", 200),
        ("other_professional", 404),
        ("gebiedsregisseur", 200),
        ("stuurgroep_member", 200),
    ],
)
def test_who_sees_the_smederijs_proposals(client, smederij, other_smederij, role, status):
    proposal = handed_in(smederij, title="Speeltuin aan de Vaart")
    login(client, role, smederij, other_smederij)

    response = client.get(url(smederij))

    assert response.status_code == status
    if status == 200:
        assert titles(response) == {proposal.title}
    else:
        assert b"Speeltuin aan de Vaart" not in response.content
    if role == "visitor":
        assert reverse("login") in response["Location"]


def test_unknown_smederij_is_not_found(client, resident):
    client.force_login(resident)
    response = client.get(reverse("projecten:smederij-proposals", kwargs={"slug": "bestaat-niet"}))
    assert response.status_code == 404


def test_list_holds_only_handed_in_proposals_of_this_smederij(
    client, resident, smederij, other_smederij
):
    shown = handed_in(smederij)
    funded = handed_in(smederij, status=ProposalStatus.APPROVED)
    factories.ProposalFactory(smederij=smederij)  # a neighbour's draft
    handed_in(smederij, status=ProposalStatus.WITHDRAWN)
    handed_in(other_smederij)
    client.force_login(resident)

    response = client.get(url(smederij))

    assert titles(response) == {shown.title, funded.title}
    assert response.context["result_count"] == 2


def test_own_draft_is_not_in_the_smederijs_list(client, resident, smederij):
    factories.ProposalFactory(smederij=smederij, submitter=resident, title="Mijn concept")
    client.force_login(resident)
    assert titles(client.get(url(smederij))) == set()


# --- filters ----------------------------------------------------------------------------


@pytest.fixture
def mix(smederij):
    return {
        "korte": handed_in(smederij, title="Bankje", klap=Klap.KORTE, theme=Theme.GROEN),
        "lange": handed_in(
            smederij,
            title="Buurtrestaurant",
            klap=Klap.LANGE,
            theme=Theme.EENZAAMHEID,
            status=ProposalStatus.IN_REVIEW,
            year=2014,
            description="Samen eten tegen eenzaamheid",
        ),
        "approved": handed_in(
            smederij,
            title="Jeu de boules",
            theme=Theme.SPELEN_SPORT,
            status=ProposalStatus.APPROVED,
            summary="Een baan voor jong en oud",
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "in_review"}, {"Buurtrestaurant"}),
        ({"status": "approved"}, {"Jeu de boules"}),
        ({"klap": "lange"}, {"Buurtrestaurant"}),
        ({"klap": "korte"}, {"Bankje", "Jeu de boules"}),
        ({"theme": "groen"}, {"Bankje"}),
        ({"year": "2014"}, {"Buurtrestaurant"}),
        ({"year": "2013", "klap": "korte", "theme": "groen"}, {"Bankje"}),
        ({"q": "bankje"}, {"Bankje"}),
        ({"q": "JONG EN OUD"}, {"Jeu de boules"}),
        ({"q": "eenzaamheid"}, {"Buurtrestaurant"}),
        ({"q": ""}, {"Bankje", "Buurtrestaurant", "Jeu de boules"}),
    ],
)
def test_filters_narrow_the_list(client, resident, smederij, mix, query, expected):
    client.force_login(resident)
    response = client.get(url(smederij, **query))
    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["result_count"] == len(expected)


def test_year_filter_offers_the_years_that_hold_proposals(client, resident, smederij, mix):
    client.force_login(resident)
    response = client.get(url(smederij))
    choices = [value for value, _label in response.context["filter"].form.fields["year"].choices]
    assert choices == ["", "2014", "2013"]


@pytest.mark.parametrize("query", [{"status": "draft"}, {"klap": "middel"}, {"year": "1999"}])
def test_a_value_that_is_no_choice_shows_an_error_and_no_proposals(
    client, resident, smederij, mix, query
):
    client.force_login(resident)
    response = client.get(url(smederij, **query))
    assert response.status_code == 200
    assert titles(response) == set()
    assert set(response.context["filter"].form.errors) == set(query)
    assert b"hoogeveen-error-summary" in response.content


def test_the_filter_form_keeps_what_was_chosen(client, resident, smederij, mix):
    client.force_login(resident)
    response = client.get(url(smederij, q="bank", klap="korte"))
    html = response.content.decode()
    assert 'value="bank"' in html
    assert '<option value="korte" selected>' in html


# --- pages and queries ------------------------------------------------------------------


def test_twenty_proposals_a_page(client, resident, smederij):
    for _ in range(25):
        handed_in(smederij)
    client.force_login(resident)

    first = client.get(url(smederij))
    second = client.get(url(smederij, page=2))

    assert len(first.context["proposals"]) == 20
    assert len(second.context["proposals"]) == 5
    assert first.context["result_count"] == 25
    assert 'rel="next" href="?page=2"' in first.content.decode()


def test_pages_keep_the_filters(client, resident, smederij):
    for _ in range(21):
        handed_in(smederij, klap=Klap.LANGE)
    client.force_login(resident)
    response = client.get(url(smederij, klap="lange"))
    assert "?klap=lange&amp;page=2" in response.content.decode()


def with_parts(proposal, smederij):
    neighbour = factories.ResidentFactory(home_area=smederij.area)
    Support.objects.create(proposal=proposal, user=neighbour)
    Comment.objects.create(proposal=proposal, author=neighbour, body="Goed idee")
    factories.BudgetLineFactory(proposal=proposal)


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_list_issues_a_fixed_number_of_queries(
    client, resident, smederij, django_assert_max_num_queries
):
    client.force_login(resident)
    with_parts(handed_in(smederij), smederij)
    one = _queries(client, url(smederij))
    for _ in range(24):
        with_parts(handed_in(smederij), smederij)
    many = _queries(client, url(smederij))

    assert one == many
    with django_assert_max_num_queries(one):
        client.get(url(smederij, q="idee", klap="korte"))
