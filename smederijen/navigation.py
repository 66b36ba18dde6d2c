"""Where each person can go: the main menu, the next steps on the home page, and the jobs
of one Smederij (its page is the hub of its area).

One place decides which links a person sees, so that a job is never reachable from one
page and hidden on the next. A link is shown when the permission that guards its page
says yes (the rules decide, here only reads them); the menu reads the coarse roles, which
cost no query beyond the memberships every page reads anyway.

The pages live in projecten as well as here; they are named by URL name and permission
name, strings, so this module imports nothing from projecten (decision 0012).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .predicates import lives_in
from .roles import roles_of


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    hint: str = ""


def navigation_for(user) -> list[MenuItem]:
    """The main menu: the jobs of the user's roles, at most six items so a phone shows them."""
    roles = roles_of(user)
    items = [
        MenuItem(_("Start"), reverse("home")),
        MenuItem(_("Smederijen"), reverse("smederijen:smederij-list")),
    ]
    if roles.is_resident:
        items.append(MenuItem(_("New proposal"), reverse("projecten:proposal-create")))
        items.append(MenuItem(_("My proposals"), reverse("projecten:my-proposals")))
    if roles.is_professional or roles.is_gebiedsregisseur:
        items.append(MenuItem(_("Review proposals"), reverse("projecten:review-queue")))
    # Voters and the gebiedsregisseurs who open votes; from the roles, so no extra query.
    if roles.is_initiatiefgroep_member or roles.is_stuurgroep_member or roles.is_gebiedsregisseur:
        items.append(MenuItem(pgettext_lazy("menu", "Votes"), reverse("projecten:vote-list")))
    if roles.is_stuurgroep_member or roles.is_beheerder:
        items.append(MenuItem(_("Figures"), reverse("dashboard:overview")))
    if roles.is_authenticated:
        items.append(MenuItem(_("My overview"), reverse("smederijen:my-overview")))
    else:
        items.append(MenuItem(_("Register"), reverse("smederijen:register")))
    if roles.is_beheerder:
        items.append(MenuItem(_("Administration"), reverse("admin:index")))
    return items


def home_actions(user, own_smederij=None) -> list[MenuItem]:
    """What a visitor of the home page can do next, first things first."""
    roles = roles_of(user)
    if not roles.is_authenticated:
        return [
            MenuItem(
                _("Register to take part"),
                reverse("smederijen:register"),
                _("With an account you send in ideas for your area, support them and vote."),
            ),
            MenuItem(_("Log in"), reverse("login"), _("You already have an account.")),
            MenuItem(
                _("Find your Smederij"),
                "#smederijen",
                _("See the projects, the money and the elections of your wijk or dorp."),
            ),
        ]
    actions = []
    if roles.is_resident:
        actions.append(
            MenuItem(
                _("Send in an idea"),
                reverse("projecten:proposal-create"),
                _("An idea for your own area: describe it, say what it costs, hand it in."),
            )
        )
        actions.append(
            MenuItem(
                _("My proposals"),
                reverse("projecten:my-proposals"),
                _("Follow your proposals, answer questions and account for the money."),
            )
        )
        if own_smederij is not None:
            actions.append(
                MenuItem(
                    _("Smederij %(name)s") % {"name": own_smederij.name},
                    own_smederij.get_absolute_url(),
                    _("The projects, the elections and the initiatiefgroep of your area."),
                )
            )
    actions.append(
        MenuItem(
            _("My overview"),
            reverse("smederijen:my-overview"),
            _("Your roles and the work that waits for you."),
        )
    )
    return actions


# The jobs of one Smederij: (label, URL name, permission on the Smederij or None for all).
_SMEDERIJ_PAGES = (
    (_("Proposals"), "projecten:smederij-proposals", "projecten.view_smederij_proposals"),
    (_("Elections and results"), "projecten:election:round-list", None),
    (_("Verantwoordingen"), "projecten:accounting-overview", "projecten.view_accountings"),
    (
        _("Initiatiefgroep and requests to join"),
        "smederijen:initiatiefgroep",
        "smederijen.view_initiatiefgroep",
    ),
    (_("Shared goods"), "projecten:shared-good-list", "projecten.view_shared_goods"),
    (_("Figures"), "dashboard:smederij", "projecten.view_smederij_figures"),
)


def smederij_pages(user, smederij, spending_year: int | None = None) -> list[MenuItem]:
    """The pages of a Smederij this user may open; with `spending_year` (the year whose
    budget the Smederij page shows) also where its money went that year, for everyone."""
    pages = [
        MenuItem(label, reverse(name, kwargs={"slug": smederij.slug}))
        for label, name, permission in _SMEDERIJ_PAGES
        if permission is None or user.has_perm(permission, smederij)
    ]
    if spending_year is not None:
        pages.append(smederij_spending_link(smederij, spending_year))
    return pages


