"""The same input gives byte-identical JSON (OUTPUT.md): across runs in one process,
across processes, and with different hash seeds (set and dict order must never leak
into the report). For every sample roster, including the grid form and a CSV folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.normsets import load_catalogue
from rostercheck.workbook import read_roster

SAMPLES = Path(__file__).resolve().parent.parent / "sample_rosters"
ROSTERS = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".xlsx" or (p.is_dir() and any(p.glob("*.csv"))))


def _json_in_a_process(path: Path, hash_seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run(
        [sys.executable, "-c", "from rostercheck.cli import main; main()", "check", str(path), "--format", "json"],
        capture_output=True, timeout=120, env=env,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")[-2000:]
    return proc.stdout


def test_the_samples_include_a_grid_and_a_csv_roster():
    names = {p.name for p in ROSTERS}
    assert any(n.startswith("grid-") for n in names) and any((SAMPLES / n).is_dir() for n in names)


@pytest.mark.parametrize("path", ROSTERS, ids=lambda p: p.name)
def test_byte_identical_json_across_processes_and_hash_seeds(path):
    first = _json_in_a_process(path, "0")
    assert first.startswith(b"{")
    assert _json_in_a_process(path, "12345") == first
    assert _json_in_a_process(path, "random") == first


@pytest.mark.parametrize("path", ROSTERS, ids=lambda p: p.name)
def test_byte_identical_json_within_a_process(path):
    catalogue = load_catalogue(None)
    runs = [check_roster(read_roster(path, catalogue=catalogue), catalogue, CheckOptions()).to_json() for _ in range(2)]
    assert runs[0] == runs[1]
    assert runs[0].encode() == _json_in_a_process(path, "7")
