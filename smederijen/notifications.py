"""Queueing notifications. Always after the transaction commits: a rolled-back
decision must never have told anyone anything."""

from django.db import transaction
from django.utils import translation

from .tasks import send_templated_email


def email_after_commit(*, to: list[str], template: str, context: dict) -> None:
    if not to:
        return
    language = translation.get_language() or "nl"
    transaction.on_commit(
        lambda: send_templated_email.delay(
            to=list(to), template=template, context=dict(context), language=language
        )
    )
