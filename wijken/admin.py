"""The admin of the areas (wijken and dorpen) and the postcodes that place residents in them."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils.translation import gettext_lazy as _

from .models import Area, Buurt, Postcode
from .shapes import area_buurten_set, area_outlines_compute


class BuurtChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        # Say where a buurt lies now, so that moving one to another area is a choice seen.
        where = obj.area.name if obj.area_id else _("in no area")
        return f"{obj} – {where}"


class AreaAdminForm(forms.ModelForm):
    """The area with the CBS buurten it is made of: the outline follows them on save."""

    buurten = BuurtChoiceField(
        label=_("CBS buurten"),
        queryset=Buurt.objects.select_related("area"),
        required=False,
        widget=FilteredSelectMultiple(_("CBS buurten"), is_stacked=False),
        help_text=_(
            "The buurten of the CBS map that make up this area; its outline on the map is "
            "their union. A buurt chosen here leaves the area it lay in before. An area "
            "without buurten needs a reason why it has no outline."
        ),
    )

    class Meta:
        model = Area
        fields = ("name", "slug", "kind", "inhabitants", "cbs_code", "no_outline_reason")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["buurten"].initial = list(self.instance.buurten.all())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("buurten") and not (cleaned.get("no_outline_reason") or "").strip():
            self.add_error(
                "no_outline_reason",
                _("Choose the buurten of the area, or say why it has no outline on the map."),
            )
        return cleaned


class AreaPostcodeInline(admin.TabularInline):
    """The postcodes of an area, edited on the area: the relation is declared on Postcode."""

    model = Postcode.areas.through
    extra = 0
    autocomplete_fields = ("postcode",)
    verbose_name = _("postcode")
    verbose_name_plural = _("postcodes")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "inhabitants", "postcode_list", "has_outline", "smederij")
    list_filter = ("kind",)
    search_fields = ("name", "cbs_code", "postcodes__code")
    prepopulated_fields = {"slug": ("name",)}
    form = AreaAdminForm
    fields = ("name", "slug", "kind", "inhabitants", "cbs_code", "buurten", "no_outline_reason")
    inlines = (AreaPostcodeInline,)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The outlines are drawn here, on the administrator's save, never when a page shows.
        redrawn = area_buurten_set(area=form.instance, buurten=form.cleaned_data["buurten"])
        if not redrawn and "name" in form.changed_data:
            area_outlines_compute()  # the name's place on the map depends on its length

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("smederij").prefetch_related("postcodes")
        )

    @admin.display(description=_("postcodes"))
    def postcode_list(self, obj):
        return ", ".join(postcode.code for postcode in obj.postcodes.all()) or "–"

    @admin.display(description=_("on the map"), boolean=True)
    def has_outline(self, obj):
        return bool(obj.outline_path)

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
