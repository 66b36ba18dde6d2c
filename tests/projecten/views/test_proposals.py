"""The resident's own pages: new proposal, edit, detail with timeline, withdraw, my proposals."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projecten.models import Proposal, ProposalStatus
from tests import factories

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
    from projecten.services import proposal_request_changes

    proposal_request_changes(
        proposal=submitted, actor=professional, message="Voeg een offerte toe."
    )
    client.force_login(resident)

    content = client.get(submitted.get_absolute_url()).content.decode()

    assert "Voeg een offerte toe." in content
    assert professional.display_name in content


def test_detail_issues_a_fixed_number_of_queries(
    client, resident, submitted, django_assert_max_num_queries
):
    client.force_login(resident)
    with django_assert_max_num_queries(20):
        client.get(submitted.get_absolute_url())
    for _ in range(20):
        factories.BudgetLineFactory(proposal=submitted)
        factories.CoFundingFactory(proposal=submitted)
        factories.CommentFactory(proposal=submitted)
        factories.SupportFactory(proposal=submitted)
    with django_assert_max_num_queries(20):
        client.get(submitted.get_absolute_url())


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
