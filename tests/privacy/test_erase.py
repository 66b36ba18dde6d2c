"""A resident erases their account: personal data gone, the public record and the money kept
as "oud-bewoner", the verantwoording's files kept, ballots still secret, logged out everywhere."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.test import Client

from budget.models import Grant
from projecten.models import (
    Attachment,
    Ballot,
    BallotChoice,
    BallotVoter,
    Comment,
    Proposal,
    Support,
    VoteCast,
)
from smederijen.models import GroupMembership, InitiatiefgroepMembership
from smederijen.privacy.services import ERASED_NAME, user_erase
from tests import factories
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

URL = "/smederijen/account/verwijderen/"


def erase(client, user, password=TEST_PASSWORD, capture=None):
    client.force_login(user)
    return client.post(URL, {"password": password})


def test_the_confirmation_page_says_what_happens(client, world):
    client.force_login(world["jan"])
    page = client.get(URL).content.decode()
    assert "oud-bewoner" in page
    assert "zeven jaar" in page
    assert 'name="password"' in page


def test_a_wrong_password_erases_nothing(client, world):
    response = erase(client, world["jan"], password="niet-mijn-wachtwoord")
    assert response.status_code == 400
    assert "Dat is niet uw wachtwoord" in response.content.decode()
    jan = get_user_model().objects.get(pk=world["jan"].pk)
    assert jan.display_name == "Jan de Vries" and jan.is_active


@pytest.fixture
def erased(client, world, django_capture_on_commit_callbacks):
    other_browser = Client()
    other_browser.force_login(world["jan"])
    with django_capture_on_commit_callbacks(execute=True):
        response = erase(client, world["jan"])
    assert response.status_code == 302
    assert response["Location"] == "/smederijen/account/verwijderd/"
    world["other_browser"] = other_browser
    world["user"] = get_user_model().objects.get(pk=world["jan"].pk)
    return world


def test_erasure_removes_the_personal_data(erased):
    user = erased["user"]
    assert user.display_name == ERASED_NAME
    assert user.email.endswith("@verwijderd.invalid") and "jan" not in user.email
    assert user.home_area_id is None
    assert not user.has_usable_password()
    assert not user.is_active
    assert not InitiatiefgroepMembership.objects.filter(user=user).exists()
    assert not GroupMembership.objects.filter(user=user).exists()


def test_the_erased_resident_cannot_log_in_and_is_logged_out_everywhere(client, erased):
    assert client.get("/smederijen/account/gegevens/").status_code == 302
    assert erased["other_browser"].get("/smederijen/account/gegevens/").status_code == 302
    response = Client().post(
        "/accounts/login/", {"username": "jan@example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


def test_the_public_record_and_the_money_stay_as_oud_bewoner(client, erased, neighbour):
    submitted, funded = erased["submitted"], erased["funded"]
    assert Proposal.objects.filter(pk__in=[submitted.pk, funded.pk]).count() == 2
    assert not Proposal.objects.filter(pk=erased["draft"].pk).exists()
    assert Grant.objects.filter(proposal=funded).exists()
    public = client.get(funded.get_absolute_url()).content.decode()
    client.force_login(neighbour)
    in_the_area = client.get(submitted.get_absolute_url()).content.decode()
    for page in (public, in_the_area):
        assert "oud-bewoner" in page
        assert "Jan de Vries" not in page
    user = erased["user"]
    assert Comment.objects.filter(author=user).count() == 1
    assert Support.objects.filter(user=user).count() == 1
    assert VoteCast.objects.filter(voter=user).count() == 1


def test_files_are_removed_except_the_funded_projects_verantwoording(erased):
    files = erased["files"]
    kept = {"receipt", "neighbours"}
    for key, attachment in files.items():
        assert Attachment.objects.filter(pk=attachment.pk).exists() == (key in kept), key
        assert default_storage.exists(attachment.file.name) == (key in kept), key


def test_the_ballot_stays_counted_and_nothing_ties_it_to_the_voter(erased):
    election = erased["election"]
    voted = BallotVoter.objects.get(election_round=election, voter=erased["user"])
    assert voted.ballot_id is None
    assert Ballot.objects.filter(election_round=election).count() == 2
    assert BallotChoice.objects.filter(ballot__election_round=election).count() == 2


def test_the_erasure_is_in_the_audit_log(erased):
    user = erased["user"]
    removed = LogEntry.objects.filter(
        content_type__model="initiatiefgroepmembership", action=LogEntry.Action.DELETE
    ).get()
    assert removed.actor == user
    deactivated = LogEntry.objects.filter(
        content_type__model="user",
        object_pk=str(user.pk),
        action=LogEntry.Action.UPDATE,
        changes__has_key="is_active",
    ).get()
    assert deactivated.changes["is_active"] == [True, False]
    # The log copies no name or address of the erased account.
    assert "Jan de Vries" not in str(deactivated.changes)


def test_two_erased_accounts_get_different_placeholder_addresses():
    one, other = factories.ResidentFactory(), factories.ResidentFactory()
    user_erase(actor=one, password=TEST_PASSWORD)
    user_erase(actor=other, password=TEST_PASSWORD)
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.email != other.email


@pytest.mark.parametrize("role", ["professional", "gebiedsregisseur", "stuurgroep_member"])
def test_a_work_account_is_not_erased_by_its_holder(client, role, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert "data-cannot-erase" in client.get(URL).content.decode()
    response = client.post(URL, {"password": TEST_PASSWORD})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.is_active and user.display_name != ERASED_NAME


def test_erasing_needs_a_login(client):
    response = client.post(URL, {"password": TEST_PASSWORD})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
