"""Property tests with hypothesis: the readers never fail with anything but a
RosterInputError, and the checker behaves as a checker must (a compliant roster
passes; taking a shift away never takes a finding away).

Example counts stay modest so the suite stays fast; ``deadline=None`` because a
workbook read has a fixed cost that says nothing about the property.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.errors import RosterInputError
from rostercheck.model import Roster
from rostercheck.normsets import load_catalogue
from rostercheck.workbook import read_roster, read_roster_bytes
from rostercheck.workbook.samples import base_sheets, write_sheets_xlsx

CATALOGUE = load_catalogue(None)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _sheets() -> dict[str, list[list]]:
    sheets = base_sheets()
    sheets["Locaties"] = [row if i == 0 else [row[0], row[1], "tarieven-15n"] for i, row in enumerate(sheets["Locaties"])]
    sheets["Producten"] = [[c if c != "bw middel" else "15N12" for c in row] for row in sheets["Producten"]]
    return sheets


def _xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    buf = io.BytesIO()
    write_sheets_xlsx(buf, sheets)
    return buf.getvalue()


VALID_XLSX = _xlsx_bytes(_sheets())


def _read(data: bytes, name: str = "fuzz.xlsx") -> Roster | str:
    """The roster, or the input errors as text: anything else fails the test."""
    try:
        return read_roster_bytes(data, name, catalogue=CATALOGUE)
    except RosterInputError as exc:
        assert exc.errors, "a RosterInputError names at least one problem"
        return "\n".join(str(e) for e in exc.errors)


# --- readers: any bytes ------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=4096))
def test_any_bytes_give_a_roster_or_input_errors(data):
    first = _read(data)
    assert _read(data) == first  # the same bytes, the same answer


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


@FAST
@given(st.dictionaries(st.sampled_from(["locaties.csv", "diensten.csv", "medewerkers.csv", "producten.csv", "x/Diensten.CSV"]),
                       st.binary(max_size=300), min_size=1, max_size=5))
def test_any_csv_zip_gives_a_roster_or_input_errors(members):
    data = _zip(members)
    assert _read(data, "fuzz.zip") == _read(data, "fuzz.zip")


@FAST
@given(st.integers(0, len(VALID_XLSX) - 1), st.binary(min_size=1, max_size=64))
def test_corrupted_workbook_bytes(offset, patch):
    data = VALID_XLSX[:offset] + patch + VALID_XLSX[offset + len(patch):]
    assert _read(data) == _read(data)


def test_damaged_zip_headers_are_refused_not_crashed_on():
    # Found by test_corrupted_workbook_bytes: a central directory offset that points
    # before the file (zipfile: "negative seek value"), a version byte zipfile does not
    # know (NotImplementedError), an entry whose name has length 0 (ZipInfo.is_dir fails)
    import struct

    end = VALID_XLSX.rindex(b"PK\x05\x06")  # end of central directory; its offset field at +16
    first = VALID_XLSX.index(b"PK\x01\x02")  # first central directory entry; version needed at +6
    damaged = [VALID_XLSX[:end + 16 + k] + bytes([b]) + VALID_XLSX[end + 17 + k:] for k in range(4) for b in (0x41, 0x80, 0xFF)]
    damaged += [VALID_XLSX[:first + 6] + bytes([b]) + VALID_XLSX[first + 7:] for b in (64, 200)]
    got = [_read(data) for data in damaged]  # (zipfile makes up for some of these: those are read)
    assert all(isinstance(g, (str, Roster)) for g in got)
    assert sum(isinstance(g, str) and "beschadigd" in g for g in got) >= 8
    csv_zip = io.BytesIO()
    with zipfile.ZipFile(csv_zip, "w") as z:
        z.writestr("locaties.csv", "locatie;naam;normenkader\nL1;De Linde;tarieven-15n\n")
    data = csv_zip.getvalue()
    entry = data.index(b"PK\x01\x02")  # its file name length at +28
    nameless = data[:entry + 28] + struct.pack("<H", 0) + data[entry + 30:]
    assert isinstance(_read(nameless, "fuzz.zip"), (str, Roster))
    # an .ods whose content.xml declares an encoding that does not exist (LookupError)
    ods = Path(__file__).resolve().parent / "fixtures" / "libreoffice" / "resaved.ods"
    with zipfile.ZipFile(ods) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info, body in parts:
            z.writestr(info, body.replace(b'encoding="UTF-8"', b'encoding="ZxF-8"', 1) if info.filename == "content.xml" else body)
    assert _read(out.getvalue(), "fuzz.ods") == "Het .ods-bestand is beschadigd (ongeldige XML)."


# --- readers: mutated valid workbooks and CSV ---------------------------------------------------

_cell_values = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", "=1+1", "'=x", "31-02-2026", "2026-13-01", "1-3-2026", "24:00", "25:00", "07.00", "0700",
                     "-1", "1e309", "nan", "ja", "HBO", "aanwezig", "L1", "E1", "15N12"]),
    st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.times(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)),
    st.none(),
)


@st.composite
def mutated_sheets(draw):
    sheets = _sheets()
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(sorted(sheets)))
        rows = sheets[name]
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, max(len(rows[r]) - 1, 0)))
        while len(rows[r]) <= c:
            rows[r].append(None)
        rows[r][c] = draw(_cell_values)
    return sheets


@settings(max_examples=40, deadline=None)
@given(mutated_sheets())
def test_mutated_workbook_gives_a_roster_or_input_errors(sheets):
    try:
        data = _xlsx_bytes(sheets)
    except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses some values (control characters)
        return
    first = _read(data)
    assert _read(data) == first


@settings(max_examples=40, deadline=None)
@given(mutated_sheets(), st.sampled_from([(",", "utf-8"), (";", "cp1252"), (";", "utf-8-sig")]))
def test_mutated_csv_gives_a_roster_or_input_errors(sheets, dialect):
    import csv

    delimiter, encoding = dialect
    members = {}
    for name, rows in sheets.items():
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
        members[f"{name.lower()}.csv"] = buf.getvalue().encode(encoding, errors="replace")
    data = _zip(members)
    assert _read(data, "fuzz.zip") == _read(data, "fuzz.zip")


# --- the checker --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compliant_rosters() -> dict[str, Roster]:
    from benchmarks.generate import PROFILES, generate_roster

    return {ns: generate_roster(locations=2, months=1, norm_set=ns, seed=3, compliant=True) for ns in sorted(PROFILES)}


def test_generated_compliant_rosters_pass(compliant_rosters):
    for norm_set, roster in compliant_rosters.items():
        report = check_roster(roster, CATALOGUE, CheckOptions())
        errors = [f for f in report.findings if f.severity.value == "error"]
        assert not errors, (norm_set, [(f.check.value, f.norm, f.location, f.start) for f in errors[:5]])


def _violated_minutes(roster: Roster) -> set[tuple[str, str, int]]:
    """(norm, location, minute) of every coverage/level/role error: these can only grow
    when a shift is taken away."""
    report = check_roster(roster, CATALOGUE, CheckOptions(labour_law=False))
    out = set()
    for f in report.findings:
        if f.severity.value != "error" or f.check.value not in ("coverage", "level", "role"):
            continue
        a = int((f.start - roster.period.start).total_seconds() // 60)
        b = int((f.end - roster.period.start).total_seconds() // 60)
        out.update((f.norm, f.location, m) for m in range(a, b, 15))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_removing_a_shift_never_removes_a_finding(compliant_rosters, data):
    norm_set = data.draw(st.sampled_from(sorted(compliant_rosters)))
    roster = compliant_rosters[norm_set]
    shifts = list(roster.shifts)
    drop = data.draw(st.sets(st.integers(0, len(shifts) - 1), min_size=1, max_size=6))
    smaller = roster.model_copy(update={"shifts": tuple(s for i, s in enumerate(shifts) if i not in drop)})
    smaller = Roster.model_validate(smaller.model_dump())  # no cached views of the bigger roster
    assert _violated_minutes(roster) <= _violated_minutes(smaller)


def test_removing_every_shift_at_a_location_leaves_it_uncovered(compliant_rosters):
    roster = compliant_rosters["tarieven-15n"]
    loc = roster.locations[0].id
    empty = Roster.model_validate(roster.model_copy(update={"shifts": tuple(s for s in roster.shifts if s.location != loc)}).model_dump())
    assert any(location == loc for _, location, _ in _violated_minutes(empty))


def test_reading_a_written_roster_twice_gives_the_same_model(tmp_path, compliant_rosters):
    from rostercheck.workbook import write_roster_xlsx

    path = tmp_path / "r.xlsx"
    write_roster_xlsx(compliant_rosters["tarieven-15n"], path)
    assert read_roster(path, catalogue=CATALOGUE) == read_roster(Path(path), catalogue=CATALOGUE)

