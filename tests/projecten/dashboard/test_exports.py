"""What the exports write: Dutch headers, one row per record in the scope, amounts as numbers
with two decimals, dates as dates, and no cell that starts a formula (decision 0035)."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from budget.models import Klap
from projecten.dashboard.exports import DATASETS, csv_lines, stream_rows, write_xlsx
from projecten.dashboard.scope import FigureScope
from tests.projecten.dashboard.xlsx import read_cells

pytestmark = pytest.mark.django_db

EXCEL_EPOCH = datetime.date(1899, 12, 30)


def _csv(dataset: str, scope=None) -> list[dict]:
    scope = scope or FigureScope()
    text = "".join(csv_lines(DATASETS[dataset], stream_rows(DATASETS[dataset], scope)))
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def _xlsx(dataset: str, scope=None, tmp_path=None) -> list[dict]:
    """The sheet as dicts of header -> (value, type, number format), written to disk in
    constant-memory mode when `tmp_path` is given, else in memory (the small export)."""
    chosen, scope = DATASETS[dataset], scope or FigureScope()
    if tmp_path is not None:
        path = str(tmp_path / f"{dataset}.xlsx")
        write_xlsx(path, chosen, stream_rows(chosen, scope))
        content = open(path, "rb").read()  # noqa: SIM115
    else:
        buffer = io.BytesIO()
        write_xlsx(buffer, chosen, stream_rows(chosen, scope))
        content = buffer.getvalue()
    header, *rows = read_cells(content)
    names = [cell[0] for cell in header]
    return [dict(zip(names, row + [None] * (len(names) - len(row)), strict=True)) for row in rows]


# The funded proposal of the `figures` fixture, as each dataset shows it in CSV.
EXPECTED_CSV = {
    "voorstellen": {
        "Begrotingsjaar": "2025",
        "Klap": "korte klap",
        "Status": "in uitvoering",
        "Titel": '\'=HYPERLINK("http://evil.example")',
        "Ingediend door": "Anna de Vries",
        "Namens": "Buurtvereniging Krakeel",
        "Gevraagd bedrag": "1250.50",
        "Toegekend": "1200.00",
        "Vrijgegeven": "100.00",
        "Betaald": "600.25",
        "Terugbetaald": "50.00",
        "Ingediend op": "2025-03-04",
        "Geplande start": "2025-04-01",
        "Gepland einde": "2025-06-30",
    },
    "toekenningen": {
        "Begrotingsjaar": "2025",
        "Toegekend bedrag": "1200.00",
        "Vrijgegeven": "100.00",
        "Betaald": "600.25",
        "Terugbetaald": "50.00",
        "Geheel vrijgegeven op": "",
    },
    "betalingen": {"Bedrag": "600.25", "Voorschot": "ja", "Klap": "korte klap"},
    "cofinanciering": {
        "Van wie": "'@Sponsor BV",
        "Bedrag": "300.00",
        "Status": "toegezegd",
        "Soort": "sponsor",
    },
    "verantwoordingen": {
        "Uitgegeven": "450.75",
        "Bewoners die meededen": "40",
        "Gepland einde": "2025-06-30",
        "Status": "ingediend",
    },
}

MONEY_COLUMNS = {
    "voorstellen": {"Gevraagd bedrag": 1250.50, "Toegekend": 1200, "Betaald": 600.25},
    "toekenningen": {"Toegekend bedrag": 1200, "Vrijgegeven": 100, "Terugbetaald": 50},
    "betalingen": {"Bedrag": 600.25},
    "cofinanciering": {"Bedrag": 300},
    "verantwoordingen": {"Uitgegeven": 450.75},
}


@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_csv_has_dutch_headers_and_the_funded_record(figures, dataset):
    rows = _csv(dataset)
    headers = list(rows[0])
    assert headers == [str(column.header) for column in DATASETS[dataset].columns]
    funded = figures["funded"]
    (row,) = [r for r in rows if funded.title in r.get("Titel", "")]
    for header, value in EXPECTED_CSV[dataset].items():
        assert row[header] == value, header
    assert row["Smederij"] == figures["a"].name
    # The stuurgroep reads no email address, address or postcode of anyone.
    text = ",".join(headers + list(row.values())).lower()
    assert "@example" not in text and funded.submitter.email not in text


@pytest.mark.parametrize("dataset", sorted(DATASETS))
@pytest.mark.parametrize("on_disk", [True, False], ids=["constant-memory", "in-memory"])
def test_xlsx_holds_amounts_as_numbers_and_dates_as_dates(figures, dataset, on_disk, tmp_path):
    rows = _xlsx(dataset, tmp_path=tmp_path if on_disk else None)
    funded = figures["funded"]
    (row,) = [r for r in rows if r["Titel"] and funded.title in r["Titel"][0]]
    for header, amount in MONEY_COLUMNS[dataset].items():
        value, kind, number_format = row[header]
        assert (kind, number_format) == ("n", "#,##0.00"), header
        assert value == pytest.approx(amount)
    if dataset in ("voorstellen", "verantwoordingen"):
        value, kind, number_format = row["Gepland einde"]
        assert (kind, number_format) == ("n", "dd-mm-yyyy")
        assert EXCEL_EPOCH + datetime.timedelta(days=value) == datetime.date(2025, 6, 30)
    assert row["Begrotingsjaar"][1] == "n"


def test_no_cell_starts_a_formula_in_either_format(figures, tmp_path):
    for dataset in DATASETS:
        for row in _csv(dataset):
            assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())
        for row in _xlsx(dataset, tmp_path=tmp_path):
            for cell in row.values():
                assert cell is None or cell[1] != "formula"
                if cell is not None and cell[1] == "s":
                    assert not cell[0].startswith(("=", "+", "-", "@"))
    title = _xlsx("voorstellen", tmp_path=tmp_path)
    assert ('\'=HYPERLINK("http://evil.example")', "s", "General") in [r["Titel"] for r in title]


def _numbers(dataset: str, scope: FigureScope, column: str) -> set[str]:
    return {row[column] for row in _csv(dataset, scope)}


def test_the_scope_filters_every_dataset(figures):
    funded, rejected = str(figures["funded"].pk), str(figures["rejected"].pk)
    a = figures["a"]
    assert _numbers("voorstellen", FigureScope(), "Nummer") == {funded, rejected}
    assert _numbers("voorstellen", FigureScope(year=2024), "Nummer") == {rejected}
    assert _numbers("voorstellen", FigureScope(klap=Klap.LANGE), "Nummer") == {rejected}
    assert _numbers("voorstellen", FigureScope(wijkteam_id=a.wijkteam_id), "Nummer") == {funded}
    assert _numbers("voorstellen", FigureScope(kind=a.area.kind, year=2025), "Nummer") == {funded}
    assert _numbers("voorstellen", FigureScope(theme="jeugd"), "Nummer") == set()
    for dataset in ("toekenningen", "betalingen", "cofinanciering", "verantwoordingen"):
        assert _numbers(dataset, FigureScope(year=2025), "Aanvraagnummer") == {funded}
        assert _numbers(dataset, FigureScope(year=2024), "Aanvraagnummer") == set()
        assert (
            _numbers(dataset, FigureScope(wijkteam_id=figures["b"].wijkteam_id), "Titel") == set()
        )


def test_drafts_and_withdrawn_proposals_are_never_exported(figures):
    titles = {row["Titel"] for row in _csv("voorstellen")}
    assert "Geheim" not in titles and "Teruggetrokken" not in titles
    # The co-funding of a draft neither.
    assert {row["Van wie"] for row in _csv("cofinanciering")} == {"'@Sponsor BV"}


def test_csv_speaks_to_every_tool_comma_point_and_iso_dates(figures):
    text = "".join(
        csv_lines(DATASETS["betalingen"], stream_rows(DATASETS["betalingen"], FigureScope()))
    )
    header, row = text[1:].splitlines()
    assert header.startswith("Nummer,Toekenningsnummer,Aanvraagnummer,Titel")
    assert ",600.25," in row
    assert row.endswith("," + timezone.localdate().isoformat())
