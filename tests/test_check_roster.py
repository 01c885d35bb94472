"""Check kind ``roster``: one person on site or ambulant at two locations at once
(FORMAT.md / OUTPUT.md rev. 2). Each roster's findings are written out by hand."""

from __future__ import annotations

import pytest
from _check_helpers import norm_set, run

from rostercheck.checks import roster as roster_check

NS = norm_set()  # no norms: only the checker's own rule speaks
BASE = {
    "period": "2026-03-02..2026-03-08",
    "locations": ["L1 testset", "L2 testset", "L3 testset"],
    "products": ["L1 P1 5", "L2 P1 5", "L3 P1 5"],
    "employees": ["E1 MBO-4", "E2 HBO"],
}
SOURCE = {
    "document": "FORMAT.md",
    "section": "Diensten, consistentie (rev. 2)",
    "quote": "One person on site (`aanwezig`, `waakdienst`, `slaapdienst`) or `ambulant` at two "
             "locations at the same time is a finding of check `roster`",
}


def _roster_findings(*shifts: str) -> list[dict]:
    return [f for f in run(NS, {**BASE, "shifts": list(shifts)}) if f["check"] == "roster"]


def _expected(location: str, start: str, end: str, message: str, employee: str = "E1", measured: int = 2) -> dict:
    return {
        "check": "roster", "severity": "error", "norm": "roster-one-place", "norm_set": "rostercheck",
        "product": None, "location": location, "employee": employee, "start": start, "end": end,
        "measured": measured, "required": 1, "unit": "locations", "message": message, "source": SOURCE,
    }


def test_module_documents_itself():
    for part in ("What it checks", "Why", "Findings"):
        assert part in (roster_check.__doc__ or "")


def test_touching_shifts_at_two_locations_pass():
    assert _roster_findings(
        "E1 L1 2026-03-02 07:00-15:00 aanwezig",
        "E1 L2 2026-03-02 15:00-23:00 aanwezig",
        "E1 L3 2026-03-02 23:00-07:00 slaapdienst",
    ) == []


def test_one_minute_overlap_is_an_error_at_each_location():
    assert _roster_findings(
        "E1 L1 2026-03-02 07:00-15:01 aanwezig",
        "E1 L2 2026-03-02 15:00-23:00 aanwezig",
    ) == [
        _expected("L1", "2026-03-02T15:00", "2026-03-02T15:01",
                  "Medewerker E1 staat op ma 2 mrt 15:00 – 15:01 tegelijk ingeroosterd op L1 en L2 (aanwezig): "
                  "één persoon kan niet op twee plaatsen tegelijk zijn, en telt nu op elk van die locaties mee."),
        _expected("L2", "2026-03-02T15:00", "2026-03-02T15:01",
                  "Medewerker E1 staat op ma 2 mrt 15:00 – 15:01 tegelijk ingeroosterd op L2 en L1 (aanwezig): "
                  "één persoon kan niet op twee plaatsen tegelijk zijn, en telt nu op elk van die locaties mee."),
    ]


def test_ambulant_and_sleeping_watch_at_two_locations():
    found = _roster_findings(
        "E1 L1 2026-03-03 22:00-07:00 slaapdienst",
        "E1 L2 2026-03-04 06:00-14:00 ambulant",
    )
    assert [(f["location"], f["start"], f["end"], f["employee"]) for f in found] == [
        ("L1", "2026-03-04T06:00", "2026-03-04T07:00", "E1"),
        ("L2", "2026-03-04T06:00", "2026-03-04T07:00", "E1"),
    ]
    assert "(ambulant en slaapdienst)" in found[0]["message"]


def test_shared_on_call_and_on_call_beside_on_site_are_fine():
    assert _roster_findings(
        "E1 L1 2026-03-02 22:00-07:00 beschikbaar resp=15",
        "E1 L2 2026-03-02 22:00-07:00 beschikbaar resp=20",
        "E1 L3 2026-03-02 22:00-07:00 bereikbaar",
        "E2 L1 2026-03-02 22:00-07:00 slaapdienst",
        "E2 L2 2026-03-02 22:00-07:00 beschikbaar resp=10",
        "E2 L3 2026-03-02 23:00-01:00 bereikbaar",
    ) == []


def test_overlap_at_one_location_is_not_a_roster_finding():
    assert _roster_findings(
        "E1 L1 2026-03-02 07:00-15:00 aanwezig",
        "E1 L1 2026-03-02 14:00-22:00 aanwezig",
    ) == []


def test_three_locations_each_get_their_own_overlap():
    found = _roster_findings(
        "E1 L1 2026-03-02 07:00-17:00 aanwezig",
        "E1 L2 2026-03-02 09:00-12:00 waakdienst",
        "E1 L3 2026-03-02 11:00-13:00 ambulant",
    )
    got = [(f["location"], f["start"][11:], f["end"][11:], f["measured"]) for f in found]
    assert got == [
        ("L1", "09:00", "13:00", 3),  # L2 09-12 and L3 11-13 touch in one window
        ("L2", "09:00", "12:00", 3),
        ("L3", "11:00", "13:00", 3),
    ]
    assert found[0]["message"] == (
        "Medewerker E1 staat op ma 2 mrt 09:00 – 13:00 tegelijk ingeroosterd op L1, L2 en L3 "
        "(aanwezig, ambulant en waakdienst): één persoon kan niet op twee plaatsen tegelijk zijn, "
        "en telt nu op elk van die locaties mee."
    )
    assert "ingeroosterd op L2, L1 en L3 (aanwezig, ambulant en waakdienst)" in found[1]["message"]


