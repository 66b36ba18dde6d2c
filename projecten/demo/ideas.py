"""The kinds of proposal residents of the Smederijen made, with what they tend to cost.

Plain data: the story (`story.py`) picks ideas by title and hands them in through the
services.
"""

from dataclasses import dataclass

from projecten.models import CoFundingKind, Klap, Theme
from wijken.models import AreaKind


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


IDEAS_BY_TITLE = {idea.title: idea for idea in IDEAS}
