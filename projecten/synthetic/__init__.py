"""A believable 20-year history for benchmarks: `manage.py generate_synthetic`.

Phases in modules: people, years (through the budget services), proposals (plan, fund,
write with their timeline, decisions and advice), choosing (elections and assessment
votes), money (the ledger and the verantwoording), participation (supports, comments),
checks (the budget's invariants through its selectors). Rows go in by bulk inserts
(`writer.py`); one `random.Random(seed)` drives every choice, so a seed gives the same
history.
"""

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from smederijen.models import Smederij

from . import choosing, money, participation, people, proposals, years
from .checks import SyntheticCheckFailed, budget_check
from .writer import Phase, Writer

MAX_RESIDENTS = 10_000


class SyntheticRefused(Exception):
    pass


@dataclass(frozen=True)
class Options:
    years: int = 20
    proposals: int = 100_000
    supports: int = 900_000
    comments: int = 300_000
    ballots: int = 1_000_000  # choices on ballots (BallotChoice rows)
    seed: int = 1


def synthetic_generate(options: Options, *, log=print) -> dict[str, int]:
    """Write the history and return the rows written per model."""
    if people.has_synthetic_people():
        raise SyntheticRefused(
            "Deze database heeft al synthetische gegevens; begin met een lege database "
            "(migrate en seed)."
        )
    smederijen = list(Smederij.objects.active().select_related("area", "wijkteam").order_by("name"))
    if not smederijen:
        raise SyntheticRefused("Er zijn geen Smederijen: draai eerst `manage.py seed`.")
    # Reproducible on purpose: a benchmark must be able to build the same history again.
    rng = random.Random(options.seed)  # noqa: S311  # nosec B311
    writer = Writer(log)
    current = timezone.localdate().year
    year_list = list(range(current - options.years + 1, current + 1))

    with Phase(writer, "budget years (services)"), transaction.atomic():
        budget_years = years.years_open(year_list)
        shares = years.shares_of(budget_years)
    methods = choosing.methods_choose(rng, smederijen=smederijen, years=year_list, current=current)
    elections = sum(1 for m in methods.values() if m == "election")
    # Enough residents for each round's voters (one ballot each), and so for the most
    # supported proposals too (one support each).
    # (No election, no voters; and at most MAX_RESIDENTS a Smederij, so that a few rounds
    # asked for a million choices do not make a million residents: the choices fall short.)
    voters = min(options.ballots // elections // 2 + 1, MAX_RESIDENTS) if elections else 0
    residents_per = {s.pk: max(40, voters) for s in smederijen}
    with Phase(writer, "people"), transaction.atomic():
        folk = people.people_create(writer, rng, smederijen=smederijen, residents_per=residents_per)

    with Phase(writer, "plan and count the elections (in memory)"):
        plans = proposals.proposals_plan(
            rng,
            writer,
            years=year_list,
            current=current,
            smederijen=smederijen,
            total=options.proposals,
            people=folk,
        )
        rounds = choosing.elections_decide(
            rng,
            writer,
            plans,
            methods=methods,
            shares=shares,
            people=folk,
            choices_total=options.ballots,
        )
        made = sum(len(r.choices) for r in rounds)
        if made < options.ballots * 0.95:
            log(
                f"  note: {made:,} election choices of the {options.ballots:,} asked "
                f"({len(rounds)} rounds; too few rounds, ideas or residents for more)"
            )
        by_election = {plan for r in rounds for plan in r.ideas}
        lange_pots = {y: b.lange_klap_pot for y, b in budget_years.items()}
        proposals.funding_decide(
            rng, plans, shares=shares, lange_pots=lange_pots, decided_by_election=by_election
        )
        proposals.statuses_final(rng, plans, current=current)
    with Phase(writer, "proposals, budget lines, decision methods"), transaction.atomic():
        proposals.proposals_write(writer, rng, plans)
        choosing.methods_write(writer, methods)
    with Phase(writer, "timeline events"), transaction.atomic():
        proposals.events_write(writer, plans, people=folk)
    with Phase(writer, "advice and decisions"), transaction.atomic():
        proposals.decisions_write(writer, rng, plans, people=folk, by_election=by_election)
    with (
        Phase(writer, "grants, payments, refunds, releases (checked at commit)"),
        transaction.atomic(),
    ):
        money.money_write(writer, plans, years=budget_years, people=folk)
    with Phase(writer, "verantwoordingen"), transaction.atomic():
        money.accountings_write(writer, rng, plans)
    with Phase(writer, "assessment votes"), transaction.atomic():
        choosing.assessments_write(writer, rng, plans, methods=methods, people=folk)
    with Phase(writer, "elections and ballots"), transaction.atomic():
        choosing.elections_write(writer, rng, rounds, people=folk)
    with Phase(writer, "supports"), transaction.atomic():
        participation.supports_write(writer, rng, plans, people=folk, total=options.supports)
    with Phase(writer, "comments"), transaction.atomic():
        participation.comments_write(writer, rng, plans, people=folk, total=options.comments)
    with Phase(writer, "sequences, past years closed (services)"), transaction.atomic():
        writer.reset_sequences()
        years.years_close(budget_years, current=current)
    with Phase(writer, "statistics for the planner (VACUUM ANALYZE)"):
        writer.analyze()
    with Phase(writer, "budget invariants (selectors)"):
        problems = budget_check(budget_years)
    if problems:
        raise SyntheticCheckFailed("; ".join(problems[:10]))
    return dict(writer.counts)


__all__ = ["Options", "SyntheticCheckFailed", "SyntheticRefused", "synthetic_generate"]
