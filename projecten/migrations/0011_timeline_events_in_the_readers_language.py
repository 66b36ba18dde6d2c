"""Timeline events store a code and values; old rows get them where their sentence is known.

Before this, an event stored its sentence in the language of whoever acted ("Payment:
€ 20,00." on a Dutch page). The forward step reads the sentences the code used to write,
in English and in Dutch, and turns them into `what` + `data`, emptying `message` (which
from now on holds only what a person typed). A sentence it does not recognise (a typed
reason, a text of an older release) is left as it is and shown as stored. Backwards the
columns go; the rows written by the new code then lose their sentence, so reverse only a
database that has not run the new code.
"""

import re
from decimal import Decimal

from django.db import migrations, models

AMOUNT = r"€\s?(?P<amount>\d{1,3}(?:\.\d{3})*,\d{2})"

# (code, pattern): the sentences of the old code, English msgid and Dutch msgstr.
PATTERNS = [
    # An advance above half carried the typed reason in its sentence: the reason stays typed.
    (
        "advance_paid",
        rf"(?:Advance paid|Voorschot betaald): {AMOUNT}\. "
        r"(?:More than half of the grant, because|Meer dan de helft van het toegekende bedrag, "
        r"omdat): (?P<typed>.+)",
    ),
    (
        "held_back",
        r"(?:Held back from the ballot of the Smederij election"
        r"|Tegengehouden voor het stembiljet van de Smederijverkiezing): (?P<typed>.+)",
    ),
    ("payment", rf"(?:Payment|Betaling): {AMOUNT}\."),
    ("advance_paid", rf"(?:Advance paid|Voorschot betaald): {AMOUNT}\."),
    ("released", rf"(?:Released to the pot|Terug naar de pot): {AMOUNT}\."),
    (
        "to_pay_back",
        rf"(?:To be paid back by the initiators|Terug te betalen door de initiatiefnemers): "
        rf"{AMOUNT}\.",
    ),
    (
        "refunded",
        rf"(?:Paid back and returned to the pot|Terugbetaald en terug naar de pot): {AMOUNT}\.",
    ),
    ("approved", rf"(?:Approved|Goedgekeurd): {AMOUNT} (?:granted|toegekend)\."),
    ("rejected", r"(?:Rejected|Afgewezen)\."),
    ("voted", r"(?:Voted|Heeft gestemd)\."),
    ("vote_changed", r"(?:Changed their vote|Heeft de stem gewijzigd)\."),
    ("deferred", r"(?:Deferred to|Doorgeschoven naar) (?P<year>\d{4})\."),
    ("taken_up_again", r"(?:Taken up again for|Weer opgepakt voor) (?P<year>\d{4})\."),
    ("attachment_added", r"(?:Attachment added|Bijlage toegevoegd): (?P<name>.+)"),
    ("attachment_removed", r"(?:Attachment removed|Bijlage verwijderd): (?P<name>.+)"),
    (
        "accounting_refiled",
        r"The verantwoording was filed again with the information asked for\."
        r"|De verantwoording is opnieuw ingediend, met de gevraagde informatie\.",
    ),
]
COMPILED = [(code, re.compile(pattern, re.DOTALL)) for code, pattern in PATTERNS]


def parse(message: str) -> tuple[str, dict, str] | None:
    """(what, data, typed) for a sentence the old code wrote, or None to keep it as stored;
    `typed` is the part a person typed, which stays in `message`."""
    text = (message or "").strip()
    for code, pattern in COMPILED:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        data, typed = {}, ""
        for key, value in match.groupdict().items():
            if key == "typed":
                typed = value.strip()
                if code == "advance_paid":
                    data["over_half"] = True
                continue
            if key == "amount":
                value = str(Decimal(value.replace(".", "").replace(",", ".")))
            elif key == "year":
                value = int(value)
            data[key] = value
        return code, data, typed
    return None


def forward(apps, schema_editor):
    ProposalEvent = apps.get_model("projecten", "ProposalEvent")
    changed = []
    for event in ProposalEvent.objects.filter(what="").exclude(message="").iterator():
        parsed = parse(event.message)
        if parsed is None:
            continue
        event.what, event.data, event.message = parsed
        changed.append(event)
    ProposalEvent.objects.bulk_update(changed, ["what", "data", "message"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("projecten", "0010_decision_due_from_the_proposal"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposalevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="values"),
        ),
        migrations.AddField(
            model_name="proposalevent",
            name="what",
            field=models.CharField(blank=True, max_length=40, verbose_name="what"),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
