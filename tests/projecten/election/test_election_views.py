"""Pages of the election: the role matrix of each, the ballot flow, and fixed query counts."""

import datetime

import pytest
from django.urls import reverse

from projecten.election import services
from projecten.models import BallotVoter, ElectionRound
from tests.projecten.roles import ROLES, login

from .conftest import close_and_count, make_idea, voters

pytestmark = pytest.mark.django_db


# Roles of another area are out of reach of this Smederij's pages of work: for them the
# page does not exist (404), so a refusal never tells that a round or an idea exists.
OUT_OF_REACH = {"other_resident", "other_professional"}


def expected(allowed: set[str], refused: int = 403, ok: int = 200) -> dict[str, int]:
    def answer(role):
        if role == "visitor":
            return 302
        if role in allowed:
            return ok
        return 404 if role in OUT_OF_REACH else refused

    return {role: answer(role) for role in ROLES}


def url(name, *args):
    return reverse(f"projecten:election:{name}", args=args)


@pytest.fixture
def counted(open_round, ideas, smederij, time_machine, share):
    for voter in voters(smederij, 2):
        services.ballot_cast(
            election_round=open_round, actor=voter, idea_ids=[ideas[0].pk], age_confirmed=True
        )
    time_machine.move_to(open_round.closes_at + datetime.timedelta(minutes=1))
    close_and_count()
    open_round.refresh_from_db()
    return open_round


# --- Role matrices ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_round_list_and_detail_are_public(
    client, role, open_round, ideas, smederij, other_smederij
):
    login(client, role, smederij, other_smederij)
    assert client.get(url("round-list", smederij.slug)).status_code == 200
    response = client.get(url("round-detail", open_round.pk))
    assert response.status_code == 200
    shows_ideas = ideas[0].proposal.title in response.content.decode()
    assert shows_ideas == (
        role
        in {
            "resident",
            "initiatiefgroep_member",
            "professional",
            "gebiedsregisseur",
            "stuurgroep_member",
        }
    )


@pytest.mark.parametrize(
    "role, status", expected({"gebiedsregisseur"}).items(), ids=lambda v: str(v)
)
def test_round_create_matrix(client, role, status, smederij, other_smederij, share):
    login(client, role, smederij, other_smederij)
    assert client.get(url("round-create", smederij.slug)).status_code == status


