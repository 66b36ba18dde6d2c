"""The named permissions of the dashboard and its exports."""

import rules

from projecten.dashboard.predicates import can_export_figures, can_view_export_job

# --- Exports (issue 13, item 5) ---------------------------------------------------------------
rules.add_perm("projecten.export_figures", can_export_figures)
rules.add_perm("projecten.view_export_job", can_view_export_job)
