"""The long form: the `Diensten` sheet, one row per shift (FORMAT.md)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from operator import itemgetter

from rostercheck.model import ShiftRow
from rostercheck.workbook import absences
from rostercheck.workbook.layout import SHIFTS, Header
from rostercheck.workbook.reader import Reader
from rostercheck.workbook.table import SheetTable, column_letter
from rostercheck.workbook.texts import cell_text, header_key, is_total_label
from rostercheck.workbook.values import FIRST_SERIAL_DATE, MINUTES_PER_DAY, parse_date, parse_kind, parse_time, parse_whole


def read_shifts(r: Reader, table: SheetTable) -> list[ShiftRow]:
    """The long form. The hot loop of a large roster: the common cell types
    (date and time cells, exact ids) take a fast path; everything else goes
    through the same parsers as the other sheets. Each shift is a ``ShiftRow``
    tuple (the roster holds them as ``ShiftRows``: a record made when asked for)."""
    out: list[ShiftRow] = []
    header, rows = r._rows(SHIFTS, table)
    if header is None:
        return out
    _second_times(r, header, table)
    s = table.name
    p = r.p
    idx = header.index
    pos = {f: idx.get(f, -1) for f in ("employee", "location", "date", "start", "end", "kind", "product", "response_min", "note", "code")}
    emp_exact, loc_exact = r.employee_ids.exact, r.location_ids.exact
    kinds: dict[str, object] = {}
    has_extra = bool(header.extra)
    no_extra = r._extras.setdefault((), {})

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
    extra_key = itemgetter(*extra_pos) if extra_pos else None  # a cell, or a tuple of cells: the memo's key
    products = r._products  # (location, product text) -> product id (Reader._memo_product)
    texts = r._texts
    by_row = p.by_row
    bases: dict[date, datetime] = {}
    spans: dict[tuple, tuple[datetime, datetime]] = {}  # (date, start, end cells) -> (start, end)
    minutes = [timedelta(minutes=m) for m in range(2 * MINUTES_PER_DAY + 1)]
    one_day = timedelta(days=1)
    leave_rows: list[tuple[int, list]] = []  # soort verlof/ziek: read by absences.py
    new_row = tuple.__new__  # ShiftRow(...) without its Python-level __new__
    shift_cells = [i for i in (pe, pl, pd, pb, pn, pk) if i >= 0]
    # What a header row says in each of those cells: its own text, or any name of its
    # column (a second header row in English under the Dutch one)
    header_names = {pos: {header_key(header.texts[pos])} | {header_key(n) for col in SHIFTS.cols if col.field == fld for n in col.names}
                    for fld, pos in idx.items() if pos in shift_cells}
    for row_no, row in rows:
        if len(row) < width:
            row = list(row) + [""] * (width - len(row))
        raw = row[pk]
        kind = kinds.get(raw) if raw.__class__ is str else None
        if kind is None:
            if is_total_label(row[pe]):  # a planner's sum under the shifts: one error, not one per cell
                p.row("total_row", s, row_no, header.names.get("employee", "employee"), row[pe],
                      f"rij {row_no} is een totaalregel ({cell_text(row[pe])!r}), geen dienst",
                      expected="één dienst per rij; zet totalen op een eigen blad of haal de regel weg")
                continue
            if all(header_key(cell_text(row[i])) in header_names.get(i, ()) for i in shift_cells):
                # the header again, where a planner pasted the next week's block with its header
                p.row("header_row", s, row_no, header.names.get("employee", "employee"), row[pe],
                      f"rij {row_no} herhaalt de kopregel, geen dienst", expected="één kopregel bovenaan; haal deze rij weg")
                continue
            heading = _heading(row, pe, shift_cells, emp_exact)
            if heading is not None:  # "Week 10" between the shifts: one error, not one per empty cell
                p.row("heading_row", s, row_no, header.names.get("employee", "employee"), heading,
                      f"rij {row_no} bevat alleen {heading!r} (een tussenkop?), geen dienst",
                      expected="één dienst per rij; haal tussenkoppen weg of zet ze in een eigen kolom")
                continue
            if absences.absence_kind(raw) is not None:
                leave_rows.append((row_no, row))  # leave or sickness, not a shift
                continue
            kind = r._parse_raw(raw, header, s, row_no, "kind", parse_kind, True)
            if kind is not None and raw.__class__ is str:
                kinds[raw] = kind
        raw = row[pe]
        emp = emp_exact.get(raw) if raw.__class__ is str else None
        if emp is None:
            emp = r._ref(r.employee_ids, "medewerker", "unknown_employee", header, s, row_no, row, "employee")
        raw = row[pl]
        loc = loc_exact.get(raw) if raw.__class__ is str else None
        if loc is None:
            loc = r._ref(r.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
        # A date cell and two time cells as the fast branches below read them: their
        # start and end were made before (a roster has a few thousand such triples).
        cells = (row[pd], row[pb], row[pn])
        try:
            span = spans.get(cells)
        except TypeError:  # a cell no key can hold (never from calamine or CSV): read as it is
            span = None
        if span is None:
            raw = cells[0]
            day = raw if raw.__class__ is date and raw >= FIRST_SERIAL_DATE else r._parse_raw(raw, header, s, row_no, "date", parse_date, True)
            raw = cells[1]
            if raw.__class__ is time and not raw.second and not raw.microsecond:
                bm = raw.hour * 60 + raw.minute
            else:
                bm = r._parse_raw(raw, header, s, row_no, "start", parse_time, True, day=day)
            raw = cells[2]
            if raw.__class__ is time and not raw.second and not raw.microsecond:
                em = raw.hour * 60 + raw.minute
            else:
                em = r._parse_raw(raw, header, s, row_no, "end", parse_time, True, allow_24=True, day=day)
        # Optional text columns: an empty cell is None, a repeated one is memoised.
        raw = row[pp] if has_product else ""
        if raw == "":
            product_text = None
        else:
            product_text = (texts.get(raw) if raw.__class__ is str else None) or r._memo_text(header, s, row_no, row, "product", pp)
        if product_text is None:
            product = None
        else:
            product = products.get((loc, product_text)) or r._memo_product(loc, product_text, s, row_no, product_column)
        raw = row[pr] if has_response else ""
        if raw.__class__ is float and raw.is_integer() and 0 <= raw < 1e9:
            resp = int(raw)
        elif raw == "" or raw is None:
            resp = None
        else:
            resp = r._parse(header, s, row_no, row, "response_min", parse_whole)
        note = None if not has_note or row[pno] == "" else r._text(header, s, row_no, row, "note")
        raw = row[pc] if has_code else ""
        if raw == "":
            code = None
        else:
            code = (texts.get(raw) if raw.__class__ is str else None) or r._memo_text(header, s, row_no, row, "code", pc)
        if by_row and (s, row_no, None) in by_row:
            continue
        if has_extra and extra_end < len(row):
            # The planner's own columns repeat (a team name): one dict per distinct text.
            key = extra_key(row)
            extra = extra_memo.get(key)
            if extra is None:
                extra = r._extra(header, row)
                if all(v.__class__ is str for v in (key if len(extra_pos) > 1 else (key,))) and len(extra_memo) < 100_000:
                    extra_memo[key] = extra
        elif has_extra:
            extra = r._extra(header, row)
        else:
            extra = no_extra
        if span is None:
            # r._interval, with the day's midnight and the minute offsets remembered
            base = bases.get(day)
            if base is None:
                base = bases[day] = datetime(day.year, day.month, day.day)
            span = (base + minutes[bm],
                    base + (one_day if em == MINUTES_PER_DAY else minutes[em] if em > bm else minutes[em + MINUTES_PER_DAY]))
            if len(spans) < 100_000 and _fast_cells(*cells):  # (date and time cells: hashable)
                spans[cells] = span  # (each cell read by its fast branch: no error, and the same span every time)
        out.append(new_row(ShiftRow, (emp, loc, span[0], span[1], kind, product, resp, note, code, extra, s, row_no)))
    r.absences.extend(absences.long_form(r, header, s, leave_rows))
    return out


def _fast_cells(day: object, start: object, end: object) -> bool:
    """Whether read_shifts reads these date, start and end cells by its fast branches."""
    return (day.__class__ is date and day >= FIRST_SERIAL_DATE
            and start.__class__ is time and not start.second and not start.microsecond
            and end.__class__ is time and not end.second and not end.microsecond)


def _heading(row: list, employee: int, cells: list[int], known: dict[str, str]) -> str | None:
    """The text of a row that only heads what follows ("Week 10" in the employee
    column, the other cells of a shift empty, or merged over them: the same text):
    not a shift, and not an employee the Medewerkers sheet names. None otherwise."""
    text = row[employee]
    if text.__class__ is not str or not text.strip() or text in known:
        return None
    for i in cells:
        value = row[i]
        if not (value is None or value == text or (value.__class__ is str and not value.strip())):
            return None
    return text.strip()


# A second column of a shift's own: "begin 2", "eind2", "2e begin", "medewerker 2" (header keys)
_NUMBERED = re.compile(
    r"(?:\d+e?_?|tweede_|2nd_|second_)?(?P<name>(begin|start|eind|end|datum|date|medewerker|employee|locatie|location|soort|kind)(?:tijd)?)(?:_?\d+)?"
)
_WHAT = {"begin": "begintijd", "start": "begintijd", "eind": "eindtijd", "end": "eindtijd", "datum": "datum", "date": "datum",
         "medewerker": "medewerker", "employee": "medewerker", "locatie": "locatie", "location": "locatie", "soort": "soort",
         "kind": "soort"}


def _second_times(r: Reader, header: Header, table: SheetTable) -> None:
    """A column that numbers one of a shift's own columns ("begin 2", "eind 2": the
    second part of a split shift on the same row; "medewerker 2": a second person on
    it) and holds values is refused naming it: a row is one shift (FORMAT.md), and
    what stands in a column the reader does not read would be hours silently lost."""
    first = header.row - table.first_row + 1
    for pos, text in header.extra:
        key = header_key(text)
        m = _NUMBERED.fullmatch(key)
        if m is None or key == m["name"]:
            continue
        if any(pos < len(row) and cell_text(row[pos]) for row in table.rows[first:]):
            letter = column_letter(table.first_col + pos)
            r.p.file(
                "second_shift_column",
                f"kolom {text!r} ({letter}) lijkt een tweede {_WHAT[m[2]]} (een tweede dienst op de rij?): een rij is één "
                "dienst, en wat in een kolom staat die niet gelezen wordt, zou verloren gaan",
                sheet=table.name, row=header.row, column=letter, value=text,
                expected="elke dienst, en elk deel van een gebroken dienst, op een eigen rij",
            )
