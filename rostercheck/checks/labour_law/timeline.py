"""The employee's timeline as the Arbeidstijdenwet defines it (ATW 1:7).

* **Working time** (arbeidstijd, 1:7 k): ``aanwezig``, ``waakdienst``, ``ambulant``
  and ``slaapdienst``. A sleeping watch on site is working time in every regime
  (ATB 1:1 aanwezigheidsdienst: "verplicht is op de arbeidsplaats aanwezig te
  zijn"); everything else is rest (rusttijd, 1:7 l: "de tijd die geen arbeidstijd is").
* ``beschikbaar`` and ``bereikbaar`` are **on call**: rest, but subject to the
  consignatie rules (5:9) or, by collective agreement, the bereikbaarheidsdienst
  of ATB 5.19:3 (see :mod:`.regimes`).
* A **block** is continuous work: touching or overlapping working shifts of one
  employee, also at different locations.
* A **dienst** (1:7 c) is "een aaneengesloten periode waarin arbeid wordt verricht
  en die gelegen is tussen twee opeenvolgende onafgebroken rusttijden van ten
  minste 8 uren": blocks separated by less than 8 h of rest belong to one dienst;
  its work is the sum of its blocks (a split shift 07-11 and 16-20 is one dienst
  of 8 h work).
* A **nachtdienst** (1:7 d) is "een dienst waarin meer dan een uur arbeid wordt
  verricht tussen 00.00 uur en 06.00 uur": 60 minutes is not a night shift, 61 is.
* **Periods of 24 h and 7×24 h** (5:3 lid 3, 5:5 lid 3, ATB 5.19:2 lid 3) begin
  "op het eerste tijdstip van de dag, waarop de werknemer arbeid verricht": for
  every calendar day with work, the first moment of work on that day
  (:func:`Timeline.period_starts`).

Times are real elapsed minutes (epoch minutes), so a night across a clock change
is as long as it really is; wall-clock times are kept for the report.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rostercheck.model import AMSTERDAM, Roster, Shift, ShiftKind, shift_rows

NIGHT_START_MIN, NIGHT_END_MIN = 0, 6 * 60  # ATW 1:7 d: "tussen 00.00 uur en 06.00 uur"
NIGHT_MIN_WORK = 60  # ATW 1:7 d: "meer dan een uur"
DIENST_REST_MIN = 8 * 60  # ATW 1:7 c: "onafgebroken rusttijden van ten minste 8 uren"
FAR = 10**9  # minutes: "before/after anything the roster knows"
SLEEP, ON_CALL, PHONE = ShiftKind.SLEEP, ShiftKind.ON_CALL, ShiftKind.PHONE


# --------------------------------------------------------------------------- time


def em(t: datetime) -> int:
    """Real elapsed minutes since the epoch for a local wall-clock time."""
    m = _EM.get(t)
    if m is None:
        # Remembered: a roster has a few thousand distinct shift times, asked for
        # hundreds of thousands of times (tz conversion is ~1 us each).
        offset = _day_offset(t.toordinal()) if not (t.second or t.microsecond or t.tzinfo) else None
        if offset is not None:  # a whole minute on a day without a clock change
            m = (t - _EPOCH) // _MINUTE - offset
        else:
            local = t.replace(tzinfo=AMSTERDAM)
            m = int(local.timestamp()) // 60
            if local.utcoffset() != t.replace(tzinfo=AMSTERDAM, fold=1).utcoffset():
                EDGE_TIMES.add(t)  # in a clock change's missing or repeated hour (PEP 495: fold decides)
        if len(_EM) > 200_000:
            _EM.clear()
        _EM[t] = m  # only now: whoever finds t remembered finds it in EDGE_TIMES too (threads)
    return m


def _day_offset(ordinal: int) -> int | None:
    """Minutes the clock is ahead of UTC all day on this day (``date.toordinal``), or
    None: a clock change, an offset that is no whole minute, a day before 1971. A
    day whose two midnights have one offset, neither of them ambiguous, has no clock
    change in it: Amsterdam changes at most once a day, at 02:00 or 03:00. So
    (wall-clock minutes since the epoch) - offset is em()'s answer, as timezone
    arithmetic gives it, ten times faster (a roster of ten years has 40,000 distinct
    shift times)."""
    found = _DAY_OFFSETS.get(ordinal, False)
    if found is False:
        found = None
        if ordinal > _FIRST_FAST_DAY:
            day = datetime.fromordinal(ordinal)
            offsets = {(day + timedelta(days=k)).replace(tzinfo=AMSTERDAM, fold=fold).utcoffset() for k in (0, 1) for fold in (0, 1)}
            if len(offsets) == 1:
                seconds = int(offsets.pop().total_seconds())
                found = seconds // 60 if seconds % 60 == 0 else None
        if len(_DAY_OFFSETS) > 100_000:
            _DAY_OFFSETS.clear()
        _DAY_OFFSETS[ordinal] = found
    return found


_EM: dict[datetime, int] = {}
_DAY_OFFSETS: dict[int, int | None] = {}
_EPOCH = datetime(1970, 1, 1)
_MINUTE = timedelta(minutes=1)
_FIRST_FAST_DAY = date(1971, 1, 1).toordinal()  # later days' minutes are positive: floor and truncation agree
# Every time em() has met that lies in the hour a clock change skips or repeats. Only
# there does a later wall-clock time map to an earlier or equal real minute; a
# timeline none of whose times is here has its wall-clock and real order alike
# (Timeline.plain), which the rules' screens (.screens) rely on. Never cleared: a
# time em() once met stays known.
EDGE_TIMES: set[datetime] = set()


def wall(m: int) -> datetime:
    return datetime.fromtimestamp(m * 60, AMSTERDAM).replace(tzinfo=None)


def midnight(d: date) -> datetime:
    m = _MIDNIGHTS.get(d)
    if m is None:
        m = _MIDNIGHTS[d] = datetime.combine(d, datetime.min.time())
        if len(_MIDNIGHTS) > 100_000:
            _MIDNIGHTS.clear()
    return m


_MIDNIGHTS: dict[date, datetime] = {}


def midnight_minutes(first: date, n: int) -> list[int]:
    """``em(midnight(d))`` for the ``n`` days from ``first``: sliced from one table
    of consecutive days, kept for the process (the 28-day windows of every
    employee's on-call rules ask for a year of midnights each). The table and its
    first day are one tuple, read once: a thread never pairs one table's first day
    with another's list."""
    global _MN_TABLE
    a = first.toordinal()
    table = _MN_TABLE
    lo, minutes = table
    if not minutes or a < lo or a + n > lo + len(minutes):
        new_lo = min(a, lo) if minutes else a
        new_hi = max(a + n, lo + len(minutes)) if minutes else a + n
        if new_hi - new_lo > n + 4000:  # far from the days kept (another roster): start again from these
            new_lo, new_hi = a, a + n
        table = _MN_TABLE = (new_lo, [em(midnight(date.fromordinal(o))) for o in range(new_lo, new_hi)])
    lo, minutes = table
    return minutes[a - lo:a - lo + n]


_MN_TABLE: tuple[int, list[int]] = (0, [])  # (ordinal of the first day, epoch minutes of each day's midnight)


def monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def night_overlap(start: datetime, end: datetime) -> tuple[int, date | None]:
    """Wall-clock minutes of [start, end) between 00:00 and 06:00, and the last such day."""
    key = (start, end)
    found = _NIGHT.get(key)
    if found is None:
        total, last = 0, None
        d = start.date()
        while midnight(d) < end:
            a = max(start, midnight(d) + timedelta(minutes=NIGHT_START_MIN))
            b = min(end, midnight(d) + timedelta(minutes=NIGHT_END_MIN))
            if b > a:
                total += int((b - a).total_seconds() // 60)
                last = d
            d += timedelta(days=1)
        found = _NIGHT[key] = (total, last)
        if len(_NIGHT) > 200_000:
            _NIGHT.clear()
    return found


_NIGHT: dict[tuple[datetime, datetime], tuple[int, date | None]] = {}


# ------------------------------------------------------------------ the timeline


class _AtLocations:
    """A block or a dienst: where it was worked, in order of start."""

    locations: list[str]

    @property
    def location(self) -> str:
        """Where it ends (the location a finding about it names)."""
        return self.locations[-1]

    @property
    def first_location(self) -> str:
        return self.locations[0]


@dataclass
class Block(_AtLocations):
    """Continuous work of one employee: touching or overlapping working shifts."""

    start: int  # epoch minutes
    end: int
    start_wall: datetime
    end_wall: datetime
    refs: list[int]  # indexes into Roster.shifts
    locations: list[str]  # per shift, in order of start
    sleep: bool = False  # holds a slaapdienst (an aanwezigheidsdienst, ATB 1:1)
    night_minutes: int = 0  # wall-clock minutes of work between 00:00 and 06:00
    last_night_day: date | None = None

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass
class Dienst(_AtLocations):
    """ATW 1:7 c: work between two rests of at least 8 h (one or more blocks)."""

    blocks: list[int]  # indexes into Timeline.blocks
    start: int
    end: int
    start_wall: datetime
    end_wall: datetime
    work: int  # minutes of work (the blocks' lengths; the breaks under 8 h are not work)
    night_minutes: int
    last_night_day: date | None
    refs: list[int]
    locations: list[str]
    sleep: bool

    @property
    def night(self) -> bool:
        """ATW 1:7 d: more than one hour of work between 00:00 and 06:00."""
        return self.night_minutes > NIGHT_MIN_WORK

    def ends_after(self, clock_min: int) -> bool:
        """Ends after ``clock_min`` (5:8 lid 4: "eindigt na 02.00 uur") of its last night."""
        if self.last_night_day is None:
            return False
        return self.end_wall > midnight(self.last_night_day) + timedelta(minutes=clock_min)


@dataclass
class Timeline:
    employee: str
    shifts: list[tuple[int, Shift]]  # (index in Roster.shifts, shift), sorted by start
    blocks: list[Block]
    on_call: list[tuple[int, Shift]]
    on_call_minutes: list[tuple[int, int]]  # em of each on-call shift's start and end
    diensten: list[Dienst] = field(default_factory=list)
    cache: dict = field(default_factory=dict)
    nights: list[int] = field(default_factory=list)  # indexes of the nachtdiensten in diensten
    # No time of its shifts lies in a clock change's skipped or repeated hour: the
    # wall-clock and the real (epoch-minute) order of its times are the same.
    plain: bool = True

    def dienst_gap_after(self, i: int) -> int | None:
        """Minutes of rest after dienst i, None when nothing later is known."""
        if i + 1 >= len(self.diensten):
            return None
        return self.diensten[i + 1].start - self.diensten[i].end

    @property
    def sleep_shifts(self) -> int:
        n = self.cache.get("sleep_shifts")  # counted by build_timeline as it goes
        return n if n is not None else sum(1 for _, s in self.shifts if s.kind is SLEEP)

    def period_starts(self) -> list[tuple[int, int]]:
        """(epoch minute, block index) of the first moment of work on every calendar
        day with work (5:3 lid 3, 5:5 lid 3): the start of the first block on that
        day, or that day's 00:00 when a block runs into it."""
        hit = self.cache.get("period_starts")
        if hit is not None:
            return hit
        out: list[tuple[int, int]] = []
        last_day: date | None = None
        one_day = timedelta(days=1)
        for i, blk in enumerate(self.blocks):
            d = blk.start_wall.date()
            if last_day is None or d > last_day:
                out.append((blk.start, i))
                last_day = d
            e = blk.end_wall
            end_day = e.date() if (e.hour or e.minute) else e.date() - one_day  # the last day it works on
            while last_day < end_day:  # days the block runs into: their period starts at 00:00
                last_day += one_day
                out.append((em(midnight(last_day)), i))
        self.cache["period_starts"] = out
        return out

    def rest_intervals(self) -> tuple[list[int], list[int]]:
        """Rest between blocks, with the unknown before and after the data as rest."""
        hit = self.cache.get("rests")
        if hit is None:
            b = self.blocks
            hit = self.cache["rests"] = ([-FAR] + [x.end for x in b], [x.start for x in b] + [FAR])
        return hit

    def rests_in(self, a: int, b: int) -> list[int]:
        """Lengths of the rests clipped to [a, b) (only those that reach into it)."""
        ga, gb = self.rest_intervals()
        # rest k is [ga[k], gb[k]); ga is sorted
        k = max(bisect.bisect_right(ga, a) - 1, 0)
        out = []
        while k < len(ga) and ga[k] < b:
            x = min(gb[k], b) - max(ga[k], a)
            if x > 0:
                out.append(x)
            k += 1
        return out


def build_timeline(employee: str, indexed: list[tuple[int, Shift]]) -> Timeline:
    # Sorted by (start, end, index) without a Python key call per shift; the position
    # last keeps it stable and means the (index, shift) pair itself is never compared.
    # Most employees' shifts come in order of start already: with no two starts
    # alike the start alone decides that order, and it is cheaper to see than to sort.
    starts = [s.start for _, s in indexed]
    if not (sorted(starts) == starts and len(set(starts)) == len(starts)):
        indexed = [x for _, x in sorted([((s.start, s.end, i, n), (i, s)) for n, (i, s) in enumerate(indexed)])]
    blocks: list[Block] = []
    sleeps = 0
    blk: Block | None = None
    em_get, night_get = _EM.get, _NIGHT.get  # the memos, asked inline
    for idx, s in indexed:
        kind = s.kind
        if kind is ON_CALL or kind is PHONE:  # by identity: Enum.__hash__ is Python
            continue
        start, end = s.start, s.end
        a = em_get(start)
        if a is None:
            a = em(start)
        b = em_get(end)
        if b is None:
            b = em(end)
        if blk is not None and a <= blk.end:
            if b > blk.end:
                blk.end, blk.end_wall = b, end
            blk.refs.append(idx)
            blk.locations.append(s.location)
        else:
            blk = Block(a, b, start, end, [idx], [s.location])
            blocks.append(blk)
        if kind is SLEEP:
            blk.sleep = True
            sleeps += 1
        found = night_get((start, end))
        n, last = found if found is not None else night_overlap(start, end)
        # Overlapping shifts count once: the block's night minutes are recomputed
        # below only when shifts overlap (rare); the sum is exact otherwise.
        blk.night_minutes += n
        if last is not None and (blk.last_night_day is None or last > blk.last_night_day):
            blk.last_night_day = last
    for blk in blocks:
        if len(blk.refs) > 1:  # overlapping shifts: the union's night minutes
            blk.night_minutes, _ = night_overlap(blk.start_wall, blk.end_wall)
    on_call = [(i, s) for i, s in indexed if s.kind is ON_CALL or s.kind is PHONE]
    # their real minutes too (so EDGE_TIMES has also met every time of the employee)
    on_call_minutes = [(em(s.start), em(s.end)) for _, s in on_call]
    tl = Timeline(employee=employee, shifts=indexed, blocks=blocks, on_call=on_call, on_call_minutes=on_call_minutes)
    tl.cache["sleep_shifts"] = sleeps
    tl.diensten = diensten = _diensten(blocks)
    tl.nights = [k for k, d in enumerate(diensten) if d.night_minutes > NIGHT_MIN_WORK]  # Dienst.night
    if EDGE_TIMES:  # rare: some roster has a time in a clock change's hour; is it one of this employee's?
        tl.plain = not any(s.start in EDGE_TIMES or s.end in EDGE_TIMES for _, s in indexed)
    return tl


def _diensten(blocks: list[Block]) -> list[Dienst]:
    out: list[Dienst] = []
    n, i = len(blocks), 0
    while i < n:
        j = i + 1
        while j < n and blocks[j].start - blocks[j - 1].end < DIENST_REST_MIN:
            j += 1
        b = blocks[i]
        if j == i + 1:  # one block (most diensten): its lists are shared, never changed after the build
            out.append(Dienst([i], b.start, b.end, b.start_wall, b.end_wall, b.minutes, b.night_minutes,
                              b.last_night_day, b.refs, b.locations, b.sleep))
        else:
            group = blocks[i:j]
            last = next((g.last_night_day for g in reversed(group) if g.last_night_day is not None), None)
            out.append(Dienst(list(range(i, j)), b.start, group[-1].end, b.start_wall, group[-1].end_wall,
                              sum(g.minutes for g in group), sum(g.night_minutes for g in group), last,
                              [r for g in group for r in g.refs], [x for g in group for x in g.locations],
                              any(g.sleep for g in group)))
        i = j
    return out


def employee_shifts(roster: Roster) -> list[tuple[str, list[tuple[int, Shift]]]]:
    """Every employee with shifts, sorted by id, with their (index in
    ``Roster.shifts``, shift) pairs in roster order: what the law judges (its
    timelines are built from these), and what a parallel check slices
    (rostercheck.checks.parallel)."""
    hit = _TL_CACHE.get("shifts")
    if hit is not None and hit[0] is roster:
        return hit[1]
    per_emp: dict[str, list[tuple[int, Shift]]] = defaultdict(list)
    for i, s in enumerate(shift_rows(roster.shifts)):
        per_emp[s.employee].append((i, s))
    out = sorted(per_emp.items())
    _TL_CACHE["shifts"] = (roster, out)
    return out


_TL_CACHE: dict[str, tuple] = {}  # one roster's employee_shifts: the checker's processes and slices share it


def forget(roster) -> None:
    """Let go of what the law kept of the roster (each employee's shifts): the law
    judged ahead is done with it."""
    for key, hit in list(_TL_CACHE.items()):
        if hit[0] is roster:
            del _TL_CACHE[key]
