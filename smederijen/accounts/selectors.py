"""Reads of accounts: the requests to change area a gebiedsregisseur may decide."""

from django.db.models import QuerySet

from smederijen.models import (
    AreaChangeRequest,
    GebiedsregisseurAssignment,
    RequestStatus,
)


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
