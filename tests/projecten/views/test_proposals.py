"""The resident's own pages: new proposal, edit, detail with timeline, withdraw, my proposals."""

# The fixtures imported from tests.projecten.decisions_fixtures are parameters of the tests.
# ruff: noqa: F811

from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projecten.decisions.services import proposal_approve
from projecten.models import Attachment, Proposal, ProposalStatus, VoteOutcome
from projecten.money.services import advance_pay, payment_record
from projecten.review.services import proposal_request_changes
from tests import factories
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    closed_vote,
    deciding,
    in_june_2013,
    share,
)
from tests.projecten.roles import make_user

pytestmark = pytest.mark.django_db


def form_data(
    fields: dict, lines=(("Ballen en baan", "1.500,00"),), co_funding=(), action="submit"
):
    data = {
        key: ("" if value is None else str(value))
        for key, value in fields.items()
        if key not in {"amount_requested", "changes_public_space"}
    }
    amount = fields.get("amount_requested")
    data["amount_requested"] = format(amount, "f").replace(".", ",") if amount else ""
    data["lines-TOTAL_FORMS"] = str(max(len(lines), 1))
    data["lines-INITIAL_FORMS"] = "0"
    for i, (description, amount) in enumerate(lines):
        data[f"lines-{i}-description"] = description
        data[f"lines-{i}-amount"] = amount
    data["cofunding-TOTAL_FORMS"] = str(max(len(co_funding), 1))
    data["cofunding-INITIAL_FORMS"] = "0"
    for i, (source, amount) in enumerate(co_funding):
        data.update(
            {
                f"cofunding-{i}-kind": "sponsor",
                f"cofunding-{i}-source": source,
                f"cofunding-{i}-amount": amount,
                f"cofunding-{i}-status": "promised",
            }
        )
    data[action] = "1"
    return data


# --- new proposal -----------------------------------------------------------------------


