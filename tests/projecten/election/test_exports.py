"""Open data after the close: anonymous ballots and the result as CSV and Pabulib .pb."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from projecten.election import services
from projecten.election.pabulib import read_pb
from projecten.models import BallotVoter

from .conftest import close_and_count, voters

pytestmark = pytest.mark.django_db

EXPORTS = ("export-ballots", "export-result", "export-pb")


@pytest.fixture
def counted(open_round, ideas, smederij, time_machine, share):
    a, b, c = voters(smederij, 3)
    for voter, chosen in ((a, ideas), (b, ideas[:2]), (c, ideas[:1])):
        services.ballot_cast(
            election_round=open_round,
            actor=voter,
            idea_ids=[i.pk for i in chosen],
            age_confirmed=True,
        )
    time_machine.move_to(open_round.closes_at + datetime.timedelta(minutes=1))
    close_and_count()
    open_round.refresh_from_db()
    return open_round


@pytest.mark.parametrize("name", EXPORTS)
def test_no_export_before_the_count(client, open_round, ideas, resident, name):
    services.ballot_cast(
        election_round=open_round, actor=resident, idea_ids=[ideas[0].pk], age_confirmed=True
    )
    response = client.get(reverse(f"projecten:election:{name}", args=[open_round.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
def test_anyone_downloads_after_the_count(client, counted, name):
    response = client.get(reverse(f"projecten:election:{name}", args=[counted.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_ballots_csv_holds_the_anonymous_ballots_and_no_voter(client, counted, ideas):
    response = client.get(reverse("projecten:election:export-ballots", args=[counted.pk]))
    assert response.streaming  # a line at a time: a big round is never held whole
    body = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["ballot", "proposal_ids"]
    ballots = sorted(tuple(sorted(int(i) for i in row[1].split())) for row in rows[1:])
    p = [idea.proposal_id for idea in ideas]
    assert ballots == sorted([tuple(sorted(p)), tuple(sorted(p[:2])), (p[0],)])
    for participation in BallotVoter.objects.select_related("voter"):
        assert participation.voter.email not in body.decode()


def test_result_csv_lists_votes_and_funding(client, counted, ideas):
    body = client.get(reverse("projecten:election:export-result", args=[counted.pk])).content
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0][:6] == ["rank", "proposal_id", "title", "amount", "votes", "funded"]
    assert [(int(r[1]), int(r[4]), r[5]) for r in rows[1:4]] == [
        (ideas[0].proposal_id, 3, "yes"),
        (ideas[1].proposal_id, 2, "yes"),
        (ideas[2].proposal_id, 1, "yes"),
    ]


def test_result_csv_runs_no_formula_a_resident_typed(client, counted, ideas):
    titles = ['=HYPERLINK("http://evil.example","klik")', "+1+1", "@SUM(1)", "-2"]
    for idea, title in zip(ideas, titles, strict=False):
        idea.proposal.title = title
        idea.proposal.save(update_fields=["title"])
    body = client.get(reverse("projecten:election:export-result", args=[counted.pk])).content
    cells = [row[2] for row in csv.reader(io.StringIO(body.decode())) if len(row) > 2][1:4]
    assert sorted(cells) == sorted("'" + title for title in titles[: len(cells)])
    assert all(not cell.startswith(("=", "+", "@", "-")) for cell in cells)


def test_pabulib_file_reads_back_to_the_same_election(client, counted, ideas):
    response = client.get(reverse("projecten:election:export-pb", args=[counted.pk]))
    body = b"".join(response.streaming_content).decode()
    meta, projects, votes = read_pb(body)
    assert meta["num_votes"] == "3"
    assert meta["budget"] == "5000"
    assert meta["rule"] == "greedy"
    assert {pid: p["votes"] for pid, p in projects.items()} == {
        str(ideas[0].proposal_id): "3",
        str(ideas[1].proposal_id): "2",
        str(ideas[2].proposal_id): "1",
    }
    assert all(p["selected"] == "1" for p in projects.values())
    assert sorted(len(v["vote"].split(",")) for v in votes.values()) == [1, 2, 3]
