"""Rosters and reports for the report tests (xlsx, html, audit).

``hostile_roster`` is a small two-week roster whose names, notes, location and
product texts are crafted as spreadsheet formulas and HTML; ``marker_roster`` is
the same roster with names that are unique marker strings, to prove a
pseudonymised report never shows a name. The reports hold the real coverage
findings (the coverage check over the tarieven-15n set) plus a hand-made
working-time finding about one employee, so every column of a report is filled.
"""

from __future__ import annotations

from datetime import date, timedelta

from rostercheck.checks import coverage
from rostercheck.findings import CheckKind, Finding, Report, Severity, Source
from rostercheck.model import Roster
from rostercheck.normsets import cached_catalogue
from rostercheck.testing import roster_from_spec

FORMULAS = [
    '=HYPERLINK("http://evil.example/x","klik")',
    "<script>alert(1)</script>",
    "@SUM(A1:A9)",
    "+1",
    "-1+2",
]
MARKERS = ["QQNAAMMARKERAAQQ", "QQNAAMMARKERBBQQ", "QQNAAMMARKERCCQQ", "QQNAAMMARKERDDQQ", "QQNAAMMARKEREEQQ"]
LOCATION = "@Noord"  # a location id that is itself a formula trigger


def _spec() -> dict:
    shifts = []
    first = date(2026, 3, 2)
    for i in range(14):
        d = first + timedelta(days=i)
        shifts.append(f"E1 {LOCATION} {d} 07:00-15:00 aanwezig")
        if i % 5 != 3:  # some evenings nobody: 15:00-22:00 short
            shifts.append(f"E2 {LOCATION} {d} 15:00-23:00 aanwezig")
        if i % 4 == 1:  # on call without a known response time: cannot verify
            shifts.append(f"E3 {LOCATION} {d} 23:00-07:00 beschikbaar")
        elif i != 6:
            shifts.append(f"E4 {LOCATION} {d} 23:00-07:00 slaapdienst")
        shifts.append(f"E5 L2 {d} 09:00-17:00 ambulant")
    return {
        "period": "2026-03-02..2026-03-15",
        "locations": [f"{LOCATION} tarieven-15n", "L2 oost-veluwe-2024"],
        "products": [f"{LOCATION} 15N12 8", "L2 IHT-P 5"],
        "employees": ["E1 HBO regisseur", "E2 MBO-4", "E3 MBO-4", "E4 MBO-4", "E5 HBO regisseur"],
        "shifts": shifts,
    }


def _with_names(roster: Roster, names: list[str], notes: list[str]) -> Roster:
    employees = tuple(e.model_copy(update={"name": n}) for e, n in zip(roster.employees, names))
    shifts = list(roster.shifts)
    for i, note in enumerate(notes):
        shifts[i] = shifts[i].model_copy(update={"note": note})
    fields = {k: getattr(roster, k) for k in Roster.model_fields}
    return Roster(**{**fields, "employees": employees, "shifts": tuple(shifts)})


def hostile_roster() -> Roster:
    base = roster_from_spec(_spec(), name='=HYPERLINK("http://evil.example","rooster").xlsx')
    return _with_names(base, FORMULAS, FORMULAS + ["\tTab", "\rCR", "\nLF"])


def marker_roster() -> Roster:
    base = roster_from_spec(_spec(), name="maart.xlsx")
    notes = [f"ruil met {m}" for m in MARKERS] + [f"{MARKERS[0]} ziek"]
    return _with_names(base, MARKERS, notes)


def report_for(roster: Roster, extra_message: str = "Te lange dienst") -> Report:
    """The coverage findings of the roster, plus one working-time finding about E2."""
    catalogue = cached_catalogue()
    findings: list[Finding] = []
    norm_sets = []
    for loc in roster.locations:
        norm_set = catalogue.get(loc.norm_set)
        norm_sets.append(norm_set.id)
        for norm in norm_set.norms:
            if norm.check == "coverage":
                findings.extend(coverage.check(norm, norm_set, roster, loc.id))
    e2 = [i for i, s in enumerate(roster.shifts) if s.employee == "E2"]
    findings.append(
        Finding(
            check=CheckKind.LABOUR_LAW,
            severity=Severity.ERROR,
            norm="atw-max-shift",
            norm_set="arbeidstijdenwet",
            product=None,
            location=None,
            start=roster.shifts[e2[0]].start,
            end=roster.shifts[e2[0]].end,
            measured=13,
            required=12,
            unit="hours",
            message=extra_message,
            source=Source(document="=cmd|' /C calc'!A0", section="5:7", quote="<b>ten hoogste 12 uur</b>"),
            employee="E2",
            shift_refs=(e2[0],),
        )
    )
    return Report(
        roster=roster.source_name,
        period_start=roster.period.start,
        period_end=roster.period.end,
        findings=findings,
        norm_sets=norm_sets,
        notes=["=1+1 opmerking", "<i>let op</i>"],
    )


def hostile_report() -> tuple[Roster, Report]:
    r = hostile_roster()
    return r, report_for(r, extra_message="-dienst van " + FORMULAS[1])


def marker_report() -> tuple[Roster, Report]:
    r = marker_roster()
    return r, report_for(r, extra_message=f"Dienst van {MARKERS[1]} te lang")
