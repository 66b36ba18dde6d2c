import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from smederijen import tokens
from smederijen.groups.selectors import initiatiefgroep_join_refusal
from smederijen.groups.services import (
    group_invitation_accept,
    group_invite,
    group_register,
    initiatiefgroep_join_request_create,
    initiatiefgroep_join_request_decide,
)
from smederijen.models import (
    GroupInvitation,
    GroupKind,
    GroupMembership,
    InitiatiefgroepJoinRequest,
    InitiatiefgroepMembership,
    RequestStatus,
)
from tests import factories

pytestmark = pytest.mark.django_db

INVITATION_LINK = re.compile(r"http://testserver/smederijen/groepen/uitnodiging/([^/\s\"]+)/")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


# --- Joining the initiatiefgroep ----------------------------------------------------------


def test_resident_asks_to_join_and_members_and_gebiedsregisseur_hear_of_it(
    resident, smederij, initiatiefgroep_member, gebiedsregisseur, professional,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        join_request = initiatiefgroep_join_request_create(
            actor=resident, smederij=smederij, motivation="Ik wil meedenken."
        )

    assert join_request.status == RequestStatus.PENDING
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {initiatiefgroep_member.email, gebiedsregisseur.email}
    assert f"http://testserver/smederijen/{smederij.slug}/initiatiefgroep/" in mail.outbox[0].body
    assert "Ik wil meedenken." in mail.outbox[0].body


def test_join_refused_for_a_resident_of_another_area(smederij, other_smederij):
    outsider = factories.ResidentFactory(home_area=other_smederij.area)
    with pytest.raises(PermissionDenied):
        initiatiefgroep_join_request_create(actor=outsider, smederij=smederij)
    assert not InitiatiefgroepJoinRequest.objects.exists()


def test_join_refused_for_an_unverified_account(smederij):
    unverified = factories.ResidentFactory(home_area=smederij.area, email_verified_at=None)
    with pytest.raises(PermissionDenied):
        initiatiefgroep_join_request_create(actor=unverified, smederij=smederij)


def test_join_refused_for_a_member(initiatiefgroep_member, smederij):
    # The permission and the service read one rule (initiatiefgroep_join_refusal): a member
    # may not ask, as the account page never offered it.
    with pytest.raises(PermissionDenied):
        initiatiefgroep_join_request_create(actor=initiatiefgroep_member, smederij=smederij)
    assert initiatiefgroep_join_refusal(user=initiatiefgroep_member, smederij=smederij).code == (
        "member"
    )


def test_join_refused_while_a_request_is_pending(resident, smederij):
    initiatiefgroep_join_request_create(actor=resident, smederij=smederij)
    with pytest.raises(ValidationError) as error:
        initiatiefgroep_join_request_create(actor=resident, smederij=smederij)
    assert error.value.code == "pending"
    assert InitiatiefgroepJoinRequest.objects.count() == 1


@pytest.fixture
def join_request(resident, smederij):
    return initiatiefgroep_join_request_create(actor=resident, smederij=smederij)


@pytest.mark.parametrize("decider", ["initiatiefgroep_member", "gebiedsregisseur"])
def test_member_or_gebiedsregisseur_accepts_and_the_resident_becomes_a_member(
    join_request, decider, request, resident, smederij, django_capture_on_commit_callbacks
):
    actor = request.getfixturevalue(decider)
    with django_capture_on_commit_callbacks(execute=True):
        decided = initiatiefgroep_join_request_decide(
            actor=actor, join_request=join_request, accept=True
        )

    assert decided.status == RequestStatus.ACCEPTED
    assert decided.decided_by == actor and decided.decided_at is not None
    assert InitiatiefgroepMembership.objects.filter(user=resident, smederij=smederij).exists()
    assert mail.outbox[-1].to == [resident.email]
    assert f"/smederijen/{smederij.slug}/initiatiefgroep/" in mail.outbox[-1].body


def test_declined_request_makes_no_member_and_tells_the_resident(
    join_request, gebiedsregisseur, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        initiatiefgroep_join_request_decide(
            actor=gebiedsregisseur, join_request=join_request, accept=False
        )
    assert not InitiatiefgroepMembership.objects.filter(user=resident).exists()
    assert mail.outbox[-1].to == [resident.email]


@pytest.mark.parametrize("role", ["resident", "professional", "stuurgroep_member", "beheerder"])
def test_others_cannot_decide_a_join_request(join_request, role, request):
    with pytest.raises(PermissionDenied):
        initiatiefgroep_join_request_decide(
            actor=request.getfixturevalue(role), join_request=join_request, accept=True
        )


def test_member_of_another_initiatiefgroep_cannot_decide(join_request, other_smederij):
    other_member = factories.InitiatiefgroepMembershipFactory(smederij=other_smederij).user
    with pytest.raises(PermissionDenied):
        initiatiefgroep_join_request_decide(
            actor=other_member, join_request=join_request, accept=True
        )


def test_a_decided_join_request_cannot_be_decided_again(join_request, gebiedsregisseur):
    initiatiefgroep_join_request_decide(
        actor=gebiedsregisseur, join_request=join_request, accept=False
    )
    with pytest.raises(ValidationError) as error:
        initiatiefgroep_join_request_decide(
            actor=gebiedsregisseur, join_request=join_request, accept=True
        )
    assert error.value.code == "decided"


# --- Groups of the area -------------------------------------------------------------------


def test_resident_registers_a_group_of_their_area_and_becomes_its_contact(resident, smederij):
    group = group_register(
        actor=resident, name="Buurtvereniging Het Haagje", kind=GroupKind.BUURTVERENIGING
    )
    assert group.area == smederij.area
    assert group.slug == "buurtvereniging-het-haagje"
    membership = GroupMembership.objects.get(group=group)
    assert (membership.user, membership.is_contact) == (resident, True)


def test_group_slug_avoids_the_words_of_the_group_urls(resident):
    assert group_register(actor=resident, name="Nieuw", kind=GroupKind.CLUB).slug == "nieuw-groep"


def test_group_register_refused_for_an_unverified_account(smederij):
    unverified = factories.ResidentFactory(home_area=smederij.area, email_verified_at=None)
    with pytest.raises(PermissionDenied):
        group_register(actor=unverified, name="Club", kind=GroupKind.CLUB)


def test_group_register_refused_without_a_home_area(db):
    with pytest.raises(PermissionDenied):
        group_register(actor=factories.UserFactory(), name="Club", kind=GroupKind.CLUB)


def test_group_register_refused_for_a_name_taken_in_the_area(resident):
    group_register(actor=resident, name="De Schakel", kind=GroupKind.DORPSHUIS)
    with pytest.raises(ValidationError) as error:
        group_register(actor=resident, name="de schakel", kind=GroupKind.CLUB)
    assert error.value.error_dict["name"][0].code == "name_taken"


@pytest.fixture
def group(resident):
    return group_register(actor=resident, name="Speeltuin Krakeel", kind=GroupKind.OTHER)


def test_contact_invites_by_email_with_a_signed_link_that_lets_a_neighbour_join(
    group, resident, smederij, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = group_invite(actor=resident, group=group, email="Buur@Example.org")

    assert invitation.email == "buur@example.org"
    assert mail.outbox[0].to == ["buur@example.org"]
    token = INVITATION_LINK.search(mail.outbox[0].body).group(1)
    # Any account may use the link, whatever its address, if it lives in the area.
    neighbour = factories.ResidentFactory(home_area=smederij.area, email="ander@example.org")
    membership = group_invitation_accept(actor=neighbour, token=token)
    assert membership.group == group and not membership.is_contact
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_invitation_accept_refused_outside_the_groups_area(group, resident, other_smederij):
    group_invite(actor=resident, group=group, email="buur@example.org")
    token = tokens.group_invitation_token(
        invitation_id=GroupInvitation.objects.get().pk, email="buur@example.org"
    )
    with pytest.raises(PermissionDenied):
        group_invitation_accept(
            actor=factories.ResidentFactory(home_area=other_smederij.area), token=token
        )
    assert group.memberships.count() == 1


def test_invitation_link_works_once(group, resident, smederij):
    invitation = group_invite(actor=resident, group=group, email="buur@example.org")
    token = tokens.group_invitation_token(invitation_id=invitation.pk, email=invitation.email)
    group_invitation_accept(actor=factories.ResidentFactory(home_area=smederij.area), token=token)
    with pytest.raises(tokens.TokenInvalid):
        group_invitation_accept(
            actor=factories.ResidentFactory(home_area=smederij.area), token=token
        )


def test_invitation_link_expires_after_fourteen_days(group, resident, smederij):
    invitation = group_invite(actor=resident, group=group, email="buur@example.org")
    token = tokens.group_invitation_token(invitation_id=invitation.pk, email=invitation.email)
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=14, minutes=1)),
        pytest.raises(tokens.TokenExpired),
    ):
        group_invitation_accept(
            actor=factories.ResidentFactory(home_area=smederij.area), token=token
        )


