"""Demo data for a local run: one account per role, residents, and proposals of 2013.

Everything here is for a developer's laptop or a demonstration, never for
production: the passwords are printed in the README. `demo_load` refuses
nothing itself; the `demo` command refuses to run with DEBUG off.

The proposals come from a fixed random seed, so every run plans the same
ones; a proposal that exists (same Smederij, submitter and title) is left
alone, which makes a second run create nothing.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from budget.models import BudgetYear
from budget.services import budget_year_open, shares_divide_by_inhabitants
from projecten.models import (
    FUNDED_STATUSES,
    BudgetLine,
    CoFunding,
    CoFundingKind,
    CoFundingStatus,
    Klap,
    Proposal,
    ProposalStatus,
    Theme,
)
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
from wijken.models import AreaKind

DEMO_PASSWORD = "smederijen-demo"  # noqa: S105 -- public on purpose: local demo only
DEMO_RANDOM_SEED = 2013
TZ = ZoneInfo("Europe/Amsterdam")


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
        "bewoner van Krakeel en lid van de initiatiefgroep van Smederij Krakeel",
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

# Residents who hand in the demo proposals, one or more a Smederij.
DEMO_RESIDENTS: tuple[tuple[str, str, str, bool], ...] = (
    # email, name, Smederij, in its initiatiefgroep
    ("henk.mulder@example.org", "Henk Mulder", "Krakeel", False),
    ("anneke.bakker@example.org", "Anneke Bakker", "Wolfsbos", True),
    ("gerrit.hofman@example.org", "Gerrit Hofman", "Zuid", False),
    ("jannie.schuring@example.org", "Jannie Schuring", "Centrum", True),
    ("bert.kuiper@example.org", "Bert Kuiper", "Schoonvelde", False),
    ("roelie.veenstra@example.org", "Roelie Veenstra", "Hollandscheveld", True),
    ("wim.drenth@example.org", "Wim Drenth", "Elim", False),
    ("fenna.zwiers@example.org", "Fenna Zwiers", "Pesse", True),
)


class DemoSeedMissing(Exception):
    """The demo builds on the seed: its Smederijen, wijkteams and partners must exist."""


# --- accounts --------------------------------------------------------------


def _get(model, name: str):
    try:
        return model.objects.get(name__iexact=name)
    except model.DoesNotExist:
        raise DemoSeedMissing(
            f"{model._meta.verbose_name} '{name}' ontbreekt: draai eerst `manage.py seed`."
        ) from None


def _user(email: str, display_name: str, password_hash: str, **extra) -> tuple[User, bool]:
    return User.objects.get_or_create(
        email__iexact=email,
        defaults={
            "email": email,
            "display_name": display_name,
            "password": password_hash,
            "email_verified_at": timezone.now(),
            **extra,
        },
    )


def demo_accounts_create(*, password_hash: str) -> dict[str, User]:
    """The role accounts of DEMO_ACCOUNTS with their memberships; existing ones are kept."""
    krakeel = _get(Smederij, "Krakeel")
    hollandscheveld = _get(Smederij, "Hollandscheveld")
    wolfsbos_zuid_krakeel = _get(Wijkteam, "Wolfsbos/Zuid/Krakeel")
    dorpen = _get(Wijkteam, "Dorpen")
    welzijnswerk = _get(Organisation, "Stichting Welzijnswerk")
    gemeente = _get(Organisation, "Gemeente Hoogeveen")

    names = {account.email: account.display_name for account in DEMO_ACCOUNTS}

    def account(email, **extra):
        return _user(email, names[email], password_hash, **extra)[0]

    users = {
        "bewoner": account("bewoner@example.org", home_area=krakeel.area),
        "initiatiefgroep": account("initiatiefgroep@example.org", home_area=krakeel.area),
        "professional": account("professional@example.org"),
        "gebiedsregisseur": account("gebiedsregisseur@example.org"),
        "stuurgroep": account("stuurgroep@example.org"),
        "stuurgroep-bewoner": account(
            "stuurgroep-bewoner@example.org", home_area=hollandscheveld.area
        ),
        "beheerder": account("beheerder@example.org", is_staff=True),
    }
    users["beheerder"].groups.add(functional_admin_group_ensure())

    InitiatiefgroepMembership.objects.get_or_create(user=users["initiatiefgroep"], smederij=krakeel)
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
    return users


def demo_residents_create(*, password_hash: str) -> dict[str, list[User]]:
    """The residents of DEMO_RESIDENTS, by the name of their Smederij."""
    by_smederij: dict[str, list[User]] = {}
    for email, name, smederij_name, in_initiatiefgroep in DEMO_RESIDENTS:
        smederij = _get(Smederij, smederij_name)
        user, _created = _user(email, name, password_hash, home_area=smederij.area)
        if in_initiatiefgroep:
            InitiatiefgroepMembership.objects.get_or_create(user=user, smederij=smederij)
        by_smederij.setdefault(smederij.name, []).append(user)
    return by_smederij


# --- proposals -------------------------------------------------------------


@dataclass(frozen=True)
class Idea:
    """A kind of proposal residents of the Smederijen made, with what it tends to cost."""

    title: str
    klap: str
    theme: str
    summary: str
    social_side: str
    lines: tuple[tuple[str, int, int], ...]  # what, lowest and highest amount in euros
    co_funding: tuple[tuple[str, str], ...] = ()  # kind, from whom
    where: str | None = None  # AreaKind.DORP or WIJK when the idea only fits one
    changes_public_space: bool = False
    goal: str = ""
    partners: str = ""
    success_measure: str = ""
    duration: str = ""


K, L = Klap.KORTE, Klap.LANGE

IDEAS: tuple[Idea, ...] = (
    Idea(
        "Geluidsinstallatie voor het dorpshuis",
        K,
        Theme.ONTMOETING,
        "Een vaste geluidsinstallatie, zodat het dorpshuis geen boxen meer hoeft te huren.",
        "Toneel, bingo en de ouderenmiddag gebruiken hem; elke vereniging mag hem lenen.",
        (("Speakers en versterker", 900, 1600), ("Mengpaneel", 250, 600), ("Microfoons", 120, 300)),
        ((CoFundingKind.SPONSOR, "Installatiebedrijf Zwiers"),),
        where=AreaKind.DORP,
    ),
    Idea(
        "Buurtfeest op het grasveld",
        K,
        Theme.ONTMOETING,
        "Een middag en avond feest voor de hele buurt, met muziek en een barbecue.",
        "Nieuwe en oude bewoners leren elkaar kennen; de kinderen helpen met de spelletjes.",
        (("Huur partytent", 300, 550), ("Springkussen", 125, 200), ("Eten en drinken", 400, 900)),
        ((CoFundingKind.OWN, "Eigen bijdrage deelnemers"),),
    ),
    Idea(
        "Pierenbadje bij de speeltuin",
        K,
        Theme.SPELEN_SPORT,
        "Een ondiep badje voor de kleinsten, open in de zomermaanden.",
        "Ouders treffen elkaar bij het badje; de speeltuinvereniging beheert het.",
        (("Pierenbad met pomp", 1200, 2400), ("Tegels en afvoer", 400, 900)),
        ((CoFundingKind.HOUSING, "Actium"),),
        changes_public_space=True,
    ),
    Idea(
        "Jeu de boules baan bij het buurthuis",
        K,
        Theme.OUDEREN,
        "Een baan van twaalf bij drie meter met een bank ernaast.",
        "Elke dinsdag- en donderdagmiddag spelen; iedereen mag aanschuiven.",
        (
            ("Aanleg baan (grind en randen)", 1500, 2600),
            ("Sets boules", 90, 180),
            ("Bank", 250, 450),
        ),
        changes_public_space=True,
    ),
    Idea(
        "Buurtrestaurant tegen eenzaamheid",
        L,
        Theme.EENZAAMHEID,
        "Twee keer per week een warme maaltijd voor € 3,50 in het buurthuis.",
        "Alleenstaande ouderen eten samen in plaats van alleen; vrijwilligers koken mee.",
        (
            ("Keukeninrichting", 6000, 11000),
            ("Begeleiding kok (één jaar)", 8000, 14000),
            ("Inkoop eerste halfjaar", 3000, 5000),
            ("Folders en bekendmaking", 300, 700),
        ),
        ((CoFundingKind.FONDS, "Oranje Fonds"), (CoFundingKind.HOUSING, "Actium")),
        where=AreaKind.WIJK,
        goal="Minder eenzaamheid onder alleenstaande ouderen in de wijk.",
        partners="Stichting Welzijnswerk, Actium, de wijkverpleging",
        success_measure="Na een jaar eten elke week veertig vaste gasten mee.",
        duration="twee jaar",
    ),
    Idea(
        "Taalcafé in de bibliotheek",
        K,
        Theme.TAAL,
        "Elke woensdagochtend Nederlands oefenen bij een kop koffie.",
        "Nieuwkomers en vrijwilligers uit de buurt raken met elkaar in gesprek.",
        (("Koffie en thee voor een jaar", 250, 500), ("Lesmateriaal", 150, 400)),
        where=AreaKind.WIJK,
    ),
    Idea(
        "Moestuin voor de buurt",
        K,
        Theme.GROEN,
        "Acht plantenbakken op het braakliggende stuk naast de flat.",
        "Bewoners tuinieren samen en delen de oogst met de voedselbank.",
        (
            ("Plantenbakken", 600, 1200),
            ("Grond en zaden", 150, 350),
            ("Gereedschap", 120, 300),
            ("Regenton", 60, 140),
        ),
        ((CoFundingKind.HOUSING, "Woonconcept"),),
        changes_public_space=True,
    ),
    Idea(
        "Speeltoestel voor de kleintjes",
        K,
        Theme.JEUGD,
        "Een klimtoestel met glijbaan voor kinderen tot zes jaar.",
        "Er is in de buurt nog niets voor de allerkleinsten; ouders ontmoeten elkaar.",
        (("Speeltoestel", 2500, 4200), ("Valondergrond", 700, 1300), ("Plaatsing", 300, 600)),
        ((CoFundingKind.FONDS, "Jantje Beton"),),
        changes_public_space=True,
    ),
    Idea(
        "AED aan de gevel van het dorpshuis",
        K,
        Theme.VEILIGHEID,
        "Een AED die dag en nacht bereikbaar is, met een cursus voor vijftien buren.",
        "Buren leren samen reanimeren en weten elkaar te vinden in een noodgeval.",
        (
            ("AED", 1100, 1500),
            ("Buitenkast met verwarming", 400, 700),
            ("Reanimatiecursus", 300, 600),
        ),
        ((CoFundingKind.SPONSOR, "Rabobank Coöperatiefonds"),),
        where=AreaKind.DORP,
    ),
    Idea(
        "Kerstmarkt op het plein",
        K,
        Theme.ONTMOETING,
        "Een kerstmarkt met kraampjes van verenigingen en scholen.",
        "Verenigingen laten zien wat ze doen; de opbrengst gaat naar de speeltuin.",
        (
            ("Huur kramen", 400, 800),
            ("Verlichting en stroom", 250, 500),
            ("Kerstboom", 100, 250),
            ("Affiches", 80, 150),
        ),
        ((CoFundingKind.SPONSOR, "Bakkerij Van der Wal"),),
    ),
    Idea(
        "Biljarttafel voor de ouderensoos",
        K,
        Theme.OUDEREN,
        "Een tweedehands biljart voor de soos in het buurthuis.",
        "De soos trekt weer mannen die nu thuis zitten.",
        (("Biljarttafel (tweedehands)", 900, 1600), ("Keuen en ballen", 150, 300)),
    ),
    Idea(
        "Openluchtbioscoop in het park",
        K,
        Theme.ONTMOETING,
        "Drie zomeravonden film op een groot scherm.",
        "Jong en oud kijken samen; de jongerenwerker zoekt de films uit met de jeugd.",
        (("Huur scherm en projector", 700, 1200), ("Filmlicenties", 200, 450)),
        where=AreaKind.WIJK,
    ),
    Idea(
        "Schoonmaakactie met de basisschool",
        K,
        Theme.GROEN,
        "Twee keer per jaar ruimen leerlingen en buren samen zwerfvuil op.",
        "Kinderen en ouderen werken samen en zijn zuiniger op hun buurt.",
        (("Grijpers en hesjes", 150, 300), ("Afvalzakken", 40, 90), ("Lunch", 100, 250)),
    ),
    Idea(
        "Kookworkshops voor alleenstaanden",
        K,
        Theme.EENZAAMHEID,
        "Zes avonden samen koken en eten in de keuken van het buurthuis.",
        "Mensen die alleen wonen leren nieuwe mensen kennen.",
        (("Ingrediënten", 300, 600), ("Begeleiding kok", 300, 700)),
        ((CoFundingKind.OWN, "Eigen bijdrage deelnemers"),),
    ),
    Idea(
        "Opknappen van het trapveldje",
        K,
        Theme.SPELEN_SPORT,
        "Nieuwe doeltjes en een hek langs het veld, zodat de bal niet meer op straat rolt.",
        "De jeugd heeft weer een eigen plek; omwonenden ergeren zich minder.",
        (("Doeltjes", 600, 1100), ("Hekwerk", 1200, 2200)),
        ((CoFundingKind.HOUSING, "Domesta"),),
        changes_public_space=True,
    ),
    Idea(
        "Dorpsquiz",
        K,
        Theme.ONTMOETING,
        "Een avond quizzen met teams van straten en verenigingen.",
        "Het halve dorp doet mee; de teams mengen jong en oud.",
        (("Zaalhuur", 100, 250), ("Prijzen", 150, 300), ("Geluid en beamer", 100, 200)),
        where=AreaKind.DORP,
    ),
    Idea(
        "Hangplek voor jongeren",
        K,
        Theme.JEUGD,
        "Een overkapping met bankjes op een plek die de jongeren zelf kozen.",
        "Jongeren hebben een eigen plek en overlast bij de winkels neemt af.",
        (("Overkapping", 2000, 3500), ("Bankjes", 400, 800), ("Afvalbak", 100, 200)),
        changes_public_space=True,
    ),
    Idea(
        "Zomerkamp voor kinderen",
        K,
        Theme.JEUGD,
        "Drie dagen kamp in de eerste week van de zomervakantie.",
        "Kinderen die niet op vakantie gaan hebben toch een zomer om over te vertellen.",
        (("Tenten en materiaal", 400, 800), ("Eten", 500, 900), ("Uitstapje", 300, 600)),
        ((CoFundingKind.FONDS, "Kinderpostzegels"),),
    ),
    Idea(
        "Verlichting op het fietspad naar de sportvelden",
        K,
        Theme.VEILIGHEID,
        "Zes lantaarnpalen met zonnepanelen langs het onverlichte stuk.",
        "Kinderen fietsen 's avonds veilig naar de training.",
        (("Lantaarnpalen op zonne-energie", 2400, 3600), ("Plaatsing", 500, 900)),
        where=AreaKind.DORP,
        changes_public_space=True,
    ),
    Idea(
        "Burendag met rommelmarkt",
        K,
        Theme.ONTMOETING,
        "Burendag met een rommelmarkt, koffie en een springkussen.",
        "Buren die elkaar alleen groeten, drinken nu samen koffie.",
        (("Springkussen", 125, 200), ("Koffie, thee en gebak", 150, 300)),
    ),
    Idea(
        "Muziekles voor kinderen in het buurthuis",
        K,
        Theme.JEUGD,
        "Een jaar lang gitaar- en drumles in groepjes op zaterdag.",
        "Kinderen die thuis geen les kunnen betalen, maken samen muziek.",
        (("Docent", 1200, 2200), ("Instrumenten", 500, 1000)),
        ((CoFundingKind.FONDS, "Prins Bernhard Cultuurfonds"),),
    ),
    Idea(
        "Wandelgroep met een rollatorroute",
        K,
        Theme.OUDEREN,
        "Een bewegwijzerde wandelroute met rustbanken, en een wekelijkse wandelgroep.",
        "Ouderen komen de deur uit en wandelen samen.",
        (("Rustbanken", 800, 1500), ("Bordjes", 200, 400)),
        changes_public_space=True,
    ),
    Idea(
        "Uitbreiding van het buurthuis",
        L,
        Theme.ONTMOETING,
        "Een tweede zaal aan het buurthuis, zodat soos, peuterspeelzaal en "
        "jongerenwerk elkaar niet meer in de weg zitten.",
        "Meer verenigingen kunnen terecht; het buurthuis is vaker open.",
        (("Verbouwing", 30000, 45000), ("Inrichting", 5000, 9000), ("Architect", 3000, 5000)),
        ((CoFundingKind.HOUSING, "Domesta"), (CoFundingKind.FONDS, "VSBfonds")),
        where=AreaKind.WIJK,
        changes_public_space=True,
        goal="Een buurthuis waar elke groep uit de wijk een plek heeft.",
        partners="Domesta, Stichting Welzijnswerk, peuterspeelzaal",
        success_measure="Het buurthuis is vijf dagen per week open in plaats van drie.",
        duration="anderhalf jaar",
    ),
    Idea(
        "Het park heringericht als ontmoetingsplek",
        L,
        Theme.GROEN,
        "Paden, bankjes, een speelaanleg en een podium in het park.",
        "Het park wordt weer een plek waar buren elkaar treffen in plaats van een doorgangsroute.",
        (("Ontwerp", 4000, 7000), ("Paden en bankjes", 15000, 25000), ("Podium", 5000, 9000)),
        (
            (CoFundingKind.FONDS, "Nationaal Groenfonds"),
            (CoFundingKind.PARTNER, "Gemeente Hoogeveen"),
        ),
        where=AreaKind.WIJK,
        changes_public_space=True,
        goal="Een park dat bewoners zelf mee hebben ontworpen en gebruiken.",
        partners="Gemeente Hoogeveen (wijkbeheer), Woonconcept, de basisscholen",
        success_measure="Drie buurtactiviteiten per jaar in het park; minder vernielingen.",
        duration="twee jaar",
    ),
    Idea(
        "Taalprogramma tegen taalachterstand",
        L,
        Theme.TAAL,
        "Voorleesouders, taalmaatjes en een ouder-kindgroep, twee jaar lang.",
        "Ouders en kinderen leren samen; vrijwilligers uit de wijk zijn de taalmaatjes.",
        (
            ("Coördinator (twee jaar)", 12000, 18000),
            ("Materiaal en boeken", 1500, 3000),
            ("Training vrijwilligers", 1000, 2500),
        ),
        (
            (CoFundingKind.FONDS, "Stichting Lezen & Schrijven"),
            (CoFundingKind.PARTNER, "Stichting Welzijnswerk"),
        ),
        where=AreaKind.WIJK,
        goal="Kinderen beginnen groep 3 met een taalniveau dat bij hun leeftijd past.",
        partners="Stichting Welzijnswerk, bibliotheek, basisscholen",
        success_measure="Dertig gezinnen doen mee; de scholen zien de taaltoetsen stijgen.",
        duration="twee jaar",
    ),
    Idea(
        "Multifunctioneel sportveld",
        L,
        Theme.SPELEN_SPORT,
        "Een kunstgrasveld met hekken, waar voetbal, basketbal en hockey kunnen.",
        "Jongeren uit verschillende straten sporten samen onder begeleiding.",
        (("Kunstgrasveld", 40000, 60000), ("Hekwerk en doelen", 8000, 12000)),
        ((CoFundingKind.FONDS, "Johan Cruyff Foundation"), (CoFundingKind.HOUSING, "Woonconcept")),
        changes_public_space=True,
        goal="Een veilige sportplek waar de buurtsportcoach wekelijks activiteiten geeft.",
        partners="Woonconcept, buurtsportcoach, Politie Drenthe",
        success_measure="Honderd kinderen per week op het veld; minder overlast-meldingen.",
        duration="één jaar bouwen, daarna vijf jaar beheer",
    ),
    Idea(
        "Dorpshuis toegankelijk en duurzaam",
        L,
        Theme.ONTMOETING,
        "Een oprit, een invalidentoilet en zonnepanelen voor het dorpshuis.",
        "Ook wie slecht ter been is kan weer naar de activiteiten.",
        (
            ("Oprit en deuren", 6000, 10000),
            ("Invalidentoilet", 8000, 12000),
            ("Zonnepanelen", 9000, 14000),
        ),
        ((CoFundingKind.FONDS, "VSBfonds"), (CoFundingKind.SPONSOR, "Rabobank Coöperatiefonds")),
        where=AreaKind.DORP,
        goal="Een dorpshuis dat voor iedereen open staat en minder energie kost.",
        partners="Stichting dorpshuis, Gemeente Hoogeveen",
        success_measure="De ouderenmiddag groeit; de energierekening halveert.",
        duration="één jaar",
    ),
    Idea(
        "Jongerenwerkplaats: werkervaring in de buurt",
        L,
        Theme.WERK,
        "Jongeren zonder werk knappen onder begeleiding bankjes, hekken en fietsen op.",
        "Jongeren doen werkervaring op en de buurt ziet ze iets bijdragen.",
        (
            ("Werkmeester (één jaar)", 15000, 22000),
            ("Gereedschap en materiaal", 3000, 6000),
            ("Huur werkplaats", 2500, 4000),
        ),
        ((CoFundingKind.PARTNER, "Stichting Welzijnswerk"), (CoFundingKind.HOUSING, "Actium")),
        where=AreaKind.WIJK,
        goal="Twaalf jongeren per jaar aan het werk of terug op school.",
        partners="Stichting Welzijnswerk, Actium, UWV",
        success_measure="Twee derde van de deelnemers heeft na een jaar werk of een opleiding.",
        duration="twee jaar",
    ),
    Idea(
        "Ontmoetingstuin bij de seniorenflat",
        L,
        Theme.OUDEREN,
        "Een binnentuin met jeu de boules, moestuinbakken en een overdekt terras.",
        "Bewoners van de flat en de buurt komen elkaar tegen in de tuin.",
        (("Ontwerp en aanleg", 14000, 22000), ("Overdekt terras", 6000, 10000)),
        ((CoFundingKind.HOUSING, "Actium"), (CoFundingKind.FONDS, "Nationaal Ouderenfonds")),
        where=AreaKind.WIJK,
        changes_public_space=True,
        goal="Minder eenzaamheid in de seniorenflat.",
        partners="Actium, Stichting Welzijnswerk, de thuiszorg",
        success_measure="Wekelijkse activiteiten in de tuin met bewoners van binnen en buiten.",
        duration="één jaar",
    ),
)

# Each Smederij's proposals are handed in by its demo residents.
DEMO_SMEDERIJEN = (
    "Krakeel",
    "Wolfsbos",
    "Zuid",
    "Centrum",
    "Schoonvelde",
    "Hollandscheveld",
    "Elim",
    "Pesse",
)

# Below the smallest 2013 korte klap share of DEMO_SMEDERIJEN (Pesse, about € 6.065).
FUNDED_KORTE_KLAP_CAP = Decimal("6000.00")
# Every status appears at least once; the common ones more often.
STATUSES_AT_LEAST_ONCE = tuple(ProposalStatus.values)
STATUSES_COMMON = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.IN_REVIEW,
    ProposalStatus.APPROVED,
    ProposalStatus.IN_PROGRESS,
    ProposalStatus.COMPLETED,
    ProposalStatus.DRAFT,
)
# Extra proposals beyond one per idea: a korte klap idea often comes from more than one area.
REPEATED_IDEAS = 8

EIGEN_INZET = (
    "We zetten alles zelf op en ruimen na afloop op.",
    "Vijf buren nemen het onderhoud op zich.",
    "De initiatiefgroep regelt de vrijwilligers; de basisschool helpt mee.",
    "We koken en schenken zelf; de opbrengst van de bar gaat naar de speeltuin.",
    "Een vaste groep van acht bewoners beheert het, met een rooster.",
)
DRAAGVLAK = (
    "Zesendertig handtekeningen uit de straat.",
    "Besproken op de bewonersavond; niemand was tegen.",
    "De buurtvereniging en de basisschool steunen het idee.",
    "Een enquête onder de bewoners: 80 procent vond het een goed plan.",
    "Het dorpshuisbestuur en de ijsvereniging doen mee.",
)
CO_FUNDING_STATUSES = (CoFundingStatus.ASKED, CoFundingStatus.PROMISED, CoFundingStatus.RECEIVED)
# What a fund, sponsor or corporation pays of the total, in per cent.
CO_FUNDING_SHARE = {K: (8, 25), L: (10, 30)}


@dataclass
class PlannedProposal:
    smederij: str
    submitter_index: int
    idea: Idea
    status: str
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    lines: list[tuple[str, Decimal]]
    co_funding: list[tuple[str, str, Decimal, str]] = field(default_factory=list)
    eigen_inzet: str = ""
    draagvlak: str = ""

    @property
    def title(self) -> str:
        return self.idea.title

    @property
    def total(self) -> Decimal:
        return sum((amount for _what, amount in self.lines), Decimal("0.00"))

    @property
    def amount_requested(self) -> Decimal:
        """The budget minus what others pay: never more than the budget lines add up to."""
        others = sum((amount for _k, _s, amount, _st in self.co_funding), Decimal("0.00"))
        return max(self.total - others, Decimal("1.00")).quantize(Decimal("0.01"))


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    """A believable quote: whole fives, or now and then a shop price ending in ,95."""
    euros = rng.randrange(low, high + 1, 5) if high - low >= 5 else low
    if rng.random() < 0.2:
        return Decimal(euros) - Decimal("0.05")
    return Decimal(euros).quantize(Decimal("0.01"))


def _moment(rng: random.Random, day_of_year_from: int, day_of_year_to: int) -> datetime.datetime:
    day = datetime.date(2013, 1, 1) + datetime.timedelta(
        days=rng.randint(day_of_year_from, day_of_year_to)
    )
    return datetime.datetime(
        day.year, day.month, day.day, rng.randint(8, 21), rng.choice((0, 15, 30, 45)), tzinfo=TZ
    )


def demo_proposals_plan(*, rng: random.Random) -> list[PlannedProposal]:
    """What the demo proposals will be; pure, so the same seed always plans the same list."""
    kinds = {
        "Krakeel": AreaKind.WIJK,
        "Wolfsbos": AreaKind.WIJK,
        "Zuid": AreaKind.WIJK,
        "Centrum": AreaKind.WIJK,
        "Schoonvelde": AreaKind.WIJK,
        "Hollandscheveld": AreaKind.DORP,
        "Elim": AreaKind.DORP,
        "Pesse": AreaKind.DORP,
    }
    korte = [idea for idea in IDEAS if idea.klap == K]
    ideas = list(IDEAS) + rng.sample(korte, REPEATED_IDEAS)
    statuses = list(STATUSES_AT_LEAST_ONCE)
    statuses += [rng.choice(STATUSES_COMMON) for _ in range(len(ideas) - len(statuses))]
    rng.shuffle(statuses)

    taken: set[tuple[str, str]] = set()
    plans = []
    for idea, status in zip(ideas, statuses, strict=True):
        fitting = [
            name
            for name in DEMO_SMEDERIJEN
            if (idea.where in (None, kinds[name])) and (name, idea.title) not in taken
        ]
        # Krakeel is where the demo accounts live: give it a fair share to look at.
        smederij = "Krakeel" if "Krakeel" in fitting and rng.random() < 0.1 else None
        smederij = smederij or rng.choice(fitting)
        taken.add((smederij, idea.title))

        lines = [(what, _amount(rng, low, high)) for what, low, high in idea.lines]
        if len(lines) > 1 and rng.random() < 0.3:
            lines = lines[: rng.randint(1, len(lines) - 1)]
        plan = PlannedProposal(
            smederij=smederij,
            submitter_index=rng.randrange(100),
            idea=idea,
            status=status,
            created_at=_moment(rng, 20, 250),
            submitted_at=None,
            start_date=None,
            end_date=None,
            lines=lines,
            eigen_inzet=rng.choice(EIGEN_INZET),
            draagvlak=rng.choice(DRAAGVLAK),
        )
        if status != ProposalStatus.DRAFT:
            # The database requires the moment of submission for everything not a draft.
            plan.submitted_at = plan.created_at + datetime.timedelta(
                days=rng.randint(1, 21), hours=rng.randint(0, 5)
            )
            start = plan.submitted_at.date() + datetime.timedelta(days=rng.randint(30, 75))
            plan.start_date = start
            if idea.klap == K:
                end = start + datetime.timedelta(days=rng.randint(0, 90))
                plan.end_date = min(end, datetime.date(2013, 12, 31))
            else:
                plan.end_date = start + datetime.timedelta(days=rng.randint(300, 700))
        if idea.co_funding and (idea.klap == L or rng.random() < 0.4):
            low, high = CO_FUNDING_SHARE[idea.klap]
            for kind, source in idea.co_funding:
                share = Decimal(rng.randint(low, high)) / 100
                amount = (plan.total * share).quantize(Decimal("1"))
                plan.co_funding.append((kind, source, amount, rng.choice(CO_FUNDING_STATUSES)))
        plans.append(plan)
    _keep_funded_within_cap(plans)
    return plans


def _keep_funded_within_cap(plans: list[PlannedProposal]) -> None:
    """Send back to review the korte klap proposals a Smederij's share could not have funded.

    The demo grants nothing, but the budget engine may grant every funded demo
    proposal later; that must fit in each Smederij's korte klap share.
    """
    funded: dict[str, Decimal] = {}
    for plan in plans:
        if plan.idea.klap != K or plan.status not in FUNDED_STATUSES:
            continue
        total = funded.get(plan.smederij, Decimal("0.00")) + plan.amount_requested
        if total > FUNDED_KORTE_KLAP_CAP:
            plan.status = ProposalStatus.IN_REVIEW
        else:
            funded[plan.smederij] = total


def demo_proposals_create(
    *, plans: list[PlannedProposal], residents: dict[str, list[User]]
) -> list[Proposal]:
    """Create the planned proposals that do not exist yet; return the new ones."""
    created = []
    smederijen = {s.name: s for s in Smederij.objects.filter(name__in=DEMO_SMEDERIJEN)}
    for plan in plans:
        smederij = smederijen[plan.smederij]
        submitters = residents[plan.smederij]
        submitter = submitters[plan.submitter_index % len(submitters)]
        if Proposal.objects.filter(
            smederij=smederij, submitter=submitter, title=plan.title
        ).exists():
            continue
        idea = plan.idea
        proposal = Proposal.objects.create(
            smederij=smederij,
            submitter=submitter,
            klap=idea.klap,
            status=plan.status,
            title=idea.title,
            summary=idea.summary,
            description=f"{idea.summary} {idea.social_side}",
            social_side=idea.social_side,
            theme=idea.theme,
            changes_public_space=idea.changes_public_space,
            start_date=plan.start_date,
            end_date=plan.end_date,
            eigen_inzet=plan.eigen_inzet,
            draagvlak=plan.draagvlak,
            amount_requested=plan.amount_requested,
            goal=idea.goal,
            duration=idea.duration,
            partners=idea.partners,
            success_measure=idea.success_measure,
            created_at=plan.created_at,
            submitted_at=plan.submitted_at,
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(proposal=proposal, description=what, amount=amount, position=position)
            for position, (what, amount) in enumerate(plan.lines, start=1)
        )
        CoFunding.objects.bulk_create(
            CoFunding(proposal=proposal, kind=kind, source=source, amount=amount, status=status)
            for kind, source, amount, status in plan.co_funding
        )
        created.append(proposal)
    return created


def demo_current_budget_year_open() -> None:
    """Open this year's pot, like 2013's, so that the demo can decide and grant today.

    The seed holds the documented years 2012 and 2013; money is granted in the
    year of the decision, so without the current year every approval in the
    demo would be refused.
    """
    year = timezone.localdate().year
    if BudgetYear.objects.filter(year=year).exists():
        return
    template = BudgetYear.objects.get(year=2013)
    budget_year = budget_year_open(
        year=year,
        total=template.total,
        korte_klap_pot=template.korte_klap_pot,
        lange_klap_pot=template.lange_klap_pot,
    )
    shares_divide_by_inhabitants(budget_year=budget_year)


@dataclass
class DemoReport:
    users_created: int
    proposals_created: int


@transaction.atomic
def demo_load() -> DemoReport:
    """Load the demo on top of the seed. Running it again creates nothing new."""
    users_before = User.objects.count()
    # One hash for every demo account: hashing is slow on purpose, and these
    # passwords are public anyway.
    password_hash = make_password(DEMO_PASSWORD)
    accounts = demo_accounts_create(password_hash=password_hash)
    residents = demo_residents_create(password_hash=password_hash)
    residents["Krakeel"] = [accounts["bewoner"], accounts["initiatiefgroep"], *residents["Krakeel"]]
    # Not for secrets: a fixed seed so that every run plans the same proposals.
    plans = demo_proposals_plan(rng=random.Random(DEMO_RANDOM_SEED))  # noqa: S311
    proposals = demo_proposals_create(plans=plans, residents=residents)
    demo_current_budget_year_open()
    return DemoReport(
        users_created=User.objects.count() - users_before, proposals_created=len(proposals)
    )
