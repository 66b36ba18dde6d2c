class ProposalError(Exception):
    """A rule of the proposal workflow refused an action. The message is for a person to read."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
