"""The audit log: who changed what, when, with the values before and after (decision 0029).

django-auditlog writes a `LogEntry` from the model signals of every model registered
here; this module says which models, and who the actor of an entry is:

- a service names its actor (`@audited` reads its `actor` keyword), so a change made
  by a service carries the person even outside a request (a shell, a test, a task);
- a request without a service (the admin) gets `request.user` from auditlog's
  middleware;
- a Celery task without a person is the system, named by the task (`system:<task>`),
  so an entry without an actor always says which process made it.

Nobody edits or deletes an entry: the admin is read-only and PostgreSQL refuses UPDATE,
DELETE and TRUNCATE (smederijen migration 0005).
"""

from __future__ import annotations

import contextlib
import functools
import sys
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditlog import context as auditlog_context
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save

if TYPE_CHECKING:
    from smederijen.models import User

# Never audited: a row of these would tie a ballot to the voter who cast it while the
# window is open (decision 0011), or copy passwords and session keys into the log.
NEVER_AUDITED = {
    "projecten.ballot",
    "projecten.ballotchoice",
    "projecten.ballotvoter",
    "sessions.session",
    "auditlog.logentry",
    "admin.logentry",
    # Thousands of rows from the CBS import, not decisions of anybody.
    "wijken.postcode",
    "wijken.postcode_areas",
}
# Only the project's own data and the permission groups; not django-axes' login records.
AUDITED_APPS = {"smederijen", "wijken", "budget", "projecten", "auth"}

# The kinds the issue names, audited also where no admin page edits them. Every model
# the admin edits (and its inlines) is added in `register_models`.
AUDITED = (
    "smederijen.initiatiefgroepmembership",
    "smederijen.wijkteammembership",
    "smederijen.gebiedsregisseurassignment",
    "smederijen.stuurgroepmembership",
    "smederijen.groupmembership",
    "budget.budgetyear",
    "budget.smederijshare",
    "budget.reallocation",
    "projecten.decision",
)

# Of a user what gives power (roles and flags) with its values; that the name, address
# or home area changed, without them: they are not copied into a log that can never be
# erased (decision 0029). The entry's object_repr is the user's number, for the same reason.
USER_FIELDS = ["is_active", "is_staff", "is_superuser", "display_name", "email", "home_area"]
USER_HIDDEN = ["display_name", "email", "home_area"]
USER_M2M = {"groups", "user_permissions"}
# Never into the log, whatever the model.
SECRET_FIELDS = ["password", "last_login", "verification_email_sent_at"]


@dataclass(frozen=True)
class Acting:
    actor: User | None
    system: str = ""


_acting: ContextVar[Acting | None] = ContextVar("smederijen_audit_acting", default=None)


@contextlib.contextmanager
def acting(actor: User | None = None, *, system: str = ""):
    """Every entry written inside the block names `actor`, or the system process."""
    token = _acting.set(Acting(actor=actor, system=system or ("" if actor else _PROCESS)))
    try:
        yield
    finally:
        _acting.reset(token)


def audited(service):
    """A service's changes are logged with its `actor` keyword (none: the system).

    An inner service without an actor keeps the actor of the service that called it.
    """

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        actor = kwargs.get("actor")
        current = _acting.get()
        if actor is None and current is not None:
            return service(*args, **kwargs)
        with acting(actor):
            return service(*args, **kwargs)

    return wrapper


def _process_name(argv: list[str]) -> str:
    """`command:seed` for `manage.py seed`; `system` for anything else (a test, a shell)."""
    if argv and argv[0].endswith("manage.py") and len(argv) > 1:
        return f"command:{argv[1]}"
    return "system"


_PROCESS = _process_name(sys.argv)


def hidden(value: str) -> str:
    """What a masked field shows in the log: that it changed, not from what to what."""
    return "–" if value in ("", "None") else "[verborgen]"


def _fill_actor(sender, instance, **kwargs):
    """Before auditlog's own receiver (the request user): the service's actor wins."""
    if instance.pk is not None:
        return
    if instance.content_type.model_class() is get_user_model():
        instance.object_repr = f"#{instance.object_pk}"
    current = _acting.get()
    if current is None:
        in_request = auditlog_context.auditlog_value.get(None)
        if in_request is None:
            # No service, no request, no task: a command or a shell wrote directly.
            current = Acting(actor=None, system=_PROCESS)
        elif in_request.get("actor") is None:
            # A visitor who is not logged in (registering, verifying an address).
            current = Acting(actor=None, system="anonymous")
        else:
            return
    if current.actor is not None and getattr(current.actor, "pk", None) is not None:
        if instance.actor_id is None:
            instance.actor = current.actor
            instance.actor_email = current.actor.email
    elif instance.actor_id is None:
        instance.additional_data = {**(instance.additional_data or {}), "system": current.system}


def _task_started(task=None, **kwargs):
    token = _acting.set(Acting(actor=None, system=f"system:{getattr(task, 'name', 'task')}"))
    if task is not None:
        task.request.smederijen_audit_token = token


def _task_ended(task=None, **kwargs):
    token = getattr(getattr(task, "request", None), "smederijen_audit_token", None)
    if token is not None:
        _acting.reset(token)


def register_models() -> None:
    """Register the audited models with auditlog; called once from SmederijenConfig.ready."""
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog
    from celery.signals import task_postrun, task_prerun
    from django.apps import apps
    from django.contrib import admin

    from smederijen.models import User

    labels = set(AUDITED)
    for model, model_admin in admin.site._registry.items():
        labels.add(model._meta.label_lower)
        for inline in model_admin.inlines:
            labels.add(inline.model._meta.label_lower)
    for label in sorted(labels - NEVER_AUDITED):
        if label.split(".")[0] not in AUDITED_APPS:
            continue
        model = apps.get_model(label)
        if model is User:
            auditlog.register(
                model,
                include_fields=USER_FIELDS,
                m2m_fields=USER_M2M,
                mask_fields=USER_HIDDEN,
                mask_callable="smederijen.audit.hidden",
            )
        elif label == "auth.group":
            auditlog.register(model, m2m_fields={"permissions"})
        else:
            auditlog.register(model, exclude_fields=SECRET_FIELDS)
    _admin_read_only(admin.site, LogEntry)
    pre_save.connect(_fill_actor, sender=LogEntry, dispatch_uid="smederijen_audit_actor")
    task_prerun.connect(_task_started, weak=False, dispatch_uid="smederijen_audit_task_start")
    task_postrun.connect(_task_ended, weak=False, dispatch_uid="smederijen_audit_task_end")


def _admin_read_only(site, log_entry_model) -> None:
    """auditlog's admin, with deletion closed everywhere (it allows a cascade) and no actions."""
    from auditlog.admin import LogEntryAdmin

    class ReadOnlyLogEntryAdmin(LogEntryAdmin):
        actions = None
        # Our users have a display name, not first and last names.
        search_fields = ["object_repr", "actor__display_name", "actor_email"]

        def has_add_permission(self, request):
            return False

        def has_change_permission(self, request, obj=None):
            return False

        def has_delete_permission(self, request, obj=None):
            return False

    if site.is_registered(log_entry_model):
        site.unregister(log_entry_model)
    site.register(log_entry_model, ReadOnlyLogEntryAdmin)


def audited_labels() -> set[str]:
    from auditlog.registry import auditlog

    return {model._meta.label_lower for model in auditlog.get_models()}
