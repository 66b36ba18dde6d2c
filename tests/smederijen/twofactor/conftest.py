"""Two-factor login on, as in production: the suite's settings turn it off for force_login."""

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    settings.OTP_REQUIRED = True


def current_code(device: TOTPDevice) -> str:
    """The 6 digits the person's app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def password_login(client, user):
    response = client.post("/accounts/login/", {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302, "the password step itself must pass"
    return response


@pytest.fixture
def device_of():
    def make(user):
        return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)

    return make


@pytest.fixture
def client_factory():
    """Another browser: a client with a session of its own."""
    return Client
