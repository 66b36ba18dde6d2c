"""PostgreSQL refuses an overspend even when the services' lock is missing, refuses to
empty the ledger, and lets only the maintenance role lift its append-only trigger.

The overspend checks are deferred to the commit (budget migration 0006). Tests
that run inside the test's transaction fire them as a commit would, with
`SET CONSTRAINTS ALL IMMEDIATE`; the race commits for real.
"""

import contextlib
import threading
import uuid
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, connections, transaction

from budget import services
from budget.models import (
    BudgetYear,
    Grant,
    Klap,
    Payment,
    Reallocation,
    Refund,
    Release,
    SmederijShare,
)
from budget.selectors import budget_year_balances
from tests import factories
from tests.budget.conftest import IN_2013, proposal_fields

pytestmark = pytest.mark.postgres

MAINTENANCE_ROLE = "smederijen_ledger_maintenance"


def _sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@contextlib.contextmanager
def _checks_in_force():
    """Check the deferred constraints at the end of the block, as COMMIT would."""
    try:
        with transaction.atomic():
            yield
            _sql("SET CONSTRAINTS ALL IMMEDIATE")
    finally:
        _sql("SET CONSTRAINTS ALL DEFERRED")


def refused_at_commit(write, match="Budget overspent"):
    with pytest.raises(IntegrityError, match=match), _checks_in_force():
        write()


def accepted_at_commit(write):
    with _checks_in_force():
        return write()


def raw_grant(proposal, amount, klap=Klap.KORTE, actor=None):
    """A grant written straight to the table, past the service and its lock."""
    return Grant.objects.create(
        budget_year=BudgetYear.objects.get(year=2013),
        proposal=proposal,
        klap=klap,
        smederij=proposal.smederij if klap == Klap.KORTE else None,
        amount=Decimal(amount),
        granted_by=actor or factories.UserFactory(),
    )


# --- the overspend checks, one by one --------------------------------------------------------


@pytest.mark.django_db
def test_a_korte_klap_grant_above_the_share_is_refused(share, krakeel, make_proposal, grant_for):
    grant_for(smederij=krakeel, amount="7000.00")
    refused_at_commit(lambda: raw_grant(make_proposal(smederij=krakeel), "500.01"))
    accepted_at_commit(lambda: raw_grant(make_proposal(smederij=krakeel), "500.00"))


@pytest.mark.django_db
def test_released_money_and_reallocations_count_as_the_selectors_count_them(
    year, share, krakeel, actor, make_proposal, grant_for
):
    other = factories.SmederijFactory()
    services.shares_set(
        budget_year=year, amounts={other: Decimal("1000.00")}, actor=actor, reason="x"
    )
    services.share_reallocate(
        budget_year=year,
        from_smederij=other,
        to_smederij=krakeel,
        amount="400.00",
        actor=actor,
        reason="Erbij",
    )
    first = grant_for(smederij=krakeel, amount="7000.00")
    services.grant_release(grant=first, actor=actor, reason="Goedkoper", amount="100.00")
    # 7.500 + 400 in: 7.900; 6.900 committed: exactly 1.000 free.
    accepted_at_commit(lambda: raw_grant(make_proposal(smederij=krakeel), "1000.00"))
    refused_at_commit(lambda: raw_grant(make_proposal(smederij=krakeel), "0.01"))


@pytest.mark.django_db
def test_a_lange_klap_grant_above_the_pot_is_refused(year, make_proposal, grant_for):
    grant_for(klap=Klap.LANGE, amount="100000.00")
    refused_at_commit(
        lambda: raw_grant(make_proposal(klap=Klap.LANGE), "20000.01", klap=Klap.LANGE),
        match="lange klap pot of 2013",
    )


