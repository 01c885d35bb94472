"""Sample roster files for tests and benchmarks: plain sheets to .xlsx, and a large roster.

``write_sheets_xlsx`` writes exactly the cells given (no validation), so tests can plant
errors where they want them. ``large_roster`` builds a realistic 100-location,
12-month roster (about 135k shifts) for the reading benchmark.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from rostercheck.model import (
    Employee,
    Level,
    Location,
    Period,
    PeriodSource,
    ProductAssignment,
    Roster,
    Shift,
    ShiftKind,
)


def write_sheets_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def large_roster(locations: int = 100, months: int = 12, year: int = 2026, seed: int = 1) -> Roster:
    """Three 8-hour shifts a day plus an on-call night per location, ~3.7 shifts/day."""
    rng = random.Random(seed)
    levels = list(Level)
    kinds = [ShiftKind.PRESENT, ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT]
    locs, emps, prods, shifts = [], [], [], []
    first = date(year, 1, 1)
    last = date(year + (months // 12), (months % 12) + 1, 1) - timedelta(days=1) if months % 12 else date(year + months // 12 - 1, 12, 31)
    days = (last - first).days + 1
    for li in range(locations):
        loc = f"L{li:03d}"
        locs.append(Location(id=loc, name=f"Locatie {li}", norm_set="tarieven-15n"))
        prods.append(ProductAssignment(location=loc, product="15N12", clients=rng.randint(4, 12)))
        staff = [f"E{li:03d}{k:02d}" for k in range(12)]
        for e in staff:
            emps.append(Employee(id=e, level=rng.choice(levels), contract_hours=float(rng.choice([24, 28, 32, 36]))))
        for d in range(days):
            day = datetime.combine(first + timedelta(days=d), datetime.min.time())
            for (h0, h1), kind in zip(((7, 15), (15, 23), (23, 31)), kinds):
                shifts.append(Shift(employee=rng.choice(staff), location=loc, start=day + timedelta(hours=h0), end=day + timedelta(hours=h1), kind=kind, product="15N12"))
            if rng.random() < 0.7:
                shifts.append(Shift(employee=rng.choice(staff), location=loc, start=day + timedelta(hours=22), end=day + timedelta(hours=31), kind=ShiftKind.ON_CALL, response_min=rng.choice([15, 30, 45])))
    return Roster(
        source_name="large",
        period=Period.from_dates(first, last, PeriodSource.SHEET),
        locations=tuple(locs),
        products=tuple(prods),
        employees=tuple(emps),
        shifts=tuple(shifts),
    )
