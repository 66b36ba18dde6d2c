"""Who decides on a resident's move to another area. The predicate takes (user, change request)."""

import rules


@rules.predicate
def is_gebiedsregisseur_of_new_area(user, change_request) -> bool:
    """The gebiedsregisseur of the wijkteam that covers the area a resident asks to move to."""
    return (
        change_request is not None
        and user.is_authenticated
        and user.gebiedsregisseur_assignments.filter(
            wijkteam__smederijen__area_id=change_request.to_area_id
        ).exists()
    )
