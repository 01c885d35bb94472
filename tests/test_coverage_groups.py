"""How coverage groups the shifts it sweeps: who counts towards a norm
(rostercheck.checks.eligibility; employees alike in what_counts_of count alike,
whatever else differs: coverage decides once per such kind of employee, kind and
response time), and the groups' arrays for any set of locations (intervals.grouped_arrays)."""

from __future__ import annotations

import itertools

from rostercheck.checks.eligibility import counts_towards, rule_of, what_counts_of
from rostercheck.model import Employee, Level, Role, ShiftKind
from rostercheck.normsets.schema import CoverageParams, Presence, Window


def _params():
    for presence, level, care in itertools.product(Presence, Level, (True, False)):
        within = presence is Presence.ON_SITE_WITHIN
        yield CoverageParams(window=Window(), presence=presence,
                             response_min=30 if within else None, min_level=level, care_relevant=care)


def test_employees_alike_in_what_counts_count_alike():
    others = [
        dict(id="A", name="Anna", roles=frozenset(), experience_years=None, contract_hours=None, presence_shift_consent=False),
        dict(id="B", name=None, roles=frozenset(Role), experience_years=12.0, contract_hours=36.0, presence_shift_consent=True),
    ]
    params = list(_params())
    assert len(params) >= 50
    for level, care in itertools.product(Level, (True, False)):
        a, b = (Employee(level=level, care_relevant=care, **o) for o in others)
        assert what_counts_of(a) == what_counts_of(b)
        for p, kind, response in itertools.product(params, ShiftKind, (None, 10, 30, 31)):
            assert counts_towards(p, a, kind, response) is counts_towards(p, b, kind, response)
    # and what differs in it can change the answer
    p = next(p for p in params if p.min_level is Level.HBO and p.care_relevant and p.presence is Presence.ON_SITE)
    hbo = Employee(id="H", level=Level.HBO)
    assert counts_towards(p, hbo, ShiftKind.PRESENT, None).value == "yes"
    assert counts_towards(p, hbo.model_copy(update={"care_relevant": False}), ShiftKind.PRESENT, None).value == "no"
    assert counts_towards(p, hbo.model_copy(update={"level": Level.MBO4}), ShiftKind.PRESENT, None).value == "no"


def test_norms_alike_in_rule_of_count_alike():
    # coverage keeps its answers per rule_of(params) across norms and calls: two
    # parameter sets alike in it (differing in window, staff and require) answer alike
    # for every employee, kind and response time; what differs in it can change the answer
    employees = [Employee(id=f"E{k}", level=level, care_relevant=care)
                 for k, (level, care) in enumerate(itertools.product(Level, (True, False)))]
    for p in _params():
        other = p.model_copy(update={"window": Window(start="07:00", end="22:00"), "min_staff": 3, "require": "some_moment"})
        assert rule_of(other) == rule_of(p) and other != p
        for emp, kind, response in itertools.product(employees, ShiftKind, (None, 10, 30, 31)):
            assert counts_towards(p, emp, kind, response) is counts_towards(other, emp, kind, response)
    answers = {}
    for p in _params():
        answers.setdefault(rule_of(p), []).append(
            tuple(counts_towards(p, emp, kind, response) for emp, kind, response in itertools.product(employees, ShiftKind, (None, 10, 30, 31))))
    assert all(len(set(alike)) == 1 for alike in answers.values())  # each rule, one answer
    assert len({alike[0] for alike in answers.values()}) > 10  # and the rules really differ


