from decimal import Decimal

import pytest

from budget.models import Grant, Payment, Refund, Release
from budget.selectors import (
    budget_year_balances,
    grant_balance,
    lange_klap_balance,
    share_balance,
    share_balances,
)
from budget.services import (
    grant_release,
    payment_create,
    refund_create,
    share_reallocate,
    shares_set,
)
from projecten.models import Klap
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def weide(year, actor):
    weide = factories.SmederijFactory(area__name="De Weide", area__slug="de-weide")
    shares_set(budget_year=year, amounts={weide: "2000.00"}, actor=actor, reason="x")
    return weide


def test_balances_per_smederij_and_lange_klap(year, share, krakeel, weide, actor, grant_for):
    share_reallocate(
        budget_year=year,
        from_smederij=krakeel,
        to_smederij=weide,
        amount="500.00",
        actor=actor,
        reason="x",
    )
    grant = grant_for(smederij=krakeel, amount="3000.00")
    payment_create(grant=grant, amount="2000.00", actor=actor)
    refund_create(grant=grant, amount="150.00", actor=actor, reason="x")
    grant_release(grant=grant, actor=actor, amount="400.00", reason="x")
    grant_for(smederij=weide, amount="2500.00")
    lange = grant_for(klap=Klap.LANGE, amount="50000.00")
    payment_create(grant=lange, amount="10000.00", actor=actor)

    balances = budget_year_balances(budget_year=year)

    k = balances.for_smederij(krakeel)
    assert (k.reallocated_in, k.reallocated_out) == (Decimal("0.00"), Decimal("500.00"))
    assert (k.balance.pot, k.balance.granted, k.balance.released) == (
        Decimal("7000.00"),
        Decimal("3000.00"),
        Decimal("400.00"),
    )
    assert (k.balance.paid, k.balance.refunded) == (Decimal("2000.00"), Decimal("150.00"))
    assert k.balance.committed == Decimal("2600.00")
    assert k.balance.free == Decimal("4400.00")
    assert k.balance.spent == Decimal("1850.00")
    assert k.balance.open == Decimal("750.00")
    w = balances.for_smederij(weide).balance
    assert (w.pot, w.free) == (Decimal("2500.00"), Decimal("0.00"))
    assert balances.korte.pot == Decimal("9500.00")
    assert balances.korte_undivided == Decimal("170500.00")
    assert (balances.lange.pot, balances.lange.free, balances.lange.paid) == (
        Decimal("120000.00"),
        Decimal("70000.00"),
        Decimal("10000.00"),
    )
    # The one-row selectors the services use under the lock say the same.
    assert share_balance(share=share) == k.balance
    assert lange_klap_balance(budget_year=year) == balances.lange
    assert grant_balance(grant=grant).open == Decimal("750.00")


def test_balances_equal_the_sums_of_the_records(year, share, krakeel, actor, grant_for):
    for amount in ("100.00", "200.00", "300.00"):
        grant = grant_for(smederij=krakeel, amount=amount)
        payment_create(grant=grant, amount="50.00", actor=actor)
        grant_release(grant=grant, actor=actor, amount="25.00", reason="x")
        refund_create(grant=grant, amount="10.00", actor=actor, reason="x")
    balance = budget_year_balances(budget_year=year).for_smederij(krakeel).balance

    def total(model):
        return sum((r.amount for r in model.objects.all()), start=Decimal("0.00"))

    assert balance.granted == total(Grant)
    assert balance.paid == total(Payment)
    assert balance.released == total(Release)
    assert balance.refunded == total(Refund)


def test_balances_of_a_year_without_anything(year):
    balances = budget_year_balances(budget_year=year)
    assert balances.shares == []
    assert balances.korte.pot == Decimal("0.00")
    assert balances.lange.free == Decimal("120000.00")


@pytest.mark.parametrize("grants", [1, 50])
def test_balances_take_a_fixed_number_of_queries(
    year, share, krakeel, actor, grant_for, django_assert_max_num_queries, grants
):
    shares_set(budget_year=year, amounts={krakeel: "100000.00"}, actor=actor, reason="x")
    for _ in range(grants):
        grant = grant_for(smederij=krakeel, amount="10.00")
        payment_create(grant=grant, amount="5.00", actor=actor)
        refund_create(grant=grant, amount="1.00", actor=actor, reason="x")
        grant_release(grant=grant, actor=actor, amount="2.00", reason="x")
        grant_for(klap=Klap.LANGE, amount="10.00")
    with django_assert_max_num_queries(8):
        balances = budget_year_balances(budget_year=year)
    assert balances.for_smederij(krakeel).balance.granted == Decimal("10.00") * grants
    with django_assert_max_num_queries(3):
        share_balance(share=share)
    with django_assert_max_num_queries(2):
        lange_klap_balance(budget_year=year)


def test_share_balances_in_one_query_equal_the_year_balances(
    year, share, grant_for, actor, django_assert_num_queries
):
    other = factories.SmederijFactory()
    shares_set(budget_year=year, amounts={other: Decimal("3000.00")}, actor=actor, reason="x")
    grant = grant_for(smederij=share.smederij, amount="1000.00")
    payment_create(grant=grant, amount=Decimal("400.00"), actor=actor)
    refund_create(grant=grant, amount=Decimal("100.00"), actor=actor, reason="x")
    grant_release(grant=grant, amount=Decimal("200.00"), actor=actor, reason="x")
    share_reallocate(
        budget_year=year,
        from_smederij=other,
        to_smederij=share.smederij,
        amount=Decimal("500.00"),
        actor=actor,
        reason="x",
    )
    with django_assert_num_queries(1):
        lean = share_balances(budget_year=year)
    full = budget_year_balances(budget_year=year).shares
    assert [(s.share.pk, s.reallocated_in, s.reallocated_out, s.balance) for s in lean] == [
        (s.share.pk, s.reallocated_in, s.reallocated_out, s.balance) for s in full
    ]
