"""`generate_synthetic` at a small size: the history it writes is whole, consistent and
the site serves it. Runs on SQLite and, with DATABASE_URL=postgres://…, through COPY."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from budget.models import BudgetYear, Grant
from budget.selectors import budget_year_balances, grant_balance, lange_klap_balance
from projecten.models import (
    AssessmentVote,
    BallotChoice,
    BallotVoter,
    Comment,
    ElectionRound,
    Proposal,
    ProposalEvent,
    Support,
)
from projecten.synthetic import Options, synthetic_generate
from projecten.synthetic.checks import budget_check
from projecten.workflow import FUNDED_STATUSES, ProposalStatus
from smederijen.models import Smederij, User, WijkteamMembership

pytestmark = pytest.mark.django_db

SMALL = {
    "years": 3,
    "proposals": 300,
    "supports": 2000,
    "comments": 600,
    "ballots": 3000,
    "seed": 1,
}


def _quiet(_line):
    pass


@pytest.fixture
def seeded():
    call_command("seed", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def generated(seeded):
    return synthetic_generate(Options(**SMALL), log=_quiet)


def _fingerprint():
    return (
        {
            model.__name__: model.objects.count()
            for model in (
                Proposal,
                Support,
                Comment,
                BallotChoice,
                Grant,
                AssessmentVote,
                ProposalEvent,
            )
        },
        list(
            Proposal.objects.order_by("pk").values_list("title", "status", "amount_requested")[:20]
        ),
    )


def test_counts_are_roughly_as_asked(generated):
    assert Proposal.objects.count() == 300
    assert (
        BudgetYear.objects.filter(year__gte=BudgetYear.objects.latest("year").year - 2).count() == 3
    )
    assert Support.objects.count() == 2000
    assert Comment.objects.count() == pytest.approx(600, rel=0.05)
    assert BallotChoice.objects.count() == pytest.approx(3000, rel=0.1)
    # One voter row per ballot, each a different resident of the round.
    assert BallotVoter.objects.count() == generated["projecten.Ballot"]
    assert ElectionRound.objects.filter(counted_at__isnull=False).exists()


def test_every_status_of_the_lifecycle_is_present(generated):
    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)


def test_funded_proposals_have_a_grant_and_a_timeline_to_their_status(generated):
    funded = Proposal.objects.filter(status__in=FUNDED_STATUSES)
    assert funded.exists()
    assert not funded.filter(grants__isnull=True).exists()
    for proposal in funded[:20]:
        last = proposal.events.filter(kind="status").order_by("created_at", "pk").last()
        assert last.to_status == proposal.status


def test_the_budget_invariants_hold_on_the_generated_ledger(generated):
    assert budget_check({y.year: y for y in BudgetYear.objects.all()}) == []
    for budget_year in BudgetYear.objects.all():
        balances = budget_year_balances(budget_year=budget_year)
        for share in balances.shares:
            pot = share.share.amount + share.reallocated_in - share.reallocated_out
            assert share.balance.committed <= pot
        assert lange_klap_balance(budget_year=budget_year).free >= 0
    for grant in Grant.objects.all():
        balance = grant_balance(grant=grant)
        assert 0 <= balance.spent <= balance.committed
        # A grant closes exactly when all of it was released (decision 0003).
        assert (grant.closed_at is not None) == (balance.released == grant.amount)


def test_a_seed_gives_the_same_history():
    call_command("seed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    prints = []
    for _ in range(2):
        with transaction.atomic():
            synthetic_generate(Options(**SMALL), log=_quiet)
            prints.append(_fingerprint())
            transaction.set_rollback(True)
    assert prints[0] == prints[1]
    with transaction.atomic():
        synthetic_generate(Options(**{**SMALL, "seed": 2}), log=_quiet)
        assert _fingerprint()[1] != prints[0][1]
        transaction.set_rollback(True)


def test_the_site_serves_the_generated_history(generated, client):
    smederij = Smederij.objects.order_by("name").first()
    proposal = Proposal.objects.filter(status=ProposalStatus.COMPLETED).order_by("pk").first()
    election = ElectionRound.objects.filter(counted_at__isnull=False).order_by("pk").first()
    for url in (
        reverse("home"),
        smederij.get_absolute_url(),
        proposal.get_absolute_url(),
        reverse("projecten:election:result", kwargs={"pk": election.pk}),
    ):
        assert client.get(url).status_code == 200, url
    professional = User.objects.get(pk=WijkteamMembership.objects.order_by("pk").first().user_id)
    client.force_login(professional)
    response = client.get(reverse("projecten:review-queue"))
    assert response.status_code == 200
    # The professional's wijkteam has proposals waiting in the generated current year.
    assert response.context["result_count"] > 0


def test_it_refuses_a_database_that_already_has_the_history(generated):
    with pytest.raises(CommandError, match="al synthetische gegevens"):
        call_command("generate_synthetic", "--force", "--years", "1", "--proposals", "5")


def test_it_refuses_without_seed():
    with pytest.raises(CommandError, match="seed"):
        call_command("generate_synthetic", "--force", "--years", "1", "--proposals", "5")


@override_settings(DEBUG=False)
def test_it_refuses_with_debug_off_unless_forced(seeded):
    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("generate_synthetic", "--years", "1", "--proposals", "5")
    assert not Proposal.objects.exists()


def test_the_command_prints_each_phase_with_rows_and_seconds(seeded, capsys):
    call_command("generate_synthetic", "--force", *[f"--{k}={v}" for k, v in SMALL.items()])
    out = capsys.readouterr().out
    assert "supports: 2,000 rows in" in out
    assert "projecten.Proposal: 300" in out


def test_the_site_can_add_rows_after_the_bulk_inserts(generated):
    # The writer chose the keys itself; the sequences must have moved past them.
    proposal = Proposal.objects.order_by("pk").last()
    comment = Comment.objects.create(proposal=proposal, author=proposal.submitter, body="Nog één.")
    assert comment.pk > Comment.objects.exclude(pk=comment.pk).order_by("pk").last().pk


def test_nothing_is_dated_after_now(generated):
    from django.utils import timezone

    now = timezone.now()
    assert not Proposal.objects.filter(submitted_at__gt=now).exists()
    assert not ProposalEvent.objects.filter(created_at__gt=now).exists()
    assert not Support.objects.filter(created_at__gt=now).exists()
    assert not Comment.objects.filter(created_at__gt=now).exists()
    assert not Grant.objects.filter(granted_at__gt=now).exists()


def test_a_single_year_has_no_election_and_still_every_part(seeded):
    # The current year decides by assessment only: no rounds, so no ballots however many asked.
    counts = synthetic_generate(
        Options(years=1, proposals=60, supports=100, comments=50, ballots=1000, seed=3), log=_quiet
    )
    assert counts["projecten.Proposal"] == 60
    assert "projecten.BallotChoice" not in counts
    assert User.objects.filter(email__endswith="@synthetic.example.org").count() < 2000
