"""The account pages: each view with the role matrix, the forms with their errors, the emails."""

import datetime
import re

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from smederijen import tokens
from smederijen.accounts.views import AREA_CHOICE_SESSION_KEY
from smederijen.models import AreaChangeRequest, RequestStatus, User
from tests import factories
from tests.smederijen.views.conftest import ROLES

pytestmark = pytest.mark.django_db

PASSWORD = "Kerkstraat-Hoogeveen-1907"
VERIFY_LINK = re.compile(r"/smederijen/account/bevestigen/([^/\s\"]+)/")

REGISTER = reverse("smederijen:register")
ACCOUNT = reverse("smederijen:account")
SENT = reverse("smederijen:register-sent")
HOME_AREA = reverse("smederijen:home-area")
RESEND = reverse("smederijen:verify-email-resend")
CHANGE = reverse("smederijen:area-change-create")
CHANGE_LIST = reverse("smederijen:area-change-list")

# The roles whose fixtures live in an area (the others are staff without a home area).
LIVES_IN_AN_AREA = {"resident", "other_resident", "initiatiefgroep_member"}


def login_redirect(response, url):
    return response.status_code == 302 and response.url.startswith(reverse("login"))


def form_data(**overrides):
    return {
        "display_name": "Anna de Vries",
        "email": "anna@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "postcode": "7901 ab",
    } | overrides


# --- Register -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_register_page_is_for_visitors_only(role, client_as):
    response = client_as(role).get(REGISTER)
    if role == "visitor":
        assert response.status_code == 200
        assert b'name="postcode"' in response.content
    else:
        assert response.status_code == 302 and response.url == ACCOUNT


def test_registering_assigns_the_area_emails_the_link_and_asks_to_log_in(
    client, postcode_of_smederij, smederij, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER, form_data())

    assert response.status_code == 302 and response.url == SENT
    user = User.objects.get(email="anna@example.org")
    assert user.home_area == smederij.area
    assert "_auth_user_id" not in client.session
    page = client.get(SENT).content.decode()
    assert "anna@example.org" in page and "Kijk in uw mailbox" in page
    token = VERIFY_LINK.search(mail.outbox[0].body).group(1)

    response = client.get(reverse("smederijen:verify-email", args=[token]))
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_verified_at is not None
    client.force_login(User.objects.get(email="anna@example.org"))


def test_registering_past_the_hourly_limit_says_so_and_keeps_what_was_typed(
    client, postcode_of_smederij, monkeypatch
):
    from smederijen.accounts import services as account_services

    monkeypatch.setattr(account_services, "REGISTRATIONS_PER_ADDRESS_PER_HOUR", 1)
    assert client.post(REGISTER, form_data(email="eerste@example.org")).status_code == 302

    response = client.post(REGISTER, form_data(email="tweede@example.org"))

    assert response.status_code == 400
    content = response.content.decode()
    assert "Er zijn het afgelopen uur te veel" in content
    assert "tweede@example.org" in content
    assert not User.objects.filter(email="tweede@example.org").exists()


def test_registering_on_a_border_postcode_asks_to_choose_among_its_areas(
    client, border_postcode, smederij, other_smederij
):
    response = client.post(REGISTER, form_data(postcode=border_postcode))
    assert response.status_code == 302 and response.url == SENT
    # Logging in in the same browser offers the choice the postcode left.
    client.force_login(User.objects.get(email="anna@example.org"))

    page = client.get(HOME_AREA)
    assert page.status_code == 200
    content = page.content.decode()
    assert content.count('type="radio"') == 2
    assert smederij.area.name in content and other_smederij.area.name in content

    elsewhere = factories.AreaFactory()
    refused = client.post(HOME_AREA, {"area": elsewhere.pk})
    assert refused.status_code == 400 and "area" in refused.context["form"].errors

    chosen = client.post(HOME_AREA, {"area": other_smederij.area.pk})
    assert chosen.status_code == 302 and chosen.url == ACCOUNT
    assert User.objects.get(email="anna@example.org").home_area == other_smederij.area
    assert AREA_CHOICE_SESSION_KEY not in client.session


