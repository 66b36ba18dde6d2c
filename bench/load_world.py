"""The people and pages of the load test (bench/load.py), written into its database.

    DATABASE_URL=postgres://…/wt_load DEBUG=1 .venv/bin/python bench/load_world.py OUT.json

Run by bench/load.py in its own process (this one uses Django; the load process imports
locust first). It expects a database filled by `seed` and `generate_synthetic` (small
is enough) and adds, for the current year:

- logged-in sessions for residents, professionals, gebiedsregisseurs and stuurgroep
  members (stuurgroep members are made: the synthetic history has none), written as
  Django writes them at login, so the load logs in nobody (the password hasher would
  be the benchmark). The two-factor roles' sessions carry a verified TOTP device, as
  after a real login with a code;
- for the burst, 20 proposals being decided, each with its closed initiatiefgroep vote,
  and 20 gebiedsregisseurs to approve them at the same moment; and an election round
  open now in one Smederij, with 20 of its residents to vote at the same moment.

It prints nothing secret: the session keys go to OUT.json, for the load process only.
"""

import datetime
import json
import os
import random
import secrets
import sys
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from projecten.models import (  # noqa: E402
    AssessmentVote,
    ElectionIdea,
    ElectionRound,
    Klap,
    Proposal,
    ProposalStatus,
)
from projecten.models.votes import VoteBody, VoteOutcome  # noqa: E402
from smederijen.models import (  # noqa: E402
    GebiedsregisseurAssignment,
    Smederij,
    StuurgroepMembership,
    StuurgroepSeat,
    User,
    WijkteamMembership,
)

BURST = 20
RESIDENTS = 200
VISIBLE = [
    ProposalStatus.SUBMITTED,
    ProposalStatus.IN_REVIEW,
    ProposalStatus.DECIDING,
    ProposalStatus.APPROVED,
    ProposalStatus.IN_PROGRESS,
    ProposalStatus.ACCOUNTED,
    ProposalStatus.COMPLETED,
]
SessionStore = import_string(settings.SESSION_ENGINE + ".SessionStore")


def session_for(user: User, *, two_factor: bool = False) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if two_factor:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="load", defaults={"confirmed": True}
        )
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return session.session_key


def person(user: User, pages: list[str], *, two_factor: bool = False) -> dict:
    return {"session": session_for(user, two_factor=two_factor), "pages": pages}


def proposal_pages(smederij_ids, limit=8) -> list[str]:
    ids = list(
        Proposal.objects.filter(smederij_id__in=smederij_ids, status__in=VISIBLE)
        .order_by("-pk")
        .values_list("pk", flat=True)[:limit]
    )
    return [reverse("projecten:proposal-detail", args=[pk]) for pk in ids]


def residents(rng: random.Random) -> list[dict]:
    users = list(
        User.objects.filter(
            home_area__isnull=False, email_verified_at__isnull=False, is_active=True
        ).select_related("home_area")[: RESIDENTS * 3]
    )
    smederij_of = {s.area_id: s for s in Smederij.objects.all()}
    out = []
    for user in rng.sample(users, min(RESIDENTS, len(users))):
        smederij = smederij_of.get(user.home_area_id)
        if smederij is None:
            continue
        pages = [
            reverse("home"),
            reverse("smederijen:smederij-detail", args=[smederij.slug]),
            reverse("projecten:smederij-proposals", args=[smederij.slug]),
            reverse("projecten:my-proposals"),
            reverse("smederijen:my-overview"),
            *proposal_pages([smederij.pk]),
        ]
        out.append(person(user, pages))
    return out


def professionals() -> list[dict]:
    out = []
    for membership in WijkteamMembership.objects.select_related("user"):
        smederij_ids = list(
            Smederij.objects.filter(wijkteam_id=membership.wijkteam_id).values_list("pk", flat=True)
        )
        pages = [reverse("home"), reverse("projecten:review-queue"), *proposal_pages(smederij_ids)]
        out.append(person(membership.user, pages))
    return out


def gebiedsregisseurs() -> list[dict]:
    out = []
    for assignment in GebiedsregisseurAssignment.objects.select_related("user"):
        smederij_ids = list(
            Smederij.objects.filter(wijkteam_id=assignment.wijkteam_id).values_list("pk", flat=True)
        )
        deciding = Proposal.objects.filter(
            smederij_id__in=smederij_ids, status=ProposalStatus.DECIDING
        ).values_list("pk", flat=True)[:4]
        pages = [
            reverse("home"),
            reverse("projecten:review-queue"),
            reverse("projecten:vote-list"),
            *[reverse("projecten:decision", args=[pk]) for pk in deciding],
            *proposal_pages(smederij_ids),
        ]
        out.append(person(assignment.user, pages, two_factor=True))
    return out


def stuurgroep(tag: str) -> list[dict]:
    slugs = list(Smederij.objects.order_by("slug").values_list("slug", flat=True)[:6])
    out = []
    for n in range(5):
        user = User.objects.create(
            email=f"stuurgroep-{tag}-{n}@load.invalid",
            display_name=f"Stuurgroeplid {n}",
            password="!",  # noqa: S106 - an unusable password
        )
        StuurgroepMembership.objects.create(user=user, seat=StuurgroepSeat.RESIDENT)
        pages = [
            reverse("home"),
            reverse("smederijen:smederij-list"),
            reverse("projecten:vote-list"),
            *[reverse("smederijen:smederij-detail", args=[slug]) for slug in slugs],
        ]
        out.append(person(user, pages, two_factor=True))
    return out


