"""Norm cases: every norm of the shipped norm sets, with rosters that pass and fail.

Each ``tests/norm_cases/*.yml`` holds::

    norm_set: tarieven-15n
    cases:
      - name: 15N13 night without anyone on site
        norm: 15N13-night                 # id of the norm in the set
        roster: {<roster_from_spec spec>}
        expect:                           # the findings of that norm, in report order
          - {check: coverage, start: "2026-03-04T23:00", end: "2026-03-05T02:30", measured: 0}

The roster is checked with ``check_roster`` (labour law off) against the shipped
``norms/``; the findings whose ``norm`` is the case's norm must equal ``expect`` in
number and order, comparing only the keys each expected finding lists (nested
mappings such as ``source`` likewise only by their listed keys), against
``Finding.to_json_dict()`` — the JSON contract.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.checks.roster import NORM_ID as ROSTER_NORM_ID
from rostercheck.checks.roster import NORM_SET as ROSTER_NORM_SET
from rostercheck.normsets import load_catalogue
from rostercheck.testing import roster_from_spec

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "norm_cases"
NORMS_DIR = ROOT / "norms"


def _load_cases() -> list[tuple[str, str, dict[str, Any]]]:
    """(file stem, norm set id, case) for every case of every file, in file order."""
    out = []
    for path in sorted(CASES_DIR.glob("*.yml")) + sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for case in data.get("cases") or []:
            out.append((path.stem, data.get("norm_set"), case))
    return out


CASES = _load_cases()

# The checker's own rules, in no norm file (norm set id -> norm ids): check roster.
BUILT_IN = {ROSTER_NORM_SET: {ROSTER_NORM_ID}}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(NORMS_DIR)


def _partial(actual: Any, expected: Any, path: str, problems: list[str]) -> None:
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key, want in expected.items():
            if key not in actual:
                problems.append(f"{path}.{key}: not in the finding (it has {sorted(actual)})")
            else:
                _partial(actual[key], want, f"{path}.{key}", problems)
    elif isinstance(expected, float) or isinstance(actual, float):
        if not (isinstance(actual, (int, float)) and isinstance(expected, (int, float)) and abs(actual - expected) < 1e-9):
            problems.append(f"{path}: expected {expected!r}, got {actual!r}")
    elif actual != expected:
        problems.append(f"{path}: expected {expected!r}, got {actual!r}")


@pytest.mark.parametrize(("stem", "set_id", "case"), CASES, ids=[f"{stem}::{c.get('name')}" for stem, _, c in CASES])
def test_norm_case(stem, set_id, case, catalogue):
    for key in ("name", "norm", "roster", "expect"):
        assert key in case, f"{stem}: case {case.get('name')!r} lacks {key!r}"
    if set_id in BUILT_IN:
        known = BUILT_IN[set_id]
    else:
        norm_set = catalogue.get(set_id or "")
        assert norm_set is not None, f"{stem}.yml: norm_set {set_id!r} is not in norms/"
        known = {n.id for n in norm_set.norms} | {f"{p.id}-requires-one-of" for p in norm_set.products if p.requires_one_of}
    assert case["norm"] in known, f"{stem}.yml: norm {case['norm']!r} is not a norm of {set_id}"
    roster = roster_from_spec(case["roster"], name=f"{stem}.yml")
    report = check_roster(roster, catalogue, CheckOptions(labour_law=False))
    actual = [f.to_json_dict() for f in report.findings if f.norm == case["norm"]]
    expect = case["expect"] or []
    listing = "\n".join(
        f"  {f['check']} {f['severity']} {f['location']} {f.get('employee') or ''} {f['start']}..{f['end']} "
        f"measured={f['measured']} required={f['required']}: {f['message']}"
        for f in actual
    )
    assert len(actual) == len(expect), f"expected {len(expect)} finding(s) of {case['norm']}, got {len(actual)}:\n{listing}"
    problems: list[str] = []
    for i, (got, want) in enumerate(zip(actual, expect)):
        _partial(got, want, f"finding[{i}]", problems)
    assert not problems, "\n".join(problems) + f"\nactual findings:\n{listing}"


def test_every_norm_has_a_passing_and_a_failing_case(catalogue):
    """Every norm of every location-scoped norm set, and the checker's own rules: a case
    with ``expect: []`` and one without."""
    passing: set[tuple[str, str]] = set()
    failing: set[tuple[str, str]] = set()
    for _, set_id, case in CASES:
        ns = catalogue.get(set_id or "")
        key = ((ns.id if ns else set_id), case.get("norm"))
        (failing if case.get("expect") else passing).add(key)
    missing = []
    every = [(ns.id, n.id) for ns in catalogue.location_sets() for n in ns.norms]
    every += [(set_id, norm_id) for set_id, ids in BUILT_IN.items() for norm_id in sorted(ids)]
    for key in every:
        lacks = [label for label, have in (("passing", passing), ("failing", failing)) if key not in have]
        if lacks:
            missing.append(f"{key[0]}: {key[1]} lacks a {' and a '.join(lacks)} case")
    assert not missing, f"{len(missing)} norm(s) without cases:\n" + "\n".join(missing)
