"""Accessibility of the site shell in a real browser: axe-core (WCAG 2.1 A/AA), keyboard, 320px.

Chromium comes from Debian (/usr/bin/chromium): Playwright cannot download its own
browsers here. The browser, page and axe fixtures live in
tests/browser/conftest.py.
"""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from smederijen.models import Smederij
from tests import factories
from tests.browser.helpers import assert_no_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db):
    call_command("seed", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return Smederij.objects.order_by("name")


def log_in(page, live_server, user):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", user.email)
    page.fill("#id_password", factories.TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home"))


def test_public_pages_have_no_wcag_violations(page, live_server, seeded, axe):
    smederij = seeded.first()
    for path in (
        reverse("home"),
        reverse("smederijen:smederij-list"),
        smederij.get_absolute_url(),
        reverse("login"),
        reverse("password_reset"),
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_no_violations(axe, page)


def test_invalid_login_has_no_wcag_violations_and_focuses_the_error_summary(
    page, live_server, axe, transactional_db
):
    user = factories.UserFactory()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", user.email)
    page.fill("#id_password", "niet-het-goede-wachtwoord")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-error-summary]")

    focused = page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert focused, "the error summary does not have focus"
    assert page.input_value("#id_username") == user.email
    assert_no_violations(axe, page)

    # The summary's link takes the reader to the field.
    page.click("[data-error-summary] a")
    assert page.evaluate("document.activeElement.id") == "id_username"


def test_my_overview_has_no_wcag_violations(page, live_server, axe, initiatiefgroep_member):
    log_in(page, live_server, initiatiefgroep_member)

    page.goto(live_server.url + reverse("smederijen:my-overview"))

    assert page.locator("h1").inner_text() == "Mijn overzicht"
    assert_no_violations(axe, page)


def test_password_change_has_no_wcag_violations(page, live_server, axe, transactional_db):
    log_in(page, live_server, factories.UserFactory())

    page.goto(live_server.url + reverse("password_change"))
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-error-summary]")

    assert_no_violations(axe, page)


def test_first_tab_focuses_the_skip_link_which_leads_to_main(page, live_server, transactional_db):
    page.goto(live_server.url + reverse("home"))

    page.keyboard.press("Tab")

    focused = page.evaluate(
        "[document.activeElement.getAttribute('href'), document.activeElement.innerText]"
    )
    assert focused[0] == "#main"
    assert page.locator(".utrecht-skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_home_does_not_scroll_sideways_at_320_pixels(browser, live_server, seeded):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("home"))
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px window"
    finally:
        context.close()
