"""Screens: cheap tests on an employee's timeline that prove a rule has nothing to
report for that employee, so the rule's exact evaluation (datetimes, refs, wording)
runs only where a screen cannot prove it. Most employees of a large roster break no
rule, and the screens are what makes checking them cheap.

A screen may only ever say "nothing to report" when the rule itself would report
nothing: each one below says why. Where that rests on the wall-clock and the real
order of times being the same, the screen asks for a :attr:`Timeline.plain`
timeline and midnights that are not in a clock change's hour (:func:`_weeks`);
otherwise it says nothing and the rule runs in full.

Working time is taken from the blocks (:class:`.timeline.Block`, real minutes). On
a plain timeline the blocks are exactly the wall-clock unions of working shifts that
``hours.week_hours`` and ``hours.sundays_worked`` walk (both merge shifts that touch
or overlap, in the same sorted order, and the order of the times is the same), and
a wall-clock time's real minute is ``em`` of it, so minutes between two of them are
differences of ints.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from rostercheck.checks.labour_law.timeline import EDGE_TIMES, FAR, Timeline, midnight, midnight_minutes, monday


def _weeks(tl: Timeline) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(block starts, block ends, real minute of each day's midnight from the Monday
    of the first block's week on, through the Monday after the last block's week)
    for a plain timeline with blocks; None when a screen may not rely on the order."""
    hit = tl.cache.get("screen_weeks", False)
    if hit is not False:
        return hit
    out = None
    if tl.plain and tl.blocks:  # plain: see the module docstring
        first = monday(tl.blocks[0].start_wall.date())
        last = monday(tl.blocks[-1].end_wall.date()) + timedelta(days=7)
        n = (last - first).days + 1
        days = midnight_minutes(first, n)
        if not EDGE_TIMES or not any(midnight(first + timedelta(days=k)) in EDGE_TIMES for k in range(n)):
            out = (*_block_arrays(tl), np.asarray(days, dtype=np.int64))
    tl.cache["screen_weeks"] = out
    return out


def week_minutes(tl: Timeline) -> np.ndarray | None:
    """Minutes of work in each calendar week from the first block's week on: the
    figures ``hours.week_hours`` computes, exactly (per block and week, the real
    minutes of the block within the week, the week's midnights as real minutes).
    None when the timeline is not plain."""
    hit = tl.cache.get("screen_week_minutes", False)
    if hit is not False:
        return hit
    found = _weeks(tl)
    out = None
    if found is not None:
        starts, ends, days = found
        mondays = days[::7]
        n_weeks = len(mondays) - 1
        wa = np.searchsorted(mondays, starts, side="right") - 1  # the week a block starts in
        # the last week it works in (a block of no minutes at a Monday's midnight: its own)
        wb = np.maximum(np.searchsorted(mondays, ends, side="left") - 1, wa)
        # Each block's minutes up to the next Monday go to the week it starts in, the
        # rest to the week it ends in; a block reaching over a whole week is cut per week.
        cut = np.minimum(ends, mondays[wa + 1])
        in_first = np.bincount(wa, weights=cut - starts, minlength=n_weeks)
        in_last = np.bincount(wb, weights=np.where(wb > wa, ends - mondays[wb], 0), minlength=n_weeks)
        out = (in_first + in_last)[:n_weeks].astype(np.int64)  # sums of ints well below 2**53: exact
        for k in np.flatnonzero(wb > wa + 1).tolist():
            for w in range(int(wa[k]) + 1, int(wb[k])):
                out[w] += int(mondays[w + 1] - mondays[w])
    tl.cache["screen_week_minutes"] = out
    return out


def longest_run_of_weeks(minutes: np.ndarray, weeks: int) -> int:
    """The most minutes in any ``weeks`` consecutive weeks (weeks outside count 0)."""
    if len(minutes) == 0:
        return 0
    return int(np.convolve(minutes, np.ones(weeks, dtype=np.int64)).max())


