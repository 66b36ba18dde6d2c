"""Every audited kind of change writes an entry: who, when, before and after (decision 0029)."""

# ruff: noqa: F811 (fixtures imported from decisions_fixtures are parameters)

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from celery import shared_task
from django.contrib.contenttypes.models import ContentType

from budget import services as budget_services
from budget.models import BudgetYear, Reallocation, SmederijShare
from projecten.decisions.services import proposal_reject
from projecten.models import Decision
from smederijen.audit import acting, audited_labels
from smederijen.groups.services import initiatiefgroep_join_request_decide
from smederijen.models import InitiatiefgroepJoinRequest, InitiatiefgroepMembership, User
from tests import factories
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    deciding,
    in_june_2013,
    share,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget_year(db):
    return factories.BudgetYearFactory(year=2013)


def entries_for(model, pk=None):
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if pk is not None:
        entries = entries.filter(object_pk=str(pk))
    return entries.order_by("timestamp", "pk")


def test_a_membership_made_by_a_service_names_the_actor(smederij, gebiedsregisseur):
    applicant = factories.ResidentFactory(home_area=smederij.area)
    join_request = InitiatiefgroepJoinRequest.objects.create(user=applicant, smederij=smederij)

    initiatiefgroep_join_request_decide(
        actor=gebiedsregisseur, join_request=join_request, accept=True
    )

    membership = InitiatiefgroepMembership.objects.get(user=applicant, smederij=smederij)
    (entry,) = entries_for(InitiatiefgroepMembership, membership.pk)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == gebiedsregisseur
    assert entry.changes["user"] == [None, applicant.pk]


def test_a_membership_removed_is_recorded_with_what_it_was(smederij, superuser):
    membership = factories.InitiatiefgroepMembershipFactory(smederij=smederij)
    pk = membership.pk
    with acting(superuser):
        membership.delete()

    entry = entries_for(InitiatiefgroepMembership, pk).last()
    assert entry.action == LogEntry.Action.DELETE
    assert entry.actor == superuser
    assert entry.changes["smederij"] == [smederij.pk, None]


def test_a_staff_flag_is_recorded_before_and_after_but_never_the_password_or_name(superuser):
    user = factories.UserFactory()
    with acting(superuser):
        user.is_staff = True
        user.display_name = "Nieuwe Naam"
        user.set_password("een-ander-wachtwoord")
        user.save()

    entry = entries_for(User, user.pk).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == superuser
    # That the name changed, not from what to what; the password not at all.
    assert entry.changes == {
        "is_staff": [False, True],
        "display_name": ["[verborgen]", "[verborgen]"],
    }
    assert entry.object_repr == f"#{user.pk}"
    assert "Persoon" not in str(entry.changes) and "Nieuwe Naam" not in str(entry.changes)


def test_a_permission_group_given_to_a_user_is_recorded(superuser):
    from django.contrib.auth.models import Group

    user = factories.UserFactory()
    group = Group.objects.create(name="Functioneel beheer")
    with acting(superuser):
        user.groups.add(group)

    entry = entries_for(User, user.pk).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == superuser
    assert entry.changes["groups"]["objects"] == [str(group)]
    assert entry.changes["groups"]["operation"] == "add"


def test_a_budget_year_changed_by_the_service_has_before_after_and_actor():
    year = budget_services.budget_year_open(
        year=2013,
        total=Decimal("300000"),
        korte_klap_pot=Decimal("180000"),
        lange_klap_pot=Decimal("120000"),
    )
    stuurgroep = factories.UserFactory()
    budget_services.budget_year_change_total(
        budget_year=year,
        total=Decimal("400000"),
        korte_klap_pot=Decimal("250000"),
        lange_klap_pot=Decimal("150000"),
        actor=stuurgroep,
        reason="Raadsbesluit",
    )

    opened, changed = entries_for(BudgetYear, year.pk)
    # Opened by the seed: no person, and the entry says so.
    assert opened.actor is None and opened.additional_data == {"system": "system"}
    assert changed.actor == stuurgroep
    assert changed.changes["total"] == ["300000.00", "400000.00"]
    assert changed.changes["korte_klap_pot"] == ["180000.00", "250000.00"]


