"""The format's sheets and columns (FORMAT.md), and finding them in a workbook.

Nothing here reads a value: a sheet's name, its header row and which column holds
which field. Sources use it to find a sheet by name; readers to map columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from rostercheck.workbook.problems import Problems
from rostercheck.workbook.table import SheetTable, column_letter
from rostercheck.workbook.values import cell_text, header_key, norm_key


class HasSheetNames(Protocol):
    sheet_names: list[str]



@dataclass(frozen=True)
class Col:
    field: str
    names: tuple[str, ...]  # Dutch name first, then aliases
    required: bool = False

    @property
    def header(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class SheetSpec:
    name: str  # Dutch name, also the key of Roster.columns
    aliases: tuple[str, ...]
    cols: tuple[Col, ...]

    def col(self, field_name: str) -> Col:
        return next(c for c in self.cols if c.field == field_name)


LOCATIONS = SheetSpec(
    "Locaties",
    ("Locations",),
    (Col("id", ("locatie", "location"), True), Col("name", ("naam", "name")), Col("norm_set", ("normenkader", "norm_set"), True)),
)
PRODUCTS = SheetSpec(
    "Producten",
    ("Products",),
    (
        Col("location", ("locatie", "location"), True),
        Col("product", ("product",), True),
        Col("clients", ("clienten", "clients", "cliënten"), True),
        Col("valid_from", ("vanaf", "from")),
        Col("valid_until", ("tot", "until")),
    ),
)
EMPLOYEES = SheetSpec(
    "Medewerkers",
    ("Employees",),
    (
        Col("id", ("medewerker", "employee"), True),
        Col("name", ("naam", "name")),
        Col("level", ("niveau", "level"), True),
        Col("care_relevant", ("zorgrelevant", "care_relevant")),
        Col("roles", ("rollen", "roles")),
        Col("experience_years", ("ervaring_jaren", "experience_years")),
        Col("contract_hours", ("contracturen", "contract_hours")),
    ),
)
SHIFTS = SheetSpec(
    "Diensten",
    ("Shifts",),
    (
        Col("employee", ("medewerker", "employee"), True),
        Col("location", ("locatie", "location"), True),
        Col("date", ("datum", "date"), True),
        Col("start", ("begin", "start"), True),
        Col("end", ("eind", "end"), True),
        Col("kind", ("soort", "kind"), True),
        Col("product", ("product",)),
        Col("response_min", ("aanrijtijd_min", "response_min")),
        Col("note", ("opmerking", "note")),
        # Not in FORMAT.md's table: the grid form's shift code, kept when a grid
        # roster is written back in the long form.
        Col("code", ("code", "dienstcode", "shift_code")),
    ),
)
PERIOD = SheetSpec("Periode", ("Period",), (Col("from", ("van", "from"), True), Col("until", ("tot", "until"), True)))
TRAVEL = SheetSpec(
    "Reistijden",
    ("TravelTimes", "Travel_times"),
    (
        Col("employee", ("medewerker", "employee"), True),
        Col("location", ("locatie", "location"), True),
        Col("minutes", ("minuten", "minutes"), True),
    ),
)
SUPPORT = SheetSpec(
    "Begeleiding",
    ("SupportHours", "Support_hours"),
    (
        Col("client", ("client", "cliënt"), True),
        Col("location", ("locatie", "location"), True),
        Col("product", ("product",), True),
        Col("day", ("datum", "date"), True),
        Col("hours", ("uren", "hours"), True),
        Col("kind", ("soort", "kind"), True),
        Col("employee", ("medewerker", "employee")),
    ),
)
GRID = SheetSpec("Rooster", ("Grid",), (Col("employee", ("medewerker", "employee"), True), Col("location", ("locatie", "location"))))
CODES = SheetSpec(
    "Dienstcodes",
    ("ShiftCodes", "Shift_codes"),
    (
        Col("code", ("code", "dienstcode", "shift_code"), True),
        Col("start", ("begin", "start")),
        Col("end", ("eind", "end")),
        Col("kind", ("soort", "kind")),
        Col("location", ("locatie", "location")),
        Col("response_min", ("aanrijtijd_min", "response_min")),
        Col("product", ("product",)),
    ),
)
ALL_SHEETS = (LOCATIONS, PRODUCTS, EMPLOYEES, SHIFTS, PERIOD, TRAVEL, SUPPORT, GRID, CODES)

# --- finding sheets and columns ------------------------------------------------


def find_sheet(book: HasSheetNames, spec: SheetSpec) -> str | None:
    wanted = {norm_key(n) for n in (spec.name, *spec.aliases)}
    for name in book.sheet_names:
        if norm_key(name) in wanted or header_key(name) in {header_key(n) for n in wanted}:
            return name
    return None


@dataclass
class Header:
    row: int  # spreadsheet row of the header
    index: dict[str, int]  # field -> position in the row list
    extra: list[tuple[int, str]]  # (position, header text) of unknown columns
    texts: tuple[str, ...]  # every header as read
    names: dict[str, str] = field(default_factory=dict)  # field -> header text as read


def _first_nonempty(table: SheetTable) -> int | None:
    for i, row in enumerate(table.rows):
        if any(v not in ("", None) for v in row):
            return i
    return None


def read_header(table: SheetTable, spec: SheetSpec, problems: Problems, *, first_only: int | None = None) -> tuple[Header, int] | None:
    """Map the header row to fields; ``first_only``: only the first N columns are format columns."""
    i = _first_nonempty(table)
    if i is None:
        problems.file("empty_sheet", f"het blad {table.name} is leeg; verwacht een kopregel met {', '.join(c.header for c in spec.cols if c.required)}", sheet=table.name)
        return None
    row_no = table.first_row + i
    raw = table.rows[i]
    texts = [cell_text(v) for v in raw]
    while texts and texts[-1] == "":
        texts.pop()
    lookup = {header_key(n): c.field for c in spec.cols for n in c.names}
    index: dict[str, int] = {}
    names: dict[str, str] = {}
    extra: list[tuple[int, str]] = []
    for pos, text in enumerate(texts):
        fld = lookup.get(header_key(text)) if (first_only is None or pos < first_only) else None
        if fld is None:
            if text:
                extra.append((pos, text))
            continue
        if fld in index:
            problems.file("duplicate_column", f"kolom {text!r} staat twee keer in de kopregel", sheet=table.name, row=row_no, column=column_letter(table.first_col + pos), value=text)
            continue
        index[fld] = pos
        names[fld] = text
    ok = True
    for c in spec.cols:
        if c.required and c.field not in index:
            problems.file("missing_column", f"verplichte kolom '{c.header}' ontbreekt (alias '{c.names[1] if len(c.names) > 1 else c.header}')", sheet=table.name, row=row_no, column=c.header, expected=" of ".join(c.names))
            ok = False
    if not ok:
        return None
    return Header(row=row_no, index=index, extra=extra, texts=tuple(texts), names=names), i + 1


def data_rows(table: SheetTable, start: int):
    """(spreadsheet row number, cells) of every non-empty row after the header."""
    first = table.first_row
    for i in range(start, len(table.rows)):
        row = table.rows[i]
        for v in row:
            if v != "" and v is not None:
                yield first + i, row
                break

