"""The daily reminder a week before the verantwoording is due: once, and never when late or filed."""

# The fixtures imported from tests.projecten.after_funding are parameters of the tests.
# ruff: noqa: F811

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from projecten.accounting.services import (
    SpendingLineData,
    UploadData,
    accounting_reminders_send,
    accounting_submit,
)
from projecten.accounting.tasks import remind_accounting_due
from projecten.models import AttachmentKind
from tests.projecten.after_funding import DUE, running  # noqa: F401 (fixtures)
from tests.projecten.uploads import pdf

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(8), tzinfo=AMS))


def submit(proposal, actor):
    return accounting_submit(
        proposal=proposal,
        actor=actor,
        report="Gedaan.",
        participants=10,
        lines=[SpendingLineData("Alles", Decimal("100.00"))],
        uploads=[UploadData(pdf(), AttachmentKind.RECEIPT)],
    )


def test_reminder_goes_a_week_before_the_due_date_and_only_once(
    running, resident, django_capture_on_commit_callbacks
):
    with _at(DUE - datetime.timedelta(days=7)):
        with django_capture_on_commit_callbacks(execute=True):
            assert accounting_reminders_send() == 1
        (message,) = mail.outbox
        assert message.to == [resident.email]
        assert "28-10-2013" in message.subject
        assert f"/voorstellen/{running.pk}/verantwoording/indienen/" in message.body
        running.refresh_from_db()
        assert running.accounting_reminder_sent_at is not None

    with (
        _at(DUE - datetime.timedelta(days=6)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert accounting_reminders_send() == 0
    assert len(mail.outbox) == 1


def test_no_reminder_earlier_than_a_week_before(running):
    with _at(DUE - datetime.timedelta(days=8)):
        assert accounting_reminders_send() == 0


def test_a_day_the_beat_missed_is_caught_up(running):
    with _at(DUE - datetime.timedelta(days=5)):
        assert accounting_reminders_send() == 1


def test_no_reminder_once_late_filed_or_not_running(running, resident):
    with _at(DUE + datetime.timedelta(days=1)):
        assert accounting_reminders_send() == 0
    submit(running, resident)
    with _at(DUE - datetime.timedelta(days=7)):
        assert accounting_reminders_send() == 0


def test_the_celery_task_sends_the_reminders(running, django_capture_on_commit_callbacks):
    with (
        _at(DUE - datetime.timedelta(days=7)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        remind_accounting_due.delay()
    assert len(mail.outbox) == 1
