class BudgetError(Exception):
    """A budget rule refused an operation. The message is for a person to read (translated).

    `code` names the rule for the code that catches it (a view, a test), so
    nothing has to parse the message: "insufficient_budget", "year_closed", ….
    """

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message
