"""Pages of the shared goods: the role matrix of each, registering, borrowing, deciding."""

# The fixtures imported from tests.projecten.after_funding are parameters of the tests.
# ruff: noqa: F811

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from projecten.models import BorrowRequest, SharedGood
from smederijen.models import RequestStatus
from tests import factories
from tests.projecten.after_funding import area_group, group_member, running  # noqa: F401 (fixtures)
from tests.projecten.roles import ROLES, login

pytestmark = pytest.mark.django_db

ALL_ROLES = (*ROLES, "submitter", "group_member", "group_member_living_elsewhere")


def login_as(client, role, request, smederij, other_smederij):
    if role in {"submitter", "group_member"}:
        user = request.getfixturevalue("resident" if role == "submitter" else role)
    elif role == "group_member_living_elsewhere":
        # Members of a group of the area may borrow, wherever they live themselves.
        user = factories.ResidentFactory(home_area=other_smederij.area)
        factories.GroupMembershipFactory(group=request.getfixturevalue("area_group"), user=user)
    else:
        return login(client, role, smederij, other_smederij)
    client.force_login(user)
    return user


def expected(allowed: set[str], elsewhere: int = 403) -> dict[str, int]:
    """Visitors go to the login page; the "other_" roles get `elsewhere` (404: nothing leaks)."""

    def status(role):
        if role == "visitor":
            return 302
        if role in allowed:
            return 200
        return elsewhere if role.startswith("other_") else 403

    return {role: status(role) for role in ALL_ROLES}


@pytest.fixture
def good(running, resident, smederij):
    return factories.SharedGoodFactory(smederij=smederij, proposal=running, registered_by=resident)


@pytest.fixture
def borrow(good, group_member, area_group):
    return factories.BorrowRequestFactory(good=good, requested_by=group_member, group=area_group)


# --- the role matrices ---------------------------------------------------------------------------

SEE_THE_LIST = {
    "resident",
    "submitter",
    "initiatiefgroep_member",
    "professional",
    "gebiedsregisseur",
    "stuurgroep_member",
    "group_member",
    "group_member_living_elsewhere",
}


@pytest.mark.parametrize(("role", "status"), expected(SEE_THE_LIST).items())
def test_list_by_role(client, request, good, smederij, other_smederij, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:shared-good-list", args=[smederij.slug]))
    assert response.status_code == status
    assert (good.name.encode() in response.content) == (status == 200)


@pytest.mark.parametrize(("role", "status"), expected({"submitter", "gebiedsregisseur"}).items())
def test_register_form_by_role(client, request, running, smederij, other_smederij, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:shared-good-create", args=[running.pk]))
    assert response.status_code == status


BORROWERS = {"group_member", "group_member_living_elsewhere"}


@pytest.mark.parametrize(("role", "status"), expected(BORROWERS, elsewhere=404).items())
def test_borrow_form_by_role(client, request, good, smederij, other_smederij, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:borrow-request-create", args=[good.pk]))
    assert response.status_code == status
    if status == 404:
        assert good.name.encode() not in response.content


@pytest.mark.parametrize(
    ("role", "status"),
    {
        role: 302 if role in {"visitor", "submitter", "gebiedsregisseur"} else status
        for role, status in expected(set(), elsewhere=404).items()
    }.items(),
)
def test_deciding_by_role(client, request, borrow, smederij, other_smederij, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.post(
        reverse("projecten:borrow-request-decide", args=[borrow.pk]), {"decision": "accept"}
    )
    assert response.status_code == status
    borrow.refresh_from_db()
    decided = role in {"submitter", "gebiedsregisseur"}
    assert borrow.status == (RequestStatus.ACCEPTED if decided else RequestStatus.PENDING)


# --- what the pages do -----------------------------------------------------------------------------


def test_submitter_registers_a_shared_good(client, resident, running, smederij):
    client.force_login(resident)
    response = client.post(
        reverse("projecten:shared-good-create", args=[running.pk]),
        {"name": "Geluidsinstallatie", "description": "", "keeper": "Buurthuis De Schakel"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("projecten:shared-good-list", args=[smederij.slug])
    assert SharedGood.objects.get().proposal == running


def test_register_form_without_keeper_keeps_what_was_typed(client, resident, running):
    client.force_login(resident)
    response = client.post(
        reverse("projecten:shared-good-create", args=[running.pk]),
        {"name": "Geluidsinstallatie", "keeper": ""},
    )
    assert response.status_code == 400
    assert "keeper" in response.context["form"].errors
    assert b"Geluidsinstallatie" in response.content


def test_group_member_asks_to_borrow(
    client, group_member, area_group, good, resident, django_capture_on_commit_callbacks
):
    client.force_login(group_member)
    start = timezone.localdate() + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("projecten:borrow-request-create", args=[good.pk]),
            {
                "group": area_group.pk,
                "from_date": start.isoformat(),
                "until_date": (start + datetime.timedelta(days=1)).isoformat(),
                "message": "Voor de braderie.",
            },
        )
    assert response.status_code == 302
    assert BorrowRequest.objects.get().group == area_group
    assert resident.email in mail.outbox[0].to


def test_borrowing_in_the_past_is_refused_beside_the_field(client, group_member, area_group, good):
    client.force_login(group_member)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse("projecten:borrow-request-create", args=[good.pk]),
        {"group": area_group.pk, "from_date": yesterday, "until_date": yesterday},
    )
    assert response.status_code == 400
    assert "from_date" in response.context["form"].errors
    assert not BorrowRequest.objects.exists()


def test_borrow_form_offers_only_own_groups_of_the_area(
    client, group_member, area_group, good, smederij, other_smederij
):
    elsewhere = factories.GroupFactory(area=other_smederij.area)
    factories.GroupMembershipFactory(group=elsewhere, user=group_member)
    factories.GroupFactory(area=smederij.area)  # of the area, but not theirs
    client.force_login(group_member)
    response = client.get(reverse("projecten:borrow-request-create", args=[good.pk]))
    assert list(response.context["form"].fields["group"].queryset) == [area_group]


def test_keeper_sees_pending_requests_and_others_do_not(
    client, resident, group_member, borrow, smederij
):
    url = reverse("projecten:shared-good-list", args=[smederij.slug])
    marker = f'data-borrow-request="{borrow.pk}"'.encode()
    client.force_login(resident)
    assert marker in client.get(url).content
    client.force_login(group_member)
    assert marker not in client.get(url).content


def test_declining_emails_the_requester(
    client, resident, group_member, borrow, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projecten:borrow-request-decide", args=[borrow.pk]), {"decision": "decline"}
        )
    borrow.refresh_from_db()
    assert borrow.status == RequestStatus.DECLINED
    assert mail.outbox[0].to == [group_member.email]


def test_deciding_needs_post(client, resident, borrow):
    client.force_login(resident)
    response = client.get(reverse("projecten:borrow-request-decide", args=[borrow.pk]))
    assert response.status_code == 405


# --- fixed number of queries ----------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 20])
def test_list_issues_a_fixed_number_of_queries(
    client, resident, running, smederij, area_group, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        good = factories.SharedGoodFactory(smederij=smederij, proposal=running)
        factories.BorrowRequestFactory(good=good, group=area_group)
        factories.BorrowRequestFactory(good=good, group=area_group)
    client.force_login(resident)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("projecten:shared-good-list", args=[smederij.slug]))
    assert len(response.context["goods"]) == rows
    assert response.content.count(b"data-borrow-request=") == 2 * rows
