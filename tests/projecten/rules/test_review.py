"""The role matrix of the wijkteam's review: taking a proposal up, advice, and how a Smederij decides.

See docs/decisions/0007-review-and-advice.md: the professionals of the covering
wijkteam advise, the gebiedsregisseur coordinates, the deciders read the advice,
other residents of the area only how often it was given, visitors nothing.
"""

import pytest

from projecten import workflow
from tests.role_world import (
    module_world,
    role_cases,
    role_object_cases,
    role_status_cases,
    statuses_where,
)

pytestmark = pytest.mark.django_db

world = module_world()

HANDED_IN = frozenset(workflow.HANDED_IN_STATUSES)

# proposal permission -> role -> the statuses in which the role holds it (absent: none)
PROPOSAL_MATRIX = {
    # Who reviews (start review, ask for changes); when is the lifecycle's (`can_move`).
    "projecten.review_proposal": dict.fromkeys(("professional", "gebiedsregisseur"), HANDED_IN),
    # Only the professionals advise; the service keeps it to `workflow.OPEN_FOR_ADVICE`.
    "projecten.advise_proposal": {"professional": HANDED_IN},
    "projecten.view_advice": dict.fromkeys(
        (
            "submitter",
            "initiatiefgroep_member",
            "professional",
            "gebiedsregisseur",
            "stuurgroep_member",
        ),
        HANDED_IN,
    ),
    # Who lives in the area (an unverified account too) sees how often advice was given.
    "projecten.view_advice_count": dict.fromkeys(
        ("unverified", "resident", "submitter", "initiatiefgroep_member"), HANDED_IN
    ),
}


@pytest.mark.parametrize(("permission", "role", "status"), role_status_cases(PROPOSAL_MATRIX))
def test_role_reviews_only_in_its_statuses(world, permission, role, status):
    user, proposal = world.user(role), world.proposals[status]
    expected = status in statuses_where(PROPOSAL_MATRIX[permission], role)

    assert user.has_perm(permission, proposal) is expected


# Smederij permission -> role -> the Smederijen (A, B) on which the role holds it.
SMEDERIJ_MATRIX = {
    "projecten.set_decision_method": {"gebiedsregisseur": {"A"}, "other_gebiedsregisseur": {"B"}},
}


@pytest.mark.parametrize(
    ("permission", "role", "name"), role_object_cases(SMEDERIJ_MATRIX, ("A", "B"))
)
def test_role_sets_how_only_its_smederijen_decide(world, permission, role, name):
    user = world.user(role)
    expected = name in SMEDERIJ_MATRIX[permission].get(role, set())

    assert user.has_perm(permission, world.smederij_named(name)) is expected


# Permission without object -> the roles that hold it.
GLOBAL_MATRIX = {
    "projecten.view_review_queue": {
        "professional",
        "other_professional",
        "gebiedsregisseur",
        "other_gebiedsregisseur",
    },
    "projecten.view_decision_methods": {"gebiedsregisseur", "other_gebiedsregisseur"},
}


@pytest.mark.parametrize(("permission", "role"), role_cases(GLOBAL_MATRIX))
def test_role_has_the_review_pages_without_object(world, permission, role):
    assert world.user(role).has_perm(permission) is (role in GLOBAL_MATRIX[permission])
