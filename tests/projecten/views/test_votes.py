"""Pages of the vote: the role matrix of each, voting through the form, fixed queries, secrecy."""

# The fixtures imported from tests.projecten.votes_fixtures are parameters of the tests.
# ruff: noqa: F811

import datetime

import pytest
from django.urls import reverse

from projecten.models import AssessmentVote, ProposalStatus, VoteCast
from projecten.votes.services import vote_cast, vote_close, vote_open
from tests import factories
from tests.projecten.roles import ROLES, login
from tests.projecten.votes_fixtures import (  # noqa: F401 (fixtures)
    CLOSES,
    START,
    clock,
    in_review,
    lange_in_review,
    member,
    voters,
)

pytestmark = pytest.mark.django_db
ALL_ROLES = (*ROLES, "submitter")
SECRET = "GEHEIME-MOTIVATIE"


def login_as(client, role, request, smederij, other_smederij):
    if role == "submitter":
        user = request.getfixturevalue("resident")
        client.force_login(user)
        return user
    return login(client, role, smederij, other_smederij)


@pytest.fixture
def vote(in_review, gebiedsregisseur):
    return vote_open(proposal=in_review, actor=gebiedsregisseur, closes_at=CLOSES)


# --- role matrices ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_vote_list_needs_login_only(client, role, request, smederij, other_smederij, clock):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:vote-list"))
    assert response.status_code == (302 if role == "visitor" else 200)


