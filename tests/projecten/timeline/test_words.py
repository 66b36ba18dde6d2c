"""Words that read right in Dutch: a subject per status, the count of ideas, one 'Vote' per
meaning."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from projecten.election.forms import BallotForm

SUBJECT = "emails/proposal_status_subject.txt"


@pytest.mark.parametrize(
    ("status", "subject"),
    [
        ("submitted", 'Uw aanvraag "Bankje" is ingediend'),
        ("in_review", 'Uw aanvraag "Bankje" wordt beoordeeld'),
        ("changes_requested", 'Er zijn wijzigingen gevraagd in uw aanvraag "Bankje"'),
        ("deciding", 'Er wordt besloten over uw aanvraag "Bankje"'),
        ("approved", 'Uw aanvraag "Bankje" is goedgekeurd'),
        ("rejected", 'Uw aanvraag "Bankje" is afgewezen'),
        ("in_progress", 'Uw project "Bankje" is begonnen'),
        ("accounted", 'De verantwoording van "Bankje" is ontvangen'),
        ("completed", 'Uw project "Bankje" is afgerond'),
        ("cancelled", 'Uw project "Bankje" is stopgezet'),
        ("withdrawn", 'Uw aanvraag "Bankje" is ingetrokken'),
    ],
)
def test_the_status_mail_subject_is_a_dutch_sentence_per_status(status, subject):
    with translation.override("nl"):
        rendered = render_to_string(SUBJECT, {"title": "Bankje", "status": status}).strip()
    assert rendered == subject
    assert " is nu " not in rendered


@pytest.mark.parametrize(
    ("n", "words"), [(1, "Kies hoogstens 1 idee."), (3, "Kies hoogstens 3 ideeën: elk één stem.")]
)
def test_the_ballot_counts_idea_and_ideas(n, words):
    template = Template(
        "{% load i18n %}{% blocktranslate count n=n with closes='1 maart' %}"
        "Choose at most {{ n }} idea. You can change your ballot until {{ closes }}; the last one "
        "counts. The ideas stand in an order of their own for each voter.{% plural %}"
        "Choose at most {{ n }} ideas: one vote each. You can change your ballot until "
        "{{ closes }}; the last one counts. The ideas stand in an order of their own for each "
        "voter.{% endblocktranslate %}"
    )
    with translation.override("nl"):
        assert template.render(Context({"n": n})).startswith(words)


def test_the_ballot_template_says_idea_for_one_vote():
    source = Path("projecten/templates/projecten/election/ballot_form.html").read_text("utf-8")
    assert "{% blocktranslate count n=election_round.votes_per_voter" in source


@pytest.mark.parametrize(
    ("context", "dutch"),
    [
        ("button that casts a vote", "Stem"),
        ("link to the ballot of an election", "Stemmen"),
        ("the assessment vote on a proposal", "Stemming"),
        ("the choice of one voter", "Stem"),
    ],
)
def test_each_vote_has_its_own_dutch(context, dutch):
    with translation.override("nl"):
        assert translation.pgettext(context, "Vote") == dutch


def test_too_many_ideas_is_said_with_the_right_number():
    class Idea:
        def __init__(self, pk):
            self.pk = pk
            self.proposal = type("P", (), {"title": f"Idee {pk}"})

    with translation.override("nl"):
        form = BallotForm(
            {"ideas": ["1", "2"], "age_confirmed": "on"},
            ideas=[Idea(1), Idea(2)],
            votes_per_voter=1,
            minimum_age=16,
        )
        assert not form.is_valid()
        assert form.errors["ideas"] == ["U kunt hoogstens 1 idee kiezen; u koos er 2."]
