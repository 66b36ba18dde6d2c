"""Reads of Smederijen that pages share."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from wijken.models import AreaKind

from .models import (
    AreaChangeRequest,
    GebiedsregisseurAssignment,
    Group,
    GroupMembership,
    InitiatiefgroepJoinRequest,
    InitiatiefgroepMembership,
    RequestStatus,
    Smederij,
    StuurgroepMembership,
    WijkteamMembership,
)


def smederijen_public() -> QuerySet[Smederij]:
    """Every active Smederij with its area and wijkteam, for public listings (one query)."""
    return Smederij.objects.active().select_related("area", "wijkteam").order_by("name")


def smederijen_by_kind() -> dict[str, list[Smederij]]:
    """The public Smederijen split into wijken and dorpen, in one query."""
    grouped: dict[str, list[Smederij]] = {AreaKind.WIJK: [], AreaKind.DORP: []}
    for smederij in smederijen_public():
        grouped[smederij.area.kind].append(smederij)
    return grouped


def memberships_of(user) -> dict[str, list]:
    """The roles a user holds, with the Smederij or wijkteam each is about."""
    return {
        "initiatiefgroepen": list(
            user.initiatiefgroep_memberships.select_related("smederij__area")
        ),
        "wijkteams": list(user.wijkteam_memberships.select_related("wijkteam", "organisation")),
        "gebiedsregisseur": list(user.gebiedsregisseur_assignments.select_related("wijkteam")),
        "stuurgroep": list(
            StuurgroepMembership.objects.filter(user=user).select_related("organisation")
        ),
    }


def smederijen_covered_by(user) -> QuerySet[Smederij]:
    """The Smederijen whose wijkteam the user works in, as professional or gebiedsregisseur.

    The SQL twin of `is_professional_covering | is_gebiedsregisseur_of`.
    """
    if not user.is_authenticated:
        return Smederij.objects.none()
    return (
        Smederij.objects.filter(
            Q(wijkteam__memberships__user=user)
            | Q(wijkteam__gebiedsregisseur_assignments__user=user)
        )
        .distinct()
        .select_related("area", "wijkteam")
    )


# --- Requests, the initiatiefgroep and the groups of an area ---------------------------------


def area_change_requests_decidable_by(user) -> QuerySet:
    """Pending requests to move into an area whose wijkteam `user` is gebiedsregisseur of.

    The SQL twin of `smederijen.decide_area_change` (on pending requests).
    """

    if not user.is_authenticated:
        return AreaChangeRequest.objects.none()
    wijkteams = GebiedsregisseurAssignment.objects.filter(user=user).values("wijkteam")
    return (
        AreaChangeRequest.objects.filter(
            status=RequestStatus.PENDING, to_area__smederij__wijkteam__in=wijkteams
        )
        .select_related("user", "from_area", "to_area")
        .order_by("created_at")
    )


def pending_area_change_of(user):

    return (
        AreaChangeRequest.objects.filter(user=user, status=RequestStatus.PENDING)
        .select_related("to_area")
        .first()
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
