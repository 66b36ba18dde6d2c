"""Two gebiedsregisseurs approve the last proposals that fit a Smederij's share at the same
moment, on PostgreSQL: exactly the ones that fit are approved and granted.

Each thread has its own database connection (closed when it ends); a barrier
releases them together so that their transactions overlap. The approval locks
the proposal, and the grant locks the Smederij's share row before it reads
what is free (`select_for_update` in budget.services.grant_create). Without
that lock every thread reads the same free amount and all four are granted:
the share is overspent twice over (checked by hand, see decision 0009).
"""

# The fixtures imported from tests.projecten.decisions_fixtures are parameters of the tests.
# ruff: noqa: F811

import threading
from decimal import Decimal

import pytest
from django.db import connections
from django.utils import translation

from budget.errors import BudgetError
from budget.models import Grant
from budget.selectors import share_balance
from projecten.decisions.services import proposal_approve
from projecten.models import Decision, ProposalStatus
from tests import factories
from tests.projecten.decisions_fixtures import closed_vote, in_june_2013, make_deciding  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PROPOSALS = 4
ASKED = Decimal("1250.00")
ROOM = 2  # the share holds exactly two of the four


def _race(work, arguments):
    """Run work(argument) in one thread each, all released at the same moment."""
    barrier = threading.Barrier(len(arguments))
    outcomes = [None] * len(arguments)

    def run(position, argument):
        try:
            with translation.override("en"):
                barrier.wait(timeout=30)
                outcomes[position] = work(argument)
        except Exception as error:  # every outcome is inspected by the test
            outcomes[position] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(position, argument))
        for position, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_two_gebiedsregisseurs_approve_only_what_fits_the_share(in_june_2013, smederij):
    budget_year = factories.BudgetYearFactory(year=2013)
    share = factories.SmederijShareFactory(
        budget_year=budget_year, smederij=smederij, amount=ASKED * ROOM
    )
    first, second = (
        factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
        for _ in range(2)
    )
    submitter = factories.ResidentFactory(home_area=smederij.area)
    proposals = [make_deciding(smederij, submitter, amount=str(ASKED)) for _ in range(PROPOSALS)]
    for proposal in proposals:
        closed_vote(proposal)

    outcomes = _race(
        lambda pair: proposal_approve(proposal=pair[0], actor=pair[1], amount=ASKED),
        [(proposal, first if i % 2 == 0 else second) for i, proposal in enumerate(proposals)],
    )

    decisions = [o for o in outcomes if isinstance(o, Decision)]
    refusals = [o for o in outcomes if not isinstance(o, Decision)]
    assert all(isinstance(o, BudgetError) for o in refusals), refusals
    assert all("Not enough budget in korte klap for Smederij" in str(o) for o in refusals)
    assert len(decisions) == ROOM, outcomes
    balance = share_balance(share=share)
    assert balance.granted == ASKED * ROOM
    assert balance.free == Decimal("0.00"), f"overspent by {-balance.free}"
    assert Grant.objects.count() == ROOM and Decision.objects.count() == ROOM
    for proposal, outcome in zip(proposals, outcomes, strict=True):
        proposal.refresh_from_db()
        if isinstance(outcome, Decision):
            assert proposal.status == ProposalStatus.APPROVED
            assert Grant.objects.filter(proposal=proposal).exists()
        else:
            assert proposal.status == ProposalStatus.DECIDING
            assert not Grant.objects.filter(proposal=proposal).exists()
            assert not Decision.objects.filter(proposal=proposal).exists()
