"""Input errors: every problem in a roster or a norm file, with its exact place.

The shape follows pydantic-core's ``ErrorDetails``: a stable ``type``, a place
(sheet, row as the spreadsheet numbers it, column), the offending value, what was
expected, and a message a planner can act on. Readers collect all of them and
raise :class:`RosterInputError` once, so the user sees every problem at once.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

_LETTERS = re.compile(r"[A-Z]{1,3}")  # a column given as its cell letters


class InputError(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True)

    type: str  # stable code, e.g. "missing_sheet", "bad_date", "unknown_employee"
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    message: str

    @property
    def where(self) -> str:
        """``Rooster!F12`` where the column is a cell letter, else ``Diensten rij 12, kolom 'datum'``."""
        if self.sheet is None:
            return ""
        col = self.column
        if self.row is not None and is_cell_column(col):
            return f"{self.sheet}!{col}{self.row}"
        out = self.sheet
        if self.row is not None:
            out += f" rij {self.row}"
        if col:
            out += f", kolom '{col}'"
        return out

    def __str__(self) -> str:
        where = self.where
        return f"{where}: {self.message}" if where else self.message


def is_cell_column(column: str | None) -> bool:
    """A column given as its cell letters (``F``, ``AA``), not as a column name."""
    return bool(column) and _LETTERS.fullmatch(column) is not None  # type: ignore[arg-type]


def _column_order(column: str | None) -> tuple:
    """No column first, then cell letters in the sheet's order (C before AA), then
    column names by name."""
    if not column:
        return (0, 0, "")
    if is_cell_column(column):
        return (1, len(column), column)
    return (2, 0, column)


class RosterInputError(Exception):
    """The input could not be read; carries every problem found (exit code 2)."""

    def __init__(self, errors: list[InputError]):
        self.errors = sorted(
            errors, key=lambda e: (e.sheet or "", e.row if e.row is not None else -1, _column_order(e.column), e.type)
        )
        super().__init__("\n".join(str(e) for e in self.errors))


class NormFileError(Exception):
    """A norm file is invalid; names the file and the key (exit code 2)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
