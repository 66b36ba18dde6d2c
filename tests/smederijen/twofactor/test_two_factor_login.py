"""Two-factor login for the roles that move money or manage people (issue 14, item 4).

Gebiedsregisseurs, stuurgroep members and administrators reach no page of theirs, and not
/beheer/, until their session verified a code; residents, initiatiefgroep members and
professionals are never asked.
"""

import datetime
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from smederijen.twofactor.services import RECOVERY_CODE_COUNT
from tests.smederijen.twofactor.conftest import current_code, password_login

ACCOUNT = "/smederijen/account/gegevens/"
VERIFY = "/accounts/tweestapsverificatie/code/"
SETUP = "/accounts/tweestapsverificatie/instellen/"
RECOVERY = "/accounts/tweestapsverificatie/herstelcodes/"
TWO_FACTOR_ROLES = ["gebiedsregisseur", "stuurgroep_member", "beheerder"]
PASSWORD_ONLY_ROLES = ["resident", "initiatiefgroep_member", "professional"]

pytestmark = pytest.mark.django_db


@pytest.fixture(params=TWO_FACTOR_ROLES)
def staff_role(request):
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("role", PASSWORD_ONLY_ROLES)
def test_password_only_roles_are_not_asked_for_a_code(client, request, role):
    user = request.getfixturevalue(role)
    password_login(client, user)
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_a_role_without_an_app_is_sent_to_set_one_up_after_the_password(client, staff_role):
    password_login(client, staff_role)
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next={quote(ACCOUNT, safe='')}"


def test_setting_up_shows_a_qr_code_and_the_key_and_confirms_with_a_code(client, staff_role):
    password_login(client, staff_role)
    page = client.get(SETUP, {"next": ACCOUNT})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg " in html and "<script" not in html.split("<main", 1)[-1]
    device = TOTPDevice.objects.get(user=staff_role, confirmed=False)
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    # The same device on a reload: the app scanned first keeps working.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=staff_role).count() == 1

    wrong = client.post(SETUP, {"code": "000000" if current_code(device) != "000000" else "1"})
    assert wrong.status_code == 400
    assert "Deze code klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()

    done = client.post(SETUP, {"code": current_code(device), "next": ACCOUNT})
    assert done.status_code == 302 and done.url == RECOVERY
    codes_page = client.get(RECOVERY)
    codes = codes_page.context["codes"]
    assert len(codes) == RECOVERY_CODE_COUNT == len(set(codes))
    assert all(code in codes_page.content.decode() for code in codes)
    assert codes_page.context["next"] == ACCOUNT
    # Shown once: a reload finds them gone and goes on.
    again = client.get(RECOVERY)
    assert again.status_code == 302
    assert client.get(ACCOUNT).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_role_with_an_app_is_asked_for_the_code_and_gets_in_with_it(
    client, staff_role, device_of
):
    device = device_of(staff_role)
    password_login(client, staff_role)
    blocked = client.get(ACCOUNT)
    assert blocked.status_code == 302
    assert blocked.url == f"{VERIFY}?next={quote(ACCOUNT, safe='')}"
    assert client.get(VERIFY).status_code == 200

    verified = client.post(VERIFY, {"code": current_code(device), "next": ACCOUNT})
    assert verified.status_code == 302 and verified.url == ACCOUNT
    assert client.get(ACCOUNT).status_code == 200


def test_a_wrong_code_is_refused_in_dutch_and_keeps_the_session_out(client, staff_role, device_of):
    device = device_of(staff_role)
    password_login(client, staff_role)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    response = client.post(VERIFY, {"code": wrong, "next": ACCOUNT})
    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(ACCOUNT).status_code == 302


def test_after_a_wrong_code_even_the_right_one_waits_throttled(client, gebiedsregisseur, device_of):
    device = device_of(gebiedsregisseur)
    password_login(client, gebiedsregisseur)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    assert "Deze code klopt niet" in client.post(VERIFY, {"code": wrong}).content.decode()
    throttled = client.post(VERIFY, {"code": current_code(device)})
    assert throttled.status_code == 400
    assert "Te veel onjuiste codes" in throttled.content.decode()
    assert client.get(ACCOUNT).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Once the wait (1, 2, 4 … seconds) is over, the right code works again.
    device.throttling_failure_timestamp -= datetime.timedelta(seconds=10)
    device.save()
    assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302
    assert client.get(ACCOUNT).status_code == 200


