"""The one error type a service raises when a rule refuses what a person asked.

`DomainError` is a Django `ValidationError`, so a form, a view and a test treat
every refusal alike (`smederijen.form_errors.add_service_errors` puts it on a
form); it adds `code` (which rule refused, for the code that catches it, so
nothing parses the message) and `field` (the form field it is about, if any).
Each app names its own subclass (`ProposalError`, `BudgetError`) so that a
test can ask which layer refused, but nothing catches anything else.

It lives here, in the app every other app already depends on, so that budget
and projecten raise the same type without importing each other.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule refused an action. The message is for a person to read (translated)."""

    def __init__(
        self,
        message: str | Mapping[str, list[str] | str],
        *,
        code: str = "invalid",
        field: str | None = None,
    ):
        if isinstance(message, Mapping):
            # Several fields at once (everything that stops a submission).
            super().__init__(
                {
                    name: [
                        ValidationError(m, code=code)
                        for m in ([errors] if isinstance(errors, str) else errors)
                    ]
                    for name, errors in message.items()
                }
            )
            text = " ".join(str(m) for errors in self.message_dict.values() for m in errors)
        elif field:
            super().__init__({field: [ValidationError(message, code=code)]})
            text = str(message)
        else:
            super().__init__(message, code=code)
            text = str(message)
        self.message = text
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r})"
