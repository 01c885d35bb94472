"""Leave and sickness (``soort`` ``verlof``/``ziek``, aliases ``leave``/``sick``; FORMAT.md
rev. 2) as the reader finds them: ``Diensten`` rows of those kinds, and grid cells
whose ``Dienstcodes`` code has such a kind (``V``, ``ZK``).

They become :class:`~rostercheck.model.Absence` records in ``Roster.absences``, never
shifts, so no norm can count them. "`verlof` and `ziek` rows need no times (then the
whole day)"; with times they are that stretch (an end at or before the start is the
next day, as for shifts). The location is optional. A product or a response time on
such a row is an input error: it would mean nothing, and nothing is dropped silently.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from rostercheck.model import Absence, AbsenceKind, Place
from rostercheck.workbook.texts import cell_text, norm_key
from rostercheck.workbook.values import parse_date, parse_time

if TYPE_CHECKING:
    from rostercheck.workbook.layout import Header
    from rostercheck.workbook.reader import Reader as _Reader

_KINDS = {
    norm_key(k): v
    for k, v in {"verlof": AbsenceKind.LEAVE, "leave": AbsenceKind.LEAVE, "ziek": AbsenceKind.SICK, "sick": AbsenceKind.SICK}.items()
}
_memo: dict[str, AbsenceKind | None] = {}


def absence_kind(raw: object) -> AbsenceKind | None:
    """The absence kind a ``soort`` cell names, or None (a shift kind, or anything else)."""
    if raw.__class__ is not str or not raw:
        return None
    found = _memo.get(raw, False)
    if found is False:
        found = _KINDS.get(norm_key(raw))
        if len(_memo) < 1000:
            _memo[raw] = found
    return found


def _unexpected(reader: "_Reader", header: "Header", sheet: str, row_no: int, row: list, kind: AbsenceKind) -> None:
    """A product or response time on leave or sickness, and a begin without an end
    (or the reverse): each an error naming its cell."""
    for fld, what in (("product", "een product"), ("response_min", "een aanrijtijd")):
        if fld in header.index and cell_text(reader._get(header, row, fld)):
            col = header.names[fld]
            reader.p.row(
                "unexpected_value", sheet, row_no, col, reader._get(header, row, fld),
                f"{kind.value} heeft geen {what}: laat kolom '{col}' leeg", expected="een lege cel",
            )
    given = {f: bool(cell_text(reader._get(header, row, f))) for f in ("start", "end")}
    if given["start"] != given["end"]:
        missing = "end" if given["start"] else "start"
        col = header.names.get(missing, "eind" if missing == "end" else "begin")
        reader.p.row(
            "missing_value", sheet, row_no, col, "",
            f"{kind.value} met alleen een {'begin' if given['start'] else 'eind'}tijd: vul kolom '{col}' in, "
            f"of laat begin en eind leeg (de hele dag)",
            expected="begin en eind allebei, of allebei leeg",
        )


def interval(day: date, start_min: int | None, end_min: int | None) -> tuple[datetime, datetime, bool]:
    """(start, end, whole day): no times is the whole day; else as a shift's times."""
    base = datetime(day.year, day.month, day.day)
    if start_min is None or end_min is None:
        return base, base + timedelta(days=1), True
    start = base + timedelta(minutes=start_min)
    end = base + timedelta(minutes=end_min if end_min > start_min else end_min + 1440)
    return start, end, False


def long_form(reader: "_Reader", header: "Header", sheet: str, rows: list[tuple[int, list]]) -> list[Absence]:
    """The diverted ``Diensten`` rows of an absence kind."""
    out: list[Absence] = []
    for row_no, row in rows:
        kind = absence_kind(reader._get(header, row, "kind"))
        emp = reader._ref(reader.employee_ids, "medewerker", "unknown_employee", header, sheet, row_no, row, "employee")
        loc = reader._ref(reader.location_ids, "locatie", "unknown_location", header, sheet, row_no, row, "location", required=False)
        day = reader._parse(header, sheet, row_no, row, "date", parse_date, True)
        bm = reader._parse(header, sheet, row_no, row, "start", parse_time)
        em = reader._parse(header, sheet, row_no, row, "end", parse_time, allow_24=True)
        _unexpected(reader, header, sheet, row_no, row, kind)
        note = reader._text(header, sheet, row_no, row, "note") if "note" in header.index else None
        code = reader._text(header, sheet, row_no, row, "code") if "code" in header.index else None
        if reader.p.has(sheet, row_no):
            continue
        start, end, whole = interval(day, bm, em)
        out.append(Absence(
            employee=emp, start=start, end=end, kind=kind, location=loc, whole_day=whole, note=note, code=code,
            extra=reader._extra(header, row), place=Place(sheet=sheet, row=row_no),
        ))
    return out


def check_code(reader: "_Reader", header: "Header", sheet: str, row_no: int, row: list, kind: AbsenceKind) -> None:
    """A ``Dienstcodes`` row of an absence kind: the same rules as a ``Diensten`` row."""
    _unexpected(reader, header, sheet, row_no, row, kind)


def grid_cell(employee: str, day: date, code, location: str | None, place: Place) -> Absence:
    """One grid cell holding an absence code (``code`` is the reader's ``_Code``)."""
    start, end, whole = interval(day, code.start, code.end)
    return Absence(
        employee=employee, start=start, end=end, kind=code.kind, location=location, whole_day=whole,
        code=code.code, place=place,
    )
