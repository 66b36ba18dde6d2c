from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

PC4_PATTERN = r"^[1-9][0-9]{3}$"


class AreaKind(models.TextChoices):
    WIJK = "wijk", _("wijk")
    DORP = "dorp", _("dorp")


class AreaQuerySet(models.QuerySet):
    def wijken(self):
        return self.filter(kind=AreaKind.WIJK)

    def dorpen(self):
        return self.filter(kind=AreaKind.DORP)

    def for_postcode(self, postcode: str):
        """The areas a (full or four-digit) Dutch postcode lies in; several when borders cross."""
        return self.filter(postcodes__code=postcode.replace(" ", "")[:4])


class Municipality(models.Model):
    """The gemeente the areas lie in, as the frame of the map of its areas.

    The map's frame (its viewBox) and the buurten that lie in no area are stored here, so
    that a page gets the whole map with the areas in one query (Area.municipality) and
    does no geometry: wijken/shapes.py computes all of it when the areas are imported.
    """

    code = models.CharField(_("CBS code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)
    map_view_box = models.CharField(_("map frame"), max_length=40, blank=True)
    rest_path = models.TextField(
        _("buurten in no area (SVG path)"),
        blank=True,
        help_text=_("Computed when the areas are imported; not edited by hand."),
    )
    rest_names = models.JSONField(_("buurten in no area"), default=list, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Area(models.Model):
    """A wijk of the town or a dorp of the municipality: the ground a Smederij stands on."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=4, choices=AreaKind.choices)
    inhabitants = models.PositiveIntegerField(
        _("inhabitants"),
        help_text=_("Approximate number of inhabitants; divides the korte klap pot."),
    )
    cbs_code = models.CharField(
        _("CBS code"),
        max_length=10,
        blank=True,
        help_text=_("The code of the wijk or buurt at Statistics Netherlands, if known."),
    )

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="areas",
        verbose_name=_("municipality"),
    )
    outline_path = models.TextField(
        _("outline (SVG path)"),
        blank=True,
        help_text=_(
            "The union of the area's CBS buurten, computed when the areas are imported or "
            "its buurten are changed; not edited by hand."
        ),
    )
    # Where the map prints the area's name, in map units; empty when the area is too
    # narrow for a readable name (the town's wijken: their names are in the list).
    label_x = models.PositiveSmallIntegerField(_("label position x"), null=True, blank=True)
    label_y = models.PositiveSmallIntegerField(_("label position y"), null=True, blank=True)
    no_outline_reason = models.CharField(
        _("why there is no outline"),
        max_length=300,
        blank=True,
        help_text=_(
            "For an area without a CBS buurt of its own: where it lies. Shown beside the map."
        ),
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="wijken_area_name_unique_ci"),
            models.UniqueConstraint(
                fields=["cbs_code"],
                condition=~models.Q(cbs_code=""),
                name="wijken_area_cbs_code_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=AreaKind.values), name="wijken_area_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name


BUURT_CODE_PATTERN = r"^BU[0-9]{8}$"
WIJK_CODE_PATTERN = r"^WK[0-9]{6}$"


class Buurt(models.Model):
    """A buurt of the CBS Wijk- en Buurtkaart: the building block of the areas' outlines.

    A buurt lies in at most one area (the foreign key says so), so the outlines of the
    areas, each the union of its buurten, cannot overlap.
    """

    code = models.CharField(
        _("CBS buurt code"),
        max_length=10,
        unique=True,
        validators=[RegexValidator(BUURT_CODE_PATTERN, _("Enter a code like BU01185000."))],
    )
    name = models.CharField(_("name"), max_length=100)
    wijk_code = models.CharField(_("CBS wijk code"), max_length=8)
    wijk_name = models.CharField(_("CBS wijk"), max_length=100)
    geometry = models.JSONField(
        _("geometry"), help_text=_("GeoJSON geometry in RD New (EPSG:28992), in metres.")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="buurten",
        verbose_name=_("municipality"),
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buurten",
        # Not "area": that msgid reads "buurt" in Dutch, which a buurt's own field cannot say.
        verbose_name=_("area of a Smederij"),
    )

    class Meta:
        verbose_name = _("CBS buurt")
        verbose_name_plural = _("CBS buurten")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=BUURT_CODE_PATTERN), name="wijken_buurt_code_format"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Postcode(models.Model):
    """A four-digit postcode (PC4). One code may lie in several areas of the town."""

    code = models.CharField(
        _("postcode (4 digits)"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(PC4_PATTERN, _("Enter four digits, for example 7901."))],
    )
    areas = models.ManyToManyField(Area, related_name="postcodes", verbose_name=_("areas"))

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=PC4_PATTERN), name="wijken_postcode_pc4_format"
            ),
        ]

    def __str__(self):
        return self.code
