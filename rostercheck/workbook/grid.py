"""The grid form: `Rooster` (one row per employee, one column per date) with the
`Dienstcodes` that explain its codes (FORMAT.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rostercheck.model import Place, Shift
from rostercheck.workbook.layout import CODES, GRID, data_rows, read_header
from rostercheck.workbook.reader import Reader
from rostercheck.workbook.table import SheetTable, column_letter
from rostercheck.workbook.values import BadValue, cell_text, parse_date, parse_kind, parse_time, parse_whole


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
            r.p.file("bad_date", f"kolomkop {text!r} is geen datum: {exc.message}", sheet=s, row=header.row, column=letter, value=text, expected=exc.expected)
            continue
        if d in seen_dates:
            r.p.file("duplicate_column", f"datum {d:%d-%m-%Y} staat ook in kolom {seen_dates[d]}", sheet=s, row=header.row, column=letter, value=text)
            continue
        seen_dates[d] = letter
        dates.append((pos, d))
    only_location = r.locations[0].id if len(r.locations) == 1 else None
    emp_name = header.names["employee"]
    for row_no, row in data_rows(grid, start):
        emp_text = cell_text(row[0]) if row else ""
        if not emp_text:
            r.p.row("missing_value", s, row_no, emp_name, "", "geen medewerker in de eerste kolom", expected="een medewerker uit het blad Medewerkers", cell="A")
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
                    r.p.row("unknown_shift_code", s, row_no, None, code_text, f'unknown shift code "{code_text}" (onbekende dienstcode)', expected="een code uit het blad Dienstcodes: " + ", ".join(sorted({c.code for c in codes.values()})), cell=letter)
                    continue
                if code.kind is None:
                    continue  # a code for a day off (vrij, verlof, ziek): no shift
                loc = code.location or row_loc or only_location
                if loc is None:
                    r.p.row("missing_location", s, row_no, None, code_text, f"dienst {code_text!r} heeft geen locatie: geef de rij een locatie of de dienstcode een locatie", expected="een locatie in kolom B of in Dienstcodes", cell=letter)
                    continue
                product = r._product(loc, code.product, s, row_no, "product", cell=letter)
                start_dt, end_dt = r._interval(day, code.start, code.end)
                if r.p.has(s, row_no, letter):
                    continue
                out.append(
                    Shift(
                        employee=emp, location=loc, start=start_dt, end=end_dt, kind=code.kind, product=product,
                        response_min=code.response_min, note=None, code=code.code, extra={},
                        place=Place(sheet=s, row=row_no, column=letter),
                    )
                )
    return out

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
        # A code with no begin, eind and soort is a day off (vrij, verlof, ziek):
        # planners keep those in the grid, and it is not a shift.
        day_off = not given
        bm = r._parse(header, s, row_no, row, "start", parse_time, not day_off)
        em = r._parse(header, s, row_no, row, "end", parse_time, not day_off, allow_24=True)
        r._zero_length(s, row_no, header.names.get("end", "eind"), bm, em, r._get(header, row, "end"))
        kind = r._parse(header, s, row_no, row, "kind", parse_kind, not day_off)
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
    kind: object  # ShiftKind, or None for a day off
    location: str | None
    response_min: int | None
    product: str | None

