"""Supports and comments: spread over the proposals the area could see, heavy-tailed
(a few proposals draw thousands, most a handful), each by residents of the Smederij."""

import datetime

from django.utils import timezone

from projecten.models import Comment, Support
from projecten.workflow import HIDDEN_FROM_THE_AREA

COMMENTS = (
    "Goed idee, ik help graag mee.",
    "Wanneer begint dit?",
    "Mooi voor de kinderen in de buurt.",
    "Is hier al met de buren over gesproken?",
    "Ik mis een plan voor het onderhoud.",
    "Top! Dit hebben we echt nodig.",
    "Kan dit ook in het weekend?",
    "Ik woon er vlakbij en steun dit van harte.",
    "Wat kost het onderhoud per jaar?",
    "Leuk, ik bak wel een taart voor de opening.",
)


def _spread(rng, plans, total, caps):
    """`total` split over `plans` by Pareto weights, each at most its cap."""
    weights = [rng.paretovariate(1.2) for _ in plans]
    scale = total / (sum(weights) or 1)
    counts = [min(int(w * scale + rng.random()), cap) for w, cap in zip(weights, caps, strict=True)]
    # What the caps cut off goes, evenly, to the proposals that still have room.
    for _ in range(5):
        left = total - sum(counts)
        room = [i for i, cap in enumerate(caps) if counts[i] < cap]
        if left <= 0 or not room:
            break
        each = -(-left // len(room))
        for i in room:
            extra = min(each, caps[i] - counts[i], left)
            counts[i] += extra
            left -= extra
            if left <= 0:
                break
    return counts


def _visible(plans):
    return [p for p in plans if p.status not in HIDDEN_FROM_THE_AREA and p.times]


def supports_write(writer, rng, plans, *, people, total) -> None:
    visible = _visible(plans)
    now = timezone.now()  # nothing in the future
    caps = [len(people.residents[p.smederij.pk]) for p in visible]
    counts = _spread(rng, visible, total, caps)
    columns = ["id", "proposal_id", "user_id", "created_at"]
    rows = []
    for plan, n in zip(visible, counts, strict=True):
        if not n:
            continue
        start = plan.times[0][1]
        for user in rng.sample(people.residents[plan.smederij.pk], n):
            rows.append(
                (plan.id, user, min(start + datetime.timedelta(minutes=rng.randint(1, 20000)), now))
            )
        if len(rows) >= 100_000:
            writer.write(
                Support,
                columns,
                [(pk, *r) for pk, r in zip(writer.ids(Support, len(rows)), rows, strict=True)],
            )
            rows = []
    writer.write(
        Support,
        columns,
        [(pk, *r) for pk, r in zip(writer.ids(Support, len(rows)), rows, strict=True)],
    )


def comments_write(writer, rng, plans, *, people, total) -> None:
    visible = _visible(plans)
    now = timezone.now()  # nothing in the future
    counts = _spread(rng, visible, total, [5000] * len(visible))
    columns = [
        "id",
        "proposal_id",
        "author_id",
        "body",
        "created_at",
        "hidden_at",
        "hidden_by_id",
        "hidden_reason",
    ]
    rows = []
    for plan, n in zip(visible, counts, strict=True):
        residents = people.residents[plan.smederij.pk]
        regisseur = people.regisseurs[plan.smederij.wijkteam_id]
        start = plan.times[0][1]
        for _ in range(n):
            at = min(start + datetime.timedelta(minutes=rng.randint(1, 30000)), now)
            hidden = (None, None, "")
            if rng.random() < 0.01:  # one in a hundred hidden by the gebiedsregisseur
                hidden = (at + datetime.timedelta(hours=5), regisseur, "Persoonlijke gegevens.")
            rows.append((plan.id, rng.choice(residents), rng.choice(COMMENTS), at, *hidden))
        if len(rows) >= 100_000:
            writer.write(
                Comment,
                columns,
                [(pk, *r) for pk, r in zip(writer.ids(Comment, len(rows)), rows, strict=True)],
            )
            rows = []
    writer.write(
        Comment,
        columns,
        [(pk, *r) for pk, r in zip(writer.ids(Comment, len(rows)), rows, strict=True)],
    )