def test_windows_are_cut_to_the_period_and_other_employees_stay_apart():
    found = _roster_findings(
        "E1 L1 2026-03-08 20:00-08:00 waakdienst",  # into 9 March, after the period
        "E1 L2 2026-03-08 23:00-07:00 slaapdienst",
        "E2 L2 2026-03-08 20:00-08:00 waakdienst",  # another person at L2: no contradiction
    )
    assert [(f["location"], f["start"], f["end"], f["employee"]) for f in found] == [
        ("L1", "2026-03-08T23:00", "2026-03-09T00:00", "E1"),
        ("L2", "2026-03-08T23:00", "2026-03-09T00:00", "E1"),
    ]


def test_an_overlap_wholly_outside_the_period_is_not_reported():
    # Two locations at once on 10 March, after the period: context, never a finding;
    # and a shift at L2 outside the period beside L1 shifts inside it contradicts nothing.
    assert _roster_findings(
        "E1 L1 2026-03-10 07:00-15:00 aanwezig",
        "E1 L2 2026-03-10 08:00-12:00 aanwezig",
        "E2 L1 2026-03-03 07:00-15:00 aanwezig",
        "E2 L2 2026-03-10 07:00-15:00 aanwezig",
        "E2 L1 2026-03-04 07:00-15:00 ambulant",
    ) == []


@pytest.mark.parametrize("kind", ["aanwezig", "waakdienst", "slaapdienst", "ambulant"])
def test_each_place_bound_kind_counts(kind):
    found = _roster_findings("E1 L1 2026-03-05 07:00-15:00 aanwezig", f"E1 L2 2026-03-05 14:59-16:00 {kind}")
    assert [(f["location"], f["start"][11:], f["end"][11:]) for f in found] == [("L1", "14:59", "15:00"), ("L2", "14:59", "15:00")]


def test_a_roster_error_makes_the_roster_not_compliant():
    from _check_helpers import run_findings

    _, report = run_findings(NS, {**BASE, "shifts": ["E1 L1 2026-03-02 07:00-15:00 aanwezig", "E1 L2 2026-03-02 08:00-09:00 aanwezig"]})
    assert not report.compliant
    (f1, f2) = [f for f in report.findings if f.check.value == "roster"]
    assert f1.shift_refs == f2.shift_refs == (0, 1)


def _file_roster_findings(path) -> list[tuple]:
    from rostercheck.checker import CheckOptions, check_roster
    from rostercheck.workbook import read_roster
    from rostercheck.workbook.samples import demo_catalogue

    cat = demo_catalogue()
    report = check_roster(read_roster(path, catalogue=cat), cat, CheckOptions(labour_law=False))
    return [(f.location, f.employee, f.start.isoformat(), f.end.isoformat()) for f in report.findings if f.check.value == "roster"]


def test_double_booking_in_the_grid_form(tmp_path):
    from rostercheck.workbook.samples import base_sheets, write_sheets_xlsx

    sheets = base_sheets()
    del sheets["Diensten"]
    sheets["Dienstcodes"] = [["code", "begin", "eind", "soort", "locatie"],
                             ["D", "07:00", "15:00", "aanwezig", None], ["A2", "14:00", "22:00", "ambulant", "L2"]]
    sheets["Rooster"] = [["medewerker", "locatie", "2-3-2026", "3-3-2026"], ["E1", "L1", "D/A2", "D"], ["E2", "L2", "A2", "A2"]]
    assert _file_roster_findings(write_sheets_xlsx(tmp_path / "g.xlsx", sheets)) == [
        ("L1", "E1", "2026-03-02T14:00:00", "2026-03-02T15:00:00"),
        ("L2", "E1", "2026-03-02T14:00:00", "2026-03-02T15:00:00"),
    ]


def test_double_booking_in_csv(tmp_path):
    from rostercheck.workbook.samples import base_sheets

    sheets = base_sheets()
    sheets["Diensten"] = [sheets["Diensten"][0],
                          ["E1", "L1", "2-3-2026", "22:00", "07:00", "waakdienst", None, None, None],
                          ["E1", "L2", "3-3-2026", "06:59", "15:00", "aanwezig", None, None, None],
                          ["E2", "L2", "3-3-2026", "07:00", "07:00", "aanwezig", None, None, None]]  # 24 h, alone
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, rows in sheets.items():
        text = "\n".join(";".join("" if v is None else str(v) for v in row) for row in rows)
        (folder / f"{name.lower()}.csv").write_text(text.replace("spv, achterwacht", '"spv, achterwacht"') + "\n", encoding="utf-8")
    assert _file_roster_findings(folder) == [
        ("L1", "E1", "2026-03-03T06:59:00", "2026-03-03T07:00:00"),
        ("L2", "E1", "2026-03-03T06:59:00", "2026-03-03T07:00:00"),
    ]
