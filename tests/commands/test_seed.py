from decimal import Decimal

import pytest
from django.core.management import call_command

from budget.models import BudgetYear, BudgetYearStatus, SmederijShare
from smederijen.models import Organisation, Smederij, Wijkteam
from wijken.models import Area, AreaKind, Postcode

pytestmark = pytest.mark.django_db


def _snapshot():
    """Everything the seed writes, as comparable values."""
    return {
        "areas": list(Area.objects.values_list("name", "slug", "kind", "inhabitants")),
        "postcodes": sorted(
            Area.postcodes.through.objects.values_list("area__name", "postcode__code")
        ),
        "smederijen": list(Smederij.objects.values_list("name", "slug", "wijkteam__name")),
        "wijkteams": list(Wijkteam.objects.values_list("name", "slug")),
        "organisations": list(Organisation.objects.values_list("name", "kind")),
        "years": list(BudgetYear.objects.values_list("year", "total", "korte_klap_pot", "status")),
        "shares": list(
            SmederijShare.objects.values_list("budget_year__year", "smederij__name", "amount")
        ),
    }


def test_seed_loads_24_smederijen_in_16_wijken_and_8_dorpen():
    call_command("seed")

    assert Smederij.objects.count() == 24
    assert Area.objects.wijken().count() == 16
    assert Area.objects.dorpen().count() == 8
    assert set(Smederij.objects.values_list("area__kind", flat=True)) == set(AreaKind.values)


def test_seed_loads_the_four_wijkteams_that_cover_the_smederijen():
    call_command("seed")

    teams = {team.name: team.smederijen.count() for team in Wijkteam.objects.all()}
    assert teams == {"Centrum": 8, "De Weide": 5, "Dorpen": 8, "Wolfsbos/Zuid/Krakeel": 3}


def test_seed_loads_the_six_partners_of_2013():
    call_command("seed")

    assert set(Organisation.objects.values_list("name", flat=True)) == {
        "Gemeente Hoogeveen",
        "Actium",
        "Domesta",
        "Woonconcept",
        "Stichting Welzijnswerk",
        "Politie Drenthe",
    }


def test_seed_gives_postcodes_that_can_point_to_several_areas():
    call_command("seed")

    assert list(Area.objects.for_postcode("7902 AB").values_list("name", flat=True)) == [
        "Centrum",
        "Oost",
        "Verzetsbuurt",
        "Zeeheldenbuurt",
    ]
    assert list(Area.objects.for_postcode("7913").values_list("name", flat=True)) == [
        "Hollandscheveld"
    ]
    assert not Area.objects.for_postcode("7910").exists()
    assert Postcode.objects.filter(code="7931").get().areas.get().name == "Fluitenberg en Stuifzand"


def test_seed_opens_2012_with_400000_korte_klap_and_2013_with_300000_split():
    call_command("seed")

    y2012 = BudgetYear.objects.get(year=2012)
    y2013 = BudgetYear.objects.get(year=2013)
    assert (y2012.total, y2012.korte_klap_pot, y2012.lange_klap_pot) == (
        Decimal("400000.00"),
        Decimal("400000.00"),
        Decimal("0.00"),
    )
    assert y2012.status == BudgetYearStatus.CLOSED
    assert y2013.total == Decimal("300000.00")
    assert y2013.korte_klap_pot + y2013.lange_klap_pot == y2013.total
    assert y2013.lange_klap_pot > 0
    assert y2013.status == BudgetYearStatus.OPEN


def test_seed_divides_korte_klap_pot_to_the_cent_in_proportion_to_inhabitants():
    call_command("seed")

    for year in BudgetYear.objects.all():
        assert year.shares.count() == 24
        assert sum(s.amount for s in year.shares.all()) == year.korte_klap_pot
    year = BudgetYear.objects.get(year=2013)
    krakeel = year.shares.get(smederij__name="Krakeel").amount
    tiendeveen = year.shares.get(smederij__name="Tiendeveen").amount
    # 3000 and 650 inhabitants: the shares keep that ratio up to a cent of rounding.
    assert abs(krakeel * 650 - tiendeveen * 3000) <= Decimal("0.01") * 3000


def test_seed_twice_changes_nothing():
    call_command("seed")
    first = _snapshot()

    call_command("seed")

    assert _snapshot() == first


def test_seed_keeps_corrections_made_in_the_admin_to_smederij_names():
    call_command("seed")
    Smederij.objects.filter(name="Krakeel").update(name="Smederij Krakeel")

    call_command("seed")

    assert Smederij.objects.filter(name="Smederij Krakeel").exists()
    assert Smederij.objects.count() == 24


def test_seed_creates_the_functional_administrators_group_with_our_apps_permissions():
    from django.contrib.auth.models import Group

    call_command("seed")

    group = Group.objects.get(name="Functioneel beheer")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("smederijen", "change_wijkteam") in codenames
    assert ("wijken", "add_area") in codenames
    assert not any(app == "auth" for app, _ in codenames)


def test_seed_opens_the_current_year_on_the_figures_of_the_last_listed_year():
    """Money is granted in the year of the decision: a fresh install can decide today."""
    from django.utils import timezone

    call_command("seed")

    this_year = BudgetYear.objects.get(year=timezone.localdate().year)
    y2013 = BudgetYear.objects.get(year=2013)
    assert this_year.status == BudgetYearStatus.OPEN
    assert (this_year.total, this_year.korte_klap_pot, this_year.lange_klap_pot) == (
        y2013.total,
        y2013.korte_klap_pot,
        y2013.lange_klap_pot,
    )
    assert this_year.shares.count() == 24
    assert sum(s.amount for s in this_year.shares.all()) == this_year.korte_klap_pot


def test_seed_leaves_a_current_year_that_exists_as_it_is():
    from django.utils import timezone

    from budget.services import budget_year_open

    year = timezone.localdate().year
    budget_year_open(
        year=year,
        total=Decimal("250000.00"),
        korte_klap_pot=Decimal("250000.00"),
        lange_klap_pot=Decimal("0.00"),
    )

    call_command("seed")

    assert BudgetYear.objects.get(year=year).total == Decimal("250000.00")
