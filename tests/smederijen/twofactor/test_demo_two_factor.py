"""The demo stays usable with two-factor login on (README): a public key, a command for the code."""

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from smederijen.twofactor.demo import (
    DEMO_TOTP_KEY,
    demo_totp_code,
    demo_totp_secret,
    demo_two_factor_ensure,
)
from tests.smederijen.twofactor.conftest import password_login

pytestmark = pytest.mark.django_db


def test_the_readme_gives_the_demo_key():
    from pathlib import Path

    readme = Path(__file__).resolve().parents[3].joinpath("README.md").read_text()
    assert demo_totp_secret() in readme
    assert "demo_code" in readme


def test_a_demo_gebiedsregisseur_logs_in_with_the_code_of_demo_code(client, gebiedsregisseur):
    demo_two_factor_ensure(gebiedsregisseur)
    demo_two_factor_ensure(gebiedsregisseur)  # a second run adds nothing
    assert TOTPDevice.objects.get(user=gebiedsregisseur).key == DEMO_TOTP_KEY

    password_login(client, gebiedsregisseur)
    response = client.post("/accounts/tweestapsverificatie/code/", {"code": demo_totp_code()})
    assert response.status_code == 302
    assert client.get("/smederijen/account/gegevens/").status_code == 200


def test_demo_code_prints_the_code_with_debug_and_refuses_without(settings, capsys):
    settings.DEBUG = True
    call_command("demo_code")
    assert demo_totp_code() in capsys.readouterr().out
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("demo_code")
