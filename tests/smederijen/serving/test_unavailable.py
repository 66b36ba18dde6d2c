"""The database gone for a moment gives the Dutch 503 page, wherever the error is raised
(issue 15, item 5)."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def assert_dutch_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    body = response.content.decode()
    assert "De site is even niet beschikbaar" in body
    assert "Traceback" not in body and "OperationalError" not in body


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_error_in_a_view_is_a_dutch_503(monkeypatch, error):
    from smederijen import views

    def broken(*args, **kwargs):
        raise error("server closed the connection unexpectedly")

    monkeypatch.setattr(views.HomeView, "get", broken)
    assert_dutch_503(Client(raise_request_exception=False).get(reverse("home")))


def test_a_database_error_in_a_middleware_is_a_dutch_503_too(monkeypatch, settings):
    from smederijen import middleware

    def broken(self, request):
        raise OperationalError("the database system is shutting down")

    settings.DEBUG = False
    monkeypatch.setattr(middleware.DutchFirstLocaleMiddleware, "__call__", broken)
    assert_dutch_503(Client(raise_request_exception=False).get(reverse("home")))


def test_any_other_error_stays_a_500(monkeypatch, settings):
    from smederijen import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    settings.DEBUG = False
    monkeypatch.setattr(views.HomeView, "get", broken)
    response = Client(raise_request_exception=False).get(reverse("home"))
    assert response.status_code == 500
