"""The domain error of projecten: a rule of the proposal workflow refused an action."""

from smederijen.errors import DomainError


class ProposalError(DomainError):
    """Raised by every service of projecten; see `smederijen.errors.DomainError`."""
