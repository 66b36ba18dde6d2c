"""Who hears of what happens to a proposal. Every email leaves after commit, through Celery."""

from django.conf import settings

from budget.models import Klap
from projecten.models import Proposal, ProposalStatus
from smederijen.models import User
from smederijen.notifications import email_after_commit


def _link(proposal: Proposal) -> str:
    return settings.SITE_URL + proposal.get_absolute_url()


def status_changed(proposal: Proposal, *, previous: str, message: str = "", note="") -> None:
    """The submitter hears of every change of status, with what the system adds (`note`, lazy:
    written in the submitter's language) and what the actor typed (`message`)."""
    email_after_commit(
        to=[proposal.submitter.email],
        template="emails/proposal_status",
        context={
            "name": proposal.submitter.display_name,
            "title": proposal.title,
            "status": proposal.status,
            "status_label": ProposalStatus(proposal.status).label,
            "previous_label": ProposalStatus(previous).label,
            "message": message,
            "note": note,
            "url": _link(proposal),
        },
    )


def wijkteam_addresses(proposal: Proposal) -> list[str]:
    wijkteam_id = proposal.smederij.wijkteam_id
    return sorted(
        set(
            User.objects.filter(
                is_active=True, wijkteam_memberships__wijkteam_id=wijkteam_id
            ).values_list("email", flat=True)
        )
        | set(
            User.objects.filter(
                is_active=True, gebiedsregisseur_assignments__wijkteam_id=wijkteam_id
            ).values_list("email", flat=True)
        )
    )


def submitted_to_wijkteam(proposal: Proposal, *, resubmitted: bool) -> None:
    """The wijkteam of the Smederij hears of every new (or changed) submission."""
    email_after_commit(
        to=wijkteam_addresses(proposal),
        template="emails/proposal_submitted",
        context={
            "title": proposal.title,
            "smederij": proposal.smederij.name,
            "klap": Klap(proposal.klap).label,
            "resubmitted": resubmitted,
            "url": _link(proposal),
        },
    )
