"""Every named permission of projecten, one module a subject.

`rules.apps.AutodiscoverRulesConfig` imports `<app>.rules` at start-up, so this
module imports each subject's `rules.py`; the permissions are defined there.
"""

from projecten.accounting import rules as accounting_rules
from projecten.dashboard import rules as dashboard_rules
from projecten.decisions import rules as decision_rules
from projecten.election import rules as election_rules
from projecten.money import rules as money_rules
from projecten.participation import rules as participation_rules
from projecten.proposals import rules as proposal_rules
from projecten.review import rules as review_rules
from projecten.shared_goods import rules as shared_good_rules
from projecten.votes import rules as vote_rules

SUBJECT_RULES = (
    accounting_rules,
    dashboard_rules,
    decision_rules,
    election_rules,
    money_rules,
    participation_rules,
    proposal_rules,
    review_rules,
    shared_good_rules,
    vote_rules,
)
