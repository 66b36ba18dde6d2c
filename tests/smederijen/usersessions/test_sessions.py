"""Sessions end (issue 14, item 5): after inactivity (sooner for the two-factor roles), all
of a user's when the account is deactivated or deleted, and the others on a new password.
"""

import datetime

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from smederijen.usersessions.models import UserSession
from tests import factories
from tests.factories import TEST_PASSWORD

ACCOUNT = "/smederijen/account/gegevens/"
NEW_PASSWORD = "een-ander-lang-wachtwoord-2014"

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def is_logged_in(client) -> bool:
    return client.get(ACCOUNT).status_code == 200


def test_a_session_row_knows_its_user(resident):
    client = logged_in(resident)
    assert UserSession.objects.get(session_key=client.session.session_key).user_id == resident.pk


def test_deactivating_a_user_ends_all_their_sessions(resident):
    phone, laptop = logged_in(resident), logged_in(resident)
    other = logged_in(factories.ResidentFactory())
    assert UserSession.objects.filter(user_id=resident.pk).count() == 2

    resident.is_active = False
    resident.save()

    assert not UserSession.objects.filter(user_id=resident.pk).exists()
    assert not is_logged_in(phone) and not is_logged_in(laptop)
    assert is_logged_in(other)


def test_deleting_a_user_ends_their_sessions(resident):
    client = logged_in(resident)
    resident.delete()
    assert not UserSession.objects.filter(user_id=resident.pk).exists()
    assert client.get(ACCOUNT).status_code == 302


def test_saving_an_active_user_keeps_their_sessions(resident):
    logged_in(resident)
    resident.display_name = "Nieuwe naam"
    resident.save()
    assert UserSession.objects.filter(user_id=resident.pk).count() == 1


def test_changing_the_password_keeps_this_session_and_ends_the_others(resident):
    here, elsewhere = logged_in(resident), logged_in(resident)
    response = here.post(
        "/accounts/password_change/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert is_logged_in(here)
    assert not is_logged_in(elsewhere)


def test_resetting_the_password_ends_every_session(resident):
    elsewhere = logged_in(resident)
    browser = Client()
    resident.refresh_from_db()  # the token covers last_login, which the login moved
    uid = urlsafe_base64_encode(force_bytes(resident.pk))
    token = default_token_generator.make_token(resident)
    form = browser.get(f"/accounts/reset/{uid}/{token}/")
    assert form.status_code == 302
    response = browser.post(
        form.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response.url == "/accounts/reset/done/"
    assert not is_logged_in(elsewhere)


def test_the_administrator_setting_a_password_ends_that_users_sessions(superuser, resident):
    theirs = logged_in(resident)
    admin_client = Client()
    admin_client.force_login(superuser)
    response = admin_client.post(
        f"/beheer/smederijen/user/{resident.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not is_logged_in(theirs)
    assert admin_client.get("/beheer/").status_code == 200


@pytest.fixture
def idle_logout(settings):
    settings.SESSION_IDLE_LOGOUT = True


def _after(minutes: float):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


@pytest.mark.usefixtures("idle_logout")
def test_a_resident_is_logged_out_after_two_hours_without_activity(resident):
    client = logged_in(resident)
    assert is_logged_in(client)
    with _after(119):
        assert is_logged_in(client), "activity moves the end on"
    with _after(119 + 120.5):
        response = client.get(ACCOUNT, follow=True)
        assert response.redirect_chain[-1][0].startswith("/accounts/login/")
        assert "120 minuten niets hebt gedaan" in response.content.decode()
    assert not UserSession.objects.filter(user_id=resident.pk).exists()


@pytest.mark.usefixtures("idle_logout")
def test_a_session_left_for_days_is_gone_from_the_database(resident):
    client = logged_in(resident)
    client.get(ACCOUNT)
    with _after(3 * 24 * 60):
        assert not is_logged_in(client)


@pytest.mark.usefixtures("idle_logout")
def test_a_resident_stays_logged_in_after_half_an_hour(resident):
    client = logged_in(resident)
    client.get(ACCOUNT)
    with _after(45):
        assert is_logged_in(client)


@pytest.mark.usefixtures("idle_logout")
@pytest.mark.parametrize("role", ["gebiedsregisseur", "stuurgroep_member", "beheerder"])
def test_the_two_factor_roles_are_logged_out_after_half_an_hour(request, role):
    user = request.getfixturevalue(role)
    client = logged_in(user)
    assert is_logged_in(client)
    assert client.session.get_expiry_age() == 31 * 60
    with _after(31):
        assert not is_logged_in(client)


@pytest.mark.usefixtures("idle_logout")
def test_the_session_row_expires_with_the_idle_timeout(resident):
    client = logged_in(resident)
    client.get(ACCOUNT)
    row = UserSession.objects.get(session_key=client.session.session_key)
    assert row.expire_date <= timezone.now() + datetime.timedelta(hours=2, minutes=1, seconds=5)
