"""Every operation that changes proposals and what hangs on them, one module a subject.

Callers import from here (`from projecten import services`), so a module can
be split without changing them.
"""

from .proposals import (
    PROPOSAL_FIELDS,
    BudgetLineData,
    CoFundingData,
    proposal_create_draft,
    proposal_request_changes,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
    submission_errors,
)

__all__ = [
    "PROPOSAL_FIELDS",
    "BudgetLineData",
    "CoFundingData",
    "proposal_create_draft",
    "proposal_request_changes",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "submission_errors",
]
