"""Accounts of residents: registration, email verification, the home area and changing it.

The postcode is used to find the home area and then forgotten: it is personal
data we do not need once the area is known (docs/decisions/0005).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smederijen import tokens
from smederijen.models import AreaChangeRequest, RequestStatus, Smederij, User
from smederijen.notifications import email_after_commit
from smederijen.ratelimits import RateLimit, rate_limit_hit
from wijken.models import Area
from wijken.postcodes import normalize_postcode

VERIFICATION_RESEND_INTERVAL = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class HomeAreaOutcome:
    """Either the home area was set (one area), or the user chooses among `candidates`."""

    user: User
    candidates: list[Area]
    choice_token: str = ""

    @property
    def needs_choice(self) -> bool:
        return bool(self.choice_token)


def areas_for_postcode(postcode: str) -> list[Area]:
    """The areas a postcode lies in. Raises ValidationError (field `postcode`) when none."""
    code = normalize_postcode(postcode)
    areas = list(Area.objects.for_postcode(code).order_by("name").distinct())
    if not areas:
        raise ValidationError(
            {
                "postcode": ValidationError(
                    _(
                        "This postcode lies outside the Smederijen of Hoogeveen. Only residents "
                        "of the wijken and dorpen of the municipality of Hoogeveen can take part."
                    ),
                    code="outside_hoogeveen",
                )
            }
        )
    return areas


def _postcode_areas(postcode: str) -> list[Area]:
    try:
        return areas_for_postcode(postcode)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        raise ValidationError({"postcode": error.error_list}) from error


def _send_verification(user: User) -> None:
    token = tokens.email_verification_token(user_id=user.pk, email=user.email)
    email_after_commit(
        to=[user.email],
        template="emails/verify_email",
        context={
            "name": user.display_name,
            "url": settings.SITE_URL + reverse("smederijen:verify-email", args=[token]),
            "days": tokens.EMAIL_VERIFICATION_MAX_AGE.days,
        },
    )


def _offer_home_areas(user: User, areas: list[Area]) -> HomeAreaOutcome:
    if len(areas) == 1:
        user.home_area = areas[0]
        user.save(update_fields=["home_area"])
        return HomeAreaOutcome(user=user, candidates=areas)
    token = tokens.home_area_choice_token(user_id=user.pk, area_ids=[a.pk for a in areas])
    return HomeAreaOutcome(user=user, candidates=areas, choice_token=token)


# New accounts an hour from one network address. High enough for an evening in
# the buurthuis where residents register on its wifi; low enough to stop a bot.
REGISTRATIONS_PER_ADDRESS_PER_HOUR = 30


def _registration_rate_check(client_address: str | None) -> None:
    """Count a registration from `client_address`; refuse past the hourly limit (in the
    shared cache, so that every web process counts together)."""
    rate_limit_hit(
        RateLimit("registrations", REGISTRATIONS_PER_ADDRESS_PER_HOUR, 3600),
        client_address,
        message=_(
            "Too many new accounts were made from this connection in the last hour. "
            "Please try again later."
        ),
    )


@transaction.atomic
def user_register(
    *,
    display_name: str,
    email: str,
    password: str,
    postcode: str,
    client_address: str | None = None,
) -> HomeAreaOutcome | None:
    """Create a resident's account, find their home area and send the verification link.

    The account can log in at once; it cannot submit until the email is verified.
    At most REGISTRATIONS_PER_ADDRESS_PER_HOUR accounts are made an hour from one
    network address.

    An address that already has an account is not refused: that would tell anyone which
    addresses have one (the password reset does not tell either). Its owner gets a mail
    saying so instead, and the caller answers as for a new account; then None.
    """
    errors: dict[str, list] = {}
    email = User.objects.normalize_email(email.strip()).lower()
    display_name = display_name.strip()
    if not display_name:
        errors["display_name"] = [ValidationError(_("Enter your name."), code="required")]
    try:
        areas = _postcode_areas(postcode)
    except ValidationError as error:
        errors.update(error.error_dict)
        areas = []
    candidate = User(email=email, display_name=display_name)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        errors["password"] = error.error_list
    if errors:
        raise ValidationError(errors)
    # Counted for taken addresses too: the limit must not tell them apart either.
    _registration_rate_check(client_address)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        _send_account_exists(existing)
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                display_name=display_name,
                verification_email_sent_at=timezone.now(),
            )
    except IntegrityError:
        # Two registrations with the same address at the same moment: the constraint
        # decides, and the one that lost is told as any taken address is.
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            _send_account_exists(existing)
        return None
    _send_verification(user)
    return _offer_home_areas(user, areas)


def _send_account_exists(user: User) -> None:
    email_after_commit(
        to=[user.email],
        template="emails/account_exists",
        context={
            "name": user.display_name,
            "login_url": settings.SITE_URL + reverse("login"),
            "reset_url": settings.SITE_URL + reverse("password_reset"),
        },
    )


@transaction.atomic
def user_home_area_from_postcode(*, user: User, postcode: str) -> HomeAreaOutcome:
    """For an account without a home area (it left the choice step): look the postcode up again.

    Once a home area is set, only a request the gebiedsregisseur accepts changes it.
    """
    if user.home_area_id is not None:
        raise PermissionDenied(_("Your home area is set; ask for a change instead."))
    return _offer_home_areas(user, _postcode_areas(postcode))


@transaction.atomic
def user_choose_home_area(*, user: User, area: Area, choice_token: str) -> User:
    """Set the home area among those the postcode pointed to (carried by the signed token)."""
    try:
        choice = tokens.read_home_area_choice_token(choice_token)
    except (tokens.TokenExpired, tokens.TokenInvalid) as error:
        raise ValidationError(
            _("Your choice has expired. Enter your postcode again."), code="choice_expired"
        ) from error
    user = User.objects.select_for_update().get(pk=user.pk)
    if choice.user_id != user.pk:
        raise PermissionDenied("home area choice of another user")
    if user.home_area_id is not None:
        raise PermissionDenied(_("Your home area is set; ask for a change instead."))
    if area.pk not in choice.area_ids:
        raise ValidationError(
            {
                "area": ValidationError(
                    _("Your postcode does not lie in this area. Choose one of the areas shown."),
                    code="not_a_candidate",
                )
            }
        )
    user.home_area = area
    user.save(update_fields=["home_area"])
    return user


@transaction.atomic
def user_verify_email(*, token: str) -> User:
    """Mark the address in the link as verified. Raises TokenExpired or TokenInvalid."""
    link = tokens.read_email_verification_token(token)
    user = User.objects.select_for_update().filter(pk=link.user_id, is_active=True).first()
    if user is None or user.email.lower() != link.email:
        # The account is gone, or its address changed since the link was sent.
        raise tokens.TokenInvalid
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


@transaction.atomic
def user_send_verification_email(*, user: User) -> None:
    """Send a new verification link: at most once every five minutes, whoever asks."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_verified_at is not None:
        raise ValidationError(_("Your email address is already verified."), code="verified")
    now = timezone.now()
    if (
        user.verification_email_sent_at is not None
        and now - user.verification_email_sent_at < VERIFICATION_RESEND_INTERVAL
    ):
        raise ValidationError(
            _(
                "We sent you a link less than five minutes ago. Look in your mailbox (and the "
                "spam folder), or try again in a few minutes."
            ),
            code="too_soon",
        )
    user.verification_email_sent_at = now
    user.save(update_fields=["verification_email_sent_at"])
    _send_verification(user)


