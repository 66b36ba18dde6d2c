"""The stuurgroep's pages of the pot: who may open them, what they show, and every change
through its check page to the budget service, with each refusal on the form and nothing
written (docs/decisions/0034)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget import services
from budget.models import BudgetYear, BudgetYearChange, Reallocation, ShareChange, SmederijShare
from projecten.models import Klap
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def stuurgroep(stuurgroep_member, client):
    client.force_login(stuurgroep_member)
    return client


@pytest.fixture
def zuid(db):
    return factories.SmederijFactory(area__name="Zuid", area__slug="zuid", area__inhabitants=6000)


@pytest.fixture
def two_shares(year, krakeel, zuid, actor):
    return services.shares_set(
        budget_year=year,
        amounts={krakeel: Decimal("7500.00"), zuid: Decimal("9000.00")},
        actor=actor,
        reason="Verdeling van de stuurgroep",
    )


def fingerprint():
    """Everything a change of the pot may write."""
    return (
        list(BudgetYear.objects.order_by("pk").values_list("year", "total", "korte_klap_pot")),
        list(SmederijShare.objects.order_by("pk").values_list("smederij_id", "amount")),
        BudgetYearChange.objects.count(),
        ShareChange.objects.count(),
        Reallocation.objects.count(),
    )


def post(client, name, data, year=None):
    url = reverse(name, kwargs={"year": year} if year else {})
    return client.post(url, data)


# --- who may ------------------------------------------------------------------------------


def test_visitor_is_sent_to_login_and_resident_is_refused(client, resident, year):
    url = reverse("budget:year-list")
    assert client.get(url).status_code == 302
    client.force_login(resident)
    assert client.get(url).status_code == 403
    assert client.get(reverse("budget:year-detail", kwargs={"year": 2013})).status_code == 403


def test_administrator_sees_the_pot_but_cannot_change_it(client, beheerder, year):
    client.force_login(beheerder)
    page = client.get(reverse("budget:year-detail", kwargs={"year": 2013}))
    assert page.status_code == 200
    assert page.context["change_links"] == []
    assert client.get(reverse("budget:year-open")).status_code == 403
    assert client.get(reverse("budget:year-split", kwargs={"year": 2013})).status_code == 403


def test_every_stuurgroep_member_may_change_the_pot_resident_seat_too(client, year):
    member = factories.StuurgroepMembershipFactory(seat="bewoner", organisation=None).user
    client.force_login(member)
    assert client.get(reverse("budget:year-split", kwargs={"year": 2013})).status_code == 200


# --- what the pages show ----------------------------------------------------------------


def test_year_list_shows_each_year_with_its_pot(stuurgroep, year):
    page = stuurgroep.get(reverse("budget:year-list"))
    assert page.status_code == 200
    assert [y.year for y in page.context["years"]] == [2013]
    assert "180.000,00" in page.content.decode()


def test_year_page_shows_every_smederij_with_granted_and_free(
    stuurgroep, year, two_shares, krakeel, zuid, grant_for
):
    without_share = factories.SmederijFactory(area__name="Elim")
    grant_for(smederij=krakeel, amount="1000.00")
    page = stuurgroep.get(reverse("budget:year-detail", kwargs={"year": 2013}))
    rows = {smederij.pk: share for smederij, share in page.context["rows"]}
    assert rows[without_share.pk] is None
    assert rows[krakeel.pk].balance.committed == Decimal("1000.00")
    assert rows[krakeel.pk].balance.free == Decimal("6500.00")
    assert rows[zuid.pk].balance.free == Decimal("9000.00")


def test_year_page_history_says_before_after_who_and_why(stuurgroep, stuurgroep_member, year):
    services.budget_year_change_split(
        budget_year=year,
        korte_klap_pot=Decimal("170000.00"),
        lange_klap_pot=Decimal("130000.00"),
        actor=stuurgroep_member,
        reason="Meer voor lange klap",
    )
    page = stuurgroep.get(reverse("budget:year-detail", kwargs={"year": 2013}))
    latest = page.context["history"][0]
    assert (latest.korte_before, latest.korte_after) == (Decimal("180000.00"), Decimal("170000.00"))
    assert latest.by == stuurgroep_member.display_name
    assert latest.reason == "Meer voor lange klap"
    assert "Meer voor lange klap" in page.content.decode()


@pytest.mark.parametrize("smederijen", [2, 24])
def test_year_page_costs_the_same_queries_whatever_the_size(
    stuurgroep, year, actor, django_assert_max_num_queries, smederijen
):
    created = [factories.SmederijFactory() for _ in range(smederijen)]
    services.shares_set(
        budget_year=year, amounts=dict.fromkeys(created, Decimal("100.00")), actor=actor, reason="x"
    )
    with django_assert_max_num_queries(15):
        assert (
            stuurgroep.get(reverse("budget:year-detail", kwargs={"year": 2013})).status_code == 200
        )


# --- opening a year -----------------------------------------------------------------------

POT_2014 = {
    "year": "2014",
    "total": "300.000,00",
    "korte_klap_pot": "10.000,00",
    "lange_klap_pot": "290.000,00",
    "reason": "Besluit stuurgroep 12 december",
}


def test_opening_proposes_the_shares_in_proportion_to_inhabitants(stuurgroep, krakeel, zuid):
    # Krakeel 4000 and Zuid 6000 inhabitants: 40 and 60 per cent of € 10.000.
    page = post(stuurgroep, "budget:year-open", {**POT_2014, "action": "propose"})
    assert page.status_code == 200
    form = page.context["form"]
    assert form[f"share_{krakeel.pk}"].value() == "4.000,00"
    assert form[f"share_{zuid.pk}"].value() == "6.000,00"
    assert not BudgetYear.objects.filter(year=2014).exists()


def test_opening_check_shows_the_shares_and_writes_nothing(stuurgroep, krakeel, zuid):
    before = fingerprint()
    data = {**POT_2014, f"share_{krakeel.pk}": "5.000,00", f"share_{zuid.pk}": "5.000,00"}
    page = post(stuurgroep, "budget:year-open", {**data, "action": "check"})
    assert page.status_code == 200
    shares = {s.pk: (proposed, amount) for s, proposed, amount in page.context["shares"]}
    assert shares[krakeel.pk] == (Decimal("4000.00"), Decimal("5000.00"))
    assert page.context["undivided"] == Decimal("0.00")
    assert fingerprint() == before


def test_opening_confirmed_opens_the_year_with_its_shares_and_history(
    stuurgroep, stuurgroep_member, krakeel, zuid
):
    data = {**POT_2014, f"share_{krakeel.pk}": "5.000,00", f"share_{zuid.pk}": "4.000,00"}
    response = post(stuurgroep, "budget:year-open", {**data, "action": "confirm"})
    assert response.status_code == 302
    assert response.url == reverse("budget:year-detail", kwargs={"year": 2014})
    year = BudgetYear.objects.get(year=2014)
    assert (year.total, year.korte_klap_pot) == (Decimal("300000.00"), Decimal("10000.00"))
    assert dict(year.shares.values_list("smederij_id", "amount")) == {
        krakeel.pk: Decimal("5000.00"),
        zuid.pk: Decimal("4000.00"),
    }
    change = year.changes.get()
    assert (change.changed_by, change.reason) == (stuurgroep_member, POT_2014["reason"])
    assert set(ShareChange.objects.values_list("changed_by", flat=True)) == {stuurgroep_member.pk}


def test_opening_with_shares_above_the_korte_klap_pot_is_refused_and_writes_nothing(
    stuurgroep, krakeel, zuid
):
    before = fingerprint()
    data = {**POT_2014, f"share_{krakeel.pk}": "6.000,00", f"share_{zuid.pk}": "6.000,00"}
    page = post(stuurgroep, "budget:year-open", {**data, "action": "confirm"})
    assert page.status_code == 400
    assert [e.code for e in page.context["form"].non_field_errors().as_data()] == [
        "shares_exceed_pot"
    ]
    assert "6.000,00" in page.content.decode()  # what was typed stays
    assert fingerprint() == before


def test_opening_a_year_that_exists_is_refused_and_writes_nothing(stuurgroep, year, krakeel):
    before = fingerprint()
    data = {**POT_2014, "year": "2013", f"share_{krakeel.pk}": "1.000,00"}
    page = post(stuurgroep, "budget:year-open", {**data, "action": "confirm"})
    assert page.status_code == 400
    assert "year_exists" in [e.code for e in page.context["form"].non_field_errors().as_data()]
    assert fingerprint() == before


def test_opening_with_a_split_that_does_not_add_up_says_so_in_dutch(stuurgroep, krakeel):
    page = post(
        stuurgroep, "budget:year-open", {**POT_2014, "lange_klap_pot": "1,00", "action": "propose"}
    )
    assert page.status_code == 400
    assert "samen moeten het totaal zijn" in page.content.decode()
    assert not BudgetYear.objects.filter(year=2014).exists()


# --- the split ------------------------------------------------------------------------------

SPLIT = {
    "total": "300.000,00",
    "korte_klap_pot": "170.000,00",
    "lange_klap_pot": "130.000,00",
    "reason": "Meer voor lange klap",
}


def test_split_check_shows_before_and_after_and_writes_nothing(stuurgroep, year):
    before = fingerprint()
    page = post(stuurgroep, "budget:year-split", {**SPLIT, "action": "check"}, year=2013)
    assert page.status_code == 200
    assert page.context["rows"][1][1:] == (Decimal("180000.00"), Decimal("170000.00"))
    assert fingerprint() == before


def test_split_confirmed_moves_money_between_the_pots(stuurgroep, stuurgroep_member, year):
    response = post(stuurgroep, "budget:year-split", {**SPLIT, "action": "confirm"}, year=2013)
    assert response.status_code == 302
    year.refresh_from_db()
    assert (year.korte_klap_pot, year.lange_klap_pot) == (
        Decimal("170000.00"),
        Decimal("130000.00"),
    )
    assert year.changes.latest("pk").changed_by == stuurgroep_member


def test_new_total_is_saved_with_its_split(stuurgroep, year):
    data = {**SPLIT, "total": "400.000,00", "lange_klap_pot": "230.000,00", "action": "confirm"}
    assert post(stuurgroep, "budget:year-split", data, year=2013).status_code == 302
    year.refresh_from_db()
    assert year.total == Decimal("400000.00")


def test_split_leaving_lange_klap_grants_uncovered_is_refused_and_writes_nothing(
    stuurgroep, year, grant_for
):
    grant_for(klap=Klap.LANGE, amount="115000.00")
    before = fingerprint()
    data = {**SPLIT, "korte_klap_pot": "190.000,00", "lange_klap_pot": "110.000,00"}
    page = post(stuurgroep, "budget:year-split", {**data, "action": "confirm"}, year=2013)
    assert page.status_code == 400
    assert [e.code for e in page.context["form"].non_field_errors().as_data()] == [
        "lange_below_granted"
    ]
    assert fingerprint() == before


def test_split_below_the_divided_shares_is_refused(stuurgroep, year, two_shares):
    before = fingerprint()
    data = {**SPLIT, "korte_klap_pot": "1.000,00", "lange_klap_pot": "299.000,00"}
    page = post(stuurgroep, "budget:year-split", {**data, "action": "confirm"}, year=2013)
    assert page.status_code == 400
    assert fingerprint() == before


def test_a_closed_year_cannot_be_changed(stuurgroep, year):
    services.budget_year_close(budget_year=year)
    for name in ("budget:year-split", "budget:shares", "budget:reallocate"):
        assert stuurgroep.get(reverse(name, kwargs={"year": 2013})).status_code == 404


# --- the shares ----------------------------------------------------------------------------


def shares_data(krakeel, zuid, k, z, **extra):
    return {f"share_{krakeel.pk}": k, f"share_{zuid.pk}": z, "reason": "Herzien", **extra}


def test_shares_form_fills_in_the_division_by_inhabitants(stuurgroep, year, krakeel, zuid):
    page = post(
        stuurgroep, "budget:shares", shares_data(krakeel, zuid, "", "", action="propose"), year=2013
    )
    form = page.context["form"]
    # € 180.000 over 4000 and 6000 inhabitants.
    assert form[f"share_{krakeel.pk}"].value() == "72.000,00"
    assert form[f"share_{zuid.pk}"].value() == "108.000,00"
    assert form["reason"].value() == "Herzien"


def test_shares_check_shows_only_the_changed_shares(stuurgroep, year, two_shares, krakeel, zuid):
    data = shares_data(krakeel, zuid, "8.000,00", "9.000,00", action="check")
    page = post(stuurgroep, "budget:shares", data, year=2013)
    assert page.context["rows"][0] == ("Krakeel", Decimal("7500.00"), Decimal("8000.00"))
    assert len(page.context["rows"]) == 2  # Krakeel and the total


def test_shares_confirmed_are_set_with_who_and_why(
    stuurgroep, stuurgroep_member, year, two_shares, krakeel, zuid
):
    data = shares_data(krakeel, zuid, "8.000,00", "9.000,00", action="confirm")
    assert post(stuurgroep, "budget:shares", data, year=2013).status_code == 302
    change = ShareChange.objects.latest("pk")
    assert (change.previous_amount, change.amount) == (Decimal("7500.00"), Decimal("8000.00"))
    assert (change.changed_by, change.reason) == (stuurgroep_member, "Herzien")


def test_share_below_what_was_granted_is_refused_and_writes_nothing(
    stuurgroep, year, two_shares, krakeel, zuid, grant_for
):
    grant_for(smederij=krakeel, amount="5000.00")
    before = fingerprint()
    data = shares_data(krakeel, zuid, "4.000,00", "9.000,00", action="confirm")
    page = post(stuurgroep, "budget:shares", data, year=2013)
    assert page.status_code == 400
    assert [e.code for e in page.context["form"].non_field_errors().as_data()] == [
        "share_below_granted"
    ]
    assert page.context["form"][f"share_{krakeel.pk}"].value() == "4.000,00"
    assert fingerprint() == before


def test_shares_above_the_pot_are_refused_and_write_nothing(
    stuurgroep, year, two_shares, krakeel, zuid
):
    before = fingerprint()
    data = shares_data(krakeel, zuid, "100.000,00", "90.000,00", action="confirm")
    page = post(stuurgroep, "budget:shares", data, year=2013)
    assert page.status_code == 400
    assert fingerprint() == before


def test_shares_without_a_reason_are_refused(stuurgroep, year, two_shares, krakeel, zuid):
    before = fingerprint()
    data = shares_data(krakeel, zuid, "8.000,00", "9.000,00", action="confirm", reason="")
    assert post(stuurgroep, "budget:shares", data, year=2013).status_code == 400
    assert fingerprint() == before


# --- moving money ----------------------------------------------------------------------------


def move(krakeel, zuid, amount, **extra):
    return {
        "from_smederij": krakeel.pk,
        "to_smederij": zuid.pk,
        "amount": amount,
        "reason": "Krakeel heeft over",
        **extra,
    }


def test_reallocation_check_shows_both_budgets_before_and_after(
    stuurgroep, year, two_shares, krakeel, zuid
):
    before = fingerprint()
    page = post(
        stuurgroep, "budget:reallocate", move(krakeel, zuid, "500,00", action="check"), year=2013
    )
    assert page.status_code == 200
    assert page.context["rows"][0][1:] == (Decimal("7500.00"), Decimal("7000.00"))
    assert page.context["rows"][2][1:] == (Decimal("9000.00"), Decimal("9500.00"))
    assert fingerprint() == before


def test_reallocation_confirmed_moves_the_money_once(
    stuurgroep, stuurgroep_member, year, two_shares, krakeel, zuid
):
    data = move(krakeel, zuid, "500,00", action="confirm")
    assert post(stuurgroep, "budget:reallocate", data, year=2013).status_code == 302
    # A double click posts the same form again: nothing more moves.
    assert post(stuurgroep, "budget:reallocate", data, year=2013).status_code == 302
    moved = Reallocation.objects.get()
    assert (moved.amount, moved.recorded_by) == (Decimal("500.00"), stuurgroep_member)


def test_reallocation_of_more_than_is_free_is_refused_and_writes_nothing(
    stuurgroep, year, two_shares, krakeel, zuid, grant_for
):
    grant_for(smederij=krakeel, amount="7000.00")
    before = fingerprint()
    page = post(
        stuurgroep, "budget:reallocate", move(krakeel, zuid, "600,00", action="confirm"), year=2013
    )
    assert page.status_code == 400
    assert [e.code for e in page.context["form"].non_field_errors().as_data()] == [
        "insufficient_budget"
    ]
    assert page.context["form"]["amount"].value() == "600,00"
    assert fingerprint() == before


def test_reallocation_to_the_same_smederij_is_refused(stuurgroep, year, two_shares, krakeel, zuid):
    before = fingerprint()
    data = move(krakeel, krakeel, "100,00", action="confirm")
    page = post(stuurgroep, "budget:reallocate", data, year=2013)
    assert page.status_code == 400
    assert page.context["form"].errors["to_smederij"]
    assert fingerprint() == before


def test_a_resident_posting_a_change_moves_nothing(
    client, resident, year, two_shares, krakeel, zuid
):
    client.force_login(resident)
    before = fingerprint()
    response = post(
        client, "budget:reallocate", move(krakeel, zuid, "100,00", action="confirm"), year=2013
    )
    assert response.status_code == 403
    assert fingerprint() == before
