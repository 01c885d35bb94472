from datetime import datetime

import pytest
from pydantic import ValidationError

from rostercheck.model import Level, Period, Shift, ShiftKind
from rostercheck.testing import roster_from_spec


def test_levels_are_ordered():
    assert Level.WO.at_least(Level.HBO)
    assert Level.HBO.at_least(Level.MBO4)
    assert not Level.MBO4.at_least(Level.HBO)


def test_night_shift_over_start_of_summer_time_counts_real_hours():
    # 29 March 2026 02:00 -> 03:00: a 22:00-07:00 night is 8 real hours, not 9
    r = roster_from_spec(
        {
            "period": "2026-03-28..2026-03-29",
            "locations": ["L1 tarieven-15n"],
            "employees": ["E1 HBO"],
            "shifts": ["E1 L1 2026-03-28 22:00-07:00 waakdienst"],
        }
    )
    assert r.shifts[0].hours == 8.0


def test_shifts_are_clipped_to_the_period_but_kept_whole_in_the_model():
    r = roster_from_spec(
        {
            "period": "2026-03-02..2026-03-02",
            "locations": ["L1 tarieven-15n"],
            "employees": ["E1 HBO"],
            "shifts": ["E1 L1 2026-03-02 22:00-07:00 waakdienst", "E1 L1 2026-03-05 07:00-15:00 aanwezig"],
        }
    )
    clipped = r.clipped_shifts()
    assert [(s.start, s.end) for s in clipped] == [(datetime(2026, 3, 2, 22), datetime(2026, 3, 3, 0))]
    assert r.shifts[0].end == datetime(2026, 3, 3, 7)


def test_zero_length_shift_is_refused():
    with pytest.raises(ValidationError):
        Shift(employee="E1", location="L1", start=datetime(2026, 3, 2, 7), end=datetime(2026, 3, 2, 7), kind=ShiftKind.PRESENT)


def test_period_blocks_are_calendar_months():
    p = Period(start=datetime(2026, 1, 15), end=datetime(2026, 3, 10))
    assert p.blocks() == [
        (datetime(2026, 1, 15), datetime(2026, 2, 1)),
        (datetime(2026, 2, 1), datetime(2026, 3, 1)),
        (datetime(2026, 3, 1), datetime(2026, 3, 10)),
    ]
