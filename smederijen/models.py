"""The people and teams of the Smederijen, and the roles they hold.

A role is never a flag on the user: it is a membership row that says of what
(a Smederij's initiatiefgroep, a wijkteam, the stuurgroep), so that every
permission can be checked against the object it concerns.
"""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .managers import UserManager


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone with an account. Only what the work needs: a login, a name to show, a home area."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        help_text=_("The name others see next to your proposals and comments."),
    )
    home_area = models.ForeignKey(
        "wijken.Area",
        verbose_name=_("home area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
    )
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    # When the last verification link left: a resend is refused within five minutes.
    # A column, not a cache entry, so the limit holds across web processes.
    verification_email_sent_at = models.DateTimeField(
        _("verification email sent at"), null=True, blank=True, editable=False
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can log in to the admin (functional administrators)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="smederijen_user_email_unique_ci"),
        ]

    def __str__(self):
        return self.display_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def is_email_verified(self) -> bool:
        return self.email_verified_at is not None


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("municipality")
    HOUSING = "woningcorporatie", _("housing corporation")
    WELFARE = "welzijn", _("welfare organisation")
    POLICE = "politie", _("police")
    OTHER = "anders", _("other")


class Organisation(models.Model):
    """A partner organisation of the Smederijen. Partners change over the years: data, not code."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    is_partner = models.BooleanField(
        _("partner"), default=True, help_text=_("Takes part in the stuurgroep and the wijkteams.")
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="smederijen_organisation_name_unique_ci"),
        ]

    def __str__(self):
        return self.name


class Wijkteam(models.Model):
    """The professionals who advise the Smederijen of a part of Hoogeveen."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("wijkteam")
        verbose_name_plural = _("wijkteams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="smederijen_wijkteam_name_unique_ci"),
        ]

    def __str__(self):
        return self.name


class SmederijQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def covered_by(self, wijkteams):
        return self.filter(wijkteam__in=wijkteams)


