"""The roles of DESIGN.md, made on demand for a role matrix: one user a role, None for a visitor."""

from tests import factories

ROLES = (
    "visitor",
    "resident",
    "other_resident",
    "initiatiefgroep_member",
    "professional",
    "other_professional",
    "gebiedsregisseur",
    "stuurgroep_member",
)


def make_user(role: str, smederij, other_smederij):
    """A user in `role` towards `smederij`; the "other_" roles belong to `other_smederij`."""
    if role == "visitor":
        return None
    if role == "resident":
        return factories.ResidentFactory(home_area=smederij.area)
    if role == "other_resident":
        return factories.ResidentFactory(home_area=other_smederij.area)
    if role == "initiatiefgroep_member":
        user = factories.ResidentFactory(home_area=smederij.area)
        factories.InitiatiefgroepMembershipFactory(user=user, smederij=smederij)
        return user
    if role == "professional":
        return factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user
    if role == "other_professional":
        return factories.WijkteamMembershipFactory(wijkteam=other_smederij.wijkteam).user
    if role == "gebiedsregisseur":
        return factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    if role == "stuurgroep_member":
        return factories.StuurgroepMembershipFactory().user
    raise ValueError(role)


def login(client, role: str, smederij, other_smederij):
    user = make_user(role, smederij, other_smederij)
    if user is not None:
        client.force_login(user)
    return user
