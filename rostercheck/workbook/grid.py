"""The grid form: `Rooster` (one row per employee, one column per date) with the
`Dienstcodes` that explain its codes (FORMAT.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rostercheck.model import AbsenceKind, GridLayout, Place, Shift, ShiftCode
from rostercheck.workbook import absences
from rostercheck.workbook.layout import CODES, GRID, data_rows, read_header
from rostercheck.workbook.reader import Reader, trusted
from rostercheck.workbook.table import SheetTable, column_letter
from rostercheck.workbook.texts import cell_text, header_key, is_total_label
from rostercheck.workbook.values import BadValue, parse_date, parse_kind, parse_time, parse_whole


_LOCATION_HEADERS = frozenset(header_key(n) for col in GRID.cols if col.field == "location" for n in col.names)


def read_grid(r: Reader, grid: SheetTable) -> list[Shift]:
    out: list[Shift] = []
    codes = _codes(r)
    got = read_header(grid, GRID, r.p, first_only=2)
    if got is None or codes is None:
        return out
    header, start = got
    r.columns[GRID.name] = header.texts
    s = grid.name
    if header.index["employee"] != 0:
        r.p.file("missing_column", "de eerste kolom van het rooster moet 'medewerker' zijn", sheet=s, row=header.row, column="A", expected="medewerker")
        return out
    # FORMAT.md: "first column medewerker; optional second column locatie". A planner's
    # own columns beside them (naam, team) are kept and not read, and a column headed
    # exactly locatie (or location) is read wherever it stands (after a naam column,
    # say): left unread, its locations would be refused as missing on every shift.
    if "location" not in header.index:
        for pos, text in header.extra:
            if header_key(text) in _LOCATION_HEADERS:
                header.index["location"], header.names["location"] = pos, text
                header.extra = [(p, t) for p, t in header.extra if p != pos]
                break
    loc_pos = header.index.get("location")
    first_date_pos = 2 if loc_pos == 1 else 1
    emp_name = header.names["employee"]
    rows = list(data_rows(grid, start))
    # FORMAT.md rev. 2: "rows between the header and the first employee that hold no
    # employee id (weekday names, week numbers) are ignored". A row that holds a
    # shift code is the planner's, not a label row: it is read (and its missing or
    # unknown employee reported).
    first = 0
    while first < len(rows) and _label_row(r, rows[first][1], first_date_pos, codes):
        first += 1
    labels, rows = rows[:first], rows[first:]
    date_row_no, dates, refused = _date_columns(r, grid, header, start - 1, labels, first_date_pos)
    date_pos = {pos for pos, _ in dates} | refused | ({loc_pos} if loc_pos is not None else set())
    _codes_without_date(r, grid, rows, first_date_pos, date_pos, codes, date_row_no)
    only_location = r.locations[0].id if len(r.locations) == 1 else None
    layout_rows: list[tuple[int, str, str | None]] = []
    # The hot loop of a large grid (a cell per employee and day): a cell's codes, a
    # date column's letter and a (day, code)'s start and end are worked out once, and
    # each shift and its place are built from these checked values without a second
    # validation (reader.trusted; the same records, tests/test_trusted_records.py).
    letters = {pos: column_letter(grid.first_col + pos) for pos, _ in dates}
    cell_codes: dict[str, list[str]] = {}  # a cell's string -> the codes in it
    spans: dict[tuple, tuple | None] = {}
    no_extra = r._extras.setdefault((), {})
    for row_no, row in rows:
        emp_text = cell_text(row[0]) if row else ""
        if not emp_text:
            r.p.row("missing_value", s, row_no, emp_name, "", "geen medewerker in de eerste kolom", expected="een medewerker uit het blad Medewerkers", cell="A")
            continue
        if r.employee_ids.resolve(emp_text) is None and _not_an_employee_row(r, s, row_no, row, emp_text, emp_name, grid, dates, loc_pos):
            continue
        emp = r._check_ref(r.employee_ids, "medewerker", "unknown_employee", emp_text, s, row_no, emp_name, cell=column_letter(grid.first_col))
        if emp is None or r.p.has(s, row_no, column_letter(grid.first_col)):
            continue
        row_loc = None
        if loc_pos is not None and loc_pos < len(row) and cell_text(row[loc_pos]):
            loc_text = cell_text(row[loc_pos])
            loc_cell = column_letter(grid.first_col + loc_pos)
            row_loc = r._check_ref(r.location_ids, "locatie", "unknown_location", loc_text, s, row_no, header.names["location"], cell=loc_cell)
            if row_loc is None or r.p.has(s, row_no, loc_cell):
                continue
        layout_rows.append((row_no, emp, row_loc))
        for pos, day in dates:
            if pos >= len(row):
                break
            raw = row[pos]
            if raw is None or raw == "":
                continue
            parts = cell_codes.get(raw) if raw.__class__ is str else None
            if parts is None:
                text = cell_text(raw)
                parts = _code_texts(text) if text else []
                if raw.__class__ is str and len(cell_codes) < 10_000:
                    cell_codes[raw] = parts
            if not parts:
                continue
            letter = letters[pos]
            for code_text in parts:
                code = codes.get(code_text.casefold())
                if code is None:
                    r.p.row("unknown_shift_code", s, row_no, None, code_text, f'unknown shift code "{code_text}" (onbekende dienstcode)', expected="een code uit het blad Dienstcodes: " + ", ".join(sorted({c.code for c in codes.values()})), cell=letter)
                    continue
                if code.kind is None:
                    continue  # a code with no times and no soort: a day off (vrij), not a shift
                if isinstance(code.kind, AbsenceKind):
                    place = Place(sheet=s, row=row_no, column=letter)
                    r.absences.append(absences.grid_cell(emp, day, code, code.location or row_loc, place))
                    continue
                loc = code.location or row_loc or only_location
                if loc is None:
                    r.p.row("missing_location", s, row_no, None, code_text, f"dienst {code_text!r} heeft geen locatie: geef de rij een locatie of de dienstcode een locatie", expected="een locatie in kolom B of in Dienstcodes", cell=letter)
                    continue
                product = r._product(loc, code.product, s, row_no, "product", cell=letter)
                key = (day, code.start, code.end)
                span = spans.get(key, False)
                if span is False:
                    span = spans[key] = r._interval(day, code.start, code.end)
                if r.p.has(s, row_no, letter):
                    continue
                out.append(
                    trusted(Shift, {
                        "extra": no_extra, "place": trusted(Place, {"sheet": s, "row": row_no, "column": letter}),
                        "employee": emp, "location": loc, "start": span[0], "end": span[1], "kind": code.kind,
                        "product": product, "response_min": code.response_min, "note": None, "code": code.code,
                    })
                )
    # Kept on the roster so that the fixer can write the planner's grid back (fix.grid_workbook).
    r.grid_layout = GridLayout(
        sheet=s,
        codes=tuple(ShiftCode(code=c.code, start_min=c.start, end_min=c.end, kind=c.kind, location=c.location,
                              response_min=c.response_min, product=c.product) for c in codes.values()),
        dates=tuple((day, column_letter(grid.first_col + pos)) for pos, day in dates),
        rows=tuple(layout_rows),
    )
    return out


def _code_texts(text: str) -> list[str]:
    """The codes a cell's text holds: "D / N", "d+n" (FORMAT.md: one or more codes)."""
    return [part.strip() for part in re.split(r"[/+]", text) if part.strip()]


