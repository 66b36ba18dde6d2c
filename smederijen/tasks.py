"""Background work: email leaves the web request through the outbox and Celery (decision 0036)."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from smederijen.outbox import tasks as outbox_tasks
from smederijen.outbox.handlers import outbox_handler

# Celery's autodiscovery imports this module; the outbox's tasks are defined there.
SUBJECT_TASKS = (outbox_tasks,)

EMAIL = "smederijen.email"


@outbox_handler(EMAIL)
def email_send(
    *, to: list[str], template: str, context: dict, language: str = "nl", message_id: str = ""
) -> None:
    """Render `<template>_subject.txt`, `.txt` and `.html` in `language` and send them.

    Arguments are plain JSON (addresses, names, URLs): the work may run on another machine,
    later, so it never receives model instances. `message_id` is fixed when the mail is
    decided on: should a crash make the outbox send it twice, both copies carry it.
    """
    with translation.override(language):
        subject = " ".join(render_plain_text(f"{template}_subject.txt", context).split())
        text = render_plain_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    headers = {"Message-ID": message_id} if message_id else None
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, to, headers=headers
    )
    message.attach_alternative(html, "text/html")
    message.send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, ignore_result=True)
def send_templated_email(*, to: list[str], template: str, context: dict, language: str = "nl"):
    """The task before the outbox: kept so that mails queued by a release before it are still
    sent. Nothing new is queued here; remove it one release after the outbox."""
    email_send(to=to, template=template, context=context, language=language)


def render_plain_text(name: str, context: dict) -> str:
    """A template of plain text (a subject, a text body): nothing is HTML-escaped, since
    no HTML reader will unescape it; "<b>" in a title reaches the reader as typed. Only
    the HTML part of a mail escapes what people typed."""
    return get_template(name).template.render(Context(context, autoescape=False))


@shared_task(ignore_result=True)
def delete_expired_form_submissions() -> int:
    """Daily: forget the forms of yesterday (decision 0022); a token holds a day."""
    from smederijen.submissions import submissions_delete_expired

    return submissions_delete_expired()


@shared_task(ignore_result=True)
def clear_expired_sessions() -> None:
    """Daily: remove the sessions that have ended (what `manage.py clearsessions` does)."""
    from importlib import import_module

    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