def test_visitor_is_sent_to_login_for_a_new_proposal(client):
    response = client.get(reverse("projecten:proposal-create"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_user_without_home_area_is_asked_to_choose_one(client):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("projecten:proposal-create"))
    assert response.status_code == 302


def test_resident_submits_a_complete_proposal_in_one_go(
    client, resident, complete_fields, budget_year, smederij
):
    client.force_login(resident)

    response = client.post(reverse("projecten:proposal-create"), form_data(complete_fields))

    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.smederij == smederij
    assert proposal.budget_total == Decimal("1500.00")
    assert proposal.amount_requested == Decimal("1200.00")


def test_save_as_draft_keeps_an_incomplete_proposal(client, resident, budget_year):
    client.force_login(resident)

    response = client.post(
        reverse("projecten:proposal-create"),
        form_data({"klap": "korte", "year": 2013, "title": "Nog niet af"}, lines=(), action="save"),
    )

    assert response.status_code == 302
    assert Proposal.objects.get().status == ProposalStatus.DRAFT


def test_incomplete_submission_is_saved_as_draft_and_says_what_is_missing(
    client, resident, complete_fields, budget_year
):
    client.force_login(resident)
    complete_fields["social_side"] = ""

    response = client.post(reverse("projecten:proposal-create"), form_data(complete_fields))

    assert response.status_code == 400
    proposal = Proposal.objects.get()
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.title == complete_fields["title"], "nothing typed is lost"
    content = response.content.decode()
    assert 'href="#id_social_side"' in content, "the error summary links to the field"
    assert 'aria-invalid="true"' in content
    assert complete_fields["draagvlak"] in content, "the form keeps what was typed"


def test_invalid_amount_shows_a_dutch_message_and_saves_nothing(
    client, resident, complete_fields, budget_year
):
    client.force_login(resident)

    response = client.post(
        reverse("projecten:proposal-create"),
        form_data(complete_fields, lines=(("Bank", "veel geld"),)),
    )

    assert response.status_code == 400
    assert not Proposal.objects.exists()
    content = response.content.decode()
    assert "Vul een bedrag in euro" in content
    assert "veel geld" in content


def test_asking_more_than_the_budget_allows_is_refused_beside_the_field(
    client, resident, complete_fields, budget_year
):
    client.force_login(resident)
    complete_fields["amount_requested"] = Decimal("1400.00")

    response = client.post(
        reverse("projecten:proposal-create"),
        form_data(complete_fields, co_funding=(("Bakkerij", "200,00"),)),
    )

    assert response.status_code == 400
    assert 'id="id_amount_requested_error"' in response.content.decode()
    assert Proposal.objects.get().status == ProposalStatus.DRAFT


def test_unverified_resident_can_save_but_not_submit(
    client, resident, complete_fields, budget_year
):
    resident.email_verified_at = None
    resident.save()
    client.force_login(resident)

    response = client.post(
        reverse("projecten:proposal-create"), form_data(complete_fields), follow=True
    )

    assert Proposal.objects.get().status == ProposalStatus.DRAFT
    assert "Bevestig eerst uw e-mailadres" in response.content.decode()


# --- edit ------------------------------------------------------------------------------


def test_submitter_edits_a_draft(client, resident, draft, complete_fields):
    client.force_login(resident)
    url = reverse("projecten:proposal-update", args=[draft.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, form_data(complete_fields, action="save"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == complete_fields["title"]


def _token_of(response) -> str:
    return response.content.decode().split('name="submission_token" value="')[1][:36]


def test_the_edit_form_submitted_twice_submits_once_and_the_second_lands_on_the_proposal(
    client, resident, professional, draft, complete_fields, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    url = reverse("projecten:proposal-update", args=[draft.pk])
    data = {**form_data(complete_fields), "submission_token": _token_of(client.get(url))}

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        second = client.post(url, data)  # the proposal is submitted now: editing it is refused

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.status == ProposalStatus.SUBMITTED
    assert len([m for m in mail.outbox if professional.email in m.to]) == 1


def test_a_double_click_on_save_as_draft_makes_one_draft(client, resident, budget_year):
    client.force_login(resident)
    url = reverse("projecten:proposal-create")
    data = form_data({"klap": "korte", "year": 2013, "title": "Nog niet af"}, action="save")
    data["submission_token"] = _token_of(client.get(url))

    responses = [client.post(url, data) for _ in "12"]

    proposal = Proposal.objects.get()
    assert {r["Location"] for r in responses} == {proposal.get_absolute_url()}


def test_a_refused_submission_keeps_one_draft_and_its_page_posts_to_the_draft(
    client, resident, complete_fields, budget_year
):
    client.force_login(resident)
    url = reverse("projecten:proposal-create")
    token = _token_of(client.get(url))
    incomplete = {**form_data({**complete_fields, "social_side": ""}), "submission_token": token}

    shown = client.post(url, incomplete)
    again = client.post(url, incomplete)  # a double click

    draft = Proposal.objects.get()
    assert shown.status_code == 400 and draft.status == ProposalStatus.DRAFT
    assert again.status_code == 302 and again["Location"] == draft.get_absolute_url()
    edit_url = reverse("projecten:proposal-update", args=[draft.pk])
    assert f'action="{edit_url}"' in shown.content.decode()
    assert _token_of(shown) != token, "a new form: the draft's"
    assert 'name="lines-INITIAL_FORMS" value="1"' in shown.content.decode(), "the saved line"
    corrected = {**form_data(complete_fields), "submission_token": _token_of(shown)}
    corrected["lines-INITIAL_FORMS"] = "1"
    assert client.post(edit_url, corrected).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ProposalStatus.SUBMITTED
    assert Proposal.objects.count() == 1


def test_submitted_proposal_cannot_be_edited(client, resident, submitted):
    client.force_login(resident)
    assert client.get(reverse("projecten:proposal-update", args=[submitted.pk])).status_code == 403


@pytest.mark.parametrize(
    "role", ["initiatiefgroep_member", "professional", "gebiedsregisseur", "stuurgroep_member"]
)
def test_nobody_but_the_submitter_edits(client, role, request, draft):
    Proposal.objects.filter(pk=draft.pk).update(
        status=ProposalStatus.CHANGES_REQUESTED, submitted_at=draft.created_at
    )
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("projecten:proposal-update", args=[draft.pk])).status_code in {
        403,
        404,
    }


def test_resident_of_another_smederij_gets_404_on_edit(client, draft, other_smederij):
    client.force_login(factories.ResidentFactory(home_area=other_smederij.area))
    assert client.get(reverse("projecten:proposal-update", args=[draft.pk])).status_code == 404


# --- detail: the role matrix -----------------------------------------------------------

DETAIL_OF_SUBMITTED = {
    "visitor": 404,
    "resident": 200,
    "initiatiefgroep_member": 200,
    "professional": 200,
    "gebiedsregisseur": 200,
    "stuurgroep_member": 200,
    "resident_elsewhere": 404,
    "professional_elsewhere": 404,
}


@pytest.fixture
def user_in_role(request, other_smederij):
    def get(role):
        if role == "visitor":
            return None
        if role == "resident_elsewhere":
            return factories.ResidentFactory(home_area=other_smederij.area)
        if role == "professional_elsewhere":
            return factories.WijkteamMembershipFactory(wijkteam=other_smederij.wijkteam).user
        return request.getfixturevalue(role)

    return get


@pytest.mark.parametrize(("role", "status"), DETAIL_OF_SUBMITTED.items())
def test_submitted_proposal_detail_by_role(client, user_in_role, submitted, role, status):
    user = user_in_role(role)
    if user:
        client.force_login(user)

    response = client.get(submitted.get_absolute_url())

    assert response.status_code == status
    if status == 404:
        assert submitted.title.encode() not in response.content


@pytest.mark.parametrize(
    "role", ["resident", "initiatiefgroep_member", "professional", "gebiedsregisseur"]
)
def test_draft_is_seen_by_its_submitter_only(client, request, smederij, budget_year, role):
    draft = factories.ProposalFactory(smederij=smederij, year=2013)
    client.force_login(request.getfixturevalue(role))
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(draft.submitter)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_funded_proposal_is_public(client, submitted):
    Proposal.objects.filter(pk=submitted.pk).update(status=ProposalStatus.APPROVED)
    response = client.get(submitted.get_absolute_url())
    assert response.status_code == 200
    assert submitted.submitter.email.encode() not in response.content


def test_detail_shows_the_timeline_with_who_and_why(client, resident, submitted, professional):

    proposal_request_changes(
        proposal=submitted, actor=professional, message="Voeg een offerte toe."
    )
    client.force_login(resident)

    content = client.get(submitted.get_absolute_url()).content.decode()

    assert "Voeg een offerte toe." in content
    assert professional.display_name in content


# The proposal page asks some twenty permissions of one user; each membership fact is read
# once per request (smederijen.roles), so the count stays the same for every role and row count.
DETAIL_QUERY_BOUND = 17
DETAIL_ROLES = (
    "visitor",
    "submitter",
    "resident",
    "initiatiefgroep_member",
    "professional",
    "gebiedsregisseur",
    "stuurgroep_member",
)


def _add_rows(proposal, count, *, professionals):
    """Comments, supports, attachments, budget lines, co-funding and advice: `count` of each."""
    for number in range(count):
        factories.BudgetLineFactory(proposal=proposal, amount=Decimal("10.00"))
        factories.CoFundingFactory(proposal=proposal)
        factories.CommentFactory(proposal=proposal)
        factories.SupportFactory(proposal=proposal)
        Attachment.objects.create(
            proposal=proposal,
            kind="quote",
            file=f"proposals/offerte-{number}.pdf",
            original_name=f"offerte-{number}.pdf",
            content_type="application/pdf",
            size=1024,
            uploaded_by=proposal.submitter,
        )
        professional = (
            professionals.pop()
            if professionals
            else factories.WijkteamMembershipFactory(wijkteam=proposal.smederij.wijkteam).user
        )
        factories.AdviceFactory(proposal=proposal, professional=professional)


def _add_money_and_votes(proposal, count, *, gebiedsregisseur):
    """Payments on the grant and earlier closed votes (without quorum): `count` of each."""
    for _ in range(count):
        payment_record(proposal=proposal, actor=gebiedsregisseur, amount="10.00")
        closed_vote(proposal, outcome=VoteOutcome.NO_QUORUM)


def _viewer(role, *, submitter, professional, gebiedsregisseur, smederij, other_smederij):
    if role == "submitter":
        return submitter
    if role == "professional":
        return professional
    if role == "gebiedsregisseur":
        return gebiedsregisseur
    return make_user(role, smederij, other_smederij)


@pytest.mark.parametrize("role", DETAIL_ROLES)
def test_detail_issues_a_fixed_number_of_queries_for_every_role(
    client, deciding, resident, smederij, other_smederij, gebiedsregisseur, role
):
    """A funded proposal with advice, a closed vote, a decision with a grant and payments."""
    professional = factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user
    _add_rows(deciding, 1, professionals=[professional])
    proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")
    advance_pay(proposal=deciding, actor=gebiedsregisseur, amount="500.00")
    _add_money_and_votes(deciding, 1, gebiedsregisseur=gebiedsregisseur)
    viewer = _viewer(
        role,
        submitter=resident,
        professional=professional,
        gebiedsregisseur=gebiedsregisseur,
        smederij=smederij,
        other_smederij=other_smederij,
    )
    if viewer is not None:
        client.force_login(viewer)
    url = deciding.get_absolute_url()

    with CaptureQueriesContext(connection) as one_row:
        assert client.get(url).status_code == 200
    _add_rows(deciding, 19, professionals=[])
    _add_money_and_votes(deciding, 19, gebiedsregisseur=gebiedsregisseur)
    with CaptureQueriesContext(connection) as twenty_rows:
        response = client.get(url)

    assert response.status_code == 200
    assert len(one_row.captured_queries) <= DETAIL_QUERY_BOUND
    assert len(twenty_rows.captured_queries) == len(one_row.captured_queries)
    assert response.content.decode().count('class="hoogeveen-comment"') == 20


@pytest.mark.parametrize("role", ["resident", "professional", "gebiedsregisseur"])
def test_detail_in_review_issues_a_fixed_number_of_queries(
    client, user_in_role, submitted, role, django_assert_max_num_queries
):
    """Before the decision the review buttons and the advice count are on the page."""
    submitted.status = ProposalStatus.IN_REVIEW
    submitted.save(update_fields=["status"])
    client.force_login(user_in_role(role))
    _add_rows(submitted, 1, professionals=[])
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(submitted.get_absolute_url()).status_code == 200
    _add_rows(submitted, 19, professionals=[])
    with django_assert_max_num_queries(len(one_row.captured_queries)):
        assert client.get(submitted.get_absolute_url()).status_code == 200
    assert len(one_row.captured_queries) <= DETAIL_QUERY_BOUND


def test_a_membership_gained_shows_on_the_next_request(client, submitted, other_smederij):
    """The membership facts are kept per request: never stale on the next one."""
    user = factories.UserFactory()
    client.force_login(user)
    assert client.get(submitted.get_absolute_url()).status_code == 404

    factories.WijkteamMembershipFactory(user=user, wijkteam=submitted.smederij.wijkteam)

    assert client.get(submitted.get_absolute_url()).status_code == 200


def test_the_membership_facts_of_one_user_do_not_reach_the_next(
    client, submitted, gebiedsregisseur
):
    client.force_login(gebiedsregisseur)
    assert client.get(submitted.get_absolute_url()).status_code == 200

    client.force_login(factories.UserFactory())

    assert client.get(submitted.get_absolute_url()).status_code == 404


# --- withdraw and my proposals ---------------------------------------------------------


def test_submitter_withdraws_with_a_reason(client, resident, submitted):
    client.force_login(resident)
    url = reverse("projecten:proposal-withdraw", args=[submitted.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"reason": "Het is al geregeld."})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.WITHDRAWN


@pytest.mark.parametrize(
    ("role", "status"), [("visitor", 302), ("professional", 403), ("resident_elsewhere", 404)]
)
def test_others_cannot_withdraw(client, user_in_role, submitted, role, status):
    user = user_in_role(role)
    if user:
        client.force_login(user)
    response = client.post(reverse("projecten:proposal-withdraw", args=[submitted.pk]))
    assert response.status_code == status
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED


def test_my_proposals_lists_only_mine_with_status(
    client, resident, submitted, draft, django_assert_max_num_queries
):
    factories.ProposalFactory()
    client.force_login(resident)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("projecten:my-proposals"))

    assert list(response.context["proposals"]) == sorted(
        [submitted, draft], key=lambda p: p.updated_at, reverse=True
    )


def test_my_proposals_needs_login(client):
    assert client.get(reverse("projecten:my-proposals")).status_code == 302
