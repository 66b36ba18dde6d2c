"""Named permissions of the budget pages. No object: the pot is the programme's, not a
Smederij's. The names are not Django's model permissions (`budget.change_budgetyear`),
which the administrator holds for the admin."""

import rules

from .predicates import may_set_pot, may_view_pot

rules.add_perm("budget.view_pot", may_view_pot)
rules.add_perm("budget.set_pot", may_set_pot)
