"""The privacy page: reachable by links from the home page and the registration page, in
plain Dutch, and it says what is stored, why, how long, who sees it, the rights and whom
to ask."""

import re

import pytest

pytestmark = pytest.mark.django_db

PRIVACY = "/smederijen/over/privacy/"


def links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_the_privacy_page_is_linked_from_the_home_page(client):
    home = client.get("/")
    assert PRIVACY in links(home.content.decode())
    assert client.get(PRIVACY).status_code == 200


def test_the_registration_page_links_to_the_privacy_page(client):
    assert PRIVACY in links(client.get("/smederijen/account/registreren/").content.decode())


def test_the_privacy_page_says_what_why_how_long_who_and_the_rights(client):
    page = client.get(PRIVACY).content.decode()
    for heading in ("Wat we bewaren", "Waarom", "Wie het ziet", "Hoe lang", "Uw rechten"):
        assert heading in page, heading
    assert "functionaris gegevensbescherming" in page
    assert "Gemeente Hoogeveen" in page or "gemeente Hoogeveen" in page
    assert "zeven jaar" in page
    assert "Autoriteit Persoonsgegevens" in page


def test_the_account_page_leads_to_the_download_and_the_erasure(client, resident):
    client.force_login(resident)
    found = links(client.get("/smederijen/account/gegevens/").content.decode())
    assert {"/smederijen/account/gegevens/downloaden/", "/smederijen/account/verwijderen/"} <= found
