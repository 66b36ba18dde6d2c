from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum

from budget.models import SmederijShare
from projecten.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from projecten.models import BudgetLine, CoFunding, Klap, Proposal, ProposalStatus
from smederijen.models import (
    GebiedsregisseurAssignment,
    InitiatiefgroepMembership,
    ProfessionalFunction,
    Smederij,
    StuurgroepMembership,
    StuurgroepSeat,
    User,
    WijkteamMembership,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    output = StringIO()
    call_command("demo", stdout=output)
    return output.getvalue()


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            Smederij,
            InitiatiefgroepMembership,
            WijkteamMembership,
            GebiedsregisseurAssignment,
            StuurgroepMembership,
            Proposal,
            BudgetLine,
            CoFunding,
        )
    }


def test_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="demo weigert te draaien met DEBUG=0"):
        call_command("demo", stdout=StringIO())

    assert not User.objects.filter(email__endswith="@example.org").exists()
    assert not Smederij.objects.exists()


def test_demo_loads_the_seed_first(demo):
    assert Smederij.objects.count() == 24


def test_demo_creates_one_account_per_role_with_the_documented_password(demo):
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD), account.email
        assert user.is_active and user.email_verified_at is not None
        assert account.email in demo


def test_demo_accounts_hold_the_roles_they_are_named_after(demo):
    users = {user.email.split("@")[0]: user for user in User.objects.all()}

    bewoner = users["bewoner"]
    assert bewoner.home_area.name == "Krakeel"
    assert not bewoner.initiatiefgroep_memberships.exists()

    member = users["initiatiefgroep"]
    assert member.home_area.name == "Krakeel"
    assert [m.smederij.name for m in member.initiatiefgroep_memberships.all()] == ["Krakeel"]

    (membership,) = users["professional"].wijkteam_memberships.all()
    assert membership.wijkteam.name == "Wolfsbos/Zuid/Krakeel"
    assert membership.organisation.name == "Stichting Welzijnswerk"
    assert membership.function == ProfessionalFunction.OPBOUWWERKER

    assert set(
        users["gebiedsregisseur"].gebiedsregisseur_assignments.values_list(
            "wijkteam__name", flat=True
        )
    ) == {"Wolfsbos/Zuid/Krakeel", "Dorpen"}

    chair = users["stuurgroep"].stuurgroep_membership
    assert chair.seat == StuurgroepSeat.PARTNER
    assert chair.organisation.name == "Gemeente Hoogeveen"
    assert chair.is_chair

    resident_seat = users["stuurgroep-bewoner"].stuurgroep_membership
    assert resident_seat.seat == StuurgroepSeat.RESIDENT
    assert resident_seat.organisation is None

    beheerder = users["beheerder"]
    assert beheerder.is_staff and not beheerder.is_superuser
    assert beheerder.has_perm("smederijen.change_wijkteam")
    # Staff, not superuser: the site's object permissions do not open up for the administrator.
    assert not beheerder.has_perm("projecten.change_proposal", factories.ProposalFactory())
    others = [user for name, user in users.items() if name != "beheerder"]
    assert not any(user.is_staff or user.is_superuser for user in others)


def test_demo_run_twice_creates_nothing_new(demo, settings):
    before = _counts()

    call_command("demo", stdout=StringIO())

    assert _counts() == before


def test_demo_leaves_a_chair_the_administrator_already_seated(settings):
    settings.DEBUG = True
    call_command("seed", stdout=StringIO())
    real_chair = factories.StuurgroepMembershipFactory(is_chair=True)

    call_command("demo", stdout=StringIO())

    assert StuurgroepMembership.objects.get(is_chair=True) == real_chair


def test_demo_proposals_span_klappen_statuses_and_smederijen(demo):
    proposals = Proposal.objects.all()

    assert proposals.count() >= 24
    assert set(proposals.values_list("klap", flat=True)) == set(Klap.values)
    assert proposals.values("status").distinct().count() >= 5
    assert proposals.values("smederij").distinct().count() >= 5
    assert proposals.exclude(co_funding=None).exists()


def test_every_demo_proposal_that_is_not_a_draft_has_been_submitted(demo):
    assert Proposal.objects.exclude(status=ProposalStatus.DRAFT).count() > 0
    assert (
        not Proposal.objects.exclude(status=ProposalStatus.DRAFT).filter(submitted_at=None).exists()
    )


def test_demo_budget_lines_are_positive_and_cover_the_amount_asked(demo):
    assert not BudgetLine.objects.filter(amount__lte=0).exists()
    assert not CoFunding.objects.filter(amount__lte=0).exists()
    for proposal in Proposal.objects.annotate(
        lines=Count("budget_lines"), total=Sum("budget_lines__amount")
    ):
        assert 1 <= proposal.lines <= 4, proposal.title
        assert 0 < proposal.amount_requested <= proposal.total, proposal.title


def test_demo_proposals_are_submitted_by_residents_of_their_smederij(demo):
    for proposal in Proposal.objects.select_related("submitter", "smederij"):
        assert proposal.submitter.home_area_id == proposal.smederij.area_id, proposal.title
        assert proposal.submitter.email.endswith("@example.org")


def test_funded_korte_klap_demo_proposals_fit_in_their_smederij_share(demo):
    """The demo grants nothing, but granting every funded proposal later must be possible."""
    for share in SmederijShare.objects.filter(budget_year__year=2013):
        funded = (
            Proposal.objects.funded()
            .korte_klap()
            .filter(smederij=share.smederij)
            .aggregate(total=Sum("amount_requested"))["total"]
        )
        assert (funded or 0) <= share.amount, share.smederij.name


def test_demo_opens_this_years_pot_so_that_decisions_can_be_granted_today(demo, settings):
    from django.utils import timezone

    from budget.models import BudgetYear

    call_command("demo", stdout=StringIO())

    this_year = BudgetYear.objects.get(year=timezone.localdate().year)
    assert this_year.is_open
    assert this_year.total == BudgetYear.objects.get(year=2013).total
    assert sum(s.amount for s in this_year.shares.all()) == this_year.korte_klap_pot
