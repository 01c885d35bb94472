"""Working-time errors the roster already has are repaired, and one person counts once for coverage."""

from __future__ import annotations

from datetime import datetime

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.fix import FixOptions, fix_roster
from rostercheck.fix.build import build_model
from rostercheck.fix.candidates import generate
from rostercheck.fix.pool import REASSIGN, Pool, coverage_gaps
from rostercheck.fix.fixer import _employee_sets
from rostercheck.fix.requirements import build_requirements, labour_law_requirements
from rostercheck.normsets import Catalogue, load_catalogue
from rostercheck.testing import roster_from_spec
from tests.fix_support import DAY, NIGHT, catalogue, norm_set, spec, week

# Under a collective agreement, so a sleeping watch is an aanwezigheidsdienst with the
# rest rules of ATB 4.8 (without one it is ordinary work: ATB 4.8:1 lid 2).
LAW = CheckOptions(labour_law=True, cao="gehandicaptenzorg")
OPTS = FixOptions(time_limit=5, labour_law=True, cao="gehandicaptenzorg")


def _law_catalogue(*norms):
    return Catalogue([norm_set(list(norms)), load_catalogue().get("arbeidstijdenwet"),
                      load_catalogue().get("cao-gehandicaptenzorg")])


def _sleep_then_late(extra_employees=(), extra_shifts=()):
    """E3 sleeps at L1 on the night of 3 March, then takes the late shift of 4 March
    (14:00-22:00, a swap with E2): 7 h rest after a sleep shift, where ATB 4.8 allows
    no less than 8 h. The early shift ends at 14:00, so the late shift cannot start later;
    the night staff E4 and E5 have no hours left that week, so only E2 is free."""
    shifts = ["E4 L1 2026-03-01 22:00-07:00 slaapdienst"]
    for i, d in enumerate(week()):
        early = "07:00-14:00" if d == "2026-03-04" else "07:00-15:00"
        shifts.append(f"E1 L1 {d} {early} aanwezig")
        if d == "2026-03-04":
            shifts.append(f"E3 L1 {d} 14:00-22:00 aanwezig")
        else:
            shifts.append(f"E2 L1 {d} 15:00-22:00 aanwezig")
        shifts.append(f"{'E3' if d == '2026-03-03' else ('E4' if i % 2 else 'E5')} L1 {d} 22:00-07:00 slaapdienst")
    return roster_from_spec(spec(["E1 MBO-4 hours=60", "E2 MBO-4 hours=60", "E3 MBO-4 hours=60", "E4 MBO-4 hours=10",
                                  "E5 MBO-4 hours=10", *extra_employees], shifts + list(extra_shifts)))


def test_existing_rest_violation_is_repaired_by_giving_the_shift_back():
    cat = _law_catalogue(DAY, NIGHT)
    roster = _sleep_then_late()
    before = check_roster(roster, cat, LAW)
    assert [(f.norm, f.employee) for f in before.findings if f.severity.value == "error"] == \
        [("atb-sleep-shift-rest", "E3")]
    result = fix_roster(roster, cat, OPTS)
    assert result.compliant and result.proven_optimal
    assert len(result.changes) == 1
    ch = result.changes[0]
    assert (ch.kind, ch.before.employee, ch.after.employee) == ("reassign", "E3", "E2")
    assert (ch.after.start, ch.after.end) == (datetime(2026, 3, 4, 14), datetime(2026, 3, 4, 22))
    assert ch.norms == ["atb-sleep-shift-rest/E3/2026-03-04T07:00"]  # says which rule and whose rest
    assert check_roster(result.fixed_roster, cat, LAW).compliant


def test_labour_law_variable_is_named_and_reassignment_is_prefiltered_by_the_law():
    # E6 worked an awake night until 07:00 on 4 March: the late shift at 14:00 would
    # give them 7 h rest after a night shift (ATW: 14 h, at least 8). Not offered.
    cat = _law_catalogue(DAY, NIGHT)
    roster = _sleep_then_late(["E6 MBO-4 hours=60"], ["E6 L1 2026-03-03 22:00-07:00 waakdienst"])
    before = check_roster(roster, cat, LAW)
    reqs = build_requirements(roster, cat)
    labour_law_requirements(roster, before, _employee_sets(cat, LAW), reqs)
    pool = Pool(roster, OPTS)
    generate(pool, reqs)
    built = build_model(pool, reqs)
    assert "labour_law[atb-sleep-shift-rest/E3/2026-03-04T07:00]" in {p.name for p in built.penalties}
    late = next(i for i, s in enumerate(roster.shifts) if s.employee == "E3" and s.start.hour == 14)
    takers = {pool.cands[c].employee for c in pool.by_origin[late] if pool.cands[c].action == REASSIGN}
    assert "E2" in takers and "E6" not in takers and "E3" not in takers


