"""The named permissions of the dashboard and its exports (issue 13)."""

import rules

from projecten.dashboard.predicates import (
    can_export_figures,
    can_view_export_job,
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
# Carrying the figures away as files, and a large export's job (object: the ExportJob).
rules.add_perm("projecten.export_figures", can_export_figures)
rules.add_perm("projecten.view_export_job", can_view_export_job)
