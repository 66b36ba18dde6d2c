"""Every admin page answers, lists stay at a fixed number of queries, and the rules the admin keeps.

The models are discovered from the admin's registry, so a model registered
later is covered here without a new test; it needs a factory in
tests/factories.py (or an entry in EXTRA_FACTORIES below).
"""

import datetime
import inspect
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
import pytest
from auditlog.models import LogEntry as AuditLogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budget import services as budget_services
from budget.models import BudgetYear, Grant, Payment, Reallocation, Refund, Release, ShareChange
from projecten.models import CoFunding, Klap, Proposal, ProposalStatus
from smederijen.audit import acting
from smederijen.models import (
    GebiedsregisseurAssignment,
    InitiatiefgroepMembership,
    Organisation,
    Smederij,
    StuurgroepMembership,
    User,
    Wijkteam,
    WijkteamMembership,
)
from tests import factories
from wijken.models import Area, Postcode

pytestmark = pytest.mark.django_db

ADMIN_PASSWORD = "een-lang-beheerderswachtwoord-2013"

EXPECTED_MODELS = {
    User,
    Group,
    Organisation,
    Wijkteam,
    Smederij,
    InitiatiefgroepMembership,
    WijkteamMembership,
    GebiedsregisseurAssignment,
    StuurgroepMembership,
    Area,
    Postcode,
    Proposal,
    CoFunding,
}


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Groep {n}")