OPEN_EXPECTED = {
    "visitor": 302,
    "resident": 403,
    "other_resident": 404,
    "initiatiefgroep_member": 403,
    "professional": 403,
    "other_professional": 404,
    "gebiedsregisseur": 200,
    "stuurgroep_member": 403,
    "submitter": 403,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_open_vote_page_role_matrix(client, role, request, smederij, other_smederij, in_review):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:vote-open", args=[in_review.pk]))
    assert response.status_code == OPEN_EXPECTED[role]


DETAIL_EXPECTED = {
    "visitor": 302,
    "resident": 403,
    "other_resident": 404,
    "initiatiefgroep_member": 200,
    "professional": 403,
    "other_professional": 404,
    "gebiedsregisseur": 200,
    "stuurgroep_member": 403,
    "submitter": 403,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_vote_page_role_matrix(client, role, request, smederij, other_smederij, vote):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:vote-detail", args=[vote.pk]))
    assert response.status_code == DETAIL_EXPECTED[role]


STUURGROEP_EXPECTED = {**DETAIL_EXPECTED, "initiatiefgroep_member": 403, "stuurgroep_member": 200}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_stuurgroep_vote_page_role_matrix(
    client, role, request, smederij, other_smederij, lange_in_review, gebiedsregisseur
):
    vote = vote_open(proposal=lange_in_review, actor=gebiedsregisseur, closes_at=CLOSES)
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:vote-detail", args=[vote.pk]))
    assert response.status_code == STUURGROEP_EXPECTED[role]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_casting_role_matrix(client, role, request, smederij, other_smederij, vote):
    user = login_as(client, role, request, smederij, other_smederij)
    response = client.post(
        reverse("projecten:vote-detail", args=[vote.pk]), {"choice": "for", "motivation": ""}
    )
    allowed = role == "initiatiefgroep_member"
    refused = 404 if DETAIL_EXPECTED[role] == 404 else 403
    assert response.status_code == (302 if allowed or role == "visitor" else refused)
    assert VoteCast.objects.filter(vote=vote).exists() == allowed
    if allowed:
        assert VoteCast.objects.get().voter == user


# --- opening and voting through the forms -------------------------------------------------------


def test_gebiedsregisseur_opens_the_vote_through_the_form(client, gebiedsregisseur, in_review):
    client.force_login(gebiedsregisseur)
    response = client.post(
        reverse("projecten:vote-open", args=[in_review.pk]),
        {"closes_at": "2013-03-08T20:00", "quorum": "60"},
    )
    vote = AssessmentVote.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("projecten:vote-detail", args=[vote.pk])
    assert vote.closes_at == datetime.datetime(2013, 3, 8, 20, 0, tzinfo=CLOSES.tzinfo)
    assert str(vote.quorum) == "0.60"
    in_review.refresh_from_db()
    assert in_review.status == ProposalStatus.DECIDING


def test_open_form_keeps_the_input_and_says_the_moment_is_too_soon(
    client, gebiedsregisseur, in_review
):
    client.force_login(gebiedsregisseur)
    response = client.post(
        reverse("projecten:vote-open", args=[in_review.pk]),
        {"closes_at": "2013-03-01T12:30", "quorum": "50"},
    )
    assert response.status_code == 400
    assert "closes_at" in response.context["form"].errors
    assert 'value="2013-03-01T12:30"' in response.content.decode()
    assert not AssessmentVote.objects.exists()


def test_open_form_refuses_an_election_smederij_with_a_message(
    client, gebiedsregisseur, in_review, smederij
):
    from projecten.models import DecisionMethod

    DecisionMethod.objects.create(smederij=smederij, year=2013, method="election")
    client.force_login(gebiedsregisseur)
    response = client.post(
        reverse("projecten:vote-open", args=[in_review.pk]),
        {"closes_at": "2013-03-08T20:00", "quorum": "50"},
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()


def test_member_votes_sees_their_choice_and_changes_it(client, vote, smederij):
    voter = member(smederij)
    client.force_login(voter)
    url = reverse("projecten:vote-detail", args=[vote.pk])
    client.post(url, {"choice": "for", "motivation": "Mooi plan."})
    page = client.get(url).content.decode()
    assert 'data-my-choice="for"' in page
    assert "8 maart 2013, 12:00" in page
    client.post(url, {"choice": "against", "motivation": ""})
    assert VoteCast.objects.get().choice == "against"


def test_voting_after_the_closing_moment_says_so(client, vote, smederij, clock):
    voter = member(smederij)
    client.force_login(voter)
    clock.move_to(CLOSES)
    response = client.post(
        reverse("projecten:vote-detail", args=[vote.pk]), {"choice": "for", "motivation": ""}
    )
    assert response.status_code == 400
    assert [e.code for e in response.context["form"].errors.as_data()["__all__"]] == ["closed"]
    assert not VoteCast.objects.exists()


def test_an_invalid_choice_keeps_the_motivation(client, vote, smederij):
    client.force_login(member(smederij))
    response = client.post(
        reverse("projecten:vote-detail", args=[vote.pk]), {"choice": "", "motivation": "Waarom"}
    )
    assert response.status_code == 400
    assert "choice" in response.context["form"].errors
    assert "Waarom" in response.content.decode()


# --- secrecy: choices are for the deciders ------------------------------------------------------


def _voted_and_closed(vote, smederij):
    people = [member(smederij) for _ in range(3)]
    for person, choice in zip(people, ["for", "against", "for"], strict=True):
        vote_cast(vote=vote, actor=person, choice=choice, motivation=f"{SECRET} {choice}")
    vote_close(vote=vote)
    return people


def test_gebiedsregisseur_sees_who_voted_what(client, vote, smederij, gebiedsregisseur):
    people = _voted_and_closed(vote, smederij)
    client.force_login(gebiedsregisseur)
    page = client.get(reverse("projecten:vote-detail", args=[vote.pk])).content.decode()
    assert "data-casts" in page
    assert SECRET in page
    assert all(person.display_name in page for person in people)


def test_stuurgroep_sees_who_voted_what_in_its_own_vote(
    client, lange_in_review, gebiedsregisseur, stuurgroep_member
):
    vote = vote_open(proposal=lange_in_review, actor=gebiedsregisseur, closes_at=CLOSES)
    other = factories.StuurgroepMembershipFactory().user
    vote_cast(vote=vote, actor=other, choice="against", motivation=SECRET)
    factories.CoFundingFactory(proposal=lange_in_review, status="promised", source="Fonds X")
    client.force_login(stuurgroep_member)
    page = client.get(reverse("projecten:vote-detail", args=[vote.pk])).content.decode()
    assert "data-casts" in page and SECRET in page
    assert "data-co-funding" in page and "Fonds X" in page


@pytest.mark.parametrize("role", ["resident", "initiatiefgroep_member", "submitter", "visitor"])
def test_others_never_see_a_choice_on_the_proposal_page_or_timeline(
    client, role, request, vote, smederij, other_smederij
):
    _voted_and_closed(vote, smederij)
    proposal = vote.proposal
    # Funded proposals are public: the visitor sees the page too.
    proposal.status = ProposalStatus.APPROVED
    proposal.save(update_fields=["status"])
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-vote-counts" in page
    assert SECRET not in page
    assert "data-casts" not in page
    for event in proposal.events.filter(kind="vote", actor__isnull=False).exclude(
        actor=proposal.votes.get().opened_by
    ):
        words = (event.text + " " + event.message).lower().replace(".", "").split()
        assert not {"for", "against", "abstain", "voor", "tegen", "onthouding"} & set(words)


def test_a_voter_sees_only_their_own_choice(client, vote, smederij):
    _voted_and_closed(vote, smederij)
    me = member(smederij)
    client.force_login(me)
    page = client.get(reverse("projecten:vote-detail", args=[vote.pk])).content.decode()
    assert SECRET not in page
    assert "data-casts" not in page
    assert "data-vote-counts" in page


def test_counts_are_not_on_the_proposal_page_while_the_vote_is_open(client, vote, smederij):
    vote_cast(vote=vote, actor=member(smederij), choice="for")
    client.force_login(factories.ResidentFactory(home_area=smederij.area))
    page = client.get(vote.proposal.get_absolute_url()).content.decode()
    assert "data-vote-counts" not in page


# --- fixed queries ------------------------------------------------------------------------------


def _open_votes(smederij, regisseur, count):
    for _ in range(count):
        proposal = factories.ProposalFactory(
            smederij=smederij, status="in_review", submitted_at=START, year=2013
        )
        vote_open(proposal=proposal, actor=regisseur, closes_at=CLOSES)


def test_vote_list_issues_a_fixed_number_of_queries(
    client, clock, smederij, gebiedsregisseur, initiatiefgroep_member, django_assert_max_num_queries
):
    for user in (initiatiefgroep_member, gebiedsregisseur):
        client.force_login(user)
        _open_votes(smederij, gebiedsregisseur, 1)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("projecten:vote-list"))
        assert response.status_code == 200
        _open_votes(smederij, gebiedsregisseur, 19)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("projecten:vote-list"))
        rows = (
            response.context["votes"]
            if user == initiatiefgroep_member
            else response.context["coordinated"]
        )
        assert len(rows) >= 20
        AssessmentVote.objects.all().delete()


def test_vote_page_issues_a_fixed_number_of_queries(
    client, vote, smederij, gebiedsregisseur, django_assert_max_num_queries
):
    client.force_login(gebiedsregisseur)
    url = reverse("projecten:vote-detail", args=[vote.pk])
    vote_cast(vote=vote, actor=member(smederij), choice="for")
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
    for _ in range(19):
        vote_cast(vote=vote, actor=member(smederij), choice="against")
        factories.CoFundingFactory(proposal=vote.proposal)
        factories.BudgetLineFactory(proposal=vote.proposal)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert len(response.context["casts"]) == 20


def test_proposal_page_with_votes_issues_a_fixed_number_of_queries(
    client, vote, smederij, gebiedsregisseur, django_assert_max_num_queries
):
    """The vote part adds a fixed number of queries, however many votes and rounds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(gebiedsregisseur)
    url = vote.proposal.get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for _ in range(20):
        member(smederij)
    # Nobody voted: no quorum, so a new round opens (only then may one: vote_open_refusal).
    vote_close(vote=vote)
    vote_open(proposal=vote.proposal, actor=gebiedsregisseur, closes_at=CLOSES)
    with django_assert_max_num_queries(len(first)):
        page = client.get(url).content.decode()
    assert reverse("projecten:vote-detail", args=[vote.pk]) in page
    assert sum("projecten_assessmentvote" in q["sql"] for q in first.captured_queries) == 1


def test_navigation_shows_votes_to_voters_only(client, clock, initiatiefgroep_member, resident):
    client.force_login(initiatiefgroep_member)
    assert reverse("projecten:vote-list") in client.get(reverse("home")).content.decode()
    client.force_login(resident)
    assert reverse("projecten:vote-list") not in client.get(reverse("home")).content.decode()


# Real commits: the last vote closes the vote in an on_commit callback, before the view goes on.
@pytest.mark.django_db(transaction=True)
def test_the_message_after_voting_says_whether_the_vote_is_still_open(client, vote, smederij):
    first, last = member(smederij), member(smederij)
    url = reverse("projecten:vote-detail", args=[vote.pk])
    client.cookies["django_language"] = "nl"
    client.force_login(first)
    page = client.post(url, {"choice": "for"}, follow=True).content.decode()
    assert "U kunt uw stem wijzigen tot de stemming sluit." in page
    client.force_login(last)
    page = client.post(url, {"choice": "for"}, follow=True).content.decode()
    vote.refresh_from_db()
    assert vote.closed_at is not None
    assert "Iedereen heeft gestemd, dus de stemming is gesloten. Uitslag: aangenomen." in page
    assert "tot de stemming sluit" not in page
