"""The Diensten sheet is read a column at a time first, each distinct value looked at
once (``workbook/long.py``); a row with any cell that screen does not take is read
cell by cell. Both readings must give the same roster and the same problems, in
the same order: every sample and fixture, and rosters whose rows mix well-written
cells with every way of writing a cell badly or unusually, are read both ways."""

from __future__ import annotations

import random
from datetime import date, datetime, time
from pathlib import Path

import pytest

from rostercheck.errors import RosterInputError
from rostercheck.model import ShiftRow, ShiftRows, shift_rows
from rostercheck.normsets import load_catalogue
from rostercheck.workbook import long, read_roster
from rostercheck.workbook.samples import base_sheets, demo_catalogue, write_sheets_xlsx

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "libreoffice"

# Each column's cells: the common forms (most rows) and the unusual ones.
CELLS = {
    "medewerker": ["E1", "E2", "E1", "e1", 1001, "1001", "E9", "", "  ", True],
    "locatie": ["L1", "L2", "L3", "l2", "L9", "", 2.0],
    "datum": [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4), datetime(2026, 3, 3, 0, 0),
              datetime(2026, 3, 3, 7, 30), "2-3-2026", 8, 46083.0, "", "31-2-2026", date(1899, 12, 30)],
    "begin": [time(7, 0), time(15, 0), time(23, 0), time(0, 0), time(7, 0, 30), "07:00", "7.30", 7, 7.5, 0.25,
              datetime(1900, 1, 1, 7, 30), "", "25:00"],
    "eind": [time(15, 0), time(23, 0), time(7, 0), time(0, 0), "24:00", "07.00", 23, 0.5, "", "x",
             datetime(1900, 1, 1, 9, 30), datetime(2026, 3, 3, 7, 0)],
    "soort": ["aanwezig", "aanwezig", "slaapdienst", "beschikbaar", "bereikbaar", "ambulant", "waakdienst",
              "Aanwezig", " aanwezig ", "present", "verlof", "ziek", "Verlof", "onbekend", "", "  ", 1.0, True],
    "product": [None, "15N12", "15N12", "bw middel", "15N13", "XX", "  ", 12.0, "'15N12"],
    "aanrijtijd_min": [None, None, 30, 1, 15.5, -1, "15", True, False, "abc", 0, 10**10],
    "opmerking": [None, None, "ruil", "  ", 5.0, True, "=1+1", "'=1+1"],
    "dienstcode": [None, None, "D", "V", " n ", 3.0],
    "team": [None, None, "A", "B", 3.0, "  ", "=2+2"],  # a formula openpyxl writes without its value
}
# How many of each column's first values the screen takes (written as most rows are).
CLEAN = {"medewerker": 3, "locatie": 3, "datum": 3, "begin": 4, "eind": 4, "soort": 8, "product": 4,
         "aanrijtijd_min": 3, "opmerking": 3, "dienstcode": 3, "team": 4}


def _row(rng: random.Random, columns: list[str]) -> list:
    """Half the rows as most are written; the others with one to three cells of any form."""
    row = [CELLS[c][rng.randrange(CLEAN[c])] for c in columns]
    if rng.random() < 0.5:
        for k in rng.sample(range(len(columns)), rng.randint(1, 3)):
            row[k] = rng.choice(CELLS[columns[k]])
    return row


def _spoilt_sheets(seed: int, rows: int = 60) -> dict[str, list[list]]:
    rng = random.Random(seed)
    sheets = base_sheets()
    sheets["Producten"].append(["L2", "15N13", 2, None, None])
    # L3 under another norm set, where "bw middel" is another product and 15N13 unknown
    sheets["Locaties"].append(["L3", None, "other"])
    sheets["Producten"] += [["L3", "15N12", 3, None, None], ["L3", "X1", 3, None, None]]
    columns = list(CELLS)
    if seed % 3 == 0:
        columns.remove("team")  # no columns of the planner's own
    if seed % 4 == 1:
        columns.remove("product")
    header = columns[:]
    if seed % 5 == 2:
        header[header.index("medewerker")], header[header.index("soort")] = "soort", "medewerker"
        columns = header
    body = [_row(rng, columns) for _ in range(rows)]
    if seed % 6 == 5:
        body = [row[:rng.randrange(5, len(row) + 1)] for row in body]  # short rows
    sheets["Diensten"] = [header, *body]
    return sheets


def _outcome(path: Path, catalogue, skip: bool, screen: bool, monkeypatch) -> tuple:
    monkeypatch.setattr(long, "SCREEN", screen)
    try:
        roster = read_roster(path, catalogue=catalogue, skip_bad_rows=skip)
    except RosterInputError as exc:
        return ("refused", [e.model_dump() for e in exc.errors])
    shifts = [s.model_dump() for s in roster.shifts]
    return ("read", shifts, [a.model_dump() for a in roster.absences], roster.skipped, roster.notices,
            roster.period.model_dump())