@pytest.mark.django_db
def test_paying_refunding_or_releasing_beyond_the_grant_is_refused(
    share, krakeel, actor, grant_for
):
    grant = grant_for(smederij=krakeel, amount="1000.00")
    services.payment_create(grant=grant, amount="800.00", actor=actor)

    def record(model, amount):
        return lambda: model.objects.create(grant=grant, amount=Decimal(amount), recorded_by=actor)

    refused_at_commit(record(Payment, "200.01"), match=f"grant {grant.pk}")
    refused_at_commit(record(Release, "200.01"))  # leaves less committed than was paid
    refused_at_commit(record(Refund, "800.01"))  # more back than was paid
    accepted_at_commit(record(Payment, "200.00"))


@pytest.mark.django_db
def test_a_reallocation_of_more_than_is_free_is_refused(year, share, krakeel, actor, grant_for):
    other = factories.SmederijFactory()
    grant_for(smederij=krakeel, amount="7000.00")
    refused_at_commit(
        lambda: Reallocation.objects.create(
            budget_year=year,
            from_smederij=krakeel,
            to_smederij=other,
            amount=Decimal("500.01"),
            recorded_by=actor,
            reason="Te veel",
        )
    )


@pytest.mark.django_db
def test_a_share_or_pot_below_what_is_granted_from_it_is_refused(year, share, krakeel, grant_for):
    grant_for(smederij=krakeel, amount="7000.00")
    grant_for(klap=Klap.LANGE, amount="100000.00")
    refused_at_commit(
        lambda: SmederijShare.objects.filter(pk=share.pk).update(amount=Decimal("6999.99"))
    )
    refused_at_commit(
        lambda: BudgetYear.objects.filter(pk=year.pk).update(
            korte_klap_pot=Decimal("200000.01"), lange_klap_pot=Decimal("99999.99")
        ),
        match="lange klap pot",
    )
    refused_at_commit(
        lambda: BudgetYear.objects.filter(pk=year.pk).update(
            korte_klap_pot=Decimal("7499.99"), lange_klap_pot=Decimal("292500.01")
        ),
        match="shares of 2013 add up to",
    )


# --- the race, without the services' lock -------------------------------------------------------

THREADS = 20


def _race_without_the_lock(monkeypatch, krakeel, actor, proposals):
    """Every thread reads the same free money (a barrier after the read), then grants."""
    barrier = threading.Barrier(len(proposals))
    real_share_balance = services.share_balance

    def no_lock(year, smederij):
        return SmederijShare.objects.get(budget_year__year=year, smederij=smederij)

    def share_balance_then_wait(*, share):
        balance = real_share_balance(share=share)
        barrier.wait(30)
        return balance

    monkeypatch.setattr(services, "_lock_share_for_grant", no_lock)
    monkeypatch.setattr(services, "share_balance", share_balance_then_wait)
    outcomes = [None] * len(proposals)

    def run(position, proposal):
        try:
            outcomes[position] = services.grant_create(
                **proposal_fields(proposal), amount="600.00", actor=actor, decided_at=IN_2013
            )
        except Exception as error:  # inspected below
            outcomes[position] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(proposals)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_database_refuses_the_overspend(
    monkeypatch, year, share, krakeel, actor, make_proposal
):
    # € 7.500 free; 20 grants of € 600 ask € 12.000, and all of them saw € 7.500 free.
    proposals = [make_proposal(smederij=krakeel, amount="600.00") for _ in range(THREADS)]

    outcomes = _race_without_the_lock(monkeypatch, krakeel, actor, proposals)

    granted = [o for o in outcomes if isinstance(o, Grant)]
    refused = [o for o in outcomes if isinstance(o, IntegrityError)]
    assert len(granted) + len(refused) == THREADS, outcomes
    assert all("Budget overspent" in str(error) for error in refused)
    balance = budget_year_balances(budget_year=year).for_smederij(krakeel).balance
    assert balance.committed <= balance.pot
    assert len(granted) == 12  # the checks ran one after another: every euro that fits


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_and_without_the_trigger_the_race_overspends(
    monkeypatch, year, share, krakeel, actor, make_proposal
):
    """The control: proves that the race above really is one."""
    proposals = [make_proposal(smederij=krakeel, amount="600.00") for _ in range(THREADS)]
    _sql("ALTER TABLE budget_grant DISABLE TRIGGER budget_grant_within_budget")
    try:
        outcomes = _race_without_the_lock(monkeypatch, krakeel, actor, proposals)
    finally:
        _sql("ALTER TABLE budget_grant ENABLE TRIGGER budget_grant_within_budget")

    assert all(isinstance(o, Grant) for o in outcomes), outcomes
    balance = budget_year_balances(budget_year=year).for_smederij(krakeel).balance
    assert balance.committed == Decimal("12000.00") > balance.pot


