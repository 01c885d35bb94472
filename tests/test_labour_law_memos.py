"""The labour law's remembered tables give what computing afresh gives."""

from __future__ import annotations

import random
from datetime import date, timedelta

from rostercheck.checks.labour_law import timeline
from rostercheck.checks.labour_law.timeline import em, midnight, midnight_minutes


def _fresh(first: date, n: int) -> list[int]:
    return [em(midnight(first + timedelta(days=i))) for i in range(n)]


def test_midnight_minutes_across_clock_changes():
    # 29 March and 25 October 2026: the days around them are 23 and 25 hours long.
    for first in (date(2026, 3, 1), date(2026, 10, 1), date(2026, 3, 29), date(2026, 10, 25)):
        got = midnight_minutes(first, 60)
        assert got == _fresh(first, 60)
        assert {b - a for a, b in zip(got, got[1:])} <= {1380, 1440, 1500}


def test_midnight_minutes_in_any_order_and_far_apart():
    rng = random.Random(7)
    for _ in range(500):
        first = date(1990, 1, 1) + timedelta(days=rng.randrange(0, 40_000))
        n = rng.randrange(0, 400)
        assert midnight_minutes(first, n) == _fresh(first, n)
        assert len(timeline._MN_TABLE[1]) <= 400 + 4000  # a far roster starts the table again
