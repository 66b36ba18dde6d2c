"""Text that people open in a spreadsheet: no cell may start a formula.

A title typed by a resident ("=HYPERLINK(...)", "+1+1", "@SUM(1)") would run as a formula
when an official opens the export in Excel or LibreOffice (CSV injection, OWASP). Such a
cell gets a leading apostrophe: the spreadsheet shows the text as typed, and runs nothing.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet shows it without running it; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
