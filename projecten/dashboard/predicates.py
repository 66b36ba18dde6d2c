"""Who may read the figures and carry them away."""

import rules

from smederijen.predicates import is_beheerder, is_stuurgroep_member

# --- Exports (issue 13, item 5) ---------------------------------------------------------------
# The stuurgroep oversees every Smederij and year, and the administrators keep the data: they
# export over the whole programme. The wijkteams and Smederijen read their own figures on
# their pages, not as files (decision 0035).
can_export_figures = is_stuurgroep_member | is_beheerder


@rules.predicate
def is_export_owner(user, job) -> bool:
    return job is not None and user.is_authenticated and job.owner_id == user.pk


# A job's file only for the one who asked for it, while they may still export.
can_view_export_job = can_export_figures & is_export_owner
