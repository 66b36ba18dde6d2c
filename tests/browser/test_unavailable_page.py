"""The Dutch 503 page (the database gone for a moment) passes axe and reflows at 320 px."""

import pytest
from django.db import OperationalError

from tests.browser.helpers import assert_no_violations, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def database_gone(monkeypatch):
    from smederijen import views

    def broken(*args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(views.HomeView, "get", broken)


def test_the_503_page_has_no_wcag_violations_and_fits_a_phone(
    page, live_server, axe, database_gone
):
    response = page.goto(live_server.url + "/")
    assert response.status == 503
    assert page.title().startswith("De site is even niet beschikbaar")
    assert_no_violations(axe, page)
    page.set_viewport_size({"width": 320, "height": 640})
    scroll_width, client_width = horizontal_overflow(page)
    assert scroll_width <= client_width