def _both_ways(path: Path, catalogue, monkeypatch, skip: bool) -> tuple:
    screened = _outcome(path, catalogue, skip, True, monkeypatch)
    by_row = _outcome(path, catalogue, skip, False, monkeypatch)
    assert screened == by_row
    return screened


def _two_sets():
    """demo_catalogue and a second location set: 15N12 by that id, "bw middel" as X1."""
    from rostercheck.findings import Source
    from rostercheck.normsets import Catalogue, NormSet, Product

    demo = demo_catalogue()
    src = Source(document="001_77567c317f0dbd0c.txt", section="5", quote="other")
    other = NormSet(id="other", title="Other", document=src.document, norms=(), products=(
        Product(id="15N12", name="Beschermd Wonen middel", source=src),
        Product(id="X1", name="Anders", aliases=("bw middel",), source=src)))
    return Catalogue([*(demo.get(i) for i in ("demo", "atw")), other])


@pytest.mark.parametrize("seed", range(36))
def test_spoilt_rows_read_alike_both_ways(seed, tmp_path, monkeypatch):
    path = write_sheets_xlsx(tmp_path / "r.xlsx", _spoilt_sheets(seed))
    refused = _both_ways(path, _two_sets(), monkeypatch, skip=False)
    skipped = _both_ways(path, _two_sets(), monkeypatch, skip=True)
    assert refused[0] == "refused" or skipped[0] == "read"
    if skipped[0] == "read" and seed % 6 != 5:
        assert skipped[1], "some rows were good"


def test_the_screen_takes_the_common_rows(tmp_path, monkeypatch):
    """Not a vacuous comparison: well-written rows are built by the screen, not the row reader."""
    sheets = base_sheets()
    sheets["Diensten"] = [sheets["Diensten"][0]] + [
        ["E1", "L1", date(2026, 3, d), time(7, 0), time(15, 0), "aanwezig", "15N12", None, None] for d in range(2, 9)
    ] + [["E2", "L1", date(2026, 3, 2), time(23, 0), time(7, 0), "waakdienst", None, 30.0, None],
         ["E2", "L1", date(2026, 3, 3), time(9, 0), time(17, 0), "verlof", None, None, None]]
    path = write_sheets_xlsx(tmp_path / "r.xlsx", sheets)
    calls = []
    original = long._RowReader.row
    monkeypatch.setattr(long._RowReader, "row", lambda self, n, row, out: (calls.append(n), original(self, n, row, out)))
    roster = read_roster(path, catalogue=demo_catalogue())
    assert calls == [10]  # only the leave row
    assert isinstance(roster.shifts, ShiftRows)
    rows = shift_rows(roster.shifts)
    assert all(type(r) is ShiftRow for r in rows)
    assert [(r.row, r.start, r.end, r.kind.value, r.product, r.response_min) for r in rows][-2:] == [
        (8, datetime(2026, 3, 8, 7), datetime(2026, 3, 8, 15), "aanwezig", "15N12", None),
        (9, datetime(2026, 3, 2, 23), datetime(2026, 3, 3, 7), "waakdienst", None, 30),
    ]
    assert [a.kind.value for a in roster.absences] == ["verlof"]


def _files() -> list[Path]:
    samples = [p for p in (ROOT / "sample_rosters").iterdir() if p.suffix == ".xlsx" or p.is_dir()]
    fixtures = [p for p in FIXTURES.iterdir() if p.suffix in (".xlsx", ".ods") or p.is_dir()]
    return sorted(samples + fixtures)


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_samples_and_fixtures_read_alike_both_ways(path, monkeypatch):
    catalogue = load_catalogue(None)
    _both_ways(path, catalogue, monkeypatch, skip=False)
    _both_ways(path, catalogue, monkeypatch, skip=True)


def test_records_are_built_once_and_equal_the_rows(monkeypatch):
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


@pytest.mark.parametrize("column, values", [
    ("soort", ["", "", ""]),  # a required column left empty throughout: each row refused
    ("begin", [None, None, None]),
    ("aanrijtijd_min", [True, None, False]),  # only booleans: not response times
    ("aanrijtijd_min", [15, None, 30]),  # only whole numbers
    ("opmerking", [None, None, None]),
])
def test_one_kind_of_cell_throughout_a_column_reads_alike_both_ways(column, values, tmp_path, monkeypatch):
    sheets = base_sheets()
    header = ["medewerker", "locatie", "datum", "begin", "eind", "soort", "product", "aanrijtijd_min", "opmerking"]
    rows = [["E1", "L1", date(2026, 3, d), time(7, 0), time(15, 0), "beschikbaar", None, 20, "x"] for d in (2, 3, 4)]
    for row, value in zip(rows, values):
        row[header.index(column)] = value
    sheets["Diensten"] = [header, *rows]
    path = write_sheets_xlsx(tmp_path / "r.xlsx", sheets)
    _both_ways(path, demo_catalogue(), monkeypatch, skip=False)
    _both_ways(path, demo_catalogue(), monkeypatch, skip=True)
