"""Administrators read the audit log; nobody changes or deletes an entry: not in the admin,
and on PostgreSQL not even in SQL (smederijen migration 0005, decision 0029)."""

import contextlib
import uuid

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, connection, transaction

from smederijen.audit import acting
from smederijen.services import functional_admin_group_ensure
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(superuser):
    user, smederij = factories.ResidentFactory(), factories.SmederijFactory()
    with acting(superuser):
        membership = factories.InitiatiefgroepMembershipFactory(user=user, smederij=smederij)
    return LogEntry.objects.get(
        content_type__model="initiatiefgroepmembership", object_pk=str(membership.pk)
    )


@pytest.fixture
def functional_admin(db):
    user = factories.UserFactory(is_staff=True)
    user.groups.add(functional_admin_group_ensure())
    return user


@pytest.fixture(params=["functional_admin", "superuser"])
def administrator(request):
    return request.getfixturevalue(request.param)


def test_an_administrator_reads_the_log_in_beheer(client, administrator, entry):
    client.force_login(administrator)

    listing = client.get("/beheer/auditlog/logentry/")
    page = client.get(f"/beheer/auditlog/logentry/{entry.pk}/change/")

    assert listing.status_code == 200
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_an_administrator_cannot_change_or_delete_an_entry(client, administrator, entry):
    client.force_login(administrator)
    before = LogEntry.objects.values().get(pk=entry.pk)

    changed = client.post(
        f"/beheer/auditlog/logentry/{entry.pk}/change/", {"object_repr": "vervalst"}
    )
    deleted = client.post(f"/beheer/auditlog/logentry/{entry.pk}/delete/", {"post": "yes"})
    bulk = client.post(
        "/beheer/auditlog/logentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    added = client.get("/beheer/auditlog/logentry/add/")

    assert changed.status_code == 403
    assert deleted.status_code == 403
    assert added.status_code == 403
    assert bulk.status_code in (200, 302)
    assert LogEntry.objects.values().get(pk=entry.pk) == before


def test_a_resident_and_a_professional_cannot_read_the_log(client, entry, resident, professional):
    for user in (resident, professional):
        client.force_login(user)
        response = client.get("/beheer/auditlog/logentry/")
        assert response.status_code == 302 and "/login/" in response["Location"]


# --- the database ---------------------------------------------------------------------------


def _sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@contextlib.contextmanager
def connected_as_the_application():
    """A role with the rights of the application's login: DML, no superuser, no maintainer."""
    name = f"smederijen_probe_{uuid.uuid4().hex[:10]}"
    _sql(f"CREATE ROLE {name} NOLOGIN")
    _sql(f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO {name}")
    _sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {name}")
    _sql(f"SET ROLE {name}")
    try:
        yield
    finally:
        _sql("RESET ROLE")


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE auditlog_logentry SET object_repr = 'vervalst' WHERE id = %s",
        "UPDATE auditlog_logentry SET actor_email = 'iemand@example.org' WHERE id = %s",
        "DELETE FROM auditlog_logentry WHERE id = %s",
    ],
)
def test_the_database_refuses_to_change_or_delete_an_entry(entry, statement):
    # Even the superuser the tests connect as, without the maintenance switch.
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        _sql(statement, [entry.pk])
    with (
        connected_as_the_application(),
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
    ):
        _sql(statement, [entry.pk])
    assert LogEntry.objects.filter(pk=entry.pk, object_repr=entry.object_repr).exists()


@pytest.mark.postgres
def test_the_application_cannot_truncate_the_log_or_throw_the_switch(entry):
    # The entry's deferred foreign key checks would otherwise stop TRUNCATE first.
    _sql("SET CONSTRAINTS ALL IMMEDIATE")
    with (
        connected_as_the_application(),
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
    ):
        _sql("TRUNCATE auditlog_logentry")
    _sql("SET CONSTRAINTS ALL DEFERRED")
    with (
        connected_as_the_application(),
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
    ):
        _sql("SET LOCAL smederijen.audit_maintenance = 'on'")
        _sql("DELETE FROM auditlog_logentry WHERE id = %s", [entry.pk])
    assert LogEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.postgres
def test_deleting_a_user_keeps_the_entries_and_their_address(superuser):
    """The one UPDATE allowed: Django's SET NULL of the actor; actor_email still names them."""
    actor = factories.UserFactory(email="beheer@example.org")
    user, smederij = factories.ResidentFactory(), factories.SmederijFactory()
    with acting(actor):
        factories.InitiatiefgroepMembershipFactory(user=user, smederij=smederij)
    entry = LogEntry.objects.get(actor=actor)

    actor.delete()

    entry.refresh_from_db()
    assert entry.actor_id is None and entry.actor_email == "beheer@example.org"
