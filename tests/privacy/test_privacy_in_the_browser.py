# ruff: noqa: F811 (fixtures imported from tests.browser.conftest are parameters)
"""The privacy pages in a real browser: reached by a click from the home page, no WCAG
violations (axe), and an erasure from the confirmation page to the end."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import factories
from tests.browser.conftest import _async_unsafe, axe, browser, page  # noqa: F401 (fixtures)
from tests.browser.helpers import assert_no_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", user.email)
    page.fill("#id_password", factories.TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home"))


def test_the_footer_leads_to_the_privacy_page(page, live_server, axe):
    page.goto(live_server.url + reverse("home"))
    page.click("footer a[href='/smederijen/over/privacy/']")
    page.wait_for_url(live_server.url + "/smederijen/over/privacy/")

    assert "Privacy" in page.locator("h1").inner_text()
    assert_no_violations(axe, page)


def test_erasing_in_the_browser(page, live_server, axe):
    user = factories.ResidentFactory()
    log_in(page, live_server, user)
    page.goto(live_server.url + reverse("smederijen:account"))
    page.click("a[href='/smederijen/account/verwijderen/']")
    assert_no_violations(axe, page)

    page.fill("#id_password", "niet-het-goede-wachtwoord")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    assert_no_violations(axe, page)

    page.fill("#id_password", factories.TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(live_server.url + reverse("smederijen:account-erased"))
    assert_no_violations(axe, page)
    assert get_user_model().objects.get(pk=user.pk).display_name == "oud-bewoner"
