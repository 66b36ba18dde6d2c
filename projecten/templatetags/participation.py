"""What the participation parts of a proposal page need: forms and who may do what.

The proposal page's view belongs to the proposal's journey; these parts add
to it without changing it, so they find their forms and permissions here.
"""

from django import template

from ..forms import CommentForm, ProposalAttachmentForm
from ..predicates import is_open_for_support
from ..selectors import has_supported

register = template.Library()


@register.simple_tag(takes_context=True)
def participation_for(context, proposal) -> dict:
    """Forms (a bound one when a post failed) and permissions for the page of `proposal`."""
    user = context["request"].user
    can_change = user.has_perm("projecten.change_proposal", proposal)
    supported = has_supported(user=user, proposal=proposal)
    return {
        "comment_form": context.get("comment_form") or CommentForm(),
        "can_comment": user.has_perm("projecten.comment_proposal", proposal),
        "can_hide": user.has_perm("projecten.hide_comment", proposal),
        "can_support": user.has_perm("projecten.support_proposal", proposal),
        "supported": supported,
        "can_unsupport": supported and is_open_for_support(user, proposal),
        "can_change": can_change,
        "attachment_form": ProposalAttachmentForm(proposal=proposal) if can_change else None,
    }
