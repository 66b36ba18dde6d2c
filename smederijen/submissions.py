"""One form, one submission: a second post of a form that created something creates nothing
and goes where the first went (decision 0022).

A form that creates something carries a hidden token (`{% submission_token %}`).
`submit_once` first inserts a row for it; a second post with the same token
waits on the row's unique index until the first post's transaction ends. If
the first committed, the second finds the row and goes to its `result_url`; if
the first was refused (rolled back, the row with it), the second does the work
itself. A post without a token (a page from before the token, a script) is
known by who posted what to which path, for two minutes: a double click is
caught, the same comment an hour later is a new one.
"""

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from smederijen.models import FormSubmission

TOKEN_FIELD = "submission_token"  # noqa: S105 (a field name, not a secret)  # nosec B105
# A form's token is remembered a day: the daily task deletes what is older.
TOKEN_LIFETIME = timedelta(days=1)
# A post without a token is the same submission only within this window.
CONTENT_WINDOW = timedelta(minutes=2)
_NOT_CONTENT = {"csrfmiddlewaretoken", TOKEN_FIELD}


@dataclass(frozen=True)
class Shown:
    """What `run` returns when it kept something but shows a page instead of going on (a
    draft saved, its submission refused): the page now, `result_url` for a second post."""

    response: HttpResponse
    result_url: str


def posted_token(request: HttpRequest) -> str | None:
    """The form's token, if the post carries a well-formed one."""
    try:
        return str(uuid.UUID(request.POST.get(TOKEN_FIELD, "")))
    except ValueError:
        return None


def _key(request: HttpRequest) -> tuple[str, timedelta]:
    """The key of this form instance, and how long it holds."""
    if not hasattr(request, "_submission_key"):
        user = getattr(request.user, "pk", None)
        token = posted_token(request)
        if token:
            parts, lifetime = ["token", user, request.path, token], TOKEN_LIFETIME
        else:
            content = sorted(
                (name, request.POST.getlist(name))
                for name in request.POST
                if name not in _NOT_CONTENT
            )
            files = sorted(
                (name, [(f.name, f.size) for f in request.FILES.getlist(name)])
                for name in request.FILES
            )
            parts, lifetime = ["content", user, request.path, content, files], CONTENT_WINDOW
        digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
        request._submission_key = (digest, lifetime)
    return request._submission_key


def submitted_before(request: HttpRequest) -> str | None:
    """Where this form's earlier post led, if one was done (committed) before."""
    if request.method != "POST":
        return None
    key, _lifetime = _key(request)
    return (
        FormSubmission.objects.filter(key=key, expires_at__gt=timezone.now())
        .values_list("result_url", flat=True)
        .first()
    )


def submit_once(request: HttpRequest, run: Callable[[], str | Shown]) -> str | HttpResponse:
    """Run `run` (the service call; it returns the URL to go to) once per form instance.

    A second post of the same form gets the first one's URL and runs nothing. When
    `run` raises (a refusal), everything rolls back, this form's row too: the
    corrected form can be posted again with the same token. Notifications queued
    with `on_commit` leave once, when this transaction commits. A service inside
    is nested here, so `budget.retry.atomic_with_retry` does not retry it: a
    deadlock fails this post, which may simply be posted again.
    """
    key, lifetime = _key(request)
    now = timezone.now()
    with transaction.atomic():
        # A post without a token counts only within its window: an older row gives way.
        FormSubmission.objects.filter(key=key, expires_at__lte=now).delete()
        try:
            with transaction.atomic():
                submission = FormSubmission.objects.create(
                    key=key,
                    user_id=getattr(request.user, "pk", None),
                    path=request.path,
                    created_at=now,
                    expires_at=now + lifetime,
                )
        except IntegrityError:
            # Another post of this form came first; the unique index made this one wait
            # until it committed.
            return FormSubmission.objects.values_list("result_url", flat=True).get(key=key)
        # A page rendered by run (a Shown) offers a new token: this one is spent.
        request._submission_spent = True
        try:
            outcome = run()
        except BaseException:
            request._submission_spent = False
            raise
        submission.result_url = outcome.result_url if isinstance(outcome, Shown) else outcome
        submission.save(update_fields=["result_url"])
    return outcome.response if isinstance(outcome, Shown) else outcome


class SubmitOnceMixin:
    """A post of a form that was done before goes where the first went, before the checks
    that the first post itself may now refuse (the proposal is submitted, the advice given).

    Put it first among a view's bases, so that it runs before the permission check.
    """

    def dispatch(self, request, *args, **kwargs):
        if url := submitted_before(request):
            return redirect(url)
        try:
            return super().dispatch(request, *args, **kwargs)
        except (PermissionDenied, Http404):
            # The first post committed while this one was being checked.
            if url := submitted_before(request):
                return redirect(url)
            raise


def submissions_delete_expired(*, now=None) -> int:
    """Forget the forms whose time is up; returns how many."""
    deleted, _per_model = FormSubmission.objects.filter(
        expires_at__lte=now or timezone.now()
    ).delete()
    return deleted
