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


def test_em_by_the_days_offset_is_timezone_arithmetic():
    # em() takes a day's offset (no clock change that day) for a whole minute; the
    # timezone's own answer everywhere: every minute of the clock-change weekends of
    # 1965-2060, random times over two centuries (seconds too), and which times lie in
    # a skipped or repeated hour (EDGE_TIMES)
    from datetime import datetime

    from rostercheck.model import AMSTERDAM

    def exact(t):
        local = t.replace(tzinfo=AMSTERDAM)
        return int(local.timestamp()) // 60, local.utcoffset() != t.replace(tzinfo=AMSTERDAM, fold=1).utcoffset()

    rng = random.Random(3)
    times = [datetime(1900, 1, 1) + timedelta(seconds=rng.randrange(0, 200 * 365 * 86400)) for _ in range(20_000)]
    times += [datetime(1900, 1, 1) + timedelta(minutes=rng.randrange(0, 200 * 365 * 1440)) for _ in range(20_000)]
    for year in range(1965, 2061):
        for month in (3, 10):
            last_sunday = max(date(year, month, d) for d in range(25, 32) if date(year, month, d).weekday() == 6)
            for day in (last_sunday - timedelta(days=1), last_sunday, last_sunday + timedelta(days=1)):
                start = datetime.combine(day, datetime.min.time())
                times += [start + timedelta(minutes=m) for m in range(0, 1440, 7)] + [start + timedelta(hours=h) for h in range(24)]
    edges = 0
    for t in times:
        timeline._EM.pop(t, None)
        timeline.EDGE_TIMES.discard(t)
        want, edge = exact(t)
        assert em(t) == want and (t in timeline.EDGE_TIMES) == edge, t
        edges += edge
    assert edges > 1000  # the clock-change hours were met
