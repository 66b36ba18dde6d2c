"""What the review part of a proposal page needs: the advice it may show, and who may do what.

The proposal page's view belongs to the proposal's journey; this part adds to
it without changing it (like `participation_for`).
"""

from django import template

from .. import selectors_review

register = template.Library()


@register.simple_tag(takes_context=True)
def review_for(context, proposal) -> dict:
    """The advice on `proposal` as far as the user may read it, and the review buttons."""
    user = context["request"].user
    if not user.is_authenticated:
        # Visitors see nothing of the review.
        return {}
    can_view_advice = user.has_perm("projecten.view_advice", proposal)
    advices = selectors_review.advices_of(proposal) if can_view_advice else []
    count = (
        len(advices)
        if can_view_advice
        else (
            selectors_review.advice_count(proposal)
            if user.has_perm("projecten.view_advice_count", proposal)
            else None
        )
    )
    return {
        "can_view_advice": can_view_advice,
        "advices": advices,
        "advice_count": count,
        "can_start_review": user.has_perm("projecten.start_review", proposal),
        "can_give_advice": user.has_perm("projecten.give_advice", proposal),
        "has_advised": any(advice.professional_id == user.pk for advice in advices),
        "can_request_changes": user.has_perm("projecten.request_changes", proposal),
    }
