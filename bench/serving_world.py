"""A small world for bench/failure.py and bench/backup_restore.py, in DATABASE_URL.

    DATABASE_URL=… DEBUG=1 .venv/bin/python bench/serving_world.py OUT.json PROPOSALS [APPROVE]

One Smederij with its share of the current budget year, a gebiedsregisseur with a
logged-in, two-factor-verified session, and PROPOSALS proposals being decided, each with
its closed, adopting initiatiefgroep vote: ready to be approved through the web page.
APPROVE of them are approved through the service here (grants in the ledger), the first
of those with an advance paid. Writes the session and the decision pages to OUT.json.
"""

import datetime
import json
import os
import secrets
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.load_world import session_for  # noqa: E402
from projecten.decisions.services import proposal_approve  # noqa: E402
from projecten.models import ProposalStatus  # noqa: E402
from tests import factories  # noqa: E402


def main() -> int:
    out, count = Path(sys.argv[1]), int(sys.argv[2])
    approve = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    now = timezone.now()
    year = timezone.localdate().year
    budget_year = factories.BudgetYearFactory(year=year)
    share = factories.SmederijShareFactory(budget_year=budget_year, amount=Decimal("50000.00"))
    smederij = share.smederij
    regisseur = factories.UserFactory(display_name="Gebiedsregisseur proef")
    factories.GebiedsregisseurAssignmentFactory(user=regisseur, wijkteam=smederij.wijkteam)
    # One submitter for all: each factory user hashes a password (PBKDF2, half a second).
    submitter = factories.ResidentFactory(home_area=smederij.area)
    proposals = []
    for n in range(count):
        proposal = factories.ProposalFactory(
            smederij=smederij,
            submitter=submitter,
            year=year,
            status=ProposalStatus.DECIDING,
            title=f"Storingsproef {n}",
            amount_requested=Decimal("100.00"),
            submitted_at=now - datetime.timedelta(days=20),
        )
        factories.AssessmentVoteFactory(
            proposal=proposal,
            opened_by=regisseur,
            opened_at=now - datetime.timedelta(days=10),
            closes_at=now - datetime.timedelta(days=1),
            closed_at=now - datetime.timedelta(days=1),
            eligible_count=6,
            votes_for=5,
            votes_against=1,
            votes_abstain=0,
            outcome="adopted",
        )
        proposals.append(proposal)
    for proposal in proposals[:approve]:
        proposal_approve(proposal=proposal, actor=regisseur, amount=Decimal("75.50"))
    if approve:
        from budget import services as budget_services
        from budget.models import Grant

        grant = Grant.objects.get(proposal=proposals[0])
        budget_services.payment_create(
            grant=grant, actor=regisseur, amount=Decimal("30.00"), is_advance=True
        )
    out.write_text(
        json.dumps(
            {
                "session": session_for(regisseur, two_factor=True),
                "csrf": secrets.token_hex(16),
                "decisions": [
                    reverse("projecten:decision", args=[p.pk]) for p in proposals[approve:]
                ],
                "home": reverse("home"),
            }
        )
    )
    print(f"world: {count} proposals being decided, {approve} approved through the service")
    return 0


if __name__ == "__main__":
    sys.exit(main())
