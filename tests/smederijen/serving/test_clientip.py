"""The visitor's address: from our proxy's header when one is configured, never from a
header a visitor sent themselves (issue 15, item 3)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from smederijen.serving.clientip import client_address

rf = RequestFactory()


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


def test_without_a_proxy_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_behind_one_proxy_the_address_it_appended_counts_not_what_the_visitor_wrote(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The visitor sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
    request = request_from("127.0.0.1", "1.2.3.4, 203.0.113.9")
    assert client_address(request) == "203.0.113.9"


def test_behind_a_load_balancer_and_nginx_the_second_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.5")
    assert client_address(request) == "203.0.113.9"


def test_a_configured_header_name_is_read(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    assert client_address(request) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "  ,  "])
def test_a_missing_or_malformed_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("127.0.0.1", forwarded)) == "127.0.0.1"


@pytest.mark.django_db
def test_the_reset_limit_per_connection_counts_each_visitor_behind_the_proxy_apart(
    client, settings, monkeypatch
):
    from smederijen.accounts import views
    from smederijen.ratelimits import RateLimit

    monkeypatch.setattr(views, "PASSWORD_RESETS_PER_ADDRESS", RateLimit("reset-addr", 2, 3600))
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("password_reset")

    def ask(n, visitor):
        return client.post(
            url, {"email": f"iemand{n}@example.org"}, HTTP_X_FORWARDED_FOR=visitor
        ).status_code

    assert [ask(1, "203.0.113.1"), ask(2, "203.0.113.1")] == [302, 302]
    assert ask(3, "203.0.113.1") == 200  # refused: the third from this visitor
    assert ask(4, "203.0.113.2") == 302  # another visitor behind the same proxy is not


@pytest.mark.django_db
def test_login_throttling_locks_the_visitor_behind_the_proxy_not_everyone(client, settings):
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("login"),
        {"username": "bert@example.org", "password": "fout"},
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]


@pytest.mark.django_db
def test_login_throttling_ignores_a_spoofed_header_without_a_proxy(client, settings):
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXY_COUNT = 0
    client.post(
        reverse("login"),
        {"username": "bert@example.org", "password": "fout"},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["127.0.0.1"]
