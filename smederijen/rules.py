"""Every named permission of smederijen, one module a subject.

`rules.apps.AutodiscoverRulesConfig` imports `<app>.rules` at start-up, so this
module imports each subject's `rules.py`; the permissions are defined there.
The relations they are built from (`predicates.py`) are shared with projecten.
"""

from smederijen.accounts import rules as account_rules
from smederijen.groups import rules as group_rules

SUBJECT_RULES = (account_rules, group_rules)
