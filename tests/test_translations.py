"""The Dutch translation is complete, and the compiled catalogue matches its source."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES"


def test_every_dutch_message_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(LOCALE / "django.po"))

    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_po_file():
    # Keyed with the context too: one msgid ("Vote") may mean several things.
    po = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.pofile(str(LOCALE / "django.po"))
        if not entry.msgid_plural
    }
    mo = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.mofile(str(LOCALE / "django.mo"))
        if not entry.msgid_plural
    }

    assert mo == po, "run `make messages` to compile the Dutch translation"


def test_placeholders_survive_translation():
    """A translator who drops %(amount)s would make the page crash or lie."""
    import re

    pattern = re.compile(r"%\(\w+\)[sdf]|\{\w*\}")
    for entry in polib.pofile(str(LOCALE / "django.po")):
        if entry.msgid_plural:
            continue
        assert sorted(pattern.findall(entry.msgid)) == sorted(pattern.findall(entry.msgstr)), (
            entry.msgid
        )