def sundays_with_work(tl: Timeline) -> int | None:
    """How many Sundays hold working time: the number of days ``hours.sundays_worked``
    collects (a day counts when a working shift starts before its end and ends after
    its midnight; a block reaches a day exactly when one of its shifts does, the
    shifts of a block leaving no gap). None when the timeline is not plain."""
    found = _weeks(tl)
    if found is None:
        return None
    starts, ends, days = found
    mondays, sundays = days[::7], days[6::7]
    # First Sunday reached: that of the week the block starts in when the block ends
    # after that Sunday's midnight, else the next; last: the last Sunday whose
    # midnight lies before the block's end.
    wa = np.searchsorted(mondays, starts, side="right") - 1
    lo = np.where(ends > sundays[wa], wa, wa + 1)
    hi = np.searchsorted(sundays, ends, side="left") - 1
    reach = hi >= lo
    marks = np.zeros(len(sundays) + 1, dtype=np.int64)
    np.add.at(marks, lo[reach], 1)
    np.add.at(marks, hi[reach] + 1, -1)
    return int(np.count_nonzero(np.cumsum(marks)[:-1]))



def _block_arrays(tl: Timeline) -> tuple[np.ndarray, np.ndarray]:
    """The blocks' starts and ends (real minutes)."""
    n = len(tl.blocks)
    return (np.fromiter((b.start for b in tl.blocks), dtype=np.int64, count=n),
            np.fromiter((b.end for b in tl.blocks), dtype=np.int64, count=n))


def daily_rest_holds(tl: Timeline, day: int, full: int) -> bool:
    """True when every period of ``day`` minutes from a first moment of work holds a
    rest of ``full`` minutes, so ``daily_rest`` has nothing to report: no block lasts
    more than ``day - full`` and no rest between blocks is shorter than ``full``.

    A period starts at a moment p of work in some block (its start, or on a plain
    timeline a midnight inside it, which is then later than the block's start). That
    block ends at most ``day - full`` after p, and the rest after it is at least
    ``full`` long or runs past the end of the data; either way the period holds
    ``full`` minutes of it: the rule's first candidate rest is already long enough."""
    found = _weeks(tl)
    if found is None:
        return False
    starts, ends, _ = found
    if int((ends - starts).max()) > day - full:
        return False
    return len(starts) < 2 or int((starts[1:] - ends[:-1]).min()) >= full


def weekly_rest_holds(tl: Timeline, length: int, need: int) -> bool:
    """True when every period of ``length`` minutes from a first moment of work holds
    an uninterrupted rest of ``need`` minutes, so ``weekly_rest`` has nothing to
    report: between two consecutive rests of at least ``need`` (before and after the
    data counting as such rests) lie at most ``length - need`` minutes.

    A period starts at a moment p of work (see :func:`daily_rest_holds`), so p lies
    after the last such rest before it and the next one begins at most
    ``length - need`` after p; its first ``need`` minutes lie inside the period."""
    found = _weeks(tl)
    if found is None:
        return False
    starts, ends, _ = found
    rest_from = np.concatenate([[-FAR], ends])  # the rests of Timeline.rest_intervals
    rest_until = np.concatenate([starts, [FAR]])
    long = np.flatnonzero(rest_until - rest_from >= need)  # the first and the last always are
    return int((rest_from[long[1:]] - rest_until[long[:-1]]).max()) <= length - need


def on_call_days_hold(shifts: list, window_days: int, max_days: int) -> bool:
    """True when no ``window_days`` consecutive days hold more than ``max_days`` days
    with on-call, counted as ``on_call._on_call_days`` counts them (the day a shift
    starts, and every later day it covers whole: the days from its start's date up
    to the day before its end's date), so ``on_call_days`` finds no window over the cap."""
    if not shifts:
        return True
    n = len(shifts)
    first = np.fromiter((s.start.toordinal() for _, s in shifts), dtype=np.int64, count=n)
    last = np.maximum(first, np.fromiter((s.end.toordinal() for _, s in shifts), dtype=np.int64, count=n) - 1)
    o0 = int(first.min())
    length = int(last.max()) - o0 + 1
    marks = np.zeros(length + 1, dtype=np.int64)
    np.add.at(marks, first - o0, 1)
    np.add.at(marks, last - o0 + 1, -1)
    upto = np.concatenate([[0], np.cumsum(np.cumsum(marks)[:-1] > 0)])  # days with on-call before each day
    if length <= window_days:
        return int(upto[-1]) <= max_days
    return int((upto[window_days:] - upto[:-window_days]).max()) <= max_days
