"""Reads of Smederijen that pages share."""

from django.db.models import Q, QuerySet

from wijken.models import AreaKind

from .models import (
    GebiedsregisseurAssignment,
    Smederij,
    StuurgroepMembership,
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


def smederij_of_home(user) -> Smederij | None:
    """The Smederij of the user's home area, or None (one query, none without a home area)."""
    if not user.is_authenticated or user.home_area_id is None:
        return None
    return Smederij.objects.active().filter(area_id=user.home_area_id).first()


def smederijen_coordinated_by(user) -> QuerySet[Smederij]:
    """The Smederijen of the wijkteams `user` is gebiedsregisseur of: the SQL twin of
    `is_gebiedsregisseur_of`."""
    if not user.is_authenticated:
        return Smederij.objects.none()
    wijkteams = GebiedsregisseurAssignment.objects.filter(user=user).values("wijkteam")
    return (
        Smederij.objects.filter(wijkteam__in=wijkteams)
        .select_related("area", "wijkteam")
        .order_by("name")
    )


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
