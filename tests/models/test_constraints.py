"""Every rule the database can state refuses bad data on its own, whatever code writes it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budget.models import BudgetYear
from projecten.models import Proposal, ProposalStatus
from smederijen.models import (
    InitiatiefgroepMembership,
    Smederij,
    StuurgroepMembership,
    StuurgroepSeat,
    User,
    WijkteamMembership,
)
from tests import factories
from wijken.models import Area, Postcode

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_area_slug_and_name_are_unique_regardless_of_case(area):
    refused(lambda: factories.AreaFactory(slug=area.slug))
    refused(lambda: factories.AreaFactory(name=area.name.upper()))


def test_area_kind_must_be_wijk_or_dorp():
    refused(lambda: factories.AreaFactory(kind="stad"))


def test_area_cbs_code_unique_when_given_but_may_be_empty_many_times():
    factories.AreaFactory(cbs_code="")
    factories.AreaFactory(cbs_code="")
    factories.AreaFactory(cbs_code="WK011800")
    refused(lambda: factories.AreaFactory(cbs_code="WK011800"))


def test_postcode_must_be_four_digits_not_starting_with_zero():
    refused(lambda: Postcode.objects.create(code="0123"))
    refused(lambda: Postcode.objects.create(code="79O1"))
    with pytest.raises(ValidationError):
        Postcode(code="790").full_clean()


def test_postcode_may_belong_to_several_areas():
    code = Postcode.objects.create(code="7902")
    code.areas.add(factories.AreaFactory(), factories.AreaFactory())
    assert code.areas.count() == 2


def test_one_smederij_per_area(smederij):
    refused(lambda: factories.SmederijFactory(area=smederij.area, slug="ander", name="Ander"))


def test_smederij_slug_unique(smederij):
    refused(lambda: factories.SmederijFactory(slug=smederij.slug))


def test_area_with_a_smederij_cannot_be_deleted(smederij):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Area.objects.filter(pk=smederij.area_id).delete()


def test_user_email_unique_regardless_of_case():
    factories.UserFactory(email="anna@example.org")
    refused(lambda: factories.UserFactory(email="Anna@Example.org"))


def test_user_manager_stores_email_in_lower_case_and_logs_in_by_it():
    user = User.objects.create_user(
        "Jan.Jansen@Example.ORG", "geheim-wachtwoord-42", display_name="Jan"
    )
    assert user.email == "jan.jansen@example.org"
    assert User.objects.get_by_natural_key("JAN.JANSEN@example.org") == user


def test_one_initiatiefgroep_membership_per_user_and_smederij(initiatiefgroep_member, smederij):
    refused(
        lambda: InitiatiefgroepMembership.objects.create(
            user=initiatiefgroep_member, smederij=smederij
        )
    )


def test_one_wijkteam_membership_per_user_and_team(professional, smederij):
    membership = WijkteamMembership.objects.get(user=professional)
    refused(
        lambda: factories.WijkteamMembershipFactory(user=professional, wijkteam=smederij.wijkteam)
    )
    assert membership.is_kernteam


def test_wijkteam_function_must_be_known(smederij):
    refused(lambda: factories.WijkteamMembershipFactory(function="burgemeester"))


def test_one_gebiedsregisseur_assignment_per_user_and_team(gebiedsregisseur, smederij):
    refused(
        lambda: factories.GebiedsregisseurAssignmentFactory(
            user=gebiedsregisseur, wijkteam=smederij.wijkteam
        )
    )


def test_stuurgroep_partner_needs_organisation_and_resident_has_none():
    refused(lambda: factories.StuurgroepMembershipFactory(organisation=None))
    refused(lambda: factories.StuurgroepMembershipFactory(seat=StuurgroepSeat.RESIDENT))
    resident = factories.StuurgroepMembershipFactory(
        seat=StuurgroepSeat.RESIDENT, organisation=None
    )
    assert resident.pk


def test_stuurgroep_has_one_chair_and_one_seat_per_user(stuurgroep_member):
    factories.StuurgroepMembershipFactory(is_chair=True)
    refused(lambda: factories.StuurgroepMembershipFactory(is_chair=True))
    refused(
        lambda: StuurgroepMembership.objects.create(
            user=stuurgroep_member, seat=StuurgroepSeat.RESIDENT
        )
    )


def test_budget_year_pots_must_add_up_to_the_total():
    refused(
        lambda: BudgetYear.objects.create(
            year=2014,
            total=Decimal("300000.00"),
            korte_klap_pot=Decimal("200000.00"),
            lange_klap_pot=Decimal("99999.99"),
        )
    )


def test_budget_year_amounts_cannot_be_negative():
    refused(
        lambda: BudgetYear.objects.create(
            year=2014,
            total=Decimal("0"),
            korte_klap_pot=Decimal("10"),
            lange_klap_pot=Decimal("-10"),
        )
    )


def test_budget_year_is_unique():
    factories.BudgetYearFactory(year=2013)
    refused(
        lambda: BudgetYear.objects.create(
            year=2013, total=Decimal("1"), korte_klap_pot=Decimal("1"), lange_klap_pot=Decimal("0")
        )
    )


def test_budget_share_one_per_smederij_per_year_and_never_negative(smederij):
    share = factories.SmederijShareFactory(smederij=smederij)
    refused(
        lambda: factories.SmederijShareFactory(smederij=smederij, budget_year=share.budget_year)
    )
    other = factories.SmederijFactory()
    refused(
        lambda: factories.SmederijShareFactory(
            smederij=other, budget_year=share.budget_year, amount=Decimal("-0.01")
        )
    )


def test_money_field_validation_message_for_negative_and_absurd_amounts():
    year = BudgetYear(
        year=2014,
        total=Decimal("10000000.00"),
        korte_klap_pot=Decimal("10000000.00"),
        lange_klap_pot=Decimal("-1"),
    )
    with pytest.raises(ValidationError) as error:
        year.full_clean()
    assert set(error.value.message_dict) >= {"total", "korte_klap_pot", "lange_klap_pot"}


def test_proposal_amounts_must_be_positive():
    refused(lambda: factories.ProposalFactory(amount_requested=Decimal("0.00")))
    refused(lambda: factories.BudgetLineFactory(amount=Decimal("-5.00")))
    refused(lambda: factories.CoFundingFactory(amount=Decimal("0.00")))


def test_proposal_dates_in_order():
    refused(
        lambda: factories.ProposalFactory(
            start_date=datetime.date(2013, 6, 1), end_date=datetime.date(2013, 5, 31)
        )
    )
    assert factories.ProposalFactory(
        start_date=datetime.date(2013, 6, 1), end_date=datetime.date(2013, 6, 1)
    ).pk


def test_proposal_status_klap_and_cofunding_choices_are_enforced():
    refused(lambda: factories.ProposalFactory(status="goedgekeurd"))
    refused(lambda: factories.ProposalFactory(klap="mid"))
    refused(lambda: factories.CoFundingFactory(kind="loterij"))
    refused(lambda: factories.CoFundingFactory(status="misschien"))


def test_submitted_proposal_records_when():
    refused(lambda: factories.ProposalFactory(status=ProposalStatus.SUBMITTED, submitted_at=None))


def test_smederij_cannot_be_deleted_while_it_has_proposals():
    from django.db.models import ProtectedError

    proposal = factories.ProposalFactory()
    with pytest.raises(ProtectedError):
        Smederij.objects.filter(pk=proposal.smederij_id).delete()
    assert Proposal.objects.filter(pk=proposal.pk).exists()
