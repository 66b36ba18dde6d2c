"""What the verantwoording part of a proposal page needs: its due date, state and links.

The proposal page's view belongs to the proposal's journey; this part adds to
it without changing it, so it finds its facts and permissions here.
"""

from django import template
from django.utils import timezone

from ..models import FUNDED_STATUSES, Accounting, ProposalStatus
from ..services.accounting import accounting_due_date

register = template.Library()

AFTER_FUNDING = (*FUNDED_STATUSES, ProposalStatus.CANCELLED)


@register.simple_tag(takes_context=True)
def accounting_for(context, proposal) -> dict | None:
    """None before the proposal is funded; else the due date, the verantwoording and links."""
    if proposal.status not in AFTER_FUNDING:
        return None
    user = context["request"].user
    accounting = Accounting.objects.filter(proposal=proposal).only("status", "proposal").first()
    due_date = accounting_due_date(proposal)
    return {
        "due_date": due_date,
        "late": accounting is None
        and due_date is not None
        and due_date < timezone.localdate()
        and proposal.status in (ProposalStatus.APPROVED, ProposalStatus.IN_PROGRESS),
        "accounting": accounting,
        "can_file": user.has_perm("projecten.file_accounting", proposal),
        "can_view": user.has_perm("projecten.view_private_parts", proposal),
        "can_register_good": user.has_perm("projecten.register_shared_good", proposal),
    }
