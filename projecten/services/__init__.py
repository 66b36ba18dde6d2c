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
from .decisions import (
    latest_closed_vote,
    proposal_approve,
    proposal_defer,
    proposal_reject,
    proposal_reopen_deferred,
    vote_body_for,
)
from .money import advance_pay, payment_record, proposal_cancel, refund_record
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
from .review import (
    advice_give,
    decision_method_of,
    decision_method_set,
    proposal_start_review,
)
from .shared_goods import borrow_request_create, borrow_request_decide, shared_good_register
from .votes import (
    vote_cast,
    vote_close,
    vote_close_if_complete,
    vote_open,
    vote_reminders_send,
    votes_close_due,
)

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
    "advance_pay",
    "advice_give",
    "attachment_add",
    "attachment_remove",
    "borrow_request_create",
    "borrow_request_decide",
    "comment_create",
    "comment_hide",
    "decision_method_of",
    "decision_method_set",
    "latest_closed_vote",
    "payment_record",
    "proposal_approve",
    "proposal_cancel",
    "proposal_create_draft",
    "proposal_defer",
    "proposal_reject",
    "proposal_reopen_deferred",
    "proposal_request_changes",
    "proposal_start_review",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "refund_record",
    "shared_good_register",
    "submission_errors",
    "support_add",
    "support_remove",
    "vote_body_for",
    "vote_cast",
    "vote_close",
    "vote_close_if_complete",
    "vote_open",
    "vote_reminders_send",
    "votes_close_due",
]
