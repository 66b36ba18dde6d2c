"""The initiatiefgroep and group pages: each view with the role matrix, forms, emails, queries."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from projecten.models import ProposalStatus
from smederijen import tokens
from smederijen.models import (
    GroupInvitation,
    GroupMembership,
    InitiatiefgroepJoinRequest,
    InitiatiefgroepMembership,
    RequestStatus,
)
from tests import factories
from tests.smederijen.views.conftest import ROLES

pytestmark = pytest.mark.django_db

INVITATION_LINK = re.compile(r"/smederijen/groepen/uitnodiging/([^/\s\"]+)/")


def is_login_redirect(response):
    return response.status_code == 302 and response.url.startswith(reverse("login"))


# --- The initiatiefgroep's page -----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_initiatiefgroep_page_for_its_members_and_the_gebiedsregisseur(
    role, client_as, smederij, initiatiefgroep_member
):
    url = reverse("smederijen:initiatiefgroep", args=[smederij.slug])
    response = client_as(role).get(url)
    if role == "visitor":
        assert is_login_redirect(response)
    elif role in {"initiatiefgroep_member", "gebiedsregisseur"}:
        assert response.status_code == 200
        assert initiatiefgroep_member.display_name in response.content.decode()
    else:
        assert response.status_code == 403
        assert initiatiefgroep_member.display_name.encode() not in response.content


@pytest.mark.parametrize("rows", [1, 20])
def test_initiatiefgroep_page_queries_do_not_grow_with_members_and_requests(
    rows, client, smederij, gebiedsregisseur, django_assert_max_num_queries
):
    for _ in range(rows):
        factories.InitiatiefgroepMembershipFactory(smederij=smederij)
        InitiatiefgroepJoinRequest.objects.create(
            user=factories.ResidentFactory(home_area=smederij.area), smederij=smederij
        )
    client.force_login(gebiedsregisseur)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("smederijen:initiatiefgroep", args=[smederij.slug]))
    assert len(response.context["members"]) == rows
    assert len(response.context["join_requests"]) == rows


# --- Asking to join -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_join_form_only_for_verified_residents_of_the_area_not_yet_members(
    role, client_as, smederij
):
    url = reverse("smederijen:initiatiefgroep-join", args=[smederij.slug])
    response = client_as(role).get(url)
    if role == "visitor":
        assert is_login_redirect(response)
    elif role == "resident":
        assert response.status_code == 200
        assert b'name="motivation"' in response.content
    else:
        assert response.status_code == 403
        assert b'name="motivation"' not in response.content


def test_unverified_resident_is_told_to_confirm_first(client, smederij):
    client.force_login(factories.ResidentFactory(home_area=smederij.area, email_verified_at=None))
    response = client.get(reverse("smederijen:initiatiefgroep-join", args=[smederij.slug]))
    assert response.status_code == 403
    assert response.context["refusal"].code == "unverified"


def test_resident_asks_to_join_and_the_request_appears_for_the_members(
    client, resident, smederij, initiatiefgroep_member, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    url = reverse("smederijen:initiatiefgroep-join", args=[smederij.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"motivation": "Ik help graag."})
    assert response.status_code == 302
    assert mail.outbox[0].to == [initiatiefgroep_member.email]

    again = client.get(url)
    assert again.context["refusal"].code == "pending"

    client.force_login(initiatiefgroep_member)
    page = client.get(reverse("smederijen:initiatiefgroep", args=[smederij.slug]))
    assert "Ik help graag." in page.content.decode()


def test_join_post_by_a_resident_of_another_area_creates_nothing(client, smederij, other_smederij):
    client.force_login(factories.ResidentFactory(home_area=other_smederij.area))
    response = client.post(
        reverse("smederijen:initiatiefgroep-join", args=[smederij.slug]), {"motivation": "x"}
    )
    assert response.status_code == 403
    assert not InitiatiefgroepJoinRequest.objects.exists()


def test_join_page_of_an_unknown_smederij_is_404(client, resident):
    client.force_login(resident)
    url = reverse("smederijen:initiatiefgroep-join", args=["bestaat-niet"])
    assert client.get(url).status_code == 404


# --- Deciding on a request to join ------------------------------------------------------------


@pytest.fixture
def join_request(smederij):
    return InitiatiefgroepJoinRequest.objects.create(
        user=factories.ResidentFactory(home_area=smederij.area), smederij=smederij
    )


@pytest.mark.parametrize("role", ROLES)
def test_join_decision_by_members_and_gebiedsregisseur_only_others_get_404(
    role, client_as, smederij, join_request
):
    url = reverse("smederijen:initiatiefgroep-decide", args=[smederij.slug, join_request.pk])
    response = client_as(role).post(url, {"decision": "accept"})
    join_request.refresh_from_db()
    if role == "visitor":
        assert is_login_redirect(response)
        assert join_request.status == RequestStatus.PENDING
    elif role in {"initiatiefgroep_member", "gebiedsregisseur"}:
        assert response.status_code == 302
        assert join_request.status == RequestStatus.ACCEPTED
        assert InitiatiefgroepMembership.objects.filter(
            user=join_request.user, smederij=smederij
        ).exists()
    else:
        assert response.status_code == 404
        assert join_request.status == RequestStatus.PENDING


def test_join_decision_emails_the_resident(
    client, gebiedsregisseur, smederij, join_request, django_capture_on_commit_callbacks
):
    client.force_login(gebiedsregisseur)
    url = reverse("smederijen:initiatiefgroep-decide", args=[smederij.slug, join_request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "decline"})
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.DECLINED
    assert mail.outbox[0].to == [join_request.user.email]


# --- Registering a group --------------------------------------------------------------------

GROUP_CREATE = reverse("smederijen:group-create")
MY_GROUPS = reverse("smederijen:my-groups")


@pytest.mark.parametrize("role", ROLES)
def test_group_form_for_verified_residents(role, client_as):
    response = client_as(role).get(GROUP_CREATE)
    if role == "visitor":
        assert is_login_redirect(response)
    elif role in {"resident", "other_resident", "initiatiefgroep_member"}:
        assert response.status_code == 200
        assert b'name="kind"' in response.content
    else:
        assert response.status_code == 403
        assert b'name="kind"' not in response.content


def test_resident_registers_a_group_and_lands_on_its_page(client, resident, smederij):
    client.force_login(resident)
    response = client.post(
        GROUP_CREATE, {"name": "Dorpshuis De Kern", "kind": "dorpshuis", "description": ""}
    )
    membership = GroupMembership.objects.get(user=resident)
    assert response.status_code == 302 and response.url == membership.group.get_absolute_url()
    assert membership.is_contact and membership.group.area == smederij.area


def test_group_form_errors_keep_what_was_typed(client, resident):
    client.force_login(resident)
    response = client.post(GROUP_CREATE, {"name": "", "kind": "geen", "description": "Wij"})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("name", "required") and form.has_error("kind", "invalid_choice")
    assert form["description"].value() == "Wij"


def test_group_with_a_name_taken_in_the_area_is_refused_beside_the_name(client, resident, smederij):
    factories.GroupFactory(area=smederij.area, name="De Kern")
    client.force_login(resident)
    response = client.post(GROUP_CREATE, {"name": "de kern", "kind": "club"})
    assert response.status_code == 400
    assert response.context["form"].has_error("name", "name_taken")


# --- My groups --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_my_groups_for_every_logged_in_role(role, client_as):
    response = client_as(role).get(MY_GROUPS)
    if role == "visitor":
        assert is_login_redirect(response)
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_my_groups_queries_do_not_grow_with_groups(
    rows, client, resident, smederij, django_assert_max_num_queries
):
    for _ in range(rows):
        group = factories.GroupFactory(area=smederij.area)
        factories.GroupMembershipFactory(group=group, user=resident, is_contact=True)
        factories.GroupFactory(area=smederij.area)
    client.force_login(resident)
    with django_assert_max_num_queries(9):
        response = client.get(MY_GROUPS)
    assert len(response.context["groups"]) == rows
    assert len(response.context["area_groups"]) == rows


# --- A group's page ---------------------------------------------------------------------------


@pytest.fixture
def group(smederij):
    group = factories.GroupFactory(area=smederij.area, name="Jeu de boules club")
    factories.GroupMembershipFactory(
        group=group, user=factories.ResidentFactory(home_area=smederij.area), is_contact=True
    )
    return group


# Who sees a group of `smederij`'s area: its residents, its wijkteam, its members.
SEES_GROUP = {"resident", "initiatiefgroep_member", "professional", "gebiedsregisseur"}


@pytest.mark.parametrize("role", ROLES)
def test_group_page_for_the_area_its_wijkteam_and_members_others_get_404(role, client_as, group):
    response = client_as(role).get(group.get_absolute_url())
    if role == "visitor":
        assert is_login_redirect(response)
    elif role in SEES_GROUP:
        assert response.status_code == 200
        assert group.memberships.get().user.display_name in response.content.decode()
    else:
        assert response.status_code == 404
        assert group.name.encode() not in response.content


def test_member_who_moved_away_still_sees_the_group(client, group, other_smederij):
    moved = factories.ResidentFactory(home_area=other_smederij.area)
    factories.GroupMembershipFactory(group=group, user=moved)
    client.force_login(moved)
    assert client.get(group.get_absolute_url()).status_code == 200


def test_group_page_lists_only_the_proposals_the_viewer_may_see(client, group, smederij, resident):
    submitted = factories.ProposalFactory(
        smederij=smederij,
        group=group,
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
        title="Baan aanleggen",
    )
    draft = factories.ProposalFactory(
        smederij=smederij, group=group, status=ProposalStatus.DRAFT, title="Nog geheim"
    )
    client.force_login(resident)
    response = client.get(group.get_absolute_url())
    assert response.context["proposals"] == [submitted]
    assert draft.title.encode() not in response.content

    client.force_login(draft.submitter)
    titles = {p.title for p in client.get(group.get_absolute_url()).context["proposals"]}
    assert titles == {submitted.title, draft.title}


@pytest.mark.parametrize("rows", [1, 20])
def test_group_page_queries_do_not_grow_with_members_and_proposals(
    rows, client, group, smederij, resident, django_assert_max_num_queries
):
    for _ in range(rows):
        factories.GroupMembershipFactory(
            group=group, user=factories.ResidentFactory(home_area=smederij.area)
        )
        factories.ProposalFactory(
            smederij=smederij,
            group=group,
            status=ProposalStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
    client.force_login(resident)
    with django_assert_max_num_queries(10):
        response = client.get(group.get_absolute_url())
    assert len(response.context["members"]) == rows + 1
    assert len(response.context["proposals"]) == rows


# --- Inviting -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_invite_page_only_for_contacts(role, client_as, group):
    url = reverse("smederijen:group-invite", args=[group.slug])
    response = client_as(role).get(url)
    if role == "visitor":
        assert is_login_redirect(response)
    elif role in SEES_GROUP:
        assert response.status_code == 403
    else:
        assert response.status_code == 404


def test_contact_invites_and_the_neighbour_joins_through_the_emailed_link(
    client, group, smederij, django_capture_on_commit_callbacks
):
    contact = group.memberships.get().user
    client.force_login(contact)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("smederijen:group-invite", args=[group.slug]), {"email": "buur@example.org"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["buur@example.org"]
    token = INVITATION_LINK.search(mail.outbox[0].body).group(1)
    url = reverse("smederijen:group-invitation", args=[token])

    client.logout()
    assert is_login_redirect(client.get(url))

    neighbour = factories.ResidentFactory(home_area=smederij.area)
    client.force_login(neighbour)
    page = client.get(url)
    assert page.status_code == 200 and group.name in page.content.decode()
    joined = client.post(url)
    assert joined.status_code == 302 and joined.url == group.get_absolute_url()
    assert group.memberships.filter(user=neighbour, is_contact=False).exists()


def test_invite_form_refuses_a_bad_address_and_keeps_it(client, group):
    client.force_login(group.memberships.get().user)
    response = client.post(
        reverse("smederijen:group-invite", args=[group.slug]), {"email": "geen adres"}
    )
    assert response.status_code == 400
    assert response.context["form"]["email"].value() == "geen adres"
    assert not GroupInvitation.objects.exists()


def test_invite_form_refuses_an_address_longer_than_its_column(client, group):
    client.force_login(group.memberships.get().user)
    address = "a" * 300 + "@example.org"  # 312 characters; the column holds 254
    response = client.post(
        reverse("smederijen:group-invite", args=[group.slug]), {"email": address}
    )
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert not GroupInvitation.objects.exists()


@pytest.fixture
def invitation_url(group):
    invitation = GroupInvitation.objects.create(
        group=group, email="buur@example.org", invited_by=group.memberships.get().user
    )
    token = tokens.group_invitation_token(invitation_id=invitation.pk, email=invitation.email)
    return reverse("smederijen:group-invitation", args=[token])


@pytest.mark.parametrize("role", ROLES)
def test_invitation_link_joins_residents_of_the_area_only(role, client_as, group, invitation_url):
    client = client_as(role)
    response = client.post(invitation_url)
    user = None if role == "visitor" else client.session.get("_auth_user_id")
    if role == "visitor":
        assert is_login_redirect(response)
    elif role in {"resident", "initiatiefgroep_member"}:
        assert response.status_code == 302
        assert group.memberships.filter(user_id=user).exists()
    else:
        assert response.status_code == 403
        assert not group.memberships.filter(user_id=user).exists()


def test_expired_invitation_shows_a_clear_page(client, resident, invitation_url):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        client.force_login(resident)
        response = client.get(invitation_url)
        assert client.post(invitation_url).status_code == 400
    assert response.status_code == 400
    assert b'data-reason="expired"' in response.content


def test_tampered_invitation_shows_a_clear_page(client, resident, invitation_url):
    client.force_login(resident)
    response = client.get(invitation_url.replace("/uitnodiging/", "/uitnodiging/x"))
    assert response.status_code == 400
    assert b'data-reason="invalid"' in response.content
