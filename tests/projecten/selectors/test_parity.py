"""Parity: every list a user sees shows exactly what the permission on its objects allows.

One fixed world (no randomness): the roles of DESIGN.md towards Smederij A, Smederij A2
of the same wijkteam and Smederij B of another; proposals in every status in each of
them (some made for a group), assessment votes of both bodies open, due and closed,
election rounds with ideas, verantwoordingen. For every user and every object the
selector and the permission must agree; each case lists the objects they disagree on.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projecten.accounting import selectors as accounting_selectors
from projecten.election import selectors as election_selectors
from projecten.models import (
    AccountingStatus,
    AssessmentVote,
    ElectionRound,
    Proposal,
    VoteBody,
    VoteOutcome,
)
from projecten.proposals.selectors import proposals_visible_to
from projecten.review.selectors import review_queue
from projecten.votes.predicates import coordinates_vote, is_eligible_voter
from projecten.votes.selectors import votes_coordinated_by, votes_open_for
from projecten.workflow import ON_THE_BALLOT, ProposalStatus
from tests import factories
from tests.role_world import ROLES, handed_in_at, module_world

pytestmark = pytest.mark.django_db

S = ProposalStatus
# The roles of DESIGN.md, and a few that sit between them.
USERS = (
    *ROLES,
    "professional_of_both",  # in the wijkteams of A and of B
    "gebiedsregisseur_of_both",
    "moved_submitter",  # submitted in A, lives in B now
)
SMEDERIJEN = ("A", "A2", "B")


def parity_world(world):
    a, b = world.smederij, world.other_smederij
    a2 = factories.SmederijFactory(wijkteam=a.wijkteam)
    world.extra["smederijen"] = {"A": a, "A2": a2, "B": b}
    users = world.users
    users["professional_of_both"] = factories.WijkteamMembershipFactory(wijkteam=a.wijkteam).user
    factories.WijkteamMembershipFactory(user=users["professional_of_both"], wijkteam=b.wijkteam)
    users["gebiedsregisseur_of_both"] = factories.GebiedsregisseurAssignmentFactory(
        wijkteam=a.wijkteam
    ).user
    factories.GebiedsregisseurAssignmentFactory(
        user=users["gebiedsregisseur_of_both"], wijkteam=b.wijkteam
    )
    users["moved_submitter"] = factories.ResidentFactory(home_area=b.area)
    submitters = {
        "A": users["submitter"],
        "A2": factories.ResidentFactory(home_area=a2.area),
        "B": users["other_resident"],
    }
    groups = {
        name: factories.GroupFactory(area=s.area) for name, s in world.extra["smederijen"].items()
    }
    groups["A"] = world.group
    for name, smederij in world.extra["smederijen"].items():
        for i, status in enumerate(S):
            if name == "A":  # A's proposals by the submitter exist already; add some for a group
                factories.ProposalFactory(
                    smederij=smederij,
                    submitter=users["moved_submitter"] if i % 2 else users["submitter"],
                    group=groups[name],
                    status=status,
                    submitted_at=handed_in_at(status),
                )
                continue
            factories.ProposalFactory(
                smederij=smederij,
                submitter=submitters[name],
                group=groups[name] if i % 3 == 0 else None,
                status=status,
                submitted_at=handed_in_at(status),
            )
    _votes(world, groups)
    _rounds(world)
    _accountings(world, submitters)


def _votes(world, groups):
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
            "outcome": VoteOutcome.NO_QUORUM,
        },
    }
    # A closed vote of a proposal decided since, and one still being decided.
    cases = [(state, S.DECIDING) for state in moments] + [("closed", S.APPROVED)]
    for name, smederij in world.extra["smederijen"].items():
        for body in VoteBody:
            for with_group in (False, True):
                for state, status in cases:
                    own = {"submitter": world.user("submitter")} if name == "A" else {}
                    proposal = factories.ProposalFactory(
                        smederij=smederij,
                        **own,
                        group=groups[name] if with_group else None,
                        klap="korte" if body == VoteBody.INITIATIEFGROEP else "lange",
                        status=status,
                        submitted_at=now,
                    )
                    factories.AssessmentVoteFactory(proposal=proposal, body=body, **moments[state])


def _rounds(world):
    this_year = timezone.localdate().year
    for name, smederij in world.extra["smederijen"].items():
        years = (this_year, this_year - 1) if name == "A2" else (this_year,)
        for year in years:
            election_round = factories.ElectionRoundFactory(smederij=smederij, year=year)
            for status in sorted(ON_THE_BALLOT):
                factories.ElectionIdeaFactory(
                    election_round=election_round, proposal__status=status
                )


def _accountings(world, submitters):
    long_ago = timezone.localdate() - datetime.timedelta(weeks=10)
    for name, smederij in world.extra["smederijen"].items():
        for status in AccountingStatus:
            proposal = factories.ProposalFactory(
                smederij=smederij,
                submitter=submitters[name],
                status=S.ACCOUNTED,
                submitted_at=timezone.now(),
            )
            factories.AccountingFactory(proposal=proposal, status=status)
        for status in (S.APPROVED, S.IN_PROGRESS):  # running, end date long past, nothing filed
            factories.ProposalFactory(
                smederij=smederij,
                submitter=submitters[name],
                status=status,
                submitted_at=timezone.now(),
                start_date=long_ago - datetime.timedelta(days=30),
                end_date=long_ago,
            )


world = module_world(parity_world)


def disagreements(objects, listed, allowed):
    """The objects on which the list and the permission disagree, each with which says yes."""
    listed = set(listed)
    return sorted(
        (str(obj), "listed" if obj in listed else "allowed")
        for obj in objects
        if (obj in listed) != allowed(obj)
    )


@pytest.mark.parametrize("role", USERS)
def test_proposal_list_shows_exactly_the_proposals_the_user_may_open(world, role):
    user = world.user(role)
    proposals = list(Proposal.objects.select_related("smederij"))

    assert (
        disagreements(
            proposals,
            proposals_visible_to(user),
            lambda p: user.has_perm("projecten.view_proposal", p),
        )
        == []
    )


@pytest.mark.parametrize("role", USERS)
def test_review_queue_holds_exactly_the_proposals_the_user_reviews(world, role):
    # The queue holds every handed-in status (the page's filter defaults to those waiting for
    # the wijkteam), as `projecten.review_proposal` does; the lifecycle gates the buttons.
    user = world.user(role)
    proposals = list(Proposal.objects.select_related("smederij"))

    assert (
        disagreements(
            proposals,
            review_queue(user),
            lambda p: user.has_perm("projecten.review_proposal", p),
        )
        == []
    )


@pytest.mark.parametrize("role", USERS)
def test_vote_list_shows_the_votes_to_act_on_and_never_one_the_vote_page_refuses(world, role):
    """Stemmen (VoteListView) shows `votes_open_for` and `votes_coordinated_by` together: of the
    votes the vote page allows (`projecten.view_vote`), those still open in which the user is
    an eligible voter, and for the gebiedsregisseur the open ones and the closed ones whose
    proposal waits for the decision. A closed vote of the body is not listed, though its page
    opens; an open vote whose closing moment passed stays listed until the beat closes it."""
    user = world.user(role)
    votes = list(AssessmentVote.objects.select_related("proposal__smederij"))
    listed = {*votes_open_for(user), *votes_coordinated_by(user)}

    def to_act_on(vote):
        is_open = vote.closed_at is None
        return user.has_perm("projecten.view_vote", vote) and (
            (is_open and is_eligible_voter(user, vote))
            or (coordinates_vote(user, vote) and (is_open or vote.proposal.status == S.DECIDING))
        )

    assert disagreements(votes, listed, to_act_on) == []


@pytest.mark.parametrize("role", USERS)
def test_every_vote_a_user_can_cast_is_on_their_list(world, role):
    user = world.user(role)
    listed = set(votes_open_for(user))

    assert [
        str(vote)
        for vote in AssessmentVote.objects.select_related("proposal__smederij")
        if user.has_perm("projecten.cast_vote", vote) and vote not in listed
    ] == []


@pytest.mark.parametrize("name", SMEDERIJEN)
def test_round_list_of_a_smederij_is_public_and_holds_exactly_its_rounds(world, client, name):
    smederij = world.extra["smederijen"][name]
    response = client.get(reverse("projecten:election:round-list", args=[smederij.slug]))

    assert response.status_code == 200
    assert set(response.context["rounds"]) == set(ElectionRound.objects.filter(smederij=smederij))
    assert set(election_selectors.rounds_of(smederij)) == set(
        ElectionRound.objects.filter(smederij=smederij)
    )


@pytest.mark.parametrize("role", USERS)
def test_round_page_shows_the_ideas_exactly_to_who_may_see_them(world, client, role):
    user = world.user(role)
    if user.is_authenticated:
        client.force_login(user)
    shown_wrongly = []
    for election_round in ElectionRound.objects.select_related("smederij"):
        response = client.get(reverse("projecten:election:round-detail", args=[election_round.pk]))
        assert response.status_code == 200  # a round's page is public
        ideas = {idea.proposal for idea in response.context["ideas"]}
        may_see = user.has_perm("projecten.view_election_ideas", election_round)
        expected = {idea.proposal for idea in election_round.ideas.all()} if may_see else set()
        if ideas != expected:
            shown_wrongly.append(str(election_round))
        # The ideas link to their proposals: never to one the proposal page refuses.
        shown_wrongly += [str(p) for p in ideas if not user.has_perm("projecten.view_proposal", p)]

    assert shown_wrongly == []


@pytest.mark.parametrize("name", SMEDERIJEN)
@pytest.mark.parametrize("role", USERS)
def test_accounting_overview_opens_exactly_for_view_accountings_and_lists_its_smederij(
    world, client, role, name
):
    user, smederij = world.user(role), world.extra["smederijen"][name]
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(reverse("projecten:accounting-overview", args=[smederij.slug]))

    if not user.has_perm("projecten.view_accountings", smederij):
        assert response.status_code == (403 if user.is_authenticated else 302)
        return
    assert response.status_code == 200
    to_check = {accounting.proposal for accounting in response.context["to_check"]}
    assert to_check == set(
        Proposal.objects.filter(smederij=smederij, accounting__status=AccountingStatus.SUBMITTED)
    )
    late = set(response.context["late"])
    assert late == set(
        accounting_selectors.late_accountings(smederij=smederij, today=timezone.localdate())
    )
    assert {p.smederij for p in late} == {smederij}
    assert len(late) == 2