class AreaWithPostcodesFactory(factories.AreaFactory):
    """An area as the changelist shows it: with postcodes, so their prefetch is measured."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def postcodes(obj, create, extracted, **kwargs):
        if create:
            obj.postcodes.add(factories.PostcodeFactory(), factories.PostcodeFactory())


class PostcodeInAreasFactory(factories.PostcodeFactory):
    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if create:
            obj.areas.add(factories.AreaFactory(), factories.AreaFactory())


class SmederijWithMembersFactory(factories.SmederijFactory):
    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create:
            factories.InitiatiefgroepMembershipFactory.create_batch(2, smederij=obj)


class ProposalWithPartsFactory(factories.ProposalFactory):
    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def parts(obj, create, extracted, **kwargs):
        if create:
            factories.BudgetLineFactory(proposal=obj)
            factories.CoFundingFactory(proposal=obj)


class AccessLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessLog

    user_agent = "Mozilla/5.0"
    ip_address = "192.0.2.1"
    username = factory.Sequence(lambda n: f"persoon{n}@example.org")
    http_accept = "text/html"
    path_info = "/accounts/login/"


class AccessFailureLogFactory(AccessLogFactory):
    class Meta:
        model = AccessFailureLog


class AccessAttemptFactory(AccessLogFactory):
    class Meta:
        model = AccessAttempt

    get_data = ""
    post_data = "username=persoon@example.org"
    failures_since_start = 1


class BudgetYearSequenceFactory(factories.BudgetYearFactory):
    """tests/factories.py gets or creates 2013; a list of twenty needs twenty years."""

    year = factory.Sequence(lambda n: 2014 + n % 80)


class ServiceBuilder:
    """Makes rows that only the budget services write (the append-only ledger).

    Quacks like a factory for the tests below: call it, or `create_batch(n)`.
    """

    def __init__(self, build):
        self.build = build

    def __call__(self):
        return self.build()

    def create_batch(self, size):
        return [self.build() for _ in range(size)]


IN_2013 = datetime.datetime(2013, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _grant():
    factories.BudgetYearFactory()  # 2013, open, € 120.000 lange klap
    proposal = factories.ProposalFactory(
        klap=Klap.LANGE,
        status=ProposalStatus.DECIDING,
        submitted_at=IN_2013,
        amount_requested=Decimal("1000.00"),
    )
    return budget_services.grant_create(
        proposal=proposal,
        budget_year=2013,
        klap=proposal.klap,
        smederij=proposal.smederij,
        amount=proposal.amount_requested,
        actor=factories.UserFactory(),
        decided_at=IN_2013,
    )


def _payment():
    return budget_services.payment_create(
        grant=_grant(), amount=Decimal("400.00"), actor=factories.UserFactory()
    )


def _release():
    return budget_services.grant_release(
        grant=_grant(), actor=factories.UserFactory(), reason="Gaat niet door"
    )


def _refund():
    payment = _payment()
    return budget_services.refund_create(
        grant=payment.grant, amount=Decimal("50.00"), actor=payment.recorded_by, reason="Over"
    )


def _shares(*smederijen):
    year = factories.BudgetYearFactory()
    return budget_services.shares_set(
        budget_year=year,
        amounts={smederij: Decimal("500.00") for smederij in smederijen},
        actor=factories.UserFactory(),
        reason="Verdeling",
    )


def _share_change():
    (share,) = _shares(factories.SmederijFactory())
    return share.changes.latest("pk")


def _reallocation():
    giver, taker = factories.SmederijFactory(), factories.SmederijFactory()
    _shares(giver, taker)
    return budget_services.share_reallocate(
        budget_year=factories.BudgetYearFactory(),
        from_smederij=giver,
        to_smederij=taker,
        amount=Decimal("100.00"),
        actor=factories.UserFactory(),
        reason="Krakeel heeft meer nodig",
    )


def _log_entry():
    """An audit entry is only ever written by a change (decision 0029)."""
    user, smederij = factories.ResidentFactory(), factories.SmederijFactory()
    with acting(factories.UserFactory()):
        membership = factories.InitiatiefgroepMembershipFactory(user=user, smederij=smederij)
    return AuditLogEntry.objects.get(
        content_type__model="initiatiefgroepmembership", object_pk=str(membership.pk)
    )


# Factories that make a richer object than the plain one in tests/factories.py,
# so that a changelist's columns over relations are really exercised.
EXTRA_FACTORIES = {
    AccessAttempt: AccessAttemptFactory,
    AccessLog: AccessLogFactory,
    AccessFailureLog: AccessFailureLogFactory,
    Group: GroupFactory,
    User: factories.ResidentFactory,
    Area: AreaWithPostcodesFactory,
    Postcode: PostcodeInAreasFactory,
    Smederij: SmederijWithMembersFactory,
    Proposal: ProposalWithPartsFactory,
    BudgetYear: BudgetYearSequenceFactory,
    Grant: ServiceBuilder(_grant),
    Payment: ServiceBuilder(_payment),
    Release: ServiceBuilder(_release),
    Refund: ServiceBuilder(_refund),
    ShareChange: ServiceBuilder(_share_change),
    Reallocation: ServiceBuilder(_reallocation),
    AuditLogEntry: ServiceBuilder(_log_entry),
}


def factory_for(model):
    if model in EXTRA_FACTORIES:
        return EXTRA_FACTORIES[model]
    for candidate in vars(factories).values():
        if (
            inspect.isclass(candidate)
            and issubclass(candidate, factory.django.DjangoModelFactory)
            and candidate._meta.model is model
        ):
            return candidate
    pytest.fail(f"No factory for {model._meta.label}: add one to tests/factories.py.")


REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# The query count is ours to keep for our own apps; django-axes's lists are its own.
OWN_APPS = {"auth", "smederijen", "wijken", "projecten", "budget"}
OWN_REGISTERED = [model for model in REGISTERED if model._meta.app_label in OWN_APPS]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_the_models_of_the_functional_administrator_are_registered():
    assert EXPECTED_MODELS - set(admin.site._registry) == set()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_add_and_change_pages_answer_for_a_superuser(admin_client, superuser, model):
    obj = factory_for(model)()

    for url in (_url(model, "changelist"), _url(model, "change", obj.pk)):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    # Logs (django-axes) cannot be added by hand; everything else can.
    request = RequestFactory().get("/")
    request.user = superuser
    can_add = admin.site._registry[model].has_add_permission(request)
    assert admin_client.get(_url(model, "add")).status_code == (200 if can_add else 403)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_search_and_sort_answer(admin_client, model):
    """A wrong lookup in search_fields or a display ordering only fails when it is used."""
    factory_for(model)()
    model_admin = admin.site._registry[model]
    columns = len(model_admin.get_list_display(None))

    if model_admin.search_fields:
        assert admin_client.get(_url(model, "changelist"), {"q": "a"}).status_code == 200
    for column in range(columns):
        response = admin_client.get(_url(model, "changelist"), {"o": str(column)})
        assert response.status_code == 200, column


@pytest.mark.parametrize("model", OWN_REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_queries_do_not_grow_with_the_number_of_rows(
    admin_client, django_assert_max_num_queries, model
):
    make = factory_for(model)
    make()
    url = _url(model, "changelist")
    with CaptureQueriesContext(connection) as one_row:
        assert admin_client.get(url).status_code == 200

    make.create_batch(19)
    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = admin_client.get(url)
    assert response.context["cl"].result_count >= 20


@pytest.mark.parametrize("path", ["/beheer/", "/beheer/smederijen/smederij/"])
def test_a_user_without_staff_status_is_sent_to_the_admin_login(client, path):
    client.force_login(factories.ResidentFactory())

    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_proposal_status_is_shown_but_not_editable(admin_client):
    proposal = factories.ProposalFactory(status=ProposalStatus.DRAFT)
    url = _url(Proposal, "change", proposal.pk)

    form = admin_client.get(url).context["adminform"].form
    assert "status" not in form.fields
    assert "status" in admin.site._registry[Proposal].get_readonly_fields(None, proposal)

    data = {
        "title": "Een nieuwe titel",
        "smederij": proposal.smederij.pk,
        "submitter": proposal.submitter.pk,
        "klap": proposal.klap,
        "status": ProposalStatus.APPROVED,
        "amount_requested": "1250.00",
        "budget_lines-TOTAL_FORMS": "0",
        "budget_lines-INITIAL_FORMS": "0",
        "co_funding-TOTAL_FORMS": "0",
        "co_funding-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    proposal.refresh_from_db()
    assert proposal.title == "Een nieuwe titel"
    assert proposal.status == ProposalStatus.DRAFT


def test_the_administrator_adds_a_user_who_logs_in_with_the_email_address(admin_client):
    response = admin_client.post(
        _url(User, "add"),
        {
            "email": "Nieuw.Lid@Example.org",
            "display_name": "Nieuw Lid",
            "usable_password": "true",
            "password1": ADMIN_PASSWORD,
            "password2": ADMIN_PASSWORD,
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="nieuw.lid@example.org")
    assert response.url == _url(User, "change", user.pk)
    request = RequestFactory().post("/accounts/login/")
    assert (
        authenticate(request=request, username="nieuw.lid@example.org", password=ADMIN_PASSWORD)
        == user
    )


def test_the_administrator_cannot_add_an_email_address_twice_in_another_case(admin_client):
    factories.UserFactory(email="bea@example.org")

    response = admin_client.post(
        _url(User, "add"),
        {
            "email": "BEA@example.org",
            "display_name": "Bea twee",
            "usable_password": "true",
            "password1": ADMIN_PASSWORD,
            "password2": ADMIN_PASSWORD,
        },
    )

    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert User.objects.filter(email__iexact="bea@example.org").count() == 1


def test_the_user_change_page_shows_the_roles_the_user_holds(admin_client, smederij):
    member = factories.InitiatiefgroepMembershipFactory(smederij=smederij).user

    response = admin_client.get(_url(User, "change", member.pk))

    assert response.status_code == 200
    assert smederij.name in response.text


def test_the_role_filter_lists_only_the_members_of_that_role(admin_client, smederij):
    member = factories.InitiatiefgroepMembershipFactory(smederij=smederij).user
    outsider = factories.ResidentFactory()

    response = admin_client.get(_url(User, "changelist"), {"role": "initiatiefgroep"})

    shown = set(response.context["cl"].result_list)
    assert member in shown
    assert outsider not in shown


def test_a_funded_proposal_keeps_its_money_fields_in_the_admin(admin_client):
    proposal = factories.ProposalFactory(
        status=ProposalStatus.APPROVED,
        amount_requested=Decimal("1000.00"),
        submitted_at=timezone.now(),
    )
    other = factories.SmederijFactory()
    url = _url(Proposal, "change", proposal.pk)
    readonly = admin.site._registry[Proposal].get_readonly_fields(None, proposal)
    assert {"amount_requested", "klap", "smederij", "end_date", "title"} <= set(readonly)

    admin_client.post(
        url,
        {
            "title": "Anders",
            "smederij": other.pk,
            "submitter": proposal.submitter.pk,
            "klap": "lange",
            "amount_requested": "99999.00",
            "budget_lines-TOTAL_FORMS": "0",
            "budget_lines-INITIAL_FORMS": "0",
            "co_funding-TOTAL_FORMS": "0",
            "co_funding-INITIAL_FORMS": "0",
        },
    )
    proposal.refresh_from_db()
    assert (proposal.amount_requested, proposal.klap, proposal.smederij_id, proposal.title) == (
        Decimal("1000.00"),
        "korte",
        proposal.smederij_id,
        proposal.title,
    )
    assert proposal.smederij_id != other.pk


def test_a_submitted_proposal_keeps_its_amount_and_dates_but_not_its_text(admin_client):
    proposal = factories.ProposalFactory(
        status=ProposalStatus.SUBMITTED, submitted_at=timezone.now()
    )
    readonly = set(admin.site._registry[Proposal].get_readonly_fields(None, proposal))
    assert {"amount_requested", "klap", "smederij", "end_date"} <= readonly
    assert "title" not in readonly  # a typo may still be mended before the decision


def test_co_funding_of_a_handed_in_proposal_is_not_edited_in_the_admin(admin_client):
    co_funding = factories.CoFundingFactory(
        proposal=factories.ProposalFactory(
            status=ProposalStatus.APPROVED, submitted_at=timezone.now()
        )
    )
    model_admin = admin.site._registry[type(co_funding)]
    assert "status" in model_admin.get_readonly_fields(None, co_funding)
    assert not model_admin.has_delete_permission(None, co_funding)
    # The inlines on the proposal page follow the same rule.
    proposal_admin = admin.site._registry[Proposal]
    for inline_class in proposal_admin.inlines:
        inline = inline_class(Proposal, admin.site)
        request = RequestFactory().get("/")
        request.user = User.objects.filter(is_superuser=True).first()
        assert not inline.has_change_permission(request, co_funding.proposal)
        assert not inline.has_add_permission(request, co_funding.proposal)


@pytest.mark.parametrize(
    ("url", "dutch", "english"),
    [
        ("/beheer/", "Link om toe te voegen", "Add link"),
        ("/beheer/wijken/area/", "Startpagina", ">Home<"),
        ("/beheer/axes/accessattempt/", "Tijdstip van de poging", "Attempt Time"),
        ("/beheer/smederijen/user/add/", "Nadat u een gebruiker hebt aangemaakt", "After you"),
    ],
)
def test_the_admin_has_no_english_left_in_dutch(admin_client, url, dutch, english):
    """Django and django-axes leave these in English; config/admin_words.py gives them Dutch."""
    admin_client.cookies["django_language"] = "nl"
    page = admin_client.get(url, headers={"accept-language": "nl"}).content.decode()
    assert dutch in page
    assert english not in page
