"""The format's sheets and columns (FORMAT.md), and finding them in a workbook.

Nothing here reads a value: a sheet's name, its header row and which column holds
which field. Sources use it to find a sheet by name; readers to map columns.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Protocol

from rostercheck.workbook.table import SheetTable, column_letter
from rostercheck.workbook.texts import cell_text, header_key

if TYPE_CHECKING:
    from rostercheck.workbook.problems import Problems


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
        # ATB 4.8:2: written consent to the 60 h average with aanwezigheidsdiensten (ja/nee, default nee)
        Col("presence_shift_consent", ("instemming_aanwezigheidsdienst", "presence_shift_consent")),
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
# FORMAT.md rev. 2, optional: which client holds which product when (read by clients.py).
CLIENTS = SheetSpec(
    "Clienten",
    ("Clients", "Cliënten"),
    (
        Col("client", ("client", "cliënt"), True),
        Col("location", ("locatie", "location"), True),
        Col("product", ("product",), True),
        Col("valid_from", ("vanaf", "from")),
        Col("valid_until", ("tot", "until")),
    ),
)
ALL_SHEETS = (LOCATIONS, PRODUCTS, EMPLOYEES, SHIFTS, PERIOD, TRAVEL, SUPPORT, CLIENTS, GRID, CODES)

# --- finding sheets and columns ------------------------------------------------


def find_sheet(book: HasSheetNames, spec: SheetSpec) -> str | None:
    """The sheet's name in the book. In a CSV folder or zip a file may also be named
    ``<anything>-Diensten.csv`` (FORMAT.md rev. 2: what a spreadsheet program names
    an export of every sheet); a file named exactly after the sheet comes first."""
    mapped = getattr(book, "mapped_sheets", None)  # a mapping file's sheet names (workbook.mapping)
    if mapped and spec.name in mapped:
        return mapped[spec.name]
    wanted = {header_key(n) for n in (spec.name, *spec.aliases)}
    for name in book.sheet_names:
        if header_key(name) in wanted:
            return name
    if getattr(book, "csv_names", False):
        for name in book.sheet_names:
            if "-" in name and header_key(name.rsplit("-", 1)[1]) in wanted:
                return name
    return None


def sheets_named_like(book: HasSheetNames, *specs: SheetSpec) -> list[str]:
    """Sheets whose name starts with one of the specs' names or aliases but is not
    it ("Diensten maart", "Diensten (2)"): what a refusal of a missing sheet names, so
    the planner sees which sheet to rename. Never read in its place."""
    wanted = [header_key(n) for spec in specs for n in (spec.name, *spec.aliases)]
    known = {header_key(n) for spec in ALL_SHEETS for n in (spec.name, *spec.aliases)}  # Periode is no near-miss of Period
    return [name for name in book.sheet_names
            if header_key(name) not in known and any(header_key(name).startswith(w) for w in wanted)]


def missing_sheet_hint(book: HasSheetNames, *specs: SheetSpec) -> str:
    """'; er is wel een blad 'Diensten maart': geef het de naam Diensten' (or '')."""
    like = sheets_named_like(book, *specs)
    if not like:
        return ""
    names = ", ".join(repr(n) for n in like)
    return f"; er is wel een blad {names}: geef het de naam {specs[0].name}"


@dataclass
class Header:
    row: int  # spreadsheet row of the header
    index: dict[str, int]  # field -> position in the row list
    extra: list[tuple[int, str]]  # (position, header text) of unknown columns
    texts: tuple[str, ...]  # every header as read
    names: dict[str, str] = field(default_factory=dict)  # field -> header text as read


def _blank(v: object) -> bool:
    """FORMAT.md rev. 2: "A row whose cells are all empty or only spaces is an empty row"."""
    if v.__class__ is str:
        return not v or v.isspace()
    return v is None or v == ""


def _first_nonempty(table: SheetTable) -> int | None:
    for i, row in enumerate(table.rows):
        if not all(_blank(v) for v in row):
            return i
    return None


# How far down a header row is looked for (a title, a department, a print date above it).
HEADER_SEARCH_ROWS = 30


def loose_name(text: str) -> str:
    """A column name with case, accents, spaces, units in brackets and punctuation gone."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


def match_columns(texts: list[str], spec: SheetSpec, first_only: int | None) -> tuple[dict[str, list[int]], dict[int, list[str]]]:
    """Exact matches (field -> positions) and near misses (position -> candidate fields).

    FORMAT.md rev. 2: a header "close to" a name or alias (`Aanrijtijd (min)`,
    `aanrijtijd`, `Begin tijd`) is accepted with a notice, or refused where it could
    be read two ways. Close means: equal once case, spaces, punctuation and accents
    are gone; or one starts with the other (names of 4+ letters: `begintijd` starts
    with `begin`, `aanrijtijd` is the start of `aanrijtijd_min`); or a typo (one
    letter in eight)."""
    lookup = {header_key(n): c.field for c in spec.cols for n in c.names}
    loose_names = [(loose_name(n), c.field) for c in spec.cols for n in c.names]
    exact: dict[str, list[int]] = {}
    near: dict[int, list[str]] = {}
    for pos, text in enumerate(texts):
        if not text or (first_only is not None and pos >= first_only):
            continue
        fld = lookup.get(header_key(text))
        if fld is not None:
            exact.setdefault(fld, []).append(pos)
            continue
        key = loose_name(text)
        if len(key) < 3:
            continue
        found: list[str] = []
        for name, fld in loose_names:
            close = key == name or (
                len(name) >= 4 and len(key) >= 4 and (key.startswith(name) or name.startswith(key))
            ) or (len(name) >= 6 and SequenceMatcher(None, key, name).ratio() >= 0.875)
            if close and fld not in found:
                found.append(fld)
        if found:
            near[pos] = found
    return exact, near


