"""The shapes of the areas: CBS buurten in, SVG paths out, computed once when areas change.

Pages never do geometry. `buurten_load` stores the buurten of the CBS Wijk- en
Buurtkaart (RD New metres, so a map is drawn by scaling alone), and
`area_outlines_compute` turns them into SVG path data in one fixed frame: each
area's outline (the union of its buurten) on the area, the frame and the buurten
that lie in no area on the municipality. `seed`, `import_areas` and the admin call
these; a page only prints the stored paths (smederijen/areas/selectors.py).
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import MultiPolygon, Polygon, shape

from .models import BUURT_CODE_PATTERN, Area, Buurt, Municipality

GEO_BUURTEN = Path(__file__).resolve().parent / "data" / "geo" / "hoogeveen_buurten_rd.geojson"

# One map unit is this many metres: Hoogeveen (about 15 by 16 km) becomes about 770 by 810
# units, so every coordinate is a whole number of at most three digits.
METRES_PER_UNIT = 20
# Douglas-Peucker tolerance in metres for the shared simplification of all buurten: the
# generalised CBS layer has a few points too many for a schematic map, not more.
SIMPLIFY_METRES = 60
FRAME_MARGIN_UNITS = 4
# A name is printed inside an area only where its box fits (the dorpen, not the small
# wijken of the town). The map prints names 18 units high in a bold sans-serif: a
# character is about 11 units wide, a line 20 units high. Candidates every 4 units.
LABEL_CHAR_WIDTH = 11
LABEL_LINE_HEIGHT = 20
LABEL_GRID = 4


@dataclass(frozen=True)
class BuurtFeature:
    code: str
    name: str
    wijk_code: str
    wijk_name: str
    municipality_code: str
    municipality_name: str
    geometry: dict


def buurt_features_from_geojson(path: Path = GEO_BUURTEN) -> list[BuurtFeature]:
    """Read the buurten of a GeoJSON file of the CBS Wijk- en Buurtkaart in RD New."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    crs = (data.get("crs") or {}).get("properties", {}).get("name", "")
    if not crs.endswith("28992"):
        raise ValidationError(_("The map of buurten must be in RD New (EPSG:28992)."))
    features = []
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        code = props.get("buurtcode", "")
        if not re.match(BUURT_CODE_PATTERN, code):
            raise ValidationError(_("Not a CBS buurt code: %(code)s.") % {"code": code})
        geometry = shape(feature["geometry"])
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or not geometry.is_valid:
            raise ValidationError(_("The shape of buurt %(code)s is not valid.") % {"code": code})
        features.append(
            BuurtFeature(
                code=code,
                name=props.get("buurtnaam", code),
                wijk_code=props.get("wijkcode", ""),
                wijk_name=props.get("wijknaam", ""),
                municipality_code=props.get("gemeentecode", ""),
                municipality_name=props.get("gemeentenaam", ""),
                geometry=feature["geometry"],
            )
        )
    return features


