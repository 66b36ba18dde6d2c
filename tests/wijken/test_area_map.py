"""The map of the Smederijen on the home page and a Smederij's page: stored paths, printed."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from smederijen.areas.selectors import area_map, smederijen_for_map
from smederijen.models import Smederij

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).parent / "snapshots" / "home_area_map.svg"


@pytest.fixture
def seeded(db):
    call_command("seed", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return Smederij.objects.select_related("area").order_by("name")


def _svg(html: str) -> str:
    match = re.search(r"<svg class=\"area-map__svg\".*?</svg>", html, re.S)
    assert match, "no map on the page"
    return match.group(0)


def _map_links(svg: str) -> dict[str, str]:
    return dict(
        re.findall(r'<a class="area-map__area[^"]*" href="([^"]+)" aria-label="([^"]+)"', svg)
    )


def test_the_home_map_is_the_same_for_the_same_data(client, seeded, capsys):
    svg = _svg(client.get(reverse("home")).content.decode())

    with capsys.disabled():
        print(f"\nhome page map: {len(svg.encode())} bytes of SVG")
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(svg + "\n", encoding="utf-8")
    assert svg + "\n" == SNAPSHOT.read_text(encoding="utf-8")
    assert len(svg.encode()) < 8000


def test_the_home_map_links_every_drawn_area_to_its_smederij_by_name(client, seeded):
    svg = _svg(client.get(reverse("home")).content.decode())

    links = _map_links(svg)
    drawn = {s.get_absolute_url(): s.name for s in seeded if s.area.outline_path}
    assert links == drawn
    assert len(links) == 22
    for url in links:
        assert client.get(url).status_code == 200, url


def test_the_home_page_lists_the_areas_the_map_cannot_draw_and_the_buurten_in_no_area(
    client, seeded
):
    html = client.get(reverse("home")).content.decode()

    unmapped = re.search(r'data-testid="area-map-unmapped">(.*?)</ul>', html, re.S).group(1)
    assert "Verzetsbuurt" in unmapped and "waarschijnlijk in CBS-buurt Oost" in unmapped
    assert "Zeeheldenbuurt" in unmapped
    assert "Buurten die niet bij een Smederij horen" in html
    assert "Industriegebied Toldijk" in html
    assert "Bron: CBS/Kadaster, Wijk- en Buurtkaart 2025" in html
    # The lists of wijken and dorpen stay beside the map.
    assert 'data-testid="wijken"' in html and 'data-testid="dorpen"' in html


def test_a_smederij_page_marks_its_own_area_within_the_municipality(client, seeded):
    krakeel = seeded.get(name="Krakeel")

    html = client.get(krakeel.get_absolute_url()).content.decode()
    svg = _svg(html)

    assert "area-map--locator" in html
    assert 'data-testid="area-map-unmapped"' not in html, "the home page lists those"
    current = re.findall(r'<a class="([^"]*)" href="([^"]+)"[^>]*aria-current="page"', svg)
    assert current == [("area-map__area area-map__area--highlighted", krakeel.get_absolute_url())]
    assert "met Krakeel gemarkeerd" in svg
    assert len(_map_links(svg)) == 22


def test_the_map_prints_the_names_of_the_dorpen_hidden_from_screen_readers(client, seeded):
    svg = _svg(client.get(reverse("home")).content.decode())

    labels = re.findall(r'<text class="area-map__label"[^>]*aria-hidden="true">(.*?)</text>', svg)
    texts = {" ".join(re.findall(r">([^<]+)</tspan>", label)) for label in labels}
    assert {"Pesse", "Elim", "Fluitenberg en Stuifzand"} <= texts


def test_the_page_of_an_area_without_outline_says_why(client, seeded):
    verzetsbuurt = seeded.get(name="Verzetsbuurt")

    html = client.get(verzetsbuurt.get_absolute_url()).content.decode()

    assert "aria-current" not in _svg(html)
    assert "Verzetsbuurt staat niet op deze kaart." in html
    assert verzetsbuurt.area.no_outline_reason in html


def test_without_shapes_there_is_no_map_and_no_error(client, smederij):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert 'data-testid="area-map"' not in response.content.decode()
    assert client.get(smederij.get_absolute_url()).status_code == 200


def test_the_map_draws_a_value_per_area_for_a_later_choropleth(seeded):
    krakeel = seeded.get(name="Krakeel")

    drawn = area_map(
        smederijen_for_map(), values={krakeel.pk: 3}, legend=[(3, "meer dan € 10.000")]
    )

    shades = {area.name: area.shade for area in drawn.areas}
    assert shades["Krakeel"] == 3
    assert shades["Pesse"] is None
    assert drawn.legend == [(3, "meer dan € 10.000")]


def test_the_map_comes_with_the_areas_in_one_query(seeded, django_assert_num_queries):
    with django_assert_num_queries(1):
        drawn = area_map(smederijen_for_map())
    assert len(drawn.areas) == 22
