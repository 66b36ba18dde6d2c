"""The initiatiefgroep's new members, and the groups and organisations of an area."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from smederijen import tokens
from smederijen.audit import audited
from smederijen.groups.selectors import initiatiefgroep_join_refusal, pending_join_error
from smederijen.models import (
    GebiedsregisseurAssignment,
    Group,
    GroupInvitation,
    GroupMembership,
    InitiatiefgroepJoinRequest,
    InitiatiefgroepMembership,
    RequestStatus,
    Smederij,
    User,
)
from smederijen.notifications import email_after_commit
from smederijen.ratelimits import INVITATIONS, rate_limit_hit

# Words the group URLs use next to a group's slug (groepen/nieuw/, groepen/mijn/, ...).
RESERVED_GROUP_SLUGS = frozenset({"nieuw", "mijn", "uitnodiging"})


def _link(path: str) -> str:
    return settings.SITE_URL + path


# --- The initiatiefgroep ---------------------------------------------------------------------


def _deciders_of(smederij: Smederij) -> list[str]:
    members = User.objects.filter(
        is_active=True, initiatiefgroep_memberships__smederij=smederij
    ).values_list("email", flat=True)
    regisseurs = User.objects.filter(
        is_active=True,
        pk__in=GebiedsregisseurAssignment.objects.filter(wijkteam_id=smederij.wijkteam_id).values(
            "user"
        ),
    ).values_list("email", flat=True)
    return sorted(set(members) | set(regisseurs))


@transaction.atomic
def initiatiefgroep_join_request_create(
    *, actor: User, smederij: Smederij, motivation: str = ""
) -> InitiatiefgroepJoinRequest:
    """A verified resident of the area asks to join; the members and gebiedsregisseur hear of it."""
    actor = User.objects.select_for_update().get(pk=actor.pk)
    if not actor.has_perm("smederijen.join_initiatiefgroep", smederij):
        raise PermissionDenied("smederijen.join_initiatiefgroep")
    refusal = initiatiefgroep_join_refusal(user=actor, smederij=smederij)
    if refusal is not None:  # asked already: a message beside the form
        raise refusal
    try:
        with transaction.atomic():
            join_request = InitiatiefgroepJoinRequest.objects.create(
                user=actor, smederij=smederij, motivation=motivation.strip()
            )
    except IntegrityError as error:
        raise pending_join_error() from error
    email_after_commit(
        to=_deciders_of(smederij),
        template="emails/join_request",
        context={
            "name": actor.display_name,
            "smederij": smederij.name,
            "motivation": join_request.motivation,
            "url": _link(reverse("smederijen:initiatiefgroep", args=[smederij.slug])),
        },
    )
    return join_request


@audited
@transaction.atomic
def initiatiefgroep_join_request_decide(
    *, actor: User, join_request: InitiatiefgroepJoinRequest, accept: bool
) -> InitiatiefgroepJoinRequest:
    """A member of the initiatiefgroep or the gebiedsregisseur accepts (membership) or declines."""
    join_request = (
        InitiatiefgroepJoinRequest.objects.select_for_update()
        .select_related("user", "smederij")
        .get(pk=join_request.pk)
    )
    smederij = join_request.smederij
    if not actor.has_perm("smederijen.decide_join_request", join_request):
        raise PermissionDenied("smederijen.decide_join_request")
    if join_request.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has been decided already."), code="decided")
    join_request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    if accept:
        InitiatiefgroepMembership.objects.get_or_create(user=join_request.user, smederij=smederij)
    email_after_commit(
        to=[join_request.user.email],
        template="emails/join_request_decided",
        context={
            "name": join_request.user.display_name,
            "smederij": smederij.name,
            "accepted": accept,
            "url": _link(
                reverse("smederijen:initiatiefgroep", args=[smederij.slug])
                if accept
                else smederij.get_absolute_url()
            ),
        },
    )
    return join_request


# --- Groups of the area ----------------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "groep"
    if base in RESERVED_GROUP_SLUGS:
        base = f"{base}-groep"
    slug, n = base, 2
    while Group.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@audited
@transaction.atomic
def group_register(*, actor: User, name: str, kind: str, description: str = "") -> Group:
    """A verified resident registers a group of their own area and becomes its contact."""
    if not actor.has_perm("smederijen.register_group"):
        raise PermissionDenied(_("Only residents with a confirmed email address can do this."))
    name = name.strip()
    if not name:
        raise ValidationError({"name": ValidationError(_("Enter a name."), code="required")})
    if Group.objects.filter(area_id=actor.home_area_id, name__iexact=name).exists():
        raise ValidationError({"name": _group_name_taken()})
    try:
        with transaction.atomic():
            group = Group.objects.create(
                name=name,
                slug=_unique_slug(name),
                kind=kind,
                area_id=actor.home_area_id,
                description=description.strip(),
                created_by=actor,
            )
    except IntegrityError as error:
        raise ValidationError({"name": _group_name_taken()}) from error
    GroupMembership.objects.create(group=group, user=actor, is_contact=True)
    return group


def _group_name_taken() -> ValidationError:
    return ValidationError(
        _("A group with this name exists in your area already."), code="name_taken"
    )


@transaction.atomic
def group_invite(*, actor: User, group: Group, email: str) -> GroupInvitation:
    """A contact of the group invites someone by email; the link in it is signed."""
    if not actor.has_perm("smederijen.invite_to_group", group):
        raise PermissionDenied("smederijen.invite_to_group")
    rate_limit_hit(INVITATIONS, actor.pk)
    email = User.objects.normalize_email(email.strip()).lower()
    if group.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            {"email": ValidationError(_("This person is in the group already."), code="member")}
        )
    # A new invitation replaces an open one: the old link stops working, the new one is sent.
    group.invitations.filter(email__iexact=email, accepted_at__isnull=True).delete()
    invitation = GroupInvitation.objects.create(group=group, email=email, invited_by=actor)
    token = tokens.group_invitation_token(invitation_id=invitation.pk, email=email)
    email_after_commit(
        to=[email],
        template="emails/group_invitation",
        context={
            "group": group.name,
            "area": group.area.name,
            "inviter": actor.display_name,
            "url": _link(reverse("smederijen:group-invitation", args=[token])),
            "days": tokens.GROUP_INVITATION_MAX_AGE.days,
        },
    )
    return invitation


def group_invitation_from_token(token: str) -> GroupInvitation:
    """The open invitation a link points to. Raises TokenExpired or TokenInvalid."""
    link = tokens.read_group_invitation_token(token)
    invitation = (
        GroupInvitation.objects.select_related("group__area", "invited_by")
        .filter(pk=link.invitation_id, email__iexact=link.email, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        # Accepted already, or replaced by a newer invitation.
        raise tokens.TokenInvalid
    return invitation


@audited
@transaction.atomic
def group_invitation_accept(*, actor: User, token: str) -> GroupMembership:
    """Join the group of the invitation: any account may use the link, if it lives in the area."""
    invitation = group_invitation_from_token(token)
    invitation = GroupInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise tokens.TokenInvalid
    group = invitation.group
    if not actor.is_authenticated or actor.home_area_id != group.area_id:
        raise PermissionDenied(
            _("Only residents of %(area)s can join this group.") % {"area": group.area.name}
        )
    if group.memberships.filter(user=actor).exists():
        raise ValidationError(_("You are in this group already."), code="member")
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return GroupMembership.objects.create(group=group, user=actor)
