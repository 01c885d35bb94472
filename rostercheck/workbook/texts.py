"""A cell and a name as a planner reads them: a cell's text, and the keys by which
sheet names, column headers and vocabulary words are compared.

Kept apart from the value parsers (``values``) so that finding a sheet by its name
needs no more than this: ``rostercheck check`` decides which sheet to parse ahead
before it imports the records (``rostercheck.overlap``)."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from rostercheck.cells import escaped_trigger


def norm_key(text: str) -> str:
    """Vocabulary key: trimmed, inner spaces collapsed, case-insensitive."""
    return " ".join(text.split()).casefold()


def header_key(text: str) -> str:
    """Column-name key: like :func:`norm_key`, and ``ervaring jaren`` = ``ervaring_jaren``."""
    return re.sub(r"[\s_]+", "_", text.strip().casefold())


def cell_text(value: object) -> str:
    """Any cell as trimmed text, the way a planner would read it in the sheet.

    Whole floats lose their ``.0`` (a personnel number 1234 is stored as 1234.0);
    a leading apostrophe that :func:`rostercheck.cells.safe_cell_text` added before a
    formula trigger is taken off again, so text survives a write/read round trip.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    text = str(value).strip()
    if escaped_trigger(text):
        return text[1:]
    return text


# The first word of a row that sums the rows above it (Dutch and English).
_TOTAL_WORDS = frozenset({"totaal", "totalen", "subtotaal", "eindtotaal", "total", "totals", "subtotal", "som"})


def is_total_label(cell: object) -> bool:
    """A row's first cell that says Totaal (or Som, Subtotaal, ...): a planner's sum
    under the rows, never a shift or an employee, refused as what it is."""
    if cell.__class__ is not str:
        return False
    words = cell.replace(":", " ").split()
    return bool(words) and words[0].casefold() in _TOTAL_WORDS
