"""The site's main menu, by role: each person sees the pages their roles open."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import roles_of


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str


def navigation_for(user) -> list[MenuItem]:
    roles = roles_of(user)
    items = [
        MenuItem(_("Home"), reverse("home")),
        MenuItem(_("All Smederijen"), reverse("smederijen:smederij-list")),
    ]
    if roles.is_authenticated:
        items.append(MenuItem(_("My overview"), reverse("smederijen:my-overview")))
        items.append(MenuItem(_("My account"), reverse("smederijen:account")))
        items.append(MenuItem(_("My groups"), reverse("smederijen:my-groups")))
    else:
        items.append(MenuItem(_("Register"), reverse("smederijen:register")))
    if roles.is_professional or roles.is_gebiedsregisseur:
        items.append(MenuItem(_("Review proposals"), reverse("projecten:review-queue")))
    # Voters and the gebiedsregisseurs who open votes; from the roles, so no extra query.
    if roles.is_initiatiefgroep_member or roles.is_stuurgroep_member or roles.is_gebiedsregisseur:
        items.append(MenuItem(_("Votes"), reverse("projecten:vote-list")))
    if roles.is_gebiedsregisseur:
        items.append(MenuItem(_("Requests to change area"), reverse("smederijen:area-change-list")))
        items.append(
            MenuItem(_("How each Smederij decides"), reverse("projecten:decision-methods"))
        )
    if roles.is_beheerder:
        items.append(MenuItem(_("Administration"), reverse("admin:index")))
    return items
