"""Every request has an id: on the response and in every log record of it (issue 15, item 3)."""

import json
import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse

from smederijen.serving.requestid import (
    JsonFormatter,
    RequestIdFilter,
    RequestIdMiddleware,
    current_request_id,
)

pytestmark = pytest.mark.django_db


def test_a_valid_request_id_from_the_proxy_is_kept_on_the_response(client):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="nginx-4f2a9c1d")
    assert response["X-Request-ID"] == "nginx-4f2a9c1d"


@pytest.mark.parametrize(
    "sent", [None, "kort", "x" * 200, "evil\nINJECTED log line", "a b c d e f g"]
)
def test_a_missing_or_unsafe_request_id_is_replaced_by_a_fresh_one(client, sent):
    extra = {"HTTP_X_REQUEST_ID": sent} if sent is not None else {}
    response = client.get(reverse("healthz"), **extra)
    assert response["X-Request-ID"] != sent
    assert len(response["X-Request-ID"]) == 32


def test_every_log_record_of_the_request_carries_its_id_as_json():
    records = []
    formatter = JsonFormatter()
    filt = RequestIdFilter()

    def view(request):
        record = logging.LogRecord("smederijen", logging.WARNING, "x", 1, "hallo %s", ("u",), None)
        record.proposal = 7
        filt.filter(record)
        records.append(json.loads(formatter.format(record)))
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="req-12345678")
    RequestIdMiddleware(view)(request)
    assert records == [
        {
            "time": records[0]["time"],
            "level": "WARNING",
            "logger": "smederijen",
            "message": "hallo u",
            "request_id": "req-12345678",
            "proposal": 7,
        }
    ]
    assert current_request_id.get() == "-"  # not carried into the next request


def test_production_logs_are_json_and_development_logs_text():
    from tests.test_settings import PRODUCTION, setting

    assert setting("settings.LOGGING['handlers']['console']['formatter']", **PRODUCTION) == "json"
    assert setting("settings.LOGGING['handlers']['console']['formatter']", DEBUG="1") == "text"
