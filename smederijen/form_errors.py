"""Turning a service's refusal into form errors, the same way on every page."""

from django.core.exceptions import ValidationError


def add_service_errors(form, error: Exception) -> None:
    """Put a service's refusal beside the field it is about, or above the form.

    A ValidationError keeps its codes (a page and a test can tell which rule
    refused); a field the form does not have becomes an error of the whole
    form. A domain error (ProposalError, BudgetError) carries a message for a
    person, and sometimes the field it is about.
    """
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                for item in errors:
                    form.add_error(field if field in form.fields else None, item)
        else:
            for item in error.error_list:
                form.add_error(None, item)
        return
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, getattr(error, "message", str(error)))
