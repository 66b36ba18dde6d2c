"""Turning a service's refusal into form errors, the same way on every page."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError


def add_service_errors(
    form,
    error: ValidationError,
    *,
    fields: Mapping[str, str] | None = None,
    elsewhere: Mapping[str, list] | None = None,
) -> None:
    """Put a service's refusal beside the field it is about, or above the form.

    Every refusal is a ValidationError (the domain errors `ProposalError` and
    `BudgetError` are one, see `smederijen.errors`), so it keeps its codes: a page
    and a test can tell which rule refused. A field the form does not have becomes
    an error of the whole form, unless `fields` names the form field that shows it
    (the service's "uploads" is the form's "receipts") or `elsewhere` gives the list
    that shows it (a formset's errors above its rows: "budget_lines", "lines").
    """
    fields = fields or {}
    elsewhere = elsewhere or {}
    if not hasattr(error, "error_dict"):
        for item in error.error_list:
            form.add_error(None, item)
        return
    for name, errors in error.error_dict.items():
        for item in errors:
            if name in elsewhere:
                elsewhere[name].extend(item.messages)
                continue
            target = fields.get(name, name)
            form.add_error(target if target in form.fields else None, item)
