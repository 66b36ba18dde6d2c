"""'Regel toevoegen' on the proposal form works without JavaScript: the page comes back with
one budget line more, everything typed kept, nothing saved and nothing refused."""

import re

import pytest
from django.urls import reverse

from projecten.models import BudgetLine, Proposal
from smederijen.models import FormSubmission

pytestmark = pytest.mark.django_db


def typed(lines, **extra):
    data = {
        "klap": "korte",
        "year": "2013",
        "title": "Jeu de boules baan in Hollandscheveld",
        "summary": "",
        "theme": "",
        "start_date": "2013-05-01",
        "amount_requested": "12.345,67",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "cofunding-TOTAL_FORMS": "1",
        "cofunding-INITIAL_FORMS": "0",
        "cofunding-0-kind": "sponsor",
        "cofunding-0-source": "Woonconcept",
        "cofunding-0-amount": "250",
        "add_line": "1",
        **extra,
    }
    for i, (description, amount) in enumerate(lines):
        data[f"lines-{i}-description"] = description
        data[f"lines-{i}-amount"] = amount
    return data


def line_inputs(html: str) -> list[str]:
    return re.findall(r'name="lines-(\d+)-description"', html)


def value_of(html: str, name: str) -> str:
    tag = re.search(rf'<input [^>]*name="{re.escape(name)}"[^>]*>', html).group(0)
    found = re.search(r'value="([^"]*)"', tag)
    return found.group(1) if found else ""


def test_add_line_returns_the_form_with_one_line_more_and_keeps_what_was_typed(
    client, resident, budget_year
):
    client.force_login(resident)
    lines = [("Ballen en baan", "1.500,00"), ("Half getypte regel", "")]
    proposals, budget_lines = Proposal.objects.count(), BudgetLine.objects.count()
    tokens = FormSubmission.objects.count()

    # No year chosen yet and a line without its amount: not refused until saved.
    response = client.post(reverse("projecten:proposal-create"), typed(lines, year=""))

    assert response.status_code == 200
    html = response.content.decode()
    assert line_inputs(html) == ["0", "1", "2"]
    assert 'name="lines-TOTAL_FORMS" value="3"' in html
    assert value_of(html, "lines-0-description") == "Ballen en baan"
    assert value_of(html, "lines-0-amount") == "1.500,00"
    assert value_of(html, "lines-1-description") == "Half getypte regel"
    assert value_of(html, "lines-2-description") == ""
    assert value_of(html, "title") == "Jeu de boules baan in Hollandscheveld"
    assert value_of(html, "amount_requested") == "12.345,67"
    assert value_of(html, "start_date") == "2013-05-01"
    assert value_of(html, "cofunding-0-source") == "Woonconcept"
    assert re.search(r'<input [^>]*value="korte"[^>]*checked', html)
    # Nothing is saved, and a half-filled line or an empty theme is not refused yet.
    assert Proposal.objects.count() == proposals
    assert BudgetLine.objects.count() == budget_lines
    assert FormSubmission.objects.count() == tokens
    assert "data-error-summary" not in html
    assert "utrecht-form-field--invalid" not in html


def test_add_line_on_a_draft_keeps_its_saved_lines_unchanged(client, resident, draft):
    client.force_login(resident)
    saved = list(draft.budget_lines.values_list("description", "amount"))

    response = client.post(
        reverse("projecten:proposal-update", args=[draft.pk]),
        typed([("Nieuwe omschrijving", "99,00")]),
    )

    assert response.status_code == 200
    assert line_inputs(response.content.decode()) == ["0", "1"]
    draft.refresh_from_db()
    assert draft.title != "Jeu de boules baan in Hollandscheveld"
    assert list(draft.budget_lines.values_list("description", "amount")) == saved


def test_the_next_save_stores_the_lines_typed_in_the_added_rows(client, resident, budget_year):
    client.force_login(resident)
    page = client.post(reverse("projecten:proposal-create"), typed([("Ballen", "100")]))
    assert line_inputs(page.content.decode()) == ["0", "1"]

    data = typed([("Ballen", "100"), ("Baan", "1.400")])
    del data["add_line"]
    data["save"] = "1"
    response = client.post(reverse("projecten:proposal-create"), data)

    assert response.status_code == 302
    proposal = Proposal.objects.get(title="Jeu de boules baan in Hollandscheveld")
    assert sorted(proposal.budget_lines.values_list("description", flat=True)) == [
        "Baan",
        "Ballen",
    ]


def test_add_line_stops_at_the_most_lines_a_budget_may_have(client, resident, budget_year):
    client.force_login(resident)
    lines = [(f"Regel {i}", "1") for i in range(40)]

    response = client.post(reverse("projecten:proposal-create"), typed(lines))

    html = response.content.decode()
    assert response.status_code == 200
    assert len(line_inputs(html)) == 40
    assert "data-add-line" not in html


def test_a_broken_management_form_with_add_line_is_no_server_error(client, resident, budget_year):
    client.force_login(resident)
    data = typed([])
    data["lines-TOTAL_FORMS"] = "veel"

    response = client.post(reverse("projecten:proposal-create"), data)

    assert response.status_code == 200


def test_the_form_offers_add_line_as_a_submit_button_without_javascript(
    client, resident, budget_year
):
    client.force_login(resident)

    html = client.get(reverse("projecten:proposal-create")).content.decode()

    button = re.search(r"<button [^>]*data-add-line[^>]*>([^<]*)</button>", html)
    assert button and button.group(1) == "Regel toevoegen"
    assert 'type="submit"' in button.group(0) and 'name="add_line"' in button.group(0)
    # The new line's index is the number of lines shown: the page opens at the new line.
    assert "#id_lines-2-description" in button.group(0)