def _smederij_of(area: Area) -> Smederij | None:
    return Smederij.objects.filter(area=area, is_active=True).select_related("wijkteam").first()


@transaction.atomic
def area_change_request_create(
    *, actor: User, postcode: str, reason: str, to_area: Area | None = None
) -> AreaChangeRequest:
    """Ask to move to the area of a new postcode; the gebiedsregisseur of that area decides.

    When the postcode lies in several areas, `to_area` says which; it must be one of them.
    """
    actor = User.objects.select_for_update().get(pk=actor.pk)
    if actor.home_area_id is None:
        raise PermissionDenied(_("Choose your home area first."))
    areas = _postcode_areas(postcode)
    if to_area is None:
        if len(areas) > 1:
            raise ValidationError(
                {
                    "to_area": ValidationError(
                        _("Your postcode lies in more than one area. Choose yours."),
                        code="choose_area",
                    )
                }
            )
        to_area = areas[0]
    elif to_area.pk not in {a.pk for a in areas}:
        raise ValidationError(
            {
                "to_area": ValidationError(
                    _("Your postcode does not lie in this area. Choose one of the areas shown."),
                    code="not_a_candidate",
                )
            }
        )
    if to_area.pk == actor.home_area_id:
        raise ValidationError(
            {
                "postcode": ValidationError(
                    _("This postcode lies in the area you live in already."), code="same_area"
                )
            }
        )
    if not reason.strip():
        raise ValidationError(
            {"reason": ValidationError(_("Tell us why you change area."), code="required")}
        )
    if _smederij_of(to_area) is None:
        raise ValidationError(
            {
                "postcode": ValidationError(
                    _("This area has no Smederij at the moment."), code="no_smederij"
                )
            }
        )
    if AreaChangeRequest.objects.filter(user=actor, status=RequestStatus.PENDING).exists():
        raise ValidationError(_pending_change_error())
    try:
        with transaction.atomic():
            return AreaChangeRequest.objects.create(
                user=actor, from_area_id=actor.home_area_id, to_area=to_area, reason=reason.strip()
            )
    except IntegrityError as error:
        raise ValidationError(_pending_change_error()) from error


def _pending_change_error() -> ValidationError:
    return ValidationError(
        _("You already asked to change your area. Wait for the answer of the gebiedsregisseur."),
        code="pending",
    )


@transaction.atomic
def area_change_request_decide(
    *, actor: User, request: AreaChangeRequest, accept: bool
) -> AreaChangeRequest:
    """The gebiedsregisseur of the new area accepts (the home area moves) or declines."""
    request = (
        AreaChangeRequest.objects.select_for_update()
        .select_related("user", "to_area")
        .get(pk=request.pk)
    )
    if not actor.has_perm("smederijen.decide_area_change", request):
        raise PermissionDenied("smederijen.decide_area_change")
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has been decided already."), code="decided")
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    resident = request.user
    if accept:
        resident.home_area = request.to_area
        resident.save(update_fields=["home_area"])
    email_after_commit(
        to=[resident.email],
        template="emails/area_change_decided",
        context={
            "name": resident.display_name,
            "area": request.to_area.name,
            "accepted": accept,
            "url": settings.SITE_URL + reverse("smederijen:account"),
        },
    )
    return request
