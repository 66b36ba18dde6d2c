class BudgetError(Exception):
    """A budget rule refused an operation. The message is for a person to read, in Dutch."""
