"""The export pages: who may export, small files at once, large ones as a job with progress,
the file for its owner only, and a wrong filter answered in Dutch (decision 0035)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from projecten.dashboard.services import export_storage
from projecten.models import ExportJob, ExportStatus
from tests import factories
from tests.projecten.dashboard.xlsx import read_cells

pytestmark = pytest.mark.django_db

INDEX = reverse("dashboard:export-index")


def _url(dataset="voorstellen", file_format="csv", query=""):
    return (
        reverse("dashboard:export", kwargs={"dataset": dataset, "file_format": file_format}) + query
    )


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("resident", 403),
        ("initiatiefgroep_member", 403),
        ("professional", 403),
        ("gebiedsregisseur", 403),
        ("stuurgroep_member", 200),
        ("beheerder", 200),
    ],
)
def test_only_the_stuurgroep_and_administrators_reach_the_exports(client, request, role, expected):
    client.force_login(request.getfixturevalue(role))
    assert client.get(INDEX).status_code == expected
    assert client.get(_url()).status_code == expected


def test_a_visitor_is_sent_to_log_in(client):
    assert client.get(_url()).url.startswith(reverse("login"))


def test_the_stuurgroep_finds_the_exports_in_its_overview(client, stuurgroep_member, resident):
    client.force_login(stuurgroep_member)
    assert INDEX in client.get(reverse("smederijen:my-overview")).content.decode()
    client.force_login(resident)
    assert INDEX not in client.get(reverse("smederijen:my-overview")).content.decode()


def test_the_index_links_every_dataset_and_format_with_the_filters(
    client, stuurgroep_member, figures, django_assert_max_num_queries
):
    client.force_login(stuurgroep_member)
    with django_assert_max_num_queries(15):
        html = client.get(INDEX + "?year=2025&klap=korte").content.decode()
    for dataset in (
        "voorstellen",
        "toekenningen",
        "betalingen",
        "cofinanciering",
        "verantwoordingen",
    ):
        for file_format in ("csv", "xlsx"):
            assert _url(dataset, file_format, "?year=2025&amp;klap=korte") in html


def test_a_small_csv_downloads_at_once_within_the_filters(
    client, stuurgroep_member, figures, django_assert_max_num_queries
):
    client.force_login(stuurgroep_member)
    with django_assert_max_num_queries(15):
        response = client.get(_url(query="?year=2024"))
        text = _content(response).decode("utf-8-sig")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="voorstellen-2024.csv"' in response["Content-Disposition"]
    assert "Buurthuis groter" in text and figures["funded"].title not in text.replace("'", "")
    assert not ExportJob.objects.exists()


def test_a_small_xlsx_downloads_at_once(client, beheerder, figures):
    client.force_login(beheerder)
    response = client.get(_url("toekenningen", "xlsx"))
    assert response.status_code == 200
    header, row = read_cells(_content(response))
    assert header[0][0] == "Nummer"
    assert row[7] == (1200.0, "n", "#,##0.00")


def test_a_wrong_filter_is_refused_in_dutch_and_the_form_keeps_it(client, stuurgroep_member):
    client.force_login(stuurgroep_member)
    response = client.get(_url(query="?year=1999&klap=middel"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Selecteer een geldige keuze" in html
    assert 'value="middel"' not in html or "middel" in html
    assert "data-no-exports" in html
    assert client.get(INDEX + "?klap=middel").status_code == 400


def test_an_unknown_dataset_or_format_is_not_found(client, stuurgroep_member):
    client.force_login(stuurgroep_member)
    assert client.get(_url("personen", "csv")).status_code == 404
    assert client.get(_url("voorstellen", "pdf")).status_code == 404
    assert client.get(_url(query="?smederij=abc")).status_code == 404


def test_a_large_export_asks_to_confirm_then_runs_as_a_job(
    client, stuurgroep_member, figures, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_DIRECT_MAX_ROWS = 1
    client.force_login(stuurgroep_member)
    confirm = client.get(_url(file_format="xlsx"))
    assert confirm.status_code == 200 and 'data-rows="2"' in confirm.content.decode()
    assert not ExportJob.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(file_format="xlsx", query="?year=2025"))
    job = ExportJob.objects.get()
    assert response.url == reverse("dashboard:export-job", kwargs={"pk": job.pk})
    assert (job.owner, job.dataset, job.scope_params) == (
        stuurgroep_member,
        "voorstellen",
        {"year": "2025"},
    )
    # Eager Celery (no broker): the task ran after the commit, the page shows the file.
    assert (job.status, job.rows_total, job.rows_done) == (ExportStatus.DONE, 1, 1)
    page = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' not in page
    file_url = reverse("dashboard:export-job-file", kwargs={"pk": job.pk})
    assert file_url in page
    download = client.get(file_url)
    assert download.status_code == 200
    assert 'filename="voorstellen-2025.xlsx"' in download["Content-Disposition"]
    rows = read_cells(_content(download))
    assert len(rows) == 2 and rows[1][0][0] == figures["funded"].pk


def test_a_running_job_shows_its_progress_and_renews_it_in_place(
    client, stuurgroep_member, django_assert_max_num_queries
):
    job = ExportJob.objects.create(
        owner=stuurgroep_member,
        dataset="betalingen",
        file_format="csv",
        status=ExportStatus.RUNNING,
        rows_total=8000,
        rows_done=2000,
    )
    client.force_login(stuurgroep_member)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("dashboard:export-job", kwargs={"pk": job.pk})).content.decode()
    # The progress renews in place (a script), never by reloading the page (WCAG 2.2.1).
    assert 'http-equiv="refresh"' not in html
    assert "js/renew-status.js" in html and 'data-renew-status="2"' in html
    assert "data-renew-manual" in html
    assert 'value="25"' in html and "2000 van 8000" in html
    file_url = reverse("dashboard:export-job-file", kwargs={"pk": job.pk})
    assert file_url not in html
    assert client.get(file_url).status_code == 404
    # A finished job has nothing to renew.
    job.status = ExportStatus.FAILED
    job.save()
    html = client.get(reverse("dashboard:export-job", kwargs={"pk": job.pk})).content.decode()
    assert "renew-status.js" not in html and "data-renew-status" not in html


def test_a_job_and_its_file_are_not_found_for_anyone_but_the_owner(
    client, stuurgroep_member, beheerder
):
    job = ExportJob.objects.create(
        owner=stuurgroep_member,
        dataset="voorstellen",
        file_format="csv",
        status=ExportStatus.DONE,
        file_name=export_storage().save("x/voorstellen.csv", ContentFile(b"a,b\r\n")),
    )
    other = factories.StuurgroepMembershipFactory().user
    for user in (other, beheerder):
        client.force_login(user)
        assert client.get(reverse("dashboard:export-job", kwargs={"pk": job.pk})).status_code == 404
        assert (
            client.get(reverse("dashboard:export-job-file", kwargs={"pk": job.pk})).status_code
            == 404
        )
    client.force_login(stuurgroep_member)
    response = client.get(reverse("dashboard:export-job-file", kwargs={"pk": job.pk}))
    assert response.status_code == 200 and _content(response) == b"a,b\r\n"


def test_the_files_lie_outside_the_public_media_by_default():
    from config import settings as configured

    options = configured.STORAGES["exports"]["OPTIONS"]
    assert not options["location"].startswith(str(configured.MEDIA_ROOT))
    assert options["base_url"] is None


@pytest.mark.django_db(transaction=True)
def test_a_large_export_asked_while_the_queue_is_down_raises_nothing_and_runs_later(
    stuurgroep_member,
):
    from projecten.dashboard.scope import FigureScope
    from projecten.dashboard.services import export_job_create
    from smederijen.outbox.services import outbox_relay
    from tests.brokers import celery_broker, unreachable_broker_url

    with celery_broker(unreachable_broker_url()):
        job = export_job_create(
            actor=stuurgroep_member, dataset="betalingen", file_format="csv", scope=FigureScope()
        )
    job.refresh_from_db()
    assert job.status == ExportStatus.WAITING
    # The queue is back (eager, as without a broker): the relay starts the export once.
    assert outbox_relay() == 1
    assert outbox_relay() == 0
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
