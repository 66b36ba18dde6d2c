"""Read back the .xlsx files the exports write (the venv has no openpyxl): the cells of the
first sheet with their type and number format, straight from the Office Open XML."""

import io
import re
import zipfile
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
BUILTIN_FORMATS = {0: "General", 14: "m/d/yyyy"}


def _column(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref).group(0)
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{{{NS['m']}}}t"))


def read_cells(content: bytes) -> list[list[tuple]]:
    """Rows of (value, type, number format): type "s" text, "n" number; empty cells None."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        names = book.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ElementTree.fromstring(  # noqa: S314 (our own files)
                book.read("xl/sharedStrings.xml")
            )
            shared = [_text(si) for si in root.findall("m:si", NS)]
        styles = ElementTree.fromstring(  # noqa: S314 (our own files)
            book.read("xl/styles.xml")
        )
        formats = dict(BUILTIN_FORMATS)
        for fmt in styles.findall("m:numFmts/m:numFmt", NS):
            formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode")
        xfs = [int(xf.get("numFmtId", 0)) for xf in styles.findall("m:cellXfs/m:xf", NS)]
        sheet = ElementTree.fromstring(  # noqa: S314 (our own files)
            book.read("xl/worksheets/sheet1.xml")
        )
    rows = []
    for row in sheet.findall("m:sheetData/m:row", NS):
        cells = {}
        for cell in row.findall("m:c", NS):
            kind = cell.get("t", "n")
            style = formats.get(xfs[int(cell.get("s", 0))], "General")
            if kind == "s":
                value, kind = shared[int(cell.find("m:v", NS).text)], "s"
            elif kind == "inlineStr":
                value, kind = _text(cell.find("m:is", NS)), "s"
            elif kind == "str":
                value = cell.find("m:v", NS).text
            else:
                value = float(cell.find("m:v", NS).text)
            if cell.find("m:f", NS) is not None:
                kind = "formula"
            cells[_column(cell.get("r"))] = (value, kind, style)
        width = max(cells) + 1 if cells else 0
        rows.append([cells.get(index) for index in range(width)])
    return rows
