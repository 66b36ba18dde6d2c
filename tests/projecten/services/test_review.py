"""The wijkteam's review: taking a proposal up, advice with scores, and the decision method."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from projecten.errors import ProposalError
from projecten.models import (
    Advice,
    AssessmentVote,
    DecisionMethod,
    EventKind,
    ProposalEvent,
    ProposalStatus,
)
from projecten.review.selectors import decision_method_of, decisions_started
from projecten.review.services import (
    advice_give,
    decision_method_set,
    proposal_start_review,
)
from tests import factories
from tests.projecten.roles import make_user

pytestmark = pytest.mark.django_db

SCORES = {
    "score_liveability": 4,
    "score_draagvlak": 3,
    "score_feasibility": 5,
    "score_eigen_inzet": 2,
}


def advise(proposal, actor, recommendation="positive", motivation="Goed plan.", **scores):
    return advice_give(
        proposal=proposal,
        actor=actor,
        recommendation=recommendation,
        motivation=motivation,
        **{**SCORES, **scores},
    )


def set_status(proposal, status):
    proposal.status = status
    proposal.save()
    return proposal


def events(proposal, kind):
    return list(ProposalEvent.objects.filter(proposal=proposal, kind=kind).order_by("pk"))


# --- proposal_start_review -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["professional", "gebiedsregisseur"])
def test_start_review_by_the_covering_wijkteam_moves_the_proposal_into_review(
    submitted, smederij, other_smederij, role
):
    actor = make_user(role, smederij, other_smederij)
    proposal_start_review(proposal=submitted, actor=actor)
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.IN_REVIEW
    (event,) = events(submitted, EventKind.STATUS)
    assert (event.actor, event.from_status, event.to_status) == (actor, "submitted", "in_review")


@pytest.mark.parametrize(
    "role",
    [
        "resident",
        "other_resident",
        "initiatiefgroep_member",
        "other_professional",
        "stuurgroep_member",
    ],
)
def test_start_review_refused_outside_the_covering_wijkteam(
    submitted, smederij, other_smederij, role
):
    actor = make_user(role, smederij, other_smederij)
    with pytest.raises(PermissionDenied):
        proposal_start_review(proposal=submitted, actor=actor)
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED


def test_start_review_refused_for_the_submitter(submitted, resident):
    with pytest.raises(PermissionDenied):
        proposal_start_review(proposal=submitted, actor=resident)


@pytest.mark.parametrize("status", ["in_review", "changes_requested", "deciding", "approved"])
def test_start_review_refused_when_not_submitted(submitted, professional, status):
    set_status(submitted, status)
    with pytest.raises(ProposalError):
        proposal_start_review(proposal=submitted, actor=professional)
    assert not events(submitted, EventKind.STATUS)


# --- advice_give -----------------------------------------------------------------------------


def test_first_advice_on_a_submitted_proposal_starts_the_review(submitted, professional):
    advice = advise(submitted, professional)
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.IN_REVIEW
    assert advice.professional == professional
    assert advice.recommendation == "positive"
    assert (advice.score_liveability, advice.score_eigen_inzet) == (4, 2)
    assert [e.to_status for e in events(submitted, EventKind.STATUS)] == ["in_review"]


def test_advice_records_who_when_and_the_recommendation_on_the_timeline(submitted, professional):
    with translation.override("en"):
        advise(submitted, professional, recommendation="negative", motivation="Te duur.")
    (event,) = events(submitted, EventKind.ADVICE)
    assert event.actor == professional
    assert event.created_at is not None
    assert event.data == {"recommendation": "negative"}
    with translation.override("en"):
        assert "negative" in event.text
    with translation.override("nl"):
        assert "negatief" in event.text
    assert "Te duur" not in event.text + event.message


def test_second_advice_changes_the_first_instead_of_adding_one(submitted, professional):
    first = advise(submitted, professional, recommendation="neutral")
    with translation.override("en"):
        second = advise(
            submitted,
            professional,
            recommendation="positive",
            motivation="Na overleg: goed.",
            score_draagvlak=5,
        )
    assert first.pk == second.pk
    assert Advice.objects.filter(proposal=submitted).count() == 1
    second.refresh_from_db()
    assert (second.recommendation, second.motivation, second.score_draagvlak) == (
        "positive",
        "Na overleg: goed.",
        5,
    )
    assert second.updated_at >= second.created_at
    changes = events(submitted, EventKind.ADVICE)
    assert len(changes) == 2
    with translation.override("en"):
        assert "neutral" in changes[1].text and "positive" in changes[1].text


def test_two_professionals_each_give_their_own_advice(submitted, smederij, professional):
    colleague = factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user
    advise(submitted, professional)
    advise(submitted, colleague, recommendation="negative")
    assert Advice.objects.filter(proposal=submitted).count() == 2


def test_advice_allowed_while_in_review(submitted, professional):
    set_status(submitted, "in_review")
    advise(submitted, professional)
    assert not events(submitted, EventKind.STATUS)  # no second start of the review


@pytest.mark.parametrize(
    "role",
    [
        "resident",
        "other_resident",
        "initiatiefgroep_member",
        "other_professional",
        "gebiedsregisseur",
        "stuurgroep_member",
    ],
)
def test_advice_refused_for_everyone_but_the_covering_professionals(
    submitted, smederij, other_smederij, role
):
    actor = make_user(role, smederij, other_smederij)
    with pytest.raises(PermissionDenied):
        advise(submitted, actor)
    assert not Advice.objects.exists()
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED


def test_gebiedsregisseur_who_is_also_in_the_wijkteam_advises_as_member(submitted, smederij):
    user = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    factories.WijkteamMembershipFactory(user=user, wijkteam=smederij.wijkteam)
    advise(submitted, user)
    assert Advice.objects.filter(professional=user).exists()


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_advice_refused_on_a_proposal_not_handed_in(submitted, professional, status):
    set_status(submitted, status)
    with pytest.raises(PermissionDenied):
        advise(submitted, professional)
    assert not Advice.objects.exists()


@pytest.mark.parametrize("status", ["deciding", "approved", "rejected", "changes_requested"])
def test_advice_refused_once_the_decision_started_or_outside_review(
    submitted, professional, status
):
    set_status(submitted, status)
    with translation.override("en"), pytest.raises(ProposalError) as refused:
        advise(submitted, professional)
    if status == "deciding":
        assert "only be given or changed while the proposal is in review" in refused.value.message
    assert not Advice.objects.exists()


def test_changing_advice_refused_once_the_decision_started(submitted, professional):
    advise(submitted, professional, recommendation="positive")
    set_status(submitted, "deciding")
    with pytest.raises(ProposalError):
        advise(submitted, professional, recommendation="negative")
    assert Advice.objects.get().recommendation == "positive"
    assert len(events(submitted, EventKind.ADVICE)) == 1


@pytest.mark.parametrize("score", [0, 6, -1, None, "4", True])
@pytest.mark.parametrize("field", list(SCORES))
def test_advice_refused_with_a_score_out_of_range(submitted, professional, field, score):
    with pytest.raises(ValidationError) as refused:
        advise(submitted, professional, **{field: score})
    assert field in refused.value.message_dict
    assert not Advice.objects.exists()
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED


@pytest.mark.parametrize("motivation", ["", "   "])
def test_advice_refused_without_a_motivation(submitted, professional, motivation):
    with pytest.raises(ValidationError) as refused:
        advise(submitted, professional, motivation=motivation)
    assert "motivation" in refused.value.message_dict


def test_advice_refused_with_an_unknown_recommendation(submitted, professional):
    with pytest.raises(ValidationError) as refused:
        advise(submitted, professional, recommendation="enthusiastic")
    assert "recommendation" in refused.value.message_dict


# --- decision_method_set -----------------------------------------------------------------------


def test_decision_method_defaults_to_assessment(smederij):
    assert decision_method_of(smederij=smederij, year=2013) == "assessment"


def test_gebiedsregisseur_sets_the_decision_method(smederij, gebiedsregisseur):
    method = decision_method_set(
        smederij=smederij, year=2013, method="election", actor=gebiedsregisseur
    )
    assert (method.method, method.set_by) == ("election", gebiedsregisseur)
    assert decision_method_of(smederij=smederij, year=2013) == "election"
    assert decision_method_of(smederij=smederij, year=2014) == "assessment"


def test_setting_the_method_again_changes_it_not_duplicates(smederij, gebiedsregisseur):
    decision_method_set(smederij=smederij, year=2013, method="election", actor=gebiedsregisseur)
    decision_method_set(smederij=smederij, year=2013, method="assessment", actor=gebiedsregisseur)
    assert DecisionMethod.objects.filter(smederij=smederij, year=2013).count() == 1
    assert decision_method_of(smederij=smederij, year=2013) == "assessment"


@pytest.mark.parametrize(
    "role",
    [
        "resident",
        "initiatiefgroep_member",
        "professional",
        "other_professional",
        "stuurgroep_member",
    ],
)
def test_decision_method_refused_for_others_than_the_gebiedsregisseur(
    smederij, other_smederij, role
):
    actor = make_user(role, smederij, other_smederij)
    with pytest.raises(PermissionDenied):
        decision_method_set(smederij=smederij, year=2013, method="election", actor=actor)
    assert not DecisionMethod.objects.exists()


def test_decision_method_refused_for_the_gebiedsregisseur_of_another_wijkteam(
    smederij, other_smederij
):
    other = factories.GebiedsregisseurAssignmentFactory(wijkteam=other_smederij.wijkteam).user
    with pytest.raises(PermissionDenied):
        decision_method_set(smederij=smederij, year=2013, method="election", actor=other)


def test_decision_method_refused_with_an_unknown_method(smederij, gebiedsregisseur):
    with pytest.raises(ValidationError) as refused:
        decision_method_set(smederij=smederij, year=2013, method="lottery", actor=gebiedsregisseur)
    assert "method" in refused.value.message_dict


def _open_vote(proposal, by):
    now = timezone.now()
    return AssessmentVote.objects.create(
        proposal=proposal,
        body="initiatiefgroep",
        opened_by=by,
        opened_at=now,
        closes_at=now + datetime.timedelta(days=7),
    )


def test_decision_method_fixed_once_a_vote_of_that_smederij_and_year_started(
    submitted, smederij, gebiedsregisseur
):
    _open_vote(submitted, gebiedsregisseur)
    with translation.override("en"), pytest.raises(ProposalError) as refused:
        decision_method_set(smederij=smederij, year=2013, method="election", actor=gebiedsregisseur)
    assert "already started deciding" in refused.value.message
    assert not DecisionMethod.objects.exists()


def test_decision_method_of_another_year_or_smederij_still_free_after_a_vote(
    submitted, smederij, other_smederij, gebiedsregisseur
):
    _open_vote(submitted, gebiedsregisseur)
    decision_method_set(smederij=smederij, year=2014, method="election", actor=gebiedsregisseur)
    assert not decisions_started(smederij=other_smederij, year=2013)
    assert decisions_started(smederij=smederij, year=2013)


def test_admin_form_refuses_a_method_once_deciding_started(submitted, smederij, gebiedsregisseur):
    from projecten.admin import DecisionMethodAdminForm

    form = DecisionMethodAdminForm({"smederij": smederij.pk, "year": 2013, "method": "election"})
    assert form.is_valid()
    _open_vote(submitted, gebiedsregisseur)
    form = DecisionMethodAdminForm({"smederij": smederij.pk, "year": 2013, "method": "election"})
    assert not form.is_valid()
    assert form.has_error("__all__", code="decisions_started")


def test_admin_shows_advice_read_only(admin_client, submitted, professional):
    advice = advise(submitted, professional)
    from django.urls import reverse

    response = admin_client.get(reverse("admin:projecten_advice_change", args=[advice.pk]))
    assert response.status_code == 200
    assert b'name="motivation"' not in response.content
    response = admin_client.get(reverse("admin:projecten_advice_add"))
    assert response.status_code == 403
