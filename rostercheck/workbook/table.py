"""A sheet as rows of raw cell values that remember where they sit in the spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SheetTable:
    name: str  # as in the file: the sheet name, or the CSV file name without .csv
    rows: list[list]  # raw cell values; rows[0] is spreadsheet row ``first_row``
    first_row: int = 1  # spreadsheet row number of rows[0]
    first_col: int = 0  # 0-based column index of rows[i][0]
    # (row index, column index) in ``rows`` of formula cells with no stored value
    # (FORMAT.md rev. 2: an input error naming the cell, never an empty cell).
    blank_formulas: list[tuple[int, int]] = field(default_factory=list)
    # True when the file's bytes showed no cell can hold more text than a spreadsheet
    # cell may (sources._scan_sheet): the cells need not be measured one by one.
    texts_within_limit: bool = False


class FormulaWithoutValue:
    """The value of a formula cell that holds no calculated result (a file written
    by a program that does not calculate). Reads as empty text; the reader reports it."""

    __slots__ = ()

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "FormulaWithoutValue()"


NO_VALUE = FormulaWithoutValue()


def column_letter(index: int) -> str:
    """0-based column index to the spreadsheet's letters (0 -> A, 27 -> AB)."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_index(letters: str) -> int:
    """The spreadsheet's letters to a 0-based column index (A -> 0, AB -> 27)."""
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1
