from django import forms
from django.core.exceptions import ValidationError

from projecten.errors import ProposalError
from smederijen.form_errors import add_service_errors


class AmountForm(forms.Form):
    amount = forms.CharField()


def bound():
    form = AmountForm({"amount": "12"})
    assert form.is_valid()
    return form


def test_field_errors_go_beside_their_field_and_keep_their_code():
    form = bound()
    add_service_errors(
        form, ValidationError({"amount": ValidationError("Te veel.", code="too_much")})
    )
    assert form.errors["amount"] == ["Te veel."]
    assert form.has_error("amount", code="too_much")


def test_an_error_about_a_field_the_form_lacks_goes_above_the_form():
    form = bound()
    add_service_errors(form, ValidationError({"budget_lines": ["Voeg een regel toe."]}))
    assert form.non_field_errors() == ["Voeg een regel toe."]


def test_an_error_without_fields_goes_above_the_form():
    form = bound()
    add_service_errors(form, ValidationError("Het jaar is gesloten.", code="closed"))
    assert form.non_field_errors() == ["Het jaar is gesloten."]


def test_a_domain_error_uses_its_message_and_field():
    form = bound()
    add_service_errors(form, ProposalError("Niet meer te wijzigen.", field="amount"))
    add_service_errors(form, ProposalError("Al besloten."))
    assert form.errors["amount"] == ["Niet meer te wijzigen."]
    assert form.non_field_errors() == ["Al besloten."]
