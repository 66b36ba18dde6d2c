"""The two-factor pages in a real browser: WCAG 2.1 AA, the QR code drawn under the CSP.

The setup page draws its QR code as inline SVG: no image service, no script, nothing the
Content-Security-Policy would block (a blocked resource shows as a console error).
"""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.browser.helpers import assert_no_violations, log_in_with_cookie
from tests.smederijen.twofactor.conftest import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_setup_code_and_recovery_pages_have_no_wcag_violations(
    page, narrow_page, live_server, axe, settings
):
    settings.OTP_REQUIRED = True
    user = factories.GebiedsregisseurAssignmentFactory().user
    errors = []  # what the Content-Security-Policy refused (the 400 of a wrong code is fine)
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and errors.append(message.text),
    )

    log_in_with_cookie(page, live_server, user)
    page.goto(live_server.url + reverse("smederijen:account"))
    assert page.url.startswith(live_server.url + reverse("twofactor:setup"))
    qr = page.locator(".hoogeveen-twofactor__qr svg")
    box = qr.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100, "the QR code is drawn"
    assert_no_violations(axe, page)

    page.fill("#id_code", "12")
    page.click("main form[action$='instellen/'] button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    assert_no_violations(axe, page)

    device = TOTPDevice.objects.get(user=user)
    # The wrong try made the next one wait a second (throttle); no need to wait here.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    page.fill("#id_code", current_code(device))
    page.click("main form[action$='instellen/'] button[type=submit]")
    page.wait_for_selector("[data-recovery-codes]")
    assert page.locator("[data-recovery-codes] li").count() == 10
    assert_no_violations(axe, page)
    assert errors == [], errors

    # The code page, on the smallest screen, for a second session of the same person.
    log_in_with_cookie(narrow_page, live_server, user)
    narrow_page.goto(live_server.url + reverse("smederijen:account"))
    assert narrow_page.url.startswith(live_server.url + reverse("twofactor:verify"))
    assert_no_violations(axe, narrow_page)
    width = narrow_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
