"""Pages of the verantwoording: the role matrix of each, filing through the form, the late list."""

# The fixtures imported from tests.projecten.after_funding are parameters of the tests.
# ruff: noqa: F811

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from projecten.models import Accounting, AccountingStatus, ProposalStatus
from tests import factories
from tests.projecten.after_funding import DUE, running  # noqa: F401 (fixtures)
from tests.projecten.roles import ROLES, login
from tests.projecten.uploads import exe_named_pdf, pdf, png

pytestmark = pytest.mark.django_db

ALL_ROLES = (*ROLES, "submitter")


def login_as(client, role, request, smederij, other_smederij):
    if role == "submitter":
        user = request.getfixturevalue("resident")
        client.force_login(user)
        return user
    return login(client, role, smederij, other_smederij)


def expected(allowed: set[str], refused: int = 403) -> dict[str, int]:
    return {
        role: 302 if role == "visitor" else (200 if role in allowed else refused)
        for role in ALL_ROLES
    }


def form_data(proposal, amounts=("900,00", "450,00"), extra=()):
    lines = list(proposal.budget_lines.all())
    data = {
        "report": "De baan ligt er; elke woensdag spelen buren samen.",
        "participants": "40",
        "lines-TOTAL_FORMS": str(len(lines) + len(extra)),
        "lines-INITIAL_FORMS": "0",
    }
    for i, (line, amount) in enumerate(zip(lines, amounts, strict=True)):
        data.update(
            {
                f"lines-{i}-budget_line": str(line.pk),
                f"lines-{i}-description": line.description,
                f"lines-{i}-amount": amount,
            }
        )
    for j, (description, amount) in enumerate(extra, start=len(lines)):
        data.update({f"lines-{j}-description": description, f"lines-{j}-amount": amount})
    return data


@pytest.fixture
def filed(running, resident):
    return factories.AccountingFactory(proposal=running, submitted_by=resident)


def _accounted(running):
    running.status = ProposalStatus.ACCOUNTED
    running.save()


