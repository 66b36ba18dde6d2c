"""The timeline is written in the reader's language from one stored row (codes and values);
what a person typed stays as typed; rows from before the codes are shown as stored."""

# The fixtures imported from tests.projecten.decisions_fixtures are parameters of the tests.
# ruff: noqa: F811

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.utils import translation

from projecten.common import timeline
from projecten.decisions.services import proposal_approve
from projecten.models import EventKind, ProposalEvent
from projecten.money.services import advance_pay, payment_record
from projecten.review.services import proposal_request_changes
from tests import factories
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    closed_vote,
    deciding,
    in_june_2013,
    make_deciding,
    share,
)

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "projecten.migrations.0011_timeline_events_in_the_readers_language"
)


@pytest.fixture
def approved(deciding, gebiedsregisseur):
    proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")
    deciding.refresh_from_db()
    return deciding


def test_a_payment_recorded_in_english_reads_dutch_to_a_dutch_reader(approved, gebiedsregisseur):
    with translation.override("en"):
        advance_pay(proposal=approved, actor=gebiedsregisseur, amount="200.00")
        payment_record(proposal=approved, actor=gebiedsregisseur, amount="20.00")
    event = approved.events.filter(kind=EventKind.MONEY).last()
    assert (event.what, event.data, event.message) == (timeline.PAYMENT, {"amount": "20.00"}, "")
    with translation.override("nl"):
        assert event.text == "Betaling: €\u00a020,00."
    with translation.override("en"):
        assert event.text == "Payment: €\u00a020,00."


def test_a_typed_reason_is_kept_as_typed_beside_the_sentence(approved, gebiedsregisseur):
    with translation.override("en"):
        advance_pay(
            proposal=approved,
            actor=gebiedsregisseur,
            amount="800.00",
            override_reason="Het podium moet vooraf betaald.",
        )
    event = approved.events.filter(kind=EventKind.MONEY).get()
    assert event.message == "Het podium moet vooraf betaald."
    with translation.override("nl"):
        assert (
            event.text == "Voorschot betaald: €\u00a0800,00, meer dan de helft van de toekenning."
        )


def test_the_proposal_page_writes_the_timeline_in_the_readers_language(client):
    proposal = factories.ProposalFactory()
    ProposalEvent.objects.create(
        proposal=proposal,
        kind=EventKind.MONEY,
        what=timeline.PAYMENT,
        data={"amount": "1234.50"},
    )
    client.force_login(proposal.submitter)
    url = proposal.get_absolute_url()
    dutch = client.get(url, headers={"accept-language": "nl"}).content.decode()
    assert "Betaling: €\u00a01.234,50." in dutch and "Payment" not in dutch
    client.cookies["django_language"] = "en"
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Payment: €\u00a01.234,50." in english


def test_an_unknown_code_or_bad_values_render_nothing_not_an_error():
    assert timeline.describe("from_a_later_release", {"x": 1}) == ""
    assert timeline.describe(timeline.PAYMENT, {"amount": "not money"}) == ""
    assert timeline.describe("", {}) == ""


def test_vote_counts_are_grouped_the_dutch_way():
    data = {"for": 1200, "against": 3, "abstain": 1, "eligible": 1500, "outcome": "adopted"}
    with translation.override("nl"):
        text = timeline.describe(timeline.VOTE_CLOSED, data)
    assert "Voor: 1.200" in text and "onthoudingen: 1" in text
    assert "van 1.500 stemgerechtigden" in text


# --- the migration of old rows ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "what", "data"),
    [
        ("Payment: € 20,00.", "payment", {"amount": "20.00"}),
        ("Betaling: € 1.234,56.", "payment", {"amount": "1234.56"}),
        ("Released to the pot: € 300,00.", "released", {"amount": "300.00"}),
        ("Goedgekeurd: € 1.000,00 toegekend.", "approved", {"amount": "1000.00"}),
        ("Deferred to 2014.", "deferred", {"year": 2014}),
        ("Heeft gestemd.", "voted", {}),
        ("Bijlage toegevoegd: lijst.pdf", "attachment_added", {"name": "lijst.pdf"}),
    ],
)
def test_the_migration_reads_the_sentences_the_old_code_wrote(message, what, data):
    assert migration.parse(message) == (what, data, "")


def test_the_migration_keeps_the_typed_reason_of_an_advance_above_half():
    old = "Advance paid: € 800,00. More than half of the grant, because: Podium vooraf."
    assert migration.parse(old) == (
        "advance_paid",
        {"amount": "800.00", "over_half": True},
        "Podium vooraf.",
    )
    held_back = "Held back from the ballot of the Smederij election: Geen sociale kant."
    assert migration.parse(held_back) == ("held_back", {}, "Geen sociale kant.")


def test_the_migration_turns_known_rows_into_codes_and_keeps_the_rest_as_stored():
    proposal = factories.ProposalFactory()
    old = ProposalEvent.objects.create(
        proposal=proposal, kind=EventKind.MONEY, message="Payment: € 20,00."
    )
    typed = ProposalEvent.objects.create(
        proposal=proposal, kind=EventKind.STATUS, message="Te duur voor wat het oplevert."
    )
    migration.forward(apps, None)
    old.refresh_from_db()
    typed.refresh_from_db()
    assert (old.what, old.data, old.message) == ("payment", {"amount": "20.00"}, "")
    with translation.override("nl"):
        assert old.text == "Betaling: €\u00a020,00."
    assert (typed.what, typed.message) == ("", "Te duur voor wat het oplevert.")
    assert typed.text == ""


# --- mail in the recipient's language ---------------------------------------------------------


def test_a_status_mail_is_dutch_even_when_the_actor_speaks_english(
    submitted, professional, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        proposal_request_changes(
            proposal=submitted, actor=professional, message="Graag een begroting."
        )
    (message,) = [m for m in mail.outbox if submitted.submitter.email in m.to]
    assert message.subject == f'Er zijn wijzigingen gevraagd in uw aanvraag "{submitted.title}"'
    assert "wijzigingen gevraagd" in message.body and "Graag een begroting." in message.body