@transaction.atomic
def buurten_load(*, features: Iterable[BuurtFeature]) -> bool:
    """Make the stored buurten match the map; which area each lies in is left alone.

    Returns whether anything changed, so the caller knows to compute the outlines again.
    """
    changed = False
    municipalities: dict[str, Municipality] = {}
    for feature in features:
        municipality = municipalities.get(feature.municipality_code)
        if municipality is None:
            municipality, created = Municipality.objects.get_or_create(
                code=feature.municipality_code, defaults={"name": feature.municipality_name}
            )
            municipalities[feature.municipality_code] = municipality
            changed |= created
        values = {
            "name": feature.name,
            "wijk_code": feature.wijk_code,
            "wijk_name": feature.wijk_name,
            "geometry": feature.geometry,
            "municipality": municipality,
        }
        buurt = Buurt.objects.filter(code=feature.code).first()
        if buurt is None:
            Buurt.objects.create(code=feature.code, **values)
            changed = True
        elif any(getattr(buurt, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(buurt, name, value)
            buurt.save()
            changed = True
    return changed


@transaction.atomic
def area_outlines_compute() -> None:
    """Compute and store every outline of the map from the buurten and their areas.

    All buurten are simplified together as one coverage, so that two areas that share a
    border still share it exactly after simplification (no slivers, no overlaps). Every
    municipality's frame follows its buurten; an area takes the frame of its buurten.
    """
    for municipality in Municipality.objects.all():
        _municipality_outlines_compute(municipality)
    # An area whose buurten were all taken away keeps no stale outline.
    Area.objects.filter(buurten__isnull=True).exclude(outline_path="").update(
        outline_path="", label_x=None, label_y=None
    )


def _municipality_outlines_compute(municipality: Municipality) -> None:
    buurten = list(municipality.buurten.order_by("code"))
    if not buurten:
        return
    simplified = shapely.coverage_simplify(
        [shape(buurt.geometry) for buurt in buurten], SIMPLIFY_METRES
    )
    geometry_of = {
        buurt.code: geometry for buurt, geometry in zip(buurten, simplified, strict=True)
    }
    minx, miny, maxx, maxy = shapely.union_all(simplified).bounds
    origin = (
        minx - FRAME_MARGIN_UNITS * METRES_PER_UNIT,
        maxy + FRAME_MARGIN_UNITS * METRES_PER_UNIT,
    )
    width = round((maxx - minx) / METRES_PER_UNIT) + 2 * FRAME_MARGIN_UNITS
    height = round((maxy - miny) / METRES_PER_UNIT) + 2 * FRAME_MARGIN_UNITS

    by_area: dict[int, list] = {}
    rest = []
    for buurt in buurten:
        if buurt.area_id is None:
            rest.append(buurt)
        else:
            by_area.setdefault(buurt.area_id, []).append(geometry_of[buurt.code])

    for area in Area.objects.filter(pk__in=by_area):
        path = geometry_to_path(shapely.union_all(by_area[area.pk]), origin)
        label_x, label_y = label_point(path, area.name)
        new = (path, municipality.pk, label_x, label_y)
        if (area.outline_path, area.municipality_id, area.label_x, area.label_y) != new:
            area.outline_path, area.municipality = path, municipality
            area.label_x, area.label_y = label_x, label_y
            area.save(update_fields=["outline_path", "municipality", "label_x", "label_y"])

    municipality.map_view_box = f"0 0 {width} {height}"
    # Each buurt in no area is its own subpath, so the map shows where one ends.
    municipality.rest_path = " ".join(geometry_to_path(geometry_of[b.code], origin) for b in rest)
    municipality.rest_names = [buurt.name for buurt in rest]
    municipality.save(update_fields=["map_view_box", "rest_path", "rest_names"])
    # Areas without a buurt of their own still belong to the map's frame.
    Area.objects.filter(municipality__isnull=True).update(municipality=municipality)


def geometry_to_path(geometry, origin: tuple[float, float]) -> str:
    """SVG path data of a (multi)polygon: whole map units, y downwards, every ring closed."""
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    parts = []
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            points = []
            for x, y in list(ring.coords)[:-1]:
                point = (
                    round((x - origin[0]) / METRES_PER_UNIT),
                    round((origin[1] - y) / METRES_PER_UNIT),
                )
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 3:
                head, *tail = points
                parts.append(f"M{head[0]} {head[1]}L" + " ".join(f"{x} {y}" for x, y in tail) + "Z")
    return "".join(parts)


def label_lines(name: str, longest: int = 12) -> tuple[str, ...]:
    """A long name in two lines, broken at the space nearest its middle."""
    if len(name) <= longest or " " not in name:
        return (name,)
    spaces = [i for i, char in enumerate(name) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return (name[:cut], name[cut + 1 :])


def label_point(path: str, name: str) -> tuple[int | None, int | None]:
    """Where the name fits inside the largest part of the outline, as far from its border
    as can be; (None, None) when it fits nowhere (the small wijken of the town)."""
    geometry = path_to_geometry(path)
    if geometry.is_empty:
        return None, None
    parts = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    largest = max(parts, key=lambda part: part.area)
    lines = label_lines(name)
    half_width = max(len(line) for line in lines) * LABEL_CHAR_WIDTH / 2
    half_height = len(lines) * LABEL_LINE_HEIGHT / 2
    minx, miny, maxx, maxy = largest.bounds
    candidates = shapely.points(
        [
            (x, y)
            for x in range(int(minx), int(maxx) + 1, LABEL_GRID)
            for y in range(int(miny), int(maxy) + 1, LABEL_GRID)
        ]
    )
    boxes = shapely.box(
        shapely.get_x(candidates) - half_width,
        shapely.get_y(candidates) - half_height,
        shapely.get_x(candidates) + half_width,
        shapely.get_y(candidates) + half_height,
    )
    fits = shapely.contains(largest, boxes)
    if not fits.any():
        return None, None
    inside = candidates[fits]
    best = inside[shapely.distance(largest.exterior, inside).argmax()]
    return round(shapely.get_x(best)), round(shapely.get_y(best))


def path_to_geometry(path: str):
    """The (multi)polygon that `geometry_to_path` wrote, in map units (for checks and tests)."""
    rings = []
    for part in re.findall(r"M([^Z]*)Z", path):
        numbers = [int(n) for n in re.findall(r"-?\d+", part)]
        rings.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    # A ring inside an earlier one is a hole of it (evenodd, as the map fills them).
    geometry = Polygon()
    for ring in rings:
        geometry = geometry.symmetric_difference(Polygon(ring))
    return geometry


@transaction.atomic
def area_buurten_set(*, area: Area, buurten: Iterable[Buurt]) -> bool:
    """Make these the buurten of the area (a buurt leaves its former area) and redraw.

    The admin's correction of an area's shape; returns whether anything changed.
    """
    wanted = {buurt.pk for buurt in buurten}
    current = set(area.buurten.values_list("pk", flat=True))
    if wanted == current:
        return False
    area.buurten.exclude(pk__in=wanted).update(area=None)
    Buurt.objects.filter(pk__in=wanted).update(area=area)
    area_outlines_compute()
    return True