def test_coverage_findings_do_not_depend_on_how_locations_are_grouped():
    # the per-roster tables (kinds of group, answers per rule) grow with each set of
    # locations asked for: checking the locations one at a time, in two halves in
    # reverse, or all at once gives the same findings
    from pathlib import Path

    from rostercheck.checks import run_location_norm_sets
    from rostercheck.normsets import load_catalogue
    from rostercheck.workbook import read_roster

    cat = load_catalogue()
    path = Path(__file__).resolve().parent.parent / "sample_rosters" / "tarieven-15n.xlsx"

    def findings(blocks):
        roster = read_roster(path, catalogue=cat)  # fresh tables
        plan = [(cat.get(loc.norm_set), loc.id) for loc in sorted(roster.locations, key=lambda loc: loc.id)]
        out = {}
        for block in blocks(plan):
            for f in run_location_norm_sets(block, roster):
                out.setdefault(f.location, []).append(f.model_dump_json())
        return out, len(plan)

    whole, n = findings(lambda plan: [plan])
    assert n >= 2 and sum(map(len, whole.values())) > 0
    assert findings(lambda plan: [[x] for x in plan])[0] == whole
    assert findings(lambda plan: [plan[n // 2:][::-1], plan[:n // 2][::-1]])[0] == whole


def test_grouped_arrays_of_any_set_of_locations_are_their_grouped_intervals():
    # intervals.grouped_arrays joins each location's arrays, made once: for any set of
    # locations (one without shifts among them) the groups and lifted intervals are
    # those of grouped_intervals, location by location in the order asked.
    from pathlib import Path

    import numpy as np

    from rostercheck.checks._common import grouped_intervals
    from rostercheck.checks.intervals import grouped_arrays
    from rostercheck.normsets import load_catalogue
    from rostercheck.workbook import read_roster

    roster = read_roster(Path(__file__).resolve().parent.parent / "sample_rosters" / "tarieven-15n.xlsx", catalogue=load_catalogue())
    ids = sorted(loc.id for loc in roster.locations)
    span = 100_000
    for asked in (ids, ids[::-1], [ids[0], "GEEN", ids[-1]], ids[1:2]):
        got = grouped_arrays(roster, asked, span)
        keys, where, a, b, group = [], [], [], [], []
        for k, loc in enumerate(asked):
            for key, intervals in grouped_intervals(roster, loc).items():
                for lo, hi in intervals:
                    a.append(lo + k * span)
                    b.append(hi + k * span)
                    group.append(len(keys))
                keys.append(key)
                where.append(k)
        assert got.keys == keys and got.location.tolist() == where and got.group.tolist() == group
        assert got.a.tolist() == a and got.b.tolist() == b and len(a) > 0
        assert np.all(got.b > got.a)


def test_grouped_intervals_group_by_the_rosters_response_time():
    # grouped_intervals reads Roster.response_min inline: 0 on site, the shift's own
    # response time, else the Reistijden sheet's for (employee, location), else None
    from rostercheck.checks._common import _per_roster, grouped_intervals
    from rostercheck.testing import roster_from_spec

    roster = roster_from_spec({
        "period": "2026-03-02..2026-03-03",
        "locations": ["L1 demo", "L2 demo"],
        "products": ["L1 P1 5", "L2 P1 5"],
        "employees": ["E1 HBO", "E2 MBO-4", "E3 HBO"],
        "travel": ["E2 L1 12", "E3 L2 40"],
        "shifts": [
            "E1 L1 2026-03-02 07:00-15:00 aanwezig", "E1 L1 2026-03-02 22:00-23:00 slaapdienst",
            "E2 L1 2026-03-02 15:00-23:00 beschikbaar", "E2 L1 2026-03-02 23:00-23:30 beschikbaar resp=5",
            "E2 L2 2026-03-02 07:00-09:00 ambulant", "E3 L2 2026-03-02 09:00-10:00 beschikbaar",
            "E3 L1 2026-03-02 10:00-11:00 bereikbaar", "E3 L2 2026-03-02 11:00-12:00 waakdienst",
        ],
    })
    expected: dict = {}
    for loc in ("L1", "L2"):
        for ls in _per_roster(roster).shifts.get(loc, []):
            expected.setdefault(loc, set()).add((ls.shift.employee, ls.shift.kind, roster.response_min(ls.shift)))
        assert set(grouped_intervals(roster, loc)) == expected[loc]
    responses = {key[2] for loc in ("L1", "L2") for key in grouped_intervals(roster, loc)}
    assert responses == {0, 12, 5, None, 40}
