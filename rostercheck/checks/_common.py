"""What the check kinds share: the shifts of one location (indexed once per roster),
interval merging in whole minutes, and the Dutch wording of times and levels.

Times are local wall-clock times (model.py). Coverage is judged over *real* minutes
(OUTPUT.md rev. 2: "the wall-clock hour that does not exist when clocks go forward
is never a finding; the hour that occurs twice when clocks go back is covered only
if it is covered both times"): :func:`to_minute` maps a wall-clock time to real
minutes from the period start in Europe/Amsterdam and :func:`from_minute` maps
back, so windows are still reported in wall-clock time. A wall-clock time is read
as its first occurrence (``fold=0``, what a planner's "02:30" on the last Sunday of
October means); a time inside the missing spring hour is the moment the clock
jumps. Working hours (share, level) are real elapsed hours (model.elapsed_hours).
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from operator import itemgetter, sub
from typing import NamedTuple

import numpy as np

from rostercheck import wording
from rostercheck.checks import scope
from rostercheck.findings import Severity
from rostercheck.model import AMSTERDAM, Employee, Level, Roster, Shift, ShiftKind, SupportRecord, SupportRow, SupportRows, elapsed_hours

_PRESENT, _AWAKE_NIGHT, _SLEEP = ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP


class Clock:
    """Wall-clock minutes from an origin to real (elapsed) minutes and back, for
    Europe/Amsterdam between ``origin`` and ``until``.

    Each clock change is kept as (wall minute ``w`` from which the new offset holds,
    offset before, offset after), offsets in minutes relative to the origin's. A
    wall minute ``x`` is real minute ``x - offset``; inside the missing spring hour
    it is the moment of the jump, so the map never runs backwards (a shift written
    22:00-02:30 on 29 March touches one written 02:30-07:00, and one written
    02:00-03:00 lasts no real minute). Without a change in the period both maps are
    the identity, and cost nothing.
    """

    __slots__ = ("changes", "_walls", "_reals")

    def __init__(self, origin: datetime, until: datetime):
        def offset(t: datetime) -> int:
            return int(t.replace(tzinfo=AMSTERDAM).utcoffset().total_seconds()) // 60  # type: ignore[union-attr]

        base = offset(origin)
        changes: list[tuple[int, int, int]] = []
        day = origin.replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=1)
        prev = offset(day)
        while day <= until:
            nxt = day + timedelta(days=1)
            now = offset(nxt)
            if now != prev:  # the change lies in (day, nxt]: the first wall minute with the new offset
                lo, hi = 0, 1440
                while lo < hi:
                    mid = (lo + hi) // 2
                    if offset(day + timedelta(minutes=mid)) == now:
                        hi = mid
                    else:
                        lo = mid + 1
                w = int((day - origin).total_seconds()) // 60 + lo
                changes.append((w, prev - base, now - base))
            day, prev = nxt, now
        self.changes = tuple(changes)
        self._walls = [w for w, _, _ in changes]
        # the real minute at which each change happens (the old reading reaches the jump)
        self._reals = [w - max(before, after) for w, before, after in changes]

    def real(self, wall: int) -> int:
        """The real minute of a wall-clock minute (both from the origin)."""
        if not self.changes:
            return wall
        i = bisect_right(self._walls, wall) - 1
        if i + 1 < len(self.changes):
            w, before, after = self.changes[i + 1]
            if after > before and wall >= w - (after - before):  # inside the missing hour
                return w - after
        return wall - (self.changes[i][2] if i >= 0 else self.changes[0][1])

    def reals(self, walls: list[int]) -> list[int]:
        """:meth:`real` of many wall minutes at once (one pass per clock change)."""
        if not self.changes:
            return walls
        x = np.asarray(walls, dtype=np.int64)
        out = x - self.changes[0][1]
        for w, before, after in self.changes:
            out = np.where(x >= w, x - after, out)
            if after > before:  # inside the missing hour: the moment of the jump
                out = np.where((x >= w - (after - before)) & (x < w), w - after, out)
        return out.tolist()

    def wall(self, real: int) -> int:
        if not self.changes:
            return real
        i = bisect_right(self._reals, real) - 1
        if i >= 0:
            return real + self.changes[i][2]
        return real + self.changes[0][1]


class LocShift(NamedTuple):
    """A shift at one location, clipped to the period, with its index in ``Roster.shifts``."""

    index: int
    shift: Shift
    start: datetime  # clipped to the period
    end: datetime
    a: int  # start and end as real minutes from the period start (Clock)
    b: int  # a == b: the shift lies in the missing spring hour and lasts no real minute


class _PerRoster:
    """What is computed once per roster and shared by every norm and location."""

    def __init__(self, roster: Roster):
        p, index = roster.period, {}
        self.clock = clock = Clock(p.start, p.end)
        rows = list(roster.in_period())
        # Real minutes from the period start, once per distinct time (a roster's
        # shifts start and end at a few thousand distinct moments).
        origin = p.start
        times = list({r[2] for r in rows} | {r[3] for r in rows})
        real = dict(zip(times, clock.reals([int((t - origin).total_seconds()) // 60 for t in times])))
        new = tuple.__new__  # LocShift(...) without its Python-level __new__
        for i, s, start, end in rows:
            at = index.get(s.location)
            if at is None:
                at = index[s.location] = []
            at.append(new(LocShift, (i, s, start, end, real[start], real[end])))
        self.shifts: dict[str, list[LocShift]] = index
        self.by_start: dict[str, tuple[list[datetime], list[LocShift], timedelta]] = {}
        self.active_days: dict[tuple, list[date]] = {}
        self.first_product: dict[tuple, str | None] = {}
        self.grouped: dict[str, dict[tuple, list[tuple[int, int]]]] = {}
        self.grouped_arrays: dict = {}  # checks.intervals.grouped_arrays: its last answer
        self.prepared: dict[tuple[int, str], tuple] = {}  # (id(norm), location) -> (norm, what a check prepared)
        self.windows: dict[tuple, list[tuple[int, int]]] = {}
        self.block_hours: dict[tuple, list[tuple[LocShift, int, datetime, float]]] = {}
        self.support: dict[str, list[SupportRecord]] | None = None


_lock = threading.Lock()
_cache: list[tuple[Roster, dict]] = []  # the last few rosters, by identity: per factory, what it made


def per_roster(roster: Roster, factory):
    """``factory(roster)``, made once per roster and kept while the roster is one of
    the last few asked about: what the checks compute once and share across norms
    and locations. By identity: a roster is frozen, and a changed one (a what-if
    scenario) is a copy, a new object."""
    last = _last  # asked for once per norm and location: the last answer first, without the lock
    if last[0] is roster and last[1] is factory:
        return last[2]
    with _lock:
        for cached, made in _cache:
            if cached is roster and factory in made:
                _remember(roster, factory, made[factory])
                return made[factory]
    data = factory(roster)
    with _lock:
        for cached, made in _cache:
            if cached is roster:
                return made.setdefault(factory, data)
        _cache.insert(0, (roster, {factory: data}))
        del _cache[3:]
    return data


_last: tuple = (None, None, None)  # (roster, factory, what per_roster gave): one tuple, replaced whole


def _remember(roster: Roster, factory, data) -> None:
    global _last
    _last = (roster, factory, data)


def _per_roster(roster: Roster) -> _PerRoster:
    return per_roster(roster, _PerRoster)


def shifts_at(roster: Roster, location_id: str) -> list[LocShift]:
    """Shifts at ``location_id`` that overlap the period, clipped, in input order.

    Built once per roster for all locations: a 100-location roster would otherwise
    scan every shift once per norm and location.
    """
    return _per_roster(roster).shifts.get(location_id, [])


def shifts_overlapping(roster: Roster, location_id: str, start: datetime, end: datetime) -> list[LocShift]:
    """Shifts at the location overlapping [start, end), in input order (bisect, not a scan)."""
    data = _per_roster(roster)
    entry = data.by_start.get(location_id)
    if entry is None:
        ordered = sorted(data.shifts.get(location_id, []), key=_START)
        starts = list(map(_START, ordered))
        longest = max(map(sub, map(_END, ordered), starts), default=timedelta(0))
        entry = data.by_start[location_id] = (starts, ordered, longest)
    starts, ordered, longest = entry
    lo, hi = bisect_left(starts, start - longest), bisect_left(starts, end)
    return sorted((ls for ls in ordered[lo:hi] if ls.end > start), key=_INDEX)


_INDEX, _START, _END = itemgetter(0), itemgetter(2), itemgetter(3)  # LocShift's index, start and end


def support_at(roster: Roster, location_id: str) -> list[SupportRecord] | list[SupportRow]:
    """The location's Begeleiding rows, in input order (indexed once for all locations).

    Records, or for a roster read from a file its compact rows (same attribute names
    for every field a check reads: client, location, product, day, hours, kind)."""
    data = _per_roster(roster)
    if data.support is None:
        index: dict[str, list] = {}
        support = roster.support
        for r in (support.rows if isinstance(support, SupportRows) else support or ()):
            index.setdefault(r.location, []).append(r)
        data.support = index
    return data.support.get(location_id, [])


def grouped_intervals(roster: Roster, location_id: str) -> dict[tuple, list[tuple[int, int]]]:
    """The location's shifts as minute intervals, grouped by (employee, kind, response
    minutes): whether a shift counts for a coverage norm depends on nothing else, so a
    norm decides once per group instead of once per shift."""
    data = _per_roster(roster)
    groups = data.grouped.get(location_id)
    if groups is None:
        groups = {}
        travel = roster.travel_minutes
        for _, s, _, _, a, b in data.shifts.get(location_id, []):
            if b <= a:
                continue
            kind = s.kind
            # Roster.response_min inline (asked for every shift): 0 on site (by identity:
            # ShiftKind.on_site is a Python-level property), else the shift's own, else
            # the Reistijden sheet's
            if kind is _PRESENT or kind is _AWAKE_NIGHT or kind is _SLEEP:
                key = (s.employee, kind, 0)
            else:
                response = s.response_min
                key = (s.employee, kind, travel.get((s.employee, s.location)) if response is None else response)
            at = groups.get(key)
            if at is None:
                at = groups[key] = []
            at.append((a, b))
        data.grouped[location_id] = groups
    return groups


def working_pieces(roster: Roster, location_id: str, blocks: list[tuple[datetime, datetime]]) -> list[tuple[LocShift, int, datetime, float]]:
    """Working shifts at the location cut at block boundaries: (shift, block index,
    piece start, real elapsed hours). Shared by every share norm of the location."""
    data = _per_roster(roster)
    key = (location_id, tuple(blocks))
    pieces = data.block_hours.get(key)
    if pieces is None:
        pieces = []
        starts = [b[0] for b in blocks]
        for ls in data.shifts.get(location_id, []):
            if not ls.shift.kind.working_time:
                continue
            i = max(bisect_right(starts, ls.start) - 1, 0)
            while i < len(blocks) and blocks[i][0] < ls.end:
                a, b = max(ls.start, blocks[i][0]), min(ls.end, blocks[i][1])
                if b > a:
                    pieces.append((ls, i, a, elapsed_hours(a, b)))
                i += 1
        data.block_hours[key] = pieces
    return pieces


def active_days(roster: Roster, location_id: str, products: tuple[str, ...] | list[str]) -> list[date]:
    """``scope.active_days``, remembered per roster: asked per product (a location
    has few) and joined, since a norm applies on a day any of its products does."""
    memo = _per_roster(roster).active_days
    key = (location_id, tuple(products))
    found = memo.get(key)
    if found is None:
        lists = []
        for p in products:
            one = (location_id, (p,))
            if one not in memo:
                memo[one] = scope.active_days(roster, location_id, [p])
            lists.append(memo[one])
        every = len(roster.period.days())
        whole = next((days for days in lists if len(days) == every), None)  # delivered all period: every day
        found = memo[key] = list(whole) if whole is not None else sorted(set().union(*lists))
    return found


def first_active_product(roster: Roster, location_id: str, products: tuple[str, ...] | list[str], day: date | None = None) -> str | None:
    """``scope.first_active_product`` on ``day``, else over the period; remembered per roster."""
    memo = _per_roster(roster).first_product
    key = (location_id, tuple(products), day)
    if key not in memo:
        found = scope.first_active_product(roster, location_id, products, day)
        if found is None and day is not None:
            found = scope.first_active_product(roster, location_id, products)
        memo[key] = found
    return memo[key]


def prepared(roster: Roster) -> dict[tuple[int, str], tuple]:
    """What a check computed for several locations at once, per (id of the norm,
    location): (the norm, the result), taken once by the location's check."""
    return _per_roster(roster).prepared


