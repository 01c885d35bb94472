"""A long-form roster keeps its shifts as tuples (``model.ShiftRows`` of ``ShiftRow``):
the checks read the tuples, and a ``Shift`` record is made the first time one is asked
for, then kept. The tuples hold what the records hold, and the records are the ones
the reader made before (``test_trusted_records.py`` compares them with validated ones)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from rostercheck.model import ShiftRow, ShiftRows, shift_rows
from rostercheck.normsets import load_catalogue
from rostercheck.workbook import read_roster
from rostercheck.workbook.samples import base_sheets, demo_catalogue, write_sheets_xlsx

ROOT = Path(__file__).resolve().parent.parent


def test_long_form_shifts_are_rows_with_the_values_read(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"] = [sheets["Diensten"][0]] + [
        ["E1", "L1", date(2026, 3, 2), time(7, 0), time(15, 0), "aanwezig", "15N12", None, None],
        ["E2", "L1", date(2026, 3, 2), time(23, 0), time(7, 0), "waakdienst", None, 30.0, "ruil"],
        ["E2", "L1", date(2026, 3, 3), time(9, 0), time(17, 0), "verlof", None, None, None],
    ]
    roster = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert isinstance(roster.shifts, ShiftRows)
    rows = shift_rows(roster.shifts)
    assert all(type(r) is ShiftRow for r in rows)
    assert [(r.employee, r.row, r.start, r.end, r.kind.value, r.product, r.response_min, r.note) for r in rows] == [
        ("E1", 2, datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 15), "aanwezig", "15N12", None, None),
        ("E2", 3, datetime(2026, 3, 2, 23), datetime(2026, 3, 3, 7), "waakdienst", None, 30, "ruil"),
    ]
    assert [a.kind.value for a in roster.absences] == ["verlof"]  # leave is no shift


def test_grid_form_shifts_stay_records():
    roster = read_roster(ROOT / "sample_rosters" / "grid-tarieven-15n.xlsx", catalogue=load_catalogue(None))
    assert isinstance(roster.shifts, tuple) and shift_rows(roster.shifts) is roster.shifts


def test_records_are_built_once_and_equal_the_rows():
    roster = read_roster(ROOT / "sample_rosters" / "tarieven-15n.xlsx", catalogue=load_catalogue(None))
    rows = shift_rows(roster.shifts)
    first = roster.shifts[0]
    assert roster.shifts[0] is first and roster.shifts[-len(rows)] is first
    for row, record in zip(rows, roster.shifts):
        assert (record.employee, record.location, record.start, record.end, record.kind, record.product,
                record.response_min, record.note, record.code, record.extra) == row[:10]
        assert record.place == row.place and record.place.row == row.row and record.hours == row.hours
    assert roster.shifts == tuple(roster.shifts)
    assert roster.shifts[1:3] == (roster.shifts[1], roster.shifts[2])
