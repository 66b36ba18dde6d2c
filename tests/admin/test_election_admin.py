"""The election in the admin: rounds, ideas and paper tallies to read; never a person's choice.

docs/decisions/0011-election-secrecy.md: nobody, administrators included, sees what a person
chose. The ballots and their choices are not in the admin, and neither is the participation
table, which points at the ballot while the window is open.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from projecten.models import (
    Ballot,
    BallotChoice,
    BallotVoter,
    ElectionIdea,
    ElectionRound,
    PaperTallyEntry,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Ballot, BallotChoice, BallotVoter], ids=lambda m: m.__name__)
def test_no_model_that_can_tie_a_voter_to_a_choice_is_in_the_admin(model):
    assert model not in admin.site._registry


def test_nothing_registered_in_the_admin_points_at_a_ballot():
    for model, model_admin in admin.site._registry.items():
        # Forward links only: a round has ballots, but its page does not list them.
        related = {
            field.related_model
            for field in model._meta.get_fields()
            if field.is_relation and field.concrete
        }
        assert not related & {Ballot, BallotChoice}, model
        for inline in model_admin.inlines:
            assert inline.model not in {Ballot, BallotChoice, BallotVoter}, model


@pytest.mark.parametrize(
    "model", [ElectionRound, ElectionIdea, PaperTallyEntry], ids=lambda m: m.__name__
)
def test_the_election_models_are_read_only_for_a_superuser(client, superuser, model):
    client.force_login(superuser)
    obj = {
        ElectionRound: factories.ElectionRoundFactory,
        ElectionIdea: factories.ElectionIdeaFactory,
        PaperTallyEntry: factories.PaperTallyEntryFactory,
    }[model]()
    name = f"admin:projecten_{model._meta.model_name}"

    assert client.get(reverse(f"{name}_add")).status_code == 403
    page = client.get(reverse(f"{name}_change", args=[obj.pk]))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert client.post(reverse(f"{name}_delete", args=[obj.pk])).status_code == 403


def test_the_round_list_shows_smederij_window_method_and_status(client, superuser):
    election_round = factories.ElectionRoundFactory()
    client.force_login(superuser)

    response = client.get(reverse("admin:projecten_electionround_changelist"))

    content = response.content.decode()
    assert election_round.smederij.name in content
    assert str(election_round.year) in content
    assert election_round.get_method_display() in content
    assert "open" in content.lower()
