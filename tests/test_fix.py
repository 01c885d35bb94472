"""Hand-worked minimal fixes: each case has one cheapest answer, written out."""

from __future__ import annotations

import io
import time
from datetime import datetime

import pytest

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.fix import FixOptions, fix_roster, print_fix_summary
from rostercheck.fix.build import build_model
from rostercheck.fix.candidates import generate
from rostercheck.fix.pool import Pool
from rostercheck.fix.requirements import build_requirements
from rostercheck.model import ShiftKind
from rostercheck.testing import roster_from_spec
from tests.fix_support import DAY, HBO_SHARE, NIGHT, NIGHT_15, NIGHT_HBO, catalogue, spec, week

OPTS = FixOptions(time_limit=5, labour_law=False)


def _passes(result, cat) -> bool:
    return check_roster(result.fixed_roster, cat, CheckOptions(labour_law=False)).compliant


def _night_roster():
    shifts = ["E4 L1 2026-03-01 22:00-07:00 slaapdienst"]  # the night the period starts in
    for i, d in enumerate(week()):
        shifts += [f"E1 L1 {d} 07:00-15:00 aanwezig", f"E2 L1 {d} 15:00-22:00 aanwezig"]
        if d != "2026-03-04":
            shifts.append(f"{'E3' if i % 2 else 'E4'} L1 {d} 22:00-07:00 slaapdienst")
    return roster_from_spec(spec(["E1 MBO-4", "E2 MBO-4", "E3 MBO-4", "E4 MBO-4"], shifts,
                                 period="2026-03-02..2026-03-08"), name="nacht.xlsx")


def test_one_night_gap_needs_one_added_sleep_shift():
    cat = catalogue(DAY, NIGHT)
    roster = _night_roster()
    before = check_roster(roster, cat, CheckOptions(labour_law=False))
    assert [(f.norm, f.start) for f in before.findings if f.severity.value == "error"][-1] == ("night", datetime(2026, 3, 4, 22))
    result = fix_roster(roster, cat, OPTS)
    assert result.compliant and result.proven_optimal
    assert len(result.changes) == 1
    ch = result.changes[0]
    assert ch.action == "toevoegen"
    assert (ch.after.start, ch.after.end) == (datetime(2026, 3, 4, 22), datetime(2026, 3, 5, 7))
    assert ch.after.kind is ShiftKind.SLEEP  # the cheapest kind the norm accepts
    assert result.added_hours == 9
    assert "night/L1/2026-03-04T22:00" in ch.norms  # says which norm and window it serves
    assert _passes(result, cat)


def test_penalty_variables_are_named_after_norm_location_and_window():
    cat = catalogue(DAY, NIGHT)
    roster = _night_roster()
    reqs = build_requirements(roster, cat)
    pool = Pool(roster, OPTS)
    generate(pool, reqs)
    built = build_model(pool, reqs)
    names = {p.name for p in built.penalties}
    assert "short[night/L1/2026-03-04T22:00]" in names
    # shifts no norm needs changed have no alternative: the solver cannot touch them
    day_shift = next(i for i, s in enumerate(roster.shifts) if s.employee == "E1")
    assert pool.keep(day_shift).frozen


def test_hbo_share_just_under_with_a_free_hbo_colleague_is_one_reassignment():
    # 56 h HBO of 105 h = 53 % < 60 %; one 7 h evening shift to the free HBO colleague gives 63/105 = 60 %.
    shifts = []
    for d in week():
        shifts += [f"E1 L1 {d} 07:00-15:00 aanwezig", f"E2 L1 {d} 15:00-22:00 aanwezig"]
    roster = roster_from_spec(spec(["E1 HBO", "E2 MBO-4", "E5 HBO"], shifts, travel=["E5 L1 20"]))
    cat = catalogue(DAY, HBO_SHARE)
    result = fix_roster(roster, cat, OPTS)
    assert result.compliant and result.proven_optimal
    assert len(result.changes) == 1
    ch = result.changes[0]
    assert (ch.action, ch.kind) == ("wijzigen", "reassign")
    assert (ch.before.employee, ch.after.employee) == ("E2", "E5")
    assert (ch.before.start, ch.before.end) == (ch.after.start, ch.after.end)
    assert result.added_hours == 0
    assert any(n.startswith("hbo-share/L1/P1") for n in ch.norms)
    assert _passes(result, cat)


