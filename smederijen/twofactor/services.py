"""Two-factor login: who needs it, setting up an authenticator app, checking a code.

django-otp keeps the devices (a TOTP device for the app, a static device for the
recovery codes), throttles wrong codes per device and marks a session as verified
(`django_otp.login`). This module decides who must verify and wraps the steps of
the pages in services, as every other subject does.
"""

import re
from base64 import b32encode
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from smederijen.errors import DomainError
from smederijen.models import User
from smederijen.roles import roles_of

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"
TOTP_CODE = re.compile(r"^\d{6}$")


class TwoFactorError(DomainError):
    """A code was refused: wrong, reused, or too many wrong ones in a row."""


def needs_two_factor(user) -> bool:
    """Whether `user` moves money or manages people: gebiedsregisseur, stuurgroep, staff."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    roles = roles_of(user)
    return roles.is_gebiedsregisseur or roles.is_stuurgroep_member


def is_verified(request) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def two_factor_missing(request) -> bool:
    """Whether this session belongs to someone who must verify a second factor and did not."""
    if not getattr(settings, "OTP_REQUIRED", True):
        return False
    return needs_two_factor(request.user) and not is_verified(request)


def has_confirmed_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def totp_device_for_setup(*, actor: User) -> TOTPDevice:
    """The unconfirmed device the setup page shows: the same one on every reload."""
    if has_confirmed_device(actor):
        raise TwoFactorError(
            _("Two-factor login is already set up for your account."), code="already_set_up"
        )
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def _throttled(device) -> TwoFactorError | None:
    """django-otp makes each wrong code wait longer for the next try (1, 2, 4 … seconds)."""
    allowed, _data = device.verify_is_allowed()
    if allowed:
        return None
    return TwoFactorError(
        _("Too many wrong codes in a row. Wait a moment and try again."),
        code="throttled",
        field="code",
    )


def totp_setup_confirm(*, actor: User, device: TOTPDevice, code: str, request) -> list[str]:
    """Confirm the app with its first code, make the recovery codes, verify this session.

    Returns the recovery codes: the page shows them once and never again (django-otp
    keeps them in its table to check them; an administrator can delete, not read, them
    in /beheer/ with OTP_ADMIN_HIDE_SENSITIVE_DATA).
    """
    # The refusal is raised after the transaction: a rollback would undo django-otp's
    # count of wrong codes, and with it the throttle.
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=actor)
        refusal = _throttled(device)
        if device.confirmed:
            refusal = TwoFactorError(
                _("Two-factor login is already set up for your account."),
                code="already_set_up",
            )
        elif refusal is None:
            code = normalise(code)
            if TOTP_CODE.match(code) and device.verify_token(code):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = recovery_codes_replace(actor=actor)
                session_verify(request=request, device=device)
                return codes
            if TOTP_CODE.match(code) is None:
                device.throttle_increment()
            refusal = TwoFactorError(
                _("This code is not right. Enter the 6 digits your app shows now."),
                code="wrong_code",
                field="code",
            )
    raise refusal


def recovery_codes_replace(*, actor: User) -> list[str]:
    """Ten new recovery codes, each good for one login; the old ones stop working."""
    StaticDevice.objects.filter(user=actor).delete()
    device = StaticDevice.objects.create(user=actor, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise(code: str) -> str:
    """What people type: spaces and dashes between groups, capitals from a printout."""
    return re.sub(r"[\s-]", "", code or "").lower()


def two_factor_verify(*, actor: User, code: str, request):
    """Check a code from the app (6 digits) or a recovery code, and verify this session.

    django-otp locks the device row while it checks, refuses a TOTP code used before,
    deletes a recovery code once it is used, and counts wrong codes per device to make
    the next try wait. The refusal is raised after the transaction, so that the count
    stays (a rollback would undo it).
    """
    code = normalise(code)
    if TOTP_CODE.match(code):
        model = TOTPDevice
        wrong = _("This code is not right. Enter the 6 digits your app shows now.")
    else:
        model = StaticDevice
        wrong = _("This recovery code is not right, or it was used before.")
    refusal = TwoFactorError(wrong, code="wrong_code", field="code")
    with transaction.atomic():
        devices = model.objects.filter(user=actor, confirmed=True).select_for_update()
        for device in devices.order_by("pk"):
            if throttled := _throttled(device):
                refusal = throttled
                break
            if device.verify_token(code):
                session_verify(request=request, device=device)
                return device
    raise refusal


def session_verify(*, request, device) -> None:
    """Mark the session as verified with a new key (no fixation across the step up)."""
    request.session.cycle_key()
    otp_login(request, device)
    # Verified staff sessions end sooner when left alone (smederijen.usersessions).
    from smederijen.usersessions.services import session_mark_strict

    session_mark_strict(request.session)


def session_is_marked_verified(session) -> bool:
    return DEVICE_ID_SESSION_KEY in session


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The key as authenticator apps take it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// address as an inline SVG: no image service, no script (strict CSP)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8
    )
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)
    # Only our own path data is in it: the address is drawn, never written as text.
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S308  # nosec B308 B703


@dataclass(frozen=True)
class SetupPage:
    device: TOTPDevice
    qr_svg: SafeString
    secret: str
