"""The dashboard in a real browser: axe finds nothing, no sideways scrolling at 320 px, the
choropleth is drawn, and on paper the menu and the filters are left off."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories
from tests.browser.helpers import assert_no_violations, horizontal_overflow, log_in_with_cookie
from tests.projecten.dashboard.conftest import make_history

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stuurgroep(transactional_db):
    call_command("seed", stdout=open(os.devnull, "w"))  # noqa: SIM115
    make_history()
    return factories.StuurgroepMembershipFactory().user


@pytest.mark.parametrize("viewport", ["page", "narrow_page"])
def test_the_dashboard_has_no_wcag_violations_and_no_sideways_scroll(
    request, live_server, stuurgroep, axe, viewport
):
    page = request.getfixturevalue(viewport)
    log_in_with_cookie(page, live_server, stuurgroep)
    for path in (
        reverse("dashboard:overview") + "?year=2025",
        reverse("dashboard:overview"),
        reverse("dashboard:annual-report", kwargs={"year": 2025}),
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("svg.dash-chart").first.is_visible(), path
        assert_no_violations(axe, page)
        scroll_width, client_width = horizontal_overflow(page)
        assert scroll_width <= client_width, f"{path}: {scroll_width} > {client_width}"


def test_the_choropleth_shades_the_areas_and_the_paper_leaves_the_menu_off(
    page, live_server, stuurgroep
):
    log_in_with_cookie(page, live_server, stuurgroep)
    page.goto(live_server.url + reverse("dashboard:overview") + "?year=2025&kaart=turnout")
    assert page.locator("[class*=area-map__area--shade-]").count() > 0
    page.goto(live_server.url + reverse("dashboard:annual-report", kwargs={"year": 2025}))
    page.emulate_media(media="print")
    assert not page.locator(".hoogeveen-nav").is_visible()
    assert page.locator("#projects table").is_visible()
