"""What the demo promises (README, issue 11): a year of four Smederijen until today, played
through the services, with something to do for every demo account.

The demo runs once for the module (it takes seconds); every test reads the same world,
inside a transaction that is rolled back at the end.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Sum
from django.test import override_settings
from django.utils import timezone

from budget.models import BudgetYear, Grant, Payment, SmederijShare
from projecten.accounting.selectors import accountings_to_check, late_accountings
from projecten.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from projecten.election.selectors import participation_of, round_result
from projecten.models import (
    Accounting,
    AttachmentKind,
    BorrowRequest,
    BudgetLine,
    CoFunding,
    Comment,
    ElectionRound,
    FundingStatus,
    Klap,
    PaperTallyEntry,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    SharedGood,
    Support,
    VoteBody,
)
from projecten.review.selectors import review_queue
from projecten.votes.selectors import vote_open_refusal, votes_coordinated_by, votes_open_for
from projecten.workflow import FUNDED_STATUSES
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

MODELS = (
    User,
    Smederij,
    InitiatiefgroepMembership,
    WijkteamMembership,
    GebiedsregisseurAssignment,
    StuurgroepMembership,
    Proposal,
    BudgetLine,
    CoFunding,
    ProposalEvent,
    Comment,
    Support,
    Grant,
    Payment,
    ElectionRound,
    Accounting,
    SharedGood,
    BorrowRequest,
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One demo run for the module, rolled back afterwards; its output."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        output = StringIO()
        call_command("demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def users(demo):
    return {user.email.split("@")[0]: user for user in User.objects.all()}


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _this_year():
    return timezone.localdate().year


# --- the accounts --------------------------------------------------------------------------


def test_demo_loads_the_seed_first(demo):
    assert Smederij.objects.count() == 24


def test_demo_creates_one_account_per_role_with_the_documented_password(demo):
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD), account.email
        assert user.is_active and user.email_verified_at is not None
        assert account.email in demo


def test_demo_accounts_hold_the_roles_they_are_named_after(users):
    bewoner = users["bewoner"]
    assert bewoner.home_area.name == "Krakeel"
    assert not bewoner.initiatiefgroep_memberships.exists()

    member = users["initiatiefgroep"]
    assert member.home_area.name == "Wolfsbos"
    assert [m.smederij.name for m in member.initiatiefgroep_memberships.all()] == ["Wolfsbos"]

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
    assert users["stuurgroep-bewoner"].stuurgroep_membership.seat == StuurgroepSeat.RESIDENT

    beheerder = users["beheerder"]
    assert beheerder.is_staff and not beheerder.is_superuser
    assert beheerder.has_perm("smederijen.change_wijkteam")
    # Staff, not superuser: the site's object permissions do not open up for the administrator.
    assert not beheerder.has_perm("projecten.change_proposal", Proposal.objects.first())
    others = [user for name, user in users.items() if name != "beheerder"]
    assert not any(user.is_staff or user.is_superuser for user in others)


# --- the year ------------------------------------------------------------------------------


def test_demo_proposals_cover_every_status_and_both_klappen(demo):
    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)
    assert set(Proposal.objects.values_list("klap", flat=True)) == set(Klap.values)
    assert Proposal.objects.values("smederij").distinct().count() >= 4


def test_demo_lives_in_the_current_year_until_now(demo):
    year = _this_year()
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    now = timezone.now()
    assert set(Proposal.objects.values_list("year", flat=True)) == {year}
    assert BudgetYear.objects.get(year=year).is_open
    for model, name in (
        (ProposalEvent, "created_at"),
        (Proposal, "created_at"),
        (Comment, "created_at"),
        (Payment, "recorded_at"),
        (Grant, "granted_at"),
    ):
        moments = model.objects.values_list(name, flat=True)
        assert moments and all(start <= m <= now for m in moments), model.__name__
    # The last steps are recent: the story reaches until the last days.
    latest = ProposalEvent.objects.order_by("-created_at").first().created_at
    assert now - latest < datetime.timedelta(days=7)


def test_every_handed_in_proposal_has_a_submission_moment_on_its_timeline(demo):
    for proposal in Proposal.objects.exclude(status=ProposalStatus.DRAFT):
        assert proposal.submitted_at is not None, proposal.title
        assert proposal.events.filter(to_status=ProposalStatus.SUBMITTED).exists()


def test_the_area_talks_about_the_proposals(demo):
    handed_in = Proposal.objects.submitted()
    assert handed_in.filter(comments__isnull=False).distinct().count() >= handed_in.count() // 2
    assert handed_in.filter(supports__isnull=False).distinct().count() >= handed_in.count() // 2
    assert Proposal.objects.filter(advices__isnull=False).distinct().count() >= 10


def test_demo_proposals_are_submitted_by_residents_of_their_smederij(demo):
    for proposal in Proposal.objects.select_related("submitter", "smederij"):
        assert proposal.submitter.home_area_id == proposal.smederij.area_id, proposal.title


def test_budget_lines_are_positive_and_cover_the_amount_asked(demo):
    assert not BudgetLine.objects.filter(amount__lte=0).exists()
    for proposal in Proposal.objects.annotate(total=Sum("budget_lines__amount")):
        assert 0 < proposal.amount_requested <= proposal.total, proposal.title


# --- money ---------------------------------------------------------------------------------


def test_every_funded_proposal_has_its_grant_and_the_running_ones_were_paid(demo):
    funded = Proposal.objects.funded()
    assert funded.count() >= 8
    for proposal in funded:
        grant = Grant.objects.get(proposal=proposal)
        assert grant.amount > 0, proposal.title
        paid = grant.payments.aggregate(total=Sum("amount"))["total"] or 0
        if proposal.status != ProposalStatus.APPROVED:
            assert paid > 0, proposal.title
        if proposal.status == ProposalStatus.COMPLETED:
            assert paid == grant.amount, proposal.title
    assert not Grant.objects.exclude(proposal__status__in=FUNDED_STATUSES | {"cancelled"}).exists()


def test_korte_klap_grants_fit_in_their_smederij_share(demo):
    for share in SmederijShare.objects.filter(budget_year__year=_this_year()):
        granted = (
            Grant.objects.filter(smederij=share.smederij, budget_year=share.budget_year)
            .filter(klap=Klap.KORTE)
            .aggregate(total=Sum("amount"))["total"]
        )
        assert (granted or 0) <= share.amount, share.smederij.name


def test_a_verantwoording_holds_photos_and_a_receipt(demo):
    accounting = Accounting.objects.filter(proposal__status=ProposalStatus.ACCOUNTED).first()
    kinds = set(accounting.attachments.values_list("kind", flat=True))
    assert kinds == {AttachmentKind.PHOTO, AttachmentKind.RECEIPT}
    receipt = accounting.attachments.get(kind=AttachmentKind.RECEIPT)
    assert receipt.content_type == "application/pdf"
    with receipt.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_shared_good_has_a_borrow_request_to_answer(demo):
    good = SharedGood.objects.get()
    assert good.proposal.status == ProposalStatus.COMPLETED
    assert good.borrow_requests.filter(status="pending").exists()


# --- the elections -------------------------------------------------------------------------


def test_an_open_election_in_which_the_demo_resident_can_still_vote(users):
    bewoner = users["bewoner"]
    (open_round,) = [r for r in ElectionRound.objects.all() if r.is_open]
    assert open_round.smederij.area_id == bewoner.home_area_id
    assert bewoner.has_perm("projecten.vote_in_round", open_round)
    assert participation_of(open_round, bewoner) is None
    assert open_round.participations.count() >= 10
    assert open_round.ideas.count() >= 5
    assert open_round.ideas.filter(proposal__submitter=bewoner).exists()


def test_a_closed_election_was_counted_and_funded_with_its_result_to_show(demo):
    counted = ElectionRound.objects.get(counted_at__isnull=False)
    assert counted.funding_status == FundingStatus.FUNDED
    result = round_result(counted)
    assert result.voters > 10
    assert any(row.funded for row in result.rows) and not all(row.funded for row in result.rows)
    assert PaperTallyEntry.objects.filter(election_round=counted).count() == 2


def test_paper_tallies_are_tried_where_the_initiatiefgroep_has_three_members(demo):
    for election_round in ElectionRound.objects.filter(counts_paper=True):
        members = InitiatiefgroepMembership.objects.filter(smederij=election_round.smederij)
        assert members.count() >= 3, election_round.smederij.name


# --- something to do for every account -----------------------------------------------------


def test_the_professional_has_proposals_waiting_for_advice(users):
    waiting = [p for p in review_queue(users["professional"]) if not p.advised_by_me]
    assert len(waiting) >= 3


def test_the_initiatiefgroep_member_has_an_open_vote_to_cast(users):
    member = users["initiatiefgroep"]
    open_votes = votes_open_for(member).filter(has_voted=False)
    assert open_votes.filter(body=VoteBody.INITIATIEFGROEP).exists()
    assert all(member.has_perm("projecten.cast_vote", vote) for vote in open_votes)


def test_the_stuurgroep_has_a_lange_klap_vote_to_cast(users):
    for name in ("stuurgroep", "stuurgroep-bewoner"):
        open_votes = votes_open_for(users[name]).filter(has_voted=False)
        assert open_votes.filter(proposal__klap=Klap.LANGE).exists(), name


def test_the_gebiedsregisseur_has_work_in_every_part(users):
    regisseur = users["gebiedsregisseur"]
    smederijen = Smederij.objects.filter(
        name__in=["Krakeel", "Wolfsbos", "Zuid", "Hollandscheveld"]
    )
    coordinated = votes_coordinated_by(regisseur)
    # A vote that is open, and a closed one whose proposal waits for the decision.
    assert coordinated.filter(closed_at__isnull=True).exists()
    waiting = coordinated.filter(closed_at__isnull=False, proposal__status=ProposalStatus.DECIDING)
    assert waiting.exists()
    assert regisseur.has_perm("projecten.decide_proposal", waiting.first().proposal)
    # A proposal in review whose vote can be opened.
    in_review = Proposal.objects.filter(status=ProposalStatus.IN_REVIEW, smederij__in=smederijen)
    assert any(vote_open_refusal(p) is None for p in in_review)
    # The paper tally of the open round: one member entered it, the second entry is hers.
    (open_round,) = [r for r in ElectionRound.objects.all() if r.is_open]
    entries = PaperTallyEntry.objects.filter(election_round=open_round)
    assert entries.count() == 1 and entries.get().entered_by != regisseur
    assert regisseur.has_perm("projecten.enter_paper_tally", open_round)
    # A payment to record, a verantwoording to check, a late one to chase.
    approved = Proposal.objects.filter(status=ProposalStatus.APPROVED)
    assert any(not Payment.objects.filter(grant__proposal=p).exists() for p in approved)
    assert any(accountings_to_check(smederij=s).exists() for s in smederijen)
    today = timezone.localdate()
    assert any(late_accountings(smederij=s, today=today).exists() for s in smederijen)


def test_the_resident_has_own_proposals_in_several_statuses_and_a_verantwoording_to_file(users):
    bewoner = users["bewoner"]
    own = Proposal.objects.filter(submitter=bewoner)
    assert own.values("status").distinct().count() >= 4
    running = own.filter(status__in=[ProposalStatus.APPROVED, ProposalStatus.IN_PROGRESS])
    assert any(bewoner.has_perm("projecten.file_accounting", p) for p in running)


# --- a second run ----------------------------------------------------------------------------


def test_demo_run_twice_creates_nothing_new(demo):
    before = _counts()

    with override_settings(DEBUG=True):
        output = StringIO()
        call_command("demo", stdout=output)

    assert _counts() == before
    assert "0 gebruikers en 0 aanvragen nieuw" in output.getvalue()


def test_factories_still_work_beside_the_demo(demo):
    """The rolled-back module world does not get in the way of a test's own objects."""
    proposal = factories.ProposalFactory()
    assert Proposal.objects.annotate(n=Count("pk")).filter(pk=proposal.pk).exists()
