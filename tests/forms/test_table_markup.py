"""Every table of the site follows the one pattern of decision 0025: it sits in a labelled,
keyboard-focusable scroll region, and a list table labels each cell for its stacked rows."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Mails have no narrow screen to reflow on; the formset table of the template pack is unused
# (its rows are inputs with their own labels).
EXEMPT = {"templates/emails/decision_letter.html", "templates/nlds/table_inline_formset.html"}
TEMPLATES = sorted(
    path
    for folder in ("templates", "projecten/templates", "smederijen/templates")
    for path in (ROOT / folder).rglob("*.html")
    if "<table" in path.read_text() and str(path.relative_to(ROOT)) not in EXEMPT
)
# An id is a name or a template variable with a suffix (`{{ table.id }}-caption`, the
# dashboard's one table template for every figure).
REGION = re.compile(
    r'<div class="hoogeveen-table-scroll" role="region" '
    r'aria-labelledby="([\w-]+|\{\{ [\w.]+ \}\}[\w-]*)" '
    r'tabindex="0">\s*<table'
)


def test_the_check_finds_the_tables():
    assert len(TEMPLATES) >= 15


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_table_is_in_a_labelled_focusable_scroll_region(path):
    html = path.read_text()
    regions = REGION.findall(html)
    assert len(regions) == html.count("<table"), "a table outside its region"
    for label_id in regions:
        assert f'id="{label_id}"' in html, f"the region's label #{label_id} is missing"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_cell_of_a_stacked_table_carries_its_column_label(path):
    html = path.read_text()
    for table in re.findall(r"<table [^>]*hoogeveen-table--stack.*?</table>", html, re.S):
        body = table[table.index("<tbody") :]
        cells = re.findall(r"<td [^>]*>", body)
        assert cells
        for cell in cells:
            assert "data-label=" in cell or "colspan" in cell, cell
