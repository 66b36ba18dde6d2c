"""The membership facts the predicates decide on: read once per user object, never shared."""

import pytest

from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_group_member_of_area,
    is_professional_covering,
)
from smederijen.roles import forget_memberships, roles_of
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_facts_are_read_once_for_many_questions(
    smederij, gebiedsregisseur, django_assert_num_queries
):
    with django_assert_num_queries(1):  # every membership fact, in one query
        for _ in range(5):
            assert is_gebiedsregisseur_of(gebiedsregisseur, smederij)
            assert not is_professional_covering(gebiedsregisseur, smederij)


def test_another_user_object_reads_its_own_facts(smederij, gebiedsregisseur):
    assert is_gebiedsregisseur_of(gebiedsregisseur, smederij)
    outsider = factories.UserFactory()

    assert not is_gebiedsregisseur_of(outsider, smederij)


def test_forgetting_reads_a_new_membership(smederij):
    user = factories.UserFactory()
    assert not is_professional_covering(user, smederij)
    assert not roles_of(user).is_professional
    factories.WijkteamMembershipFactory(user=user, wijkteam=smederij.wijkteam)

    forget_memberships(user)

    assert is_professional_covering(user, smederij)
    assert roles_of(user).is_professional


def test_group_membership_is_read_once_for_every_smederij_asked(django_assert_num_queries):
    """A page of many Smederijen (Mijn overzicht of a gebiedsregisseur) asks it of each."""
    member = factories.GroupMembershipFactory().user
    own = factories.SmederijFactory(area=member.group_memberships.get().group.area)
    others = factories.SmederijFactory.create_batch(3)
    with django_assert_num_queries(1):
        assert is_group_member_of_area(member, own)
        assert not any(is_group_member_of_area(member, smederij) for smederij in others)