def test_shares_and_reallocations_are_recorded_with_their_actor():
    year = budget_services.budget_year_open(
        year=2013,
        total=Decimal("300000"),
        korte_klap_pot=Decimal("180000"),
        lange_klap_pot=Decimal("120000"),
    )
    one, other = factories.SmederijFactory(), factories.SmederijFactory()
    stuurgroep = factories.UserFactory()
    budget_services.shares_set(
        budget_year=year,
        amounts={one: Decimal("1000"), other: Decimal("500")},
        actor=stuurgroep,
        reason="Verdeling",
    )
    budget_services.shares_set(
        budget_year=year, amounts={one: Decimal("1200")}, actor=stuurgroep, reason="Meer"
    )
    moved = budget_services.share_reallocate(
        budget_year=year,
        from_smederij=one,
        to_smederij=other,
        amount=Decimal("200"),
        actor=stuurgroep,
        reason="Overheveling",
    )

    share = SmederijShare.objects.get(smederij=one)
    created, updated = entries_for(SmederijShare, share.pk)
    assert created.actor == updated.actor == stuurgroep
    assert updated.changes["amount"] == ["1000.00", "1200.00"]
    (entry,) = entries_for(Reallocation, moved.pk)
    assert entry.actor == stuurgroep and entry.changes["amount"] == [None, "200.00"]


def test_shares_divided_by_inhabitants_are_each_recorded():
    year = budget_services.budget_year_open(
        year=2013,
        total=Decimal("300000"),
        korte_klap_pot=Decimal("180000"),
        lange_klap_pot=Decimal("120000"),
    )
    factories.SmederijFactory(area__inhabitants=1000)
    factories.SmederijFactory(area__inhabitants=3000)
    actor = factories.UserFactory()

    shares = budget_services.shares_divide_by_inhabitants(budget_year=year, actor=actor)

    assert entries_for(SmederijShare).filter(actor=actor).count() == len(shares) == 2


def test_a_decision_is_recorded_with_the_gebiedsregisseur(deciding, gebiedsregisseur):
    decision = proposal_reject(proposal=deciding, actor=gebiedsregisseur, motivation="Past niet.")

    (entry,) = entries_for(Decision, decision.pk)
    assert entry.actor == gebiedsregisseur
    assert entry.changes["outcome"] == [None, "rejected"]


@shared_task(name="tests.audit.make_membership")
def make_membership(user_pk, smederij_pk):
    InitiatiefgroepMembership.objects.create(user_id=user_pk, smederij_id=smederij_pk)


def test_a_change_made_by_a_task_names_the_task_as_system(smederij):
    user = factories.ResidentFactory(home_area=smederij.area)

    make_membership.delay(user.pk, smederij.pk)

    entry = entries_for(InitiatiefgroepMembership).get()
    assert entry.actor is None
    assert entry.additional_data == {"system": "system:tests.audit.make_membership"}


def test_an_admin_edit_names_the_administrator(client, superuser, smederij):
    user = factories.UserFactory()
    client.force_login(superuser)
    response = client.post(
        "/beheer/smederijen/gebiedsregisseurassignment/add/",
        {"user": user.pk, "wijkteam": smederij.wijkteam.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    entry = LogEntry.objects.filter(action=LogEntry.Action.CREATE, actor=superuser).last()
    assert entry.content_type.model == "gebiedsregisseurassignment"
    assert entry.changes["user"] == [None, user.pk]


def test_no_ballot_or_ballot_voter_is_ever_audited():
    labels = audited_labels()
    assert not labels & {"projecten.ballot", "projecten.ballotchoice", "projecten.ballotvoter"}
    assert {
        "smederijen.initiatiefgroepmembership",
        "smederijen.wijkteammembership",
        "smederijen.gebiedsregisseurassignment",
        "smederijen.stuurgroepmembership",
        "smederijen.user",
        "budget.budgetyear",
        "budget.smederijshare",
        "budget.reallocation",
        "projecten.decision",
    } <= labels


def test_every_model_the_admin_edits_is_audited():
    from django.contrib import admin

    from smederijen.audit import AUDITED_APPS, NEVER_AUDITED

    expected = {
        model._meta.label_lower
        for model in admin.site._registry
        if model._meta.app_label in AUDITED_APPS
    } - NEVER_AUDITED
    assert expected <= audited_labels()


def test_a_command_is_named_as_the_system_process():
    from smederijen.audit import _process_name

    assert _process_name(["manage.py", "seed"]) == "command:seed"
    assert _process_name(["/srv/app/manage.py", "demo", "--reset"]) == "command:demo"
    assert _process_name(["pytest"]) == "system"


def test_a_change_by_a_visitor_who_is_not_logged_in_says_so(client, smederij):
    factories.PostcodeFactory(code="7901").areas.add(smederij.area)
    response = client.post(
        "/smederijen/account/registreren/",
        {
            "display_name": "Nieuwe Bewoner",
            "email": "nieuw@example.org",
            "password1": "een-lang-wachtwoord-voor-hier",
            "password2": "een-lang-wachtwoord-voor-hier",
            "postcode": "7901 AB",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="nieuw@example.org")
    entries = entries_for(User, user.pk)
    assert entries.first().action == LogEntry.Action.CREATE
    for entry in entries:
        assert entry.actor is None and entry.additional_data == {"system": "anonymous"}
        assert "nieuw@example.org" not in str(entry.changes)
