"""A share norm is met by the work of qualified colleagues, never by cutting care.

Hand-worked cases on an ambulant team with only the HBO-share norm (>= 60 % of the
working hours by HBO): no coverage norm holds the MBO-4 shifts in place, so dropping
two of them would "meet" the share at no cost. That is no fix: the clients still need
those visits. The cheapest real fix is a reassignment to a free HBO colleague; where
nobody can take a shift over, added HBO hours; where nobody has room at all, the fix
says how many HBO hours are missing (an open shift) and leaves the care as it is.
"""

from __future__ import annotations

from datetime import datetime

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.fix import FixOptions, fix_roster
from rostercheck.model import ShiftKind
from rostercheck.testing import roster_from_spec
from tests.fix_support import HBO_SHARE, catalogue, spec, week

OPTS = FixOptions(time_limit=5, labour_law=False)
CAT = catalogue(HBO_SHARE)


def _team(hbo: list[str], mbo: list[str], employees: list[str], travel=()):
    shifts = [f"E1 L1 {d} 09:00-17:00 ambulant" for d in hbo] + [f"E2 L1 {d} 09:00-17:00 ambulant" for d in mbo]
    return roster_from_spec(spec(employees, shifts, travel=list(travel)))


def _share(report) -> list:
    return [f for f in report.findings if f.check.value == "share" and f.severity.value == "error"]


def test_share_is_met_by_a_reassignment_to_the_free_hbo_colleague_not_by_dropping_care():
    # 40 h HBO of 80 h = 50 %. Dropping two of E2's visits would give 40/64 = 62.5 %;
    # giving one to E5 (HBO, free all week) gives 48/80 = 60 % with the same care.
    roster = _team(week(range(2, 7)), week(range(2, 7)), ["E1 HBO", "E2 MBO-4", "E5 HBO hours=36"], ["E5 L1 15"])
    assert _share(check_roster(roster, CAT, CheckOptions(labour_law=False)))
    result = fix_roster(roster, CAT, OPTS)
    assert result.compliant and result.proven_optimal
    assert [(c.action, c.kind) for c in result.changes] == [("wijzigen", "reassign")]
    ch = result.changes[0]
    assert (ch.before.employee, ch.after.employee) == ("E2", "E5")
    assert (ch.after.start, ch.after.end, ch.after.kind) == (ch.before.start, ch.before.end, ShiftKind.AMBULANT)
    assert result.added_hours == 0
    assert ch.norms == ["hbo-share/L1/P1/2026-03-02"]
    assert sum(s.hours for s in result.fixed_roster.shifts) == sum(s.hours for s in roster.shifts)
    assert check_roster(result.fixed_roster, CAT, CheckOptions(labour_law=False)).compliant


def test_no_hbo_colleague_can_take_a_shift_over_so_hbo_hours_are_added():
    # 32 h HBO (E1, Mon-Thu) of 56 h = 57 %. E1 works at the same times as E2, so cannot
    # take E2's shifts; E1 has 36 + 8 - 32 = 12 h of room. The cheapest added shift that
    # meets 60 %: 7 h (15:00-22:00) on a free day, 39/63 = 62 %. Dropping one of E2's
    # visits (32/48) is not allowed.
    roster = _team(week(range(2, 6)), week(range(2, 5)), ["E1 HBO hours=36", "E2 MBO-4"])
    result = fix_roster(roster, CAT, OPTS)
    assert result.compliant and result.proven_optimal
    assert [(c.action, c.after.employee) for c in result.changes] == [("toevoegen", "E1")]
    added = result.changes[0].after
    assert added.start.date() > datetime(2026, 3, 5).date()  # Friday to Sunday: E1 is free
    assert added.hours == 7 and result.added_hours == 7
    assert result.changes[0].norms == ["hbo-share/L1/P1/2026-03-02"]
    assert not any(c.action == "verwijderen" for c in result.changes)
    assert check_roster(result.fixed_roster, CAT, CheckOptions(labour_law=False)).compliant


def test_nobody_with_room_leaves_the_care_and_says_how_many_hbo_hours_are_missing():
    # As above, but E1's contract is 24 h: 24 + 8 = 32 h is what E1 already works. No
    # HBO colleague has room: the share stays short, the care stays, and the fix says
    # 4 h HBO would solve it (0.6 x 56 = 33.6 h, (33.6 - 32) / 0.4 = 4 h).
    roster = _team(week(range(2, 6)), week(range(2, 5)), ["E1 HBO hours=24", "E2 MBO-4"])
    result = fix_roster(roster, CAT, OPTS)
    assert not result.compliant
    assert result.changes == []
    assert result.fixed_roster.shifts == roster.shifts
    (u,) = result.unfixable
    assert (u.check, u.norm, u.missing_level) == ("share", "hbo-share", "HBO")
    assert round(u.missing_hours, 2) == 4.0
    assert "open dienst/vacature HBO" in u.message
