"""Open data of a counted election: the anonymous ballots and the result, as CSV and Pabulib .pb.

Only the views of a counted round call these. A ballot is a set of proposal
ids under a number that follows the ballots' random ids: it says nothing of
who cast it or when.
"""

import csv
import io
from collections.abc import Iterator

from budget.money import to_money
from projecten.election import pabulib as pb
from projecten.election.selectors import anonymous_ballots, round_result
from projecten.election.services import ideas_for_count, paper_tally
from projecten.models import ElectionRound
from smederijen.spreadsheets import safe_cell


class _Line:
    """A file-like object for `csv.writer` that hands back the line just written."""

    def write(self, value: str) -> str:
        return value


def ballots_csv_lines(election_round: ElectionRound) -> Iterator[str]:
    """The ballots CSV a line at a time, for a streamed download. The ballots are read
    here, before the first line: no query runs while the response streams."""
    return _ballot_lines(anonymous_ballots(election_round))


def _ballot_lines(ballots: list[frozenset[int]]) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\n")
    yield writer.writerow(["ballot", "proposal_ids"])
    for number, ballot in enumerate(ballots, start=1):
        yield writer.writerow([number, " ".join(str(i) for i in sorted(ballot))])


def ballots_csv(election_round: ElectionRound) -> str:
    return "".join(ballots_csv_lines(election_round))


def result_csv(election_round: ElectionRound) -> str:
    result = round_result(election_round)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["rank", "proposal_id", "title", "amount", "votes", "funded", "reason"])
    for rank, row in enumerate(result.rows, start=1):
        writer.writerow(
            [
                rank,
                row.idea.proposal_id,
                safe_cell(row.idea.proposal.title),
                f"{to_money(row.cost):.2f}",
                row.votes,
                "yes" if row.funded else "no",
                row.idea.outcome_reason,
            ]
        )
    writer.writerow([])
    writer.writerow(["budget", f"{election_round.budget:.2f}"])
    writer.writerow(["spent", f"{result.spent:.2f}"])
    writer.writerow(["left", f"{result.left:.2f}"])
    writer.writerow(["voters_online", election_round.online_voters])
    writer.writerow(["ballots_on_paper", election_round.paper_voters])
    writer.writerow(["inhabitants", election_round.inhabitants])
    return out.getvalue()


def pabulib_text(election_round: ElectionRound) -> str:
    return "".join(pabulib_lines(election_round))


def pabulib_lines(election_round: ElectionRound) -> Iterator[str]:
    """The election as Pabulib `.pb` lines, for a streamed download."""
    ideas, by_proposal = ideas_for_count(election_round)
    result = round_result(election_round)
    meta = {
        "description": f"Smederij {election_round.smederij.name} {election_round.year}",
        "country": "Netherlands",
        "unit": "Hoogeveen",
        "instance": str(election_round.year),
        "budget": election_round.budget,
        "vote_type": "approval",
        "rule": pb.PABULIB_RULES[election_round.method],
        "date_begin": election_round.opens_at.date().isoformat(),
        "date_end": election_round.closes_at.date().isoformat(),
        "max_length": election_round.votes_per_voter,
        "currency": "EUR",
    }
    if election_round.counts_paper:
        tally = paper_tally(election_round)
        meta["comment"] = (
            f"The votes per project include {tally.ballots_handed_in or 0} paper ballots, "
            "counted as a tally per project; VOTES lists the online ballots only."
        )
    return pb.write_pb_lines(
        meta=meta,
        ideas=ideas,
        titles={idea.proposal_id: idea.proposal.title for idea in by_proposal.values()},
        ballots=anonymous_ballots(election_round),
        votes={row.idea.proposal_id: row.votes for row in result.rows},
        selected={row.idea.proposal_id for row in result.rows if row.funded},
    )
