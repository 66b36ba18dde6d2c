import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from smederijen import tokens
from smederijen.accounts.services import (
    area_change_request_create,
    area_change_request_decide,
    user_choose_home_area,
    user_home_area_from_postcode,
    user_register,
    user_send_verification_email,
    user_verify_email,
)
from smederijen.models import AreaChangeRequest, RequestStatus, User
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "Kerkstraat-Hoogeveen-1907"
VERIFY_LINK = re.compile(r"http://testserver/smederijen/account/bevestigen/([^/\s\"]+)/")


def register(**overrides):
    fields = {
        "display_name": "Anna de Vries",
        "email": "Anna@Example.org",
        "password": PASSWORD,
        "postcode": "7901AB",
    } | overrides
    return user_register(**fields)


def error_codes(error: ValidationError) -> dict[str, set[str]]:
    return {field: {e.code for e in errors} for field, errors in error.error_dict.items()}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


# --- Registration -------------------------------------------------------------------------


def test_register_assigns_the_only_area_of_the_postcode_and_sends_a_verification_link(
    postcode_of_smederij, smederij, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = register()

    user = outcome.user
    assert user.home_area == smederij.area
    assert user.email == "anna@example.org"
    assert user.is_active and user.email_verified_at is None
    assert user.check_password(PASSWORD)
    assert not outcome.needs_choice
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    token = VERIFY_LINK.search(mail.outbox[0].body).group(1)
    assert user_verify_email(token=token).email_verified_at is not None


def test_registrations_from_one_address_are_limited_per_hour(postcode_of_smederij):
    from smederijen.accounts.services import REGISTRATIONS_PER_ADDRESS_PER_HOUR

    for number in range(REGISTRATIONS_PER_ADDRESS_PER_HOUR):
        register(email=f"buur{number}@example.org", client_address="192.0.2.7")

    with pytest.raises(ValidationError) as error:
        register(email="een-te-veel@example.org", client_address="192.0.2.7")

    assert error.value.code == "rate_limited"
    assert not User.objects.filter(email="een-te-veel@example.org").exists()
    assert register(email="elders@example.org", client_address="198.51.100.4").user.pk


def test_the_registration_limit_lifts_after_an_hour(postcode_of_smederij):
    from smederijen.accounts.services import REGISTRATIONS_PER_ADDRESS_PER_HOUR

    for number in range(REGISTRATIONS_PER_ADDRESS_PER_HOUR):
        register(email=f"buur{number}@example.org", client_address="192.0.2.7")
    from django.core.cache import cache

    cache.delete("smederijen:rate:registrations:192.0.2.7")  # what the hour's expiry does

    assert register(email="later@example.org", client_address="192.0.2.7").user.pk


def test_register_on_a_border_postcode_leaves_the_choice_to_the_resident(
    border_postcode, smederij, other_smederij
):
    outcome = register(postcode=border_postcode)

    assert outcome.needs_choice
    assert outcome.user.home_area is None
    assert {a.pk for a in outcome.candidates} == {smederij.area_id, other_smederij.area_id}
    chosen = user_choose_home_area(
        user=outcome.user, area=other_smederij.area, choice_token=outcome.choice_token
    )
    assert chosen.home_area == other_smederij.area


def test_register_refused_outside_hoogeveen_and_creates_no_account(db):
    with pytest.raises(ValidationError) as error:
        register(postcode="1012 AB")

    assert error_codes(error.value) == {"postcode": {"outside_hoogeveen"}}
    assert not User.objects.exists()


def test_register_refused_for_a_malformed_postcode(postcode_of_smederij):
    with pytest.raises(ValidationError) as error:
        register(postcode="79O1")
    assert error_codes(error.value) == {"postcode": {"invalid_postcode"}}


def test_register_with_a_taken_address_in_any_case_makes_nothing_and_mails_its_owner(
    postcode_of_smederij, django_capture_on_commit_callbacks
):
    factories.UserFactory(email="anna@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        assert register(email="ANNA@example.ORG") is None

    assert User.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


def test_register_refused_for_a_weak_password(postcode_of_smederij):
    with pytest.raises(ValidationError) as error:
        register(password="12345678")
    assert {"password_too_common", "password_entirely_numeric"} <= error_codes(error.value)[
        "password"
    ]


def test_register_refused_without_a_name(postcode_of_smederij):
    with pytest.raises(ValidationError) as error:
        register(display_name="   ")
    assert error_codes(error.value) == {"display_name": {"required"}}


# --- Choosing the home area ---------------------------------------------------------------


def test_choose_home_area_refused_for_an_area_the_postcode_does_not_point_to(
    border_postcode, postcode_of_other_smederij
):
    outcome = register(postcode=border_postcode)
    elsewhere = factories.AreaFactory()

    with pytest.raises(ValidationError) as error:
        user_choose_home_area(user=outcome.user, area=elsewhere, choice_token=outcome.choice_token)

    assert error_codes(error.value) == {"area": {"not_a_candidate"}}
    outcome.user.refresh_from_db()
    assert outcome.user.home_area is None


def test_choose_home_area_refused_with_the_token_of_another_user(border_postcode, smederij):
    outcome = register(postcode=border_postcode)
    other = factories.UserFactory()

    with pytest.raises(PermissionDenied):
        user_choose_home_area(user=other, area=smederij.area, choice_token=outcome.choice_token)


def test_choose_home_area_refused_with_a_tampered_or_expired_token(border_postcode, smederij):
    outcome = register(postcode=border_postcode)

    with pytest.raises(ValidationError) as error:
        user_choose_home_area(
            user=outcome.user, area=smederij.area, choice_token=outcome.choice_token + "x"
        )
    assert error.value.code == "choice_expired"

    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=2)),
        pytest.raises(ValidationError) as error,
    ):
        user_choose_home_area(
            user=outcome.user, area=smederij.area, choice_token=outcome.choice_token
        )
    assert error.value.code == "choice_expired"


