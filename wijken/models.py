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