def test_a_new_invitation_replaces_the_open_one(group, resident, smederij):
    first = group_invite(actor=resident, group=group, email="buur@example.org")
    old_token = tokens.group_invitation_token(invitation_id=first.pk, email=first.email)
    group_invite(actor=resident, group=group, email="BUUR@example.org")

    assert GroupInvitation.objects.count() == 1
    with pytest.raises(tokens.TokenInvalid):
        group_invitation_accept(
            actor=factories.ResidentFactory(home_area=smederij.area), token=old_token
        )


def test_invitation_accept_refused_for_a_member(group, resident):
    invitation = group_invite(actor=resident, group=group, email="buur@example.org")
    token = tokens.group_invitation_token(invitation_id=invitation.pk, email=invitation.email)
    with pytest.raises(ValidationError) as error:
        group_invitation_accept(actor=resident, token=token)
    assert error.value.code == "member"


def test_invite_refused_for_a_member_who_is_not_a_contact(group, smederij):
    member = factories.GroupMembershipFactory(
        group=group, user=factories.ResidentFactory(home_area=smederij.area)
    ).user
    with pytest.raises(PermissionDenied):
        group_invite(actor=member, group=group, email="buur@example.org")


@pytest.mark.parametrize("role", ["initiatiefgroep_member", "gebiedsregisseur", "professional"])
def test_invite_refused_for_non_members(group, role, request):
    with pytest.raises(PermissionDenied):
        group_invite(actor=request.getfixturevalue(role), group=group, email="buur@example.org")


def test_invite_refused_for_someone_in_the_group_already(group, resident):
    with pytest.raises(ValidationError) as error:
        group_invite(actor=resident, group=group, email=resident.email.upper())
    assert error.value.error_dict["email"][0].code == "member"
