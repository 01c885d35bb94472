"""Every input problem found while reading, raised once (FORMAT.md, "Input errors")."""

from __future__ import annotations

from collections import defaultdict

from rostercheck.errors import InputError, RosterInputError
from rostercheck.workbook.texts import cell_text



class Problems:
    """All input errors; row-level ones can be turned into skipped rows."""

    def __init__(self) -> None:
        self.fatal: list[InputError] = []  # the file's shape: never skipped
        self.by_row: dict[tuple[str, int, str | None], list[InputError]] = defaultdict(list)
        # What the reader read in a way the planner should know of (a header found
        # below a title, a column name read as a format name): said in the report.
        self.notices: list[str] = []

    def notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    def file(self, type_: str, message: str, sheet: str | None = None, row: int | None = None, column: str | None = None, value: str | None = None, expected: str | None = None) -> None:
        self.fatal.append(InputError(type=type_, sheet=sheet, row=row, column=column, value=value, expected=expected, message=message))

    def row(self, type_: str, sheet: str, row: int, column: str | None, value: object, message: str, expected: str | None = None, cell: str | None = None) -> None:
        """A problem in one row (or, for the grid, one cell: ``cell`` is its column letter)."""
        text = cell_text(value) if value is not None else None
        err = InputError(type=type_, sheet=sheet, row=row, column=cell or column, value=text, expected=expected, message=message)
        self.by_row[(sheet, row, cell)].append(err)

    def has(self, sheet: str, row: int, cell: str | None = None) -> bool:
        return (sheet, row, cell) in self.by_row

    def extend(self, other: "Problems") -> None:
        """Add ``other``'s problems after these, as if found after them."""
        self.fatal.extend(other.fatal)
        for key, errs in other.by_row.items():
            self.by_row[key].extend(errs)
        for text in other.notices:
            self.notice(text)

    def raise_or_skip(self, skip_bad_rows: bool) -> tuple[str, ...]:
        if self.fatal or (self.by_row and not skip_bad_rows):
            raise RosterInputError(self.fatal + [e for errs in self.by_row.values() for e in errs])
        skipped = []
        for (sheet, row, cell), errs in sorted(self.by_row.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
            where = f"{sheet}!{cell}{row}" if cell else f"{sheet} rij {row}"
            skipped.append(f"{where}: " + "; ".join(e.message for e in errs))
        return tuple(skipped)

