"""Loading the areas of the Smederijen, with their wijkteams and Smederijen (`seed`, `import_areas`).

The list of areas is data the municipality corrects. `areas_import` makes the
database match a list (the seed's, or the municipality's own CSV) and is safe
to run again: a second run with the same list changes nothing.

The optional columns `buurten` (CBS buurt codes BU…, or wijk codes WK… for all the
buurten of a CBS wijk) and `no_outline_reason` give an area its shape on the map; the
outlines are computed here, at import, by wijken/shapes.py. A file without the column
`buurten` leaves the shapes as they are.
"""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from smederijen.models import Smederij, Wijkteam
from wijken.models import (
    BUURT_CODE_PATTERN,
    PC4_PATTERN,
    WIJK_CODE_PATTERN,
    Area,
    AreaKind,
    Buurt,
    Postcode,
)
from wijken.shapes import area_outlines_compute, buurt_features_from_geojson, buurten_load

# The list is data of the areas (wijken/data); making Smederijen of it is smederijen's work,
# so that wijken depends on no other app of the project.
SEED_AREAS_CSV = Path(__file__).resolve().parents[2] / "wijken" / "data" / "areas.csv"
AREA_COLUMNS = ("name", "kind", "wijkteam", "inhabitants", "postcodes")
SHAPE_COLUMNS = ("buurten", "no_outline_reason")


@dataclass(frozen=True)
class AreaRow:
    name: str
    kind: str
    wijkteam: str
    inhabitants: int
    postcodes: tuple[str, ...]
    # None: the file has no such column, and the area's shape stays as it is.
    buurten: tuple[str, ...] | None = None
    no_outline_reason: str | None = None


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Areas left without an outline and without a word why: the command warns about them.
    without_outline: list[str] = field(default_factory=list)

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
    codes = [code for row in rows for code in row.buurten or ()]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        errors.append(
            _("Buurten given to more than one area: %(codes)s.") % {"codes": ", ".join(twice)}
        )
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
    buurten = None
    if "buurten" in record:
        buurten = tuple((record.get("buurten") or "").upper().split())
        wrong = [
            code
            for code in buurten
            if not (re.match(BUURT_CODE_PATTERN, code) or re.match(WIJK_CODE_PATTERN, code))
        ]
        if wrong:
            raise ValidationError(
                _("these are not CBS buurt or wijk codes (BU01185000, WK011852): %(codes)s.")
                % {"codes": ", ".join(wrong)}
            )
    # A short row gives None for the columns it lacks: an empty value, not a crash.
    reason = (
        (record.get("no_outline_reason") or "").strip() if "no_outline_reason" in record else None
    )
    return AreaRow(name, kind, wijkteam, inhabitants, postcodes, buurten, reason)


@transaction.atomic
def areas_import(*, rows: Iterable[AreaRow]) -> ImportReport:
    """Make the areas, their postcodes, wijkteams and Smederijen match `rows`.

    Areas are matched by name (case-insensitive). An area not in the list is
    left alone: proposals and money may hang on it, so removing one is a
    decision for the administrator, not for an import.
    """
    report = ImportReport()
    # The buurten come from the project's copy of the CBS map; loading it again changes
    # nothing, so an import on a fresh database draws the map as well.
    shapes_changed = buurten_load(features=buurt_features_from_geojson())
    claimed: dict[str, str] = {}
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
        shape_changed = _set_shape(area, row, claimed)
        shapes_changed |= shape_changed
        if row.name not in report.created:
            (report.updated if changed or shape_changed else report.unchanged).append(row.name)
    if shapes_changed:
        area_outlines_compute()
    report.without_outline = list(
        Area.objects.filter(buurten__isnull=True, no_outline_reason="").values_list(
            "name", flat=True
        )
    )
    return report


def _set_shape(area: Area, row: AreaRow, claimed: dict[str, str]) -> bool:
    """Give the area the buurten and the reason of the row; True when that changed anything."""
    changed = False
    if row.no_outline_reason is not None and area.no_outline_reason != row.no_outline_reason:
        area.no_outline_reason = row.no_outline_reason
        area.save(update_fields=["no_outline_reason"])
        changed = True
    if row.buurten is None:
        return changed
    buurt_codes = {code for code in row.buurten if code.startswith("BU")}
    wijk_codes = {code for code in row.buurten if code.startswith("WK")}
    wanted = Buurt.objects.filter(
        models.Q(code__in=buurt_codes) | models.Q(wijk_code__in=wijk_codes)
    )
    found = set(wanted.values_list("code", "wijk_code"))
    unknown = (buurt_codes - {code for code, _wijk in found}) | (
        wijk_codes - {wijk for _code, wijk in found}
    )
    if unknown:
        raise ValidationError(
            _("%(area)s: the CBS map has no buurt or wijk %(codes)s.")
            % {"area": area.name, "codes": ", ".join(sorted(unknown))}
        )
    wanted_codes = {code for code, _wijk in found}
    # A buurt may lie in one area only: a wijk code and a buurt code of two rows can
    # name the same buurt, which the check of the file cannot see.
    taken = sorted(code for code in wanted_codes if code in claimed)
    if taken:
        raise ValidationError(
            _("%(area)s: buurten %(codes)s are given to %(other)s as well.")
            % {"area": area.name, "codes": ", ".join(taken), "other": claimed[taken[0]]}
        )
    claimed.update(dict.fromkeys(wanted_codes, area.name))
    current = set(area.buurten.values_list("code", flat=True))
    if wanted_codes == current:
        return changed
    area.buurten.exclude(code__in=wanted_codes).update(area=None)
    Buurt.objects.filter(code__in=wanted_codes).update(area=area)
    return True


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