def test_on_call_shift_of_someone_who_lives_too_far_goes_to_a_nearby_colleague():
    shifts = ["E6 L1 2026-03-01 22:00-07:00 beschikbaar"]
    for d in week():
        shifts.append(f"E1 L1 {d} 07:00-15:00 aanwezig")
        shifts.append(f"E2 L1 {d} 15:00-22:00 aanwezig")
        who = "E3" if d == "2026-03-05" else "E4"
        shifts.append(f"{who} L1 {d} 22:00-07:00 beschikbaar")
    shifts = [s for s in shifts if not (s.startswith("E4") and ("03-04" in s or "03-06" in s))]
    shifts += ["E6 L1 2026-03-04 22:00-07:00 beschikbaar", "E6 L1 2026-03-06 22:00-07:00 beschikbaar"]
    roster = roster_from_spec(spec(["E1 MBO-4", "E2 MBO-4", "E3 MBO-4", "E4 MBO-4", "E6 MBO-4"], shifts,
                                   travel=["E3 L1 40", "E4 L1 10", "E6 L1 12"]))
    cat = catalogue(DAY, NIGHT_15)
    before = check_roster(roster, cat, CheckOptions(labour_law=False))
    assert not before.compliant
    result = fix_roster(roster, cat, OPTS)
    assert result.compliant
    assert len(result.changes) == 1
    ch = result.changes[0]
    assert ch.kind == "reassign" and ch.before.employee == "E3"
    assert ch.after.employee in ("E4", "E6") and ch.after.kind is ShiftKind.ON_CALL
    assert result.added_hours == 0
    assert _passes(result, cat)


def test_infeasible_case_is_explained_and_returns_within_its_limit():
    shifts = [f"E1 L1 {d} 22:00-07:00 slaapdienst" for d in week()[::2]]
    roster = roster_from_spec(spec(["E1 MBO-4", "E2 MBO-3"], shifts))
    cat = catalogue(NIGHT_HBO)
    t0 = time.monotonic()
    result = fix_roster(roster, cat, FixOptions(time_limit=2, labour_law=False))
    assert time.monotonic() - t0 < 2 + 6
    assert not result.compliant
    assert result.unfixable
    assert {u.norm for u in result.unfixable} == {"night-hbo"}
    # OUTPUT.md rev. 2: "proven optimal" only when proven and the fixed roster passes the check
    assert not result.proven_optimal
    out = io.StringIO()
    print_fix_summary(result, out)
    assert "Bewezen optimaal: ja" not in out.getvalue()
    assert all(u.missing_level == "HBO" for u in result.unfixable)
    night = next(u for u in result.unfixable if u.start == datetime(2026, 3, 2, 22))
    assert night.message == (
        "ma 2 mrt 22:00 – di 3 mrt 07:00 op L1 niet gedekt (aanwezig; night-hbo norm): "
        "niemand op de personeelslijst is professional (≥ HBO); een extra dienst van 9,0 uur HBO zou dit oplossen"
    )
    # the best partial roster is still proposed: nothing that makes it worse
    assert result.fixed_roster.shifts == roster.shifts


def test_same_input_same_answer():
    cat = catalogue(DAY, NIGHT)
    a = fix_roster(_night_roster(), cat, OPTS)
    b = fix_roster(_night_roster(), cat, OPTS)
    assert [(c.action, c.after) for c in a.changes] == [(c.action, c.after) for c in b.changes]


def test_summary_says_changes_hours_and_optimality(capsys):
    result = fix_roster(_night_roster(), catalogue(DAY, NIGHT), OPTS)
    print_fix_summary(result)
    out = capsys.readouterr().out
    assert "Wijzigingen: 1 (1 toevoegen)" in out
    assert "Extra uren: 9,0" in out
    assert "Bewezen optimaal: ja" in out
    assert "Rooster voldoet na de wijzigingen: ja" in out


@pytest.mark.parametrize("hours", [40, 12])
def test_weekly_hours_cap_keeps_an_employee_from_taking_the_gap(hours):
    # The night of 3 March is open. E3 already has 18 h in that week: at contract
    # 40 h + 8 h margin they can take it; at 12 h + 8 h they cannot, and E9
    # (0 h + 8 h) cannot either: then the fix is partial and says what is missing.
    shifts = ["E9 L1 2026-03-01 22:00-07:00 slaapdienst", "E3 L1 2026-03-02 22:00-07:00 slaapdienst",
              "E3 L1 2026-03-04 22:00-07:00 slaapdienst"]
    roster = roster_from_spec(spec([f"E3 MBO-4 hours={hours}", "E9 MBO-4 hours=0"], shifts,
                                   period="2026-03-02..2026-03-04"))
    result = fix_roster(roster, catalogue(NIGHT), OPTS)
    assert result.compliant is (hours == 40)
    if hours == 40:
        assert [(c.action, c.after.employee) for c in result.changes] == [("toevoegen", "E3")]
    else:
        assert result.changes == []
        assert [(u.norm, u.start) for u in result.unfixable] == [("night", datetime(2026, 3, 3, 22))]


