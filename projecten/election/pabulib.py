"""The Pabulib `.pb` format (pabulib.org), so researchers can check a count.

A `.pb` file has three sections, each a header line and `;`-separated rows:

    META                       PROJECTS                          VOTES
    key;value                  project_id;cost;votes;name;selected   voter_id;vote
    description;...            12;1500;87;Jeu de boules baan;1       1;12,15,20

Values are written with the csv module (a `;` or quote in a name is quoted),
the way pabutools reads them. Amounts are written in euros, without decimals
when they are whole (as in every Pabulib file), with two otherwise.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

from projecten.election.counting import EQUAL_SHARES, FROM_THE_TOP, Idea

# The `rule` values Pabulib uses for our two methods.
PABULIB_RULES = {FROM_THE_TOP: "greedy", EQUAL_SHARES: "equalshares/add1"}

# The keys every file carries, in the order Pabulib lists them.
META_KEYS = (
    "description",
    "country",
    "unit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
    "date_begin",
    "date_end",
    "min_length",
    "max_length",
)


def format_amount(amount: Decimal) -> str:
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount:.2f}"


def write_pb(
    *,
    meta: dict,
    ideas: Sequence[Idea],
    titles: Mapping[int, str],
    ballots: Iterable[Collection[int]],
    votes: Mapping[int, int],
    selected: set[int],
) -> str:
    """The election as a `.pb` text (`write_pb_lines`, joined)."""
    return "".join(
        write_pb_lines(
            meta=meta, ideas=ideas, titles=titles, ballots=ballots, votes=votes, selected=selected
        )
    )


class _Line:
    """A file-like object for `csv.writer` that hands back the line just written."""

    def write(self, value: str) -> str:
        return value


def write_pb_lines(
    *,
    meta: dict,
    ideas: Sequence[Idea],
    titles: Mapping[int, str],
    ballots: Iterable[Collection[int]],
    votes: Mapping[int, int],
    selected: set[int],
) -> Iterator[str]:
    """The election as `.pb` lines, one at a time (a streamed download). Ballots are
    numbered 1, 2, … in the order given (the caller passes them anonymised and in a neutral
    order); the META counts and vote type are filled in from the data when missing."""
    ballots = list(ballots)
    meta = dict(meta)
    meta.setdefault("num_projects", len(ideas))
    meta.setdefault("num_votes", len(ballots))
    meta.setdefault("vote_type", "approval")
    if isinstance(meta.get("budget"), Decimal):
        meta["budget"] = format_amount(meta["budget"])
    ordered = [key for key in META_KEYS if key in meta]
    ordered += sorted(key for key in meta if key not in META_KEYS)

    writer = csv.writer(_Line(), delimiter=";", lineterminator="\n")
    yield writer.writerow(["META"])
    yield writer.writerow(["key", "value"])
    for key in ordered:
        yield writer.writerow([key, meta[key]])
    yield writer.writerow(["PROJECTS"])
    yield writer.writerow(["project_id", "cost", "votes", "name", "selected"])
    for idea in sorted(ideas, key=lambda idea: idea.id):
        yield writer.writerow(
            [
                idea.id,
                format_amount(idea.cost),
                votes.get(idea.id, 0),
                titles.get(idea.id, ""),
                1 if idea.id in selected else 0,
            ]
        )
    yield writer.writerow(["VOTES"])
    yield writer.writerow(["voter_id", "vote"])
    for number, ballot in enumerate(ballots, start=1):
        yield writer.writerow([number, ",".join(str(idea_id) for idea_id in sorted(ballot))])


def read_pb(
    text: str,
) -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Parse a `.pb` text into (meta, projects by id, votes by voter id), all
    values as the strings in the file, as pabutools reads them. A byte-order mark at the
    start (files saved as "UTF-8 with BOM" and decoded as plain UTF-8) is not part of the
    first section name."""
    text = text.removeprefix("\ufeff")
    meta: dict[str, str] = {}
    projects: dict[str, dict[str, str]] = {}
    votes: dict[str, dict[str, str]] = {}
    section = None
    header: list[str] | None = None
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if not row:
            continue
        first = row[0].strip()
        if len(row) == 1 and first.upper() in ("META", "PROJECTS", "VOTES"):
            section, header = first.upper(), None
            continue
        if section is None:
            raise ValueError("A .pb file starts with its META section.")
        row = [cell.strip() for cell in row]
        if header is None:
            header = row
            continue
        if section == "META":
            meta[row[0]] = row[1] if len(row) > 1 else ""
        else:
            record = dict(zip(header, row, strict=False))
            target = projects if section == "PROJECTS" else votes
            target[row[0]] = record
    return meta, projects, votes
