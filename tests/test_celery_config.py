"""Every timed job is in the beat schedule, and every task may run twice without harm."""

from celery.schedules import crontab
from django.conf import settings

from config.celery import app
from projecten.common import middleware


def test_every_job_in_the_beat_schedule_is_a_task_celery_knows():
    app.loader.import_default_modules()
    unknown = [
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] not in app.tasks
    ]
    assert unknown == []


def test_the_beat_runs_the_work_that_pages_wait_for_without_a_broker():
    """DueWorkMiddleware does without a broker what beat does with one: the same jobs."""
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "projecten.election.tasks.close_due_rounds",
        "projecten.votes.tasks.close_due_votes",
        "smederijen.outbox.tasks.relay_outbox",
    } <= scheduled
    # …and the middleware calls the services these tasks call.
    assert middleware.close_due_rounds.__module__ == "projecten.election.services"
    assert middleware.votes_close_due.__module__ == "projecten.votes.services"
    assert middleware.outbox_relay.__module__ == "smederijen.outbox.services"


def test_the_outbox_is_relayed_every_minute_and_the_timed_cleanups_daily():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["relay-outbox"]["schedule"] == 60
    for name in ("purge-sent-outbox", "clear-expired-sessions", "delete-expired-form-submissions"):
        assert isinstance(schedule[name]["schedule"], crontab)


def test_tasks_are_acknowledged_after_they_ran_and_requeued_when_a_worker_dies():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