def _is_codes(text: str, codes: dict) -> bool:
    parts = _code_texts(text)
    return bool(parts) and all(p.casefold() in codes for p in parts)


def _not_an_employee_row(r: Reader, sheet: str, row_no: int, row: list, text: str, column: str, grid: SheetTable,
                         dates: list[tuple[int, date]], loc_pos: int | None) -> bool:
    """A row under the employees whose first cell names no employee but a total
    ("Totaal", counts under the dates) or a heading ("Team Eik", no code under any
    date): one error saying so, where an unknown employee would be said. True if so."""
    cell = column_letter(grid.first_col)
    if is_total_label(text):
        r.p.row("total_row", sheet, row_no, column, text, f"rij {row_no} is een totaalregel ({text!r}), geen medewerker",
                expected="één medewerker per rij; zet totalen op een eigen blad of haal de regel weg", cell=cell)
        return True
    shown = [cell_text(row[pos]) for pos, _ in dates if pos < len(row)]
    location = cell_text(row[loc_pos]) if loc_pos is not None and loc_pos < len(row) else ""
    if all(v in ("", text) for v in shown) and location in ("", text):
        r.p.row("heading_row", sheet, row_no, column, text, f"rij {row_no} bevat alleen {text!r} (een tussenkop?), geen medewerker",
                expected="één medewerker per rij; haal tussenkoppen weg of zet ze in een eigen kolom", cell=cell)
        return True
    return False


def _label_row(r: Reader, row: list, first_date_pos: int, codes: dict) -> bool:
    """A row above the first employee that is no employee's: its first cell empty or
    no declared employee, and no shift code in it."""
    first = cell_text(row[0]) if row else ""
    if first and r.employee_ids.declared(first):
        return False
    return not any(_is_codes(cell_text(v), codes) for v in row[first_date_pos:])


def _row_dates(row: list, first_date_pos: int) -> dict[int, date]:
    out = {}
    for pos in range(first_date_pos, len(row)):
        v = row[pos]
        if v == "" or v is None or (isinstance(v, str) and not v.strip()):
            continue
        try:
            out[pos] = parse_date(v)
        except BadValue:
            pass
    return out


