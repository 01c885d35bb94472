"""The sample rosters read cleanly and give exactly the findings sample_rosters/README.md documents.

Each expected finding is (location, check, norm, severity, start, end, employee); the
README says why each one is there (which planted defect). The checks run through the
real command line (``rostercheck check --format json``), twice, to show the JSON is
byte-identical across runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from rostercheck.normsets import load_catalogue
from rostercheck.workbook import read_roster

SAMPLES = Path(__file__).resolve().parent.parent / "sample_rosters"

_15N = [
    ("L01", "coverage", "15N-reachable-5min", "error", "2026-03-12T22:30", "2026-03-13T07:00", None),
    ("L01", "coverage", "15N13-night-response", "error", "2026-03-12T22:30", "2026-03-13T07:00", None),
    ("L01", "coverage", "15N13-sleeping-watch", "warning", "2026-03-12T22:30", "2026-03-13T07:00", None),
    ("L01", "labour_law", "atb-sleep-shift-rest", "error", "2026-03-18T07:30", "2026-03-18T14:30", "E10009"),
    ("L02", "coverage", "15N-reachable-5min", "error", "2026-03-20T22:30", "2026-03-21T07:00", None),
    ("L02", "coverage", "15N12-night-response", "error", "2026-03-20T22:30", "2026-03-21T07:00", None),
    ("L02", "coverage", "15N16-awake-night", "error", "2026-03-20T22:30", "2026-03-21T07:00", None),
    ("L03", "coverage", "15N-bt-response-90", "error", "2026-03-25T23:00", "2026-03-26T07:00", None),
]
_OV = [
    ("L01", "coverage", "HGV-on-site-24-7", "error", "2026-03-08T22:30", "2026-03-09T07:00", None),
    ("L02", "share", "IHT-I-hbo-share", "error", "2026-03-01T00:00", "2026-04-01T00:00", None),
]
_ZOU_JUNIOR_DAYS = ("03", "06", "11", "12", "19", "20", "27", "30", "31")

EXPECTED: dict[str, tuple[int, dict[str, int], list[tuple]]] = {
    "tarieven-15n.xlsx": (1, {"errors": 7, "warnings": 1, "info": 0}, _15N),
    "grid-tarieven-15n.xlsx": (1, {"errors": 7, "warnings": 1, "info": 0}, _15N),
    "oost-veluwe-2024.xlsx": (1, {"errors": 2, "warnings": 0, "info": 0}, _OV),
    "csv-oost-veluwe-2024": (1, {"errors": 2, "warnings": 0, "info": 0}, _OV),
    "zou-segment-b.xlsx": (
        1,
        {"errors": 10, "warnings": 0, "info": 0},
        [("L01", "coverage", "02B03-reachable-24-7", "error", "2026-03-18T23:00", "2026-03-19T09:00", None)]
        + [
            ("L02", "level", "02B05-experience", "error", f"2026-03-{d}T09:00", f"2026-03-{d}T17:00", "E10022")
            for d in _ZOU_JUNIOR_DAYS
        ],
    ),
    "bijlage5.xlsx": (
        1,
        {"errors": 1, "warnings": 1, "info": 0},
        [
            ("L01", "client_hours", "DB-dagdeel", "warning", "2026-03-10T00:00", "2026-03-11T00:00", None),
            ("L02", "coverage", "BT-response-45", "error", "2026-03-07T23:00", "2026-03-08T07:00", None),
        ],
    ),
    "centraal-gelderland.xlsx": (
        1,
        {"errors": 2, "warnings": 0, "info": 0},
        [
            ("L02", "coverage", "BW-basis-night-response", "error", "2026-03-21T22:30", "2026-03-22T07:00", None),
            ("L03", "coverage", "SDCG-response-30", "error", "2026-03-04T23:00", "2026-03-05T07:00", None),
        ],
    ),
}


def test_every_sample_is_documented_and_tested():
    on_disk = {p.name for p in SAMPLES.iterdir() if p.name != "README.md"}
    assert on_disk == set(EXPECTED)
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for name in EXPECTED:
        assert f"`{name}" in readme


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_reads_without_input_errors(name):
    roster = read_roster(SAMPLES / name, catalogue=load_catalogue())
    assert roster.period.start.isoformat() == "2026-03-01T00:00:00"
    assert roster.period.end.isoformat() == "2026-04-01T00:00:00"
    assert len(roster.shifts) > 100
    assert not roster.skipped


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_json_gives_the_documented_findings(name):
    exit_code, summary, findings = EXPECTED[name]
    cmd = [sys.executable, "-m", "rostercheck.cli", "check", str(SAMPLES / name), "--format", "json"]
    first = subprocess.run(cmd, capture_output=True)
    second = subprocess.run(cmd, capture_output=True)
    assert first.returncode == exit_code, first.stderr.decode()
    assert first.stdout == second.stdout  # byte-identical across runs
    report = json.loads(first.stdout)
    assert report["summary"] == summary
    assert report["compliant"] is (exit_code == 0)
    got = [
        (f["location"], f["check"], f["norm"], f["severity"], f["start"], f["end"], f.get("employee"))
        for f in report["findings"]
    ]
    assert Counter((g[1], g[2]) for g in got) == Counter((f[1], f[2]) for f in findings)
    assert sorted(got, key=str) == sorted(findings, key=str)


def test_the_three_forms_agree():
    """The grid form and the CSV folder hold the same rosters as two long-form samples."""
    catalogue = load_catalogue()
    for long_name, other in (("tarieven-15n.xlsx", "grid-tarieven-15n.xlsx"), ("oost-veluwe-2024.xlsx", "csv-oost-veluwe-2024")):
        a = read_roster(SAMPLES / long_name, catalogue=catalogue)
        b = read_roster(SAMPLES / other, catalogue=catalogue)
        key = lambda s: (s.employee, s.location, s.start, s.end, s.kind, s.response_min)  # noqa: E731
        assert sorted(map(key, a.shifts)) == sorted(map(key, b.shifts))
        assert {e.id: (e.level, e.care_relevant, e.roles) for e in a.employees} == {
            e.id: (e.level, e.care_relevant, e.roles) for e in b.employees
        }
        assert sorted((s.client, s.day, s.hours, s.kind) for s in a.support or ()) == sorted(
            (s.client, s.day, s.hours, s.kind) for s in b.support or ()
        )


def test_planner_columns_survive_reading():
    roster = read_roster(SAMPLES / "tarieven-15n.xlsx", catalogue=load_catalogue())
    assert all(s.extra.get("team", "").startswith("Team ") for s in roster.shifts)
    assert any(s.note for s in roster.shifts)
    assert "team" in roster.columns["Diensten"]


def test_samples_are_what_the_generator_writes():
    """The committed samples are regenerated by ``python -m benchmarks.generate --samples``."""
    from benchmarks.generate import SAMPLES as SPECS, sample_roster

    catalogue = load_catalogue()
    for spec in SPECS:
        fresh = sample_roster(spec)
        read = read_roster(SAMPLES / spec.file, catalogue=catalogue)
        key = lambda s: (s.employee, s.location, s.start, s.end, s.kind.value, s.response_min)  # noqa: E731
        assert sorted(map(key, read.shifts)) == sorted(map(key, fresh.shifts)), spec.file
