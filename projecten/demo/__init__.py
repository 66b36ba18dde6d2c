"""Demo data for a local run: one account per role, the residents of four Smederijen, and
their year so far (the current year, until today), played through the services.

Everything here is for a developer's laptop or a demonstration, never for
production: the passwords are printed in the README. `demo_load` refuses
nothing itself; the `demo` command refuses to run with DEBUG off.

A second run creates nothing: the accounts are looked up before they are made,
and the story of a year is played once (it is one transaction, so it is there
whole or not at all). Next year a run plays that year's story.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from budget.models import BudgetYear
from projecten.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_RESIDENTS,
    DemoAccount,
    DemoOutOfSeason,
    DemoSeedMissing,
    demo_accounts_create,
    demo_professionals_create,
    demo_residents_create,
)
from projecten.demo.clock import DemoClock
from projecten.demo.story import PLANS, demo_story_exists, demo_story_play
from smederijen.models import User

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEMO_RESIDENTS",
    "PLANS",
    "DemoAccount",
    "DemoReport",
    "DemoSeedMissing",
    "demo_load",
]


@dataclass
class DemoReport:
    users_created: int
    proposals_created: int


@transaction.atomic
def demo_load() -> DemoReport:
    """Load the demo on top of the seed. Running it again creates nothing new."""
    from projecten.models import Proposal

    clock = DemoClock(timezone.now())
    if not clock.has_room_for_a_year():
        raise DemoOutOfSeason(
            f"De demo speelt een jaar tot vandaag in {clock.year}; dat past pas vanaf "
            f"8 januari en tot 31 december 18:00. Draai de demo dan opnieuw."
        )
    if not BudgetYear.objects.filter(year=clock.year).exists():
        raise DemoSeedMissing(
            f"Begrotingsjaar {clock.year} ontbreekt: draai eerst `manage.py seed`."
        )
    users_before = User.objects.count()
    proposals_before = Proposal.objects.count()
    # One hash for every demo account: hashing is slow on purpose, and these
    # passwords are public anyway.
    password_hash = make_password(DEMO_PASSWORD)
    accounts = demo_accounts_create(password_hash=password_hash)
    residents = demo_residents_create(password_hash=password_hash)
    professionals = demo_professionals_create(password_hash=password_hash)
    if not demo_story_exists(clock.year):
        demo_story_play(
            clock=clock, accounts=accounts, residents=residents, professionals=professionals
        )
    return DemoReport(
        users_created=User.objects.count() - users_before,
        proposals_created=Proposal.objects.count() - proposals_before,
    )
