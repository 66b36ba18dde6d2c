"""Who may read the figures and carry them away. Each predicate takes (user, wijkteam) or (user, smederij).

The stuurgroep oversees the programme and the functional administrators (`is_staff`,
`smederijen.predicates.is_beheerder`) manage it: both read every figure. A wijkteam's
figures are for its professionals and its gebiedsregisseur; one Smederij's figures are
also for its initiatiefgroep.
"""

import rules

from smederijen.predicates import (
    covers_smederij,
    is_beheerder,
    is_initiatiefgroep_member,
    is_stuurgroep_member,
)
from smederijen.roles import gebiedsregisseur_wijkteam_ids, wijkteam_ids

oversees_programme = is_stuurgroep_member | is_beheerder


@rules.predicate
def works_in_wijkteam(user, wijkteam) -> bool:
    """A professional of this wijkteam or its gebiedsregisseur."""
    return (
        wijkteam is not None
        and user.is_authenticated
        and (
            wijkteam.pk in wijkteam_ids(user) or wijkteam.pk in gebiedsregisseur_wijkteam_ids(user)
        )
    )


may_view_wijkteam_figures = oversees_programme | works_in_wijkteam
may_view_smederij_figures = oversees_programme | covers_smederij | is_initiatiefgroep_member


# --- Exports (issue 13, item 5) ---------------------------------------------------------------
# The stuurgroep oversees every Smederij and year, and the administrators keep the data: they
# export over the whole programme. The wijkteams and Smederijen read their own figures on
# their pages, not as files (decision 0035).
can_export_figures = oversees_programme


@rules.predicate
def is_export_owner(user, job) -> bool:
    return job is not None and user.is_authenticated and job.owner_id == user.pk


# A job's file only for the one who asked for it, while they may still export.
can_view_export_job = can_export_figures & is_export_owner
