"""Benchmark: close, count and fund a Smederij election of 20,000 ballots over 40 ideas.

    DATABASE_URL=postgres://… DEBUG=1 .venv/bin/python bench/election.py

Runs against the (migrated) database in DATABASE_URL (PostgreSQL is the target).
Everything happens inside one transaction that is rolled back at the end, so the
database is left as it was found (only sequence counters move on). It builds a
budget year (an unused past year), a Smederij, 40 ideas and 20,000 voters with
their ballots (bulk inserts, not timed), then times the close (cut the
voter-ballot links) and the count that the background task `count_round` does
after it (count, store the result, grant every winner through the budget
service) once for each counting method. Target: under 2 s for either.
"""

import datetime
import os
import random
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from budget.models import BudgetYear, Grant, SmederijShare  # noqa: E402
from budget.money import format_euro  # noqa: E402
from projecten.election import services  # noqa: E402
from projecten.models import (  # noqa: E402
    Ballot,
    BallotChoice,
    BallotVoter,
    ElectionIdea,
    ElectionMethod,
    ElectionRound,
    Klap,
    Proposal,
    ProposalStatus,
)
from smederijen.models import GebiedsregisseurAssignment, Smederij, User, Wijkteam  # noqa: E402
from wijken.models import Area, AreaKind  # noqa: E402

BALLOTS = 20_000
IDEAS = 40
BUDGET = Decimal("60000.00")
TARGET_SECONDS = 2.0


class Rollback(Exception):
    pass


def unused_year() -> int:
    taken = set(BudgetYear.objects.values_list("year", flat=True))
    return next(year for year in range(2000, 2100) if year not in taken)


def set_up(tag: str, rng: random.Random) -> ElectionRound:
    year = unused_year()
    budget_year = BudgetYear.objects.create(
        year=year,
        total=Decimal("300000.00"),
        korte_klap_pot=Decimal("180000.00"),
        lange_klap_pot=Decimal("120000.00"),
    )
    area = Area.objects.create(
        name=f"Bench {tag}", slug=f"bench-{tag}", kind=AreaKind.WIJK, inhabitants=60_000
    )
    wijkteam = Wijkteam.objects.create(name=f"Bench {tag}", slug=f"bench-{tag}")
    smederij = Smederij.objects.create(
        area=area, name=f"Bench {tag}", slug=f"bench-{tag}", wijkteam=wijkteam
    )
    SmederijShare.objects.create(budget_year=budget_year, smederij=smederij, amount=BUDGET)
    regisseur = User.objects.create(email=f"regie-{tag}@bench.invalid", display_name="Regie")
    GebiedsregisseurAssignment.objects.create(user=regisseur, wijkteam=wijkteam)
    closes_at = timezone.make_aware(datetime.datetime(year, 6, 1, 20, 0))  # noqa: DTZ001
    election_round = ElectionRound.objects.create(
        smederij=smederij,
        year=year,
        budget=BUDGET,
        ideas_deadline=closes_at - datetime.timedelta(days=30),
        opens_at=closes_at - datetime.timedelta(days=14),
        closes_at=closes_at,
        ballot_fixed_at=closes_at - datetime.timedelta(days=30),
        created_by=regisseur,
    )
    submitter = User.objects.create(email=f"indiener-{tag}@bench.invalid", display_name="Indiener")
    proposals = Proposal.objects.bulk_create(
        Proposal(
            smederij=smederij,
            submitter=submitter,
            klap=Klap.KORTE,
            year=year,
            status=ProposalStatus.DECIDING,
            title=f"Idee {n}",
            amount_requested=Decimal(rng.randrange(500, 8000, 50)),
            submitted_at=closes_at - datetime.timedelta(days=60, minutes=n),
        )
        for n in range(IDEAS)
    )
    ideas = ElectionIdea.objects.bulk_create(
        ElectionIdea(election_round=election_round, proposal=p) for p in proposals
    )
    # Some ideas are far more popular than others, as in a real evening.
    weights = [rng.paretovariate(1.2) for _ in ideas]
    users = User.objects.bulk_create(
        User(
            email=f"kiezer-{tag}-{n}@bench.invalid",
            display_name=f"Kiezer {n}",
            password="!",  # noqa: S106 - an unusable password
            home_area=area,
        )
        for n in range(BALLOTS)
    )
    ballots = Ballot.objects.bulk_create(
        Ballot(election_round=election_round) for _ in range(BALLOTS)
    )
    choices = []
    for ballot in ballots:
        chosen = set()
        for _ in range(rng.randint(1, 5)):
            chosen.add(rng.choices(ideas, weights)[0].pk)
        choices.extend(BallotChoice(ballot=ballot, idea_id=pk) for pk in chosen)
    BallotChoice.objects.bulk_create(choices, batch_size=10_000)
    BallotVoter.objects.bulk_create(
        (
            BallotVoter(election_round=election_round, voter=user, ballot=ballot)
            for user, ballot in zip(users, ballots, strict=True)
        ),
        batch_size=10_000,
    )
    print(f"set up: {BALLOTS} ballots, {len(choices)} choices over {IDEAS} ideas, {year}")
    return election_round


def measure(election_round: ElectionRound, method: str) -> float:
    ElectionRound.objects.filter(pk=election_round.pk).update(method=method)
    election_round.refresh_from_db()
    started = time.perf_counter()
    # The close itself: every voter's link to a ballot is cut (a one-off UPDATE of 20,000 rows).
    services._close_voting(election_round, timezone.now())
    cut = time.perf_counter() - started
    started = time.perf_counter()
    # What the background task `count_round` does after the close commits.
    services.round_count_and_fund(election_round_id=election_round.pk)
    elapsed = time.perf_counter() - started
    election_round.refresh_from_db()
    funded = election_round.ideas.filter(funded=True).count()
    grants = Grant.objects.filter(smederij=election_round.smederij).count()
    if election_round.funding_status != "funded" or grants != funded:
        raise SystemExit(f"not funded: {election_round.funding_reason}")
    print(
        f"{method:>13}: count and fund {elapsed:6.3f} s (target < {TARGET_SECONDS:.0f} s); "
        f"cutting the links before it {cut:5.3f} s; "
        f"{funded} ideas funded, {format_euro(election_round.spent)} of {format_euro(BUDGET)}, "
        f"{election_round.online_voters} voters"
    )
    return elapsed


def main() -> int:
    print(f"database: {connection.vendor}")
    # A running worker has its URL resolver built; the first reverse() of a process is not
    # part of the count.
    reverse("home")
    rng = random.Random(2013)
    tag = uuid.uuid4().hex[:8]
    times = {}
    try:
        with transaction.atomic():
            election_round = set_up(tag, rng)
            for method in (ElectionMethod.FROM_THE_TOP, ElectionMethod.EQUAL_SHARES):
                savepoint = transaction.savepoint()
                times[method] = measure(election_round, method)
                transaction.savepoint_rollback(savepoint)
            raise Rollback
    except Rollback:
        pass
    print("rolled back: the database is as it was")
    return 0 if all(t < TARGET_SECONDS for t in times.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