def test_a_recovery_code_works_once(client_factory, staff_role, device_of):
    from smederijen.twofactor.services import recovery_codes_replace

    device_of(staff_role)
    codes = recovery_codes_replace(actor=staff_role)

    first = client_factory()
    password_login(first, staff_role)
    # As printed: in capitals with a space in the middle.
    typed = codes[0][:4].upper() + " " + codes[0][4:].upper()
    assert first.post(VERIFY, {"code": typed, "next": ACCOUNT}).status_code == 302
    assert first.get(ACCOUNT).status_code == 200
    assert StaticToken.objects.filter(device__user=staff_role).count() == RECOVERY_CODE_COUNT - 1

    second = client_factory()
    password_login(second, staff_role)
    reused = second.post(VERIFY, {"code": codes[0]})
    assert reused.status_code == 400
    assert "herstelcode klopt niet" in reused.content.decode()
    assert second.get(ACCOUNT).status_code == 302


def test_a_code_from_the_app_is_not_accepted_twice(client_factory, gebiedsregisseur, device_of):
    device = device_of(gebiedsregisseur)
    code = current_code(device)
    first, second = client_factory(), client_factory()
    password_login(first, gebiedsregisseur)
    password_login(second, gebiedsregisseur)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    assert second.post(VERIFY, {"code": code}).status_code == 400


def test_the_admin_is_refused_until_the_administrator_verified(client, beheerder, device_of):
    device = device_of(beheerder)
    password_login(client, beheerder)
    refused = client.get("/beheer/")
    assert refused.status_code == 302 and refused.url.startswith(VERIFY)
    assert client.get("/beheer/smederijen/smederij/").status_code == 302

    client.post(VERIFY, {"code": current_code(device)})
    assert client.get("/beheer/").status_code == 200


def test_the_admin_site_itself_refuses_an_unverified_administrator(rf: RequestFactory, beheerder):
    """Also without the middleware: the admin site asks whether the session is verified."""
    from django.contrib.sessions.backends.base import SessionBase

    request = rf.get("/beheer/")
    request.user = beheerder
    request.session = SessionBase()
    beheerder.is_verified = lambda: False
    assert admin.site.has_permission(request) is False
    beheerder.is_verified = lambda: True
    assert admin.site.has_permission(request) is True


def test_an_unverified_session_may_still_log_out_and_switch_language(
    client, gebiedsregisseur, device_of
):
    device_of(gebiedsregisseur)
    password_login(client, gebiedsregisseur)
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_after_the_code_the_next_page_must_be_on_this_site(client, gebiedsregisseur, device_of):
    device = device_of(gebiedsregisseur)
    password_login(client, gebiedsregisseur)
    response = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/"


def test_with_an_app_the_setup_page_never_adds_a_second_one(client, gebiedsregisseur, device_of):
    """A password alone never replaces the app of an account (an attacker's own phone)."""
    device_of(gebiedsregisseur)
    password_login(client, gebiedsregisseur)
    assert client.get(SETUP).url == VERIFY
    assert client.post(SETUP, {"code": "123456"}).url == VERIFY
    assert TOTPDevice.objects.filter(user=gebiedsregisseur).count() == 1


def test_a_resident_made_gebiedsregisseur_is_asked_from_the_next_request(client, resident):
    from tests import factories

    password_login(client, resident)
    assert client.get(ACCOUNT).status_code == 200
    factories.GebiedsregisseurAssignmentFactory(user=resident)
    assert client.get(ACCOUNT).url.startswith(SETUP)


def test_verifying_moves_the_session_to_a_new_key(client, gebiedsregisseur, device_of):
    device = device_of(gebiedsregisseur)
    password_login(client, gebiedsregisseur)
    before = client.session.session_key
    client.post(VERIFY, {"code": current_code(device)})
    assert client.session.session_key != before


def test_without_the_setting_force_login_reaches_the_pages(client, settings, gebiedsregisseur):
    """The test settings switch it off so that the rest of the suite logs in directly."""
    settings.OTP_REQUIRED = False
    client.force_login(gebiedsregisseur)
    assert client.get(ACCOUNT).status_code == 200


def test_an_unverified_post_changes_nothing_and_is_sent_to_the_code_page(
    client, gebiedsregisseur, smederij, resident, other_smederij, device_of
):
    """Not only pages: a form posted by an unverified session never reaches its view."""
    from smederijen.models import AreaChangeRequest

    device_of(gebiedsregisseur)
    change = AreaChangeRequest.objects.create(
        user=resident, from_area=other_smederij.area, to_area=smederij.area, reason="Verhuisd"
    )
    password_login(client, gebiedsregisseur)
    response = client.post(
        f"/smederijen/account/gebiedswijzigingen/{change.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 302 and response.url == VERIFY
    assert AreaChangeRequest.objects.get(pk=change.pk).status == change.status
