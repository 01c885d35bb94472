"""Screens over many employees at once: the employees on whom no labour-law rule can
have anything to report, found with whole-array operations, so that their timelines
are never built and the rules never called for them.

Most staff of a large roster break no rule, and an employee costs the same few
dozen Python calls whatever they hold (a timeline, a score of rules): on a roster of
ten thousand staff that is most of the law's time. Here the shifts of many
employees become arrays once; their blocks, diensten, nights, weeks and on-call
days are computed for all of them together; and a rule may have a *twin*
(:data:`TWINS`): a function that says, per employee, whether that rule certainly
reports nothing. An employee is cleared when every rule that applies in their
regime has a twin and every twin says so. Everyone else is judged by the rules
themselves, exactly as before. Rules without a twin (the ATB 4.8 sleeping-watch
rules, ``duty_count``, ``late_night_alternative``) leave their regimes' employees
to the rules: without a CAO every employee can be cleared.

A twin may only say "nothing to report" where the rule would report nothing; it may
stand aside (say "perhaps") as often as it likes. Each one below says why it is
sound: most reuse the rule's own first test (``screens``) or count a superset of
what the rule counts (every nachtdienst where the rule counts those ending after
02:00, every on-call shift where it counts consignatie only, every 24 h window where
it looks at those touching an on-call shift). ``tests/test_labour_law_bulk.py``
holds each twin against its rule on random timelines that break the rules often,
and every check with and without this module.

Times are those of ``timeline``: real elapsed minutes (epoch minutes) for lengths and
rests, wall-clock minutes for what the law counts on the clock (nights between 00:00
and 06:00, calendar days and Sundays). Only *plain* employees are cleared: none of
their times lies in a clock change's skipped or repeated hour (``EDGE_TIMES``), so
the wall-clock and the real order of their times are the same (``Timeline.plain``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Callable, Sequence

import numpy as np

from rostercheck.checks.labour_law.timeline import (
    DIENST_REST_MIN,
    EDGE_TIMES,
    NIGHT_END_MIN,
    NIGHT_MIN_WORK,
    NIGHT_START_MIN,
    ON_CALL,
    PHONE,
    SLEEP,
    em,
    midnight,
    midnight_minutes,
)
from rostercheck.model import ShiftKind, ShiftRow

# Below this many employees holding fewer than this many shifts together, the arrays
# cost more than they save (the fixer judges one employee's few weeks); a few staff over
# years (a slice of a long roster's employees, rostercheck.checks.parallel) are screened.
MIN_EMPLOYEES = 32
MIN_SHIFTS = 500
ENABLED = True  # tests compare every check with and without
# The most cells of an employees × weeks (or × windows) array: a roster spanning
# decades is left to the rules rather than held in memory at once.
MAX_CELLS = 4_000_000
DAY = 24 * 60
_EPOCH = datetime(1970, 1, 1)  # wall minutes count from here; day 0 is a Thursday
_SUNDAY = 3  # day number of Sunday 4 January 1970
_MINUTE = timedelta(minutes=1)
_KIND_CODE = {kind: 1 if kind in (ON_CALL, PHONE) else 2 if kind is SLEEP else 0 for kind in ShiftKind}

Twin = Callable[["Staffing", object], "np.ndarray | None"]
TWINS: dict[str, Twin] = {}


def twin(name: str) -> Callable[[Twin], Twin]:
    """Register the twin of the rule registered as ``name`` (``context.rule``)."""

    def register(fn: Twin) -> Twin:
        TWINS[name] = fn
        return fn

    return register


class Staffing:
    """The shifts of many employees as arrays: employee ``k`` is ``items[k]``.

    Per working shift sorted by (employee, start, end), merged into blocks (touching
    or overlapping working shifts, as ``build_timeline`` merges them) and diensten
    (blocks less than 8 h apart, ATW 1:7 c); per on-call shift; per employee."""

    def __init__(self, items: Sequence[tuple[str, list]]):
        self.n = n = len(items)
        counts = [len(shifts) for _, shifts in items]
        owner = np.repeat(np.arange(n, dtype=np.int64), counts)
        rows = list(map(itemgetter(1), chain.from_iterable(map(itemgetter(1), items))))
        fields = ("start", "end", "kind")
        if set(map(type, rows)) == {ShiftRow}:  # the reader's tuples: by position (a record's fields by name, slower)
            getters = [itemgetter(ShiftRow._fields.index(f)) for f in fields]
        else:
            getters = [attrgetter(f) for f in fields]
        starts, ends, kinds = (list(map(get, rows)) for get in getters)
        size = len(rows)
        # Each distinct time once (a roster has a few thousand): its position, then its
        # real and its wall-clock minute.
        where = dict.fromkeys(starts)
        where.update(dict.fromkeys(ends))
        times = list(where)
        for k, t in enumerate(times):
            where[t] = k
        real = np.fromiter(map(em, times), np.int64, len(times))
        wall = np.fromiter(((t - _EPOCH) // _MINUTE for t in times), np.int64, len(times))
        at_start = np.fromiter(map(where.__getitem__, starts), np.int64, size)
        at_end = np.fromiter(map(where.__getitem__, ends), np.int64, size)
        a, b, wa, wb = real[at_start], real[at_end], wall[at_start], wall[at_end]
        kind = np.fromiter(map(_KIND_CODE.__getitem__, kinds), np.int8, size)
        on_call = kind == 1
        sleep = kind == 2
        self.sleeps = np.bincount(owner[sleep], minlength=n)

        # Plain employees only (the module docstring); and none at all when a midnight
        # the twins use lies in a clock change's hour (never so in Amsterdam).
        self.plain = np.ones(n, dtype=bool)
        if EDGE_TIMES:
            edge = np.fromiter((t in EDGE_TIMES for t in times), bool, len(times))
            if edge.any():
                self.plain[owner[edge[at_start] | edge[at_end]]] = False
        self.lo = int(min(a.min(), b.min())) if size else 0
        self.hi = int(max(a.max(), b.max())) if size else 0
        self.first_day = int(min(wa.min(), wb.min()) // DAY) - 60 if size else 0
        last_day = int(max(wa.max(), wb.max()) // DAY) + 60 if size else 0
        first = date(1970, 1, 1) + timedelta(days=self.first_day)
        n_days = last_day - self.first_day + 1
        self.midnights = np.asarray(midnight_minutes(first, n_days), dtype=np.int64)  # real minute of each day's 00:00
        if EDGE_TIMES and any(midnight(first + timedelta(days=k)) in EDGE_TIMES for k in range(n_days)):
            self.plain[:] = False

        work = ~on_call
        order = np.lexsort((b[work], a[work], owner[work]))
        self._blocks(owner[work][order], a[work][order], b[work][order], wa[work][order], wb[work][order])
        order = np.lexsort((b[on_call], a[on_call], owner[on_call]))
        self.call_owner, self.call_a, self.call_b = owner[on_call][order], a[on_call][order], b[on_call][order]
        self.call_wa, self.call_wb = wa[on_call][order], wb[on_call][order]
        self.has_call = np.zeros(n, dtype=bool)
        self.has_call[self.call_owner] = True

    def _blocks(self, owner, a, b, wa, wb) -> None:
        """Blocks as ``build_timeline`` merges them: a shift starting at or before the
        end of the block so far joins it. Then the diensten."""
        span = self.hi - self.lo + 1
        lifted_b = np.maximum.accumulate(owner * span + (b - self.lo)) if len(b) else b
        new = np.ones(len(a), dtype=bool)
        if len(a):
            new[1:] = (owner[1:] != owner[:-1]) | (owner[1:] * span + (a[1:] - self.lo) > lifted_b[:-1])
        at = np.flatnonzero(new)
        self.block_owner = owner[at]
        self.block_a = a[at]
        self.block_b = np.maximum.reduceat(b, at) if len(at) else b[:0]
        block_wa = wa[at]
        block_wb = np.maximum.reduceat(wb, at) if len(at) else wb[:0]  # plain: the wall end of the latest end
        self.block_wa, self.block_wb = block_wa, block_wb
        self.block_night = _night_minutes(block_wb) - _night_minutes(block_wa)  # the union's, as build_timeline has it
        same = self.block_owner[1:] == self.block_owner[:-1]
        self.block_next_same = np.append(same, False)  # block j + 1 is the same employee's
        self.block_gap = np.append(self.block_a[1:] - self.block_b[:-1], 0)  # rest after block j (where next_same)

        # diensten: blocks less than DIENST_REST_MIN apart
        new_d = np.ones(len(at), dtype=bool)
        new_d[1:] = ~same | (self.block_gap[:-1] >= DIENST_REST_MIN)
        dat = np.flatnonzero(new_d)
        minutes = self.block_b - self.block_a
        self.d_owner = self.block_owner[dat]
        self.d_a = self.block_a[dat]
        self.d_b = np.maximum.reduceat(self.block_b, dat) if len(dat) else self.block_b[:0]
        self.d_work = np.add.reduceat(minutes, dat) if len(dat) else minutes[:0]
        night_minutes = np.add.reduceat(self.block_night, dat) if len(dat) else minutes[:0]
        self.d_night = night_minutes > NIGHT_MIN_WORK  # ATW 1:7 d, Dienst.night
        d_same = self.d_owner[1:] == self.d_owner[:-1]
        self.d_next_same = np.append(d_same, False)
        self.d_gap = np.append(self.d_a[1:] - self.d_b[:-1], 0)

    # helpers ------------------------------------------------------------------

    def any_of(self, owner: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Per employee: does any row of theirs have ``mask``?"""
        out = np.zeros(self.n, dtype=bool)
        out[owner[mask]] = True
        return out

    def most(self, owner: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Per employee: the largest of their values (0 without any)."""
        out = np.zeros(self.n, dtype=np.int64)
        if len(values):
            np.maximum.at(out, owner, values)
        return out

    def week_minutes(self) -> np.ndarray:
        """Minutes of work per employee and calendar week (rows: employees; columns:
        weeks from the first Monday of the days looked up), each block's real minutes
        within each week it reaches into, the figures ``screens.week_minutes`` has.
        An employee with a block reaching over two Mondays (a week-long block) gets a
        week too long for any limit: left to the rules."""
        hit = getattr(self, "_weeks", None)
        if hit is not None:
            return hit
        first_monday = (4 - self.first_day) % 7  # day 4 is Monday 5 January 1970
        mondays = self.midnights[first_monday::7]
        if self.n * len(mondays) > MAX_CELLS:  # decades of data: left to the rules
            self._weeks = np.full((self.n, 1), np.iinfo(np.int32).max, dtype=np.int64)
            return self._weeks
        out = np.zeros((self.n, len(mondays)), dtype=np.int64)
        if len(self.block_a):
            week = np.searchsorted(mondays, self.block_a, side="right") - 1
            week_end = np.searchsorted(mondays, self.block_b, side="left") - 1  # the week of its last minute
            boundary = mondays[week + 1]
            crosses = week_end > week
            np.add.at(out, (self.block_owner, week), np.where(crosses, boundary - self.block_a, self.block_b - self.block_a))
            np.add.at(out, (self.block_owner[crosses], week[crosses] + 1), (self.block_b - boundary)[crosses])
            too_long = week_end > week + 1
            out[self.block_owner[too_long], 0] = np.iinfo(np.int32).max
        self._weeks = out
        return out


def _night_minutes(wall: np.ndarray) -> np.ndarray:
    """Wall-clock minutes from the epoch to ``wall`` that lie between 00:00 and 06:00
    (``timeline.night_overlap`` of [x, y) is f(y) - f(x))."""
    days, rest = np.divmod(wall, DAY)
    return days * (NIGHT_END_MIN - NIGHT_START_MIN) + np.clip(rest - NIGHT_START_MIN, 0, NIGHT_END_MIN - NIGHT_START_MIN)


def _runs(owner: np.ndarray, new: np.ndarray) -> np.ndarray:
    """The run number of every row, a run starting where ``new`` (or the owner changes)."""
    start = new.copy()
    if len(start):
        start[0] = True
        start[1:] |= owner[1:] != owner[:-1]
    return np.cumsum(start) - 1


def cleared(items: Sequence[tuple[str, list]], rules: Sequence[tuple[str, object, tuple | None]],
            regime_of: Callable[[int, str], object], applies: Callable) -> set[int]:
    """The positions in ``items`` ((employee, [(ref, shift), ...]) pairs) of the
    employees no rule reports on. ``rules``: (rule name, typed limits, the norm's
    regimes) of every norm judged; ``regime_of(sleeps, employee)``: the employee's
    regime; ``applies(regimes, regime)``: whether a norm applies in it."""
    if len(items) < MIN_EMPLOYEES and sum(len(shifts) for _, shifts in items) < MIN_SHIFTS:
        return set()
    staff = Staffing(items)
    by_regime: dict[str, np.ndarray | None] = {}
    out: set[int] = set()
    plain = staff.plain
    for k, (employee, _) in enumerate(items):
        if not plain[k]:
            continue
        regime = regime_of(int(staff.sleeps[k]), employee)
        silent = by_regime.get(regime.name, False)
        if silent is False:
            silent = by_regime[regime.name] = _all_silent(staff, [(name, lim) for name, lim, regimes in rules if applies(regimes, regime)])
        if silent is not None and silent[k]:
            out.add(k)
    return out


def _all_silent(staff: Staffing, rules: list[tuple[str, object]]) -> np.ndarray | None:
    """Per employee: does every one of these rules certainly report nothing? None when
    one of them has no twin (or figures its twin does not handle)."""
    out = np.ones(staff.n, dtype=bool)
    for name, limits in rules:
        fn = TWINS.get(name)
        silent = fn(staff, limits) if fn is not None else None
        if silent is None:
            return None
        out &= silent
    return out


# --------------------------------------------------------------------- the twins


@twin("shift_length")
def _shift_length(s: Staffing, lim) -> np.ndarray:
    """The rule reports a dienst (not a nachtdienst, not an aanwezigheidsdienst)
    whose work exceeds the limit: none does when no dienst at all does."""
    return ~s.any_of(s.d_owner, s.d_work > lim.max_hours * 60)


@twin("night_shift_length")
def _night_shift_length(s: Staffing, lim) -> np.ndarray:
    """The rule's findings, each ruled out: no nachtdienst with more work than the
    extension (``extended_max_hours``; without one, than ``max_hours``), none of the
    long ones (more than ``max_hours``) followed by a shorter rest than required, and
    no sliding window holding more long ones than allowed (counted by start, as
    ``count_findings`` counts: the starts within less than the window before each)."""
    long = s.d_night & (s.d_work > lim.max_hours * 60)
    if lim.extended_max_hours is None:
        return ~s.any_of(s.d_owner, long)
    bad = long & (s.d_work > lim.extended_max_hours * 60)
    if lim.rest_after_extended_hours is not None:
        bad |= long & s.d_next_same & (s.d_gap < lim.rest_after_extended_hours * 60)
    silent = ~s.any_of(s.d_owner, bad)
    at = np.flatnonzero(long)
    if len(at):
        owner, start = s.d_owner[at], s.d_a[at] - int(s.d_a[at].min())
        span = int(start.max()) + 2 * 364 * DAY + 1  # wider than the data and any window: owners apart
        keys = owner * span + start  # sorted: diensten come by owner, then start
        for cap, days in ((lim.extended_max_per_2_weeks, 14), (lim.extended_max_per_52_weeks, 364)):
            if cap is None:
                continue
            first = np.searchsorted(keys, keys - days * DAY, side="right")
            silent &= ~s.any_of(owner, np.arange(len(keys)) - first + 1 > cap)
    return silent


@twin("week_hours")
def _week_hours(s: Staffing, lim) -> np.ndarray:
    """The rule's own screen: no calendar week holds more minutes than the limit."""
    return s.week_minutes().max(axis=1, initial=0) <= lim.max_hours * 60


@twin("average_week_hours")
def _average_week_hours(s: Staffing, lim) -> np.ndarray:
    """The rule's own screen: no run of ``weeks`` calendar weeks (weeks outside the
    data count 0) holds more than the cap; the night condition only takes runs away."""
    weeks = s.week_minutes()
    total = np.cumsum(np.pad(weeks, ((0, 0), (1, 0))), axis=1)
    n = lim.weeks
    runs = total[:, 1:] - total[:, np.maximum(np.arange(1, total.shape[1]) - n, 0)]
    return runs.max(axis=1, initial=0) <= lim.weeks * lim.max_hours_per_week * 60


@twin("sundays_worked")
def _sundays_worked(s: Staffing, lim) -> np.ndarray:
    """At most ``weeks - min_free`` Sundays with work in any ``weeks`` consecutive
    Sundays (the rule's windows). A block touches the days from that of its start up
    to the day of its last minute. First the rule's own screen, all Sundays of the data
    counted per block (a Sunday two blocks touch counts twice: more, never fewer);
    only those over it are counted window by window, each Sunday once (a roster of
    more than a year: most staff work more than 39 Sundays in all, never in one year)."""
    cap = lim.weeks - lim.min_free
    first = s.block_wa // DAY
    last = (s.block_wb - 1) // DAY
    k0 = (first - 1 - _SUNDAY) // 7 + 1  # the block's first Sunday (numbered from 4 January 1970)
    k1 = (last - _SUNDAY) // 7  # its last
    counted = np.bincount(s.block_owner, weights=np.maximum(k1 - k0 + 1, 0), minlength=s.n)
    silent = counted <= cap
    over = np.flatnonzero(~silent)
    if not len(over):
        return silent
    row = np.full(s.n, -1, dtype=np.int64)
    row[over] = np.arange(len(over))
    take = (k1 >= k0) & (row[s.block_owner] >= 0)
    lo = int(k0[take].min())
    width = int(k1[take].max()) - lo + 1
    if len(over) * (width + 1) > MAX_CELLS:  # decades of data: left to the rules
        return silent
    # each over-cap employee's Sundays with work, a block's run of Sundays marked at once
    marks = np.zeros((len(over), width + 1), dtype=np.int64)
    np.add.at(marks, (row[s.block_owner[take]], k0[take] - lo), 1)
    np.add.at(marks, (row[s.block_owner[take]], k1[take] - lo + 1), -1)
    worked = np.cumsum(marks, axis=1)[:, :width] > 0
    running = np.zeros((len(over), width + 1), dtype=np.int64)
    np.cumsum(worked, axis=1, out=running[:, 1:])
    span = min(lim.weeks, width)
    most = (running[:, span:] - running[:, :-span]).max(axis=1)
    silent[over] = most <= cap
    return silent


@twin("daily_rest")
def _daily_rest(s: Staffing, lim) -> np.ndarray:
    """``screens.daily_rest_holds``: no block longer than ``day - full`` and no rest
    between blocks shorter than ``full``."""
    day, full = int(lim.day_hours * 60), lim.min_hours * 60
    long_block = s.any_of(s.block_owner, (s.block_b - s.block_a) > day - full)
    short_rest = s.any_of(s.block_owner, s.block_next_same & (s.block_gap < full))
    return ~(long_block | short_rest)


@twin("weekly_rest")
def _weekly_rest(s: Staffing, lim) -> np.ndarray:
    """``screens.weekly_rest_holds``: between two consecutive rests of at least
    ``need`` (the unknown before and after the data being such rests) lie at most
    ``length - need`` minutes: every run of blocks joined by shorter rests spans no
    more than that."""
    length, need = int(lim.window_hours * 60), int(lim.min_hours * 60)
    new = np.zeros(len(s.block_a), dtype=bool)
    if len(new):
        new[1:] = s.block_gap[:-1] >= need
    run = _runs(s.block_owner, new)
    if not len(run):
        return np.ones(s.n, dtype=bool)
    starts = np.flatnonzero(np.diff(run, prepend=-1))
    span = np.maximum.reduceat(s.block_b, starts) - s.block_a[starts]
    return ~s.any_of(s.block_owner[starts], span > length - need)


@twin("night_rest")
def _night_rest(s: Staffing, lim) -> np.ndarray:
    """The rule looks at the rest after a nachtdienst (one ending after ``late_end``,
    not extended) when a dienst follows less than ``min_hours`` later: after no
    nachtdienst at all does one."""
    return ~s.any_of(s.d_owner, s.d_night & s.d_next_same & (s.d_gap < lim.min_hours * 60))


@twin("night_series_rest")
def _night_series_rest(s: Staffing, lim) -> np.ndarray:
    """The rule exactly: a series is nachtdiensten each followed by the next less than
    ``series_break_hours`` later; one of ``min_series`` or more followed by a dienst
    less than ``min_hours`` later is a finding."""
    night, nxt, gap = s.d_night, s.d_next_same, s.d_gap
    cont = np.zeros(len(night), dtype=bool)
    if len(night):
        cont[:-1] = night[:-1] & nxt[:-1] & (gap[:-1] < lim.series_break_hours * 60) & night[1:]
    starts = night.copy()
    if len(starts):
        starts[1:] &= ~cont[:-1]
    run = np.cumsum(starts) - 1
    length = np.bincount(run[night], minlength=int(run.max(initial=-1)) + 1) if night.any() else np.zeros(0, np.int64)
    ends = night & ~cont
    bad = ends & nxt & (gap < lim.min_hours * 60)
    bad[bad] = length[run[bad]] >= lim.min_series
    return ~s.any_of(s.d_owner, bad)


@twin("night_consecutive_shifts")
def _night_consecutive_shifts(s: Staffing, lim) -> np.ndarray:
    """The rule exactly: diensten less than ``series_break_hours`` apart are one
    series; one longer than ``max_shifts`` holding a nachtdienst is a finding."""
    new = np.zeros(len(s.d_a), dtype=bool)
    if len(new):
        new[1:] = (s.d_a[1:] - s.d_b[:-1]) >= lim.series_break_hours * 60
    run = _runs(s.d_owner, new)
    if not len(run):
        return np.ones(s.n, dtype=bool)
    size = np.bincount(run)
    nights = np.bincount(run, weights=s.d_night)
    bad = (size > lim.max_shifts) & (nights > 0)
    first = np.flatnonzero(np.diff(run, prepend=-1))
    return ~s.any_of(s.d_owner[first], bad)


@twin("count_in_window")
def _count_in_window(s: Staffing, lim) -> np.ndarray | None:
    """Late nachtdiensten (ending after 02:00) counted by start in every window: here
    every nachtdienst is counted, more never fewer; sleep_shift is left to the rule."""
    if lim.event != "late_night_shift":
        return None
    return _at_most_in_window(s, s.d_owner[s.d_night], s.d_a[s.d_night], int(lim.window_hours * 60), lim.max)


def _at_most_in_window(s: Staffing, owner: np.ndarray, starts: np.ndarray, window: int, cap: int) -> np.ndarray:
    """Per employee: no window of ``window`` minutes (``count_findings``: the events
    starting less than ``window`` before one, and it) holds more than ``cap`` events.
    ``starts`` sorted per owner, owners in order."""
    if not len(starts):
        return np.ones(s.n, dtype=bool)
    span = s.hi - s.lo + window + 1
    key = owner * span + (starts - s.lo + window)
    lo = np.searchsorted(key, key - window, side="right")
    count = np.arange(len(key)) - lo + 1
    return ~s.any_of(owner, count > cap)


@twin("on_call_days")
def _on_call_days(s: Staffing, lim) -> np.ndarray | None:
    """``screens.on_call_days_hold`` over every on-call shift (the rule counts
    consignatie only, in some regimes fewer): the days an on-call shift starts and
    every later day it covers whole; no ``window_days`` consecutive days hold more
    than ``max_days`` of them. A run of days the rule also caps is left to it."""
    if lim.max_consecutive_days is not None:
        return None
    first = s.call_wa // DAY
    last = np.maximum(first, s.call_wb // DAY - 1)
    count = last - first + 1
    if int(count.sum()) > MAX_CELLS:  # on call for years on end: left to the rule
        return None
    owner = np.repeat(s.call_owner, count)
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    days = np.repeat(first, count) + offsets
    width = int(days.max() - days.min()) + lim.window_days + 1 if len(days) else 1
    key = np.unique(owner * width + (days - (days.min() if len(days) else 0)))
    who = key // width
    lo = np.searchsorted(key, key - lim.window_days, side="right")
    most = np.arange(len(key)) - lo + 1
    return ~s.any_of(who, most > lim.max_days)


@twin("on_call_around_night")
def _on_call_around_night(s: Staffing, lim) -> np.ndarray:
    """The rule's first test: without a nachtdienst or an on-call shift there is no
    pair to look at."""
    return ~(s.any_of(s.d_owner, s.d_night) & s.has_call)


@twin("on_call_work")
def _on_call_work(s: Staffing, lim) -> np.ndarray:
    """Without on-call shifts there is nothing to look at. With them, every 24 h
    window is looked at (the rule looks at those touching an on-call shift): the
    most work in one starts at a block's start or ends at a block's end."""
    cap = int(lim.max_hours * 60)
    most = _most_work_in(s, DAY)
    return ~s.has_call | (most <= cap)


def _most_work_in(s: Staffing, window: int) -> np.ndarray:
    """Per employee: the most minutes of work in any ``window`` minutes."""
    a, b, owner = s.block_a, s.block_b, s.block_owner
    if not len(a):
        return np.zeros(s.n, dtype=np.int64)
    span = s.hi - s.lo + 2 * window + 1
    base = owner * span - s.lo + window
    ka, kb = base + a, base + b  # sorted: blocks of an employee do not overlap
    done = np.concatenate([[0], np.cumsum(b - a)])  # work of the blocks before j
    # windows starting at block j's start: blocks j..k-1 reach in, all but the last whole
    k = np.searchsorted(ka, ka + window, side="left")
    last = k - 1
    from_start = done[last] - done[np.arange(len(a))] + np.minimum(b[last], a + window) - a[last]
    # windows ending at block j's end: blocks i..j reach in, all but the first whole
    i = np.searchsorted(kb, kb - window, side="right")
    to_end = done[np.arange(len(a)) + 1] - done[i + 1] + b[i] - np.maximum(a[i], b - window)
    return s.most(owner, np.maximum(from_start, to_end))


@twin("free_without_on_call")
def _free_without_on_call(s: Staffing, lim) -> np.ndarray:
    """The rule's figures, over every on-call shift (the rule takes consignatie only:
    fewer windows, more free time): in every ``window_days`` × 24 h from a day's
    00:00 that holds an on-call shift, at least ``periods`` periods of
    ``period_hours`` free of work and on-call, a free stretch of n periods counting
    n times; the unknown before and after the data free."""
    per, need, days = int(lim.period_hours * 60), lim.periods, lim.window_days
    silent = ~s.has_call
    if not len(s.call_a):
        return silent
    far = (days + 2) * DAY + per
    low, high = s.lo - far, s.hi + far  # stand-ins for the rule's -10**9 and 10**9
    span = high - low + 1
    # busy: blocks and on-call shifts, per employee in order of start
    owner = np.concatenate([s.block_owner, s.call_owner])
    a = np.concatenate([s.block_a, s.call_a])
    b = np.concatenate([s.block_b, s.call_b])
    keep = s.has_call[owner]
    owner, a, b = owner[keep], a[keep], b[keep]
    order = np.lexsort((b, a, owner))
    owner, a, b = owner[order], a[order], b[order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = owner[1:] != owner[:-1]
    reach = np.maximum.accumulate(owner * span + (b - low)) - owner * span + low  # latest end so far
    before = np.where(first, low, np.concatenate([[low], reach[:-1]]))
    free = (a - before) >= per
    last = np.append(owner[1:] != owner[:-1], True)
    f_owner = np.concatenate([owner[free], owner[last]])
    f_a = np.concatenate([before[free], reach[last]])
    f_b = np.concatenate([a[free], np.full(int(last.sum()), high)])
    order = np.lexsort((f_a, f_owner))
    f_owner, f_a, f_b = f_owner[order], f_a[order], f_b[order]
    units = np.concatenate([[0], np.cumsum((f_b - f_a) // per)])

    # the windows: from the day of the first on-call start (minus window_days - 1)
    # to the day of the last on-call end, per employee
    who = np.flatnonzero(s.has_call)
    c_first = np.full(s.n, np.iinfo(np.int64).max)
    np.minimum.at(c_first, s.call_owner, s.call_wa // DAY)
    c_last = np.full(s.n, np.iinfo(np.int64).min)
    np.maximum.at(c_last, s.call_owner, s.call_wb // DAY)
    start_day = c_first[who] - (days - 1)
    n_windows = c_last[who] - start_day + 1
    if int(n_windows.sum()) > MAX_CELLS:  # decades of on-call: left to the rule
        return silent
    w_owner = np.repeat(who, n_windows)
    w_day = np.repeat(start_day, n_windows) + (np.arange(int(n_windows.sum())) - np.repeat(np.cumsum(n_windows) - n_windows, n_windows))
    idx = w_day - s.first_day
    if idx.min() < 0 or idx.max() + days >= len(s.midnights):
        return silent  # beyond the days looked up: left to the rule (never on a roster's own data)
    wa, wb = s.midnights[idx], s.midnights[idx + days]

    # does the window hold an on-call shift (one starting before its end, ending after its start)?
    c_key = s.call_owner * span + (s.call_a - low)
    c_reach = np.maximum.accumulate(s.call_owner * span + (s.call_b - low))
    j = np.searchsorted(c_key, w_owner * span + (wb - low), side="left") - 1
    holds = (j >= 0) & (s.call_owner[np.maximum(j, 0)] == w_owner) & (c_reach[np.maximum(j, 0)] - w_owner * span + low > wa)

    # free periods in the window: the stretches reaching into it, the first and last clipped
    fa_key = f_owner * span + (f_a - low)
    fb_key = f_owner * span + (f_b - low)
    lo = np.searchsorted(fb_key, w_owner * span + (wa - low), side="right")  # first ending after wa
    hi = np.searchsorted(fa_key, w_owner * span + (wb - low), side="left")  # first starting at or after wb
    lo_c, hi_c = np.minimum(lo, len(f_a) - 1), np.clip(hi - 1, 0, len(f_a) - 1)

    def clipped(k):
        return np.maximum(np.minimum(f_b[k], wb) - np.maximum(f_a[k], wa), 0) // per

    periods = np.where(hi - lo >= 1, clipped(lo_c), 0)
    periods += np.where(hi - lo >= 2, clipped(hi_c), 0)
    periods += np.where(hi - lo >= 3, units[np.maximum(hi - 1, 0)] - units[np.minimum(lo + 1, len(units) - 1)], 0)
    bad = holds & (periods < need)
    return silent | ~s.any_of(w_owner, bad) & s.has_call
