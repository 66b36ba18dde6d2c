import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_dutch_first(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response["Content-Language"] == "nl"
    assert b'lang="nl"' in response.content


def test_the_language_switch_gives_english_and_it_stays(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("home"))

    assert response["Content-Language"] == "en"
    assert b'lang="en"' in response.content


def test_an_unknown_language_cookie_falls_back_to_dutch(client):
    client.cookies["django_language"] = "de"
    assert client.get(reverse("home"))["Content-Language"] == "nl"