def _date_columns(r: Reader, grid: SheetTable, header, header_index: int, labels: list, first_date_pos: int) -> tuple[int, list[tuple[int, date]], set[int]]:
    """The row that holds the dates and its date columns: the header row, or, where it
    holds none (weekday names in it, the dates a row below or above: merged header
    cells), the nearest label row below it, else the nearest row above it that does."""
    s = grid.name
    row_no, raw = header.row, grid.rows[header_index]
    if not _row_dates(raw, first_date_pos):
        above = [(grid.first_row + i, grid.rows[i]) for i in range(header_index - 1, -1, -1)]
        for cand_no, cand in [*labels, *above]:
            if _row_dates(cand, first_date_pos):
                row_no, raw = cand_no, cand
                break
    dates: list[tuple[int, date]] = []
    refused: set[int] = set()  # headers already reported
    seen_dates: dict[date, str] = {}
    for pos in range(first_date_pos, len(raw)):
        v = raw[pos]
        text = cell_text(v)
        letter = column_letter(grid.first_col + pos)
        if text == "":
            continue
        try:
            d = parse_date(v)
        except BadValue as exc:
            if not re.search(r"\d", text):
                continue  # a planner's own column (totaal, opmerking): kept in columns, not read
            why = "" if exc.message.startswith("geen datum") else f": {exc.message}"
            r.p.file("bad_date", f"kolomkop {text!r} is geen datum{why}", sheet=s, row=row_no, column=letter, value=text, expected=exc.expected)
            refused.add(pos)
            continue
        if d in seen_dates:
            r.p.file("duplicate_column", f"datum {d:%d-%m-%Y} staat ook in kolom {seen_dates[d]}", sheet=s, row=row_no, column=letter, value=text)
            refused.add(pos)
            continue
        seen_dates[d] = letter
        dates.append((pos, d))
    return row_no, dates, refused


def _codes_without_date(r: Reader, grid: SheetTable, rows: list, first_date_pos: int, date_pos: set[int], codes: dict, date_row_no: int) -> None:
    """FORMAT.md rev. 2: "A grid column whose header is empty or not a date, under
    which shift codes stand, is an input error naming the column; codes are never
    ignored silently." One error per column, with the rows where codes stand."""
    found: dict[int, list[int]] = {}
    for row_no, row in rows:
        for pos in range(first_date_pos, len(row)):
            if pos in date_pos:
                continue
            v = row[pos]
            if v.__class__ is str and v and _is_codes(v, codes):
                found.setdefault(pos, []).append(row_no)
    for pos, row_nos in sorted(found.items()):
        letter = column_letter(grid.first_col + pos)
        head = cell_text(grid.rows[date_row_no - grid.first_row][pos]) if pos < len(grid.rows[date_row_no - grid.first_row]) else ""
        what = f"kop {head!r} is geen datum" if head else "heeft geen datum in de kopregel"
        shown = ", ".join(str(n) for n in row_nos[:5]) + (f" en {len(row_nos) - 5} meer" if len(row_nos) > 5 else "")
        r.p.file(
            "codes_without_date", f"kolom {letter} {what}, maar er staan dienstcodes in (rij {shown}); geef de kolom een datum",
            sheet=grid.name, row=date_row_no, column=letter, value=head or None, expected="een datum als kolomkop",
        )


def _codes(r: Reader) -> dict[str, "_Code"] | None:
    table = r._table(CODES, False)
    if table is None:
        r.p.file("missing_sheet", "het blad 'Rooster' heeft een blad 'Dienstcodes' (alias 'ShiftCodes') nodig dat de codes uitlegt", sheet=CODES.name, expected="een blad Dienstcodes met code, begin, eind, soort")
        return None
    header, rows = r._rows(CODES, table)
    if header is None:
        return None
    out: dict[str, _Code] = {}
    s = table.name
    for row_no, row in rows:
        code = r._text(header, s, row_no, row, "code", True)
        given = [f for f in ("start", "end", "kind") if cell_text(r._get(header, row, f))]
        # A code with no begin, eind and soort is a day off (vrij): planners keep
        # those in the grid, and it is not a shift. With soort verlof/ziek it is
        # leave or sickness, with or without times (FORMAT.md rev. 2).
        day_off = not given
        leave = absences.absence_kind(r._get(header, row, "kind"))
        timed = not day_off and leave is None
        bm = r._parse(header, s, row_no, row, "start", parse_time, timed)
        em = r._parse(header, s, row_no, row, "end", parse_time, timed, allow_24=True)
        if leave is not None:
            absences.check_code(r, header, s, row_no, row, leave)
        kind = leave or r._parse(header, s, row_no, row, "kind", parse_kind, not day_off)
        loc = r._ref(r.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location", required=False) if "location" in header.index else None
        resp = r._parse(header, s, row_no, row, "response_min", parse_whole) if "response_min" in header.index else None
        product = r._text(header, s, row_no, row, "product") if "product" in header.index else None
        if code is not None and code.casefold() in out:
            r.p.row("duplicate_id", s, row_no, header.names["code"], code, f"dienstcode {code!r} staat al eerder in {s}", expected="een unieke code")
        if r.p.has(s, row_no) or code is None:
            continue
        out[code.casefold()] = _Code(code, bm, em, kind, loc, resp, product)
    return out


@dataclass(frozen=True)
class _Code:
    code: str
    start: int | None
    end: int | None
    kind: object  # ShiftKind, AbsenceKind (verlof/ziek), or None for a day off
    location: str | None
    response_min: int | None
    product: str | None

