"""Reads of the initiatiefgroep and of the groups of an area that pages share."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from smederijen.models import (
    GebiedsregisseurAssignment,
    Group,
    GroupMembership,
    InitiatiefgroepJoinRequest,
    InitiatiefgroepMembership,
    RequestStatus,
    Smederij,
    User,
    WijkteamMembership,
)


def initiatiefgroep_page(smederij) -> dict:
    """The members of a Smederij's initiatiefgroep and the pending requests to join (two queries)."""

    return {
        "members": list(
            InitiatiefgroepMembership.objects.filter(smederij=smederij)
            .select_related("user")
            .order_by("user__display_name")
        ),
        "join_requests": list(
            InitiatiefgroepJoinRequest.objects.filter(
                smederij=smederij, status=RequestStatus.PENDING
            )
            .select_related("user")
            .order_by("created_at")
        ),
    }


def join_requests_decidable_by(user) -> QuerySet:
    """Pending requests to join an initiatiefgroep that `user` is a member or gebiedsregisseur of.

    The SQL twin of `smederijen.view_initiatiefgroep` on the request's Smederij.
    """

    if not user.is_authenticated:
        return InitiatiefgroepJoinRequest.objects.none()
    return InitiatiefgroepJoinRequest.objects.filter(
        Q(smederij__in=InitiatiefgroepMembership.objects.filter(user=user).values("smederij"))
        | Q(
            smederij__wijkteam__in=GebiedsregisseurAssignment.objects.filter(user=user).values(
                "wijkteam"
            )
        ),
        status=RequestStatus.PENDING,
    ).select_related("user", "smederij")


def groups_visible_to(user) -> QuerySet:
    """Groups `user` may open: the SQL twin of `smederijen.view_group`."""

    if not user.is_authenticated:
        return Group.objects.none()
    wijkteams = WijkteamMembership.objects.filter(user=user).values("wijkteam")
    regisseur_of = GebiedsregisseurAssignment.objects.filter(user=user).values("wijkteam")
    return Group.objects.filter(
        Q(area_id=user.home_area_id)
        | Q(pk__in=GroupMembership.objects.filter(user=user).values("group"))
        | Q(area__smederij__wijkteam__in=wijkteams)
        | Q(area__smederij__wijkteam__in=regisseur_of)
    ).select_related("area")


def groups_of_member(user) -> QuerySet:
    """The groups `user` is in, with their member count, in one query."""

    return (
        Group.objects.filter(memberships__user=user)
        .select_related("area")
        .annotate(
            member_count=Count("memberships", distinct=True),
            is_contact=Exists(
                GroupMembership.objects.filter(group=OuterRef("pk"), user=user, is_contact=True)
            ),
        )
        .order_by("name")
    )


def groups_of_area(user) -> QuerySet:
    """The groups of the user's home area, for the 'groups of your area' list."""

    if not user.is_authenticated or user.home_area_id is None:
        return Group.objects.none()
    return (
        Group.objects.filter(area_id=user.home_area_id)
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )


def group_members(group) -> list:
    """The members of a group, by name, for its page (one query)."""
    return list(group.memberships.select_related("user").order_by("user__display_name"))


# The reasons that refuse the permission itself (the rest is a message on the form).
NOT_ALLOWED_TO_JOIN = frozenset({"other_area", "unverified", "member"})


def initiatiefgroep_join_refusal(*, user: User, smederij: Smederij) -> ValidationError | None:
    """Why `user` may not ask to join now, or None: the one place of this rule.

    The permission `smederijen.join_initiatiefgroep` holds unless the reason is one of
    `NOT_ALLOWED_TO_JOIN`; a request already pending is a message beside the form. The
    join page shows the reason before the form.
    """
    if not user.is_authenticated or user.home_area_id != smederij.area_id:
        return ValidationError(
            _("Only residents of this Smederij's area can join its initiatiefgroep."),
            code="other_area",
        )
    if user.email_verified_at is None:
        return ValidationError(
            _("Confirm your email address first; then you can ask to join."), code="unverified"
        )
    if InitiatiefgroepMembership.objects.filter(user=user, smederij=smederij).exists():
        return ValidationError(_("You are in this initiatiefgroep already."), code="member")
    if InitiatiefgroepJoinRequest.objects.filter(
        user=user, smederij=smederij, status=RequestStatus.PENDING
    ).exists():
        return pending_join_error()
    return None


def pending_join_error() -> ValidationError:
    return ValidationError(
        _("You asked to join already. A member or the gebiedsregisseur will answer soon."),
        code="pending",
    )
