"""Background work: email leaves the web request through Celery."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, ignore_result=True)
def send_templated_email(*, to: list[str], template: str, context: dict, language: str = "nl"):
    """Render `<template>_subject.txt`, `.txt` and `.html` in `language` and send them.

    Arguments are plain JSON (addresses, names, URLs): a task may run on another
    machine, later, so it never receives model instances.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.send()


@shared_task(ignore_result=True)
def delete_expired_form_submissions() -> int:
    """Daily: forget the forms of yesterday (decision 0022); a token holds a day."""
    from smederijen.submissions import submissions_delete_expired

    return submissions_delete_expired()