def test_registering_outside_hoogeveen_says_so_and_keeps_what_was_typed(client, db):
    with translation.override("en"):
        client.cookies["django_language"] = "en"  # the language switch
        response = client.post(REGISTER, form_data(postcode="1012 AB"))

    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("postcode", "outside_hoogeveen")
    assert form["display_name"].value() == "Anna de Vries"
    assert form["email"].value() == "anna@example.org"
    assert not User.objects.exists()
    assert "lies outside the Smederijen of Hoogeveen" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"postcode": "79O1 AB"}, "postcode", "invalid_postcode"),
        ({"password2": "iets-anders-2013"}, "password2", "password_mismatch"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "password_too_common"),
        ({"email": "geen-adres"}, "email", "invalid"),
        ({"display_name": ""}, "display_name", "required"),
    ],
)
def test_registration_form_shows_each_error_beside_its_field(
    client, postcode_of_smederij, overrides, field, code
):
    response = client.post(REGISTER, form_data(**overrides))
    assert response.status_code == 400
    assert response.context["form"].has_error(field, code)
    assert not User.objects.exists()


def test_registering_an_existing_address_answers_as_a_new_one_and_tells_its_owner(
    client, postcode_of_smederij, django_capture_on_commit_callbacks
):
    owner = factories.UserFactory(email="anna@example.org", display_name="Anna")
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(REGISTER, form_data(email="ANNA@Example.org"))
        new = Client().post(REGISTER, form_data(email="bert@example.org"))

    # Nothing in the answer tells the two apart.
    assert (taken.status_code, taken.url) == (new.status_code, new.url) == (302, SENT)
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(email__iexact="anna@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(factories.TEST_PASSWORD)  # the account did not change
    to_owner = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert len(to_owner) == 1
    assert to_owner[0].subject == "U hebt al een account bij de Smederijen van Hoogeveen"
    assert reverse("password_reset") in to_owner[0].body


# --- Home area ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_home_area_page_only_for_accounts_without_an_area(role, client_as):
    response = client_as(role).get(HOME_AREA)
    if role == "visitor":
        assert login_redirect(response, HOME_AREA)
    elif role in LIVES_IN_AN_AREA:
        assert response.status_code == 302 and response.url == ACCOUNT
    else:
        assert response.status_code == 200
        assert b'name="postcode"' in response.content


def test_account_without_an_area_sets_it_from_its_postcode(client, postcode_of_smederij, smederij):
    user = factories.UserFactory()
    client.force_login(user)
    response = client.post(HOME_AREA, {"postcode": "7901ab"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.home_area == smederij.area


# --- Verifying ------------------------------------------------------------------------------


def test_expired_link_shows_a_page_with_a_send_again_button(client, smederij):
    user = factories.ResidentFactory(home_area=smederij.area, email_verified_at=None)
    token = tokens.email_verification_token(user_id=user.pk, email=user.email)
    client.force_login(user)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        response = client.get(reverse("smederijen:verify-email", args=[token]))

    assert response.status_code == 400
    assert b'data-reason="expired"' in response.content
    assert RESEND.encode() in response.content
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_tampered_link_shows_a_page_that_says_the_link_is_wrong(client, db):
    user = factories.UserFactory()
    token = signing.dumps({"u": user.pk, "e": user.email}, salt="something else")
    response = client.get(reverse("smederijen:verify-email", args=[token]))
    assert response.status_code == 400
    assert b'data-reason="invalid"' in response.content
    # A visitor is asked to log in first to get a new link.
    assert reverse("login").encode() in response.content


def test_link_opened_without_logging_in_verifies_the_address(client, db):
    user = factories.UserFactory()
    token = tokens.email_verification_token(user_id=user.pk, email=user.email)
    response = client.get(reverse("smederijen:verify-email", args=[token]))
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_send_again_is_limited_to_once_every_five_minutes(
    client, smederij, django_capture_on_commit_callbacks
):
    user = factories.ResidentFactory(home_area=smederij.area, email_verified_at=None)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(RESEND)
        second = client.post(RESEND, follow=True)

    assert first.status_code == 302
    assert len(mail.outbox) == 1
    token = VERIFY_LINK.search(mail.outbox[0].body).group(1)
    assert tokens.read_email_verification_token(token).user_id == user.pk
    assert any(m.level_tag == "error" for m in second.context["messages"])


def test_send_again_needs_a_login(client, db):
    response = client.post(RESEND)
    assert login_redirect(response, RESEND)
    assert client.get(RESEND).status_code in {302, 405}


# --- My account -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_account_page_for_every_logged_in_role(role, client_as):
    response = client_as(role).get(ACCOUNT)
    if role == "visitor":
        assert login_redirect(response, ACCOUNT)
    else:
        assert response.status_code == 200
        # The role fixtures of residents are verified: no note to confirm.
        if role in LIVES_IN_AN_AREA:
            assert b"data-unverified" not in response.content


def test_account_page_asks_an_unverified_resident_to_confirm(client, smederij):
    user = factories.ResidentFactory(home_area=smederij.area, email_verified_at=None)
    client.force_login(user)
    response = client.get(ACCOUNT)
    assert b"data-unverified" in response.content
    assert RESEND.encode() in response.content


def test_account_page_offers_to_join_the_initiatiefgroep_to_a_verified_resident(
    client, resident, smederij
):
    client.force_login(resident)
    join = reverse("smederijen:initiatiefgroep-join", args=[smederij.slug])
    assert join.encode() in client.get(ACCOUNT).content


# --- Asking to change area ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_area_change_form_for_residents_with_an_area(role, client_as):
    response = client_as(role).get(CHANGE)
    if role == "visitor":
        assert login_redirect(response, CHANGE)
    elif role in LIVES_IN_AN_AREA:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response.url == HOME_AREA


def test_area_change_request_is_sent_from_the_form(
    client, resident, postcode_of_other_smederij, other_smederij
):
    client.force_login(resident)
    response = client.post(CHANGE, {"postcode": "7903ef", "reason": "Verhuisd"})
    assert response.status_code == 302 and response.url == ACCOUNT
    assert AreaChangeRequest.objects.get().to_area == other_smederij.area
    assert b"data-pending-change" in client.get(ACCOUNT).content


def test_area_change_form_on_a_border_postcode_asks_to_choose_and_keeps_the_reason(
    client, border_postcode, other_smederij
):
    mover = factories.ResidentFactory(home_area=factories.SmederijFactory().area)
    client.force_login(mover)
    response = client.post(CHANGE, {"postcode": border_postcode, "reason": "Verhuisd"})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("to_area", "choose_area")
    assert form["reason"].value() == "Verhuisd"

    response = client.post(
        CHANGE,
        {"postcode": border_postcode, "reason": "Verhuisd", "to_area": other_smederij.area.pk},
    )
    assert response.status_code == 302
    assert AreaChangeRequest.objects.get(user=mover).to_area == other_smederij.area


def test_second_area_change_request_shows_an_error(client, resident, postcode_of_other_smederij):
    client.force_login(resident)
    client.post(CHANGE, {"postcode": "7903ef", "reason": "Verhuisd"})
    response = client.post(CHANGE, {"postcode": "7903ef", "reason": "Nog eens"})
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", "pending")


# --- The gebiedsregisseur's list and decision ----------------------------------------------


@pytest.fixture
def move_into_smederij(other_smederij, smederij):
    """A resident of the other Smederij asks to move into `smederij`."""
    mover = factories.ResidentFactory(home_area=other_smederij.area)
    return AreaChangeRequest.objects.create(
        user=mover, from_area=other_smederij.area, to_area=smederij.area, reason="Verhuisd"
    )


@pytest.mark.parametrize("role", ROLES)
def test_area_change_list_only_for_gebiedsregisseurs(role, client_as, move_into_smederij):
    response = client_as(role).get(CHANGE_LIST)
    if role == "visitor":
        assert login_redirect(response, CHANGE_LIST)
    elif role == "gebiedsregisseur":
        assert response.status_code == 200
        assert list(response.context["change_requests"]) == [move_into_smederij]
    else:
        assert response.status_code == 403


def test_area_change_list_hides_requests_into_areas_of_other_wijkteams(
    client, gebiedsregisseur, smederij, other_smederij
):
    AreaChangeRequest.objects.create(
        user=factories.ResidentFactory(home_area=smederij.area),
        from_area=smederij.area,
        to_area=other_smederij.area,
        reason="Weg",
    )
    client.force_login(gebiedsregisseur)
    assert client.get(CHANGE_LIST).context["change_requests"] == []


@pytest.mark.parametrize("rows", [1, 20])
def test_area_change_list_queries_do_not_grow_with_rows(
    rows, client, gebiedsregisseur, smederij, other_smederij, django_assert_max_num_queries
):
    for _ in range(rows):
        AreaChangeRequest.objects.create(
            user=factories.ResidentFactory(home_area=other_smederij.area),
            from_area=other_smederij.area,
            to_area=smederij.area,
            reason="Verhuisd",
        )
    client.force_login(gebiedsregisseur)
    with django_assert_max_num_queries(7):
        response = client.get(CHANGE_LIST)
    assert len(response.context["change_requests"]) == rows


@pytest.mark.parametrize("role", ROLES)
def test_area_change_decide_page_is_404_for_all_but_the_new_areas_gebiedsregisseur(
    role, client_as, move_into_smederij
):
    url = reverse("smederijen:area-change-decide", args=[move_into_smederij.pk])
    client = client_as(role)
    response = client.get(url)
    if role == "visitor":
        assert login_redirect(response, url)
    elif role == "gebiedsregisseur":
        assert response.status_code == 200
        assert move_into_smederij.user.display_name in response.content.decode()
    else:
        assert response.status_code == 404
        assert client.post(url, {"decision": "accept"}).status_code in {302, 404}
        move_into_smederij.refresh_from_db()
        assert move_into_smederij.status == RequestStatus.PENDING


def test_gebiedsregisseur_accepts_a_move_and_the_resident_is_emailed(
    client, gebiedsregisseur, move_into_smederij, smederij, django_capture_on_commit_callbacks
):
    client.force_login(gebiedsregisseur)
    url = reverse("smederijen:area-change-decide", args=[move_into_smederij.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "accept"})

    assert response.status_code == 302 and response.url == CHANGE_LIST
    move_into_smederij.refresh_from_db()
    assert move_into_smederij.status == RequestStatus.ACCEPTED
    assert move_into_smederij.decided_by == gebiedsregisseur
    move_into_smederij.user.refresh_from_db()
    assert move_into_smederij.user.home_area == smederij.area
    assert mail.outbox[0].to == [move_into_smederij.user.email]
    # Decided: the page is gone for everyone.
    assert client.get(url).status_code == 404


def test_gebiedsregisseur_declines_a_move(client, gebiedsregisseur, move_into_smederij):
    client.force_login(gebiedsregisseur)
    url = reverse("smederijen:area-change-decide", args=[move_into_smederij.pk])
    client.post(url, {"decision": "decline"})
    move_into_smederij.refresh_from_db()
    assert move_into_smederij.status == RequestStatus.DECLINED
    assert move_into_smederij.user.home_area != move_into_smederij.to_area


def test_decision_without_a_choice_changes_nothing(client, gebiedsregisseur, move_into_smederij):
    client.force_login(gebiedsregisseur)
    url = reverse("smederijen:area-change-decide", args=[move_into_smederij.pk])
    assert client.post(url, {"decision": "maybe"}).status_code == 400
    move_into_smederij.refresh_from_db()
    assert move_into_smederij.status == RequestStatus.PENDING


# --- Menu and login page -------------------------------------------------------------------


def test_menu_offers_registration_to_visitors_and_the_account_to_users(client, resident):
    assert REGISTER.encode() in client.get(reverse("home")).content
    client.force_login(resident)
    content = client.get(reverse("home")).content
    assert ACCOUNT.encode() in content  # in the header, beside logging out
    assert REGISTER.encode() not in content
    overview = client.get(reverse("smederijen:my-overview")).content
    assert reverse("smederijen:my-groups").encode() in overview
