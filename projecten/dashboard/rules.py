"""Named permissions of the figures (issue 13)."""

import rules

from projecten.dashboard.predicates import (
    may_view_smederij_figures,
    may_view_wijkteam_figures,
    oversees_programme,
)

# The figures over every Smederij and year, and the annual report (no object).
rules.add_perm("projecten.view_dashboard", oversees_programme)
# The figures of one wijkteam (object: the Wijkteam).
rules.add_perm("projecten.view_wijkteam_figures", may_view_wijkteam_figures)
# The figures of one Smederij (object: the Smederij).
rules.add_perm("projecten.view_smederij_figures", may_view_smederij_figures)
