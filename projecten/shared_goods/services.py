"""Shared goods: what a project bought with Smederij money is lent to every group of the area."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from projecten.accounting.services import gebiedsregisseur_addresses
from projecten.common.services import permission_require
from projecten.errors import ProposalError
from projecten.models import BorrowRequest, Proposal, SharedGood
from smederijen.models import Group, RequestStatus, User
from smederijen.notifications import email_after_commit


def _goods_url(smederij) -> str:
    return settings.SITE_URL + reverse("projecten:shared-good-list", kwargs={"slug": smederij.slug})


@transaction.atomic
def shared_good_register(
    *, proposal: Proposal, actor: User, name: str, keeper: str, description: str = ""
) -> SharedGood:
    """Register something a funded project bought as a shared good of its Smederij."""
    proposal = Proposal.objects.select_related("smederij").get(pk=proposal.pk)
    permission_require(actor, "projecten.register_shared_good", proposal)
    good = SharedGood(
        smederij=proposal.smederij,
        proposal=proposal,
        name=(name or "").strip(),
        description=(description or "").strip(),
        keeper=(keeper or "").strip(),
        registered_by=actor,
    )
    good.full_clean()
    good.save()
    return good


@transaction.atomic
def borrow_request_create(
    *,
    good: SharedGood,
    actor: User,
    group: Group,
    from_date: datetime.date,
    until_date: datetime.date,
    message: str = "",
) -> BorrowRequest:
    """A member of a group of the area asks to borrow a shared good for that group."""
    good = SharedGood.objects.select_related("smederij", "proposal__submitter").get(pk=good.pk)
    permission_require(actor, "projecten.borrow_shared_good", good.smederij)
    errors: dict[str, list[str]] = {}
    if group is None or not group.memberships.filter(user=actor).exists():
        errors["group"] = [_("You can only borrow for a group you are a member of.")]
    elif group.area_id != good.smederij.area_id:
        errors["group"] = [_("Only groups of the Smederij's own area can borrow its goods.")]
    today = timezone.localdate()
    if from_date is None or from_date < today:
        errors["from_date"] = [_("The first day cannot lie in the past.")]
    if from_date is not None and until_date is not None and until_date < from_date:
        errors["until_date"] = [_("The last day cannot lie before the first day.")]
    if errors:
        raise ProposalError(errors)
    borrow_request = BorrowRequest.objects.create(
        good=good,
        requested_by=actor,
        group=group,
        from_date=from_date,
        until_date=until_date,
        message=(message or "").strip(),
    )
    keepers = set(gebiedsregisseur_addresses(good.smederij))
    if good.proposal is not None:
        keepers.add(good.proposal.submitter.email)
    email_after_commit(
        to=sorted(keepers),
        template="emails/borrow_request_created",
        context={
            "item": good.name,
            "group": group.name,
            "requester": actor.display_name,
            "from_date": from_date.strftime("%d-%m-%Y"),
            "until_date": until_date.strftime("%d-%m-%Y"),
            "message": borrow_request.message,
            "url": _goods_url(good.smederij),
        },
    )
    return borrow_request


@transaction.atomic
def borrow_request_decide(
    *, borrow_request: BorrowRequest, actor: User, accept: bool
) -> BorrowRequest:
    """The keeper side (the project's submitter or the gebiedsregisseur) lends the item, or not."""
    borrow_request = (
        BorrowRequest.objects.select_for_update(of=("self",))
        .select_related("good__smederij", "good__proposal", "group", "requested_by")
        .get(pk=borrow_request.pk)
    )
    permission_require(actor, "projecten.decide_borrow_request", borrow_request.good)
    if borrow_request.status != RequestStatus.PENDING:
        raise ProposalError(_("This request has already been answered."))
    borrow_request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    borrow_request.decided_by, borrow_request.decided_at = actor, timezone.now()
    borrow_request.save(update_fields=["status", "decided_by", "decided_at"])
    email_after_commit(
        to=[borrow_request.requested_by.email],
        template="emails/borrow_request_decided",
        context={
            "name": borrow_request.requested_by.display_name,
            "item": borrow_request.good.name,
            "group": borrow_request.group.name if borrow_request.group else "",
            "accepted": accept,
            "status_label": RequestStatus(borrow_request.status).label,
            "from_date": borrow_request.from_date.strftime("%d-%m-%Y"),
            "until_date": borrow_request.until_date.strftime("%d-%m-%Y"),
            "url": _goods_url(borrow_request.good.smederij),
        },
    )
    return borrow_request
