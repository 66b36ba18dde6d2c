"""The world of the access matrix: one object of each kind in Smederij A (and B), eleven roles.

Every object the URLconf can point at exists in Smederij A; Smederij B has its own
proposal so that "another area" is real. The roles are those of DESIGN.md; the
resident of A is also the submitter of A's proposals (so the owner pages have one
role that may use them), and the initiatiefgroep member of A is the contact of A's group.

`URL_KWARGS` says which object fills each URL pattern; `kwargs_for(world, name)` fills it.
Built once a module (see `module_world`), rolled back afterwards.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from projecten.models import Attachment, ElectionIdea, ExportJob
from projecten.workflow import ProposalStatus as S
from smederijen import tokens
from smederijen.models import AreaChangeRequest, GroupInvitation, InitiatiefgroepJoinRequest
from tests import factories
from tests.role_world import make_beheerder

# The eleven roles of DESIGN.md, in the order of the matrix's columns.
ROLES = (
    "anonymous",
    "unverified",
    "resident_a",
    "resident_b",
    "initiatiefgroep_a",
    "professional_a",
    "professional_b",
    "gebiedsregisseur_a",
    "gebiedsregisseur_b",
    "stuurgroep",
    "beheerder",
)

HOUR = datetime.timedelta(hours=1)


@dataclass
class World:
    a: object
    b: object
    users: dict
    objects: dict = field(default_factory=dict)


def _users(a, b) -> dict:
    users = {
        "anonymous": AnonymousUser(),
        "unverified": factories.UserFactory(home_area=a.area, email_verified_at=None),
        "resident_a": factories.ResidentFactory(home_area=a.area),
        "resident_b": factories.ResidentFactory(home_area=b.area),
        "initiatiefgroep_a": factories.ResidentFactory(home_area=a.area),
        "professional_a": factories.WijkteamMembershipFactory(wijkteam=a.wijkteam).user,
        "professional_b": factories.WijkteamMembershipFactory(wijkteam=b.wijkteam).user,
        "gebiedsregisseur_a": factories.GebiedsregisseurAssignmentFactory(wijkteam=a.wijkteam).user,
        "gebiedsregisseur_b": factories.GebiedsregisseurAssignmentFactory(wijkteam=b.wijkteam).user,
        "stuurgroep": factories.StuurgroepMembershipFactory().user,
        "beheerder": make_beheerder(),
    }
    factories.InitiatiefgroepMembershipFactory(user=users["initiatiefgroep_a"], smederij=a)
    return users


def build_world() -> World:
    a = factories.SmederijFactory()
    b = factories.SmederijFactory()
    users = _users(a, b)
    world = World(a=a, b=b, users=users)
    o = world.objects
    o["wijkteam"] = a.wijkteam.slug
    year = timezone.localdate().year
    o["year"] = str(year)
    budget_year = factories.BudgetYearFactory(year=year)
    factories.SmederijShareFactory(budget_year=budget_year, smederij=a)
    factories.SmederijShareFactory(budget_year=budget_year, smederij=b)
    owner = users["resident_a"]

    def proposal(status, smederij=a, **extra):
        return factories.ProposalFactory(
            smederij=smederij,
            submitter=owner if smederij == a else users["resident_b"],
            status=status,
            submitted_at=None if status == S.DRAFT else timezone.now(),
            year=year,
            **extra,
        )

    for status in S:
        o[f"proposal:{status.value}"] = proposal(status)
    o["proposal:b"] = proposal(S.SUBMITTED, smederij=b)
    submitted = o["proposal:submitted"]
    running = o["proposal:in_progress"]
    factories.BudgetLineFactory(proposal=submitted)
    o["co_funding"] = factories.CoFundingFactory(proposal=o["proposal:approved"])
    o["comment"] = factories.CommentFactory(proposal=submitted, author=users["resident_a"])
    factories.SupportFactory(proposal=submitted, user=users["initiatiefgroep_a"])
    o["attachment"] = Attachment.objects.create(
        proposal=submitted,
        kind="quote",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="offerte.pdf"),
        original_name="offerte.pdf",
        content_type="application/pdf",
        size=15,
        uploaded_by=owner,
    )
    o["accounting"] = factories.AccountingFactory(proposal=o["proposal:accounted"])
    o["shared_good"] = factories.SharedGoodFactory(
        smederij=a, proposal=running, registered_by=owner
    )
    o["borrow_request"] = factories.BorrowRequestFactory(
        good=o["shared_good"], requested_by=users["initiatiefgroep_a"]
    )
    o["group"] = factories.GroupFactory(area=a.area, created_by=owner)
    factories.GroupMembershipFactory(group=o["group"], user=owner, is_contact=True)
    invitation = GroupInvitation.objects.create(
        group=o["group"], email="uitgenodigd@example.org", invited_by=owner
    )
    o["invitation_token"] = tokens.group_invitation_token(
        invitation_id=invitation.pk, email=invitation.email
    )
    o["verify_token"] = tokens.email_verification_token(
        user_id=users["unverified"].pk, email=users["unverified"].email
    )
    o["join_request"] = InitiatiefgroepJoinRequest.objects.create(
        user=users["resident_a"], smederij=a, motivation="Ik doe graag mee."
    )
    o["area_change"] = AreaChangeRequest.objects.create(
        user=users["resident_a"], from_area=a.area, to_area=b.area, reason="Verhuisd."
    )
    o["vote"] = factories.AssessmentVoteFactory(
        proposal=o["proposal:deciding"], opened_by=users["gebiedsregisseur_a"]
    )
    now = timezone.now()
    o["round:open"] = factories.ElectionRoundFactory(
        smederij=a, year=year, created_by=users["gebiedsregisseur_a"], counts_paper=True
    )
    o["idea"] = ElectionIdea.objects.create(
        election_round=o["round:open"],
        proposal=proposal(S.DECIDING, amount_requested=Decimal("2000.00")),
    )
    o["round:counted"] = factories.ElectionRoundFactory(
        smederij=a,
        year=year - 1,
        created_by=users["gebiedsregisseur_a"],
        ideas_deadline=now - 30 * HOUR,
        opens_at=now - 20 * HOUR,
        closes_at=now - 10 * HOUR,
        ballot_fixed_at=now - 20 * HOUR,
        counted_at=now - 9 * HOUR,
        # What the count writes with counted_at (projecten/election/counting.py).
        spent=Decimal("0.00"),
        online_voters=0,
        paper_voters=0,
    )
    # A large export of the stuurgroep member's, done (its file is not needed to route).
    o["export_job"] = ExportJob.objects.create(
        owner=users["stuurgroep"], dataset="voorstellen", file_format="csv"
    )
    # Private objects of B (on proposals handed in, not funded): out of reach for A's roles.
    o["comment:b"] = factories.CommentFactory(proposal=o["proposal:b"], author=users["resident_b"])
    o["attachment:b"] = Attachment.objects.create(
        proposal=o["proposal:b"],
        kind="quote",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="offerte.pdf"),
        original_name="offerte.pdf",
        content_type="application/pdf",
        size=15,
        uploaded_by=users["resident_b"],
    )
    o["vote:b"] = factories.AssessmentVoteFactory(
        proposal=proposal(S.DECIDING, smederij=b), opened_by=users["gebiedsregisseur_b"]
    )
    return world


# Which object fills each URL pattern: (kwarg -> key of World.objects or a fixed value).
# "smederij" means Smederij A's slug; "group" the slug of A's group.
def kwargs_for(world: World, name: str, spec: dict) -> dict:
    kwargs = {}
    for kwarg, key in spec.items():
        if key == "smederij":
            kwargs[kwarg] = world.a.slug
        elif key == "group":
            kwargs[kwarg] = world.objects["group"].slug
        elif isinstance(world.objects.get(key), str):
            kwargs[kwarg] = world.objects[key]
        elif key in world.objects:
            kwargs[kwarg] = world.objects[key].pk
        else:
            kwargs[kwarg] = key
    return kwargs


def module_world():
    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)

    return world
