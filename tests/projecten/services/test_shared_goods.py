"""Shared goods: registering what a project bought, asking to borrow it, lending it or not."""

# The fixtures imported from tests.projecten.after_funding are parameters of the tests.
# ruff: noqa: F811

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from projecten.errors import ProposalError
from projecten.models import BorrowRequest, ProposalStatus, SharedGood
from projecten.shared_goods.services import (
    borrow_request_create,
    borrow_request_decide,
    shared_good_register,
)
from smederijen.models import RequestStatus
from tests import factories
from tests.projecten.after_funding import area_group, group_member, running  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def register(proposal, actor, **overrides):
    arguments = {
        "proposal": proposal,
        "actor": actor,
        "name": "Aggregaat",
        "description": "5 kW, voor buitenfeesten.",
        "keeper": "Dorpshuis De Schalm",
        **overrides,
    }
    return shared_good_register(**arguments)


# --- registering --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["resident", "gebiedsregisseur"])
def test_submitter_or_gebiedsregisseur_registers_a_shared_good(running, request, role, smederij):
    good = register(running, request.getfixturevalue(role))
    assert (good.smederij, good.proposal, good.keeper) == (
        smederij,
        running,
        "Dorpshuis De Schalm",
    )


@pytest.mark.parametrize(
    "status", [ProposalStatus.APPROVED, ProposalStatus.ACCOUNTED, ProposalStatus.COMPLETED]
)
def test_any_funded_project_can_register(running, resident, status):
    running.status = status
    running.save()
    assert register(running, resident).pk


@pytest.mark.parametrize(
    "status", [ProposalStatus.SUBMITTED, ProposalStatus.REJECTED, ProposalStatus.CANCELLED]
)
def test_registering_refused_for_a_project_that_is_not_funded(running, resident, status):
    running.status = status
    running.save()
    with pytest.raises(PermissionDenied):
        register(running, resident)


@pytest.mark.parametrize("role", ["initiatiefgroep_member", "professional", "stuurgroep_member"])
def test_registering_refused_for_others(running, request, role):
    with pytest.raises(PermissionDenied):
        register(running, request.getfixturevalue(role))
    assert not SharedGood.objects.exists()


@pytest.mark.parametrize("field", ["name", "keeper"])
def test_registering_needs_a_name_and_a_keeper(running, resident, field):
    with pytest.raises(ValidationError) as error:
        register(running, resident, **{field: " "})
    assert field in error.value.message_dict


# --- asking to borrow ---------------------------------------------------------------------------


@pytest.fixture
def good(running, resident):
    return register(running, resident)


def ask(good, actor, group, **overrides):
    today = timezone.localdate()
    arguments = {
        "good": good,
        "actor": actor,
        "group": group,
        "from_date": today + datetime.timedelta(days=3),
        "until_date": today + datetime.timedelta(days=4),
        "message": "Voor het buurtfeest.",
        **overrides,
    }
    return borrow_request_create(**arguments)


def test_group_member_asks_to_borrow_and_the_keeper_side_is_emailed(
    good, group_member, area_group, resident, gebiedsregisseur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        borrow = ask(good, group_member, area_group)
    assert borrow.status == RequestStatus.PENDING
    assert (borrow.requested_by, borrow.group) == (group_member, area_group)
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([resident.email, gebiedsregisseur.email])
    assert area_group.name in message.subject
    assert "/gedeelde-spullen/" in message.body


def test_borrowing_a_single_day_from_today_is_allowed(good, group_member, area_group):
    today = timezone.localdate()
    assert ask(good, group_member, area_group, from_date=today, until_date=today).pk


def test_borrowing_refused_when_the_dates_are_not_in_order(good, group_member, area_group):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        ask(
            good,
            group_member,
            area_group,
            from_date=today + datetime.timedelta(days=5),
            until_date=today + datetime.timedelta(days=4),
        )
    assert "until_date" in error.value.message_dict
    assert not BorrowRequest.objects.exists()


def test_borrowing_refused_in_the_past(good, group_member, area_group):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        ask(good, group_member, area_group, from_date=yesterday)
    assert "from_date" in error.value.message_dict


def test_borrowing_refused_for_a_group_the_requester_is_not_in(good, group_member, smederij):
    other_group = factories.GroupFactory(area=smederij.area)
    with pytest.raises(ValidationError) as error:
        ask(good, group_member, other_group)
    assert "group" in error.value.message_dict


def test_borrowing_refused_for_a_group_of_another_area(good, group_member, other_smederij):
    elsewhere = factories.GroupFactory(area=other_smederij.area)
    factories.GroupMembershipFactory(group=elsewhere, user=group_member)
    with pytest.raises(ValidationError) as error:
        ask(good, group_member, elsewhere)
    assert "group" in error.value.message_dict


@pytest.mark.parametrize("role", ["resident", "professional", "gebiedsregisseur"])
def test_borrowing_refused_to_who_is_in_no_group_of_the_area(good, request, role, area_group):
    with pytest.raises(PermissionDenied):
        ask(good, request.getfixturevalue(role), area_group)


def test_member_of_a_group_elsewhere_cannot_borrow(good, other_smederij):
    elsewhere = factories.GroupFactory(area=other_smederij.area)
    member = factories.GroupMembershipFactory(group=elsewhere).user
    with pytest.raises(PermissionDenied):
        ask(good, member, elsewhere)


# --- deciding -----------------------------------------------------------------------------------


@pytest.fixture
def borrow(good, group_member, area_group):
    return ask(good, group_member, area_group)


@pytest.mark.parametrize(
    ("role", "accept", "status"),
    [
        ("resident", True, RequestStatus.ACCEPTED),
        ("gebiedsregisseur", False, RequestStatus.DECLINED),
    ],
)
def test_keeper_side_decides_and_the_requester_is_emailed(
    borrow, request, role, accept, status, group_member, django_capture_on_commit_callbacks
):
    actor = request.getfixturevalue(role)
    with django_capture_on_commit_callbacks(execute=True):
        borrow_request_decide(borrow_request=borrow, actor=actor, accept=accept)
    borrow.refresh_from_db()
    assert borrow.status == status
    assert (borrow.decided_by, borrow.decided_at is not None) == (actor, True)
    (message,) = mail.outbox
    assert message.to == [group_member.email]
    # In the requester's language (Dutch), whatever language the keeper's side acted in.
    assert ("geaccepteerd" if accept else "afgewezen") in message.body


@pytest.mark.parametrize("role", ["group_member", "professional", "initiatiefgroep_member"])
def test_others_cannot_decide(borrow, request, role):
    with pytest.raises(PermissionDenied):
        borrow_request_decide(
            borrow_request=borrow, actor=request.getfixturevalue(role), accept=True
        )
    borrow.refresh_from_db()
    assert borrow.status == RequestStatus.PENDING


def test_a_request_is_decided_once(borrow, resident):
    borrow_request_decide(borrow_request=borrow, actor=resident, accept=True)
    with pytest.raises(ProposalError):
        borrow_request_decide(borrow_request=borrow, actor=resident, accept=False)
    borrow.refresh_from_db()
    assert borrow.status == RequestStatus.ACCEPTED
