"""Queueing notifications. Stored with the transaction, sent after it commits (the outbox,
decision 0036): a rolled-back decision never told anyone anything, and a committed one
always does, even when the queue was down at that moment."""

from email.utils import make_msgid
from urllib.parse import urlparse

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

from .outbox.services import outbox_put
from .tasks import EMAIL


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
    `str(...)`) so that they are written in the recipient's language too.

    The mail is an outbox row of the caller's transaction: it commits with the decision, is
    handed to the queue after the commit and sent once, also when the queue comes back later.
    """
    if not to:
        return
    language = recipient_language()
    outbox_put(
        handler=EMAIL,
        kwargs={
            "to": list(to),
            "template": template,
            "context": _resolved(dict(context), language),
            "language": language,
            "message_id": make_msgid(domain=urlparse(settings.SITE_URL).hostname or None),
        },
    )
