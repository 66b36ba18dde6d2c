"""The export pages in Chromium at 1280 and 375 px: no WCAG 2.1 AA violation, no sideways
scrolling; screenshots in /tmp/shots-exports/ to look at."""

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from projecten.models import ExportJob, ExportStatus
from tests import factories
from tests.browser.helpers import assert_no_violations, horizontal_overflow, log_in_with_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots-exports"


def _pages(member):
    running = ExportJob.objects.create(
        owner=member,
        dataset="voorstellen",
        file_format="xlsx",
        status=ExportStatus.RUNNING,
        rows_total=87837,
        rows_done=24000,
    )
    done = ExportJob.objects.create(
        owner=member,
        dataset="betalingen",
        file_format="csv",
        status=ExportStatus.DONE,
        rows_total=5596,
        rows_done=5596,
        file_name="x/betalingen.csv",
    )
    return {
        "index": reverse("dashboard:export-index") + "?year=2025",
        "invalid": reverse("dashboard:export-index") + "?klap=middel",
        "confirm": reverse(
            "dashboard:export", kwargs={"dataset": "voorstellen", "file_format": "xlsx"}
        ),
        "running": reverse("dashboard:export-job", kwargs={"pk": running.pk}),
        "done": reverse("dashboard:export-job", kwargs={"pk": done.pk}),
    }


@pytest.mark.parametrize("width", [1280, 375])
def test_the_export_pages_read_at_every_width(browser, live_server, axe, settings, width):
    settings.EXPORT_DIRECT_MAX_ROWS = 0
    factories.BudgetYearFactory(year=2025)
    factories.ProposalFactory(status="submitted", year=2025, submitted_at="2025-03-01T10:00Z")
    member = factories.StuurgroepMembershipFactory().user
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        log_in_with_cookie(page, live_server, member)
        for name, path in _pages(member).items():
            response = page.goto(live_server.url + path)
            assert response.status in (200, 400), (name, response.status)
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            scroll, client = horizontal_overflow(page)
            assert scroll <= client, f"{name} scrolls sideways at {width}px"
            assert_no_violations(axe, page)
    finally:
        context.close()


def test_the_progress_renews_in_place_until_the_file_is_ready(browser, live_server):
    """No reload under the reader: the status region changes, the page stays (WCAG 2.2.1)."""
    member = factories.StuurgroepMembershipFactory().user
    job = ExportJob.objects.create(
        owner=member,
        dataset="betalingen",
        file_format="csv",
        status=ExportStatus.RUNNING,
        rows_total=8000,
        rows_done=2000,
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    try:
        log_in_with_cookie(page, live_server, member)
        page.goto(live_server.url + reverse("dashboard:export-job", kwargs={"pk": job.pk}))
        # With the script, the link to show the progress again is not needed.
        assert page.locator("[data-renew-manual]").is_hidden()
        page.evaluate("window.stayedOnThisPage = true")
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.DONE, rows_done=8000, file_name="x/betalingen.csv"
        )
        page.locator("[data-download]").wait_for(timeout=10_000)
        assert page.evaluate("window.stayedOnThisPage") is True
        assert page.locator("[role=status]").get_attribute("data-status") == "done"
    finally:
        context.close()
