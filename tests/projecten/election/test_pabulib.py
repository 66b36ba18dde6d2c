"""The Pabulib .pb export: what is written reads back the same."""

from datetime import UTC, datetime
from decimal import Decimal

from projecten.election.counting import EQUAL_SHARES, Idea
from projecten.election.pabulib import PABULIB_RULES, read_pb, write_pb

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
IDEAS = [
    Idea(3, Decimal("1500.00"), T0),
    Idea(1, Decimal("249.50"), T0),
    Idea(2, Decimal("800"), T0),
]
TITLES = {1: 'Jeu de boules; baan "Krakeel"', 2: "Speeltuin", 3: "Geluidsinstallatie dorpshuis"}
BALLOTS = [{1, 3}, {2}, {3, 2, 1}, set()]
VOTES = {1: 2, 2: 2, 3: 2}
META = {
    "description": "Smederij Krakeel 2025",
    "country": "Netherlands",
    "unit": "Hoogeveen",
    "instance": "2025",
    "budget": Decimal("2000.00"),
    "rule": PABULIB_RULES[EQUAL_SHARES],
    "date_begin": "01.04.2025",
    "date_end": "15.04.2025",
    "min_length": 1,
    "max_length": 5,
}


def written():
    return write_pb(
        meta=META, ideas=IDEAS, titles=TITLES, ballots=BALLOTS, votes=VOTES, selected={1, 3}
    )


def test_the_file_has_the_three_pabulib_sections_in_order():
    lines = written().splitlines()

    assert lines[0] == "META"
    assert lines[1] == "key;value"
    assert lines.index("PROJECTS") < lines.index("VOTES")
    assert lines[lines.index("PROJECTS") + 1] == "project_id;cost;votes;name;selected"
    assert lines[lines.index("VOTES") + 1] == "voter_id;vote"
    assert "vote_type;approval" in lines
    assert "budget;2000" in lines


def test_meta_projects_and_votes_read_back_as_written():
    meta, projects, votes = read_pb(written())

    assert meta["description"] == "Smederij Krakeel 2025"
    assert meta["num_projects"] == "3"
    assert meta["num_votes"] == "4"
    assert meta["rule"] == "equalshares/add1"
    assert (meta["min_length"], meta["max_length"]) == ("1", "5")
    assert list(projects) == ["1", "2", "3"]
    assert projects["1"] == {
        "project_id": "1",
        "cost": "249.50",
        "votes": "2",
        "name": 'Jeu de boules; baan "Krakeel"',
        "selected": "1",
    }
    assert projects["2"]["cost"] == "800"
    assert projects["2"]["selected"] == "0"
    assert [votes[str(n)]["vote"] for n in range(1, 5)] == ["1,3", "2", "1,2,3", ""]


def test_a_file_in_the_spaced_style_of_published_pabulib_files_is_read():
    text = (
        "META\nkey; value\ndescription; Test\nbudget; 100\nvote_type; approval\n"
        "PROJECTS\nproject_id; cost; name\n1; 60; Park\n2; 40; Bank\n"
        "VOTES\nvoter_id; vote\n1; 1,2\n2; 2\n"
    )

    meta, projects, votes = read_pb(text)

    assert meta == {"description": "Test", "budget": "100", "vote_type": "approval"}
    assert projects["1"] == {"project_id": "1", "cost": "60", "name": "Park"}
    assert votes["1"]["vote"] == "1,2"


def test_a_file_that_starts_with_a_byte_order_mark_is_read():
    # Saved by a spreadsheet or Notepad as "UTF-8 with BOM", then decoded as UTF-8.
    text = written().encode("utf-8-sig").decode("utf-8")
    assert text.startswith("\ufeffMETA")

    assert read_pb(text) == read_pb(written())
    meta, _projects, _votes = read_pb(text)
    assert "description" in meta
