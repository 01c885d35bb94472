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
    if value and value.startswith(_FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_cell(value: Any) -> Any:
    """Any cell value: strings made safe, everything else as it is."""
    return safe_cell_text(value) if isinstance(value, str) else value
