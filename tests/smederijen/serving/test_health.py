"""/healthz says the process is up without the database; /readyz asks the database and the
broker and answers 503 when one is gone, without naming where they are (issue 15, item 3)."""

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db

BROKER_PASSWORD = "geheim-wachtwoord-42"


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ok_when_the_database_answers_and_there_is_no_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.redis
def test_readyz_asks_the_broker_too(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}


def test_readyz_is_503_when_the_broker_does_not_answer_and_names_no_secret(client, settings):
    settings.CELERY_BROKER_URL = f"redis://:{BROKER_PASSWORD}@127.0.0.1:1/0"
    settings.READYZ_TIMEOUT = 0.5
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "broker": "unavailable"},
    }
    body = response.content.decode()
    assert BROKER_PASSWORD not in body and "127.0.0.1" not in body


def test_readyz_is_503_when_the_database_does_not_answer(client, settings, monkeypatch):
    from smederijen.serving import views

    settings.CELERY_BROKER_URL = ""

    class Broken:
        def cursor(self):
            raise OperationalError("connection to server at 10.0.0.3 failed: password wrong")

    monkeypatch.setattr(views, "connections", {"default": Broken()})
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "unavailable"}
    assert "10.0.0.3" not in response.content.decode()


def test_health_checks_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301
