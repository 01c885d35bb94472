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

Plain Python over the blocks, not numpy: most timelines are short (a month's roster
holds a dozen shifts an employee), where numpy's cost per call is more than the loop.
"""

from __future__ import annotations

from datetime import timedelta

from rostercheck.checks.labour_law.timeline import EDGE_TIMES, Timeline, midnight, midnight_minutes, monday


def _midnights(tl: Timeline) -> list[int] | None:
    """The real minute of each day's midnight from the Monday of the first block's
    week through the Monday after the last block's week, for a plain timeline with
    blocks; None when a screen may not rely on the order of times."""
    hit = tl.cache.get("screen_midnights", False)
    if hit is not False:
        return hit
    out = None
    if tl.plain and tl.blocks:  # plain: see the module docstring
        first = monday(tl.blocks[0].start_wall.date())
        n = (monday(tl.blocks[-1].end_wall.date()) - first).days + 8
        out = midnight_minutes(first, n)
        if EDGE_TIMES and any(midnight(first + timedelta(days=k)) in EDGE_TIMES for k in range(n)):
            out = None
    tl.cache["screen_midnights"] = out
    return out


def week_minutes(tl: Timeline) -> list[int] | None:
    """Minutes of work in each calendar week from the first block's week on: the
    figures ``hours.week_hours`` computes, exactly (per block and week, the real
    minutes of the block within the week, the week's midnights as real minutes).
    None when the timeline is not plain."""
    hit = tl.cache.get("screen_week_minutes", False)
    if hit is not False:
        return hit
    days = _midnights(tl)
    out = None
    if days is not None:
        mondays = days[::7]
        out = [0] * (len(mondays) - 1)
        w = 0
        for blk in tl.blocks:  # in order of start (plain: in real time too)
            a, b = blk.start, blk.end
            while mondays[w + 1] <= a:
                w += 1
            k = w
            while True:  # the block's minutes in each week it reaches into
                out[k] += min(b, mondays[k + 1]) - max(a, mondays[k])
                if b <= mondays[k + 1]:
                    break
                k += 1
    tl.cache["screen_week_minutes"] = out
    return out


def longest_run_of_weeks(minutes: list[int], weeks: int) -> int:
    """The most minutes in any ``weeks`` consecutive weeks (weeks outside count 0)."""
    run = most = 0
    for k, m in enumerate(minutes):
        run += m
        if k >= weeks:
            run -= minutes[k - weeks]
        if run > most:
            most = run
    return most


def sundays_with_work(tl: Timeline) -> int | None:
    """How many Sundays hold working time: the number of days ``hours.sundays_worked``
    collects (a day counts when a working shift starts before its end and ends after
    its midnight; a block reaches a day exactly when one of its shifts does, the
    shifts of a block leaving no gap). None when the timeline is not plain."""
    days = _midnights(tl)
    if days is None:
        return None
    mondays, sundays = days[::7], days[6::7]
    worked: set[int] = set()
    w = 0
    for blk in tl.blocks:
        a, b = blk.start, blk.end
        while mondays[w + 1] <= a:
            w += 1
        # the Sundays from that of its week on whose midnight lies before its end
        # (the first one only if the block does not end before it: it starts before
        # the Monday after it)
        k = w
        while k < len(sundays) and sundays[k] < b:
            worked.add(k)
            k += 1
    return len(worked)


def daily_rest_holds(tl: Timeline, day: int, full: int) -> bool:
    """True when every period of ``day`` minutes from a first moment of work holds a
    rest of ``full`` minutes, so ``daily_rest`` has nothing to report: no block lasts
    more than ``day - full`` and no rest between blocks is shorter than ``full``.

    A period starts at a moment p of work in some block (its start, or on a plain
    timeline a midnight inside it, which is then later than the block's start). That
    block ends at most ``day - full`` after p, and the rest after it is at least
    ``full`` long or runs past the end of the data; either way the period holds
    ``full`` minutes of it: the rule's first candidate rest is already long enough."""
    if _midnights(tl) is None:
        return False
    blocks = tl.blocks
    if max(blk.end - blk.start for blk in blocks) > day - full:
        return False
    return all(nxt.start - blk.end >= full for blk, nxt in zip(blocks, blocks[1:]))


def weekly_rest_holds(tl: Timeline, length: int, need: int) -> bool:
    """True when every period of ``length`` minutes from a first moment of work holds
    an uninterrupted rest of ``need`` minutes, so ``weekly_rest`` has nothing to
    report: between two consecutive rests of at least ``need`` (before and after the
    data counting as such rests) lie at most ``length - need`` minutes.

    A period starts at a moment p of work (see :func:`daily_rest_holds`), so p lies
    after the last such rest before it and the next one begins at most
    ``length - need`` after p; its first ``need`` minutes lie inside the period."""
    if _midnights(tl) is None:
        return False
    rest_from, rest_until = tl.rest_intervals()
    last_long_end = None
    for a, b in zip(rest_from, rest_until):
        if b - a >= need:  # the first and the last rest (the unknown around the data) always are
            if last_long_end is not None and a - last_long_end > length - need:
                return False
            last_long_end = b
    return True


def on_call_days_hold(shifts: list, window_days: int, max_days: int) -> bool:
    """True when no ``window_days`` consecutive days hold more than ``max_days`` days
    with on-call, counted as ``on_call._on_call_days`` counts them (the day a shift
    starts, and every later day it covers whole: the days from its start's date up
    to the day before its end's date), so ``on_call_days`` finds no window over the cap."""
    days: set[int] = set()
    for _, s in shifts:
        first = s.start.toordinal()
        days.update(range(first, max(first, s.end.toordinal() - 1) + 1))
    if len(days) <= max_days:
        return True
    ordered = sorted(days)
    lo = 0
    for k, d in enumerate(ordered):
        while d - ordered[lo] >= window_days:
            lo += 1
        if k - lo + 1 > max_days:
            return False
    return True
