"""The people of the synthetic history: residents of every Smederij, its initiatiefgroep,
professionals of each wijkteam and two gebiedsregisseurs. All with unusable passwords:
a benchmark logs in with `force_login`, nobody with a password."""

from dataclasses import dataclass, field

from django.utils import timezone

from smederijen.models import (
    GebiedsregisseurAssignment,
    InitiatiefgroepMembership,
    Organisation,
    ProfessionalFunction,
    Smederij,
    User,
    Wijkteam,
    WijkteamMembership,
)

# The mark of a synthetic account, and so of a database that already has the history.
EMAIL_DOMAIN = "synthetic.example.org"
FIRST = (
    "Anna",
    "Bram",
    "Carla",
    "Dirk",
    "Els",
    "Frank",
    "Gerda",
    "Henk",
    "Ineke",
    "Jan",
    "Karin",
    "Luuk",
    "Marieke",
    "Nico",
    "Olga",
    "Peter",
    "Rianne",
    "Sander",
    "Tineke",
    "Wim",
    "Yvonne",
    "Zeger",
    "Fatima",
    "Mehmet",
    "Sanne",
    "Jeroen",
)
LAST = (
    "de Vries",
    "Bakker",
    "Jansen",
    "Mulder",
    "Smit",
    "Dijkstra",
    "Post",
    "Hoekstra",
    "Kuiper",
    "Veenstra",
    "Boer",
    "Koster",
    "Prins",
    "Huisman",
    "Wiersma",
    "Brouwer",
    "Lubbers",
    "Hilbrands",
    "Oosting",
    "Schuiling",
)


@dataclass
class People:
    residents: dict[int, list[int]] = field(default_factory=dict)  # smederij id -> user ids
    members: dict[int, list[int]] = field(default_factory=dict)  # initiatiefgroep
    professionals: dict[int, list[int]] = field(default_factory=dict)  # wijkteam id
    regisseurs: dict[int, int] = field(default_factory=dict)  # wijkteam id -> user id


def has_synthetic_people() -> bool:
    return User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).exists()


def people_create(
    writer, rng, *, smederijen: list[Smederij], residents_per: dict[int, int]
) -> People:
    people = People()
    now = timezone.now()
    rows, members, pro_rows, regie_rows = [], [], [], []
    total = sum(residents_per.values())
    wijkteams = list(Wijkteam.objects.order_by("pk"))
    organisations = list(Organisation.objects.filter(is_partner=True).order_by("pk")) or list(
        Organisation.objects.order_by("pk")
    )
    ids = iter(writer.ids(User, total + 4 * len(wijkteams) + 2))

    def user(email, name, area_id):
        pk = next(ids)
        rows.append((pk, "!synthetic", email, name, area_id, now, False, True, now, False))
        return pk

    n = 0
    for smederij in smederijen:
        people.residents[smederij.pk] = []
        for _ in range(residents_per[smederij.pk]):
            n += 1
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            people.residents[smederij.pk].append(
                user(f"bewoner{n}@{EMAIL_DOMAIN}", name, smederij.area_id)
            )
        # Six residents in the initiatiefgroep: they cast the assessment votes.
        people.members[smederij.pk] = people.residents[smederij.pk][:6]
        members.extend((pk, smederij.pk) for pk in people.members[smederij.pk])
    functions = list(ProfessionalFunction.values)
    for index, wijkteam in enumerate(wijkteams):
        people.professionals[wijkteam.pk] = []
        for k in range(4):
            pk = user(
                f"professional{wijkteam.pk}-{k}@{EMAIL_DOMAIN}",
                f"Professional {wijkteam.name} {k + 1}",
                None,
            )
            people.professionals[wijkteam.pk].append(pk)
            organisation = organisations[(index + k) % len(organisations)]
            pro_rows.append((pk, wijkteam.pk, organisation.pk, functions[k % len(functions)]))
    regisseurs = [
        user(f"gebiedsregisseur{k}@{EMAIL_DOMAIN}", f"Gebiedsregisseur {k + 1}", None)
        for k in range(2)
    ]
    for index, wijkteam in enumerate(wijkteams):
        people.regisseurs[wijkteam.pk] = regisseurs[index % 2]
        regie_rows.append((regisseurs[index % 2], wijkteam.pk))
    writer.write(
        User,
        [
            "id",
            "password",
            "email",
            "display_name",
            "home_area_id",
            "email_verified_at",
            "is_staff",
            "is_active",
            "date_joined",
            "is_superuser",
        ],
        rows,
    )
    writer.write(
        InitiatiefgroepMembership,
        ["id", "user_id", "smederij_id", "joined_at"],
        [
            (pk, u, s, now)
            for pk, (u, s) in zip(
                writer.ids(InitiatiefgroepMembership, len(members)), members, strict=True
            )
        ],
    )
    writer.write(
        WijkteamMembership,
        ["id", "user_id", "wijkteam_id", "organisation_id", "function"],
        [
            (pk, *row)
            for pk, row in zip(writer.ids(WijkteamMembership, len(pro_rows)), pro_rows, strict=True)
        ],
    )
    writer.write(
        GebiedsregisseurAssignment,
        ["id", "user_id", "wijkteam_id"],
        [
            (pk, *row)
            for pk, row in zip(
                writer.ids(GebiedsregisseurAssignment, len(regie_rows)), regie_rows, strict=True
            )
        ],
    )
    return people
