"""Text from untrusted input, made safe to write into a spreadsheet or CSV cell.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, tab, CR or LF is read as a
formula by Excel and LibreOffice (CSV/formula injection). Every workbook and CSV the
tool writes passes input text through :func:`safe_cell_text`, which prefixes such
text with an apostrophe so it stays text. Numbers are left alone.
"""

from __future__ import annotations

from typing import Any

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell_text(value: str) -> str:
    """``value``, with an apostrophe before it when it starts with a formula trigger, or
    with apostrophes and then one (``'@``: the reader takes one leading apostrophe off
    such text, ``workbook.texts.cell_text``, so every text comes back as it was)."""
    if value and value.lstrip("'").startswith(_FORMULA_TRIGGERS):
        return "'" + value
    return value


def escaped_trigger(text: str) -> bool:
    """Whether ``text`` is one :func:`safe_cell_text` escaped: apostrophes, then a
    formula trigger."""
    return len(text) > 1 and text[0] == "'" and text.lstrip("'").startswith(_FORMULA_TRIGGERS)


def safe_cell(value: Any) -> Any:
    """Any cell value: strings made safe, everything else as it is."""
    return safe_cell_text(value) if isinstance(value, str) else value
