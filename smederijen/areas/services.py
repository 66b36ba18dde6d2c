"""Loading the areas of the Smederijen, with their wijkteams and Smederijen (`seed`, `import_areas`).

The list of areas is data the municipality corrects. `areas_import` makes the
database match a list (the seed's, or the municipality's own CSV) and is safe
to run again: a second run with the same list changes nothing.
"""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from smederijen.models import Smederij, Wijkteam
from wijken.models import PC4_PATTERN, Area, AreaKind, Postcode

# The list is data of the areas (wijken/data); making Smederijen of it is smederijen's work,
# so that wijken depends on no other app of the project.
SEED_AREAS_CSV = Path(__file__).resolve().parents[2] / "wijken" / "data" / "areas.csv"
AREA_COLUMNS = ("name", "kind", "wijkteam", "inhabitants", "postcodes")


@dataclass(frozen=True)
class AreaRow:
    name: str
    kind: str
    wijkteam: str
    inhabitants: int
    postcodes: tuple[str, ...]


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def area_rows_from_csv(path: Path) -> list[AreaRow]:
    """Read and check an areas CSV; every problem is reported with its line number."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = set(AREA_COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise ValidationError(
                _("The file lacks the columns: %(columns)s.")
                % {"columns": ", ".join(sorted(missing))}
            )
        rows, errors = [], []
        for line, record in enumerate(reader, start=2):
            try:
                rows.append(_parse_area_row(record))
            except ValidationError as error:
                errors.append(
                    _("Line %(line)d: %(error)s")
                    % {"line": line, "error": " ".join(error.messages)}
                )
    names = [row.name.lower() for row in rows]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        errors.append(_("Areas named twice: %(names)s.") % {"names": ", ".join(duplicates)})
    if errors:
        raise ValidationError(errors)
    return rows


def _parse_area_row(record: dict) -> AreaRow:
    name = (record.get("name") or "").strip()
    kind = (record.get("kind") or "").strip().lower()
    wijkteam = (record.get("wijkteam") or "").strip()
    if not name:
        raise ValidationError(_("the name is empty."))
    if kind not in AreaKind.values:
        raise ValidationError(_("kind must be 'wijk' or 'dorp', not '%(kind)s'.") % {"kind": kind})
    if not wijkteam:
        raise ValidationError(_("the wijkteam is empty."))
    try:
        inhabitants = int((record.get("inhabitants") or "").strip())
    except ValueError:
        raise ValidationError(_("the number of inhabitants is not a whole number.")) from None
    if inhabitants < 0:
        raise ValidationError(_("the number of inhabitants cannot be negative."))
    postcodes = tuple((record.get("postcodes") or "").split())
    bad = [code for code in postcodes if not re.match(PC4_PATTERN, code)]
    if bad:
        raise ValidationError(
            _("these are not four-digit postcodes: %(codes)s.") % {"codes": ", ".join(bad)}
        )
    return AreaRow(name, kind, wijkteam, inhabitants, postcodes)


@transaction.atomic
def areas_import(*, rows: Iterable[AreaRow]) -> ImportReport:
    """Make the areas, their postcodes, wijkteams and Smederijen match `rows`.

    Areas are matched by name (case-insensitive). An area not in the list is
    left alone: proposals and money may hang on it, so removing one is a
    decision for the administrator, not for an import.
    """
    report = ImportReport()
    for row in rows:
        wijkteam, _created = Wijkteam.objects.get_or_create(
            name__iexact=row.wijkteam,
            defaults={"name": row.wijkteam, "slug": _unique_slug(Wijkteam, row.wijkteam)},
        )
        area = Area.objects.filter(name__iexact=row.name).first()
        if area is None:
            area = Area.objects.create(
                name=row.name,
                slug=_unique_slug(Area, row.name),
                kind=row.kind,
                inhabitants=row.inhabitants,
            )
            report.created.append(row.name)
            changed = True
        else:
            changed = (area.kind, area.inhabitants) != (row.kind, row.inhabitants)
            if changed:
                area.kind, area.inhabitants = row.kind, row.inhabitants
                area.save(update_fields=["kind", "inhabitants"])
        changed |= _set_postcodes(area, row.postcodes)
        changed |= _ensure_smederij(area, wijkteam)
        if row.name not in report.created:
            (report.updated if changed else report.unchanged).append(row.name)
    return report


def _set_postcodes(area: Area, codes: tuple[str, ...]) -> bool:
    wanted = set(codes)
    current = set(area.postcodes.values_list("code", flat=True))
    if wanted == current:
        return False
    postcodes = [Postcode.objects.get_or_create(code=code)[0] for code in sorted(wanted)]
    area.postcodes.set(postcodes)
    return True


def _ensure_smederij(area: Area, wijkteam: Wijkteam) -> bool:
    smederij = Smederij.objects.filter(area=area).first()
    if smederij is None:
        Smederij.objects.create(
            area=area, name=area.name, slug=_unique_slug(Smederij, area.name), wijkteam=wijkteam
        )
        return True
    if smederij.wijkteam_id != wijkteam.pk:
        smederij.wijkteam = wijkteam
        smederij.save(update_fields=["wijkteam"])
        return True
    return False


def _unique_slug(model, name: str) -> str:
    base = slugify(name) or "gebied"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
