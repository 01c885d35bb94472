"""The long form: the `Diensten` sheet, one row per shift (FORMAT.md).

A year's roster has 140k rows, nearly all of them written alike: a kind, an
employee and a location exactly as declared, a date cell, time cells. So the sheet
is read a column at a time first (:func:`_screen`): each distinct value of a column
is looked at once, silently, and a row all of whose cells were understood that way
becomes a :class:`ShiftRow` at once. Any other row (an empty, misspelt or unknown
cell, a number where a time belongs, leave or sickness, a row with an error from
loading the sheet) is read by :class:`_RowReader`, cell by cell, with every problem
reported as before, in row order. Both give the same shift for a row both can read
(``tests/test_workbook_long.py`` reads every fixture and many spoilt rosters both ways).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial
from itertools import compress, repeat
from operator import add, is_, itemgetter

from rostercheck.model import ShiftRow
from rostercheck.workbook import absences
from rostercheck.workbook.layout import SHIFTS, Header
from rostercheck.workbook.reader import Reader
from rostercheck.workbook.table import SheetTable
from rostercheck.workbook.texts import cell_text
from rostercheck.workbook.values import FIRST_SERIAL_DATE, MINUTES_PER_DAY, BadValue, parse_date, parse_kind, parse_time, parse_whole

# False: every row is read cell by cell (the tests compare both ways).
SCREEN = True
_SLOW = object()  # a cell the screen leaves to the row-by-row reading
_new_row = tuple.__new__


def read_shifts(r: Reader, table: SheetTable) -> list[ShiftRow]:
    """The shifts of the long form, in row order; leave and sickness rows go to
    ``r.absences`` (absences.py)."""
    header, rows = r._rows(SHIFTS, table)
    if header is None:
        return []
    reader = _RowReader(r, header, table.name)
    # Rows shorter than the columns read are padded with "" (CSV rows may be;
    # calamine's never are), so cells are read by plain indexing.
    width = max(header.index.values(), default=-1) + 1
    pairs = list(rows)
    if pairs and min(map(len, map(itemgetter(1), pairs))) < width:
        pairs = [(n, row if len(row) >= width else list(row) + [""] * (width - len(row))) for n, row in pairs]
    out: list[ShiftRow] = []
    if SCREEN and pairs:
        _read_screened(reader, pairs, out)
    else:
        for row_no, row in pairs:
            reader.row(row_no, row, out)
    r.absences.extend(absences.long_form(r, header, table.name, reader.leave_rows))
    return out


def _read_screened(reader: "_RowReader", pairs: list[tuple[int, list]], out: list[ShiftRow]) -> None:
    r, sheet = reader.r, reader.sheet
    cells = list(map(itemgetter(1), pairs))
    numbers = list(map(itemgetter(0), pairs))
    try:
        columns = _screen(reader, cells)
    except TypeError:  # a cell value that cannot be a dict key: every row cell by cell
        for row_no, row in pairs:
            reader.row(row_no, row, out)
        return
    kinds, emps, locs, days, starts, ends, products, responses, notes, codes = columns
    if dict in set(map(type, products)):  # a product named differently per norm set
        products = [p if p.__class__ is not dict else p.get(loc, _SLOW) for p, loc in zip(products, locs)]
        columns[6] = products
    slow: set[int] = set()
    for column in columns:
        if _SLOW in column:
            slow.update(compress(range(len(cells)), map(is_, column, repeat(_SLOW))))
    by_row = r.p.by_row
    if by_row:  # a row with an error from loading the sheet (a formula without a value)
        slow.update(i for i, n in enumerate(numbers) if (sheet, n, None) in by_row)
    if slow:
        keep = [i not in slow for i in range(len(cells))]
        cells, numbers = list(compress(cells, keep)), list(compress(numbers, keep))
        kinds, emps, locs, days, starts, ends, products, responses, notes, codes = (
            list(compress(column, keep)) for column in columns)
    # The shifts' times: the day's midnight plus minutes (an end at or before the
    # start is the next day's; a time cell is never 24:00).
    minutes = reader.minutes
    midnight = {d: datetime(d.year, d.month, d.day) for d in set(days)}
    base = list(map(midnight.__getitem__, days))
    begin = list(map(add, base, map(minutes.__getitem__, starts)))
    end = list(map(add, base, map(minutes.__getitem__, [e if e > b else e + MINUTES_PER_DAY for b, e in zip(starts, ends)])))
    extras = reader.extras(cells)
    made = list(map(partial(_new_row, ShiftRow), zip(
        emps, locs, begin, end, kinds, products, responses, notes, codes, extras, repeat(sheet), numbers)))
    if not slow:
        out.extend(made)
        return
    fast = iter(made)
    for i, (row_no, row) in enumerate(pairs):
        if i in slow:
            reader.row(row_no, row, out)
        else:
            out.append(next(fast))


def _screen(reader: "_RowReader", cells: list[list]) -> list[list]:
    """Per column, per row: what the row-by-row reading makes of the cell when it
    reports nothing and needs nothing else of the row, or ``_SLOW``. Each distinct
    value is looked at once. A product cell gives its id when it is the same at every
    location that knows it and every location knows it, else a dict location -> id."""
    r, pos = reader.r, reader.pos

    def column(field: str, of, required: bool = False) -> list:
        p = pos[field]
        if p < 0:
            return [_SLOW if required else None] * len(cells)
        values = list(map(itemgetter(p), cells))
        if not required and values.count("") == len(values):  # an optional column left empty
            return [None] * len(values)
        # Equal values share an entry: only numbers of different types can be equal
        # across types (1.0 == 1 == True), and every column but the response time
        # reads any cell that is not text, a date or a time by row.
        memo = {v: of(v) for v in set(values)}
        return list(map(memo.__getitem__, values))

    emp_exact, loc_exact = r.employee_ids.exact, r.location_ids.exact
    # A product's id depends on the location only through its norm set: looked up
    # once per set, whatever the number of locations or of distinct product texts.
    by_set: dict[object, list[str]] = {}
    for loc in sorted(set(loc_exact.values())):
        norm_set = r.location_sets.get(loc)
        by_set.setdefault(None if norm_set is None else norm_set.id, []).append(loc)
    locations = list(by_set.values())
    response = pos["response_min"]
    mixed = response >= 0 and len({type(row[response]) for row in cells} & {bool, int, float}) > 1
    return [
        column("kind", _kind, True),
        column("employee", lambda v: emp_exact.get(v, _SLOW) if v.__class__ is str else _SLOW, True),
        column("location", lambda v: loc_exact.get(v, _SLOW) if v.__class__ is str else _SLOW, True),
        column("date", lambda v: v if v.__class__ is date and v >= FIRST_SERIAL_DATE else _SLOW, True),
        column("start", _minutes, True),
        column("end", _minutes, True),
        column("product", lambda v: _product(r, locations, v)),
        column("response_min", (lambda v: _SLOW if v.__class__ in (bool, int, float) else _response(v)) if mixed else _response),
        column("note", _text),
        column("code", _text),
    ]


def _kind(v: object):
    """A shift kind written as the format names it; leave, sickness, empty → _SLOW."""
    if v.__class__ is not str or not v or v.isspace() or absences.absence_kind(v) is not None:
        return _SLOW
    try:
        return parse_kind(v)
    except BadValue:
        return _SLOW


def _minutes(v: object):
    if v.__class__ is time and not v.second and not v.microsecond:
        return v.hour * 60 + v.minute
    return _SLOW


def _response(v: object):
    if v.__class__ is float and v.is_integer() and 0 <= v < 1e9:
        return int(v)
    if v == "" or v is None:
        return None
    return _SLOW


def _text(v: object):
    """An optional text cell (note, code): None when empty."""
    if v.__class__ is not str:
        return _SLOW
    return cell_text(v) or None


def _product(r: Reader, locations: list[list[str]], v: object):
    """None for an empty cell; the product id when every location knows the product
    by the same id; else {location: id} of the locations that know it (a location
    that does not, or a cell that is not text, leaves the row to the row reading).
    ``locations``: the locations grouped by norm set."""
    if v == "":
        return None
    if v.__class__ is not str:
        return _SLOW
    text = cell_text(v) or None
    if text is None:
        return None
    ids = [(group, r.known_product(group[0], text)) for group in locations]
    found = {pid for _, pid in ids}
    if len(found) == 1 and None not in found:
        return found.pop()
    return {loc: pid for group, pid in ids if pid is not None for loc in group}


class _RowReader:
    """One row at a time, any cell: the reading every row could take, with the common
    cell types (date and time cells, exact ids) on a fast path and everything else
    through the same parsers as the other sheets."""

    def __init__(self, r: Reader, header: Header, sheet: str):
        self.r, self.header, self.sheet = r, header, sheet
        idx = header.index
        self.pos = {f: idx.get(f, -1) for f in ("employee", "location", "date", "start", "end", "kind", "product", "response_min", "note", "code")}
        self.kinds: dict[str, object] = {}
        self.no_extra = r._extras.setdefault((), {})
        self.product_column = header.names.get("product", "product")
        self.extra_memo: dict[tuple, dict[str, str]] = {}
        self.extra_pos = [p for p, _ in header.extra]
        self.extra = self._extra if header.extra else None
        self.bases: dict[date, datetime] = {}
        self.minutes = [timedelta(minutes=m) for m in range(2 * MINUTES_PER_DAY + 1)]
        self.leave_rows: list[tuple[int, list]] = []  # soort verlof/ziek: read by absences.py

    def extras(self, cells: list[list]):
        """:meth:`_extra` of every row: one dict per distinct text."""
        if self.extra is None:
            return repeat(self.no_extra)
        p = self.extra_pos[0]
        if len(self.extra_pos) > 1 or min(map(len, cells), default=0) <= p:
            return list(map(self._extra, cells))
        keys = list(map(itemgetter(p), cells))
        # A row for each distinct cell; only text is shared (1.0 and True are equal
        # keys, but read as "1" and "ja").
        memo = {key: self._extra(row) for key, row in dict(zip(keys, cells)).items() if key.__class__ is str}
        if set(map(type, keys)) == {str}:
            return list(map(memo.__getitem__, keys))
        return [memo[key] if key.__class__ is str else self._extra(row) for key, row in zip(keys, cells)]

    def _extra(self, row: list) -> dict[str, str]:
        """The planner's own columns; they repeat (a team name): one dict per distinct text."""
        if max(self.extra_pos) >= len(row):
            return self.r._extra(self.header, row)
        key = tuple([row[i] for i in self.extra_pos])
        extra = self.extra_memo.get(key)
        if extra is None:
            extra = self.r._extra(self.header, row)
            if all(v.__class__ is str for v in key) and len(self.extra_memo) < 100_000:
                self.extra_memo[key] = extra
        return extra

    def row(self, row_no: int, row: list, out: list[ShiftRow]) -> None:
        """Read one row: a shift appended to ``out``, a leave row kept for absences.py,
        or problems reported (the row then yields nothing)."""
        r, header, s = self.r, self.header, self.sheet
        pe, pl, pd, pb, pn, pk, pp, pr, pno, pc = (self.pos[f] for f in (
            "employee", "location", "date", "start", "end", "kind", "product", "response_min", "note", "code"))
        raw = row[pk]
        kind = self.kinds.get(raw) if raw.__class__ is str else None
        if kind is None:
            if absences.absence_kind(raw) is not None:
                self.leave_rows.append((row_no, row))  # leave or sickness, not a shift
                return
            kind = r._parse_raw(raw, header, s, row_no, "kind", parse_kind, True)
            if kind is not None and raw.__class__ is str:
                self.kinds[raw] = kind
        raw = row[pe]
        emp = r.employee_ids.exact.get(raw) if raw.__class__ is str else None
        if emp is None:
            emp = r._ref(r.employee_ids, "medewerker", "unknown_employee", header, s, row_no, row, "employee")
        raw = row[pl]
        loc = r.location_ids.exact.get(raw) if raw.__class__ is str else None
        if loc is None:
            loc = r._ref(r.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
        raw = row[pd]
        day = raw if raw.__class__ is date and raw >= FIRST_SERIAL_DATE else r._parse_raw(raw, header, s, row_no, "date", parse_date, True)
        raw = row[pb]
        if raw.__class__ is time and not raw.second and not raw.microsecond:
            bm = raw.hour * 60 + raw.minute
        else:
            bm = r._parse_raw(raw, header, s, row_no, "start", parse_time, True, day=day)
        raw = row[pn]
        if raw.__class__ is time and not raw.second and not raw.microsecond:
            em = raw.hour * 60 + raw.minute
        else:
            em = r._parse_raw(raw, header, s, row_no, "end", parse_time, True, allow_24=True, day=day)
        # Optional text columns: an empty cell is None, a repeated one is memoised.
        raw = row[pp] if pp >= 0 else ""
        if raw == "":
            product_text = None
        else:
            product_text = (r._texts.get(raw) if raw.__class__ is str else None) or r._memo_text(header, s, row_no, row, "product", pp)
        product = None if product_text is None else r._memo_product(loc, product_text, s, row_no, self.product_column)
        raw = row[pr] if pr >= 0 else ""
        if raw.__class__ is float and raw.is_integer() and 0 <= raw < 1e9:
            resp = int(raw)
        elif raw == "" or raw is None:
            resp = None
        else:
            resp = r._parse(header, s, row_no, row, "response_min", parse_whole)
        note = None if pno < 0 or row[pno] == "" else r._text(header, s, row_no, row, "note")
        raw = row[pc] if pc >= 0 else ""
        if raw == "":
            code = None
        else:
            code = (r._texts.get(raw) if raw.__class__ is str else None) or r._memo_text(header, s, row_no, row, "code", pc)
        by_row = r.p.by_row
        if by_row and (s, row_no, None) in by_row:
            return
        extra = self.extra(row) if self.extra is not None else self.no_extra
        # r._interval, with the day's midnight and the minute offsets remembered
        base = self.bases.get(day)
        if base is None:
            base = self.bases[day] = datetime(day.year, day.month, day.day)
        minutes = self.minutes
        start = base + minutes[bm]
        end = base + (timedelta(days=1) if em == MINUTES_PER_DAY else minutes[em] if em > bm else minutes[em + MINUTES_PER_DAY])
        out.append(_new_row(ShiftRow, (emp, loc, start, end, kind, product, resp, note, code, extra, s, row_no)))