def test_violation_nobody_can_take_over_is_explained_and_the_roster_left_as_it_was():
    # One employee, and the norms need every minute of them: no change repairs the rest
    # without opening a gap in care (moving or shortening either shift, dropping one),
    # and care comes first: the error stays, explained.
    shifts = ["E1 L1 2026-03-02 22:00-07:00 slaapdienst", "E1 L1 2026-03-03 14:00-22:00 aanwezig"]
    roster = roster_from_spec(spec(["E1 MBO-4"], shifts, period="2026-03-03..2026-03-03"))
    day = {**DAY, "params": {"window": {"start": "14:00", "end": "22:00"}, "presence": "awake_on_site"}}
    morning = {**NIGHT, "id": "morning", "params": {"window": {"start": "00:00", "end": "07:00"}, "presence": "on_site"}}
    cat = _law_catalogue(day, morning)
    result = fix_roster(roster, cat, FixOptions(time_limit=3, labour_law=True, cao="gehandicaptenzorg"))
    assert not result.compliant
    assert result.changes == []
    law = [u for u in result.unfixable if u.check == "labour_law"]
    assert [u.norm for u in law] == ["atb-sleep-shift-rest"]
    assert law[0].message.startswith(
        "arbeidstijden van E1: geen van de diensten kan vervallen zonder een andere norm te breken, en er is "
        "geen andere medewerker (≥ MBO-4) op de personeelslijst om er een over te nemen; Rust voor en na")


def test_two_overlapping_shifts_of_one_person_count_once():
    # Two staff are needed 07:00-15:00; E1 is written twice (07-15 and 10-18), E2 is free.
    two = {"id": "two", "check": "coverage",
           "params": {"window": {"start": "07:00", "end": "15:00"}, "presence": "awake_on_site", "min_staff": 2}}
    cat = catalogue(two)
    shifts = ["E1 L1 2026-03-02 07:00-15:00 aanwezig", "E1 L1 2026-03-02 10:00-18:00 aanwezig"]
    roster = roster_from_spec(spec(["E1 MBO-4", "E2 MBO-4"], shifts, travel=["E2 L1 10"],
                                   period="2026-03-02..2026-03-02"))
    assert not check_roster(roster, cat, CheckOptions(labour_law=False)).compliant
    reqs = build_requirements(roster, cat)
    pool = Pool(roster, FixOptions(labour_law=False))
    keeps = [pool.keep(i) for i in range(len(roster.shifts))]
    assert coverage_gaps(pool, reqs.coverage[0], keeps) == [(datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 15), 1)]
    result = fix_roster(roster, cat, FixOptions(time_limit=3, labour_law=False))
    assert result.compliant
    assert [(c.action, c.after.employee) for c in result.changes] == [("toevoegen", "E2")]


def test_a_no_good_cut_forbids_the_exact_set_of_changes_not_a_larger_one():
    """The verification's cut on one employee: these changes and no other change of theirs.
    Adding one more change (which may take the new error away) stays possible."""
    from ortools.sat.python import cp_model

    from rostercheck.fix.build import Built, add_no_good

    def feasible(a_val: int, b_val: int, c_val: int) -> bool:
        m = cp_model.CpModel()
        a, b, c = (m.new_bool_var(n) for n in "abc")
        built = Built(m, None, {0: a, 1: b, 2: c}, {}, [[], [], []], [0, 0, 0], [], {})
        add_no_good(built, [0, 1], [2])
        m.add(a == a_val)
        m.add(b == b_val)
        m.add(c == c_val)
        return cp_model.CpSolver().solve(m) in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    assert not feasible(1, 1, 0)  # the exact set the check refused
    assert feasible(1, 1, 1)  # the same changes and one more
    assert feasible(1, 0, 0) and feasible(0, 1, 0)  # a smaller set


