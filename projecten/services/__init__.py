"""Every operation that changes proposals and what hangs on them, one module a subject.

Callers import from here (`from projecten import services`), so a module can
be split without changing them.
"""

from .accounting import (
    SpendingLineData,
    UploadData,
    accounting_approve,
    accounting_due_date,
    accounting_reminders_send,
    accounting_request_more,
    accounting_submit,
)
from .participation import (
    attachment_add,
    attachment_remove,
    comment_create,
    comment_hide,
    support_add,
    support_remove,
)
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
from .shared_goods import borrow_request_create, borrow_request_decide, shared_good_register

__all__ = [
    "PROPOSAL_FIELDS",
    "BudgetLineData",
    "CoFundingData",
    "SpendingLineData",
    "UploadData",
    "accounting_approve",
    "accounting_due_date",
    "accounting_reminders_send",
    "accounting_request_more",
    "accounting_submit",
    "attachment_add",
    "attachment_remove",
    "borrow_request_create",
    "borrow_request_decide",
    "comment_create",
    "comment_hide",
    "proposal_create_draft",
    "proposal_request_changes",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "shared_good_register",
    "submission_errors",
    "support_add",
    "support_remove",
]
