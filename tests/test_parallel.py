"""The checks shared with a forked child (rostercheck.checks.parallel) give the report
the serial path gives: the same JSON, byte for byte, and the same findings with their
details, also when the child fails (the parent then computes what is missing)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import rostercheck.checks.parallel as parallel
from rostercheck.checker import CheckOptions, check_roster
from rostercheck.normsets import load_catalogue
from rostercheck.model import shift_rows
from rostercheck.workbook import read_roster

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

SAMPLES = Path(__file__).resolve().parent.parent / "sample_rosters"
ROSTERS = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".xlsx" or (p.is_dir() and any(p.glob("*.csv"))))


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(None)


def _full(report) -> list:
    return [f.model_dump() for f in report.findings]


@pytest.fixture
def always_parallel(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_SHIFTS", 0)
    monkeypatch.delenv("ROSTERCHECK_WORKERS", raising=False)


@pytest.mark.parametrize("blocks", [parallel.LOCATION_BLOCKS, 2])
@pytest.mark.parametrize("cao", ["none", "ggz"])
@pytest.mark.parametrize("path", ROSTERS, ids=lambda p: p.name)
def test_parallel_report_is_the_serial_report(path, cao, blocks, catalogue, always_parallel, monkeypatch):
    """Also with the locations in two blocks of several (each block is swept as one plan)."""
    monkeypatch.setattr(parallel, "LOCATION_BLOCKS", blocks)
    roster = read_roster(path, catalogue=catalogue)
    assert parallel.use_parallel(roster, 2) and not parallel.use_parallel(roster, 1)
    serial = check_roster(roster, catalogue, CheckOptions(cao=cao, workers=1))
    both = check_roster(roster, catalogue, CheckOptions(cao=cao, workers=2))
    assert both.to_json() == serial.to_json()
    assert _full(both) == _full(serial)


def test_small_rosters_stay_serial(catalogue, monkeypatch):
    monkeypatch.delenv("ROSTERCHECK_WORKERS", raising=False)
    roster = read_roster(SAMPLES / "tarieven-15n.xlsx", catalogue=catalogue)
    assert len(roster.shifts) < parallel.MIN_SHIFTS
    assert not parallel.use_parallel(roster, 2)
    monkeypatch.setattr(parallel, "MIN_SHIFTS", 0)
    assert parallel.use_parallel(roster, 2)
    monkeypatch.setenv("ROSTERCHECK_WORKERS", "1")
    assert not parallel.use_parallel(roster, 2)


@pytest.mark.parametrize("how", ["before", "after"])
def test_a_failing_child_loses_no_finding(how, catalogue, always_parallel, monkeypatch):
    """The child dies before taking any task, or after taking some (its law slices and
    location blocks are then computed by the parent)."""
    roster = read_roster(SAMPLES / "tarieven-15n.xlsx", catalogue=catalogue)
    serial = check_roster(roster, catalogue, CheckOptions(workers=1))
    parent = os.getpid()
    if how == "before":
        real = parallel._take_tasks

        def take(*args):
            if os.getpid() != parent:
                os._exit(3)
            return real(*args)

        monkeypatch.setattr(parallel, "_take_tasks", take)
    else:
        import rostercheck.children as children

        def send(fd, answer):
            raise OSError("the pipe broke")

        monkeypatch.setattr(children, "send", send)
        monkeypatch.setattr(parallel, "LOCATION_BLOCKS", 10**6)  # one location per block
    both = check_roster(roster, catalogue, CheckOptions(workers=2))
    assert both.to_json() == serial.to_json()
    assert _full(both) == _full(serial)


@pytest.mark.parametrize("parts", [1, 2, 3, 16, 10_000])
def test_law_slices_joined_are_the_whole_law(parts, catalogue):
    """What the processes share of the labour law: every slice of employees, joined
    in order and sorted as the serial run sorts, is the serial list (equal sort keys
    included: the comparison is of the full findings, in order)."""
    from rostercheck.checks import run_employee_norm_sets, run_employee_norm_sets_part
    from rostercheck.checks.labour_law.timeline import employee_shifts
    from rostercheck.findings import Finding

    roster = read_roster(SAMPLES / "tarieven-15n.xlsx", catalogue=catalogue)
    sets = [catalogue.get("arbeidstijdenwet"), catalogue.get("cao-ggz")]
    whole = run_employee_norm_sets(sets, roster)
    assert whole
    n = max(1, min(parts, len(employee_shifts(roster))))
    joined = [f for k in range(n) for f in run_employee_norm_sets_part(sets, roster, k, n)]
    joined.sort(key=Finding.sort_key)
    assert [f.model_dump() for f in joined] == [f.model_dump() for f in whole]


# --- the Begeleiding sheet pre-scanned in a child (beside.ParallelScan) ------------


def _read_both(path, catalogue, monkeypatch):
    """(serial, parallel) outcome of reading ``path``: the roster's report JSON, or the refusal."""
    import rostercheck.workbook.beside as beside
    from rostercheck.errors import RosterInputError

    monkeypatch.setattr(beside, "PARALLEL_SCAN_BYTES", 0)
    monkeypatch.delenv("ROSTERCHECK_WORKERS", raising=False)
    out = []
    for workers in (1, 2):
        try:
            roster = read_roster(path, catalogue=catalogue, workers=workers)
            out.append(check_roster(roster, catalogue, CheckOptions(workers=1)).to_json())
        except RosterInputError as exc:
            out.append([(e.type, e.message) for e in exc.errors])
    return out