def test_choose_home_area_refused_once_an_area_is_set(border_postcode, smederij, other_smederij):
    outcome = register(postcode=border_postcode)
    user_choose_home_area(user=outcome.user, area=smederij.area, choice_token=outcome.choice_token)

    with pytest.raises(PermissionDenied):
        user_choose_home_area(
            user=outcome.user, area=other_smederij.area, choice_token=outcome.choice_token
        )


def test_home_area_from_postcode_sets_the_area_of_an_account_without_one(
    postcode_of_smederij, smederij
):
    user = factories.UserFactory()
    outcome = user_home_area_from_postcode(user=user, postcode=postcode_of_smederij)
    assert outcome.user.home_area == smederij.area


def test_home_area_from_postcode_refused_once_an_area_is_set(resident, postcode_of_other_smederij):
    with pytest.raises(PermissionDenied):
        user_home_area_from_postcode(user=resident, postcode=postcode_of_other_smederij)


# --- Verifying the email address ----------------------------------------------------------


def test_verification_link_works_for_three_days_and_not_longer(db):
    user = factories.UserFactory()
    token = tokens.email_verification_token(user_id=user.pk, email=user.email)

    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=3, minutes=1)),
        pytest.raises(tokens.TokenExpired),
    ):
        user_verify_email(token=token)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, hours=23)):
        assert user_verify_email(token=token).email_verified_at is not None


def test_verification_refuses_a_tampered_link(db):
    user = factories.UserFactory()
    token = tokens.email_verification_token(user_id=user.pk, email=user.email)
    with pytest.raises(tokens.TokenInvalid):
        user_verify_email(token=token[:-2] + "zz")


def test_verification_refuses_a_token_made_for_another_purpose(db):
    user = factories.UserFactory()
    token = tokens.group_invitation_token(invitation_id=user.pk, email=user.email)
    with pytest.raises(tokens.TokenInvalid):
        user_verify_email(token=token)


def test_verification_refuses_a_link_for_an_old_address(db):
    user = factories.UserFactory(email="oud@example.org")
    token = tokens.email_verification_token(user_id=user.pk, email=user.email)
    user.email = "nieuw@example.org"
    user.save()

    with pytest.raises(tokens.TokenInvalid):
        user_verify_email(token=token)
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_resend_refused_within_five_minutes_and_allowed_after(
    postcode_of_smederij, django_capture_on_commit_callbacks
):
    user = register().user

    with pytest.raises(ValidationError) as error:
        user_send_verification_email(user=user)
    assert error.value.code == "too_soon"

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5, seconds=1)):
        with django_capture_on_commit_callbacks(execute=True):
            user_send_verification_email(user=user)
        with pytest.raises(ValidationError):
            user_send_verification_email(user=user)
    assert len(mail.outbox) == 1
    assert VERIFY_LINK.search(mail.outbox[0].body)


def test_resend_refused_when_the_address_is_verified(resident):
    with pytest.raises(ValidationError) as error:
        user_send_verification_email(user=resident)
    assert error.value.code == "verified"


# --- Asking to change the home area -------------------------------------------------------


def test_area_change_request_records_the_move_to_the_area_of_the_new_postcode(
    resident, smederij, other_smederij, postcode_of_other_smederij
):
    change = area_change_request_create(
        actor=resident, postcode=postcode_of_other_smederij, reason="Verhuisd"
    )
    assert (change.from_area, change.to_area, change.status) == (
        smederij.area,
        other_smederij.area,
        RequestStatus.PENDING,
    )
    resident.refresh_from_db()
    assert resident.home_area == smederij.area


