"""Sheet tables to a :class:`~rostercheck.model.Roster`, long form and grid form.

Every problem is collected, with sheet, row (as the spreadsheet numbers it), column
and what was expected, and raised once as :class:`RosterInputError`. With
``skip_bad_rows`` a row with a problem is left out and listed in ``Roster.skipped``
instead; problems with the file's shape (a missing sheet or column) still stop.

Records are built with the models' validating constructors, except in the hot loop
of the long form: there every value has been parsed and checked here first (the
bounds the model declares: end after start, response >= 0), and :func:`trusted`
skips a second validation. Measured: ``Shift(...)`` ~2.7 us, ``model_construct``
~5.6 us (it fills defaults in Python), :func:`trusted` ~0.8 us.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Callable

from rostercheck.errors import InputError, RosterInputError
from rostercheck.model import (
    Absence,
    AbsenceKind,
    Employee,
    Location,
    Period,
    PeriodSource,
    Place,
    ProductAssignment,
    Roster,
    Shift,
    SupportRow,
    SupportRows,
    TravelTime,
    _trusted,
)
from rostercheck.normsets import Catalogue, NormSet
from rostercheck.workbook import absences
from rostercheck.workbook.clients import clients_sheet
from rostercheck.workbook.consistency import Deliveries, shift_products
from rostercheck.workbook.sources import SheetTable, Workbook, column_letter
from rostercheck.workbook.values import (
    MINUTES_PER_DAY,
    BadValue,
    cell_text,
    header_key,
    norm_key,
    parse_bool,
    parse_date,
    parse_kind,
    parse_level,
    parse_number,
    parse_period_option,
    parse_roles,
    parse_support_kind,
    parse_time,
    parse_whole,
)


def trusted(cls: type, values: dict) -> object:
    """A pydantic model from values this module validated itself, every field given.

    Does what ``BaseModel.model_construct`` does, without its per-call default handling.
    Every record of a class shares one fields-set: a set of 11 names is 728 bytes,
    more than the record's own values, times 400k records on a 100-location year.
    Sharing is safe because the models are frozen (``model_copy`` copies the set).
    """
    return _trusted(cls, values)


# --- the format's sheets and columns (FORMAT.md) ------------------------------


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


# --- collecting problems -----------------------------------------------------


class Problems:
    """All input errors; row-level ones can be turned into skipped rows."""

    def __init__(self) -> None:
        self.fatal: list[InputError] = []  # the file's shape: never skipped
        self.by_row: dict[tuple[str, int, str | None], list[InputError]] = defaultdict(list)

    def file(self, type_: str, message: str, sheet: str | None = None, row: int | None = None, column: str | None = None, value: str | None = None, expected: str | None = None) -> None:
        self.fatal.append(InputError(type=type_, sheet=sheet, row=row, column=column, value=value, expected=expected, message=message))

    def row(self, type_: str, sheet: str, row: int, column: str | None, value: object, message: str, expected: str | None = None, cell: str | None = None) -> None:
        """A problem in one row (or, for the grid, one cell: ``cell`` is its column letter)."""
        text = cell_text(value) if value is not None else None
        err = InputError(type=type_, sheet=sheet, row=row, column=cell or column, value=text, expected=expected, message=message)
        self.by_row[(sheet, row, cell)].append(err)

    def has(self, sheet: str, row: int, cell: str | None = None) -> bool:
        return (sheet, row, cell) in self.by_row

    def raise_or_skip(self, skip_bad_rows: bool) -> tuple[str, ...]:
        if self.fatal or (self.by_row and not skip_bad_rows):
            raise RosterInputError(self.fatal + [e for errs in self.by_row.values() for e in errs])
        skipped = []
        for (sheet, row, cell), errs in sorted(self.by_row.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
            where = f"{sheet}!{cell}{row}" if cell else f"{sheet} rij {row}"
            skipped.append(f"{where}: " + "; ".join(e.message for e in errs))
        return tuple(skipped)


# --- finding sheets and columns ------------------------------------------------


def find_sheet(book: Workbook, spec: SheetSpec) -> str | None:
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


# --- ids ----------------------------------------------------------------------


class Ids:
    """Ids declared in a master sheet; references match exactly or case-insensitively.

    An id whose own row has an error is ``broken``: a reference to it is not a second
    error (the planner fixes the one row), but with ``skip_bad_rows`` the referring
    rows go too. When the master sheet itself is unusable, ``available`` is False and
    references are not checked at all, rather than flagging every row.
    """

    def __init__(self) -> None:
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.broken: dict[str, str] = {}
        self.available = True

    def add(self, text: str, *, broken: bool = False) -> None:
        if broken:
            self.broken.setdefault(text.casefold(), text)
        else:
            self.exact[text] = text
            self.folded[text.casefold()] = text

    def resolve(self, text: str) -> str | None:
        return self.exact.get(text) or self.folded.get(text.casefold())

    def declared(self, text: str) -> bool:
        return self.resolve(text) is not None or text.casefold() in self.broken


# --- the reader -----------------------------------------------------------------


class _Reader:
    def __init__(self, book: Workbook, source_name: str, catalogue: Catalogue | None, skip_bad_rows: bool):
        self.book = book
        self.source_name = source_name
        self.catalogue = catalogue
        self.skip = skip_bad_rows
        self.p = Problems()
        self.columns: dict[str, tuple[str, ...]] = {}
        self.locations: list[Location] = []
        self.location_ids = Ids()
        self.location_sets: dict[str, NormSet | None] = {}  # location id -> its norm set (None: unknown/none)
        self.employee_ids = Ids()
        self.absences: list[Absence] = []  # verlof/ziek, from Diensten or the grid (absences.py)
        self._product_cache: dict[tuple[str, str], str | None] = {}
        # The hot loops' memos: a raw cell string to its text (ids, products and
        # codes repeat on every row, and one str object then serves every record),
        # (location, raw product) to the product id, and identical extra columns
        # to one shared (frozen, never mutated) dict.
        self._texts: dict[str, str] = {}
        self._products: dict[tuple[str, str], str] = {}
        self._extras: dict[tuple, dict[str, str]] = {}

    # generic row access --------------------------------------------------------

    def _table(self, spec: SheetSpec, required: bool) -> SheetTable | None:
        name = find_sheet(self.book, spec)
        if name is None:
            if required:
                self.p.file("missing_sheet", f"verplicht blad '{spec.name}' (alias '{spec.aliases[0]}') ontbreekt", sheet=spec.name, expected=f"een blad {spec.name} of {spec.aliases[0]}")
            return None
        return self.book.table(name)

    def _rows(self, spec: SheetSpec, table: SheetTable):
        got = read_header(table, spec, self.p)
        if got is None:
            return None, iter(())
        header, start = got
        self.columns[spec.name] = header.texts
        return header, data_rows(table, start)

    def _get(self, header: Header, row: list, fld: str) -> object:
        pos = header.index.get(fld)
        if pos is None or pos >= len(row):
            return ""
        return row[pos]

    def _extra(self, header: Header, row: list) -> dict[str, str]:
        out = {}
        for pos, text in header.extra:
            if pos < len(row):
                val = cell_text(row[pos])
                if val:
                    out[text] = val
        key = tuple(out.items())
        return self._extras.setdefault(key, out) if len(key) <= 4 else out

    def _memo_text(self, header: Header, sheet: str, row_no: int, row: list, fld: str, pos: int, required: bool = False) -> str | None:
        """``_text`` for columns whose values repeat (ids, products, codes, kinds)."""
        raw = row[pos] if 0 <= pos < len(row) else ""
        if type(raw) is str:
            found = self._texts.get(raw)
            if found is not None:
                return found
        text = self._text(header, sheet, row_no, row, fld, required)
        if text is not None and type(raw) is str and len(self._texts) < 100_000:
            self._texts[raw] = text
        return text

    def _memo_product(self, location: str | None, text: str | None, sheet: str, row_no: int, column: str) -> str | None:
        if location is None or text is None:
            return self._product(location, text, sheet, row_no, column)
        key = (location, text)
        pid = self._products.get(key)
        if pid is None:
            pid = self._product(location, text, sheet, row_no, column)
            if pid is not None and not self.p.has(sheet, row_no):
                self._products[key] = pid
        return pid

    def _parse(self, header: Header, sheet: str, row_no: int, row: list, fld: str, parser: Callable, required: bool = False, **kw):
        return self._parse_raw(self._get(header, row, fld), header, sheet, row_no, fld, parser, required, **kw)

    def _parse_raw(self, raw: object, header: Header, sheet: str, row_no: int, fld: str, parser: Callable, required: bool = False, **kw):
        if raw == "" or raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.p.row("missing_value", sheet, row_no, header.names.get(fld, fld), "", f"kolom '{header.names.get(fld, fld)}' is leeg", expected="een waarde")
            return None
        try:
            return parser(raw, **kw)
        except BadValue as exc:
            self.p.row(_type_for(parser), sheet, row_no, header.names[fld], raw, exc.message, expected=exc.expected)
            return None

    def _text(self, header: Header, sheet: str, row_no: int, row: list, fld: str, required: bool = False) -> str | None:
        return self._parse(header, sheet, row_no, row, fld, cell_text, required) or None

    def _ref(self, ids: Ids, what: str, type_: str, header: Header, sheet: str, row_no: int, row: list, fld: str, required: bool = True) -> str | None:
        text = self._text(header, sheet, row_no, row, fld, required)
        if text is None:
            return None
        return self._check_ref(ids, what, type_, text, sheet, row_no, header.names[fld])

    def _check_ref(self, ids: Ids, what: str, type_: str, text: str, sheet: str, row_no: int, column: str, cell: str | None = None) -> str | None:
        if not ids.available:
            return text
        found = ids.resolve(text)
        if found is not None:
            return found
        master = "Medewerkers" if type_ == "unknown_employee" else "Locaties"
        if text.casefold() in ids.broken:
            if self.skip:
                self.p.row("skipped_reference", sheet, row_no, column, text, f"{what} {text!r} is overgeslagen (fout in het blad {master})", cell=cell)
            return ids.broken[text.casefold()]
        self.p.row(type_, sheet, row_no, column, text, f"onbekende {what} {text!r}", expected=f"een {what} uit het blad {master}", cell=cell)
        return None

    def _product(self, location: str | None, text: str | None, sheet: str, row_no: int, column: str, cell: str | None = None) -> str | None:
        """The canonical product id in the location's norm set (as written without a catalogue)."""
        if text is None or location is None or self.catalogue is None:
            return text
        norm_set = self.location_sets.get(location)
        if norm_set is None:
            return text  # the location's own row already carries the error
        key = (norm_set.id, norm_key(text))
        if key not in self._product_cache:
            found = norm_set.product(text)
            self._product_cache[key] = found.id if found else None
        pid = self._product_cache[key]
        if pid is None:
            known = ", ".join(p.id for p in norm_set.products)
            self.p.row("unknown_product", sheet, row_no, column, text, f"product {text!r} staat niet in normenkader {norm_set.id}", expected=f"een product van {norm_set.id}: {known}", cell=cell)
        return pid

    # sheets ------------------------------------------------------------------

    def locations_sheet(self) -> None:
        table = self._table(LOCATIONS, True)
        header, rows = self._rows(LOCATIONS, table) if table is not None else (None, ())
        if header is None:
            self.location_ids.available = False
            return
        for row_no, row in rows:
            s = table.name
            loc_id = self._text(header, s, row_no, row, "id", True)
            name = self._text(header, s, row_no, row, "name")
            norm_set_text = self._text(header, s, row_no, row, "norm_set", True)
            norm_set = None
            if norm_set_text is not None and self.catalogue is not None:
                norm_set = self.catalogue.get(norm_set_text)
                if norm_set is None or norm_set.scope != "location":
                    known = ", ".join(ns.id for ns in self.catalogue.location_sets()) or "(geen normenkaders geladen)"
                    why = "is een arbeidstijdenset, geen normenkader voor een locatie" if norm_set is not None else "is geen bekend normenkader"
                    self.p.row("unknown_norm_set", s, row_no, header.names["norm_set"], norm_set_text, f"{norm_set_text!r} {why}", expected=f"een normenkader: {known}")
                    norm_set = None
            if loc_id is not None and self.location_ids.declared(loc_id):
                self.p.row("duplicate_id", s, row_no, header.names["id"], loc_id, f"locatie {loc_id!r} staat al eerder in {s}", expected="een unieke locatie")
            if self.p.has(s, row_no):
                if loc_id is not None and not self.location_ids.declared(loc_id):
                    self.location_ids.add(loc_id, broken=True)
                continue
            self.location_ids.add(loc_id)
            self.location_sets[loc_id] = norm_set
            stored_set = norm_set.id if norm_set is not None else norm_set_text
            self.locations.append(Location(id=loc_id, name=name, norm_set=stored_set, extra=self._extra(header, row), place=Place(sheet=s, row=row_no)))

    def employees_sheet(self) -> list[Employee]:
        out: list[Employee] = []
        table = self._table(EMPLOYEES, True)
        header, rows = self._rows(EMPLOYEES, table) if table is not None else (None, ())
        if header is None:
            self.employee_ids.available = False
            return out
        for row_no, row in rows:
            s = table.name
            emp_id = self._text(header, s, row_no, row, "id", True)
            name = self._text(header, s, row_no, row, "name")
            level = self._parse(header, s, row_no, row, "level", parse_level, True)
            care = self._parse(header, s, row_no, row, "care_relevant", parse_bool)
            roles = self._parse(header, s, row_no, row, "roles", parse_roles)
            exp = self._parse(header, s, row_no, row, "experience_years", parse_number)
            hours = self._parse(header, s, row_no, row, "contract_hours", parse_number)
            # Ids are registered only once their row is accepted, so with
            # skip_bad_rows the shifts of a skipped employee are skipped too.
            if emp_id is not None and self.employee_ids.declared(emp_id):
                self.p.row("duplicate_id", s, row_no, header.names["id"], emp_id, f"medewerker {emp_id!r} staat al eerder in {s}", expected="een unieke medewerker")
            if self.p.has(s, row_no):
                if emp_id is not None and not self.employee_ids.declared(emp_id):
                    self.employee_ids.add(emp_id, broken=True)
                continue
            self.employee_ids.add(emp_id)
            # Every value comes from this module's parsers (a Level, a bool, a frozenset
            # of Roles, numbers >= 0): built without a second validation (10k staff).
            out.append(
                trusted(Employee, {
                    "extra": self._extra(header, row), "place": trusted(Place, {"sheet": s, "row": row_no, "column": None}),
                    "id": emp_id, "name": name, "level": level, "care_relevant": True if care is None else care,
                    "roles": roles or frozenset(), "experience_years": exp, "contract_hours": hours, "presence_shift_consent": False,
                })
            )
        return out

    def products_sheet(self) -> list[ProductAssignment]:
        out: list[ProductAssignment] = []
        table = self._table(PRODUCTS, True)
        if table is None:
            return out
        header, rows = self._rows(PRODUCTS, table)
        for row_no, row in rows:
            s = table.name
            loc = self._ref(self.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
            text = self._text(header, s, row_no, row, "product", True)
            product = self._product(loc, text, s, row_no, header.names["product"])
            clients = self._parse(header, s, row_no, row, "clients", parse_whole, True)
            vfrom = self._parse(header, s, row_no, row, "valid_from", parse_date)
            vuntil = self._parse(header, s, row_no, row, "valid_until", parse_date)
            if vfrom and vuntil and vuntil < vfrom:
                self.p.row("bad_date_range", s, row_no, header.names["valid_until"], vuntil, f"'tot' ({vuntil:%d-%m-%Y}) ligt voor 'vanaf' ({vfrom:%d-%m-%Y})", expected="een datum op of na 'vanaf'")
            if self.p.has(s, row_no):
                continue
            out.append(ProductAssignment(location=loc, product=product, clients=clients, valid_from=vfrom, valid_until=vuntil, extra=self._extra(header, row), place=Place(sheet=s, row=row_no)))
        return out

    def _interval(self, day: date | None, start_min: int | None, end_min: int | None) -> tuple[datetime, datetime] | None:
        """FORMAT.md: "an end at or before the start means the next day"; 24:00 is
        midnight at the end of the day. So ``begin == eind`` is a 24-hour shift
        (FORMAT.md rev. 2: "`begin` equal to `eind` is a 24-hour shift")."""
        if day is None or start_min is None or end_min is None:
            return None
        base = datetime(day.year, day.month, day.day)
        start = base + timedelta(minutes=start_min)
        if end_min == MINUTES_PER_DAY:
            end = base + timedelta(days=1)
        elif end_min <= start_min:
            end = base + timedelta(days=1, minutes=end_min)
        else:
            end = base + timedelta(minutes=end_min)
        return start, end

    def shifts_sheet(self, table: SheetTable) -> list[Shift]:
        """The long form. The hot loop of a large roster: the common cell types
        (date and time cells, exact ids) take a fast path; everything else goes
        through the same parsers as the other sheets."""
        out: list[Shift] = []
        header, rows = self._rows(SHIFTS, table)
        if header is None:
            return out
        s = table.name
        p = self.p
        idx = header.index
        pos = {f: idx.get(f, -1) for f in ("employee", "location", "date", "start", "end", "kind", "product", "response_min", "note", "code")}
        emp_exact, loc_exact = self.employee_ids.exact, self.location_ids.exact
        kinds: dict[str, object] = {}
        has_extra = bool(header.extra)
        no_extra = self._extras.setdefault((), {})

        # Rows shorter than the columns the loop reads are padded with "" (CSV rows
        # may be; calamine's never are), so cells are read by plain indexing.
        width = max(idx.values(), default=-1) + 1
        pe, pl, pd, pb, pn, pk = (pos[f] for f in ("employee", "location", "date", "start", "end", "kind"))
        pp, pr, pno, pc = (pos[f] for f in ("product", "response_min", "note", "code"))
        has_product, has_response, has_note, has_code = (i >= 0 for i in (pp, pr, pno, pc))
        product_column = header.names.get("product", "product")
        extra_memo: dict[tuple, dict[str, str]] = {}
        extra_pos = [p_ for p_, _ in header.extra]
        extra_end = max(extra_pos, default=-1)
        texts = self._texts
        by_row = p.by_row
        bases: dict[date, datetime] = {}
        minutes = [timedelta(minutes=m) for m in range(2 * MINUTES_PER_DAY + 1)]
        one_day = timedelta(days=1)
        leave_rows: list[tuple[int, list]] = []  # soort verlof/ziek: read by absences.py
        for row_no, row in rows:
            if len(row) < width:
                row = list(row) + [""] * (width - len(row))
            raw = row[pk]
            kind = kinds.get(raw) if raw.__class__ is str else None
            if kind is None:
                if absences.absence_kind(raw) is not None:
                    leave_rows.append((row_no, row))  # leave or sickness, not a shift
                    continue
                kind = self._parse_raw(raw, header, s, row_no, "kind", parse_kind, True)
                if kind is not None and raw.__class__ is str:
                    kinds[raw] = kind
            raw = row[pe]
            emp = emp_exact.get(raw) if raw.__class__ is str else None
            if emp is None:
                emp = self._ref(self.employee_ids, "medewerker", "unknown_employee", header, s, row_no, row, "employee")
            raw = row[pl]
            loc = loc_exact.get(raw) if raw.__class__ is str else None
            if loc is None:
                loc = self._ref(self.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
            raw = row[pd]
            day = raw if raw.__class__ is date else self._parse_raw(raw, header, s, row_no, "date", parse_date, True)
            raw = row[pb]
            if raw.__class__ is time and not raw.second and not raw.microsecond:
                bm = raw.hour * 60 + raw.minute
            else:
                bm = self._parse_raw(raw, header, s, row_no, "start", parse_time, True)
            raw = row[pn]
            if raw.__class__ is time and not raw.second and not raw.microsecond:
                em = raw.hour * 60 + raw.minute
            else:
                em = self._parse_raw(raw, header, s, row_no, "end", parse_time, True, allow_24=True)
            # Optional text columns: an empty cell is None, a repeated one is memoised.
            raw = row[pp] if has_product else ""
            if raw == "":
                product_text = None
            else:
                product_text = (texts.get(raw) if raw.__class__ is str else None) or self._memo_text(header, s, row_no, row, "product", pp)
            product = None if product_text is None else self._memo_product(loc, product_text, s, row_no, product_column)
            raw = row[pr] if has_response else ""
            if raw.__class__ is float and raw.is_integer() and 0 <= raw < 1e9:
                resp = int(raw)
            elif raw == "" or raw is None:
                resp = None
            else:
                resp = self._parse(header, s, row_no, row, "response_min", parse_whole)
            note = None if not has_note or row[pno] == "" else self._text(header, s, row_no, row, "note")
            raw = row[pc] if has_code else ""
            if raw == "":
                code = None
            else:
                code = (texts.get(raw) if raw.__class__ is str else None) or self._memo_text(header, s, row_no, row, "code", pc)
            if by_row and (s, row_no, None) in by_row:
                continue
            if has_extra and extra_end < len(row):
                # The planner's own columns repeat (a team name): one dict per distinct text.
                key = tuple([row[i] for i in extra_pos])
                extra = extra_memo.get(key)
                if extra is None:
                    extra = self._extra(header, row)
                    if all(v.__class__ is str for v in key) and len(extra_memo) < 100_000:
                        extra_memo[key] = extra
            elif has_extra:
                extra = self._extra(header, row)
            else:
                extra = no_extra
            # self._interval, with the day's midnight and the minute offsets remembered
            base = bases.get(day)
            if base is None:
                base = bases[day] = datetime(day.year, day.month, day.day)
            start = base + minutes[bm]
            end = base + (one_day if em == MINUTES_PER_DAY else minutes[em] if em > bm else minutes[em + MINUTES_PER_DAY])
            out.append(
                _trusted(Shift, {
                    "extra": extra, "place": _trusted(Place, {"sheet": s, "row": row_no, "column": None}),
                    "employee": emp, "location": loc, "start": start, "end": end, "kind": kind,
                    "product": product, "response_min": resp, "note": note, "code": code,
                })
            )
        self.absences.extend(absences.long_form(self, header, s, leave_rows))
        return out

    def grid_sheets(self, grid: SheetTable) -> list[Shift]:
        out: list[Shift] = []
        codes = self._codes()
        got = read_header(grid, GRID, self.p, first_only=2)
        if got is None or codes is None:
            return out
        header, start = got
        self.columns[GRID.name] = header.texts
        s = grid.name
        if header.index["employee"] != 0:
            self.p.file("missing_column", "de eerste kolom van het rooster moet 'medewerker' zijn", sheet=s, row=header.row, column="A", expected="medewerker")
            return out
        loc_pos = header.index.get("location")
        if loc_pos not in (None, 1):
            loc_pos = None
        # Date columns: every header after medewerker (and locatie) that is a date.
        first_date_pos = 2 if loc_pos == 1 else 1
        header_row = grid.rows[start - 1]
        dates: list[tuple[int, date]] = []
        seen_dates: dict[date, str] = {}
        for pos in range(first_date_pos, len(header.texts)):
            raw = header_row[pos]
            letter = column_letter(grid.first_col + pos)
            text = header.texts[pos]
            if text == "":
                continue
            try:
                d = parse_date(raw)
            except BadValue as exc:
                if not re.search(r"\d", text):
                    continue  # a planner's own column (totaal, opmerking): kept in columns, not read
                self.p.file("bad_date", f"kolomkop {text!r} is geen datum: {exc.message}", sheet=s, row=header.row, column=letter, value=text, expected=exc.expected)
                continue
            if d in seen_dates:
                self.p.file("duplicate_column", f"datum {d:%d-%m-%Y} staat ook in kolom {seen_dates[d]}", sheet=s, row=header.row, column=letter, value=text)
                continue
            seen_dates[d] = letter
            dates.append((pos, d))
        only_location = self.locations[0].id if len(self.locations) == 1 else None
        emp_name = header.names["employee"]
        for row_no, row in data_rows(grid, start):
            emp_text = cell_text(row[0]) if row else ""
            if not emp_text:
                self.p.row("missing_value", s, row_no, emp_name, "", "geen medewerker in de eerste kolom", expected="een medewerker uit het blad Medewerkers", cell="A")
                continue
            emp = self._check_ref(self.employee_ids, "medewerker", "unknown_employee", emp_text, s, row_no, emp_name, cell=column_letter(grid.first_col))
            if emp is None or self.p.has(s, row_no, column_letter(grid.first_col)):
                continue
            row_loc = None
            if loc_pos is not None and loc_pos < len(row) and cell_text(row[loc_pos]):
                loc_text = cell_text(row[loc_pos])
                loc_cell = column_letter(grid.first_col + loc_pos)
                row_loc = self._check_ref(self.location_ids, "locatie", "unknown_location", loc_text, s, row_no, header.names["location"], cell=loc_cell)
                if row_loc is None or self.p.has(s, row_no, loc_cell):
                    continue
            for pos, day in dates:
                if pos >= len(row):
                    break
                text = cell_text(row[pos])
                if not text:
                    continue
                letter = column_letter(grid.first_col + pos)
                for part in re.split(r"[/+]", text):
                    code_text = part.strip()
                    if not code_text:
                        continue
                    code = codes.get(code_text.casefold())
                    if code is None:
                        self.p.row("unknown_shift_code", s, row_no, None, code_text, f'unknown shift code "{code_text}" (onbekende dienstcode)', expected="een code uit het blad Dienstcodes: " + ", ".join(sorted({c.code for c in codes.values()})), cell=letter)
                        continue
                    if code.kind is None:
                        continue  # a code with no times and no soort: a day off (vrij), not a shift
                    if isinstance(code.kind, AbsenceKind):
                        place = Place(sheet=s, row=row_no, column=letter)
                        self.absences.append(absences.grid_cell(emp, day, code, code.location or row_loc, place))
                        continue
                    loc = code.location or row_loc or only_location
                    if loc is None:
                        self.p.row("missing_location", s, row_no, None, code_text, f"dienst {code_text!r} heeft geen locatie: geef de rij een locatie of de dienstcode een locatie", expected="een locatie in kolom B of in Dienstcodes", cell=letter)
                        continue
                    product = self._product(loc, code.product, s, row_no, "product", cell=letter)
                    start_dt, end_dt = self._interval(day, code.start, code.end)
                    if self.p.has(s, row_no, letter):
                        continue
                    out.append(
                        Shift(
                            employee=emp, location=loc, start=start_dt, end=end_dt, kind=code.kind, product=product,
                            response_min=code.response_min, note=None, code=code.code, extra={},
                            place=Place(sheet=s, row=row_no, column=letter),
                        )
                    )
        return out

    def _codes(self) -> dict[str, "_Code"] | None:
        table = self._table(CODES, False)
        if table is None:
            self.p.file("missing_sheet", "het blad 'Rooster' heeft een blad 'Dienstcodes' (alias 'ShiftCodes') nodig dat de codes uitlegt", sheet=CODES.name, expected="een blad Dienstcodes met code, begin, eind, soort")
            return None
        header, rows = self._rows(CODES, table)
        if header is None:
            return None
        out: dict[str, _Code] = {}
        s = table.name
        for row_no, row in rows:
            code = self._text(header, s, row_no, row, "code", True)
            given = [f for f in ("start", "end", "kind") if cell_text(self._get(header, row, f))]
            # A code with no begin, eind and soort is a day off (vrij): planners keep
            # those in the grid, and it is not a shift. With soort verlof/ziek it is
            # leave or sickness, with or without times (FORMAT.md rev. 2).
            day_off = not given
            leave = absences.absence_kind(self._get(header, row, "kind"))
            timed = not day_off and leave is None
            bm = self._parse(header, s, row_no, row, "start", parse_time, timed)
            em = self._parse(header, s, row_no, row, "end", parse_time, timed, allow_24=True)
            if leave is not None:
                absences.check_code(self, header, s, row_no, row, leave)
            kind = leave or self._parse(header, s, row_no, row, "kind", parse_kind, not day_off)
            loc = self._ref(self.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location", required=False) if "location" in header.index else None
            resp = self._parse(header, s, row_no, row, "response_min", parse_whole) if "response_min" in header.index else None
            product = self._text(header, s, row_no, row, "product") if "product" in header.index else None
            if code is not None and code.casefold() in out:
                self.p.row("duplicate_id", s, row_no, header.names["code"], code, f"dienstcode {code!r} staat al eerder in {s}", expected="een unieke code")
            if self.p.has(s, row_no) or code is None:
                continue
            out[code.casefold()] = _Code(code, bm, em, kind, loc, resp, product)
        return out

    def travel_sheet(self) -> list[TravelTime]:
        out: list[TravelTime] = []
        table = self._table(TRAVEL, False)
        if table is None:
            return out
        header, rows = self._rows(TRAVEL, table)
        for row_no, row in rows:
            s = table.name
            emp = self._ref(self.employee_ids, "medewerker", "unknown_employee", header, s, row_no, row, "employee")
            loc = self._ref(self.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
            minutes = self._parse(header, s, row_no, row, "minutes", parse_whole, True)
            if self.p.has(s, row_no):
                continue
            out.append(TravelTime(employee=emp, location=loc, minutes=minutes, extra=self._extra(header, row), place=Place(sheet=s, row=row_no)))
        return out

    def support_sheet(self) -> SupportRows | None:
        """Begeleiding: one row per client-day, the largest sheet of a year's roster
        (280k rows for 100 locations). The common cells (exact ids, date cells,
        number cells, repeated texts) take a fast path; the rest goes through the
        same parsers as every other sheet."""
        table = self._table(SUPPORT, False)
        if table is None:
            return None
        out: list[SupportRow] = []
        header, rows = self._rows(SUPPORT, table)
        if header is None:
            return SupportRows(out, table.name)
        s = table.name
        p = self.p
        idx = header.index
        pos = {f: idx.get(f, -1) for f in ("client", "location", "product", "day", "hours", "kind", "employee")}
        emp_exact, loc_exact = self.employee_ids.exact, self.location_ids.exact
        kinds: dict[str, object] = {}
        has_extra = bool(header.extra)
        no_extra = self._extras.setdefault((), {})
        has_employee = pos["employee"] >= 0
        product_column = header.names["product"]

        # As in shifts_sheet: short rows padded once, cells read by index, repeated
        # texts and (location, product) pairs looked up before any parser runs.
        width = max(idx.values(), default=-1) + 1
        pcl, plo, ppr, pda, pho, pki, pem = (pos[f] for f in ("client", "location", "product", "day", "hours", "kind", "employee"))
        texts, products = self._texts, self._products
        by_row = p.by_row
        new_row = tuple.__new__
        for row_no, row in rows:
            if len(row) < width:
                row = list(row) + [""] * (width - len(row))
            raw = row[pcl]
            client = texts.get(raw) if raw.__class__ is str else None
            if client is None:
                client = self._memo_text(header, s, row_no, row, "client", pcl, True)
            raw = row[plo]
            loc = loc_exact.get(raw) if raw.__class__ is str else None
            if loc is None:
                loc = self._ref(self.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
            raw = row[ppr]
            text = texts.get(raw) if raw.__class__ is str else None
            if text is None:
                text = self._memo_text(header, s, row_no, row, "product", ppr, True)
            product = products.get((loc, text)) if loc is not None and text is not None else None
            if product is None:
                product = self._memo_product(loc, text, s, row_no, product_column)
            raw = row[pda]
            day = raw if raw.__class__ is date else self._parse_raw(raw, header, s, row_no, "day", parse_date, True)
            raw = row[pho]
            if raw.__class__ is float and 0 <= raw < float("inf"):
                hours = raw
            else:
                hours = self._parse_raw(raw, header, s, row_no, "hours", parse_number, True)
            raw = row[pki]
            kind = kinds.get(raw) if raw.__class__ is str else None
            if kind is None:
                kind = self._parse_raw(raw, header, s, row_no, "kind", parse_support_kind, True)
                if kind is not None and raw.__class__ is str:
                    kinds[raw] = kind
            emp = None
            if has_employee:
                raw = row[pem]
                emp = emp_exact.get(raw) if raw.__class__ is str else None
                if emp is None and raw != "":  # optional: an empty cell is no employee
                    emp = self._ref(self.employee_ids, "medewerker", "unknown_employee", header, s, row_no, row, "employee", required=False)
            if by_row and (s, row_no, None) in by_row:
                continue
            out.append(new_row(SupportRow, (client, loc, product, day, hours, kind, emp, row_no,
                                            self._extra(header, row) if has_extra else no_extra)))
        return SupportRows(out, s)

    def period_sheet(self) -> Period | None:
        table = self._table(PERIOD, False)
        if table is None:
            return None
        header, rows = self._rows(PERIOD, table)
        if header is None:
            return None
        s = table.name
        found = None
        for row_no, row in rows:
            if found is not None:
                self.p.row("extra_row", s, row_no, None, None, "het blad Periode heeft één rij (van, tot)", expected="één rij")
                continue
            first = self._parse(header, s, row_no, row, "from", parse_date, True)
            last = self._parse(header, s, row_no, row, "until", parse_date, True)
            found = (row_no, first, last)
            if first and last and last < first:
                self.p.row("bad_date_range", s, row_no, header.names["until"], last, f"'tot' ({last:%d-%m-%Y}) ligt voor 'van' ({first:%d-%m-%Y})", expected="een datum op of na 'van'")
        if found is None:
            return None  # only the headers (as in the template): no period given
        row_no, first, last = found
        if self.p.has(s, row_no) or first is None or last is None:
            return None
        return Period.from_dates(first, last, PeriodSource.SHEET)


@dataclass(frozen=True)
class _Code:
    code: str
    start: int | None
    end: int | None
    kind: object  # ShiftKind, AbsenceKind (verlof/ziek), or None for a day off
    location: str | None
    response_min: int | None
    product: str | None


def _type_for(parser: Callable) -> str:
    return {
        parse_date: "bad_date",
        parse_time: "bad_time",
        parse_number: "bad_number",
        parse_whole: "bad_number",
        parse_level: "unknown_level",
        parse_kind: "unknown_shift_kind",
        parse_support_kind: "unknown_support_kind",
        parse_bool: "bad_boolean",
        parse_roles: "unknown_role",
    }.get(parser, "bad_value")


def build_roster(book: Workbook, source_name: str, *, catalogue: Catalogue | None = None, period: str | None = None, skip_bad_rows: bool = False) -> Roster:
    r = _Reader(book, source_name, catalogue, skip_bad_rows)
    option = None
    if period is not None:
        try:
            option = parse_period_option(period)
        except BadValue as exc:
            r.p.file("bad_period", f"--period {period!r}: {exc.message}", value=period, expected=exc.expected)
    r.locations_sheet()
    employees = r.employees_sheet()
    products = r.products_sheet()
    long_name, grid_name = find_sheet(book, SHIFTS), find_sheet(book, GRID)
    long_table = book.table(long_name) if long_name else None
    grid_table = book.table(grid_name) if grid_name else None
    long_used = long_table is not None and _has_data(long_table)
    grid_used = grid_table is not None and _has_data(grid_table)
    shifts: list[Shift] = []
    form = "long"
    if long_used and grid_used:
        r.p.file("both_forms", "het werkboek heeft zowel 'Diensten' als 'Rooster' met diensten; gebruik één van beide", sheet=grid_table.name, expected="alleen Diensten of alleen Rooster")
    elif grid_used:
        form = "grid"
        shifts = r.grid_sheets(grid_table)
    elif long_table is not None:
        shifts = r.shifts_sheet(long_table)
    elif grid_table is not None:
        form = "grid"
        shifts = r.grid_sheets(grid_table)
    else:
        r.p.file("missing_sheet", "verplicht blad 'Diensten' (alias 'Shifts') ontbreekt, en er is geen blad 'Rooster'", sheet=SHIFTS.name, expected="een blad Diensten, of Rooster met Dienstcodes")
    # The shift sheet's cells are no longer needed: let them go before the
    # largest sheet (Begeleiding) is loaded, so the two are never held together.
    long_table = grid_table = None
    shifts, clients = _cross_sheet_rules(r, book, shifts, products)
    travel = r.travel_sheet()
    support = r.support_sheet()
    sheet_period = r.period_sheet()
    skipped = r.p.raise_or_skip(skip_bad_rows)
    if option is not None:
        the_period = Period.from_dates(option[0], option[1], PeriodSource.OPTION)
    elif sheet_period is not None:
        the_period = sheet_period
    elif shifts:
        the_period = Period(start=min(s.start for s in shifts), end=max(s.end for s in shifts), source=PeriodSource.DERIVED)
    else:
        raise RosterInputError([InputError(type="no_period", message="het rooster heeft geen diensten en geen periode (blad Periode of --period); er valt niets te controleren")])
    # Every part was validated as it was read (the records one by one, or by the
    # reader's own checks): validating the Roster again would walk each of its
    # records once more (0.5 s for 120k shifts), so it is put together as is.
    return Roster.model_construct(
        source_name=source_name,
        period=the_period,
        locations=tuple(r.locations),
        products=tuple(products),
        employees=tuple(employees),
        shifts=tuple(shifts),
        travel_times=tuple(travel),
        support=support,
        clients=clients,
        absences=tuple(r.absences),
        form=form,
        columns=r.columns,
        skipped=skipped,
    )


def _cross_sheet_rules(r: _Reader, book: Workbook, shifts: list[Shift], products: list[ProductAssignment]):
    """FORMAT.md rev. 2 consistency (``consistency.py``) and the ``Clienten`` sheet
    (``clients.py``), which both need the products delivered. A broken Producten row
    is fixed first: it is not reported again on every row that names its product."""
    products_sheet = find_sheet(book, PRODUCTS)
    whole = r.skip or not any(key[0] == products_sheet for key in r.p.by_row)
    deliveries = Deliveries(products) if whole else None
    if deliveries is not None:
        column = next((t for t in r.columns.get(SHIFTS.name, ()) if header_key(t) == "product"), "product")
        shifts = shift_products(shifts, deliveries, r.p, column)
    return shifts, clients_sheet(r, deliveries)


def _has_data(table: SheetTable) -> bool:
    first = _first_nonempty(table)
    if first is None:
        return False
    return any(True for _ in data_rows(table, first + 1))