def window_memo(roster: Roster) -> dict[tuple, list[tuple[int, int]]]:
    """Coverage windows in real minutes, remembered per roster (``coverage.window_minutes``)."""
    return _per_roster(roster).windows


def clock(roster: Roster) -> Clock:
    """The roster period's clock (wall-clock minutes <-> real minutes)."""
    return _per_roster(roster).clock


def to_minute(roster: Roster, t: datetime) -> int:
    """A wall-clock time as real minutes from the period start."""
    return clock(roster).real(int((t - roster.period.start).total_seconds() // 60))


def from_minute(roster: Roster, m: int) -> datetime:
    """Real minutes from the period start as a wall-clock time (the second pass of
    the repeated autumn hour reads as the same clock times as the first)."""
    return roster.period.start + timedelta(minutes=clock(roster).wall(m))


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of half-open intervals; touching intervals join (no gap between them)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def unverifiable(severity: Severity) -> Severity:
    """A "cannot verify" finding is a warning, never louder than the norm itself."""
    return Severity.WARNING if severity is Severity.ERROR else severity


def midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


# --- Dutch wording: names kept for the check modules, the words live in rostercheck.wording ---

DAYS_NL = wording.WEEKDAYS_SHORT
MONTHS_NL = wording.MONTHS_SHORT
MONTHS_NL_FULL = wording.MONTHS


def nl_day(d: date) -> str:
    """'wo 4 mrt'."""
    return wording.day(d)


def nl_moment(t: datetime) -> str:
    """'wo 4 mrt 23:00'."""
    return wording.day_moment(t)


def nl_span(start: datetime, end: datetime) -> str:
    """'wo 4 mrt 23:00 – do 5 mrt 02:30' (see :func:`rostercheck.wording.span`)."""
    return wording.span(start, end)


def nl_block(start: datetime, end: datetime) -> str:
    """'maart 2026' for a whole calendar month, else its days."""
    return wording.block(start, end)


def nl_hours(h: float) -> str:
    """'8,5' (one decimal, Dutch)."""
    return wording.fixed(h, 1)


def nl_percent(x: float, apart_from: float | None = None) -> str:
    """'49,95%': two decimals where they are not zero, more where needed to tell
    ``x`` apart from ``apart_from`` (revision 2 reading 15: a share below 50 % is
    never shown as "50%")."""
    decimals = 2
    while (apart_from is not None and x != apart_from and decimals < 8
           and wording.percent(x, decimals) == wording.percent(apart_from, decimals)):
        decimals += 1
    return wording.percent(x, decimals)


def share_measured(share: float, bound: float) -> float:
    """A share for the report (4 decimals) that stays on its side of the bound it
    broke: 0.49996 against 0.5 is 0.4999, not 0.5 (reading 15)."""
    r = round(share, 4)
    if share < bound <= r:
        r = round(r - 0.0001, 4)
    elif share > bound >= r:
        r = round(r + 0.0001, 4)
    return r


def nl_number(x: float) -> str:
    """'8,5', '1.234.567,25'."""
    return wording.number(x)


def describe_employee(e: Employee) -> str:
    """'MBO-3, niet zorgrelevant' — what a planner needs to see why someone does not count."""
    parts = [e.level.value]
    if not e.care_relevant:
        parts.append("niet zorgrelevant")
    return ", ".join(parts)


def staff_word(care_relevant: bool, min_level: Level | None, plural: bool = False) -> str:
    """'professional (≥ MBO-4)' / 'medewerkers'."""
    word = ("professionals" if plural else "professional") if care_relevant else ("medewerkers" if plural else "medewerker")
    if min_level is not None and min_level is not Level.MBO2:
        word += f" (≥ {min_level.value})"
    return word
