"""factory-boy factories for every model; each makes a valid object with the fewest arguments."""

from decimal import Decimal

import factory
from django.utils import timezone

from budget.models import BudgetYear, SmederijShare
from projecten.models import (
    BudgetLine,
    CoFunding,
    CoFundingKind,
    Comment,
    Klap,
    Proposal,
    Support,
    Theme,
)
from smederijen.models import (
    GebiedsregisseurAssignment,
    Group,
    GroupKind,
    GroupMembership,
    InitiatiefgroepMembership,
    Organisation,
    OrganisationKind,
    ProfessionalFunction,
    Smederij,
    StuurgroepMembership,
    StuurgroepSeat,
    User,
    Wijkteam,
    WijkteamMembership,
)
from wijken.models import Area, AreaKind, Postcode

TEST_PASSWORD = "een-lang-testwachtwoord-2013"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    kind = AreaKind.WIJK
    inhabitants = 2000


class PostcodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Postcode
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: str(7000 + n % 2999))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = OrganisationKind.OTHER


class WijkteamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijkteam

    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    slug = factory.Sequence(lambda n: f"wijkteam-{n}")


class SmederijFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Smederij

    area = factory.SubFactory(AreaFactory)
    name = factory.SelfAttribute("area.name")
    slug = factory.SelfAttribute("area.slug")
    wijkteam = factory.SubFactory(WijkteamFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ResidentFactory(UserFactory):
    home_area = factory.SubFactory(AreaFactory)
    email_verified_at = factory.LazyFunction(timezone.now)


class InitiatiefgroepMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiatiefgroepMembership

    user = factory.SubFactory(ResidentFactory)
    smederij = factory.SubFactory(SmederijFactory)


class WijkteamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WijkteamMembership

    user = factory.SubFactory(UserFactory)
    wijkteam = factory.SubFactory(WijkteamFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    function = ProfessionalFunction.OPBOUWWERKER


class GebiedsregisseurAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GebiedsregisseurAssignment

    user = factory.SubFactory(UserFactory)
    wijkteam = factory.SubFactory(WijkteamFactory)


class StuurgroepMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StuurgroepMembership

    user = factory.SubFactory(UserFactory)
    seat = StuurgroepSeat.PARTNER
    organisation = factory.SubFactory(OrganisationFactory)


class BudgetYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetYear
        django_get_or_create = ("year",)

    year = 2013
    total = Decimal("300000.00")
    korte_klap_pot = Decimal("180000.00")
    lange_klap_pot = Decimal("120000.00")


class SmederijShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmederijShare

    budget_year = factory.SubFactory(BudgetYearFactory)
    smederij = factory.SubFactory(SmederijFactory)
    amount = Decimal("7500.00")


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    smederij = factory.SubFactory(SmederijFactory)
    submitter = factory.SubFactory(
        ResidentFactory, home_area=factory.SelfAttribute("..smederij.area")
    )
    klap = Klap.KORTE
    title = factory.Sequence(lambda n: f"Buurtidee {n}")
    summary = "Een picknickbank bij de speeltuin."
    theme = Theme.ONTMOETING
    amount_requested = Decimal("1250.00")


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    proposal = factory.SubFactory(ProposalFactory)
    description = "Picknickbank"
    amount = Decimal("1250.00")


class CoFundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoFunding

    proposal = factory.SubFactory(ProposalFactory)
    kind = CoFundingKind.SPONSOR
    source = "Bakkerij De Korenschoof"
    amount = Decimal("250.00")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Buurtvereniging {n}")
    slug = factory.Sequence(lambda n: f"buurtvereniging-{n}")
    kind = GroupKind.BUURTVERENIGING
    area = factory.SubFactory(AreaFactory)
    created_by = factory.SubFactory(ResidentFactory)


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(ResidentFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(ResidentFactory)
    body = "Goed idee, ik help mee!"


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(ResidentFactory)


# --- after funding: verantwoording and shared goods --------------------------------------

from projecten.models import (  # noqa: E402
    Accounting,
    AccountingLine,
    BorrowRequest,
    SharedGood,
)


class AccountingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accounting

    proposal = factory.SubFactory(
        ProposalFactory, status="accounted", submitted_at=factory.LazyFunction(timezone.now)
    )
    report = "De baan ligt er; elke woensdag spelen buren samen."
    participants = 40
    submitted_by = factory.SelfAttribute("proposal.submitter")


class AccountingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountingLine

    accounting = factory.SubFactory(AccountingFactory)
    description = "Picknickbank"
    amount = Decimal("1000.00")


class SharedGoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedGood

    smederij = factory.SubFactory(SmederijFactory)
    proposal = None
    name = factory.Sequence(lambda n: f"Aggregaat {n}")
    keeper = "Dorpshuis De Schalm"
    registered_by = factory.SubFactory(UserFactory)


class BorrowRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BorrowRequest

    good = factory.SubFactory(SharedGoodFactory)
    requested_by = factory.SubFactory(ResidentFactory)
    group = None
    from_date = factory.LazyFunction(lambda: timezone.localdate())
    until_date = factory.LazyFunction(lambda: timezone.localdate())


# --- Review: advice and the decision method (issue 5) ---------------------------------------

from projecten.models import Advice, DecisionMethod  # noqa: E402


class AdviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advice

    proposal = factory.SubFactory(
        ProposalFactory, status="in_review", submitted_at=factory.LazyFunction(timezone.now)
    )
    professional = factory.SubFactory(UserFactory)
    recommendation = "positive"
    motivation = "Past goed bij de buurt; de bewoners doen zelf veel."
    score_liveability = 4
    score_draagvlak = 4
    score_feasibility = 3
    score_eigen_inzet = 5


class DecisionMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionMethod
        django_get_or_create = ("smederij", "year")

    smederij = factory.SubFactory(SmederijFactory)
    year = 2013
    method = "assessment"


# --- Decisions (issue 5) ----------------------------------------------------------------------

from projecten.models import Decision  # noqa: E402


class DecisionFactory(factory.django.DjangoModelFactory):
    """A rejection: no grant is needed (an approval goes through proposal_approve)."""

    class Meta:
        model = Decision

    proposal = factory.SubFactory(
        ProposalFactory, status="rejected", submitted_at=factory.LazyFunction(timezone.now)
    )
    outcome = "rejected"
    motivation = "Het idee heeft geen sociale kant."
    decided_by = factory.SubFactory(UserFactory)


# --- Assessment votes (issue 5) ----------------------------------------------------------------

import datetime  # noqa: E402

from projecten.models import AssessmentVote, VoteCast  # noqa: E402


class AssessmentVoteFactory(factory.django.DjangoModelFactory):
    """An open vote of the initiatiefgroep (votes are normally opened through vote_open)."""

    class Meta:
        model = AssessmentVote

    proposal = factory.SubFactory(
        ProposalFactory, status="deciding", submitted_at=factory.LazyFunction(timezone.now)
    )
    body = "initiatiefgroep"
    opened_by = factory.SubFactory(UserFactory)
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class VoteCastFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoteCast

    vote = factory.SubFactory(AssessmentVoteFactory)
    voter = factory.SubFactory(ResidentFactory)
    choice = "for"


# --- The Smederij election (admin) -----------------------------------------------------------
# No factory for Ballot, BallotChoice or BallotVoter: they are not in the admin (secrecy, 0011).

from projecten.models import ElectionIdea, ElectionRound, PaperTallyEntry  # noqa: E402


class ElectionRoundFactory(factory.django.DjangoModelFactory):
    """A round whose window is open now, with its ballot fixed."""

    class Meta:
        model = ElectionRound

    smederij = factory.SubFactory(SmederijFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    budget = Decimal("5000.00")
    ideas_deadline = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=1))
    ballot_fixed_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    created_by = factory.SubFactory(UserFactory)


class ElectionIdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectionIdea

    election_round = factory.SubFactory(ElectionRoundFactory)
    proposal = factory.SubFactory(
        ProposalFactory,
        smederij=factory.SelfAttribute("..election_round.smederij"),
        year=factory.SelfAttribute("..election_round.year"),
        status="deciding",
        submitted_at=factory.LazyFunction(timezone.now),
    )


class PaperTallyEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaperTallyEntry

    election_round = factory.SubFactory(ElectionRoundFactory, counts_paper=True)
    entered_by = factory.SubFactory(UserFactory)
    ballots_handed_in = 12


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """An authenticator app of someone who must log in in two steps (django-otp)."""

    class Meta:
        model = "otp_totp.TOTPDevice"

    user = factory.SubFactory(UserFactory, is_staff=True)
    name = "Authenticator-app"
    confirmed = True


class StaticDeviceFactory(factory.django.DjangoModelFactory):
    """The recovery codes of someone who logs in in two steps (django-otp)."""

    class Meta:
        model = "otp_static.StaticDevice"

    user = factory.SubFactory(UserFactory, is_staff=True)
    name = "Herstelcodes"
    confirmed = True