def test_open_night_gets_an_added_night_shift_not_a_day_shift_moved_into_it():
    # E5 has an extra day shift (10:00-19:00) on 5 March, the morning after the open
    # night of 4 March. Moving it to 22:00-07:00 the night before would add no paid
    # hours, but changes E5's week far more than the hours show: a move keeps part of
    # the shift's time and starts at most FixOptions.max_move_hours (4 h) away.
    roster = _night_roster()
    roster = roster.model_copy(update={
        "employees": (*roster.employees, roster.employees[0].model_copy(update={"id": "E5"})),
        "shifts": (*roster.shifts, roster.shifts[1].model_copy(update={
            "employee": "E5", "start": datetime(2026, 3, 5, 10), "end": datetime(2026, 3, 5, 19)})),
    })
    cat = catalogue(DAY, NIGHT)
    result = fix_roster(roster, cat, OPTS)
    assert result.compliant and result.proven_optimal
    assert [(c.action, c.kind) for c in result.changes] == [("toevoegen", "add")]
    ch = result.changes[0]
    assert (ch.after.start, ch.after.end, ch.after.kind) == (datetime(2026, 3, 4, 22), datetime(2026, 3, 5, 7), ShiftKind.SLEEP)
    assert _passes(result, cat)


def test_moves_keep_part_of_the_shift_and_start_within_four_hours():
    roster = _night_roster()
    reqs = build_requirements(roster, catalogue(DAY, NIGHT))
    pool = Pool(roster, OPTS)
    generate(pool, reqs)
    for c in pool.cands:
        if c.action == "retime":
            s = roster.shifts[c.origin]
            assert c.start < s.end and c.end > s.start
            assert abs((c.start - s.start).total_seconds()) <= 4 * 3600


def test_a_shift_its_employee_may_not_work_is_reassigned_else_left_open_as_a_vacancy():
    # Every working hour by >= MBO-4 (level norm); E9 (MBO-3) has two day visits. On 2 March
    # E4 (MBO-4) is free and takes it over; on 3 March E4 is away, and nobody else may:
    # that visit becomes an open shift (vacature) >= MBO-4, its 8 h counted as added hours.
    level = {"id": "mbo4", "check": "level", "params": {"min_level": "MBO-4"}}
    shifts = ["E9 L1 2026-03-02 09:00-17:00 ambulant", "E9 L1 2026-03-03 09:00-17:00 ambulant",
              "E4 L1 2026-03-03 08:00-16:00 ambulant"]
    roster = roster_from_spec(spec(["E9 MBO-3", "E4 MBO-4"], shifts, period="2026-03-02..2026-03-03"))
    cat = catalogue(level)
    result = fix_roster(roster, cat, OPTS)
    assert result.compliant and result.proven_optimal
    got = [(c.action, c.kind, c.before.start.day, c.after.employee if c.after else c.vacancy_level) for c in result.changes]
    assert got == [("wijzigen", "reassign", 2, "E4"), ("verwijderen", "vacancy", 3, "MBO-4")]
    assert all(c.norms == ["mbo4/L1"] for c in result.changes)
    assert result.added_hours == 8 and result.open_hours == 8
    print_fix_summary(result)
    assert _passes(result, cat)


def test_explanation_names_the_real_block_and_never_suggests_a_level_the_level_norm_forbids():
    """Nobody can take the open early shift of 4 March: E3 is on leave, E4 is at contract hours
    + overtime that week, E5 (MBO-2) would count for the day norm but break the location's
    MBO-4 level norm. The explanation names each block, checked against the roster, and
    asks for an MBO-4 shift, not an MBO-2 one."""
    level = {"id": "mbo4", "check": "level", "params": {"min_level": "MBO-4"}}
    shifts = []
    for d in week():
        if d != "2026-03-04":
            shifts.append(f"E1 L1 {d} 07:00-15:00 aanwezig")
        shifts.append(f"E2 L1 {d} 15:00-22:00 aanwezig")
    shifts += [f"E4 L1 {d} 16:00-22:00 ambulant" for d in week()[:6]]
    roster = roster_from_spec({**spec(["E1 MBO-4", "E2 MBO-4", "E3 MBO-4", "E4 MBO-4 hours=28", "E5 MBO-2"], shifts,
                                      travel=["E3 L1 10", "E5 L1 10"]),
                               "absences": ["E3 2026-03-04 verlof"]})
    cat = catalogue(DAY, level)
    result = fix_roster(roster, cat, FixOptions(time_limit=5, labour_law=False))
    day = [u for u in result.unfixable if u.norm == "day"]
    assert len(day) == 1, [u.message for u in result.unfixable]
    msg = day[0].message
    assert "E3 is verlof" in msg
    assert "E4 zit die week op 36,0 uur; met deze dienst boven contracturen + overwerk (36,0 uur)" in msg
    assert "E1 heeft dan al dienst" not in msg and "E1 zit die week op" in msg
    assert "E5 is vrij, maar daarmee blijft een andere norm of regel open" in msg
    assert "8,0 uur MBO-4 zou dit oplossen" in msg and "MBO-2 zou" not in msg
    assert day[0].missing_level == "MBO-4"
    assert not any(c.after and c.after.employee == "E3" and c.after.start.day == 4 for c in result.changes)


