from smederijen.errors import DomainError


class BudgetError(DomainError):
    """A budget rule refused an operation. The message is for a person to read (translated).

    `code` names the rule for the code that catches it (a view, a test), so
    nothing has to parse the message: "insufficient_budget", "year_closed", ….
    It is the project's one domain error (`smederijen.errors.DomainError`).
    """
