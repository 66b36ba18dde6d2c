"""Accessibility of the site shell in a real browser: axe-core (WCAG 2.1 A/AA), keyboard, 320px.

Chromium comes from Debian (/usr/bin/chromium): Playwright cannot download its own
browsers here. The site sends a strict CSP (no inline script); axe is injected with
`page.evaluate`, which runs through the DevTools protocol and is not subject to the
page's CSP, so the pages are checked exactly as they are served.
"""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from smederijen.models import Smederij
from tests import factories
from tests.conftest import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def _async_unsafe():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make in between are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(_async_unsafe):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def seeded(transactional_db):
    call_command("seed", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return Smederij.objects.order_by("name")


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def assert_no_violations(axe, page):
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


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