def test_the_output_says_which_objective_was_used():
    cat = catalogue(DAY, NIGHT)
    for objective, words in (("changes", "dan zo min mogelijk wijzigingen, dan zo min mogelijk extra uren"),
                             ("cost", "dan de laagste kosten (extra uren gewogen naar niveau en soort dienst)")):
        result = fix_roster(_night_roster(), cat, FixOptions(time_limit=5, labour_law=False, objective=objective))
        assert result.compliant and len(result.changes) == 1 and result.objective_name == objective
        out = io.StringIO()
        print_fix_summary(result, out)
        assert f"Doel: zo min mogelijk normschendingen, {words} (--objective {objective})" in out.getvalue()
        assert "Extra uren: 9,0 uur" in out.getvalue()
    with pytest.raises(ValueError, match="unknown objective"):
        fix_roster(_night_roster(), cat, FixOptions(time_limit=5, labour_law=False, objective="cheapest"))


def _dst_week(last_night: list[str]):
    """23-29 March 2026: the clocks go forward on the night of 28 to 29 March (02:00 -> 03:00)."""
    shifts = ["E4 L1 2026-03-22 22:00-07:00 slaapdienst"]
    days = [f"2026-03-{d:02d}" for d in range(23, 30)]
    for i, d in enumerate(days):
        shifts += [f"E1 L1 {d} 07:00-15:00 aanwezig", f"E2 L1 {d} 15:00-22:00 aanwezig"]
        if d != "2026-03-28":
            shifts.append(f"{'E3' if i % 2 else 'E4'} L1 {d} 22:00-07:00 slaapdienst")
    return roster_from_spec(spec(["E1 MBO-4", "E2 MBO-4", "E3 MBO-4", "E4 MBO-4"], shifts + last_night,
                                 period="2026-03-23..2026-03-29"), name="zomertijd.xlsx")


def test_the_missing_spring_hour_needs_no_change():
    """22:00-02:00 and 03:00-07:00 on the night the clocks go forward leave no real minute
    open: the checker passes it, so the fixer must not add a shift for 02:00-03:00."""
    cat = catalogue(DAY, NIGHT)
    roster = _dst_week(["E3 L1 2026-03-28 22:00-02:00 slaapdienst", "E4 L1 2026-03-29 03:00-07:00 slaapdienst"])
    assert check_roster(roster, cat, CheckOptions(labour_law=False)).compliant
    result = fix_roster(roster, cat, OPTS)
    assert result.compliant and result.proven_optimal
    assert result.changes == []


def test_a_real_gap_on_the_spring_night_is_still_closed():
    """One real hour open (01:00-02:00 and the jump to 03:00): one shift added, over the gap."""
    cat = catalogue(DAY, NIGHT)
    roster = _dst_week(["E3 L1 2026-03-28 22:00-01:00 slaapdienst", "E4 L1 2026-03-29 03:00-07:00 slaapdienst"])
    before = check_roster(roster, cat, CheckOptions(labour_law=False))
    assert [(f.norm, f.start) for f in before.findings if f.severity.value == "error"] == [
        ("night", datetime(2026, 3, 29, 1))]
    result = fix_roster(roster, cat, OPTS)
    assert result.compliant and len(result.changes) == 1
    assert _passes(result, cat)


def test_pool_counts_real_minutes_across_clock_changes():
    roster = _dst_week([])
    pool = Pool(roster, OPTS)
    assert pool.real_minutes(datetime(2026, 3, 29, 2), datetime(2026, 3, 29, 3)) == 0
    assert pool.real_minutes(datetime(2026, 3, 29, 1), datetime(2026, 3, 29, 4)) == 120
    assert pool.real_minutes(datetime(2026, 3, 28, 1), datetime(2026, 3, 28, 4)) == 180


def test_writing_the_workbook_is_kept_out_of_the_solvers_time():
    from rostercheck.fix import write_reserve

    assert write_reserve(0.1, 30) == (2.5, None)  # 25 x the reading time
    reserve, note = write_reserve(1.0, 10)  # writing would take 25 s: half the limit, and a note
    assert reserve == 5.0
    assert note.startswith("Let op: het wegschrijven van deze werkmap kost naar schatting 25 seconden")

