"""Queueing notifications. Always after the transaction commits: a rolled-back
decision must never have told anyone anything."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise

from .tasks import send_templated_email


def recipient_language() -> str:
    """The language a recipient reads mail in. A user has no language of their own yet, so it
    is the site's (Dutch), never the language of whoever happened to act: a resident must not
    get an English letter because the gebiedsregisseur's browser speaks English."""
    return settings.LANGUAGE_CODE


def _resolved(context: dict, language: str) -> dict:
    """Lazy values (a status label, a timeline sentence) written in the recipient's language;
    the task gets plain JSON."""
    with translation.override(language):
        return {
            key: str(value) if isinstance(value, Promise) else value
            for key, value in context.items()
        }


def email_after_commit(*, to: list[str], template: str, context: dict) -> None:
    """Send `template` to `to` after commit. Pass labels lazily (a choice's `.label`, not
    `str(...)`) so that they are written in the recipient's language too."""
    if not to:
        return
    language = recipient_language()
    transaction.on_commit(
        lambda: send_templated_email.delay(
            to=list(to),
            template=template,
            context=_resolved(dict(context), language),
            language=language,
        )
    )
