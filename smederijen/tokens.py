"""Signed links and values: what a link in an email or a value kept in the session carries.

Each kind has its own salt, so that a token made for one purpose is never
accepted for another, and its own lifetime. A token carries what it is about
(the user and the address the link was sent to), so that it stops working
once that changes: a verification link for an old address verifies nothing.
"""

import datetime
from dataclasses import dataclass

from django.core import signing

EMAIL_VERIFICATION_SALT = "smederijen.email-verification"
EMAIL_VERIFICATION_MAX_AGE = datetime.timedelta(days=3)

HOME_AREA_CHOICE_SALT = "smederijen.home-area-choice"
HOME_AREA_CHOICE_MAX_AGE = datetime.timedelta(days=1)

GROUP_INVITATION_SALT = "smederijen.group-invitation"
GROUP_INVITATION_MAX_AGE = datetime.timedelta(days=14)


class TokenExpired(Exception):
    """The signature is right but the link is too old."""


class TokenInvalid(Exception):
    """The token was not made by us, was changed, or is for another purpose."""


def _load(token: str, *, salt: str, max_age: datetime.timedelta) -> dict:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(value, dict):
        raise TokenInvalid
    return value


@dataclass(frozen=True)
class EmailVerification:
    user_id: int
    email: str


def email_verification_token(*, user_id: int, email: str) -> str:
    return signing.dumps({"u": user_id, "e": email.lower()}, salt=EMAIL_VERIFICATION_SALT)


def read_email_verification_token(token: str) -> EmailVerification:
    value = _load(token, salt=EMAIL_VERIFICATION_SALT, max_age=EMAIL_VERIFICATION_MAX_AGE)
    try:
        return EmailVerification(user_id=int(value["u"]), email=str(value["e"]))
    except (KeyError, TypeError, ValueError) as error:
        raise TokenInvalid from error


@dataclass(frozen=True)
class HomeAreaChoice:
    user_id: int
    area_ids: frozenset[int]


def home_area_choice_token(*, user_id: int, area_ids) -> str:
    """The areas a postcode pointed to, for the user to choose from: not the postcode itself."""
    return signing.dumps({"u": user_id, "a": sorted(area_ids)}, salt=HOME_AREA_CHOICE_SALT)


def read_home_area_choice_token(token: str) -> HomeAreaChoice:
    value = _load(token, salt=HOME_AREA_CHOICE_SALT, max_age=HOME_AREA_CHOICE_MAX_AGE)
    try:
        return HomeAreaChoice(
            user_id=int(value["u"]), area_ids=frozenset(int(a) for a in value["a"])
        )
    except (KeyError, TypeError, ValueError) as error:
        raise TokenInvalid from error


@dataclass(frozen=True)
class GroupInvitationLink:
    invitation_id: int
    email: str


def group_invitation_token(*, invitation_id: int, email: str) -> str:
    return signing.dumps({"i": invitation_id, "e": email.lower()}, salt=GROUP_INVITATION_SALT)


def read_group_invitation_token(token: str) -> GroupInvitationLink:
    value = _load(token, salt=GROUP_INVITATION_SALT, max_age=GROUP_INVITATION_MAX_AGE)
    try:
        return GroupInvitationLink(invitation_id=int(value["i"]), email=str(value["e"]))
    except (KeyError, TypeError, ValueError) as error:
        raise TokenInvalid from error
