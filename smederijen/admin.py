"""The admin of people, partners, wijkteams, Smederijen and the roles they hold.

Made for the functional administrator of the municipality, not a developer:
every list shows the columns that answer a question ("who is in the
initiatiefgroep of Krakeel?"), filters on what they sort by, and loads a fixed
number of queries however long it is (related rows joined, counts annotated).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .forms_admin import UserAdminChangeForm, UserAdminCreationForm
from .models import (
    GebiedsregisseurAssignment,
    InitiatiefgroepMembership,
    Organisation,
    Smederij,
    StuurgroepMembership,
    User,
    Wijkteam,
    WijkteamMembership,
)

# --- inlines ---------------------------------------------------------------


class InitiatiefgroepMembershipInline(admin.TabularInline):
    model = InitiatiefgroepMembership
    extra = 0
    autocomplete_fields = ("user", "smederij")
    readonly_fields = ("joined_at",)
    verbose_name = _("initiatiefgroep member")
    verbose_name_plural = _("initiatiefgroep members")


class WijkteamMembershipInline(admin.TabularInline):
    model = WijkteamMembership
    extra = 0
    autocomplete_fields = ("user", "wijkteam", "organisation")


class GebiedsregisseurAssignmentInline(admin.TabularInline):
    model = GebiedsregisseurAssignment
    extra = 0
    autocomplete_fields = ("user", "wijkteam")


class StuurgroepMembershipInline(admin.StackedInline):
    model = StuurgroepMembership
    extra = 0
    max_num = 1
    autocomplete_fields = ("organisation",)


# --- users -----------------------------------------------------------------


class RoleFilter(admin.SimpleListFilter):
    """The roles of DESIGN.md are membership rows; this filter reads them for the list."""

    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return (
            ("resident", _("resident")),
            ("initiatiefgroep", _("initiatiefgroep member")),
            ("professional", _("wijkteam member")),
            ("gebiedsregisseur", _("gebiedsregisseur")),
            ("stuurgroep", _("stuurgroep member")),
        )

    def queryset(self, request, queryset):
        user = OuterRef("pk")
        conditions = {
            "resident": lambda qs: qs.filter(home_area__isnull=False),
            "initiatiefgroep": lambda qs: qs.filter(
                Exists(InitiatiefgroepMembership.objects.filter(user=user))
            ),
            "professional": lambda qs: qs.filter(
                Exists(WijkteamMembership.objects.filter(user=user))
            ),
            "gebiedsregisseur": lambda qs: qs.filter(
                Exists(GebiedsregisseurAssignment.objects.filter(user=user))
            ),
            "stuurgroep": lambda qs: qs.filter(
                Exists(StuurgroepMembership.objects.filter(user=user))
            ),
        }
        condition = conditions.get(self.value())
        return condition(queryset) if condition else queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("display_name", "home_area", "email_verified_at")}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "display_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = (
        "email",
        "display_name",
        "home_area",
        "email_verified",
        "is_active",
        "is_staff",
        "date_joined",
    )
    list_filter = (RoleFilter, "is_staff", "is_superuser", "is_active", "groups", "home_area")
    list_select_related = ("home_area",)
    search_fields = ("email", "display_name")
    ordering = ("display_name", "email")
    autocomplete_fields = ("home_area",)
    readonly_fields = ("last_login", "date_joined")
    inlines = (
        InitiatiefgroepMembershipInline,
        WijkteamMembershipInline,
        GebiedsregisseurAssignmentInline,
        StuurgroepMembershipInline,
    )

    @admin.display(description=_("email verified"), boolean=True, ordering="email_verified_at")
    def email_verified(self, obj):
        return obj.email_verified_at is not None

    def get_inline_instances(self, request, obj=None):
        # The roles are given once the account exists, as in Django's own two-step add.
        if obj is None:
            return []
        return super().get_inline_instances(request, obj)


# --- organisations and teams -----------------------------------------------


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "is_partner", "wijkteam_member_count")
    list_filter = ("kind", "is_partner")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(wijkteam_member_count=Count("wijkteam_memberships"))
        )

    @admin.display(description=_("wijkteam members"), ordering="wijkteam_member_count")
    def wijkteam_member_count(self, obj):
        return obj.wijkteam_member_count


@admin.register(Wijkteam)
class WijkteamAdmin(admin.ModelAdmin):
    list_display = ("name", "smederij_count", "member_count", "gebiedsregisseur_count")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("smederij_names",)
    fields = ("name", "slug", "smederij_names")
    inlines = (WijkteamMembershipInline, GebiedsregisseurAssignmentInline)

    def get_queryset(self, request):
        # Three counts over three joins: distinct keeps them from multiplying each other.
        return (
            super()
            .get_queryset(request)
            .annotate(
                smederij_count=Count("smederijen", distinct=True),
                member_count=Count("memberships", distinct=True),
                gebiedsregisseur_count=Count("gebiedsregisseur_assignments", distinct=True),
            )
        )

    @admin.display(description=_("Smederijen"), ordering="smederij_count")
    def smederij_count(self, obj):
        return obj.smederij_count

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    @admin.display(description=_("gebiedsregisseurs"), ordering="gebiedsregisseur_count")
    def gebiedsregisseur_count(self, obj):
        return obj.gebiedsregisseur_count

    @admin.display(description=_("Smederijen covered"))
    def smederij_names(self, obj):
        if obj.pk is None:
            return "–"
        return ", ".join(obj.smederijen.values_list("name", flat=True)) or "–"


# --- Smederijen ------------------------------------------------------------


@admin.register(Smederij)
class SmederijAdmin(admin.ModelAdmin):
    list_display = ("name", "area_kind", "wijkteam", "is_active", "initiatiefgroep_count")
    list_filter = ("is_active", "area__kind", "wijkteam")
    list_select_related = ("area", "wijkteam")
    search_fields = ("name", "area__name")
    autocomplete_fields = ("area", "wijkteam")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "area", "wijkteam", "is_active")
    inlines = (InitiatiefgroepMembershipInline,)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(initiatiefgroep_count=Count("initiatiefgroep_memberships"))
        )

    @admin.display(description=_("wijk or dorp"), ordering="area__kind")
    def area_kind(self, obj):
        return obj.area.get_kind_display()

    @admin.display(description=_("initiatiefgroep members"), ordering="initiatiefgroep_count")
    def initiatiefgroep_count(self, obj):
        return obj.initiatiefgroep_count


# --- memberships (also editable inline above, listed here to search across all) ---


@admin.register(InitiatiefgroepMembership)
class InitiatiefgroepMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "user_email", "smederij", "joined_at")
    list_filter = ("smederij__wijkteam", "smederij")
    list_select_related = ("user", "smederij")
    search_fields = ("user__display_name", "user__email", "smederij__name")
    autocomplete_fields = ("user", "smederij")
    readonly_fields = ("joined_at",)
    date_hierarchy = "joined_at"

    @admin.display(description=_("email address"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email


@admin.register(WijkteamMembership)
class WijkteamMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "user_email", "wijkteam", "organisation", "function", "kernteam")
    list_filter = ("wijkteam", "organisation", "function")
    list_select_related = ("user", "wijkteam", "organisation")
    search_fields = ("user__display_name", "user__email", "wijkteam__name", "organisation__name")
    autocomplete_fields = ("user", "wijkteam", "organisation")

    @admin.display(description=_("email address"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email

    @admin.display(description=_("kernteam"), boolean=True)
    def kernteam(self, obj):
        return obj.is_kernteam


@admin.register(GebiedsregisseurAssignment)
class GebiedsregisseurAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "user_email", "wijkteam")
    list_filter = ("wijkteam",)
    list_select_related = ("user", "wijkteam")
    search_fields = ("user__display_name", "user__email", "wijkteam__name")
    autocomplete_fields = ("user", "wijkteam")

    @admin.display(description=_("email address"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email


@admin.register(StuurgroepMembership)
class StuurgroepMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "user_email", "seat", "organisation", "is_chair")
    list_filter = ("seat", "organisation", "is_chair")
    list_select_related = ("user", "organisation")
    search_fields = ("user__display_name", "user__email", "organisation__name")
    autocomplete_fields = ("user", "organisation")

    @admin.display(description=_("email address"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email
