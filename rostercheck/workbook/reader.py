"""The state and helpers every sheet reader shares (ids, problems, cell parsing)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable

from rostercheck.model import Absence, Location, _trusted
from rostercheck.normsets import Catalogue, NormSet
from rostercheck.workbook.layout import Header, SheetSpec, data_rows, find_sheet, missing_sheet_hint, read_header
from rostercheck.workbook.problems import Problems
from rostercheck.workbook.sources import Workbook
from rostercheck.workbook.table import NO_VALUE, SheetTable, column_letter
from rostercheck.workbook.texts import cell_text, norm_key
from rostercheck.workbook.values import (
    MINUTES_PER_DAY,
    BadValue,
    parse_bool,
    parse_date,
    parse_kind,
    parse_level,
    parse_number,
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


class Ahead:
    """A sheet read before its turn (while the shift sheet is still being parsed, on a
    large workbook), reported in its turn: what it found wrong, the order of its
    columns and what it raised are kept apart and put in their place by
    :meth:`result`, so every report and error is what reading it later gives."""

    def __init__(self, reader: "Reader", read: Callable[[], object]):
        self._reader = reader
        known = set(reader.columns)
        saved, reader.p = reader.p, Problems()
        self._exc: Exception | None = None
        self._out = None
        try:
            self._out = read()
        except Exception as exc:  # raised in its turn: an earlier sheet's refusal comes first
            self._exc = exc
        finally:
            self._problems, reader.p = reader.p, saved
        self._columns = [name for name in reader.columns if name not in known]

    def result(self):
        """In the sheet's turn: its problems after those found so far, its columns last;
        what it read, or what it raised."""
        r = self._reader
        for name in self._columns:
            r.columns[name] = r.columns.pop(name)
        r.p.extend(self._problems)
        if self._exc is not None:
            raise self._exc
        return self._out



class Reader:
    """What every sheet's reader shares: the problems, the ids declared so far and
    the memos of repeated cell texts; one per workbook read."""

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
        self.grid_layout = None  # GridLayout of the grid form (grid.py), for the fixer's round trip
        self._product_cache: dict[tuple[str, str], str | None] = {}
        # The hot loops' memos: a raw cell string to its text (ids, products and
        # codes repeat on every row, and one str object then serves every record),
        # (location, raw product) to the product id, and identical extra columns
        # to one shared (frozen, never mutated) dict.
        self._texts: dict[str, str] = {}
        self._products: dict[tuple[str, str], str] = {}
        self._extras: dict[tuple, dict[str, str]] = {}

    def ahead(self, read: Callable[[], object]) -> "Ahead":
        """``read()`` (a sheet's reader) now, reported as if later: see :class:`Ahead`."""
        return Ahead(self, read)

    # generic row access --------------------------------------------------------

    def _table(self, spec: SheetSpec, required: bool) -> SheetTable | None:
        name = find_sheet(self.book, spec)
        if name is None:
            if required:
                self.p.file("missing_sheet", f"verplicht blad '{spec.name}' (alias '{spec.aliases[0]}') ontbreekt{missing_sheet_hint(self.book, spec)}",
                            sheet=spec.name, expected=f"een blad {spec.name} of {spec.aliases[0]}")
            return None
        return self.sheet(name)

    def sheet(self, name: str, *, by_cell: bool = False) -> SheetTable:
        """A sheet's table, its formulas without a stored value reported (FORMAT.md
        rev. 2: "an input error naming the cell ("formule zonder berekende waarde"),
        never an empty cell"). ``by_cell``: the grid, where each cell is a record."""
        table = self.book.table(name)
        for i, j in table.blank_formulas:
            row_no, letter = table.first_row + i, column_letter(table.first_col + j)
            self.p.row(
                "formula_without_value", table.name, row_no, letter, None,
                f"formule zonder berekende waarde in {table.name}!{letter}{row_no}: het bestand is bewaard door een programma "
                "dat formules niet uitrekent; open en bewaar het in Excel of LibreOffice, of typ de waarde in",
                expected="een waarde, of een formule met berekende waarde", cell=letter if by_cell else None,
            )
        return table

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
        if raw is NO_VALUE:
            return None  # reported with its cell when the sheet was loaded
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

    def _interval(self, day: date | None, start_min: int | None, end_min: int | None) -> tuple[datetime, datetime] | None:
        return shift_interval(day, start_min, end_min)


def shift_interval(day: date | None, start_min: int | None, end_min: int | None) -> tuple[datetime, datetime] | None:
    """FORMAT.md: "an end at or before the start means the next day"; 24:00 is
    midnight at the end of the day. So ``begin == eind`` is a 24-hour shift
    (FORMAT.md rev. 2: "`begin` equal to `eind` is a 24-hour shift"). An end
    past 24:00 (1440..2879, what `=begin+TIME(..)` gives past midnight) is that
    time the next day."""
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