# --- emptying the ledger, and who may lift the append-only trigger ---------------------------


@pytest.fixture
def role_with_rights(db):
    """Make a role (undone with the test's transaction) that may read and write our tables."""

    def make(*member_of):
        name = f"smederijen_probe_{uuid.uuid4().hex[:10]}"
        grant_roles = f" IN ROLE {', '.join(member_of)}" if member_of else ""
        _sql(f"CREATE ROLE {name} NOLOGIN{grant_roles}")
        _sql(
            f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO {name}"
        )
        _sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {name}")
        return name

    return make


@contextlib.contextmanager
def connected_as(role):
    """What the application's (or a maintainer's) own login would be: not a superuser."""
    _sql(f"SET ROLE {role}")
    try:
        yield
    finally:
        _sql("RESET ROLE")


@pytest.fixture
def payment(share, krakeel, actor, grant_for):
    grant = grant_for(smederij=krakeel, amount="1000.00")
    return services.payment_create(grant=grant, amount=Decimal("100.00"), actor=actor)


@pytest.mark.django_db
def test_the_application_cannot_lift_the_append_only_trigger(payment, role_with_rights):
    app = role_with_rights()
    with connected_as(app):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            # Anybody may set a custom setting; the trigger does not listen to this role.
            _sql("SET LOCAL smederijen.ledger_maintenance = 'on'")
            Payment.objects.filter(pk=payment.pk).delete()
        with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
            _sql("SET LOCAL session_replication_role = replica")
        with pytest.raises(DatabaseError, match="must be owner"), transaction.atomic():
            _sql("ALTER TABLE budget_payment DISABLE TRIGGER budget_payment_append_only")
    assert Payment.objects.filter(pk=payment.pk).exists()


@pytest.mark.django_db
def test_the_application_cannot_empty_a_ledger_table(payment, role_with_rights):
    app = role_with_rights()
    # PostgreSQL will not truncate a table with checks still pending: run them first.
    _sql("SET CONSTRAINTS ALL IMMEDIATE")
    _sql("SET CONSTRAINTS ALL DEFERRED")
    with connected_as(app):
        for table in ("budget_payment", "budget_release", "budget_refund"):
            refused = pytest.raises(IntegrityError, match=f"TRUNCATE of {table} refused")
            with refused, transaction.atomic():
                _sql(f"TRUNCATE {table}")
        refused = pytest.raises(IntegrityError, match="TRUNCATE of budget_\\w+ refused")
        with refused, transaction.atomic():
            _sql("TRUNCATE budget_grant CASCADE")
    assert Payment.objects.filter(pk=payment.pk).exists()


@pytest.mark.django_db
def test_a_maintainer_must_still_say_so_for_the_transaction(payment, role_with_rights):
    maintainer = role_with_rights(MAINTENANCE_ROLE)
    with connected_as(maintainer):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            Payment.objects.filter(pk=payment.pk).delete()
        with transaction.atomic():
            _sql("SET LOCAL smederijen.ledger_maintenance = 'on'")
            Payment.objects.filter(pk=payment.pk).delete()
    assert not Payment.objects.filter(pk=payment.pk).exists()
