"""A resident downloads their own data: all of it, nobody else's, and never a ballot's content."""

import json

import pytest

from projecten.models import Ballot, BallotChoice
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/smederijen/account/gegevens/downloaden/"


@pytest.fixture
def download(client, world):
    client.force_login(world["jan"])
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    return text, json.loads(text)


def test_the_export_holds_the_account_and_the_memberships(download, smederij):
    _text, data = download
    assert data["account"]["email"] == "jan@example.org"
    assert data["account"]["display_name"] == "Jan de Vries"
    assert data["account"]["home_area"] == smederij.area.name
    assert [m["smederij"] for m in data["memberships"]["initiatiefgroep"]] == [smederij.name]
    assert [m["group"] for m in data["memberships"]["groups"]] == ["Buurtvereniging Krakeel"]
    assert data["notifications"]["stored"] == []


def test_the_export_holds_what_the_resident_did(download, smederij):
    _text, data = download
    mine = data["projecten"]
    assert {p["title"] for p in mine["proposals"]} == {
        "Jeu de boules baan",
        "Mijn geheime concept",
        "Speeltuin opknappen",
    }
    assert [c["comment"] for c in mine["comments"]] == ["Mooi plan, buurvrouw!"]
    assert [s["proposal"]["title"] for s in mine["supports"]] == ["Bankje van de buurvrouw"]
    (vote,) = mine["assessment_votes"]
    assert vote["motivation"] == "Goed voor de wijk"
    assert {a["file_name"] for a in mine["attachments"]} == {
        "mijn-tuin.png",
        "concept.pdf",
        "bon-bouwmarkt.pdf",
        "voor-de-opknapbeurt.png",
    }
    assert [v["smederij"] for v in mine["elections"]["voted_in"]] == [smederij.name]


def test_the_export_holds_nobody_elses_data(download, neighbour):
    text, _data = download
    for secret in (
        neighbour.display_name,
        neighbour.email,
        "Geheim van de buurvrouw",
        "buurvrouw.png",
        "against",
    ):
        assert secret not in text


def test_the_export_says_that_the_resident_voted_never_what(download, world):
    text, data = download
    (voted,) = data["projecten"]["elections"]["voted_in"]
    assert set(voted) == {"smederij", "year", "first_voted_at"}
    # Neither the ballot's key, nor the idea chosen, nor the receipt.
    for ballot in Ballot.objects.filter(election_round=world["election"]):
        assert str(ballot.pk) not in text
    for choice in BallotChoice.objects.all():
        assert choice.idea.proposal.title not in text
    assert world["jan_voted"].receipt_code not in text


def test_the_export_is_for_the_logged_in_person_only(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_export_of_a_new_account_is_nearly_empty(client):
    user = factories.ResidentFactory()
    client.force_login(user)
    data = client.get(URL).json()
    assert data["projecten"]["proposals"] == []
    assert data["memberships"]["initiatiefgroep"] == []


def test_every_app_with_personal_data_has_a_part_in_the_export(client):
    from smederijen.privacy.registry import hooks

    assert {hook.name for hook in hooks()} == {"projecten"}
    client.force_login(factories.ResidentFactory())
    data = client.get(URL).json()
    assert {hook.name for hook in hooks()} <= set(data)
