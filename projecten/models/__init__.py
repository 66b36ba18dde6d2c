"""The models of projecten, one module a subject; import them from here.

`projecten.models.X` is the public name of every model and choice (migrations,
admin and other apps use it), whichever module defines it.
"""

from ..workflow import FUNDED_STATUSES, ProposalStatus
from .accounting import Accounting, AccountingLine, AccountingStatus
from .decisions import Decision, DecisionOutcome
from .election import (
    Ballot,
    BallotChoice,
    BallotVoter,
    ElectionIdea,
    ElectionMethod,
    ElectionRound,
    FundingStatus,
    PaperTallyCount,
    PaperTallyEntry,
    new_receipt_code,
)
from .exports import ExportFormat, ExportJob, ExportStatus
from .participation import Attachment, AttachmentKind, Comment, Support, attachment_upload_to
from .proposal import (
    BudgetLine,
    CoFunding,
    CoFundingKind,
    CoFundingStatus,
    EventKind,
    Klap,
    Proposal,
    ProposalEvent,
    ProposalQuerySet,
    Theme,
    current_year,
)
from .review import SCORE_RANGE, Advice, DecisionMethod, DecisionMethodKind, Recommendation
from .shared_goods import BorrowRequest, SharedGood
from .votes import AssessmentVote, VoteBody, VoteCast, VoteChoice, VoteOutcome

__all__ = [
    "FUNDED_STATUSES",
    "SCORE_RANGE",
    "Accounting",
    "AccountingLine",
    "AccountingStatus",
    "Advice",
    "AssessmentVote",
    "Attachment",
    "AttachmentKind",
    "Ballot",
    "BallotChoice",
    "BallotVoter",
    "BorrowRequest",
    "BudgetLine",
    "CoFunding",
    "CoFundingKind",
    "CoFundingStatus",
    "Comment",
    "Decision",
    "DecisionMethod",
    "DecisionMethodKind",
    "DecisionOutcome",
    "ElectionIdea",
    "ElectionMethod",
    "ElectionRound",
    "EventKind",
    "ExportFormat",
    "ExportJob",
    "ExportStatus",
    "FundingStatus",
    "Klap",
    "PaperTallyCount",
    "PaperTallyEntry",
    "Proposal",
    "ProposalEvent",
    "ProposalQuerySet",
    "ProposalStatus",
    "Recommendation",
    "SharedGood",
    "Support",
    "Theme",
    "VoteBody",
    "VoteCast",
    "VoteChoice",
    "VoteOutcome",
    "attachment_upload_to",
    "current_year",
    "new_receipt_code",
]
