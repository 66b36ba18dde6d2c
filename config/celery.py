"""Celery application.

Without a broker (`CELERY_BROKER_URL` unset) the settings make every task run
eagerly in the calling process, so that a first run on a laptop needs no Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("smederijen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
