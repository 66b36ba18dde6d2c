"""Reads of the shared goods: what the funded projects of a Smederij bought, with its requests."""

from django.db.models import Prefetch, QuerySet

from projecten.models import BorrowRequest, SharedGood
from smederijen.models import RequestStatus, Smederij


def shared_goods_of(*, smederij: Smederij) -> QuerySet[SharedGood]:
    """The Smederij's shared goods with the project that bought them and open requests."""
    return (
        SharedGood.objects.filter(smederij=smederij)
        .select_related("proposal")
        .prefetch_related(
            Prefetch(
                "borrow_requests",
                queryset=BorrowRequest.objects.filter(status=RequestStatus.PENDING)
                .select_related("requested_by", "group")
                .order_by("from_date", "pk"),
                to_attr="pending_requests",
            )
        )
        .order_by("name", "pk")
    )