@pytest.mark.parametrize(
    "role, status", expected({"gebiedsregisseur"}).items(), ids=lambda v: str(v)
)
def test_round_update_matrix(client, role, status, open_round, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    assert client.get(url("round-update", open_round.pk)).status_code == status


@pytest.mark.parametrize(
    "role, status", expected({"gebiedsregisseur"}, ok=302).items(), ids=lambda v: str(v)
)
def test_round_fix_ballot_matrix(client, role, status, open_round, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    assert client.post(url("round-fix-ballot", open_round.pk)).status_code == status


@pytest.mark.parametrize(
    "role, status",
    expected({"initiatiefgroep_member", "gebiedsregisseur"}).items(),
    ids=lambda v: str(v),
)
def test_idea_hold_back_matrix(client, role, status, open_round, ideas, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    assert client.get(url("idea-hold-back", ideas[0].pk)).status_code == status


@pytest.mark.parametrize(
    "role, status",
    expected({"resident", "initiatiefgroep_member"}).items(),
    ids=lambda v: str(v),
)
def test_ballot_matrix(client, role, status, open_round, ideas, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    assert client.get(url("ballot", open_round.pk)).status_code == status


@pytest.mark.parametrize(
    "role, status",
    expected({"resident", "initiatiefgroep_member"}, ok=302).items(),
    ids=lambda v: str(v),
)
def test_ballot_confirm_matrix(client, role, status, open_round, ideas, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    response = client.post(
        url("ballot-confirm", open_round.pk), {"ideas": [ideas[0].pk], "age_confirmed": "on"}
    )
    assert response.status_code == status
    assert BallotVoter.objects.exists() == (status == 302 and role != "visitor")


@pytest.mark.parametrize("role", ROLES)
def test_receipt_only_for_who_voted(client, role, open_round, ideas, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    response = client.get(url("receipt", open_round.pk))
    assert response.status_code == (302 if role == "visitor" else 404)


@pytest.mark.parametrize(
    "role, status",
    expected({"initiatiefgroep_member", "gebiedsregisseur"}).items(),
    ids=lambda v: str(v),
)
def test_paper_tally_matrix(client, role, status, open_round, ideas, smederij, other_smederij):
    open_round.counts_paper = True
    open_round.save()
    login(client, role, smederij, other_smederij)
    assert client.get(url("paper-tally", open_round.pk)).status_code == status


@pytest.mark.parametrize("role", ROLES)
def test_result_is_public_after_the_count_only(
    client, role, open_round, ideas, smederij, other_smederij, time_machine, share
):
    login(client, role, smederij, other_smederij)
    assert client.get(url("result", open_round.pk)).status_code == 404
    time_machine.move_to(open_round.closes_at + datetime.timedelta(minutes=1))
    close_and_count()
    assert client.get(url("result", open_round.pk)).status_code == 200


@pytest.mark.parametrize(
    "role, status", expected({"gebiedsregisseur"}).items(), ids=lambda v: str(v)
)
def test_recount_matrix(
    client, role, status, counted, smederij, other_smederij, django_capture_on_commit_callbacks
):
    login(client, role, smederij, other_smederij)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(url("recount", counted.pk))
    assert asked.status_code == (302 if status == 200 else status)
    response = client.get(url("recount", counted.pk))
    assert response.status_code == status
    if status == 200:
        assert response.context["recount"].same


def test_the_recount_page_never_counts_in_the_request(
    client, counted, gebiedsregisseur, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(gebiedsregisseur)

    def no_counting(*args, **kwargs):
        raise AssertionError("counted inside a request")

    monkeypatch.setattr(services, "round_count", no_counting)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(url("recount", counted.pk))
    assert response.status_code == 302
    assert len(queued) == 1  # the recount task, after commit
    page = client.get(url("recount", counted.pk))
    assert page.context["recount"] is None
    assert "De hertelling loopt." in page.content.decode()


def test_while_the_task_counts_the_pages_say_so(
    client, open_round, ideas, smederij, time_machine, share, django_capture_on_commit_callbacks
):
    (voter,) = voters(smederij, 1)
    services.ballot_cast(
        election_round=open_round, actor=voter, idea_ids=[ideas[0].pk], age_confirmed=True
    )
    time_machine.move_to(open_round.closes_at + datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks() as queued:
        services.close_due_rounds()
    open_round.refresh_from_db()
    assert open_round.is_counting and len(queued) == 1

    for name in ("round-detail", "result"):
        response = client.get(url(name, open_round.pk))
        assert response.status_code == 200
        assert "De uitslag wordt geteld…" in response.content.decode()
    assert "utrecht-table" not in client.get(url("result", open_round.pk)).content.decode()

    queued[0]()  # the worker runs the task
    response = client.get(url("result", open_round.pk))
    assert "De uitslag wordt geteld…" not in response.content.decode()
    assert response.context["result"].rows[0].votes == 1


@pytest.mark.parametrize(
    "role, status", expected({"gebiedsregisseur"}, ok=302).items(), ids=lambda v: str(v)
)
def test_fund_again_matrix(client, role, status, counted, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    assert client.post(url("fund-again", counted.pk)).status_code == status


# --- The ballot flow -------------------------------------------------------------------------


def test_choose_review_confirm_and_receipt(client, open_round, ideas, resident, mailoutbox):
    client.force_login(resident)
    chosen = [ideas[0].pk, ideas[2].pk]
    review = client.post(url("ballot", open_round.pk), {"ideas": chosen, "age_confirmed": "on"})
    assert review.status_code == 200
    assert [i.pk for i in review.context["chosen_ideas"]] == [
        i.pk for i in review.context["chosen_ideas"] if i.pk in chosen
    ]
    assert not BallotVoter.objects.exists()  # nothing is cast before the confirmation
    with_receipt = client.post(
        url("ballot-confirm", open_round.pk), {"ideas": chosen, "age_confirmed": "on"}, follow=True
    )
    assert with_receipt.redirect_chain[-1][0] == url("receipt", open_round.pk)
    participation = BallotVoter.objects.get()
    assert participation.receipt_code in with_receipt.content.decode()


def test_too_many_choices_keep_the_choices_and_show_an_error(client, open_round, resident):
    many = [make_idea(open_round, "100.00") for _ in range(6)]
    client.force_login(resident)
    response = client.post(
        url("ballot", open_round.pk), {"ideas": [i.pk for i in many], "age_confirmed": "on"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ideas"]
    assert response.context["chosen"] == {i.pk for i in many}
    html = response.content.decode()
    assert html.count("checked") >= 6
    assert "<fieldset" in html and "<legend" in html


def test_missing_age_statement_is_an_error(client, open_round, ideas, resident):
    client.force_login(resident)
    response = client.post(url("ballot", open_round.pk), {"ideas": [ideas[0].pk]})
    assert response.status_code == 400
    assert "age_confirmed" in response.context["form"].errors


def test_back_from_review_keeps_the_choice(client, open_round, ideas, resident):
    client.force_login(resident)
    response = client.post(
        url("ballot", open_round.pk),
        {"ideas": [ideas[1].pk], "age_confirmed": "on", "back": "1"},
    )
    assert response.status_code == 200
    assert response.context["chosen"] == {ideas[1].pk}


def test_ballot_page_shows_the_current_choice_to_change_it(client, open_round, ideas, resident):
    services.ballot_cast(
        election_round=open_round, actor=resident, idea_ids=[ideas[1].pk], age_confirmed=True
    )
    client.force_login(resident)
    response = client.get(url("ballot", open_round.pk))
    assert response.context["chosen"] == {ideas[1].pk}


def test_order_is_random_per_voter_and_stable_on_reload(client, open_round, smederij):
    for _ in range(12):
        make_idea(open_round, "100.00")
    orders = []
    for voter in voters(smederij, 2):
        client.force_login(voter)
        first = [i.pk for i in client.get(url("ballot", open_round.pk)).context["ideas"]]
        again = [i.pk for i in client.get(url("ballot", open_round.pk)).context["ideas"]]
        assert first == again
        orders.append(first)
    assert orders[0] != orders[1]
    assert sorted(orders[0]) == sorted(orders[1])


def test_ballot_page_outside_the_window_says_so(client, open_round, ideas, resident, time_machine):
    time_machine.move_to(open_round.closes_at + datetime.timedelta(minutes=1))
    client.force_login(resident)
    response = client.get(url("ballot", open_round.pk))
    assert "projecten/election/ballot_closed.html" in [t.name for t in response.templates]
    response = client.post(url("ballot", open_round.pk), {"ideas": [ideas[0].pk]})
    assert response.status_code == 400


def test_confirm_after_the_close_is_refused(client, open_round, ideas, resident, time_machine):
    client.force_login(resident)
    time_machine.move_to(open_round.closes_at + datetime.timedelta(minutes=1))
    client.post(
        url("ballot-confirm", open_round.pk), {"ideas": [ideas[0].pk], "age_confirmed": "on"}
    )
    assert not BallotVoter.objects.exists()


def test_rules_form_refuses_a_change_after_the_first_ballot(
    client, open_round, ideas, resident, gebiedsregisseur
):
    services.ballot_cast(
        election_round=open_round, actor=resident, idea_ids=[ideas[1].pk], age_confirmed=True
    )
    client.force_login(gebiedsregisseur)
    fmt = "%Y-%m-%dT%H:%M"
    from django.utils import timezone

    local = timezone.localtime
    response = client.post(
        url("round-update", open_round.pk),
        {
            "budget": "4000,00",
            "ideas_deadline": local(open_round.ideas_deadline).strftime(fmt),
            "opens_at": local(open_round.opens_at).strftime(fmt),
            "closes_at": local(open_round.closes_at).strftime(fmt),
            "votes_per_voter": "5",
            "minimum_age": "16",
            "method": "from_the_top",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    open_round.refresh_from_db()
    assert open_round.budget == 5000


def test_gebiedsregisseur_sets_up_a_round_through_the_form(
    client, smederij, gebiedsregisseur, share, year
):
    from django.utils import timezone

    client.force_login(gebiedsregisseur)
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    response = client.post(
        url("round-create", smederij.slug),
        {
            "year": str(year),
            "budget": "5.000,00",
            "ideas_deadline": now.strftime(fmt),
            "opens_at": (now + datetime.timedelta(minutes=1)).strftime(fmt),
            "closes_at": (now + datetime.timedelta(minutes=2)).strftime(fmt),
            "votes_per_voter": "5",
            "minimum_age": "16",
            "method": "equal_shares",
            "counts_paper": "on",
        },
    )
    assert response.status_code == 400
    assert "method" in response.context["form"].errors
    assert not ElectionRound.objects.exists()


def test_paper_tally_page_shows_the_difference_to_both_members(
    client, open_round, ideas, smederij, initiatiefgroep_member
):
    from tests import factories

    open_round.counts_paper = True
    open_round.save()
    second = factories.InitiatiefgroepMembershipFactory(
        smederij=smederij, user=factories.ResidentFactory(home_area=smederij.area)
    ).user
    for member, figure in ((initiatiefgroep_member, 3), (second, 4)):
        client.force_login(member)
        data = {"ballots_handed_in": "5"}
        data.update({f"idea_{i.pk}": "1" for i in ideas})
        data[f"idea_{ideas[0].pk}"] = str(figure)
        assert client.post(url("paper-tally", open_round.pk), data).status_code == 302
    for member in (initiatiefgroep_member, second):
        client.force_login(member)
        response = client.get(url("paper-tally", open_round.pk))
        assert [(idea.pk, figures) for idea, figures in response.context["differences"]] == [
            (ideas[0].pk, [3, 4])
        ]


def test_a_double_post_of_the_paper_tally_form_enters_it_once(
    client, open_round, ideas, initiatiefgroep_member
):
    from projecten.models import PaperTallyEntry

    open_round.counts_paper = True
    open_round.save()
    client.force_login(initiatiefgroep_member)
    page = client.get(url("paper-tally", open_round.pk)).content.decode()
    data = {"ballots_handed_in": "5", **{f"idea_{i.pk}": "1" for i in ideas}}
    data["submission_token"] = page.split('name="submission_token" value="')[1][:36]

    first = client.post(url("paper-tally", open_round.pk), data)
    entry = PaperTallyEntry.objects.get()
    second = client.post(url("paper-tally", open_round.pk), data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert PaperTallyEntry.objects.get() == entry, "not entered again"


def test_no_counts_on_any_page_before_the_close(
    client, open_round, ideas, smederij, gebiedsregisseur
):
    for voter in voters(smederij, 3):
        services.ballot_cast(
            election_round=open_round, actor=voter, idea_ids=[ideas[0].pk], age_confirmed=True
        )
    client.force_login(gebiedsregisseur)
    detail = client.get(url("round-detail", open_round.pk))
    assert all(idea.votes is None for idea in detail.context["ideas"])
    assert "utrecht-table" not in detail.content.decode()  # no table of votes
    for name in ("result", "recount", "export-ballots", "export-result", "export-pb"):
        assert client.get(url(name, open_round.pk)).status_code == 404


# --- Fixed query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 20])
def test_ballot_page_queries_do_not_grow_with_ideas(
    client, open_round, resident, n, django_assert_max_num_queries
):
    from projecten.models import Attachment

    for _ in range(n):
        idea = make_idea(open_round, "100.00")
        Attachment.objects.create(
            proposal=idea.proposal,
            kind="photo",
            file="projecten/foto.png",
            original_name="foto.png",
            content_type="image/png",
            size=100,
            publish_consent=True,
            uploaded_by=idea.proposal.submitter,
        )
    client.force_login(resident)
    with django_assert_max_num_queries(14):
        response = client.get(url("ballot", open_round.pk))
    assert len(response.context["ideas"]) == n
    assert all(idea.photo is not None for idea in response.context["ideas"])
    assert response.content.decode().count("<img") == n


@pytest.mark.parametrize("n", [1, 20])
def test_result_page_queries_do_not_grow_with_ideas(
    client, open_round, smederij, n, time_machine, share, django_assert_max_num_queries
):
    open_round.budget = 5000
    open_round.save()
    ideas = [make_idea(open_round, "100.00") for _ in range(n)]
    (voter,) = voters(smederij, 1)
    services.ballot_cast(
        election_round=open_round, actor=voter, idea_ids=[ideas[0].pk], age_confirmed=True
    )
    time_machine.move_to(open_round.closes_at + datetime.timedelta(minutes=1))
    close_and_count()
    with django_assert_max_num_queries(8):
        response = client.get(url("result", open_round.pk))
    assert len(response.context["result"].rows) == n