def test_an_error_no_single_change_fixes_is_fixed_by_a_pair():
    """Sixteen early shifts in a row (3-18 March): no single day off gives a weekly rest of
    36 h in every 7x24 h (ATW 5:5), two do. The fixer finds the pair and proves it the
    smallest; the brute force below confirms no single removal passes."""
    from datetime import date, timedelta

    from tests.fix_support import HBO_SHARE

    cat = Catalogue([norm_set([HBO_SHARE]), load_catalogue().get("arbeidstijdenwet")])
    days = [date(2026, 3, 2) + timedelta(days=i) for i in range(21)]
    shifts = [f"E1 L1 {d} 07:00-15:00 aanwezig" for d in days[1:17]]
    shifts += [f"E2 L1 {d} 07:00-15:00 aanwezig" for d in days[::3]]
    roster = roster_from_spec(spec(["E1 HBO hours=60", "E2 HBO hours=60", "E3 HBO hours=36"], shifts,
                                   period="2026-03-02..2026-03-22"))
    law = CheckOptions(labour_law=True)
    before = check_roster(roster, cat, law)
    assert [(f.norm, f.employee) for f in before.findings if f.severity.value == "error"] == [("atw-weekly-rest", "E1")]
    e1 = [i for i, s in enumerate(roster.shifts) if s.employee == "E1"]
    for i in e1:  # brute force: every single removal still fails
        one_less = roster.model_copy(update={"shifts": tuple(s for k, s in enumerate(roster.shifts) if k != i)})
        assert not check_roster(one_less, cat, law).compliant
    result = fix_roster(roster, cat, FixOptions(time_limit=10, labour_law=True))
    assert result.compliant and result.proven_optimal
    assert len(result.changes) == 2 and result.added_hours == 0
    assert {ch.before.employee for ch in result.changes} == {"E1"}
    assert all(ch.norms == ["atw-weekly-rest/E1/2026-03-03T07:00"] for ch in result.changes)
    assert check_roster(result.fixed_roster, cat, law).compliant


def test_a_working_time_error_nobody_can_take_over_names_each_colleague_and_the_rule():
    """E1 works sixteen early shifts in a row (ATW 5:5 weekly rest); the early shift must be
    covered (no shift may simply go), E2 works every late shift those days (an early one on
    top would make a 15 h dienst and an 8 h rest: ATW 5:8 and 5:3), E3 is sick. The
    explanation says so per person, by the rule's title, checked against the roster."""
    from datetime import date, timedelta

    early = {"id": "early", "check": "coverage",
             "params": {"window": {"start": "07:00", "end": "15:00"}, "presence": "awake_on_site"}}
    cat = Catalogue([norm_set([early]), load_catalogue().get("arbeidstijdenwet")])
    days = [date(2026, 3, 2) + timedelta(days=i) for i in range(21)]
    run = days[1:17]
    shifts = [f"E1 L1 {d} 07:00-15:00 aanwezig" for d in run]
    shifts += [f"E2 L1 {d} 07:00-15:00 aanwezig" for d in days if d not in run]
    shifts += [f"E2 L1 {d} 15:00-22:00 aanwezig" for d in run]
    s = spec(["E1 MBO-4 hours=60", "E2 MBO-4 hours=60", "E3 MBO-4 hours=36"], shifts, period="2026-03-02..2026-03-22")
    s["absences"] = [f"E3 {d} ziek" for d in days]
    s["travel"] = ["E3 L1 10"]
    roster = roster_from_spec(s)
    result = fix_roster(roster, cat, FixOptions(time_limit=10, labour_law=True))
    assert not result.compliant
    (u,) = [u for u in result.unfixable if u.norm == "atw-weekly-rest" and "van E1" in u.message]
    assert "E3 is ziek" in u.message
    assert "E2 zou de arbeidstijdenregel 'Dagelijkse rust; Maximale arbeid per dienst' breken" in u.message
    assert "de dienst di 10 mrt 07:00 – 15:00 op L1" in u.message
    assert "Wekelijkse rust" in u.message
    # checked against the roster: E2 really would break those rules, E3 really is sick
    assert any(a.employee == "E3" and a.kind.value == "ziek" for a in roster.absences)
