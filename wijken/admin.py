"""The admin of the areas (wijken and dorpen) and the postcodes that place residents in them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Area, Postcode


class AreaPostcodeInline(admin.TabularInline):
    """The postcodes of an area, edited on the area: the relation is declared on Postcode."""

    model = Postcode.areas.through
    extra = 0
    autocomplete_fields = ("postcode",)
    verbose_name = _("postcode")
    verbose_name_plural = _("postcodes")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "inhabitants", "postcode_list", "smederij")
    list_filter = ("kind",)
    search_fields = ("name", "cbs_code", "postcodes__code")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "kind", "inhabitants", "cbs_code")
    inlines = (AreaPostcodeInline,)

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("smederij").prefetch_related("postcodes")
        )

    @admin.display(description=_("postcodes"))
    def postcode_list(self, obj):
        return ", ".join(postcode.code for postcode in obj.postcodes.all()) or "–"

    @admin.display(description=_("Smederij"), ordering="smederij__name")
    def smederij(self, obj):
        try:
            return obj.smederij
        except Area.smederij.RelatedObjectDoesNotExist:
            return "–"


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ("code", "area_list")
    list_filter = ("areas__kind",)
    search_fields = ("code", "areas__name")
    autocomplete_fields = ("areas",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("areas")

    @admin.display(description=_("areas"))
    def area_list(self, obj):
        return ", ".join(area.name for area in obj.areas.all()) or "–"
