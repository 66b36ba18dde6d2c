"""The resident's rights under the AVG: a copy of their data, and erasure (decision 0029).

Each app exports and erases its own part through `smederijen.privacy.registry`; this
module does the account, the memberships of smederijen, and calls the hooks.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smederijen.audit import audited
from smederijen.errors import DomainError
from smederijen.models import (
    AreaChangeRequest,
    FormSubmission,
    GebiedsregisseurAssignment,
    GroupMembership,
    InitiatiefgroepJoinRequest,
    InitiatiefgroepMembership,
    RequestStatus,
    StuurgroepMembership,
    User,
    WijkteamMembership,
)
from smederijen.privacy import registry
from smederijen.roles import forget_memberships, roles_of
from smederijen.usersessions.services import sessions_end_for

# The name everybody sees from now on next to what the erased resident did.
ERASED_NAME = "oud-bewoner"
# .invalid never delivers (RFC 2606): no mail reaches anyone at such an address.
ERASED_EMAIL_DOMAIN = "verwijderd.invalid"
EXPORT_FORMAT = "smederijen-export-1"


class PrivacyError(DomainError):
    pass


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _account_export(user: User) -> dict[str, Any]:
    return {
        "account": {
            "display_name": user.display_name,
            "email": user.email,
            "email_verified_at": _when(user.email_verified_at),
            "home_area": user.home_area.name if user.home_area_id else None,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "memberships": {
            "initiatiefgroep": [
                {"smederij": m.smederij.name, "since": _when(m.joined_at)}
                for m in InitiatiefgroepMembership.objects.filter(user=user).select_related(
                    "smederij"
                )
            ],
            "wijkteam": [
                {
                    "wijkteam": m.wijkteam.name,
                    "organisation": m.organisation.name,
                    "function": m.get_function_display(),
                }
                for m in WijkteamMembership.objects.filter(user=user).select_related(
                    "wijkteam", "organisation"
                )
            ],
            "gebiedsregisseur": [
                {"wijkteam": a.wijkteam.name}
                for a in GebiedsregisseurAssignment.objects.filter(user=user).select_related(
                    "wijkteam"
                )
            ],
            "stuurgroep": [
                {"seat": m.get_seat_display()}
                for m in StuurgroepMembership.objects.filter(user=user)
            ],
            "groups": [
                {"group": m.group.name, "contact": m.is_contact}
                for m in GroupMembership.objects.filter(user=user).select_related("group")
            ],
        },
        "requests": {
            "join_initiatiefgroep": [
                {
                    "smederij": r.smederij.name,
                    "status": r.get_status_display(),
                    "at": _when(r.created_at),
                }
                for r in InitiatiefgroepJoinRequest.objects.filter(user=user).select_related(
                    "smederij"
                )
            ],
            "change_home_area": [
                {
                    "from": r.from_area.name if r.from_area_id else None,
                    "to": r.to_area.name,
                    "status": r.get_status_display(),
                    "at": _when(r.created_at),
                }
                for r in AreaChangeRequest.objects.filter(user=user).select_related(
                    "from_area", "to_area"
                )
            ],
        },
        # Mails are sent, not kept: there is no store of notifications to copy.
        "notifications": {
            "stored": [],
            "note": _("Notifications are sent to your email address and are not kept on the site."),
        },
    }


def user_data_export(*, actor: User) -> dict[str, Any]:
    """Everything the site keeps about `actor`, as JSON-ready data: theirs only."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        **_account_export(actor),
    }
    for hook in registry.hooks():
        data[hook.name] = hook.export(actor)
    return data


def user_can_erase(user: User) -> bool:
    """A resident erases their own account; a work account ends with its role, in the admin.

    The municipality manages the accounts of professionals, gebiedsregisseurs, the
    stuurgroep and administrators: their decisions are records it must keep in a name.
    """
    roles = roles_of(user)
    return not (
        user.is_staff
        or user.is_superuser
        or roles.is_professional
        or roles.is_gebiedsregisseur
        or roles.is_stuurgroep_member
    )


@audited
@transaction.atomic
def user_erase(*, actor: User, password: str) -> User:
    """Erase the personal data of `actor`'s own account (the AVG's right to erasure).

    What others relied on stays, without a name: proposals (the public record), every
    money record, comments, supports and votes (shown as "oud-bewoner"), and the files
    of a funded project's verantwoording (the municipality must keep them). What is
    only the person's goes: name, address, password, home area, memberships, files.
    Nothing here reads or writes a ballot: only that they voted stays (decision 0011).
    """
    user = get_user_model().objects.select_for_update().get(pk=actor.pk)
    if not user.is_active:
        raise PrivacyError(_("This account has been erased already."), code="erased")
    if not user.check_password(password or ""):
        raise PrivacyError(
            _("That is not your password. Your account has not been erased."),
            code="password",
            field="password",
        )
    if not user_can_erase(user):
        raise PrivacyError(
            _(
                "Your account has a role in the programme (wijkteam, gebiedsregisseur, "
                "stuurgroep or administration). Ask the functional administrator to end "
                "the role first; then you can erase your account."
            ),
            code="has_role",
        )

    files: list[str] = []
    for hook in registry.hooks():
        files.extend(hook.erase(user))

    # QuerySet.delete() sends each row's delete signal: each is an entry in the audit log.
    InitiatiefgroepMembership.objects.filter(user=user).delete()
    GroupMembership.objects.filter(user=user).delete()
    InitiatiefgroepJoinRequest.objects.filter(user=user, status=RequestStatus.PENDING).delete()
    AreaChangeRequest.objects.filter(user=user, status=RequestStatus.PENDING).delete()
    FormSubmission.objects.filter(user=user).delete()
    _axes_forget(user.email)

    user.display_name = ERASED_NAME
    user.email = f"{uuid.uuid4().hex}@{ERASED_EMAIL_DOMAIN}"
    # The home area goes too: nothing needs it any more, and with the name gone it would
    # only narrow down who this was.
    user.home_area = None
    user.email_verified_at = None
    user.last_login = None
    user.verification_email_sent_at = None
    user.is_active = False
    user.set_unusable_password()
    user.save()
    # Only when there is something to clear: an empty clear would still be an audit entry.
    if user.groups.exists():
        user.groups.clear()
    if user.user_permissions.exists():
        user.user_permissions.clear()
    forget_memberships(user)
    # Deactivation ends them too (usersessions' signal); here it is said, not implied.
    sessions_end_for(user_id=user.pk)

    def delete_files():
        for name in files:
            default_storage.delete(name)

    transaction.on_commit(delete_files)
    return user


def _axes_forget(email: str) -> None:
    """django-axes keeps login attempts with the address typed: they go with the account."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()
