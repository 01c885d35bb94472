"""A sheet as rows of raw cell values that remember where they sit in the spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SheetTable:
    name: str  # as in the file: the sheet name, or the CSV file name without .csv
    rows: list[list]  # raw cell values; rows[0] is spreadsheet row ``first_row``
    first_row: int = 1  # spreadsheet row number of rows[0]
    first_col: int = 0  # 0-based column index of rows[i][0]


def column_letter(index: int) -> str:
    """0-based column index to the spreadsheet's letters (0 -> A, 27 -> AB)."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out
