"""`{% submission_token %}` inside a form that creates something: the hidden field by which a
second post of the same form is known (decision 0022). Never queries."""

import uuid

from django import template
from django.utils.html import format_html

from smederijen.submissions import TOKEN_FIELD, posted_token

register = template.Library()


@register.simple_tag(takes_context=True)
def submission_token(context):
    """A new token; on a page shown again after a refused post, the token it was posted with,
    so that the corrected form is still the same one."""
    request = context.get("request")
    token = None
    if (
        request is not None
        and request.method == "POST"
        and not getattr(request, "_submission_spent", False)
    ):
        token = posted_token(request)
    return format_html(
        '<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, token or uuid.uuid4()
    )
