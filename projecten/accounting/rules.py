"""Named permissions of the verantwoording. The object is a proposal, unless said otherwise."""

import rules

from projecten.accounting.predicates import accounting_more_requested
from projecten.proposals.predicates import is_running, is_submitter
from smederijen.predicates import is_gebiedsregisseur_of

# Filing the verantwoording: first while the project runs, again when more was asked.
rules.add_perm("projecten.file_accounting", is_submitter & (is_running | accounting_more_requested))
# Approving it or asking for more.
rules.add_perm("projecten.check_accounting", is_gebiedsregisseur_of)
# The verantwoordingen of a Smederij: late ones and those to check (object: the Smederij).
rules.add_perm("projecten.view_accountings", is_gebiedsregisseur_of)
