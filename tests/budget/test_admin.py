from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import BudgetYear, BudgetYearChange, BudgetYearChangeKind, SmederijShare
from projecten.models import Klap

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, beheerder):
    client.force_login(beheerder)
    return client


def _year_form(year, **changes):
    data = {
        "total": str(year.total),
        "korte_klap_pot": str(year.korte_klap_pot),
        "lange_klap_pot": str(year.lange_klap_pot),
        "reason": "",
        "shares-TOTAL_FORMS": "0",
        "shares-INITIAL_FORMS": "0",
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "model", ["budgetyear", "grant", "payment", "release", "refund", "reallocation", "sharechange"]
)
def test_budget_lists_load_for_the_administrator(admin_client, year, share, grant_for, model):
    grant_for(smederij=share.smederij)
    response = admin_client.get(reverse(f"admin:budget_{model}_changelist"))
    assert response.status_code == 200


def test_grants_show_money_in_dutch(admin_client, share, grant_for):
    grant_for(smederij=share.smederij, amount="1234.56")
    response = admin_client.get(reverse("admin:budget_grant_changelist"))
    assert "€\xa01.234,56" in response.content.decode()


@pytest.mark.parametrize("model", ["grant", "payment", "release", "refund", "reallocation"])
def test_ledger_cannot_be_added_changed_or_deleted_in_the_admin(
    admin_client, share, grant_for, model
):
    grant = grant_for(smederij=share.smederij)
    assert admin_client.get(reverse(f"admin:budget_{model}_add")).status_code == 403
    if model == "grant":
        change = reverse("admin:budget_grant_change", args=[grant.pk])
        response = admin_client.post(change, {"amount": "999999.00"})
        assert response.status_code == 403
        grant.refresh_from_db()
        assert grant.amount == Decimal("1000.00")
        delete = reverse("admin:budget_grant_delete", args=[grant.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403


def test_administrator_changes_the_split_and_the_history_records_who(admin_client, beheerder, year):
    url = reverse("admin:budget_budgetyear_change", args=[year.pk])
    response = admin_client.post(
        url,
        _year_form(
            year, korte_klap_pot="150000.00", lange_klap_pot="150000.00", reason="Meer lange klap"
        ),
    )
    assert response.status_code == 302, response.content.decode()
    year.refresh_from_db()
    assert year.lange_klap_pot == Decimal("150000.00")
    change = BudgetYearChange.objects.get(kind=BudgetYearChangeKind.CHANGED)
    assert (change.changed_by, change.reason) == (beheerder, "Meer lange klap")


def test_administrator_sees_the_refusal_when_granted_money_would_not_fit(
    admin_client, year, grant_for
):
    grant_for(klap=Klap.LANGE, amount="100000.00")
    url = reverse("admin:budget_budgetyear_change", args=[year.pk])
    response = admin_client.post(
        url, _year_form(year, korte_klap_pot="250000.00", lange_klap_pot="50000.00", reason="x")
    )
    assert response.status_code == 200
    # The refusal of the service, as a form error (amounts read the same in any language).
    errors = str(response.context["errors"])
    assert "€\xa050.000,00" in errors
    assert "€\xa0100.000,00" in errors
    year.refresh_from_db()
    assert year.lange_klap_pot == Decimal("120000.00")


def test_administrator_adds_a_year(admin_client, beheerder):
    response = admin_client.post(
        reverse("admin:budget_budgetyear_add"),
        {"year": "2014", "total": "300000", "korte_klap_pot": "200000", "lange_klap_pot": "100000"},
    )
    assert response.status_code == 302, response.content.decode()
    year = BudgetYear.objects.get(year=2014)
    assert year.changes.get().changed_by == beheerder


def test_administrator_sets_a_share_within_the_rules(admin_client, year, share):
    url = reverse("admin:budget_budgetyear_change", args=[year.pk])
    data = _year_form(
        year,
        **{
            "shares-TOTAL_FORMS": "1",
            "shares-INITIAL_FORMS": "1",
            "shares-0-id": str(share.pk),
            "shares-0-budget_year": str(year.pk),
            "shares-0-amount": "9000.00",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    assert SmederijShare.objects.get().amount == Decimal("9000.00")
    too_much = dict(data, **{"shares-0-amount": "180000.01"})
    response = admin_client.post(url, too_much)
    assert response.status_code == 200
    assert "€\xa0180.000,01" in str(response.context["errors"])
    assert SmederijShare.objects.get().amount == Decimal("9000.00")


def test_closing_a_year_in_the_admin_shows_what_stays_payable(
    admin_client, year, share, grant_for, actor
):
    from budget.services import payment_create

    grant = grant_for(smederij=share.smederij, amount="1000.00")
    payment_create(grant=grant, amount="400.00", actor=actor)

    response = admin_client.post(
        reverse("admin:budget_budgetyear_changelist"),
        {"action": "close_years", "_selected_action": [year.pk]},
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    # The admin speaks Dutch, as its users do.
    assert (
        "Begrotingsjaar 2013 is gesloten. Uit dit jaar kan nog 1 toekenning worden betaald, "
        f"€\xa0600,00 staat open: “{grant.proposal}”: toegekend €\xa01.000,00, "
        "betaald €\xa0400,00, open €\xa0600,00"
    ) in messages
    year.refresh_from_db()
    assert not year.is_open


def test_closing_a_year_with_nothing_left_to_pay_says_so(admin_client, year):
    response = admin_client.post(
        reverse("admin:budget_budgetyear_changelist"),
        {"action": "close_years", "_selected_action": [year.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert "Begrotingsjaar 2013 is gesloten; er staat geen toegekend geld meer open." in messages
