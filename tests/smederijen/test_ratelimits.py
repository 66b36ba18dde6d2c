"""Limits per person and per connection, in the shared cache (issue 14, item 8)."""

import pytest
from django.core import mail
from django.urls import reverse

from smederijen.ratelimits import RateLimit, RateLimited, rate_limit_hit
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_limit_counts_per_person_and_refuses_past_it():
    rate = RateLimit("test", limit=2, seconds=60)
    rate_limit_hit(rate, 1)
    rate_limit_hit(rate, 1)
    with pytest.raises(RateLimited) as refused:
        rate_limit_hit(rate, 1)
    assert refused.value.code == "rate_limited"
    rate_limit_hit(rate, 2)  # someone else is not held back
    rate_limit_hit(rate, None)  # nobody known: nothing counted


def test_password_resets_are_limited_per_address_asked_whether_or_not_it_has_an_account(client):
    factories.UserFactory(email="bert@example.org")
    url = reverse("password_reset")
    for _ in range(3):
        assert client.post(url, {"email": "bert@example.org"}).status_code == 302
    refused = client.post(url, {"email": "bert@example.org"})
    assert refused.status_code == 200
    assert "Probeer het over een uur opnieuw" in refused.content.decode()
    assert len(mail.outbox) == 3
    # An address without an account counts the same, and another address is not held back.
    for _ in range(3):
        client.post(url, {"email": "niemand@example.org"})
    assert client.post(url, {"email": "niemand@example.org"}).status_code == 200


def test_invitations_past_the_limit_are_refused_in_dutch(client, monkeypatch, smederij):
    from smederijen.groups import services as group_services

    monkeypatch.setattr(group_services, "INVITATIONS", RateLimit("invitations", 1, 3600))
    group = factories.GroupFactory(area=smederij.area)
    contact = factories.ResidentFactory(home_area=smederij.area)
    factories.GroupMembershipFactory(group=group, user=contact, is_contact=True)
    client.force_login(contact)
    url = reverse("smederijen:group-invite", args=[group.slug])
    assert client.post(url, {"email": "een@example.org"}).status_code == 302
    refused = client.post(url, {"email": "twee@example.org"})
    assert refused.status_code == 400
    assert "Probeer het over een uur opnieuw" in refused.content.decode()