def spending_link() -> MenuItem:
    """Where the money went: public, on the home page."""
    return MenuItem(
        _("Where the money went"),
        reverse("spending:latest"),
        _("Every funded project of a year, with what it was granted and paid."),
    )


def smederij_spending_link(smederij, year: int) -> MenuItem:
    return MenuItem(
        _("Where the money went in %(year)d") % {"year": year},
        reverse("spending:smederij", kwargs={"year": year, "slug": smederij.slug}),
    )


def pot_links(user) -> list[MenuItem]:
    """The stuurgroep's pages of the pot (the administrator sees them, without changing)."""
    links = []
    if user.has_perm("budget.view_pot"):
        links.append(MenuItem(_("The pot: years, shares and changes"), reverse("budget:year-list")))
    if user.has_perm("budget.set_pot"):
        links.append(MenuItem(_("Open a new budget year"), reverse("budget:year-open")))
    return links


def smederij_actions(user, smederij) -> list[MenuItem]:
    """The things to do for a Smederij: hand in an idea, join its initiatiefgroep, set up
    an election. A visitor is asked to log in first."""
    if not user.is_authenticated:
        return [
            MenuItem(
                _("Log in to send in an idea"),
                f"{reverse('login')}?next={smederij.get_absolute_url()}",
                _("No account yet? Register with your postcode first."),
            )
        ]
    actions = []
    # An idea goes to one's own Smederij (the rules say who may start one, and where).
    if lives_in(user, smederij) and user.has_perm("projecten.create_proposal"):
        actions.append(
            MenuItem(
                _("Send in an idea"),
                reverse("projecten:proposal-create"),
                _("For %(name)s, alone or with your group.") % {"name": smederij.name},
            )
        )
    if user.has_perm("smederijen.join_initiatiefgroep", smederij):
        actions.append(
            MenuItem(
                _("Join the initiatiefgroep"),
                reverse("smederijen:initiatiefgroep-join", kwargs={"slug": smederij.slug}),
                _("Anyone living in the area may join."),
            )
        )
    if user.has_perm("projecten.coordinate_election", smederij):
        actions.append(
            MenuItem(
                _("Set up an election"),
                reverse("projecten:election:round-create", kwargs={"slug": smederij.slug}),
                _("Residents vote on the ideas of this Smederij."),
            )
        )
    return actions


def vote_action(election_round) -> MenuItem:
    """Vote in the open election of a Smederij, until it closes."""
    return MenuItem(
        _("Vote in the election"),
        reverse("projecten:election:ballot", kwargs={"pk": election_round.pk}),
        _("Choose the ideas you want for your area, until %(closes)s.")
        % {"closes": date_format(timezone.localtime(election_round.closes_at), "j F H:i")},
    )


@dataclass(frozen=True)
class SmederijJobs:
    """A Smederij with the pages of it a person may open."""

    smederij: object
    pages: list[MenuItem]


def smederij_jobs(user, smederijen) -> list[SmederijJobs]:
    return [SmederijJobs(smederij, smederij_pages(user, smederij)) for smederij in smederijen]


def account_links(user) -> list[MenuItem]:
    """The person's own things: details, groups, password."""
    return [
        MenuItem(_("My account details"), reverse("smederijen:account")),
        MenuItem(_("My groups"), reverse("smederijen:my-groups")),
        MenuItem(_("Change your password"), reverse("password_change")),
    ]


def figure_links(user, wijkteams) -> list[MenuItem]:
    """The figures a person may read: the whole programme, and those of their wijkteams."""
    links = []
    if user.has_perm("projecten.view_dashboard"):
        links.append(
            MenuItem(_("Figures of every Smederij and year"), reverse("dashboard:overview"))
        )
    for wijkteam in wijkteams:
        if user.has_perm("projecten.view_wijkteam_figures", wijkteam):
            links.append(
                MenuItem(
                    _("Figures of wijkteam %(name)s") % {"name": wijkteam.name},
                    reverse("dashboard:wijkteam", kwargs={"slug": wijkteam.slug}),
                )
            )
    return links


def gebiedsregisseur_links() -> list[MenuItem]:
    return [
        MenuItem(
            _("Proposals waiting for advice or your decision"),
            reverse("projecten:review-queue"),
        ),
        MenuItem(_("Votes to open, follow and close"), reverse("projecten:vote-list")),
        MenuItem(_("How each Smederij decides"), reverse("projecten:decision-methods")),
        MenuItem(_("Requests to change area"), reverse("smederijen:area-change-list")),
    ]


def export_menu_links(user) -> list[MenuItem]:
    """The figures as files: for the stuurgroep and the administrators."""
    links = []
    if user.has_perm("projecten.export_figures"):
        links.append(
            MenuItem(
                _("Export the figures"),
                reverse("dashboard:export-index"),
                _("Proposals, grants, payments, co-funding and verantwoordingen as a spreadsheet."),
            )
        )
    return links
