"""The demo's people: one account per role (README's table) and the residents of the
Smederijen the story plays in.

Memberships are written directly, as the beheerder does in the admin: the
services of the story start after the town has its people.
"""

from dataclasses import dataclass

from django.utils import timezone

from smederijen.models import (
    GebiedsregisseurAssignment,
    InitiatiefgroepMembership,
    Organisation,
    ProfessionalFunction,
    Smederij,
    StuurgroepMembership,
    StuurgroepSeat,
    User,
    Wijkteam,
    WijkteamMembership,
)
from smederijen.services import functional_admin_group_ensure
from smederijen.twofactor.demo import demo_two_factor_ensure

DEMO_PASSWORD = "smederijen-demo"  # noqa: S105 -- public on purpose: local demo only  # nosec B105


class DemoSeedMissing(Exception):
    """The demo builds on the seed: its Smederijen, wijkteams and partners must exist."""


class DemoOutOfSeason(DemoSeedMissing):
    """The year so far is too short for the story (its first week), or too little is left."""


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    role: str


# The README quotes this list; every account has the password DEMO_PASSWORD.
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "bewoner@example.org", "Bea Bewoner", "bewoner van Krakeel (e-mailadres bevestigd)"
    ),
    DemoAccount(
        "initiatiefgroep@example.org",
        "Ingrid Initiatief",
        "bewoner van Wolfsbos en lid van de initiatiefgroep van Smederij Wolfsbos",
    ),
    DemoAccount(
        "professional@example.org",
        "Paul Professional",
        "opbouwwerker van Stichting Welzijnswerk in wijkteam Wolfsbos/Zuid/Krakeel",
    ),
    DemoAccount(
        "gebiedsregisseur@example.org",
        "Gea Gebiedsregisseur",
        "gebiedsregisseur van de wijkteams Wolfsbos/Zuid/Krakeel en Dorpen",
    ),
    DemoAccount(
        "stuurgroep@example.org",
        "Sjoerd Stuurgroep",
        "stuurgroep, namens Gemeente Hoogeveen, voorzitter",
    ),
    DemoAccount(
        "stuurgroep-bewoner@example.org",
        "Stien Stuurgroep",
        "stuurgroep, bewonerszetel (bewoner van Hollandscheveld)",
    ),
    DemoAccount(
        "beheerder@example.org",
        "Bert Beheerder",
        "functioneel beheerder: /beheer/ (groep Functioneel beheer)",
    ),
)

# The residents of the story, by Smederij: (name, in its initiatiefgroep). Their address is
# the name in lower case with dots, at example.org. The first ones hand in the proposals;
# all of them support, comment and vote.
DEMO_RESIDENTS: dict[str, tuple[tuple[str, bool], ...]] = {
    "Krakeel": (
        ("Henk Mulder", False),
        ("Klaas Kroeze", True),
        ("Truus Meijer", True),
        ("Harm Lanting", True),
        ("Annie Smit", False),
        ("Jan Oosting", False),
        ("Gerda Boer", False),
        ("Roel Hoekstra", False),
        ("Sandra Wiersma", False),
        ("Dirk Bos", False),
        ("Marleen Kuiper", False),
        ("Ahmed Yilmaz", False),
        ("Lotte de Vries", False),
    ),
    "Wolfsbos": (
        ("Anneke Bakker", True),
        ("Jan de Jong", True),
        ("Mieke Post", True),
        ("Hennie Lubbers", False),
        ("Gerard Vos", False),
        ("Fatima El Amrani", False),
        ("Kees Dijkstra", False),
    ),
    "Zuid": (
        ("Gerrit Hofman", False),
        ("Wilma Prins", True),
        ("Bart Kramer", True),
        ("Yvonne Hendriks", True),
        ("Tonny Schuiling", False),
        ("Ria Nijboer", False),
    ),
    "Hollandscheveld": (
        ("Roelie Veenstra", True),
        ("Albert Wolters", True),
        ("Jenny Brinkman", True),
        ("Hendrik Lamberts", False),
        ("Geesje Koops", False),
        ("Jos Seinen", False),
        ("Marco Timmer", False),
        ("Petra Dekker", False),
        ("Willem Haveman", False),
        ("Dineke Stel", False),
    ),
}
# Professionals besides the demo account, so that a proposal gets more than one advice.
DEMO_PROFESSIONALS: tuple[tuple[str, str, str, str], ...] = (
    # name, wijkteam, organisation, function
    ("Wendy Wijkbeheer", "Wolfsbos/Zuid/Krakeel", "Actium", ProfessionalFunction.WIJKBEHEERDER),
    ("Dorien Dorpen", "Dorpen", "Stichting Welzijnswerk", ProfessionalFunction.OPBOUWWERKER),
)


def resident_email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@example.org"


