"""Rows of the Diensten sheet that repeat an earlier row's date, begin and eind cells
(read_shifts keeps the start and end it made for them) are read exactly as that row
was; a row's own errors stay its own, and a date or time read otherwise than by the
fast branches is read again on every row."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from rostercheck.errors import RosterInputError
from rostercheck.model import shift_rows
from rostercheck.normsets import load_catalogue
from rostercheck.workbook import read_roster_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "sample_rosters" / "tarieven-15n.xlsx"


def _read(change):
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Diensten"]
    change(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return read_roster_bytes(buf.getvalue(), "r.xlsx", catalogue=load_catalogue())


def _copy_times(ws, to: int, frm: int = 2) -> None:
    for col in (3, 4, 5):  # datum, begin, eind
        ws.cell(row=to, column=col).value = ws.cell(row=frm, column=col).value


def test_repeated_date_and_times_give_the_same_start_and_end():
    def change(ws):
        for r in (3, 4, 5):
            _copy_times(ws, r)
    roster = _read(change)
    rows = {s.row: s for s in shift_rows(roster.shifts)}
    first = rows[2]
    assert first.start == datetime(2026, 2, 28, 22, 0) and first.end == datetime(2026, 3, 1, 7, 30)  # 22:00-07:30, by hand
    assert all((rows[r].start, rows[r].end) == (first.start, first.end) for r in (3, 4, 5))


def test_each_rows_own_errors_stay_its_own():
    def change(ws):
        for r in (3, 4, 5, 6):
            _copy_times(ws, r)
        ws.cell(row=3, column=1).value = "E99999"  # unknown employee, same date and times as row 2
        for r in (5, 6):  # a date before 2000 (not the fast branch): an error on each row
            ws.cell(row=r, column=3).value = date(1999, 12, 31)
        ws.cell(row=7, column=4).value = time(7, 0, 30)  # seconds: the slow branch, an error
        ws.cell(row=8, column=3).value = ws.cell(row=7, column=3).value
        ws.cell(row=8, column=4).value = time(7, 0, 30)
        ws.cell(row=8, column=5).value = ws.cell(row=7, column=5).value
    with pytest.raises(RosterInputError) as caught:
        _read(change)
    got = sorted((e.row, e.type) for e in caught.value.errors)
    assert got == [(3, "unknown_employee"), (5, "bad_date"), (6, "bad_date"), (7, "bad_time"), (8, "bad_time")]


def test_the_planners_own_columns_are_kept_per_row_whatever_they_hold():
    # Two columns of the planner's own (team, and afdeling added here): text, a number,
    # an empty cell and spaces, each row keeping its own values (one shared dict per
    # distinct set of texts, as read_shifts memoises them).
    values = ["Noord", "Zuid", 3.0, None, " Oost "]

    def change(ws):
        ws.cell(row=1, column=12).value = "afdeling"
        for r in range(2, ws.max_row + 1):
            ws.cell(row=r, column=12).value = values[r % 5]

    roster = _read(change)
    rows = {s.row: s for s in shift_rows(roster.shifts)}
    want = {0: "Noord", 1: "Zuid", 2: "3", 3: None, 4: "Oost"}
    for r in range(2, 40):
        if r in rows:
            extra = rows[r].extra
            assert extra.get("afdeling") == want[r % 5], (r, extra)
            assert extra["team"].startswith("Team ")