def _hostile(tmp_path, where: str, what: str) -> Path:
    import zipfile

    from rostercheck.workbook.parts import support_sheet_part
    from tests.hostile_builders import rewrite_zip

    data = (SAMPLES / "tarieven-15n.xlsx").read_bytes()
    with zipfile.ZipFile(SAMPLES / "tarieven-15n.xlsx") as zf:
        _, support_part = support_sheet_part(zf)
        parts = sorted(n for n in zf.namelist() if n.startswith("xl/worksheets/"))
        part = support_part if where == "support" else next(p for p in parts if p != support_part and zf.getinfo(p).file_size > 2000)
        xml = zf.read(part).decode()
    if what == "dtd":
        dtd = '<!DOCTYPE x [<!ENTITY a "b">]>'
        xml = xml.replace("?>", "?>" + dtd, 1) if "?>" in xml else dtd + xml
    else:  # a cell far away
        xml = xml.replace("</sheetData>", '<row r="900000"><c r="XFD900000" t="n"><v>1</v></c></row></sheetData>', 1)
    path = tmp_path / f"{where}-{what}.xlsx"
    path.write_bytes(rewrite_zip(data, {part: xml.encode()}))
    return path


def test_parallel_prescan_reads_the_same_roster(catalogue, monkeypatch):
    serial, both = _read_both(SAMPLES / "tarieven-15n.xlsx", catalogue, monkeypatch)
    assert isinstance(serial, str) and both == serial


@pytest.mark.parametrize("where", ["support", "other"])
@pytest.mark.parametrize("what", ["dtd", "far"])
def test_parallel_prescan_refuses_as_the_serial_one(where, what, tmp_path, catalogue, monkeypatch):
    serial, both = _read_both(_hostile(tmp_path, where, what), catalogue, monkeypatch)
    assert isinstance(serial, list) and both == serial


# --- the law judged while the Begeleiding sheet is read (checker.LawAhead) -----------


def test_the_law_judged_ahead_is_taken_only_for_the_very_records_it_judged(catalogue):
    from rostercheck.checker import LawAhead, employee_set_ids

    path = SAMPLES / "tarieven-15n.xlsx"
    for options in (CheckOptions(workers=1), CheckOptions(workers=1, cao="ggz")):
        sets = [catalogue.get(i) for i in employee_set_ids(options)]
        roster = read_roster(path, catalogue=catalogue)
        plain = check_roster(roster, catalogue, options)
        ahead = LawAhead(catalogue, options)
        ahead(list(shift_rows(roster.shifts)), list(roster.employees))
        assert check_roster(roster, catalogue, options, ahead).to_json() == plain.to_json()
        # taken once: a second check judges the law itself
        assert ahead.take(sets, roster) is None
        # the same roster read again holds equal records, not the same ones: judged anew
        again = read_roster(path, catalogue=catalogue)
        ahead(list(shift_rows(again.shifts)), list(again.employees))
        assert ahead.take(sets, roster) is None
        ahead(list(shift_rows(again.shifts)), list(again.employees))
        assert ahead.take(sets, again) is not None
        # other sets than were judged ahead (the CAO asked for later): judged anew
        ahead(list(shift_rows(roster.shifts)), list(roster.employees))
        other = sets[:1] + [catalogue.get("cao-gehandicaptenzorg")]
        assert ahead.take(other, roster) is None
    # no labour law asked for: nothing is judged ahead
    ahead = LawAhead(catalogue, CheckOptions(labour_law=False))
    ahead(list(shift_rows(roster.shifts)), list(roster.employees))
    assert ahead.take([catalogue.get("arbeidstijdenwet")], roster) is None


@pytest.mark.parametrize("path", ROSTERS[:3], ids=lambda p: p.name)
def test_without_the_law_the_locations_are_prepared_once_before_the_fork(path, catalogue, always_parallel, monkeypatch):
    """No law to share: the locations' index is built before the fork (the same report)."""
    monkeypatch.setattr(parallel, "LOCATION_BLOCKS", 2)
    roster = read_roster(path, catalogue=catalogue)
    serial = check_roster(roster, catalogue, CheckOptions(labour_law=False, workers=1))
    both = check_roster(roster, catalogue, CheckOptions(labour_law=False, workers=2))
    assert both.to_json() == serial.to_json()
    assert _full(both) == _full(serial)
