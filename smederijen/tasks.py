"""Background work: email leaves the web request through Celery."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, ignore_result=True)
def send_templated_email(*, to: list[str], template: str, context: dict, language: str = "nl"):
    """Render `<template>_subject.txt`, `.txt` and `.html` in `language` and send them.

    Arguments are plain JSON (addresses, names, URLs): a task may run on another
    machine, later, so it never receives model instances.
    """
    with translation.override(language):
        subject = " ".join(render_plain_text(f"{template}_subject.txt", context).split())
        text = render_plain_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.send()


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
