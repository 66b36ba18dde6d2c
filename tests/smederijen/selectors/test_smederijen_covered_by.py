import pytest
from django.contrib.auth.models import AnonymousUser

from smederijen.predicates import covers_smederij
from smederijen.selectors import smederijen_covered_by
from tests import factories

pytestmark = pytest.mark.django_db


def test_professional_lists_exactly_the_smederijen_of_their_wijkteams(professional, smederij):
    sibling = factories.SmederijFactory(wijkteam=smederij.wijkteam)
    factories.SmederijFactory()  # another wijkteam

    assert set(smederijen_covered_by(professional)) == {smederij, sibling}


def test_gebiedsregisseur_of_two_wijkteams_lists_both(gebiedsregisseur, smederij, other_smederij):
    factories.GebiedsregisseurAssignmentFactory(
        user=gebiedsregisseur, wijkteam=other_smederij.wijkteam
    )

    assert set(smederijen_covered_by(gebiedsregisseur)) == {smederij, other_smederij}


def test_selector_agrees_with_the_permission_for_every_role(
    resident, initiatiefgroep_member, professional, gebiedsregisseur, stuurgroep_member, smederij
):
    everything = [smederij, *factories.SmederijFactory.create_batch(3)]
    for user in (
        resident,
        initiatiefgroep_member,
        professional,
        gebiedsregisseur,
        stuurgroep_member,
    ):
        listed = set(smederijen_covered_by(user))
        allowed = {s for s in everything if covers_smederij(user, s)}
        assert listed == allowed, user


def test_visitor_is_covered_by_nothing(smederij):
    assert not smederijen_covered_by(AnonymousUser()).exists()
