"""The server errors the fuzz test and the form-limits comparison found, one test each.

Each failed before its fix with a database error (a 500 for the person typing).
"""

import pytest
from django.urls import reverse

from smederijen.models import User
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "Kerkstraat-Hoogeveen-1907"
# A well-formed address of 312 characters: the column holds 254.
LONG_EMAIL = "anna@" + ".".join(["a" * 60] * 5) + ".nl"


def test_registering_with_an_address_longer_than_the_column_is_a_dutch_form_error(client):
    assert len(LONG_EMAIL) > 254
    data = {
        "display_name": "Anna",
        "email": LONG_EMAIL,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "postcode": "7901 AB",
    }
    response = client.post(reverse("smederijen:register"), data)

    assert response.status_code in (200, 400)
    assert "Zorg dat deze waarde niet meer dan 254 tekens bevat" in response.content.decode()
    assert not User.objects.filter(email=LONG_EMAIL).exists()


@pytest.mark.parametrize("username", ["x" * 300 + "@example.org", "anna\x00@example.org"])
def test_a_login_with_an_unstorable_username_is_refused_not_a_server_error(client, username):
    # axes records the failure before the form looks at it (smederijen/accounts/lockout.py).
    response = client.post(reverse("login"), {"username": username, "password": "fout"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_forged_smederij_id_beyond_the_integer_range_is_refused(client, smederij):
    regisseur = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    client.force_login(regisseur)

    response = client.post(
        reverse("projecten:decision-methods"),
        {"smederij": "3000000000", "year": "2026", "method": "assessment"},
    )

    assert response.status_code == 400