def header_texts(raw: list) -> list[str]:
    texts = [cell_text(v) for v in raw]
    while texts and texts[-1] == "":
        texts.pop()
    return texts


def _find_header_row(table: SheetTable, spec: SheetSpec, first_only: int | None) -> int | None:
    """FORMAT.md rev. 2: "The header row is the first row that holds the sheet's
    required column names"; None when no row in reach does."""
    required = {c.field for c in spec.cols if c.required}
    for i, raw in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        exact, near = match_columns(header_texts(raw), spec, first_only)
        fields = set(exact) | {f for cands in near.values() for f in cands}
        if required <= fields:
            return i
    return None


def read_header(table: SheetTable, spec: SheetSpec, problems: Problems, *, first_only: int | None = None) -> tuple[Header, int] | None:
    """Map the header row to fields; ``first_only``: only the first N columns are format columns."""
    first = _first_nonempty(table)
    if first is None:
        problems.file("empty_sheet", f"het blad {table.name} is leeg; verwacht een kopregel met {', '.join(c.header for c in spec.cols if c.required)}", sheet=table.name)
        return None
    found = _find_header_row(table, spec, first_only)
    i = first if found is None else found
    row_no = table.first_row + i
    if i > first:
        above = f"rij {table.first_row + first}" if i - first == 1 else f"rijen {table.first_row + first}-{row_no - 1}"
        problems.notice(f"{table.name}: de kopregel staat op rij {row_no}; {above} erboven (titel of toelichting) {'is' if i - first == 1 else 'zijn'} niet gelezen.")
    texts = header_texts(table.rows[i])
    exact, near = match_columns(texts, spec, first_only)
    index: dict[str, int] = {}
    names: dict[str, str] = {}
    taken: set[int] = set()
    for fld, positions in exact.items():
        for pos in positions[1:]:
            problems.file("duplicate_column", f"kolom {texts[pos]!r} staat twee keer in de kopregel", sheet=table.name, row=row_no, column=column_letter(table.first_col + pos), value=texts[pos])
        index[fld] = positions[0]
        names[fld] = texts[positions[0]]
        taken.update(positions)
    # Near misses only for fields no column names exactly: next to `medewerker`, a
    # column `medewerker naam` is the planner's own and is kept as it is.
    claims: dict[str, list[int]] = {}
    for pos, cands in near.items():
        open_fields = [f for f in cands if f not in index]
        if len(open_fields) == 1:
            claims.setdefault(open_fields[0], []).append(pos)
        elif len(open_fields) > 1:
            options = " of ".join(f"'{spec.col(f).header}'" for f in open_fields)
            problems.file("ambiguous_column", f"kolom {texts[pos]!r} kan {options} zijn; geef de kolom de naam uit het formaat", sheet=table.name, row=row_no, column=column_letter(table.first_col + pos), value=texts[pos], expected=options)
            taken.add(pos)
    for fld, positions in claims.items():
        header = spec.col(fld).header
        if len(positions) > 1:
            both = " en ".join(repr(texts[p]) for p in positions)
            problems.file("ambiguous_column", f"kolommen {both} lijken allebei op '{header}'; geef één ervan de naam '{header}'", sheet=table.name, row=row_no, column=column_letter(table.first_col + positions[0]), value=texts[positions[0]], expected=header)
            taken.update(positions)
            continue
        pos = positions[0]
        index[fld] = pos
        names[fld] = texts[pos]
        taken.add(pos)
        problems.notice(f"{table.name}: kolom {texts[pos]!r} ({column_letter(table.first_col + pos)}) is gelezen als '{header}'.")
    extra = [(pos, text) for pos, text in enumerate(texts) if text and pos not in taken]
    ok = True
    for c in spec.cols:
        if c.required and c.field not in index and not any(c.field in near.get(p, ()) for p in near):
            problems.file("missing_column", f"verplichte kolom '{c.header}' ontbreekt (alias '{c.names[1] if len(c.names) > 1 else c.header}')", sheet=table.name, row=row_no, column=c.header, expected=" of ".join(c.names))
            ok = False
        elif c.required and c.field not in index:
            ok = False  # refused above as ambiguous
    if not ok:
        return None
    return Header(row=row_no, index=index, extra=extra, texts=tuple(texts), names=names), i + 1


def data_rows(table: SheetTable, start: int):
    """(spreadsheet row number, cells) of every non-empty row after the header
    (a row of only spaces is empty, FORMAT.md rev. 2)."""
    first = table.first_row
    for i in range(start, len(table.rows)):
        row = table.rows[i]
        for v in row:
            if v.__class__ is str:
                if v and not v.isspace():
                    yield first + i, row
                    break
            elif v is not None:
                yield first + i, row
                break
