"""The role matrix of the assessment votes.

See docs/decisions/0008-votes.md. Objects: for `projecten.open_vote` the proposals of A
in every status; for the others an AssessmentVote of the initiatiefgroep (korte klap)
and of the stuurgroep (lange klap) on a proposal of A made for the group of A's area,
each open, due (its closing moment passed, not closed by the beat yet) and closed.
One role more than elsewhere: an initiatiefgroep member who is in that group (a
conflict of interest: sees the vote page, may not vote).
"""

import datetime

import pytest
from django.utils import timezone

from projecten.models import VoteBody, VoteOutcome
from projecten.workflow import ProposalStatus as S
from tests import factories
from tests.role_world import ALL_STATUSES, ROLES, module_world, role_status_cases, statuses_where

pytestmark = pytest.mark.django_db

VOTE_ROLES = (*ROLES, "conflicted_member")
BODIES = tuple(VoteBody)
STATES = ("open", "due", "closed")


def with_votes(world):
    conflicted = factories.ResidentFactory(home_area=world.smederij.area)
    factories.InitiatiefgroepMembershipFactory(user=conflicted, smederij=world.smederij)
    factories.GroupMembershipFactory(group=world.group, user=conflicted)
    world.users["conflicted_member"] = conflicted
    now = timezone.now()
    moments = {
        "open": {"opened_at": now - datetime.timedelta(days=1)},
        "due": {
            "opened_at": now - datetime.timedelta(days=8),
            "closes_at": now - datetime.timedelta(minutes=1),
        },
        "closed": {
            "opened_at": now - datetime.timedelta(days=8),
            "closes_at": now - datetime.timedelta(days=1),
            "closed_at": now - datetime.timedelta(days=1),
            "outcome": VoteOutcome.ADOPTED,
        },
    }
    for body in BODIES:
        for state in STATES:
            proposal = factories.ProposalFactory(
                smederij=world.smederij,
                submitter=world.user("submitter"),
                group=world.group,
                klap="korte" if body == VoteBody.INITIATIEFGROEP else "lange",
                status=S.DECIDING,
                submitted_at=now,
            )
            world.extra[body, state] = factories.AssessmentVoteFactory(
                proposal=proposal, body=body, **moments[state]
            )


world = module_world(with_votes)

EVERY_STATE = frozenset(STATES)

# vote permission -> role -> body -> the states of the vote in which the role holds it
VOTE_MATRIX = {
    # The vote page: the gebiedsregisseur and the members of the voting body (a member with a
    # conflict of interest too, to read why they cannot vote), open or closed.
    "projecten.view_vote": {
        "gebiedsregisseur": {
            VoteBody.INITIATIEFGROEP: EVERY_STATE,
            VoteBody.STUURGROEP: EVERY_STATE,
        },
        "initiatiefgroep_member": {VoteBody.INITIATIEFGROEP: EVERY_STATE},
        "conflicted_member": {VoteBody.INITIATIEFGROEP: EVERY_STATE},
        "stuurgroep_member": {VoteBody.STUURGROEP: EVERY_STATE},
    },
    # Casting: an eligible member of the body, before the closing moment.
    "projecten.cast_vote": {
        "initiatiefgroep_member": {VoteBody.INITIATIEFGROEP: {"open"}},
        "stuurgroep_member": {VoteBody.STUURGROEP: {"open"}},
    },
    # Who voted what: the deciders; the stuurgroep its own votes.
    "projecten.view_vote_choices": {
        "gebiedsregisseur": {
            VoteBody.INITIATIEFGROEP: EVERY_STATE,
            VoteBody.STUURGROEP: EVERY_STATE,
        },
        "stuurgroep_member": {VoteBody.STUURGROEP: EVERY_STATE},
    },
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("role", VOTE_ROLES)
@pytest.mark.parametrize("permission", VOTE_MATRIX)
def test_role_holds_vote_permission_only_in_its_bodies_and_states(
    world, permission, role, body, state
):
    user, vote = world.user(role), world.extra[body, state]
    expected = state in VOTE_MATRIX[permission].get(role, {}).get(body, set())

    assert user.has_perm(permission, vote) is expected


# proposal permission -> role -> the statuses in which the role holds it (absent: none)
PROPOSAL_MATRIX = {
    # Opening a vote: the gebiedsregisseur, once the wijkteam reviewed (or a new round while
    # deciding); whether one can open now is `votes.selectors.vote_open_refusal`.
    "projecten.open_vote": {"gebiedsregisseur": ALL_STATUSES},
}


@pytest.mark.parametrize(("permission", "role", "status"), role_status_cases(PROPOSAL_MATRIX))
def test_only_the_gebiedsregisseur_opens_a_vote_and_only_in_its_statuses(
    world, permission, role, status
):
    user, proposal = world.user(role), world.proposals[status]
    expected = status in statuses_where(PROPOSAL_MATRIX[permission], role)

    assert user.has_perm(permission, proposal) is expected
