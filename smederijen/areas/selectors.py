"""The map of the Smederijen: what templates/includes/area_map.html draws, from stored paths.

No geometry happens here: the outlines were computed at import (wijken/shapes.py).
`area_map` only sorts the Smederijen into what the map draws and what it lists beside
itself, so the same include serves the home page, a Smederij's page and, later, a
dashboard that shades each area by a value (`values`, with its `legend`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import QuerySet

from smederijen.models import Smederij
from smederijen.selectors import smederijen_public
from wijken.shapes import label_lines


@dataclass(frozen=True)
class MapArea:
    name: str
    url: str
    path: str
    # The accessible name: the area's name, on a choropleth with its value and step.
    label: str = ""
    highlighted: bool = False
    # A shade step 1..n of a choropleth (the legend says what it means); None: no value.
    shade: int | None = None
    # Where to print the name (None: too narrow), and the name in at most two lines.
    label_x: int | None = None
    label_y: int | None = None
    label_lines: tuple[tuple[str, str], ...] = ()  # (text, dy) of each line


@dataclass(frozen=True)
class UnmappedArea:
    name: str
    url: str
    reason: str
    highlighted: bool = False


@dataclass(frozen=True)
class AreaMap:
    view_box: str
    areas: list[MapArea]
    rest_path: str
    rest_names: list[str]
    unmapped: list[UnmappedArea]
    highlight: str = ""
    highlight_unmapped: UnmappedArea | None = None
    legend: list[tuple[int, str]] = field(default_factory=list)
    # What a choropleth shows (its SVG title); empty on the plain map.
    title: str = ""
    # "overview" (every Smederij, the home page) or "locator" (one Smederij marked, smaller).
    variant: str = "overview"


def smederijen_for_map() -> QuerySet[Smederij]:
    """The public Smederijen with their areas, outlines and the map's frame: one query."""
    return smederijen_public().select_related("area__municipality")


def area_map(
    smederijen: Iterable[Smederij],
    *,
    highlight: Smederij | None = None,
    values: Mapping[int, int] | None = None,
    legend: Iterable[tuple[int, str]] = (),
    names: Mapping[int, str] | None = None,
    title: str = "",
) -> AreaMap | None:
    """The map of these Smederijen, or None when no area has an outline yet.

    `highlight` marks one Smederij (its page); `values` gives a Smederij (by pk) a
    shade step for a choropleth, explained by `legend` as (step, label) pairs; `names`
    gives each area its accessible name (with its value, so the shade is never the only
    way to read it) and `title` says what the choropleth shows.
    """
    smederijen = list(smederijen)
    frame = next((s.area.municipality for s in smederijen if s.area.municipality is not None), None)
    if frame is None or not frame.map_view_box:
        return None
    values = values or {}
    names = names or {}
    highlight_pk = highlight.pk if highlight is not None else None
    areas, unmapped = [], []
    for smederij in smederijen:
        is_highlighted = smederij.pk == highlight_pk
        if smederij.area.outline_path:
            areas.append(
                MapArea(
                    name=smederij.name,
                    url=smederij.get_absolute_url(),
                    path=smederij.area.outline_path,
                    label=names.get(smederij.pk, smederij.name),
                    highlighted=is_highlighted,
                    shade=values.get(smederij.pk),
                    label_x=smederij.area.label_x,
                    label_y=smederij.area.label_y,
                    label_lines=_label_lines(smederij.name),
                )
            )
        else:
            unmapped.append(
                UnmappedArea(
                    name=smederij.name,
                    url=smederij.get_absolute_url(),
                    reason=smederij.area.no_outline_reason,
                    highlighted=is_highlighted,
                )
            )
    highlighted = next((a for a in areas if a.highlighted), None)
    return AreaMap(
        view_box=frame.map_view_box,
        # The highlighted area is drawn last: SVG paints in order, so its border stays whole.
        areas=sorted(areas, key=lambda a: a.highlighted),
        rest_path=frame.rest_path,
        rest_names=list(frame.rest_names),
        # A Smederij's page says only why its own area is missing; the others are the
        # home page's to list.
        unmapped=[] if highlight is not None else unmapped,
        highlight=highlighted.name if highlighted else "",
        highlight_unmapped=next((u for u in unmapped if u.highlighted), None),
        legend=list(legend),
        title=title,
        variant="overview" if highlight is None else "locator",
    )


def _label_lines(name: str) -> tuple[tuple[str, str], ...]:
    """The name as (text, dy) lines centred on the label point, broken as the import
    broke it when it found room for the name (wijken.shapes.label_lines)."""
    lines = label_lines(name)
    if len(lines) == 1:
        return ((name, "0.35em"),)
    return ((lines[0], "-0.2em"), (lines[1], "1.1em"))
