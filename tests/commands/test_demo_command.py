"""The demo command on an empty database: what it refuses, and what it leaves alone.

The demo's content is checked once for a whole module in test_demo.py.
"""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from projecten.models import Proposal, ProposalStatus
from smederijen.models import Smederij, StuurgroepMembership, User
from tests import factories

pytestmark = pytest.mark.django_db


def test_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="demo weigert te draaien met DEBUG=0"):
        call_command("demo", stdout=StringIO())

    assert not User.objects.filter(email__endswith="@example.org").exists()
    assert not Smederij.objects.exists()


def test_demo_leaves_a_chair_the_administrator_already_seated(settings):
    settings.DEBUG = True
    call_command("seed", stdout=StringIO())
    real_chair = factories.StuurgroepMembershipFactory(is_chair=True)

    call_command("demo", stdout=StringIO())

    assert StuurgroepMembership.objects.get(is_chair=True) == real_chair


def test_demo_fits_a_year_that_is_only_two_months_old(settings):
    """The story is told in fractions of the year so far: it fits on 1 March as well,
    with every status and every moment between 1 January and that day."""
    settings.DEBUG = True
    year = timezone.localdate().year
    march = datetime.datetime(year, 3, 1, 10, 0, tzinfo=datetime.UTC)

    with time_machine.travel(march, tick=False):
        call_command("demo", stdout=StringIO())

    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)
    assert set(Proposal.objects.values_list("year", flat=True)) == {year}
    first, last = Proposal.objects.order_by("created_at").values_list("created_at", flat=True)[
        :: Proposal.objects.count() - 1
    ]
    assert datetime.datetime(year, 1, 1, tzinfo=datetime.UTC) <= first <= last <= march


def test_demo_says_when_the_year_is_too_young_for_its_story(settings):
    settings.DEBUG = True
    year = timezone.localdate().year

    errors = StringIO()
    with time_machine.travel(datetime.datetime(year, 1, 3, 10, 0, tzinfo=datetime.UTC), tick=False):
        # No error: `make run` goes on and serves the site.
        call_command("demo", stdout=StringIO(), stderr=errors)

    assert "vanaf 8 januari" in errors.getvalue()
    assert not Proposal.objects.exists()
