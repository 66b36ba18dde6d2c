"""The map of the Smederijen in a real browser: axe, no sideways scrolling at 320 px, focus seen."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from smederijen.models import Smederij
from tests.browser.helpers import assert_no_violations, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_FILL = "rgb(255, 217, 92)"  # --hoogeveen-focus


@pytest.fixture
def map_pages(transactional_db):
    call_command("seed", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return [
        reverse("home"),
        Smederij.objects.get(name="Krakeel").get_absolute_url(),
        Smederij.objects.get(name="Verzetsbuurt").get_absolute_url(),
    ]


@pytest.mark.parametrize("viewport", ["page", "narrow_page"])
def test_pages_with_a_map_have_no_wcag_violations_and_no_sideways_scroll(
    request, live_server, map_pages, axe, viewport
):
    page = request.getfixturevalue(viewport)
    for path in map_pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("[data-testid=area-map] svg").is_visible(), path

        assert_no_violations(axe, page)
        scroll_width, client_width = horizontal_overflow(page)
        assert scroll_width <= client_width, f"{path}: {scroll_width} > {client_width}"


def test_an_area_of_the_map_shows_keyboard_focus_and_leads_to_its_smederij(
    page, live_server, map_pages
):
    page.goto(live_server.url + reverse("home"))
    first = page.locator(".area-map__area").first
    name = first.get_attribute("aria-label")

    first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # focus by keyboard, so that :focus-visible applies

    fill = page.evaluate("getComputedStyle(document.activeElement.querySelector('path')).fill")
    assert fill == FOCUS_FILL
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{Smederij.objects.get(name=name).get_absolute_url()}")
    assert name in page.locator("h1").inner_text()