def get_named(model, name: str):
    try:
        return model.objects.get(name__iexact=name)
    except model.DoesNotExist:
        raise DemoSeedMissing(
            f"{model._meta.verbose_name} '{name}' ontbreekt: draai eerst `manage.py seed`."
        ) from None


def _user(email: str, display_name: str, password_hash: str, **extra) -> User:
    user, _created = User.objects.get_or_create(
        email__iexact=email,
        defaults={
            "email": email,
            "display_name": display_name,
            "password": password_hash,
            "email_verified_at": timezone.now(),
            **extra,
        },
    )
    return user


def demo_accounts_create(*, password_hash: str) -> dict[str, User]:
    """The role accounts of DEMO_ACCOUNTS with their memberships; existing ones are kept."""
    krakeel = get_named(Smederij, "Krakeel")
    wolfsbos = get_named(Smederij, "Wolfsbos")
    hollandscheveld = get_named(Smederij, "Hollandscheveld")
    wolfsbos_zuid_krakeel = get_named(Wijkteam, "Wolfsbos/Zuid/Krakeel")
    dorpen = get_named(Wijkteam, "Dorpen")
    welzijnswerk = get_named(Organisation, "Stichting Welzijnswerk")
    gemeente = get_named(Organisation, "Gemeente Hoogeveen")

    names = {account.email: account.display_name for account in DEMO_ACCOUNTS}

    def account(email, **extra):
        return _user(email, names[email], password_hash, **extra)

    users = {
        "bewoner": account("bewoner@example.org", home_area=krakeel.area),
        "initiatiefgroep": account("initiatiefgroep@example.org", home_area=wolfsbos.area),
        "professional": account("professional@example.org"),
        "gebiedsregisseur": account("gebiedsregisseur@example.org"),
        "stuurgroep": account("stuurgroep@example.org"),
        "stuurgroep-bewoner": account(
            "stuurgroep-bewoner@example.org", home_area=hollandscheveld.area
        ),
        "beheerder": account("beheerder@example.org", is_staff=True),
    }
    users["beheerder"].groups.add(functional_admin_group_ensure())

    # The member lives where her initiatiefgroep is: Krakeel decides by a Smederij election
    # this year, so only an assessment Smederij (Wolfsbos) gives her a vote to cast.
    InitiatiefgroepMembership.objects.get_or_create(
        user=users["initiatiefgroep"], smederij=wolfsbos
    )
    WijkteamMembership.objects.get_or_create(
        user=users["professional"],
        wijkteam=wolfsbos_zuid_krakeel,
        defaults={"organisation": welzijnswerk, "function": ProfessionalFunction.OPBOUWWERKER},
    )
    for wijkteam in (wolfsbos_zuid_krakeel, dorpen):
        GebiedsregisseurAssignment.objects.get_or_create(
            user=users["gebiedsregisseur"], wijkteam=wijkteam
        )
    # The stuurgroep has one chair (a database constraint); an administrator may
    # already have seated the real one, and the demo must not fail on that.
    has_chair = StuurgroepMembership.objects.filter(is_chair=True).exists()
    StuurgroepMembership.objects.get_or_create(
        user=users["stuurgroep"],
        defaults={
            "seat": StuurgroepSeat.PARTNER,
            "organisation": gemeente,
            "is_chair": not has_chair,
        },
    )
    StuurgroepMembership.objects.get_or_create(
        user=users["stuurgroep-bewoner"], defaults={"seat": StuurgroepSeat.RESIDENT}
    )
    # These roles move money or manage people: they log in with a second factor, the
    # demo's public authenticator key (README; `manage.py demo_code` tells the code).
    for role in ("gebiedsregisseur", "stuurgroep", "stuurgroep-bewoner", "beheerder"):
        demo_two_factor_ensure(users[role])
    return users


def demo_residents_create(*, password_hash: str) -> dict[str, list[User]]:
    """The residents of DEMO_RESIDENTS, by the name of their Smederij, in the listed order."""
    by_smederij: dict[str, list[User]] = {}
    for smederij_name, residents in DEMO_RESIDENTS.items():
        smederij = get_named(Smederij, smederij_name)
        for name, in_initiatiefgroep in residents:
            user = _user(resident_email(name), name, password_hash, home_area=smederij.area)
            if in_initiatiefgroep:
                InitiatiefgroepMembership.objects.get_or_create(user=user, smederij=smederij)
            by_smederij.setdefault(smederij.name, []).append(user)
    return by_smederij


def demo_professionals_create(*, password_hash: str) -> list[User]:
    professionals = []
    for name, wijkteam, organisation, function in DEMO_PROFESSIONALS:
        user = _user(resident_email(name), name, password_hash)
        WijkteamMembership.objects.get_or_create(
            user=user,
            wijkteam=get_named(Wijkteam, wijkteam),
            defaults={"organisation": get_named(Organisation, organisation), "function": function},
        )
        professionals.append(user)
    return professionals
