"""The shapes of the areas: loaded with the seed and import_areas, computed once, never overlapping."""

import io
import itertools
import os

import pytest
import shapely
from django.core.management import CommandError, call_command
from shapely.geometry import shape

from wijken.models import Area, Buurt, Municipality
from wijken.shapes import (
    LABEL_CHAR_WIDTH,
    LABEL_LINE_HEIGHT,
    METRES_PER_UNIT,
    area_buurten_set,
    label_lines,
    path_to_geometry,
)

pytestmark = pytest.mark.django_db

HEADER = "name,kind,wijkteam,inhabitants,postcodes,buurten,no_outline_reason\n"
# Shared borders are the same points in the data; what may overlap is rounding to whole
# map units (20 m) along a border: far less than one square unit per neighbour pair.
OVERLAP_TOLERANCE_UNITS2 = 1.0


@pytest.fixture
def seeded(db):
    call_command("seed", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def csv_file(tmp_path):
    def write(body: str, header: str = HEADER):
        path = tmp_path / "gebieden.csv"
        path.write_text(header + body, encoding="utf-8")
        return path

    return write


def test_every_seeded_area_has_an_outline_or_a_recorded_reason_why_not(seeded):
    areas = list(Area.objects.all())

    assert len(areas) == 24
    for area in areas:
        assert area.outline_path or area.no_outline_reason, area.name
    unmapped = {area.name for area in areas if not area.outline_path}
    assert unmapped == {"Verzetsbuurt", "Zeeheldenbuurt"}


def test_the_outlines_of_the_areas_never_overlap(seeded):
    outlines = {
        area.name: path_to_geometry(area.outline_path)
        for area in Area.objects.exclude(outline_path="")
    }
    for (name_a, a), (name_b, b) in itertools.combinations(outlines.items(), 2):
        overlap = a.intersection(b).area
        assert overlap < OVERLAP_TOLERANCE_UNITS2, f"{name_a} and {name_b} overlap by {overlap}"


def test_the_buurten_of_the_areas_never_overlap_in_the_source_data(seeded):
    by_area = {}
    for buurt in Buurt.objects.exclude(area=None):
        by_area.setdefault(buurt.area_id, []).append(shape(buurt.geometry))
    unions = [shapely.union_all(shapes) for shapes in by_area.values()]
    for a, b in itertools.combinations(unions, 2):
        assert a.intersection(b).area < 1.0  # square metres


def test_an_outline_covers_the_buurten_of_its_area(seeded):
    """The stored path is the union of the area's buurten, not one buurt nor its neighbours."""
    for area in Area.objects.exclude(outline_path="").prefetch_related("buurten"):
        drawn = path_to_geometry(area.outline_path).area * METRES_PER_UNIT**2
        source = sum(shape(buurt.geometry).area for buurt in area.buurten.all())
        assert drawn == pytest.approx(source, rel=0.12), area.name


def test_the_villages_are_whole_cbs_wijken_and_the_rest_is_listed(seeded):
    pesse = Area.objects.get(name="Pesse")
    assert set(pesse.buurten.values_list("wijk_code", flat=True)) == {"WK011860"}
    assert pesse.buurten.count() == 4

    municipality = Municipality.objects.get(code="GM0118")
    assert municipality.map_view_box == "0 0 779 817"
    assert set(municipality.rest_names) == set(
        Buurt.objects.filter(area=None).values_list("name", flat=True)
    )
    assert "West" in municipality.rest_names and "Kinholt" in municipality.rest_names
    assert municipality.rest_path.count("M") == len(municipality.rest_names)


def test_the_map_is_small(seeded, capsys):
    sizes = [len(path) for path in Area.objects.values_list("outline_path", flat=True)]
    total = sum(sizes) + len(Municipality.objects.get().rest_path)
    with capsys.disabled():
        print(f"\nmap path data: {total} bytes for {len(sizes)} areas and the rest")
    assert total < 6000


def test_seeding_twice_changes_no_shape(seeded):
    before = dict(Area.objects.values_list("name", "outline_path"))

    call_command("seed", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert dict(Area.objects.values_list("name", "outline_path")) == before


def test_import_areas_moves_a_buurt_and_draws_both_again(seeded, csv_file):
    centrum_before = path_to_geometry(Area.objects.get(name="Centrum").outline_path).area
    path = csv_file("Centrum,wijk,Centrum,2600,7901 7902,BU01185000 BU01185007,\n")

    call_command("import_areas", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115

    centrum = Area.objects.get(name="Centrum")
    assert set(centrum.buurten.values_list("name", flat=True)) == {"Centrum", "West"}
    assert path_to_geometry(centrum.outline_path).area > centrum_before * 1.5
    assert "West" not in Municipality.objects.get().rest_names


def test_import_areas_without_the_buurten_column_leaves_the_shapes(seeded, csv_file):
    before = Area.objects.get(name="Krakeel").outline_path
    path = csv_file(
        "Krakeel,wijk,Centrum,3100,7904\n", header="name,kind,wijkteam,inhabitants,postcodes\n"
    )

    call_command("import_areas", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115

    krakeel = Area.objects.get(name="Krakeel")
    assert krakeel.inhabitants == 3100
    assert krakeel.outline_path == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Krakeel,wijk,Centrum,3000,7904,BU99,\n", "BU99"),
        ("Krakeel,wijk,Centrum,3000,7904,BU01189999,\n", "BU01189999"),
        (
            "Krakeel,wijk,Centrum,3000,7904,BU01185003,\nWolfsbos,wijk,Centrum,2700,7905,BU01185003,\n",
            "meer dan één gebied",
        ),
        (
            "Pesse,dorp,Dorpen,1850,7933,WK011860,\nKrakeel,wijk,Centrum,3000,7904,BU01186000,\n",
            "ook aan Pesse",
        ),
    ],
    ids=["not-a-code", "unknown-buurt", "same-code-twice", "wijk-and-its-buurt"],
)
def test_import_areas_refuses_wrong_buurten_whole(seeded, csv_file, body, message):
    before = dict(Area.objects.values_list("name", "outline_path"))

    with pytest.raises(CommandError) as error:
        call_command("import_areas", str(csv_file(body)))

    assert message in str(error.value)
    assert dict(Area.objects.values_list("name", "outline_path")) == before


def test_import_areas_warns_about_an_area_without_outline_or_reason(seeded, csv_file):
    path = csv_file("Zeeheldenbuurt,wijk,Centrum,1700,7902 7906,,\n")
    err = io.StringIO()
    call_command("import_areas", str(path), stdout=io.StringIO(), stderr=err)

    assert "Zeeheldenbuurt" in err.getvalue()


def test_taking_all_buurten_from_an_area_clears_its_outline(seeded):
    krakeel = Area.objects.get(name="Krakeel")

    assert area_buurten_set(area=krakeel, buurten=[])

    krakeel.refresh_from_db()
    assert krakeel.outline_path == ""
    assert "Krakeel" in Municipality.objects.get().rest_names


def test_import_areas_reads_a_short_row_as_empty_shape_values_and_warns(seeded, csv_file):
    err = io.StringIO()

    call_command(
        "import_areas",
        str(csv_file("Krakeel,wijk,Centrum,3000,7904\n")),
        stdout=io.StringIO(),
        stderr=err,
    )

    assert Area.objects.get(name="Krakeel").outline_path == ""
    assert "Krakeel" in err.getvalue()


def test_names_are_printed_only_where_they_fit(seeded):
    labelled = set(Area.objects.exclude(label_x=None).values_list("name", flat=True))

    assert {"Pesse", "Elim", "Hollandscheveld", "Fluitenberg en Stuifzand"} <= labelled
    assert "Centrum" not in labelled and "Krakeel" not in labelled
    for area in Area.objects.exclude(label_x=None):
        lines = label_lines(area.name)
        width = max(len(line) for line in lines) * LABEL_CHAR_WIDTH
        height = len(lines) * LABEL_LINE_HEIGHT
        box = shapely.box(
            area.label_x - width / 2,
            area.label_y - height / 2,
            area.label_x + width / 2,
            area.label_y + height / 2,
        )
        assert path_to_geometry(area.outline_path).buffer(1).contains(box), area.name
