"""Acceptance tests: hand-made rosters (tests/acceptance/build.py) against findings worked
out by hand from the source documents (tests/acceptance/<name>.yml).

Each roster is written as a real file (long .xlsx, grid .xlsx, CSV folder) and checked
with the real command line. The FULL list of error and warning findings must match:
a missed finding and an extra finding both fail. Info findings (tariff-mix
assumptions) are ignored. Where the product is believed wrong the test is marked
``xfail(strict=True)`` with the reason, so the bug stays visible and the mark must be
removed when it is fixed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent / "acceptance"
sys.path.insert(0, str(HERE))
import build  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("check", "severity", "norm", "location", "product", "employee", "start", "end", "measured", "required")

# name -> reason: a suspected product bug (see the report / the yml comments)
# Known product bugs, by roster: name -> reason. Empty when none is known.
XFAIL: dict[str, str] = {}


def _run(path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rostercheck.cli", "check", str(path), "--format", "json", *extra],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )


def _key(f: dict) -> tuple:
    out = []
    for k in FIELDS:
        v = f.get(k)
        if k in ("measured", "required") and isinstance(v, (int, float)) and not isinstance(v, bool):
            v = round(float(v), 4)
        out.append(v)
    return tuple(out)


def _fmt(keys) -> str:
    return "\n".join("  " + ", ".join(f"{k}={v}" for k, v in zip(FIELDS, key) if v is not None) for key in sorted(keys, key=str))


def _expected(name: str) -> dict:
    return yaml.safe_load((HERE / f"{name}.yml").read_text(encoding="utf-8"))


CASES = [p.stem for p in sorted(HERE.glob("*.yml")) if "findings" in _expected(p.stem)]


def _param(name: str):
    marks = [pytest.mark.xfail(strict=True, reason=XFAIL[name])] if name in XFAIL else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", [_param(n) for n in CASES])
def test_findings(name: str, tmp_path: Path) -> None:
    spec = _expected(name)
    path = build.build(spec["roster"], tmp_path)
    proc = _run(path, "--no-labour-law")
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    got = [_key(f) for f in report["findings"] if f["severity"] in ("error", "warning")]
    want = [_key(f) for f in spec["findings"]]
    missed = sorted(set(want) - set(got), key=str)
    extra = sorted(set(got) - set(want), key=str)
    assert not missed and not extra and len(got) == len(want), (
        f"\nmissed ({len(missed)}):\n{_fmt(missed)}\nextra ({len(extra)}):\n{_fmt(extra)}"
    )
    assert proc.returncode == spec["exit"]
    assert report["compliant"] is (spec["exit"] == 0)


@pytest.mark.parametrize("name", [n for n in CASES])
def test_exit_code(name: str, tmp_path: Path) -> None:
    """Exit code 1 exactly when some error finding is expected (warnings allowed for 0)."""
    spec = _expected(name)
    proc = _run(build.build(spec["roster"], tmp_path), "--no-labour-law")
    want = 1 if any(f["severity"] == "error" for f in spec["findings"]) else 0
    assert spec["exit"] == want
    if name in XFAIL and proc.returncode != want:
        pytest.xfail(XFAIL[name])
    assert proc.returncode == want, proc.stderr


def test_unreadable_grid_exit_2(tmp_path: Path) -> None:
    spec = _expected("bad_grid")
    proc = _run(build.build("bad_grid", tmp_path), "--no-labour-law")
    assert proc.returncode == 2
    text = proc.stdout + proc.stderr
    for piece in spec["stderr_contains"]:
        assert piece in text, text


def test_same_roster_same_findings_in_every_form(tmp_path: Path) -> None:
    """cg_long and cg_csv are one roster; their findings must be identical."""
    a = json.loads(_run(build.build("cg_long", tmp_path), "--no-labour-law").stdout)["findings"]
    b = json.loads(_run(build.build("cg_csv", tmp_path), "--no-labour-law").stdout)["findings"]
    assert [_key(f) for f in a] == [_key(f) for f in b]


def test_findings_sorted_by_location_start_check_norm(tmp_path: Path) -> None:
    """OUTPUT.md: findings sorted by location, start, check, norm; output byte-identical."""
    path = build.build("t15n_grid", tmp_path)
    first, second = _run(path, "--no-labour-law"), _run(path, "--no-labour-law")
    assert first.stdout == second.stdout
    fs = json.loads(first.stdout)["findings"]
    keys = [(f["location"], f["start"], f["check"], f["norm"]) for f in fs]
    assert keys == sorted(keys)


# --- labour law: realistic hand-made rosters must not raise false alarms ------------------

# Every readable roster here is made of ordinary Dutch care shifts; with the law on (the
# default) no labour_law finding is expected except those a yml lists under
# ``labour_law`` ([rule id, employee, start, end]).
LABOUR_CASES = [p.stem for p in sorted(HERE.glob("*.yml")) if _expected(p.stem).get("exit") != 2]
LABOUR_XFAIL: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=[pytest.mark.xfail(strict=True, reason=LABOUR_XFAIL[n])] if n in LABOUR_XFAIL else [], id=n)
     for n in LABOUR_CASES],
)
def test_labour_law_no_false_alarms(name: str, tmp_path: Path) -> None:
    spec = _expected(name)
    proc = _run(build.build(spec["roster"], tmp_path))
    assert proc.returncode in (0, 1), proc.stderr
    found = sorted(
        [f["norm"], f.get("employee"), f["start"], f["end"]]
        for f in json.loads(proc.stdout)["findings"]
        if f["check"] == "labour_law" and f["severity"] in ("error", "warning")
    )
    assert found == sorted(spec.get("labour_law", [])), found
