"""What-if scenarios: a change to the situation, compliance before/after, the cheapest fix."""

from __future__ import annotations

import io
import json

import pytest

from rostercheck.normsets import load_catalogue
from rostercheck.testing import roster_from_spec
from rostercheck.whatif import ScenarioError, apply_scenario, load_scenario, run_whatif
from rostercheck.workbook import write_roster_xlsx


def _roster():
    shifts = ["E3 L1 2026-03-01 22:00-07:00 slaapdienst"]
    for i, d in enumerate(range(2, 9)):
        day = f"2026-03-{d:02d}"
        shifts += [f"E1 L1 {day} 07:00-15:00 aanwezig", f"E2 L1 {day} 15:00-22:00 aanwezig",
                   f"{'E3' if i % 2 else 'E4'} L1 {day} 22:00-07:00 slaapdienst"]
    return roster_from_spec({
        "period": "2026-03-02..2026-03-08",
        "locations": ["L1 tarieven-15n"],
        "products": ["L1 15N12 6"],
        "employees": ["E1 HBO hours=60", "E2 MBO-4 hours=60", "E3 MBO-4 hours=36", "E4 MBO-4 hours=36", "E5 MBO-4 hours=36"],
        "shifts": shifts,
        "travel": ["E5 L1 10"],
    }, name="rooster.xlsx")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def _write(tmp_path, roster, scenario: str):
    path = tmp_path / "rooster.xlsx"
    write_roster_xlsx(roster, path)
    sc = tmp_path / "scenario.yml"
    sc.write_text(scenario, encoding="utf-8")
    return path, sc


def test_leave_opens_nights_and_the_fix_gives_them_to_a_colleague(tmp_path, catalogue):
    path, sc = _write(tmp_path, _roster(), "leave: {employee: E3, from: 2026-03-05}\n")
    out = io.StringIO()
    code = run_whatif(path, sc, catalogue, time_limit=8, fmt="json", out=out)
    doc = json.loads(out.getvalue())
    assert doc["after"]["compliant"] is False
    assert doc["after"]["by_check"]["coverage"]["error"] >= 1
    fix = doc["fix"]
    assert fix["compliant"] is True and code == 0
    # E3 is gone from 5 March: no new work for them
    assert all("E3" not in line.split(":", 1)[1].split()[0] for line in fix["list"])
    assert fix["changes"] >= 1


def test_product_change_and_level_change_are_applied(catalogue):
    roster = _roster()
    sc = load_scenario_text("""
changes:
  - product: {location: L1, from: 15N12, to: 15N13}
  - level: {employee: E5, to: HBO, from: 2026-03-03}
  - remove_shifts: {employee: E2, from: 2026-03-05, until: 2026-03-06}
""")
    changed, away, notes = apply_scenario(roster, sc, catalogue)
    assert [p.product for p in changed.products] == ["15N13"]
    assert changed.employee_by_id["E5"].level.value == "HBO"
    assert not [s for s in changed.shifts if s.employee == "E2" and s.start.day in (5, 6)]
    assert len(changed.shifts) == len(roster.shifts) - 2
    assert notes and away == {}


def test_unknown_change_is_a_scenario_error(tmp_path):
    p = tmp_path / "s.yml"
    p.write_text("changes:\n  - promote: {employee: E1}\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="unknown change 'promote'"):
        load_scenario(p)


def test_staffing_mode_gives_minimum_hours_per_level(tmp_path, catalogue):
    roster = _roster()
    path, sc = _write(tmp_path, roster, "fix: false\nstaffing: {location: L1, month: 2026-02}\n")
    out = io.StringIO()
    # A month from scratch with the Working Hours Act: 20 s was not enough on a shared two-core machine.
    run_whatif(path, sc, catalogue, time_limit=60, fmt="json", out=out)
    st = json.loads(out.getvalue())["staffing"]
    assert st["compliant"] is True
    assert st["includes_warnings"] is True
    # 15N12: awake presence 07:00-22:00 (15 h a day) and on site within 45 min at night:
    # 28 days x 15 h awake is the floor of the working hours.
    working = sum(h for lvl, h in st["hours_per_level"].items() if "(" not in lvl and lvl != "")
    assert working >= 28 * 15
    assert st["shifts"] > 0


def load_scenario_text(text: str):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "s.yml"
        p.write_text(text, encoding="utf-8")
        return load_scenario(p)


def test_unknown_employee_location_and_product_are_all_listed_at_once(tmp_path, catalogue, capsys):
    path, sc = _write(tmp_path, _roster(), (
        "changes:\n"
        "  - leave: {employee: E99, from: 2026-03-04}\n"
        "  - remove_shifts: {location: L7}\n"
        "  - clients: {location: L1, product: 15N99, count: 3}\n"
        "  - level: {employee: E2, to: HBO}\n"))
    code = run_whatif(path, sc, catalogue, time_limit=5, out=io.StringIO())
    err = capsys.readouterr().err
    assert code == 2
    assert "onbekende medewerker 'E99'" in err and "onbekende locatie 'L7'" in err and "onbekend product '15N99'" in err
    assert "E2" not in err  # a valid entry is not an error


def test_every_applied_change_is_echoed_and_hours_are_dutch(tmp_path, catalogue):
    path, sc = _write(tmp_path, _roster(), (
        "changes:\n"
        "  - level: {employee: E2, to: HBO}\n"
        "  - remove_shifts: {employee: E1, from: 2026-03-04, until: 2026-03-04}\n"
        "  - clients: {location: L1, product: 15N12, count: 8}\n"))
    out = io.StringIO()
    run_whatif(path, sc, catalogue, time_limit=10, out=out)
    text = out.getvalue()
    assert "Niveau van E2 wordt HBO." in text
    assert "1 dienst(en) van E1 van 2026-03-04 tot en met 2026-03-04 vervallen." in text
    assert "Aantal cliënten 15N12 op L1: 8." in text
    assert " uur extra" in text and "extra uur" not in text
