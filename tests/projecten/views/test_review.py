"""Pages of the wijkteam's review: the role matrix of each, the queue's filters and counts,
advice on the proposal page, asking for changes with its rounds on the timeline, and the
decision method page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from projecten.models import (
    Advice,
    AssessmentVote,
    DecisionMethod,
    EventKind,
    ProposalEvent,
    ProposalStatus,
)
from projecten.proposals.services import proposal_submit
from projecten.review.services import advice_give
from tests import factories
from tests.projecten.roles import ROLES, login

pytestmark = pytest.mark.django_db

ALL_ROLES = (*ROLES, "submitter")

ADVICE_POST = {
    "recommendation": "positive",
    "motivation": "Sterk sociaal plan; veel buren doen mee.",
    "score_liveability": "5",
    "score_draagvlak": "4",
    "score_feasibility": "3",
    "score_eigen_inzet": "4",
}


def login_as(client, role, request, smederij, other_smederij):
    if role == "submitter":
        user = request.getfixturevalue("resident")
        client.force_login(user)
        return user
    return login(client, role, smederij, other_smederij)


def handed_in(smederij, status="submitted", days_ago=1, **fields):
    return factories.ProposalFactory(
        smederij=smederij,
        status=status,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        year=2013,
        **fields,
    )


# --- the review queue ----------------------------------------------------------------------------

QUEUE = reverse("projecten:review-queue")
QUEUE_STATUS = {
    "visitor": 302,
    "resident": 403,
    "other_resident": 403,
    "initiatiefgroep_member": 403,
    "professional": 200,
    "other_professional": 200,
    "gebiedsregisseur": 200,
    "stuurgroep_member": 403,
    "submitter": 403,
}


@pytest.mark.parametrize(("role", "status"), QUEUE_STATUS.items())
def test_review_queue_by_role(client, request, smederij, other_smederij, submitted, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(QUEUE)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))
    if status == 200:
        shown = submitted in response.context["proposals"]
        assert shown == (role in {"professional", "gebiedsregisseur"})


def test_review_queue_shows_nothing_of_other_wijkteams(
    client, smederij, other_smederij, professional
):
    mine = handed_in(smederij, title="Jeu de boules")
    theirs = handed_in(other_smederij, title="Moestuin elders")
    client.force_login(professional)
    response = client.get(QUEUE)
    assert list(response.context["proposals"]) == [mine]
    assert "Moestuin elders" not in response.content.decode()
    # Not even through a hand-made filter on the other Smederij.
    response = client.get(QUEUE, {"smederij": other_smederij.pk, "status": "all"})
    assert theirs not in response.context["proposals"]
    assert not response.context["proposals"]
    assert "smederij" in response.context["filter"].form.errors


def test_review_queue_smederij_choices_are_only_the_covered_ones(
    client, smederij, other_smederij, gebiedsregisseur
):
    sibling = factories.SmederijFactory(wijkteam=smederij.wijkteam)
    client.force_login(gebiedsregisseur)
    response = client.get(QUEUE)
    choices = set(response.context["filter"].form.fields["smederij"].queryset)
    assert choices == {smederij, sibling}


def test_review_queue_default_shows_what_waits_and_all_shows_the_rest(
    client, smederij, professional
):
    waiting = {
        handed_in(smederij, status=s)
        for s in ProposalStatus.values
        if s in {"submitted", "in_review", "changes_requested", "deciding"}
    }
    approved = handed_in(smederij, status="approved")
    client.force_login(professional)
    assert set(client.get(QUEUE).context["proposals"]) == waiting
    assert set(client.get(QUEUE, {"status": "approved"}).context["proposals"]) == {approved}
    assert set(client.get(QUEUE, {"status": "all"}).context["proposals"]) == waiting | {approved}


def test_review_queue_filters_on_klap_theme_and_smederij(client, smederij, gebiedsregisseur):
    sibling = factories.SmederijFactory(wijkteam=smederij.wijkteam)
    korte = handed_in(smederij, klap="korte", theme="jeugd")
    lange = handed_in(smederij, klap="lange", theme="groen")
    elsewhere = handed_in(sibling, klap="korte", theme="groen")
    client.force_login(gebiedsregisseur)

    def shown(**query):
        return set(client.get(QUEUE, query).context["proposals"])

    assert shown(klap="lange") == {lange}
    assert shown(theme="groen") == {lange, elsewhere}
    assert shown(smederij=sibling.pk) == {elsewhere}
    assert shown(smederij=smederij.pk, klap="korte") == {korte}


def test_review_queue_filters_on_waiting_time(client, smederij, professional):
    old = handed_in(smederij, days_ago=40)
    handed_in(smederij, days_ago=2)
    client.force_login(professional)
    assert set(client.get(QUEUE, {"waiting_days": "30"}).context["proposals"]) == {old}
    before = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    assert set(client.get(QUEUE, {"submitted_before": before}).context["proposals"]) == {old}


def test_review_queue_is_oldest_first_with_counts_per_status(client, smederij, professional):
    new = handed_in(smederij, days_ago=1)
    old = handed_in(smederij, days_ago=20, status="in_review")
    handed_in(smederij, status="rejected")
    client.force_login(professional)
    response = client.get(QUEUE)
    assert list(response.context["proposals"]) == [old, new]
    counts = {status: count for status, _label, count in response.context["status_counts"]}
    assert counts["submitted"] == 1 and counts["in_review"] == 1 and counts["rejected"] == 1


def test_review_queue_bad_filter_value_shows_its_error_not_everything(
    client, smederij, professional
):
    handed_in(smederij)
    client.force_login(professional)
    response = client.get(QUEUE, {"waiting_days": "veel"})
    assert response.status_code == 200
    assert not response.context["proposals"]
    assert "waiting_days" in response.context["filter"].form.errors


@pytest.mark.parametrize("role", ["professional", "gebiedsregisseur"])
def test_review_queue_has_a_fixed_number_of_queries(
    client, request, smederij, other_smederij, role, django_assert_max_num_queries
):
    user = login(client, role, smederij, other_smederij)
    first = handed_in(smederij)
    factories.AdviceFactory(proposal=first, professional=factories.UserFactory())
    client.get(QUEUE)  # warm up caches that are not per page (content types, ...)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(QUEUE).status_code == 200
    for i in range(24):
        proposal = handed_in(smederij, days_ago=i + 2, klap="lange" if i % 2 else "korte")
        factories.AdviceFactory(proposal=proposal, professional=factories.UserFactory())
        if i % 3 == 0:
            factories.AdviceFactory(proposal=proposal, professional=user)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(QUEUE)
    assert len(response.context["proposals"]) == 25
    assert len(one.captured_queries) <= 14


def test_navigation_shows_the_review_queue_to_professionals_only(
    client, smederij, professional, resident
):
    client.force_login(professional)
    assert QUEUE in client.get(reverse("home")).content.decode()
    client.force_login(resident)
    assert QUEUE not in client.get(reverse("home")).content.decode()


# --- taking a proposal into review ----------------------------------------------------------------

# A professional of another wijkteam and a resident of another area cannot see the proposal: 404.
ACTION_STATUS = {
    "visitor": 302,
    "resident": 403,
    "other_resident": 404,
    "initiatiefgroep_member": 403,
    "professional": 302,
    "other_professional": 404,
    "gebiedsregisseur": 302,
    "stuurgroep_member": 403,
    "submitter": 403,
}


@pytest.mark.parametrize(("role", "status"), ACTION_STATUS.items())
def test_start_review_by_role(client, request, smederij, other_smederij, submitted, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.post(reverse("projecten:proposal-start-review", args=[submitted.pk]))
    assert response.status_code == status
    submitted.refresh_from_db()
    moved = role in {"professional", "gebiedsregisseur"}
    assert submitted.status == ("in_review" if moved else "submitted")
    if moved:
        assert response["Location"] == submitted.get_absolute_url()
    elif status == 302:
        assert response["Location"].startswith(reverse("login"))


def test_start_review_twice_says_why_and_changes_nothing(client, submitted, professional):
    client.force_login(professional)
    url = reverse("projecten:proposal-start-review", args=[submitted.pk])
    client.post(url, follow=True)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert ProposalEvent.objects.filter(proposal=submitted, kind=EventKind.STATUS).count() == 1


def test_start_review_answers_post_only(client, submitted, professional):
    client.force_login(professional)
    response = client.get(reverse("projecten:proposal-start-review", args=[submitted.pk]))
    assert response.status_code == 405


# --- advice ------------------------------------------------------------------------------------

ADVICE_FORM_STATUS = {**ACTION_STATUS, "professional": 200, "gebiedsregisseur": 403}


@pytest.mark.parametrize(("role", "status"), ADVICE_FORM_STATUS.items())
def test_advice_form_by_role(client, request, smederij, other_smederij, submitted, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:advice-give", args=[submitted.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), ADVICE_FORM_STATUS.items())
def test_giving_advice_by_role(client, request, smederij, other_smederij, submitted, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.post(reverse("projecten:advice-give", args=[submitted.pk]), ADVICE_POST)
    allowed = role == "professional"
    assert response.status_code == (302 if allowed or role == "visitor" else status)
    assert Advice.objects.filter(proposal=submitted).exists() == allowed


def test_giving_advice_starts_the_review_and_records_it(client, submitted, professional):
    client.force_login(professional)
    response = client.post(reverse("projecten:advice-give", args=[submitted.pk]), ADVICE_POST)
    assert response["Location"] == submitted.get_absolute_url()
    submitted.refresh_from_db()
    assert submitted.status == "in_review"
    advice = Advice.objects.get()
    assert (advice.professional, advice.score_liveability, advice.score_eigen_inzet) == (
        professional,
        5,
        4,
    )
    assert ProposalEvent.objects.filter(proposal=submitted, kind=EventKind.ADVICE).count() == 1


def test_advice_form_shows_the_earlier_advice_and_changes_it(client, submitted, professional):
    client.force_login(professional)
    url = reverse("projecten:advice-give", args=[submitted.pk])
    client.post(url, ADVICE_POST)
    response = client.get(url)
    assert response.context["form"].initial["motivation"] == ADVICE_POST["motivation"]
    client.post(url, {**ADVICE_POST, "recommendation": "neutral", "score_draagvlak": "2"})
    advice = Advice.objects.get()
    assert (advice.recommendation, advice.score_draagvlak) == ("neutral", 2)
    assert ProposalEvent.objects.filter(proposal=submitted, kind=EventKind.ADVICE).count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("score_liveability", "6"),
        ("score_draagvlak", "0"),
        ("motivation", ""),
        ("recommendation", ""),
    ],
)
def test_bad_advice_is_refused_and_keeps_what_was_typed(
    client, submitted, professional, field, value
):
    client.force_login(professional)
    response = client.post(
        reverse("projecten:advice-give", args=[submitted.pk]), {**ADVICE_POST, field: value}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    if field != "motivation":
        assert ADVICE_POST["motivation"] in response.content.decode()
    assert not Advice.objects.exists()


def test_advice_after_the_decision_started_gets_a_clear_message(client, submitted, professional):
    submitted.status = "deciding"
    submitted.save()
    client.force_login(professional)
    url = reverse("projecten:advice-give", args=[submitted.pk])
    client.cookies["django_language"] = "en"  # the language switch
    with translation.override("en"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["open_for_advice"] is False
        response = client.post(url, ADVICE_POST)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not Advice.objects.exists()


# --- the advice on the proposal page -------------------------------------------------------------


@pytest.fixture
def advised(submitted, smederij):
    membership = factories.WijkteamMembershipFactory(
        wijkteam=smederij.wijkteam,
        function="wijkagent",
        organisation=factories.OrganisationFactory(name="Politie Drenthe"),
        user=factories.UserFactory(display_name="Agent Jansen"),
    )
    with translation.override("en"):  # the event's message, as the English tests read it
        _give(submitted, membership.user)
    return submitted


def _give(submitted, user):
    advice_give(
        proposal=submitted,
        actor=user,
        recommendation="negative",
        motivation="Geheime motivering: de plek is onveilig.",
        score_liveability=2,
        score_draagvlak=3,
        score_feasibility=1,
        score_eigen_inzet=4,
    )


# Who reads the full advice (docs/decisions/0007).
SEES_ADVICE = {
    "submitter",
    "initiatiefgroep_member",
    "professional",
    "gebiedsregisseur",
    "stuurgroep_member",
}
PAGE_STATUS = dict.fromkeys(ALL_ROLES, 200) | {
    "visitor": 404,
    "other_resident": 404,
    "other_professional": 404,
}


@pytest.mark.parametrize(("role", "status"), PAGE_STATUS.items())
def test_advice_on_the_proposal_page_by_role(
    client, request, smederij, other_smederij, advised, role, status
):
    login_as(client, role, request, smederij, other_smederij)
    client.cookies["django_language"] = "en"  # the language switch
    response = client.get(advised.get_absolute_url())
    assert response.status_code == status
    if status != 200:
        return
    page = response.content.decode()
    if role in SEES_ADVICE:
        assert "Geheime motivering" in page
        assert "Agent Jansen" in page
        assert "Politie Drenthe" in page
    else:
        assert "Geheime motivering" not in page
        assert "Politie Drenthe" not in page
        # The resident sees that advice was given, not what it says, not even on the timeline.
        assert "1 professional of the wijkteam gave advice" in page
        assert "Advice given: negative" not in page


def test_visitor_sees_nothing_of_the_advice_on_a_funded_proposal(client, advised):
    advised.status = "approved"
    advised.save()
    client.cookies["django_language"] = "en"  # the language switch
    response = client.get(advised.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Geheime motivering" not in page
    assert "gave advice" not in page
    assert "Advice given" not in page


def test_submitter_sees_the_scores_and_the_recommendation(client, advised, resident):
    client.force_login(resident)
    client.cookies["django_language"] = "en"  # the language switch
    page = client.get(advised.get_absolute_url()).content.decode()
    assert "Wijkagent (community police officer)" in page or "wijkagent" in page
    for score in ("2 of 5", "3 of 5", "1 of 5", "4 of 5"):
        assert score in page
    assert ">Negative<" in page
    assert "Advice given: negative" in page  # on the timeline too


def test_proposal_page_with_advice_has_a_fixed_number_of_queries(
    client, smederij, advised, resident, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(resident)
    client.get(advised.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(advised.get_absolute_url())
    for _ in range(19):
        colleague = factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user
        factories.AdviceFactory(proposal=advised, professional=colleague)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(advised.get_absolute_url())
    assert response.content.decode().count('class="hoogeveen-card" aria-labelledby="advice-') == 20


# --- asking for changes, and the rounds on the timeline ------------------------------------------

CHANGES_FORM_STATUS = {**ACTION_STATUS, "professional": 200, "gebiedsregisseur": 200}


@pytest.mark.parametrize(("role", "status"), CHANGES_FORM_STATUS.items())
def test_request_changes_form_by_role(
    client, request, smederij, other_smederij, submitted, role, status
):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:proposal-request-changes", args=[submitted.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), ACTION_STATUS.items())
def test_requesting_changes_by_role(
    client, request, smederij, other_smederij, submitted, role, status
):
    login_as(client, role, request, smederij, other_smederij)
    response = client.post(
        reverse("projecten:proposal-request-changes", args=[submitted.pk]),
        {"message": "Voeg een offerte toe."},
    )
    assert response.status_code == status
    submitted.refresh_from_db()
    allowed = role in {"professional", "gebiedsregisseur"}
    assert submitted.status == ("changes_requested" if allowed else "submitted")


def test_request_changes_needs_a_message(client, submitted, professional):
    client.force_login(professional)
    response = client.post(
        reverse("projecten:proposal-request-changes", args=[submitted.pk]), {"message": "  "}
    )
    assert response.status_code == 400
    assert "message" in response.context["form"].errors
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_request_changes_after_the_decision_started_is_refused(client, submitted, gebiedsregisseur):
    submitted.status = "deciding"
    submitted.save()
    client.force_login(gebiedsregisseur)
    response = client.post(
        reverse("projecten:proposal-request-changes", args=[submitted.pk]),
        {"message": "Toch nog iets."},
    )
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == "deciding"


def test_timeline_shows_each_round_of_changes(
    client, submitted, resident, professional, complete_fields
):
    for name, value in complete_fields.items():
        setattr(submitted, name, value)
    submitted.save()
    client.force_login(professional)
    url = reverse("projecten:proposal-request-changes", args=[submitted.pk])
    client.post(url, {"message": "Ronde een: voeg een offerte toe."})
    submitted.refresh_from_db()
    proposal_submit(proposal=submitted, actor=resident)
    client.post(url, {"message": "Ronde twee: wie onderhoudt de baan?"})
    submitted.refresh_from_db()
    proposal_submit(proposal=submitted, actor=resident)
    client.post(reverse("projecten:advice-give", args=[submitted.pk]), ADVICE_POST)

    client.force_login(resident)
    response = client.get(submitted.get_absolute_url())
    events = list(response.context["proposal"].events.all())
    assert [(e.kind, e.to_status) for e in events if e.kind != "created"] == [
        ("status", "changes_requested"),
        ("status", "submitted"),
        ("status", "changes_requested"),
        ("status", "submitted"),
        ("status", "in_review"),
        ("advice", ""),
    ]
    page = response.content.decode()
    assert page.index("Ronde een") < page.index("Ronde twee")


# --- how each Smederij decides -------------------------------------------------------------------

METHODS = reverse("projecten:decision-methods")
METHODS_STATUS = {
    "visitor": 302,
    "resident": 403,
    "other_resident": 403,
    "initiatiefgroep_member": 403,
    "professional": 403,
    "other_professional": 403,
    "gebiedsregisseur": 200,
    "stuurgroep_member": 403,
    "submitter": 403,
}


@pytest.mark.parametrize(("role", "status"), METHODS_STATUS.items())
def test_decision_method_page_by_role(client, request, smederij, other_smederij, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(METHODS)
    assert response.status_code == status
    response = client.post(METHODS, {"smederij": smederij.pk, "year": 2013, "method": "election"})
    assert response.status_code in {302, 403}
    assert DecisionMethod.objects.exists() == (role == "gebiedsregisseur")


def test_decision_method_page_lists_only_my_smederijen_with_the_default(
    client, smederij, other_smederij, gebiedsregisseur
):
    client.force_login(gebiedsregisseur)
    response = client.get(METHODS)
    assert [row["smederij"] for row in response.context["rows"]] == [smederij]
    this_year = timezone.localdate().year
    assert {cell["year"]: cell["method"] for cell in response.context["rows"][0]["years"]} == {
        this_year: "assessment"
    }


def test_choosing_the_election_leads_on_to_setting_it_up(client, smederij, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    create = reverse("projecten:election:round-create", args=[smederij.slug])
    assert create not in client.get(METHODS).content.decode()
    year = timezone.localdate().year
    response = client.post(
        METHODS, {"smederij": smederij.pk, "year": year, "method": "election"}, follow=True
    )
    assert create in response.content.decode()


def test_decision_method_of_a_smederij_i_do_not_coordinate_is_404(
    client, smederij, other_smederij, gebiedsregisseur
):
    client.force_login(gebiedsregisseur)
    response = client.post(
        METHODS, {"smederij": other_smederij.pk, "year": 2013, "method": "election"}
    )
    assert response.status_code == 404
    assert not DecisionMethod.objects.exists()


def test_decision_method_fixed_after_the_first_vote_says_why(
    client, smederij, submitted, gebiedsregisseur
):
    now = timezone.now()
    AssessmentVote.objects.create(
        proposal=submitted,
        body="initiatiefgroep",
        opened_by=gebiedsregisseur,
        opened_at=now,
        closes_at=now + datetime.timedelta(days=3),
    )
    client.force_login(gebiedsregisseur)
    client.cookies["django_language"] = "en"  # the language switch
    response = client.post(METHODS, {"smederij": smederij.pk, "year": 2013, "method": "election"})
    assert response.status_code == 400
    assert "method" in response.context["failed"].errors
    assert "already started deciding" in response.content.decode()
    assert not DecisionMethod.objects.exists()


def test_decision_method_bad_input_is_refused(client, smederij, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(METHODS, {"smederij": smederij.pk, "year": 2013, "method": "loting"})
    assert response.status_code == 400
    assert not DecisionMethod.objects.exists()


def test_a_double_post_of_the_advice_form_lands_on_the_proposal_quietly(
    client, submitted, professional
):
    client.force_login(professional)
    url = reverse("projecten:advice-give", args=[submitted.pk])
    token = client.get(url).content.decode().split('name="submission_token" value="')[1][:36]

    responses = [client.post(url, {**ADVICE_POST, "submission_token": token}) for _ in "12"]

    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {submitted.get_absolute_url()}
    assert Advice.objects.count() == 1
    assert ProposalEvent.objects.filter(proposal=submitted, kind=EventKind.ADVICE).count() == 1
