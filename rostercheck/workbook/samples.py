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


def demo_catalogue():
    """A small catalogue: one location set ``demo`` (15N12 with an alias, 15N13) and one
    labour-law set ``atw`` (scope employee), for tests that need product resolution."""
    from rostercheck.findings import Source
    from rostercheck.normsets import Catalogue, NormSet, Product

    src = Source(document="001_77567c317f0dbd0c.txt", section="5", quote="demo")
    demo = NormSet(
        id="demo",
        title="Demo",
        document=src.document,
        products=(
            Product(id="15N12", name="Beschermd Wonen middel", aliases=("bw middel",), source=src),
            Product(id="15N13", name="Beschermd Wonen zwaar", source=src),
        ),
        norms=(),
    )
    atw = NormSet(id="atw", title="Arbeidstijdenwet", document=src.document, scope="employee", norms=())
    return Catalogue([demo, atw])


def base_sheets() -> dict[str, list[list]]:
    """A small valid long-form roster as plain sheet rows (Dutch names), mixing the
    value forms planners use: date cells and Dutch dates, time cells and text times."""
    from datetime import time

    return {
        "Locaties": [["locatie", "naam", "normenkader"], ["L1", "De Linde", "demo"], ["L2", None, "Demo"]],
        "Producten": [["locatie", "product", "clienten", "vanaf", "tot"], ["L1", "15N12", 8, None, None], ["L2", "bw middel", 4, "1-3-2026", "2026-12-31"]],
        "Medewerkers": [
            ["medewerker", "naam", "niveau", "zorgrelevant", "rollen", "ervaring_jaren", "contracturen"],
            ["E1", "Anna", "HBO", "ja", "regisseur", "5,5", 32],
            ["E2", "Bob", "mbo 4", "nee", None, None, None],
            [1001, "Cem", "MBO-3", None, "spv, achterwacht", 2, "24"],
        ],
        "Diensten": [
            ["medewerker", "locatie", "datum", "begin", "eind", "soort", "product", "aanrijtijd_min", "opmerking"],
            ["E1", "L1", date(2026, 3, 2), time(7, 0), time(15, 0), "aanwezig", "15N12", None, None],
            ["E2", "L1", "2-3-2026", "22:00", "07.00", "slaapdienst", None, None, "ruil met E1"],
            [1001, "l2", "2026-03-03", "0700", "24:00", "Present", None, None, None],
            ["E1", "L2", "3-3-2026", "7:00", "6:00", "beschikbaar", None, 30, None],
        ],
    }
