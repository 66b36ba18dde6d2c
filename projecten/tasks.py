"""Every Celery task of projecten, one module a subject.

Celery's autodiscovery imports `<app>.tasks`; this module imports each subject's
`tasks.py`, where the tasks are defined (the beat schedule names them there:
CELERY_BEAT_SCHEDULE in config/settings.py).
"""

from projecten.accounting import tasks as accounting_tasks
from projecten.dashboard import tasks as dashboard_tasks
from projecten.election import tasks as election_tasks
from projecten.votes import tasks as vote_tasks

SUBJECT_TASKS = (accounting_tasks, dashboard_tasks, election_tasks, vote_tasks)
