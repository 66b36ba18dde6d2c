"""The error pages: Dutch, in the site's layout, plain words, no debug detail, a way back."""

import pytest
from django.test import Client
from django.urls import reverse

from smederijen.models import Group

pytestmark = pytest.mark.django_db

LEAKS = ("secret detail", "Traceback", "Request Method", "settings.py", "DEBUG")


def _page(response) -> str:
    html = response.content.decode()
    for leak in LEAKS:
        assert leak not in html
    # The layout: the site name, and a way back to the start and to the Smederijen.
    assert "hoogeveen-sitename" in html
    assert f'href="{reverse("home")}"' in html
    assert f'href="{reverse("smederijen:smederij-list")}"' in html
    assert '<html lang="nl"' in html
    return html


def test_404_is_dutch_in_the_layout_with_the_menu(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = _page(response)
    assert "Pagina niet gevonden" in html
    assert "Hoofdmenu" in html  # the menu: the page is rendered with the request


def test_404_in_english_for_an_english_reader(client):
    client.cookies["django_language"] = "en"
    html = client.get("/bestaat-niet/").content.decode()
    assert "Page not found" in html
    assert "Pagina niet gevonden" not in html


def test_403_is_dutch_in_the_layout(client, resident):
    client.force_login(resident)
    response = client.get(reverse("projecten:review-queue"))
    assert response.status_code == 403
    html = _page(response)
    assert "Dit mag u niet doen" in html


@pytest.mark.urls("tests.views.error_urls")
def test_403_from_permission_denied_hides_the_reason(client):
    response = client.get("/verboden/")
    assert response.status_code == 403
    _page(response)


@pytest.mark.urls("tests.views.error_urls")
def test_400_is_dutch_without_detail(client):
    response = client.get("/verdacht/")
    assert response.status_code == 400
    html = _page(response)
    assert "Er is iets mis met het verzoek" in html


def test_400_for_a_host_that_is_not_ours(client):
    response = client.get("/", HTTP_HOST="aanvaller.example")
    assert response.status_code == 400
    assert "Er is iets mis met het verzoek" in _page(response)


@pytest.mark.urls("tests.views.error_urls")
def test_500_is_dutch_without_detail_and_without_the_request():
    client = Client(raise_request_exception=False)
    response = client.get("/kapot/")
    assert response.status_code == 500
    html = _page(response)
    assert "Er ging bij ons iets mis" in html
    # Rendered without the request: no menu, no forms that would need a session or token.
    assert "Hoofdmenu" not in html
    assert "<form" not in html


def test_csrf_failure_is_dutch_in_the_layout_and_saves_nothing(resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    response = client.post(
        reverse("smederijen:group-create"), {"name": "Buurtvereniging", "kind": "vereniging"}
    )
    assert response.status_code == 403
    html = _page(response)
    assert "Het formulier is verlopen" in html
    assert "CSRF" not in html
    assert not Group.objects.exists()