# --- the role matrices ---------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), expected({"submitter"}).items())
def test_filing_form_by_role(client, request, running, smederij, other_smederij, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:accounting-create", args=[running.pk]))
    assert response.status_code == status


VIEWERS = {"submitter", "professional", "gebiedsregisseur", "stuurgroep_member"}


@pytest.mark.parametrize(("role", "status"), expected(VIEWERS).items())
def test_verantwoording_page_by_role(
    client, request, running, filed, smederij, other_smederij, role, status
):
    _accounted(running)
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:accounting-detail", args=[running.pk]))
    assert response.status_code == status
    if status != 200:
        assert filed.report.encode() not in response.content


def test_verantwoording_of_a_proposal_not_visible_answers_404(client, submitted, other_smederij):
    client.force_login(factories.ResidentFactory(home_area=other_smederij.area))
    for name in ("accounting-detail", "accounting-create"):
        assert client.get(reverse(f"projecten:{name}", args=[submitted.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    {role: (302 if role in {"visitor", "gebiedsregisseur"} else 403) for role in ALL_ROLES}.items(),
)
def test_checking_by_role(client, request, running, filed, smederij, other_smederij, role, status):
    _accounted(running)
    login_as(client, role, request, smederij, other_smederij)
    response = client.post(
        reverse("projecten:accounting-check", args=[running.pk]), {"decision": "approve"}
    )
    assert response.status_code == status
    filed.refresh_from_db()
    assert (filed.status == AccountingStatus.APPROVED) == (role == "gebiedsregisseur")


@pytest.mark.parametrize(("role", "status"), expected({"gebiedsregisseur"}).items())
def test_overview_by_role(client, request, smederij, other_smederij, role, status):
    login_as(client, role, request, smederij, other_smederij)
    response = client.get(reverse("projecten:accounting-overview", args=[smederij.slug]))
    assert response.status_code == status


# --- filing through the form ---------------------------------------------------------------------


def test_form_starts_with_the_budget_lines_of_the_proposal(client, resident, running):
    client.force_login(resident)
    response = client.get(reverse("projecten:accounting-create", args=[running.pk]))
    content = response.content.decode()
    assert "Ballen en baan" in content and "Openingsfeest" in content
    first = running.budget_lines.first()
    assert f'name="lines-0-budget_line" value="{first.pk}"' in content


def test_submitter_files_through_the_form(
    client, resident, running, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    data = form_data(running, extra=[("Extra ballen", "25,50")])
    data.update({"receipts": [pdf("bon1.pdf"), png("bon2.png")], "photos": [png("feest.png")]})
    data["publish_consent"] = "on"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("projecten:accounting-create", args=[running.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("projecten:accounting-detail", args=[running.pk])
    accounting = Accounting.objects.get()
    assert accounting.spent_total == Decimal("1375.50")
    assert accounting.attachments.count() == 3
    assert accounting.attachments.get(kind="photo").publish_consent is True
    running.refresh_from_db()
    assert running.status == ProposalStatus.ACCOUNTED
    assert mail.outbox


def test_form_without_receipt_is_refused_and_keeps_what_was_typed(client, resident, running):
    client.force_login(resident)
    with translation.override("en"):
        response = client.post(
            reverse("projecten:accounting-create", args=[running.pk]), form_data(running)
        )
    assert response.status_code == 400
    assert "receipts" in response.context["form"].errors
    assert b"elke woensdag spelen buren samen" in response.content
    assert not Accounting.objects.exists()


def test_form_with_a_negative_amount_is_refused_beside_the_line(client, resident, running):
    client.force_login(resident)
    data = form_data(running, amounts=("-5,00", "450,00"))
    data["receipts"] = [pdf()]
    response = client.post(reverse("projecten:accounting-create", args=[running.pk]), data)
    assert response.status_code == 400
    assert "amount" in response.context["formset"].forms[0].errors
    assert not Accounting.objects.exists()


def test_form_with_an_empty_planned_line_asks_for_an_amount(client, resident, running):
    client.force_login(resident)
    data = form_data(running, amounts=("", "450,00"))
    data["receipts"] = [pdf()]
    response = client.post(reverse("projecten:accounting-create", args=[running.pk]), data)
    assert response.status_code == 400
    assert "amount" in response.context["formset"].forms[0].errors


def test_form_with_a_receipt_that_lies_is_refused(client, resident, running):
    client.force_login(resident)
    data = form_data(running)
    data["receipts"] = [exe_named_pdf()]
    response = client.post(reverse("projecten:accounting-create", args=[running.pk]), data)
    assert response.status_code == 400
    assert "receipts" in response.context["form"].errors


def test_filing_twice_through_the_form_is_refused(client, resident, running, filed):
    _accounted(running)
    client.force_login(resident)
    assert client.get(reverse("projecten:accounting-create", args=[running.pk])).status_code == 403


def test_after_more_was_asked_the_form_shows_the_message_and_the_old_lines(
    client, resident, running, filed
):
    _accounted(running)
    factories.AccountingLineFactory(accounting=filed, description="Oude regel")
    filed.status = AccountingStatus.MORE_REQUESTED
    filed.review_message = "De bon van het feest ontbreekt."
    filed.save()
    client.force_login(resident)
    response = client.get(reverse("projecten:accounting-create", args=[running.pk]))
    assert response.status_code == 200
    assert b"De bon van het feest ontbreekt." in response.content
    assert b"Oude regel" in response.content


# --- the verantwoording page and its check -------------------------------------------------------


def test_page_shows_what_is_to_be_paid_back(client, resident, running, filed):
    _accounted(running)
    factories.AccountingLineFactory(accounting=filed, amount=Decimal("1200.00"))
    client.force_login(resident)
    response = client.get(reverse("projecten:accounting-detail", args=[running.pk]))
    assert response.context["settlement"].to_pay_back == Decimal("300.00")
    assert "300,00" in response.content.decode()


def test_gebiedsregisseur_asks_for_more_with_a_message(client, gebiedsregisseur, running, filed):
    _accounted(running)
    client.force_login(gebiedsregisseur)
    response = client.post(
        reverse("projecten:accounting-check", args=[running.pk]),
        {"decision": "more", "message": "Graag de bon van het feest."},
    )
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == AccountingStatus.MORE_REQUESTED


def test_asking_for_more_without_a_message_is_refused_beside_the_field(
    client, gebiedsregisseur, running, filed
):
    _accounted(running)
    client.force_login(gebiedsregisseur)
    response = client.post(
        reverse("projecten:accounting-check", args=[running.pk]), {"decision": "more"}
    )
    assert response.status_code == 400
    assert "message" in response.context["check_form"].errors
    filed.refresh_from_db()
    assert filed.status == AccountingStatus.SUBMITTED


def test_proposal_page_shows_the_due_date_and_the_link_to_file(client, resident, running):
    client.force_login(resident)
    response = client.get(running.get_absolute_url())
    content = response.content.decode()
    assert reverse("projecten:accounting-create", args=[running.pk]) in content
    assert "2013" in content and 'id="accounting-heading"' in content


def test_proposal_page_before_funding_has_no_verantwoording_part(client, resident, submitted):
    client.force_login(resident)
    response = client.get(submitted.get_absolute_url())
    assert b'id="accounting-heading"' not in response.content


# --- the late list: fixed number of queries -----------------------------------------------------


def _late_and_filed(smederij, count):
    ended = timezone.localdate() - datetime.timedelta(days=40)
    for _ in range(count):
        factories.ProposalFactory(
            smederij=smederij,
            status=ProposalStatus.IN_PROGRESS,
            submitted_at=timezone.now(),
            end_date=ended,
        )
        factories.AccountingLineFactory(accounting__proposal__smederij=smederij)


def test_overview_lists_late_and_to_check_only_of_this_smederij(
    client, gebiedsregisseur, smederij, other_smederij, running, filed
):
    _late_and_filed(smederij, 1)
    _late_and_filed(other_smederij, 1)
    not_yet = factories.ProposalFactory(
        smederij=smederij,
        status=ProposalStatus.IN_PROGRESS,
        submitted_at=timezone.now(),
        end_date=timezone.localdate() - datetime.timedelta(days=27),
    )
    client.force_login(gebiedsregisseur)
    response = client.get(reverse("projecten:accounting-overview", args=[smederij.slug]))
    late = {p.pk for p in response.context["late"]}
    to_check = {a.proposal_id for a in response.context["to_check"]}
    assert not_yet.pk not in late and running.pk not in late  # running is filed
    assert len(late) == 1 and len(to_check) == 2
    assert all(p.smederij_id == smederij.pk for p in response.context["late"])


def test_running_project_past_its_due_date_is_late(client, gebiedsregisseur, smederij, running):
    client.force_login(gebiedsregisseur)
    response = client.get(reverse("projecten:accounting-overview", args=[smederij.slug]))
    assert [p.pk for p in response.context["late"]] == [running.pk]
    assert response.context["late"][0].due_date == DUE


@pytest.mark.parametrize("rows", [1, 20])
def test_overview_issues_a_fixed_number_of_queries(
    client, gebiedsregisseur, smederij, rows, django_assert_max_num_queries
):
    _late_and_filed(smederij, rows)
    client.force_login(gebiedsregisseur)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("projecten:accounting-overview", args=[smederij.slug]))
    assert len(response.context["late"]) == rows


def test_visitor_sees_a_funded_proposal_without_the_links_to_file(client, running):
    response = client.get(running.get_absolute_url())
    assert response.status_code == 200
    assert reverse("projecten:accounting-create", args=[running.pk]).encode() not in (
        response.content
    )


@pytest.mark.parametrize("rows", [1, 20])
def test_verantwoording_page_issues_a_fixed_number_of_queries(
    client, gebiedsregisseur, running, filed, rows, django_assert_max_num_queries
):
    _accounted(running)
    for _ in range(rows):
        factories.AccountingLineFactory(accounting=filed, budget_line=running.budget_lines.first())
    client.force_login(gebiedsregisseur)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("projecten:accounting-detail", args=[running.pk]))
    assert response.status_code == 200
    assert len(response.context["accounting"].lines.all()) == rows