class Smederij(models.Model):
    """Resident participation in one area: its initiatiefgroep, its proposals, its budget."""

    area = models.OneToOneField(
        "wijken.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="smederij"
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    wijkteam = models.ForeignKey(
        Wijkteam, verbose_name=_("wijkteam"), on_delete=models.PROTECT, related_name="smederijen"
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = SmederijQuerySet.as_manager()

    class Meta:
        verbose_name = _("Smederij")
        verbose_name_plural = _("Smederijen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="smederijen_smederij_name_unique_ci"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("smederijen:smederij-detail", kwargs={"slug": self.slug})


class InitiatiefgroepMembership(models.Model):
    """A resident in the initiatiefgroep of a Smederij: may assess and vote on its applications."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="initiatiefgroep_memberships",
    )
    smederij = models.ForeignKey(
        Smederij,
        verbose_name=_("Smederij"),
        on_delete=models.CASCADE,
        related_name="initiatiefgroep_memberships",
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("initiatiefgroep member")
        verbose_name_plural = _("initiatiefgroep members")
        ordering = ["smederij__name", "user__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "smederij"], name="smederijen_initiatiefgroep_one_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.smederij}"


class ProfessionalFunction(models.TextChoices):
    OPBOUWWERKER = "opbouwwerker", _("opbouwwerker (community worker)")
    WIJKBEHEERDER = "wijkbeheerder", _("wijkbeheerder (neighbourhood manager)")
    WIJKAGENT = "wijkagent", _("wijkagent (community police officer)")
    WONINGCONSULENT = "woningconsulent", _("woningconsulent (housing consultant)")


# The kernteam is the first contact of a wijkteam; woningconsulenten join it.
KERNTEAM_FUNCTIONS = (
    ProfessionalFunction.OPBOUWWERKER,
    ProfessionalFunction.WIJKBEHEERDER,
    ProfessionalFunction.WIJKAGENT,
)


class WijkteamMembership(models.Model):
    """A professional of a partner organisation in a wijkteam, with a function."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="wijkteam_memberships",
    )
    wijkteam = models.ForeignKey(
        Wijkteam, verbose_name=_("wijkteam"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="wijkteam_memberships",
    )
    function = models.CharField(_("function"), max_length=20, choices=ProfessionalFunction.choices)

    class Meta:
        verbose_name = _("wijkteam member")
        verbose_name_plural = _("wijkteam members")
        ordering = ["wijkteam__name", "function", "user__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "wijkteam"], name="smederijen_wijkteam_one_membership_per_user"
            ),
            models.CheckConstraint(
                condition=models.Q(function__in=ProfessionalFunction.values),
                name="smederijen_wijkteammembership_function_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.wijkteam} ({self.get_function_display()})"

    @property
    def is_kernteam(self) -> bool:
        return self.function in KERNTEAM_FUNCTIONS


class GebiedsregisseurAssignment(models.Model):
    """A gebiedsregisseur coordinates the Smederijen of one or more wijkteams."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="gebiedsregisseur_assignments",
    )
    wijkteam = models.ForeignKey(
        Wijkteam,
        verbose_name=_("wijkteam"),
        on_delete=models.CASCADE,
        related_name="gebiedsregisseur_assignments",
    )

    class Meta:
        verbose_name = _("gebiedsregisseur")
        verbose_name_plural = _("gebiedsregisseurs")
        ordering = ["wijkteam__name", "user__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "wijkteam"], name="smederijen_gebiedsregisseur_one_per_wijkteam"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.wijkteam}"


class StuurgroepSeat(models.TextChoices):
    PARTNER = "partner", _("partner staff")
    RESIDENT = "bewoner", _("resident")


class StuurgroepMembership(models.Model):
    """A seat in the stuurgroep: staff of a partner organisation, or one of the resident members."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="stuurgroep_membership",
    )
    seat = models.CharField(_("seat"), max_length=10, choices=StuurgroepSeat.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stuurgroep_memberships",
        help_text=_("Required for partner staff; empty for resident members."),
    )
    is_chair = models.BooleanField(
        _("chair"), default=False, help_text=_("The alderman chairs the stuurgroep.")
    )

    class Meta:
        verbose_name = _("stuurgroep member")
        verbose_name_plural = _("stuurgroep members")
        ordering = ["seat", "user__display_name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(seat=StuurgroepSeat.PARTNER, organisation__isnull=False)
                    | models.Q(seat=StuurgroepSeat.RESIDENT, organisation__isnull=True)
                ),
                name="smederijen_stuurgroep_partner_has_organisation",
                violation_error_message=_(
                    "Partner staff belong to an organisation; resident members do not."
                ),
            ),
            models.UniqueConstraint(
                fields=["is_chair"],
                condition=models.Q(is_chair=True),
                name="smederijen_stuurgroep_one_chair",
                violation_error_message=_("The stuurgroep has one chair."),
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_seat_display()})"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class DecidableRequest(models.Model):
    """A request someone else decides on: who asked, when, and how it ended."""

    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        abstract = True


class InitiatiefgroepJoinRequest(DecidableRequest):
    """A resident asks to join their Smederij's initiatiefgroep.

    Anyone of the area may join; a member or the gebiedsregisseur accepts.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="initiatiefgroep_join_requests",
    )
    smederij = models.ForeignKey(
        Smederij,
        verbose_name=_("Smederij"),
        on_delete=models.CASCADE,
        related_name="initiatiefgroep_join_requests",
    )
    motivation = models.TextField(_("why you want to join"), blank=True)

    class Meta:
        verbose_name = _("request to join an initiatiefgroep")
        verbose_name_plural = _("requests to join an initiatiefgroep")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "smederij"],
                condition=models.Q(status=RequestStatus.PENDING),
                name="smederijen_one_pending_join_request",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.smederij}"


class AreaChangeRequest(DecidableRequest):
    """A resident moved (or chose wrongly): the gebiedsregisseur of the new area accepts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="area_change_requests",
    )
    from_area = models.ForeignKey(
        "wijken.Area",
        verbose_name=_("current area"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    to_area = models.ForeignKey(
        "wijken.Area", verbose_name=_("new area"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("request to change home area")
        verbose_name_plural = _("requests to change home area")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status=RequestStatus.PENDING),
                name="smederijen_one_pending_area_change",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.from_area} → {self.to_area}"


class GroupKind(models.TextChoices):
    BUURTVERENIGING = "buurtvereniging", _("neighbourhood association")
    SCHOOL = "school", _("school")
    CLUB = "club", _("club")
    DORPSHUIS = "dorpshuis", _("village hall or community centre")
    OTHER = "anders", _("other")


class Group(models.Model):
    """A group or organisation of an area that residents submit proposals for."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    area = models.ForeignKey(
        "wijken.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="groups"
    )
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "area", name="smederijen_group_name_unique_per_area"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("smederijen:group-detail", kwargs={"slug": self.slug})


class GroupMembership(models.Model):
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    is_contact = models.BooleanField(
        _("contact person"), default=False, help_text=_("May invite others.")
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "user__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"], name="smederijen_group_one_membership"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.group}"


class GroupInvitation(models.Model):
    """An invitation by email to join a group; accepted through a signed link."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("group invitation")
        verbose_name_plural = _("group invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "group",
                condition=models.Q(accepted_at__isnull=True),
                name="smederijen_group_one_open_invitation",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.group}"


class FormSubmission(models.Model):
    """One form that created something, and the page it led to (decision 0022).

    The key stands for one form instance: its hidden token, or (for a post without
    one) the user, the path and what was posted. A second post with the same key
    creates nothing and goes to `result_url`. The row lives until `expires_at`;
    a daily task deletes the rows of yesterday.
    """

    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    path = models.CharField(_("path"), max_length=500)
    result_url = models.CharField(_("result URL"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        indexes = [models.Index(fields=["expires_at"], name="smederijen_submission_expires")]

    def __str__(self):
        return f"{self.path} → {self.result_url}"


class OutboxMessageQuerySet(models.QuerySet):
    def pending(self):
        """Neither done nor given up: the relay still owes these."""
        return self.filter(sent_at__isnull=True, failed_at__isnull=True)


class OutboxMessage(models.Model):
    """Work a transaction decided on (a mail, a count), stored in that transaction (decision 0036).

    The row commits with the decision or not at all. After the commit it is handed to Celery;
    a task runs `handler` with `kwargs` and marks the row sent in the same transaction, so a
    row is done once. Whatever was not handed over (the broker was down) or not finished (a
    worker died) the relay hands over again once `relay_after` has passed.
    """

    handler = models.CharField(_("handler"), max_length=100)
    kwargs = models.JSONField(_("arguments"), default=dict)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    relay_after = models.DateTimeField(_("relay after"))
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            # The relay's question, every minute: what is pending and due? Only those rows.
            models.Index(
                fields=["relay_after"],
                name="smederijen_outbox_pending",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            ),
            models.Index(fields=["sent_at"], name="smederijen_outbox_sent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sent_at__isnull=True) | models.Q(failed_at__isnull=True),
                name="smederijen_outbox_sent_or_failed",
            )
        ]

    def __str__(self):
        return f"{self.handler} #{self.pk}"
