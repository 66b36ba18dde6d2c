"""Helpers of the browser tests: axe with the WCAG 2.1 AA rules, logging in, page width."""

from django.conf import settings
from django.test import Client

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def wcag_violations(axe, page) -> str:
    """axe's report of the WCAG 2.1 A/AA violations on the page; empty when there are none."""
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    if results.violations_count == 0:
        return ""
    return f"{page.url}\n{results.generate_report()}"


def assert_no_violations(axe, page):
    report = wcag_violations(axe, page)
    assert not report, report


def log_in_with_cookie(page, live_server, user):
    """Log in without the login form: django-axes counts form logins, force_login does not."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
    )


def horizontal_overflow(page) -> tuple[int, int]:
    return tuple(
        page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    )