def test_area_change_request_on_a_border_postcode_needs_a_chosen_area(
    postcode_of_other_smederij, border_postcode, other_smederij, smederij
):
    resident = factories.ResidentFactory(home_area=factories.SmederijFactory().area)
    with pytest.raises(ValidationError) as error:
        area_change_request_create(actor=resident, postcode=border_postcode, reason="Verhuisd")
    assert error_codes(error.value) == {"to_area": {"choose_area"}}

    with pytest.raises(ValidationError) as error:
        area_change_request_create(
            actor=resident,
            postcode=border_postcode,
            reason="Verhuisd",
            to_area=factories.AreaFactory(),
        )
    assert error_codes(error.value) == {"to_area": {"not_a_candidate"}}

    change = area_change_request_create(
        actor=resident, postcode=border_postcode, reason="Verhuisd", to_area=other_smederij.area
    )
    assert change.to_area == other_smederij.area


def test_area_change_request_refused_for_the_area_one_lives_in(resident, postcode_of_smederij):
    with pytest.raises(ValidationError) as error:
        area_change_request_create(actor=resident, postcode=postcode_of_smederij, reason="x")
    assert error_codes(error.value) == {"postcode": {"same_area"}}


def test_area_change_request_refused_outside_hoogeveen(resident):
    with pytest.raises(ValidationError) as error:
        area_change_request_create(actor=resident, postcode="1012AB", reason="x")
    assert error_codes(error.value) == {"postcode": {"outside_hoogeveen"}}


def test_area_change_request_refused_without_a_reason(resident, postcode_of_other_smederij):
    with pytest.raises(ValidationError) as error:
        area_change_request_create(actor=resident, postcode=postcode_of_other_smederij, reason=" ")
    assert error_codes(error.value) == {"reason": {"required"}}


def test_area_change_request_refused_while_one_is_pending(resident, postcode_of_other_smederij):
    area_change_request_create(actor=resident, postcode=postcode_of_other_smederij, reason="x")
    with pytest.raises(ValidationError) as error:
        area_change_request_create(actor=resident, postcode=postcode_of_other_smederij, reason="y")
    assert error.value.code == "pending"
    assert AreaChangeRequest.objects.count() == 1


def test_area_change_request_refused_without_a_home_area(postcode_of_other_smederij):
    with pytest.raises(PermissionDenied):
        area_change_request_create(
            actor=factories.UserFactory(), postcode=postcode_of_other_smederij, reason="x"
        )


def test_area_change_request_refused_for_an_area_without_a_smederij(resident):
    area = factories.AreaFactory()
    factories.PostcodeFactory(code="7950").areas.add(area)
    with pytest.raises(ValidationError) as error:
        area_change_request_create(actor=resident, postcode="7950AA", reason="x")
    assert error_codes(error.value) == {"postcode": {"no_smederij"}}


# --- Deciding on a change -----------------------------------------------------------------


@pytest.fixture
def change_to_other(resident, postcode_of_other_smederij):
    return area_change_request_create(
        actor=resident, postcode=postcode_of_other_smederij, reason="Verhuisd naar de overkant"
    )


@pytest.fixture
def regisseur_of_new_area(other_smederij):
    return factories.GebiedsregisseurAssignmentFactory(wijkteam=other_smederij.wijkteam).user


def test_accepting_a_change_moves_the_home_area_and_tells_the_resident(
    change_to_other, regisseur_of_new_area, resident, other_smederij,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        decided = area_change_request_decide(
            actor=regisseur_of_new_area, request=change_to_other, accept=True
        )

    assert decided.status == RequestStatus.ACCEPTED
    assert decided.decided_by == regisseur_of_new_area and decided.decided_at is not None
    resident.refresh_from_db()
    assert resident.home_area == other_smederij.area
    assert mail.outbox[0].to == [resident.email]
    assert other_smederij.area.name in mail.outbox[0].subject
    assert "http://testserver/smederijen/account/gegevens/" in mail.outbox[0].body


def test_declining_a_change_keeps_the_home_area_and_tells_the_resident(
    change_to_other, regisseur_of_new_area, resident, smederij,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        decided = area_change_request_decide(
            actor=regisseur_of_new_area, request=change_to_other, accept=False
        )
    assert decided.status == RequestStatus.DECLINED
    resident.refresh_from_db()
    assert resident.home_area == smederij.area
    assert mail.outbox[0].to == [resident.email]


@pytest.mark.parametrize(
    "role", ["resident", "gebiedsregisseur", "professional", "stuurgroep_member", "beheerder"]
)
def test_only_the_gebiedsregisseur_of_the_new_area_decides_a_change(change_to_other, role, request):
    # The gebiedsregisseur fixture covers the resident's current area, not the new one.
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        area_change_request_decide(actor=actor, request=change_to_other, accept=True)
    change_to_other.refresh_from_db()
    assert change_to_other.status == RequestStatus.PENDING


def test_a_decided_change_cannot_be_decided_again(change_to_other, regisseur_of_new_area):
    area_change_request_decide(actor=regisseur_of_new_area, request=change_to_other, accept=False)
    with pytest.raises(ValidationError) as error:
        area_change_request_decide(
            actor=regisseur_of_new_area, request=change_to_other, accept=True
        )
    assert error.value.code == "decided"