def approvals(tag: str) -> list[dict]:
    """20 proposals being decided, each with a closed, adopting initiatiefgroep vote, and a
    gebiedsregisseur for each: they all approve at once (€ 1,00 each: the share pays it)."""
    year = timezone.localdate().year
    templates = list(
        Proposal.objects.filter(year=year, status=ProposalStatus.DECIDING, klap=Klap.KORTE)
        .select_related("smederij")
        .order_by("pk")
    )
    if not templates:
        raise SystemExit("no proposal being decided in the current year: generate_synthetic first")
    now = timezone.now()
    out = []
    for n in range(BURST):
        template = templates[n % len(templates)]
        proposal = Proposal.objects.create(
            smederij=template.smederij,
            submitter=template.submitter,
            klap=Klap.KORTE,
            year=year,
            status=ProposalStatus.DECIDING,
            title=f"Belastingproef {tag} {n}",
            summary="Een voorstel voor de belastingproef.",
            amount_requested=Decimal("100.00"),
            submitted_at=now - datetime.timedelta(days=20),
        )
        opener = GebiedsregisseurAssignment.objects.filter(
            wijkteam_id=template.smederij.wijkteam_id
        ).first()
        AssessmentVote.objects.create(
            proposal=proposal,
            body=VoteBody.INITIATIEFGROEP,
            opened_by=opener.user if opener else template.submitter,
            opened_at=now - datetime.timedelta(days=10),
            closes_at=now - datetime.timedelta(days=1),
            closed_at=now - datetime.timedelta(days=1),
            eligible_count=6,
            votes_for=5,
            votes_against=1,
            votes_abstain=0,
            outcome=VoteOutcome.ADOPTED,
        )
        regisseur = User.objects.create(
            email=f"regisseur-{tag}-{n}@load.invalid",
            display_name=f"Gebiedsregisseur {n}",
            password="!",  # noqa: S106 - an unusable password
        )
        GebiedsregisseurAssignment.objects.create(
            user=regisseur, wijkteam_id=template.smederij.wijkteam_id
        )
        out.append(
            {
                "session": session_for(regisseur, two_factor=True),
                "decision": reverse("projecten:decision", args=[proposal.pk]),
                "proposal": proposal.pk,
            }
        )
    return out


def ballots(tag: str, rng: random.Random) -> list[dict]:
    """An election round open now in the Smederij with the most residents, five ideas, and
    20 of its residents to vote at once."""
    year = timezone.localdate().year
    taken = set(ElectionRound.objects.filter(year=year).values_list("smederij_id", flat=True))
    by_residents = {}
    for user in User.objects.filter(home_area__isnull=False, email_verified_at__isnull=False):
        by_residents.setdefault(user.home_area_id, []).append(user)
    smederij = max(
        (s for s in Smederij.objects.exclude(pk__in=taken) if s.area_id in by_residents),
        key=lambda s: len(by_residents[s.area_id]),
    )
    voters = by_residents[smederij.area_id][:BURST]
    now = timezone.now()
    regisseur = GebiedsregisseurAssignment.objects.filter(wijkteam_id=smederij.wijkteam_id).first()
    election_round = ElectionRound.objects.create(
        smederij=smederij,
        year=year,
        budget=Decimal("1000.00"),
        ideas_deadline=now - datetime.timedelta(days=2),
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=7),
        ballot_fixed_at=now - datetime.timedelta(days=2),
        created_by=regisseur.user if regisseur else voters[0],
    )
    ideas = []
    for n in range(5):
        proposal = Proposal.objects.create(
            smederij=smederij,
            submitter=voters[-1],
            klap=Klap.KORTE,
            year=year,
            status=ProposalStatus.DECIDING,
            title=f"Verkiezingsidee {tag} {n}",
            summary="Een idee voor de belastingproef.",
            amount_requested=Decimal("200.00"),
            submitted_at=now - datetime.timedelta(days=10),
        )
        ideas.append(ElectionIdea.objects.create(election_round=election_round, proposal=proposal))
    return [
        {
            "session": session_for(voter),
            "ballot": reverse("projecten:election:ballot", args=[election_round.pk]),
            "confirm": reverse("projecten:election:ballot-confirm", args=[election_round.pk]),
            "ideas": [idea.pk for idea in rng.sample(ideas, 2)],
        }
        for voter in voters
    ]


def main() -> int:
    out_path = Path(sys.argv[1])
    rng = random.Random(2013)
    tag = uuid.uuid4().hex[:6]
    with transaction.atomic():
        world = {
            "resident": residents(rng),
            "professional": professionals(),
            "gebiedsregisseur": gebiedsregisseurs(),
            "stuurgroep": stuurgroep(tag),
            "approvals": approvals(tag),
            "ballots": ballots(tag, rng),
            "csrf": secrets.token_hex(16),
        }
    out_path.write_text(json.dumps(world))
    counts = {k: len(v) for k, v in world.items() if isinstance(v, list)}
    print(f"load world: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
