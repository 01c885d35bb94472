"""Writing a roster back as the long form (.xlsx), the way it was read.

The column order of each sheet as read (``Roster.columns``) is kept, and so are a
planner's own columns (``record.extra``): the fixer's output must look like the
planner's file with only the changed rows different. A grid-form roster is written
as ``Diensten`` rows, each with the grid's shift code in a ``code`` column; leave and
sickness (``Roster.absences``) as ``Diensten`` rows of kind ``verlof``/``ziek``, without
times when they were a whole day. Every text
cell passes through :func:`rostercheck.cells.safe_cell` (formula injection).

openpyxl's write-only mode streams rows, so a 135k-shift roster writes in bounded memory.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any, Callable, Sequence

from openpyxl import Workbook

from rostercheck.cells import safe_cell
from rostercheck.model import Absence, PeriodSource, Roster, Shift
from rostercheck.workbook.layout import CLIENTS, EMPLOYEES, LOCATIONS, PERIOD, PRODUCTS, SHIFTS, SUPPORT, TRAVEL, SheetSpec
from rostercheck.workbook.texts import header_key


def _clock(dt: datetime) -> time:
    if dt.second or dt.microsecond:
        raise ValueError(f"shift time {dt} has seconds; the roster format holds whole minutes")
    return dt.time()


def _timed(r: Shift | Absence) -> bool:
    """A whole-day absence is written without times, as it was read (FORMAT.md rev. 2)."""
    return not (isinstance(r, Absence) and r.whole_day)


def _shift_date(s: Shift | Absence):
    length = s.end - s.start
    if not timedelta(0) < length <= timedelta(days=1):
        raise ValueError(f"shift {s.employee} {s.start}..{s.end} cannot be written as date, begin, eind (0 < length <= 24 h)")
    return s.start.date()


def _end_clock(s: Shift) -> time | str:
    """The end time. A 24-hour shift is written with ``eind`` equal to ``begin``
    (FORMAT.md rev. 2), except from midnight, where "24:00" says the same more plainly."""
    if s.end - s.start == timedelta(days=1) and s.start.time() == time(0):
        return "24:00"
    return _clock(s.end)


_GETTERS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "Locaties": {"id": lambda r: r.id, "name": lambda r: r.name, "norm_set": lambda r: r.norm_set},
    "Producten": {
        "location": lambda r: r.location,
        "product": lambda r: r.product,
        "clients": lambda r: r.clients,
        "valid_from": lambda r: r.valid_from,
        "valid_until": lambda r: r.valid_until,
    },
    "Medewerkers": {
        "id": lambda r: r.id,
        "name": lambda r: r.name,
        "level": lambda r: r.level.value,
        "care_relevant": lambda r: "ja" if r.care_relevant else "nee",
        "roles": lambda r: ", ".join(sorted(role.value for role in r.roles)) or None,
        "experience_years": lambda r: r.experience_years,
        "contract_hours": lambda r: r.contract_hours,
        "presence_shift_consent": lambda r: "ja" if r.presence_shift_consent else None,
    },
    "Diensten": {
        "employee": lambda r: r.employee,
        "location": lambda r: r.location,
        "date": _shift_date,
        "start": lambda r: _clock(r.start) if _timed(r) else None,
        "end": lambda r: _end_clock(r) if _timed(r) else None,
        "kind": lambda r: r.kind.value,
        "product": lambda r: getattr(r, "product", None),
        "response_min": lambda r: getattr(r, "response_min", None),
        "note": lambda r: r.note,
        "code": lambda r: r.code,
    },
    "Clienten": {
        "client": lambda r: r.client,
        "location": lambda r: r.location,
        "product": lambda r: r.product,
        "valid_from": lambda r: r.valid_from,
        "valid_until": lambda r: r.valid_until,
    },
    "Reistijden": {"employee": lambda r: r.employee, "location": lambda r: r.location, "minutes": lambda r: r.minutes},
    "Begeleiding": {
        "client": lambda r: r.client,
        "location": lambda r: r.location,
        "product": lambda r: r.product,
        "day": lambda r: r.day,
        "hours": lambda r: r.hours,
        "kind": lambda r: r.kind.value,
        "employee": lambda r: r.employee,
    },
}


def _layout(spec: SheetSpec, read_headers: Sequence[str] | None, records: Sequence[Any]) -> list[tuple[str, str | None]]:
    """(header text, field or None for a planner's own column), in the order read."""
    getters = _GETTERS[spec.name]
    lookup = {header_key(n): c.field for c in spec.cols for n in c.names}
    out: list[tuple[str, str | None]] = []
    placed: set[str] = set()
    extras_placed: set[str] = set()
    for text in read_headers or ():
        fld = lookup.get(header_key(text))
        if fld is not None and fld not in placed:
            out.append((text, fld))
            placed.add(fld)
        elif fld is None and text:
            out.append((text, None))
            extras_placed.add(text)
    # Fields the sheet did not have as read but the records now need (the fixer
    # may add a product; a grid roster needs its code column).
    for col in spec.cols:
        if col.field in placed:
            continue
        if col.required or any(getters[col.field](r) is not None for r in records):
            out.append((col.header, col.field))
            placed.add(col.field)
    for r in records:
        for text in r.extra:
            if text not in extras_placed:
                out.append((text, None))
                extras_placed.add(text)
    return out


def _write_sheet(wb: Workbook, spec: SheetSpec, roster: Roster, records: Sequence[Any]) -> None:
    ws = wb.create_sheet(spec.name)
    read_headers = roster.columns.get(spec.name)
    layout = _layout(spec, read_headers, records)
    ws.append([safe_cell(text) for text, _ in layout])
    getters = _GETTERS[spec.name]
    plan = [(getters[fld] if fld else None, text) for text, fld in layout]
    for r in records:
        extra = r.extra
        ws.append([safe_cell(get(r)) if get else safe_cell(extra.get(text)) for get, text in plan])


def write_roster_xlsx(
    roster: Roster,
    path: Path,
    *,
    extra_sheets: list[tuple[str, list[str], list[list]]] | None = None,
) -> None:
    """Write the long form of FORMAT.md; ``extra_sheets`` (name, headers, rows) are appended."""
    wb = Workbook(write_only=True)
    if roster.period.source is PeriodSource.SHEET:
        ws = wb.create_sheet(PERIOD.name)
        headers = roster.columns.get(PERIOD.name) or ("van", "tot")
        ws.append([safe_cell(h) for h in headers[:2]])
        last = roster.period.end - timedelta(days=1)
        ws.append([roster.period.start.date(), last.date()])
    _write_sheet(wb, LOCATIONS, roster, roster.locations)
    _write_sheet(wb, PRODUCTS, roster, roster.products)
    _write_sheet(wb, EMPLOYEES, roster, roster.employees)
    # Leave and sickness go back as Diensten rows of their kind, after the shifts.
    _write_sheet(wb, SHIFTS, roster, (*roster.shifts, *roster.absences))
    if roster.travel_times:
        _write_sheet(wb, TRAVEL, roster, roster.travel_times)
    if roster.support is not None:
        _write_sheet(wb, SUPPORT, roster, roster.support)
    if roster.clients is not None:
        _write_sheet(wb, CLIENTS, roster, roster.clients)
    for name, headers, rows in extra_sheets or ():
        ws = wb.create_sheet(name)
        ws.append([safe_cell(h) for h in headers])
        for row in rows:
            ws.append([safe_cell(v) for v in row])
    wb.save(Path(path))
