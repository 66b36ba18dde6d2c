"""Required and optional fields, as NL Design System's form pattern marks them (decision
0025): an optional field says "(niet verplicht)" in its label, a required one carries the
`required` attribute and no word; a draft's field that only the submission needs says
"(verplicht bij indienen)". Selects carry the Utrecht select class."""

import importlib
import inspect
import re
from pathlib import Path

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def label_of(html: str, field_id: str) -> str:
    found = re.search(rf'<label [^>]*for="{field_id}"[^>]*>(.*?)</label>', html, re.S)
    assert found, f"no label for {field_id}"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def legend_of(html: str, field_id: str) -> str:
    found = re.search(rf'id="div_{field_id}".*?<legend [^>]*>(.*?)</legend>', html, re.S)
    assert found, f"no legend for {field_id}"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def tag_of(html: str, field_id: str) -> str:
    return re.search(rf'<(?:input|select|textarea) [^>]*id="{field_id}"[^>]*>', html).group(0)


def test_proposal_form_marks_what_a_draft_may_leave_empty_and_what_submitting_needs(
    client, resident, budget_year
):
    client.force_login(resident)

    html = client.get(reverse("projecten:proposal-create")).content.decode()

    # Required for a draft too: the attribute, no word.
    assert "verplicht" not in label_of(html, "id_title")
    assert " required" in tag_of(html, "id_title")
    assert "verplicht" not in label_of(html, "id_year")  # a select always has a choice
    assert "niet verplicht" not in legend_of(html, "id_klap")
    # Refused at submit only: said in the label, not `required` (a draft may be saved).
    for name in ("theme", "location", "start_date", "end_date", "summary", "amount_requested"):
        assert label_of(html, f"id_{name}").endswith("(verplicht bij indienen)"), name
        assert " required" not in tag_of(html, f"id_{name}"), name
    assert label_of(html, "id_goal").endswith("(verplicht bij indienen van een lange klap)")
    # Budget and co-funding rows may stay empty: the text above them says so, not each label.
    assert label_of(html, "id_lines-0-description") == "Wat"
    assert "niet verplicht" not in label_of(html, "id_cofunding-0-kind")
    # Selects with the Utrecht class that draws the arrow.
    for name in ("id_year", "id_theme", "id_cofunding-0-kind"):
        assert "utrecht-select utrecht-select--html-select" in tag_of(html, name), name


def test_registration_form_requires_everything_and_marks_nothing_optional(client):
    html = client.get(reverse("smederijen:register")).content.decode()

    for name in ("id_display_name", "id_email", "id_password1", "id_password2", "id_postcode"):
        assert " required" in tag_of(html, name), name
        assert "verplicht" not in label_of(html, name), name


def test_comment_form_requires_its_text(client, resident, submitted):
    client.force_login(resident)

    html = client.get(submitted.get_absolute_url()).content.decode()

    assert " required" in tag_of(html, "id_body")
    assert "verplicht" not in label_of(html, "id_body")


def test_accounting_form_marks_its_optional_fields(client, resident, running):
    client.force_login(resident)

    html = client.get(reverse("projecten:accounting-create", args=[running.pk])).content.decode()

    assert " required" in tag_of(html, "id_report")
    assert " required" in tag_of(html, "id_participants")
    # The receipt the service asks for shows as required, the photos as optional.
    assert " required" in tag_of(html, "id_receipts")
    assert "verplicht" not in label_of(html, "id_receipts")
    assert label_of(html, "id_photos").endswith("(niet verplicht)")
    assert " required" not in tag_of(html, "id_photos")
    # A single checkbox is a yes or no, never "not required".
    assert "verplicht" not in label_of(html, "id_publish_consent")
    # The spending rows say nothing about themselves.
    assert "verplicht" not in label_of(html, "id_lines-0-amount")


def test_a_filter_form_marks_nothing_optional(client, professional):
    client.force_login(professional)

    html = client.get(reverse("projecten:review-queue")).content.decode()

    assert "hoogeveen-filter" in html
    assert "niet verplicht" not in html


# --- every form of the site -------------------------------------------------------------------


def site_forms():
    """Every form class of our apps that can be built without arguments."""
    found = {}
    for path in sorted(ROOT.glob("*/**/forms.py")):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = cls
    return found


def test_the_sweep_finds_the_forms():
    assert {
        "projecten.proposals.forms.ProposalForm",
        "projecten.participation.forms.CommentForm",
        "smederijen.accounts.forms.RegistrationForm",
        "projecten.accounting.forms.AccountingForm",
    } <= set(site_forms())


def test_every_field_of_every_form_is_marked_by_the_pattern():
    checked = 0
    for name, cls in site_forms().items():
        try:
            form = cls()
        except TypeError:
            continue  # needs its proposal, user or areas: covered by the page tests above
        for field in form.visible_fields():
            html = str(as_crispy_field(field))
            found = re.search(rf'<(?:input|select|textarea) [^>]*id="{field.auto_id}"[^>]*>', html)
            widget = found.group(0) if found else ""  # a radio group's inputs are id_x_0 …
            note = getattr(field.field, "requirement", None)
            single_checkbox = isinstance(field.field.widget, forms.CheckboxInput)
            where = f"{name}.{field.name}"
            if field.field.required:
                assert "(niet verplicht)" not in html, where
                # Django leaves `required` off a select without an empty first option: the
                # browser could never find it empty.
                if widget and field.field.widget.use_required_attribute(field.initial):
                    assert " required" in widget, where
            elif note is None and not single_checkbox and getattr(form, "marks_optional", True):
                # A filter form (projecten.common.forms.FilterForm) marks nothing: every
                # field of it may stay empty.
                assert "(niet verplicht)" in html, where
            # No label says it twice ("(optional)" typed into the label itself).
            assert "(optional)" not in str(field.label), where
            assert html.count("niet verplicht") <= 1, where
            checked += 1
    assert checked > 20
