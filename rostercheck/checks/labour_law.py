"""Working-time law (Arbeidstijdenwet, Arbeidstijdenbesluit, CAO overlays) per employee.

Every rule is evaluated per employee across all locations, on the whole shifts
(``Roster.shifts``, not clipped to the period), so rest and hours just before or
after the period count. Each rule is a sweep over the employee's sorted shifts.

Reading of the roster (what the rules see):

* **Working time** (arbeidstijd): ``aanwezig``, ``waakdienst``, ``ambulant`` and
  ``slaapdienst``. A slaapdienst is an *aanwezigheidsdienst* (ATB 4.8): all its hours
  count as working time, so it is never rest. The hour caps of ATW 5:7 (60 h week,
  55 h and 48 h averages) count the awake kinds only; the aanwezigheidsdienst has
  its own caps in ATB 4.8 (length, count, 90 h rest) — see the norm files.
* ``beschikbaar`` and ``bereikbaar`` are **on call** (consignatie, ATW 5:9): not
  working time, so rest, but subject to the on-call rules.
* Consecutive or overlapping working shifts of one employee — also at different
  locations — form one **block** (one shift in the sense of the law). A block
  holding a slaapdienst is a *sleep block* and falls under the ATB 4.8 rules
  instead of the shift-length and night-shift rules.
* A **night shift** is a block (without sleep) with more than 1 h of work between
  00:00 and 06:00 (ATW 1:7). It *ends late* when it works past ``late_end``
  (02:00) of its (last) night.
* Time outside the shifts the roster holds is rest. Before and after the roster's
  data nothing is known; treating it as rest means a rule only reports what the
  roster alone proves (no false alarm), and a rule whose window is longer than the
  data (16-week average, counts per 16/26/52 weeks) is evaluated on the hours and
  shifts that are there: it reports only once those already exceed the cap.

"Alternatives evaluated exactly": a rest that may be reduced a number of times
per 7×24 h is reported only when the reductions in one 7×24 h window do not fit
the permitted ones; weekly rest is reported only when neither 36 h per 7×24 h nor
72 h per 14×24 h (in blocks of ≥ 32 h) holds for any choice of where the periods
start. Each rule's docstring says how it reads its article.

Overlays (a CAO): the sets are evaluated together with
:func:`check_employee_sets`; an overlay norm with ``replaces: <id>`` takes the
place of that norm of the overlaid set (it permits another alternative), all other
overlay norms add to the law. :func:`check_employees` evaluates one set on its own
(the registry's per-set entry point).
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Callable, Iterable, Sequence

import numpy as np

from rostercheck.findings import CheckKind, Finding
from rostercheck.model import AMSTERDAM, Roster, Shift, ShiftKind
from rostercheck.normsets.schema import (
    AverageWeekHoursLimits,
    CountInWindowLimits,
    DailyRestLimits,
    LabourLawNorm,
    NightConsecutiveLimits,
    NightRestLimits,
    NightSeriesRestLimits,
    NightShiftLengthLimits,
    NormSet,
    OnCallDaysLimits,
    OnCallNightLimits,
    RestWithReductionsLimits,
    ShiftLengthLimits,
    SleepFreeWeekendsLimits,
    SleepShiftLengthLimits,
    SleepWeeklyRestLimits,
    SleepWindowLimits,
    WeekHoursLimits,
    WeeklyRestLimits,
)

__all__ = ["check_employees", "check_employee_sets", "effective_norms", "employee_violations"]

WORKING_KINDS = frozenset({ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.AMBULANT, ShiftKind.SLEEP})
AWAKE_WORKING_KINDS = frozenset({ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.AMBULANT})
ON_CALL_KINDS = frozenset({ShiftKind.ON_CALL, ShiftKind.PHONE})  # consignatie
NIGHT_START_MIN, NIGHT_END_MIN = 0, 6 * 60  # ATW 1:7: 00:00-06:00
NIGHT_MIN_WORK = 60  # "meer dan een uur"
_FAR = 10**9  # minutes: "before/after anything the roster knows"
_SLEEP, _ON_CALL, _PHONE = ShiftKind.SLEEP, ShiftKind.ON_CALL, ShiftKind.PHONE


# --------------------------------------------------------------------------- time


def _em(t: datetime) -> int:
    """Real elapsed minutes since the epoch for a local wall-clock time."""
    m = _EM.get(t)
    if m is None:
        # Remembered: a roster has a few thousand distinct shift times, asked for
        # hundreds of thousands of times (tz conversion is ~1 us each).
        m = _EM[t] = int(t.replace(tzinfo=AMSTERDAM).timestamp()) // 60
        if len(_EM) > 200_000:
            _EM.clear()
    return m


_EM: dict[datetime, int] = {}


def _wall(m: int) -> datetime:
    return datetime.fromtimestamp(m * 60, AMSTERDAM).replace(tzinfo=None)


def _h(minutes: float) -> float:
    return round(minutes / 60.0, 2)


def _fmt_h(minutes: float) -> str:
    h = minutes / 60.0
    return f"{h:.0f}" if abs(h - round(h)) < 1e-9 else f"{h:.2f}".rstrip("0").rstrip(".")


def _fmt_t(t: datetime) -> str:
    return t.strftime("%d-%m-%Y %H:%M")


def _clock_min(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _midnight(d: date) -> datetime:
    m = _MIDNIGHTS.get(d)
    if m is None:
        # Remembered: asked ~5 times per shift by the week and on-call sweeps.
        m = _MIDNIGHTS[d] = datetime.combine(d, datetime.min.time())
        if len(_MIDNIGHTS) > 100_000:
            _MIDNIGHTS.clear()
    return m


_MIDNIGHTS: dict[date, datetime] = {}
_WEEK_OF: dict[date, tuple[date, datetime, date, datetime]] = {}  # day -> its Monday, that midnight, the next


# ------------------------------------------------------------------ the timeline


@dataclass
class Block:
    """Continuous work of one employee: touching or overlapping working shifts."""

    start: int  # epoch minutes
    end: int
    start_wall: datetime
    end_wall: datetime
    refs: list[int]  # indexes into Roster.shifts
    locations: list[str]  # per shift, in order of start
    sleep: bool = False
    night_minutes: int = 0  # wall-clock minutes of work between 00:00 and 06:00 (non-sleep)
    last_night_day: date | None = None

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def night(self) -> bool:
        return not self.sleep and self.night_minutes > NIGHT_MIN_WORK

    @property
    def location(self) -> str:
        return self.locations[-1]

    @property
    def first_location(self) -> str:
        return self.locations[0]

    def ends_late(self, late_end_min: int) -> bool:
        """Works past ``late_end`` (02:00) of its last night."""
        if self.last_night_day is None:
            return False
        return self.end_wall > _midnight(self.last_night_day) + timedelta(minutes=late_end_min)


@dataclass
class Timeline:
    employee: str
    shifts: list[tuple[int, Shift]]  # (index in Roster.shifts, shift), sorted by start
    blocks: list[Block]
    on_call: list[tuple[int, Shift]]
    cache: dict = field(default_factory=dict)

    def gap_after(self, i: int) -> int | None:
        """Minutes of rest after block i, None when nothing later is known."""
        if i + 1 >= len(self.blocks):
            return None
        return self.blocks[i + 1].start - self.blocks[i].end


def _night_overlap(start: datetime, end: datetime) -> tuple[int, date | None]:
    key = (start, end)
    found = _NIGHT.get(key)
    if found is None:
        found = _NIGHT[key] = _night_overlap_of(start, end)
        if len(_NIGHT) > 200_000:
            _NIGHT.clear()
    return found


_NIGHT: dict[tuple[datetime, datetime], tuple[int, date | None]] = {}


def _night_overlap_of(start: datetime, end: datetime) -> tuple[int, date | None]:
    total, last = 0, None
    d = start.date()
    while _midnight(d) < end:
        a = max(start, _midnight(d) + timedelta(minutes=NIGHT_START_MIN))
        b = min(end, _midnight(d) + timedelta(minutes=NIGHT_END_MIN))
        if b > a:
            total += int((b - a).total_seconds() // 60)
            last = d
        d += timedelta(days=1)
    return total, last


def _by_start(item: tuple[int, Shift]) -> tuple:
    return item[1].start, item[1].end, item[0]


def build_timeline(employee: str, indexed: list[tuple[int, Shift]]) -> Timeline:
    indexed = sorted(indexed, key=_by_start)
    blocks: list[Block] = []
    blk: Block | None = None
    em, night = _EM.get, _NIGHT.get  # the memos of _em and _night_overlap, asked inline
    for idx, s in indexed:
        kind = s.kind
        if kind is _ON_CALL or kind is _PHONE:  # not in WORKING_KINDS (by identity: Enum.__hash__ is Python)
            continue
        start, end = s.start, s.end
        a = em(start)
        if a is None:
            a = _em(start)
        b = em(end)
        if b is None:
            b = _em(end)
        if blk is not None and a <= blk.end:
            if b > blk.end:
                blk.end, blk.end_wall = b, end
            blk.refs.append(idx)
            blk.locations.append(s.location)
        else:
            blk = Block(a, b, start, end, [idx], [s.location])
            blocks.append(blk)
        if kind is _SLEEP:
            blk.sleep = True
        else:
            found = night((start, end))
            n, last = found if found is not None else _night_overlap(start, end)
            blk.night_minutes += n
            if last is not None and (blk.last_night_day is None or last > blk.last_night_day):
                blk.last_night_day = last
    on_call = [(i, s) for i, s in indexed if s.kind is _ON_CALL or s.kind is _PHONE]
    return Timeline(employee=employee, shifts=indexed, blocks=blocks, on_call=on_call)


def _timelines(roster: Roster) -> dict[str, Timeline]:
    key = id(roster)
    hit = _TL_CACHE.get("roster")
    if hit is not None and hit[0] is roster:
        return hit[1]
    per_emp: dict[str, list[tuple[int, Shift]]] = defaultdict(list)
    for i, s in enumerate(roster.shifts):
        per_emp[s.employee].append((i, s))
    out = {e: build_timeline(e, items) for e, items in sorted(per_emp.items())}
    _TL_CACHE["roster"] = (roster, out, key)
    return out


_TL_CACHE: dict[str, tuple] = {}  # one roster: the checker runs several sets on the same roster


# ------------------------------------------------------------------- findings


@dataclass
class Ctx:
    norm: LabourLawNorm
    norm_set: str
    tl: Timeline
    limits: object = None  # norm.params.typed, validated once per run (not once per employee)

    def __post_init__(self) -> None:
        if self.limits is None:
            self.limits = self.norm.params.typed

    def finding(
        self,
        start: datetime,
        end: datetime,
        measured: float | int | None,
        required: float | int | None,
        unit: str,
        message: str,
        location: str | None,
        details: Sequence[str] = (),
        refs: Iterable[int] = (),
    ) -> Finding:
        return Finding(
            check=CheckKind.LABOUR_LAW,
            severity=self.norm.severity,
            norm=self.norm.id,
            norm_set=self.norm_set,
            product=None,
            location=location,
            start=start,
            end=end,
            measured=measured,
            required=required,
            unit=unit,
            message=f"{self.norm.title}: {message}",
            source=self.norm.source,
            employee=self.tl.employee,
            shift_refs=tuple(sorted(set(refs))),
            details=tuple(details),
        )


def _location_in(tl: Timeline, a: int, b: int) -> str | None:
    """Location of the last working shift that starts before b and ends after a."""
    best = None
    for blk in tl.blocks:
        if blk.start >= b:
            break
        if blk.end > a:
            best = blk.location
    return best


def _refs_in(tl: Timeline, a: int, b: int) -> list[int]:
    out = []
    for blk in tl.blocks:
        if blk.start >= b:
            break
        if blk.end > a:
            out.extend(blk.refs)
    return out


# -------------------------------------------------------- rule: block lengths


def rule_shift_length(ctx: Ctx) -> list[Finding]:
    """ATW 5:7 (CAO: shorter): a shift — a block of continuous work, also across
    locations — lasts at most ``max_hours``. Night blocks fall under
    ``night_shift_length`` and sleep blocks under ``sleep_shift_length``."""
    lim: ShiftLengthLimits = ctx.limits  # type: ignore[assignment]
    out = []
    for blk in ctx.tl.blocks:
        if blk.sleep or blk.night:
            continue
        if blk.minutes > lim.max_hours * 60 + 1e-9:
            out.append(
                ctx.finding(
                    blk.start_wall, blk.end_wall, _h(blk.minutes), lim.max_hours, "hours",
                    f"dienst van {_fmt_h(blk.minutes)} u, langer dan {_fmt_h(lim.max_hours * 60)} u.",
                    blk.location, _block_details(blk), blk.refs,
                )
            )
    return out


def _block_details(blk: Block) -> list[str]:
    if len(blk.refs) < 2:
        return []
    return [f"aaneengesloten diensten samen geteld als één dienst ({len(blk.refs)} diensten, locaties {', '.join(dict.fromkeys(blk.locations))})"]


def rule_night_shift_length(ctx: Ctx) -> list[Finding]:
    """ATW 5:8: a night shift lasts at most ``max_hours`` (10 h); it may last up to
    ``extended_max_hours`` (12 h) at most ``extended_max_per_2_weeks`` times in any
    14×24 h and ``extended_max_per_52_weeks`` times in any 52 weeks, and each such
    long night is followed by at least ``rest_after_extended_hours`` of rest. A long
    night is reported when it is longer than the extension, when it is one too many
    in a sliding window (counted by start), or when the rest after it is too short."""
    lim: NightShiftLengthLimits = ctx.limits  # type: ignore[assignment]
    tl, out = ctx.tl, []
    longs: list[int] = []  # block indexes of extended nights
    for i, blk in enumerate(tl.blocks):
        if not blk.night or blk.minutes <= lim.max_hours * 60:
            continue
        if lim.extended_max_hours is None or blk.minutes > lim.extended_max_hours * 60:
            req = lim.extended_max_hours or lim.max_hours
            alt = (
                f" (verlenging tot {_fmt_h(lim.extended_max_hours * 60)} u geprobeerd: ook te lang)"
                if lim.extended_max_hours is not None else ""
            )
            out.append(ctx.finding(
                blk.start_wall, blk.end_wall, _h(blk.minutes), req, "hours",
                f"nachtdienst van {_fmt_h(blk.minutes)} u, langer dan {_fmt_h(req * 60)} u{alt}.",
                blk.location, _block_details(blk), blk.refs,
            ))
            continue
        longs.append(i)
    tried = f"nachtdienst langer dan {_fmt_h(lim.max_hours * 60)} u is alleen toegestaan als verlengde nachtdienst"
    for i in longs:
        blk = tl.blocks[i]
        gap = tl.gap_after(i)
        if lim.rest_after_extended_hours is not None and gap is not None and gap < lim.rest_after_extended_hours * 60:
            nxt = tl.blocks[i + 1]
            out.append(ctx.finding(
                blk.end_wall, nxt.start_wall, _h(gap), lim.rest_after_extended_hours, "hours",
                f"na een verlengde nachtdienst van {_fmt_h(blk.minutes)} u maar {_fmt_h(gap)} u rust; "
                f"vereist {_fmt_h(lim.rest_after_extended_hours * 60)} u.",
                nxt.first_location, [tried], blk.refs + nxt.refs,
            ))
    for cap, days, label in (
        (lim.extended_max_per_2_weeks, 14, "14×24 uur"),
        (lim.extended_max_per_52_weeks, 364, "52 weken"),
    ):
        if cap is None:
            continue
        events = [(tl.blocks[i].start, tl.blocks[i].end, i) for i in longs]
        out.extend(_count_findings(
            ctx, events, cap, days * 24 * 60, "shifts",
            lambda n, _l=label, _c=cap: f"{n} verlengde nachtdiensten (langer dan {_fmt_h(lim.max_hours * 60)} u) binnen {_l}; "
            f"ten hoogste {_c} toegestaan.",
            [tried],
        ))
    return out


def rule_sleep_shift_length(ctx: Ctx) -> list[Finding]:
    """ATB 4.8: an aanwezigheidsdienst (slaapdienst, with any work joined to it)
    lasts at most ``max_hours`` (24 h)."""
    lim: SleepShiftLengthLimits = ctx.limits  # type: ignore[assignment]
    out = []
    for blk in ctx.tl.blocks:
        if blk.sleep and blk.minutes > lim.max_hours * 60:
            out.append(ctx.finding(
                blk.start_wall, blk.end_wall, _h(blk.minutes), lim.max_hours, "hours",
                f"slaapdienst (met aansluitend werk) van {_fmt_h(blk.minutes)} u, langer dan {_fmt_h(lim.max_hours * 60)} u.",
                blk.location, _block_details(blk), blk.refs,
            ))
    return out


# ------------------------------------------------------------ rule: hour caps


def _week_hours(tl: Timeline) -> dict[date, tuple[float, list[int], str]]:
    """Awake working minutes per calendar week (Monday), the union of the shifts."""
    if "weeks" in tl.cache:
        return tl.cache["weeks"]
    intervals: list[list] = []  # [start, end, shift indexes, location of the last shift]
    for idx, s in tl.shifts:
        kind = s.kind
        if kind is _SLEEP or kind is _ON_CALL or kind is _PHONE:  # not in AWAKE_WORKING_KINDS
            continue
        if intervals and s.start <= intervals[-1][1]:
            cur = intervals[-1]
            if s.end > cur[1]:
                cur[1] = s.end
            cur[2].append(idx)
            cur[3] = s.location
        else:
            intervals.append([s.start, s.end, [idx], s.location])
    weeks: dict[date, list] = {}
    week = timedelta(days=7)
    for a, b, idxs, loc in intervals:
        d = a.date()
        wk = _WEEK_OF.get(d)
        if wk is None:
            if len(_WEEK_OF) > 100_000:
                _WEEK_OF.clear()
            mon = _monday(d)
            wk = _WEEK_OF[d] = (mon, _midnight(mon), mon + week, _midnight(mon + week))
        mon, m0, nmon, m1 = wk
        while True:
            lo, hi = (a if a > m0 else m0), (b if b < m1 else m1)
            if hi > lo:
                w = weeks.get(mon)
                if w is None:
                    w = weeks[mon] = [0.0, [], None]
                w[0] += (_em(hi) - _em(lo))
                w[1].extend(idxs)
                w[2] = loc
            if m1 >= b:
                break
            mon, m0 = nmon, m1
            nmon = mon + week
            m1 = _midnight(nmon)
    tl.cache["weeks"] = {k: (v[0], v[1], v[2]) for k, v in sorted(weeks.items())}
    return tl.cache["weeks"]


def rule_week_hours(ctx: Ctx) -> list[Finding]:
    """ATW 5:7: at most ``max_hours`` of work in a calendar week (Monday 00:00 –
    Sunday 24:00), counting aanwezig, waakdienst and ambulant hours (real elapsed
    time; overlapping shifts once)."""
    lim: WeekHoursLimits = ctx.limits  # type: ignore[assignment]
    out = []
    for mon, (minutes, refs, loc) in _week_hours(ctx.tl).items():
        if minutes > lim.max_hours * 60 + 1e-9:
            out.append(ctx.finding(
                _midnight(mon), _midnight(mon + timedelta(days=7)), _h(minutes), lim.max_hours, "hours",
                f"{_fmt_h(minutes)} u gewerkt in de week van {mon.strftime('%d-%m-%Y')}; ten hoogste {_fmt_h(lim.max_hours * 60)} u.",
                loc, [], refs,
            ))
    return out


def rule_average_week_hours(ctx: Ctx) -> list[Finding]:
    """ATW 5:7: on average at most ``max_hours_per_week`` over every run of
    ``weeks`` consecutive calendar weeks. Weeks the roster does not hold count as
    0 h, so a finding means the hours that are there already exceed
    ``weeks × max_hours_per_week`` (proven); a shorter roster passes unless it does."""
    lim: AverageWeekHoursLimits = ctx.limits  # type: ignore[assignment]
    weeks = _week_hours(ctx.tl)
    if not weeks:
        return []
    cap = lim.weeks * lim.max_hours_per_week * 60
    if sum(v[0] for v in weeks.values()) <= cap + 1e-6:
        return []  # no run of weeks can hold more than all the weeks together
    first, last = min(weeks), max(weeks)
    hits: list[tuple[date, float]] = []
    mon = first - timedelta(days=7 * (lim.weeks - 1))
    window: list[float] = []
    # sliding sum over consecutive weeks
    keys = []
    d = mon
    while d <= last:
        keys.append(d)
        d += timedelta(days=7)
    vals = [weeks.get(k, (0.0, [], None))[0] for k in keys]
    run = 0.0
    for j, v in enumerate(vals):
        run += v
        if j >= lim.weeks:
            run -= vals[j - lim.weeks]
        if j >= lim.weeks - 1 and run > cap + 1e-6:
            hits.append((keys[j - lim.weeks + 1], run))
    del window
    out = []
    for start, end, best in _merge_windows([(_midnight(s), _midnight(s + timedelta(days=7 * lim.weeks)), r) for s, r in hits]):
        refs = [r for k, (m, rs, _) in weeks.items() if start <= _midnight(k) < end for r in rs]
        loc = next((loc for k, (m, rs, loc) in reversed(weeks.items()) if start <= _midnight(k) < end), None)
        out.append(ctx.finding(
            start, end, round(best / 60.0 / lim.weeks, 2), lim.max_hours_per_week, "hours",
            f"gemiddeld {_fmt_h(best / lim.weeks)} u per week over {lim.weeks} weken "
            f"({_fmt_h(best)} u); ten hoogste {_fmt_h(lim.max_hours_per_week * 60)} u per week.",
            loc,
            [f"alleen de diensten in het rooster geteld; weken zonder gegevens tellen als 0 u, "
             f"dus de overschrijding is bewezen ({_fmt_h(best)} u > {_fmt_h(cap)} u)"],
            refs,
        ))
    return out


def _merge_windows(items: list[tuple[datetime, datetime, float]]) -> list[tuple[datetime, datetime, float]]:
    """Overlapping or touching windows to maximal windows, keeping the largest measure."""
    out: list[list] = []
    for a, b, m in sorted(items, key=lambda x: (x[0], x[1])):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
            out[-1][2] = max(out[-1][2], m)
        else:
            out.append([a, b, m])
    return [tuple(x) for x in out]  # type: ignore[misc]


# -------------------------------------------------- rests that may be reduced


@dataclass
class RestEvent:
    start: int  # epoch minutes: the rest interval [start, end)
    end: int
    gap: int  # index of the gap: rest after block `gap`
    location: str | None
    refs: list[int]

    @property
    def minutes(self) -> int:
        return self.end - self.start


def _reduction_findings(ctx: Ctx, lim: RestWithReductionsLimits, events: list[RestEvent], what: str) -> list[Finding]:
    """Report the rests that no permitted reduction covers.

    A rest shorter than ``min_hours`` is a reduction; one shorter than the deepest
    reduction is always a finding. In every window of ``window_hours`` the
    reductions lying wholly in it must fit the permitted ones: at most
    ``reduced_per_window`` below ``second_reduced_hours`` and at most
    ``reduced_per_window + second_reduced_per_window`` in all; with
    ``no_consecutive_reductions`` two reduced rests may not follow each other.
    Every window's reductions are a subset of the set ending at one reduction, so
    checking those sets (a two-pointer sweep) is exact; the later rest of a
    clashing pair is the one reported.
    """
    full = lim.min_hours * 60
    deep = (lim.reduced_hours or lim.min_hours) * 60
    mid = (lim.second_reduced_hours or lim.reduced_hours or lim.min_hours) * 60
    win = lim.window_hours * 60
    alts = _alternatives_text(lim)
    out: list[Finding] = []
    reduced: list[RestEvent] = []
    lo = 0
    for ev in sorted(events, key=lambda e: (e.start, e.end)):
        m = ev.minutes
        if m >= full:
            continue
        if m < deep:
            out.append(ctx.finding(
                _wall(ev.start), _wall(ev.end), _h(m), _h(deep), "hours",
                f"{what} van {_fmt_h(m)} u; vereist {_fmt_h(full)} u"
                + (f", ingekort ten minste {_fmt_h(deep)} u." if deep < full else "."),
                ev.location, [alts], ev.refs,
            ))
            reduced.append(ev)
            continue
        reduced.append(ev)
        while lo < len(reduced) - 1 and ev.end - reduced[lo].start > win:
            lo += 1
        in_window = reduced[lo:]
        valid = [e for e in in_window if e.minutes >= deep]
        n_low = sum(1 for e in valid if e.minutes < mid)
        problem = None
        if n_low > lim.reduced_per_window or len(valid) > lim.reduced_per_window + lim.second_reduced_per_window:
            earlier = [e for e in valid if e is not ev]
            problem = (
                f"al {len(earlier)} ingekorte rust(en) binnen {_fmt_window(int(win))} ("
                + ", ".join(f"{_fmt_t(_wall(e.start))}: {_fmt_h(e.minutes)} u" for e in earlier) + ")"
            )
        elif lim.no_consecutive_reductions and len(reduced) >= 2:
            prev = reduced[-2]
            if prev.gap == ev.gap - 1 and ev.end - prev.start <= win:
                problem = f"direct na een ingekorte rust ({_fmt_t(_wall(prev.start))}: {_fmt_h(prev.minutes)} u); inkortingen mogen niet aansluiten"
        if problem:
            out.append(ctx.finding(
                _wall(ev.start), _wall(ev.end), _h(m), lim.min_hours, "hours",
                f"{what} van {_fmt_h(m)} u; vereist {_fmt_h(full)} u: inkorten mag niet meer, {problem}.",
                ev.location, [alts, problem], ev.refs,
            ))
    return out


def _alternatives_text(lim: RestWithReductionsLimits) -> str:
    parts = [f"{_fmt_h(lim.min_hours * 60)} u"]
    if lim.reduced_hours is not None:
        parts.append(f"{lim.reduced_per_window}× per {_fmt_window(int(lim.window_hours * 60))} ingekort tot {_fmt_h(lim.reduced_hours * 60)} u")
    if lim.second_reduced_hours is not None:
        parts.append(f"{lim.second_reduced_per_window}× tot {_fmt_h(lim.second_reduced_hours * 60)} u")
    if lim.no_consecutive_reductions:
        parts.append("inkortingen niet aansluitend")
    return "geprobeerde alternatieven: " + "; ".join(parts)


def rule_daily_rest(ctx: Ctx) -> list[Finding]:
    """ATW 5:3: in every 24 h an uninterrupted rest of ``min_hours`` (11 h), which
    may be reduced to ``reduced_hours`` (8 h) once per 7×24 h (CAO: more tiers).

    The 24 h periods are read as starting when a shift starts ("de periode van 24
    uur begint bij aanvang van de dienst"): for each block the longest rest in the
    ``day_hours`` after its start is that period's rest (a literal sliding window
    would fail every ordinary day shift). A split shift with a short break in
    between is therefore not a short rest. Periods starting at a sleep block, and
    rests next to a sleep block, fall under ``sleep_shift_rest`` (ATB 4.8).
    """
    lim: DailyRestLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    blocks = tl.blocks
    day = int(lim.day_hours * 60)
    full = lim.min_hours * 60
    chosen: dict[int, int] = {}  # gap index -> rest minutes seen (smallest)
    for i, blk in enumerate(blocks):
        if blk.sleep:
            continue
        w_end = blk.start + day
        best, best_gap = -1, None
        j = i
        while j < len(blocks) and blocks[j].end < w_end:
            nxt_start = blocks[j + 1].start if j + 1 < len(blocks) else _FAR * 2
            piece = min(nxt_start, w_end) - blocks[j].end
            if piece > best:
                best, best_gap = piece, j
            if nxt_start >= w_end:
                break
            j += 1
        if best_gap is None:
            best = 0  # the whole 24 h is work
            best_gap = i
        if best >= full:
            continue
        g = best_gap
        if blocks[g].sleep or (g + 1 < len(blocks) and blocks[g + 1].sleep):
            continue
        chosen[g] = min(chosen.get(g, best), best)
    events = []
    for g, m in chosen.items():
        a = blocks[g].end
        nxt = blocks[g + 1] if g + 1 < len(blocks) else None
        loc = nxt.first_location if nxt is not None and nxt.start <= a + m else blocks[g].location
        refs = blocks[g].refs + (nxt.refs if nxt is not None else [])
        events.append(RestEvent(a, a + m, g, loc, refs))
    return _reduction_findings(ctx, lim, events, "dagelijkse rust")


def rule_sleep_shift_rest(ctx: Ctx) -> list[Finding]:
    """ATB 4.8: ``min_hours`` (11 h) of rest before and after an
    aanwezigheidsdienst (sleep block), reducible once per 7×24 h to
    ``second_reduced_hours`` (10 h) and once to ``reduced_hours`` (8 h), not back to
    back. Measured on the rest right before and after each sleep block."""
    lim: RestWithReductionsLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    gaps = set()
    for i, blk in enumerate(tl.blocks):
        if blk.sleep:
            if i > 0:
                gaps.add(i - 1)
            if i + 1 < len(tl.blocks):
                gaps.add(i)
    events = []
    for g in sorted(gaps):
        a, nxt = tl.blocks[g], tl.blocks[g + 1]
        events.append(RestEvent(a.end, nxt.start, g, nxt.first_location, a.refs + nxt.refs))
    return _reduction_findings(ctx, lim, events, "rust rond een slaapdienst")


def rule_night_rest(ctx: Ctx) -> list[Finding]:
    """ATW 5:8: after a night shift that ends after ``late_end`` (02:00), at least
    ``min_hours`` (14 h) of rest, which may be ``reduced_hours`` (8 h) once per
    7×24 h. Measured from the end of the night block to the next block."""
    lim: NightRestLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    late = _clock_min(lim.late_end)
    events = []
    for i, blk in enumerate(tl.blocks):
        if blk.night and blk.ends_late(late) and i + 1 < len(tl.blocks):
            nxt = tl.blocks[i + 1]
            events.append(RestEvent(blk.end, nxt.start, i, nxt.first_location, blk.refs + nxt.refs))
    return _reduction_findings(ctx, lim, events, f"rust na een nachtdienst die na {lim.late_end} eindigt")


# ------------------------------------------------------------ night series


def rule_night_series_rest(ctx: Ctx) -> list[Finding]:
    """ATW 5:8: after a series of ``min_series`` (3) or more night shifts, at least
    ``min_hours`` (46 h) of rest. A series is a run of night blocks each following
    the previous with less than ``series_break_hours`` (24 h) of rest and nothing
    else in between; its rest is the time to the next block of any kind. A series
    at the end of the roster's data passes (what follows is not known)."""
    lim: NightSeriesRestLimits = ctx.limits  # type: ignore[assignment]
    tl, out = ctx.tl, []
    brk = lim.series_break_hours * 60
    run: list[int] = []
    for i, blk in enumerate(tl.blocks):
        if not blk.night:
            run = []
            continue
        run.append(i)
        gap = tl.gap_after(i)
        if gap is not None and gap < brk and tl.blocks[i + 1].night:
            continue  # the series goes on
        if len(run) >= lim.min_series and gap is not None and gap < lim.min_hours * 60:
            nxt = tl.blocks[i + 1]
            refs = [r for k in run for r in tl.blocks[k].refs] + nxt.refs
            out.append(ctx.finding(
                blk.end_wall, nxt.start_wall, _h(gap), lim.min_hours, "hours",
                f"na een reeks van {len(run)} nachtdiensten (vanaf {_fmt_t(tl.blocks[run[0]].start_wall)}) "
                f"maar {_fmt_h(gap)} u rust; vereist {_fmt_h(lim.min_hours * 60)} u.",
                nxt.first_location,
                [f"een reeks eindigt bij {_fmt_h(brk)} u rust of meer of bij een andere dienst"],
                refs,
            ))
        run = []
    return out


def rule_night_consecutive_shifts(ctx: Ctx) -> list[Finding]:
    """ATW 5:8: a series of consecutive shifts that includes a night shift has at
    most ``max_shifts`` (7) shifts. Shifts (blocks) are consecutive while the rest
    between them is less than ``series_break_hours`` (24 h)."""
    lim: NightConsecutiveLimits = ctx.limits  # type: ignore[assignment]
    tl, out = ctx.tl, []
    brk = lim.series_break_hours * 60
    run: list[int] = []

    def flush() -> None:
        if len(run) > lim.max_shifts and any(tl.blocks[k].night for k in run):
            first, last = tl.blocks[run[0]], tl.blocks[run[-1]]
            out.append(ctx.finding(
                first.start_wall, last.end_wall, len(run), lim.max_shifts, "shifts",
                f"{len(run)} diensten achter elkaar, waaronder een nachtdienst; ten hoogste {lim.max_shifts}.",
                last.location,
                [f"diensten zijn opeenvolgend bij minder dan {_fmt_h(brk)} u rust ertussen"],
                [r for k in run for r in tl.blocks[k].refs],
            ))

    for i, blk in enumerate(tl.blocks):
        if run and blk.start - tl.blocks[run[-1]].end >= brk:
            flush()
            run = []
        run.append(i)
    flush()
    return out


# ---------------------------------------------------------------- counts


def _count_findings(
    ctx: Ctx,
    events: list[tuple[int, int, int]],  # (start, end, block index), sorted by start
    cap: int,
    window_min: int,
    unit: str,
    message: Callable[[int], str],
    details: list[str],
) -> list[Finding]:
    """Sliding windows of ``window_min`` over event starts: any window holding more
    than ``cap`` events is a finding; overlapping windows merge into one."""
    tl = ctx.tl
    events = sorted(events)
    hits = []
    lo = 0
    for k, (s, e, _) in enumerate(events):
        while s - events[lo][0] >= window_min:
            lo += 1
        n = k - lo + 1
        if n > cap:
            hits.append((events[lo][0], e, n, lo, k))
    if not hits:
        return []
    merged: list[list] = []
    for a, b, n, lo_i, k in hits:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            merged[-1][2] = max(merged[-1][2], n)
            merged[-1][4] = k
        else:
            merged.append([a, b, n, lo_i, k])
    out = []
    for a, b, n, lo_i, k in merged:
        refs = [r for (_, _, bi) in events[lo_i : k + 1] for r in tl.blocks[bi].refs]
        out.append(ctx.finding(
            _wall(a), _wall(b), n, cap, unit, message(n), tl.blocks[events[k][2]].location,
            details + ["geteld op de diensten in het rooster; alleen gemeld als die er al te veel zijn"], refs,
        ))
    return out


def rule_count_in_window(ctx: Ctx) -> list[Finding]:
    """At most ``max`` events in any ``window_hours``: ``sleep_shift`` (sleep
    blocks; ATB 4.8: 52 per 26 weeks; CAO Sociaal Werk 3/7×24 h, 10/4 weeks, 26/13
    weeks) or ``late_night_shift`` (night shifts ending after 02:00; ATW 5:8: 36 per
    16 weeks). Counted by start; shifts outside the roster are unknown, so a window
    longer than the data is reported only when the data already exceeds the cap."""
    lim: CountInWindowLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    if lim.event == "sleep_shift":
        events = [(b.start, b.end, i) for i, b in enumerate(tl.blocks) if b.sleep]
        what = "slaapdiensten"
    else:
        events = [(b.start, b.end, i) for i, b in enumerate(tl.blocks) if b.night and b.ends_late(120)]
        what = "nachtdiensten die na 02:00 eindigen"
    win = int(lim.window_hours * 60)
    return _count_findings(
        ctx, events, lim.max, win, "shifts",
        lambda n: f"{n} {what} binnen {_fmt_window(win)}; ten hoogste {lim.max}.", [],
    )


def _fmt_window(minutes: int) -> str:
    h = minutes / 60
    if h % (24 * 7) == 0:
        w = int(h // (24 * 7))
        return "7×24 uur" if w == 1 else f"{w} weken"
    if h % 24 == 0:
        return f"{int(h // 24)}×24 uur"
    return f"{_fmt_h(minutes)} uur"


# ------------------------------------------------------- grid-based rests


def _rest_gaps(tl: Timeline) -> tuple[np.ndarray, np.ndarray]:
    """Rest intervals between blocks, with the unknown before and after the data as rest."""
    b = tl.blocks
    starts = [-_FAR] + [x.end for x in b]
    ends = [x.start for x in b] + [_FAR]
    return np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)


def _grid_base(tl: Timeline, period: int) -> int:
    """Epoch minute of a Monday 00:00 well before the data, for the period grid."""
    first = tl.blocks[0].start_wall.date()
    mon = _monday(first) - timedelta(days=7 * math.ceil(period / (7 * 1440) + 1))
    return _em(_midnight(mon))


def _grid_feasible(
    tl: Timeline,
    period: int,
    offsets: np.ndarray,
    period_ok: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> np.ndarray:
    """For each offset T: do all periods [base+T+kL, base+T+(k+1)L) satisfy
    ``period_ok(clipped_rest, period_starts)``? ``clipped_rest`` has one row per rest
    interval (clipped to the period) and one column per offset."""
    ga, gb = _rest_gaps(tl)
    base = _grid_base(tl, period)
    lo, hi = tl.blocks[0].start, tl.blocks[-1].end
    ok = np.ones(len(offsets), dtype=bool)
    k0 = (lo - base) // period - 1
    k1 = (hi - base) // period + 1
    for k in range(k0, k1 + 1):
        p0 = base + k * period
        sel = np.nonzero((gb > p0) & (ga < p0 + 2 * period))[0]
        p = p0 + offsets[None, :]
        if len(sel) == 0:
            clip = np.zeros((1, len(offsets)), dtype=np.int64)
        else:
            a = ga[sel][:, None]
            b = gb[sel][:, None]
            clip = np.clip(np.minimum(b, p + period) - np.maximum(a, p), 0, None)
        ok &= period_ok(clip, p[0])
        if not ok.any():
            break
    return ok


def _any_grid(tl: Timeline, period: int, period_ok) -> bool:
    """Is there a choice of period start (minute precision) for which every period holds?

    Calendar-aligned first (cheap, and what most rosters pass with), then every
    minute offset. Shift times are whole minutes and every condition is a closed
    bound on sums of clipped lengths, so a whole-minute offset exists whenever any
    offset does: this is exact.
    """
    if _calendar_grid_ok(tl, period, period_ok):
        return True
    return bool(_grid_feasible(tl, period, np.arange(period, dtype=np.int64), period_ok).any())


def _calendar_grid_ok(tl: Timeline, period: int, period_ok) -> bool:
    """``_grid_feasible`` at offset 0 (the calendar grid), every period at once: one
    column per period instead of one loop step per period. A rest that misses a
    period clips to 0 there, which no ``period_ok`` counts (sums, maxima, blocks)."""
    ga, gb = _rest_gaps(tl)
    if len(ga) == 0:
        return bool(_grid_feasible(tl, period, np.zeros(1, dtype=np.int64), period_ok)[0])
    base = _grid_base(tl, period)
    lo, hi = tl.blocks[0].start, tl.blocks[-1].end
    ks = np.arange((lo - base) // period - 1, (hi - base) // period + 2, dtype=np.int64)
    p = base + ks * period
    clip = np.clip(np.minimum(gb[:, None], p[None, :] + period) - np.maximum(ga[:, None], p[None, :]), 0, None)
    return bool(period_ok(clip, p).all())


def _any_grid_one_rest(tl: Timeline, period: int, need: int) -> bool:
    """As :func:`_any_grid` for "one uninterrupted rest of ``need`` per period", in
    closed form: rest [a, b) covers ``need`` of the period starting at p exactly
    when a - period + need <= p <= b - need, so each period's good offsets are a
    union of intervals, marked on a difference array per period."""
    ga, gb = _rest_gaps(tl)
    long_enough = (gb - ga) >= need
    ga, gb = ga[long_enough], gb[long_enough]
    base = _grid_base(tl, period)
    lo, hi = tl.blocks[0].start, tl.blocks[-1].end
    ks = np.arange((lo - base) // period - 1, (hi - base) // period + 2, dtype=np.int64)
    # Offset 0 (the calendar grid) for all periods at once: most employees pass
    # there, and then the per-period difference arrays below are not needed.
    p0s = base + ks[:, None] * period
    if ((np.minimum(gb[None, :], p0s + period) - np.maximum(ga[None, :], p0s)) >= need).any(axis=1).all():
        return True
    ok = np.ones(period, dtype=bool)
    for k in ks.tolist():
        p0 = base + k * period
        first = np.clip(ga - period + need - p0, 0, period)
        last = np.clip(gb - need - p0, -1, period - 1)
        keep = first <= last
        mark = np.zeros(period + 1, dtype=np.int32)
        np.add.at(mark, first[keep], 1)
        np.add.at(mark, last[keep] + 1, -1)
        ok &= np.cumsum(mark[:-1]) > 0
        if not ok.any():
            return False
    return True


def _failing_periods(tl: Timeline, period: int, period_ok) -> list[tuple[int, int, np.ndarray]]:
    """Periods of the calendar-aligned grid (from a Monday 00:00) that fail, with their clipped rests."""
    ga, gb = _rest_gaps(tl)
    base = _grid_base(tl, period)
    lo, hi = tl.blocks[0].start, tl.blocks[-1].end
    out = []
    for k in range((lo - base) // period - 1, (hi - base) // period + 2):
        p = base + k * period
        clip = np.clip(np.minimum(gb, p + period) - np.maximum(ga, p), 0, None)[:, None]
        if not period_ok(clip, np.asarray([p]))[0]:
            out.append((p, p + period, clip[:, 0]))
    return out


def rule_weekly_rest(ctx: Ctx) -> list[Finding]:
    """ATW 5:5: in every 7×24 h an uninterrupted rest of ``min_hours`` (36 h), or
    (the alternative) in every 14×24 h ``alt_total_hours`` (72 h) of rest in blocks
    of at least ``alt_min_block_hours`` (32 h).

    A literal sliding 7×24 h window fails an ordinary Monday–Friday week (a window
    from Saturday 23:00 holds two 32 h pieces of the weekend), so the periods are
    read as consecutive periods whose start the employer may choose. A violation
    is reported only when *no* choice of start (to the minute) satisfies the main
    rule *and* none satisfies the alternative — both evaluated exactly. The
    finding names the failing periods of the calendar-aligned grid (from Monday
    00:00). Used by the CAO Gehandicaptenzorg for 32 h per 9×24 h (no alternative).
    """
    lim: WeeklyRestLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    if not tl.blocks:
        return []
    L = int(lim.window_hours * 60)
    need = int(lim.min_hours * 60)

    def main_ok(clip: np.ndarray, _p: np.ndarray) -> np.ndarray:
        return clip.max(axis=0) >= need

    if _any_grid_one_rest(tl, L, need):
        return []
    tried = [f"{_fmt_h(need)} u aaneengesloten rust per {_fmt_window(L)}, bij elke keuze van het begin van de perioden: niet gehaald"]
    if lim.alt_total_hours is not None:
        L2 = int(lim.alt_window_hours * 60)  # type: ignore[operator]
        tot = int(lim.alt_total_hours * 60)
        blk = int(lim.alt_min_block_hours * 60)  # type: ignore[operator]

        def alt_ok(clip: np.ndarray, _p: np.ndarray) -> np.ndarray:
            return np.where(clip >= blk, clip, 0).sum(axis=0) >= tot

        if _any_grid(tl, L2, alt_ok):
            return []
        tried.append(
            f"alternatief {_fmt_h(tot)} u rust per {_fmt_window(L2)} in blokken van ten minste {_fmt_h(blk)} u: niet gehaald"
        )
    out = []
    for a, b, clip in _failing_periods(tl, L, main_ok):
        longest = int(clip.max())
        out.append(ctx.finding(
            _wall(a), _wall(b), _h(longest), lim.min_hours, "hours",
            f"langste aaneengesloten rust {_fmt_h(longest)} u in de periode van {_fmt_window(L)} vanaf {_fmt_t(_wall(a))}; "
            f"vereist {_fmt_h(need)} u. " + "; ".join(tried) + ".",
            _location_in(tl, a, b), tried, _refs_in(tl, a, b),
        ))
    return out


def rule_sleep_weekly_rest(ctx: Ctx) -> list[Finding]:
    """ATB 4.8: in every 7×24 h with an aanwezigheidsdienst, at least
    ``min_total_hours`` (90 h) of rest, including one uninterrupted rest of
    ``min_block_hours`` (24 h). Periods read as for weekly rest (start chosen by the
    employer, evaluated for every start to the minute); periods without a sleep
    block are not bound by it."""
    lim: SleepWeeklyRestLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    sleeps = [(b.start, b.end) for b in tl.blocks if b.sleep]
    if not sleeps:
        return []
    L = int(lim.window_hours * 60)
    tot, blk_need = int(lim.min_total_hours * 60), int(lim.min_block_hours * 60)
    sa = np.asarray([s for s, _ in sleeps], dtype=np.int64)
    sb = np.asarray([e for _, e in sleeps], dtype=np.int64)

    def ok(clip: np.ndarray, p: np.ndarray) -> np.ndarray:
        has_sleep = ((sa[:, None] < p[None, :] + L) & (sb[:, None] > p[None, :])).any(axis=0)
        good = (clip.sum(axis=0) >= tot) & (clip.max(axis=0) >= blk_need)
        return ~has_sleep | good

    if _any_grid(tl, L, ok):
        return []
    out = []
    for a, b, clip in _failing_periods(tl, L, ok):
        total, longest = int(clip.sum()), int(clip.max())
        measured = _h(total) if total < tot else _h(longest)
        required = lim.min_total_hours if total < tot else lim.min_block_hours
        out.append(ctx.finding(
            _wall(a), _wall(b), measured, required, "hours",
            f"in de periode van {_fmt_window(L)} vanaf {_fmt_t(_wall(a))} met een slaapdienst {_fmt_h(total)} u rust "
            f"(langste {_fmt_h(longest)} u); vereist {_fmt_h(tot)} u waarvan {_fmt_h(blk_need)} u aaneengesloten, "
            "bij geen enkele keuze van het begin van de perioden gehaald.",
            _location_in(tl, a, b), ["elke keuze van het begin van de 7×24-uursperioden geprobeerd"], _refs_in(tl, a, b),
        ))
    return out


# -------------------------------------------------------------- on call


def _on_call_days(tl: Timeline) -> dict[date, tuple[list[int], str]]:
    """On-call days as planners count them: the day an on-call shift starts, plus
    every later day it covers whole. A night on call (22:00-07:00) is one day, not
    two; a weekend on call from Friday 17:00 to Monday 08:00 is three."""
    days: dict[date, list] = {}
    for idx, s in tl.on_call:
        d = s.start.date()
        while d == s.start.date() or _midnight(d + timedelta(days=1)) <= s.end:
            e = days.setdefault(d, [[], s.location])
            e[0].append(idx)
            e[1] = s.location
            d += timedelta(days=1)
    return {d: (v[0], v[1]) for d, v in sorted(days.items())}


def rule_on_call_days(ctx: Ctx) -> list[Finding]:
    """ATW 5:9 (consignatie): at most ``max_days`` calendar days with on-call
    (beschikbaar, bereikbaar) in any ``window_days`` consecutive days, with at
    least ``free_pairs`` times 2 consecutive days without on-call in them;
    CAO Gehandicaptenzorg adds ``max_consecutive_days``. Days outside the roster
    count as free (not known), so only what the roster proves is reported."""
    lim: OnCallDaysLimits = ctx.limits  # type: ignore[assignment]
    days = _on_call_days(ctx.tl)
    if not days:
        return []
    out: list[Finding] = []
    first, last = min(days), max(days)
    n = lim.window_days
    # Day i of the span is ordinal o0 + i; a window is n days from its first day.
    # One byte per day and a sliding count: the windows are the rule's inner loop.
    o0 = first.toordinal() - (n - 1)
    length = (last - first).days + 2 * n - 1
    ords = {d.toordinal() for d in days}
    flag = bytes([o0 + i in ords for i in range(length)])
    count_hits, pair_hits = [], []
    free_run = bytes(2 * (lim.free_pairs or 0)) or b"\x02"  # never in flag when there is no pair rule
    c = sum(flag[: n - 1])
    for i in range(0, length - n + 1):
        c += flag[i + n - 1]
        if i:
            c -= flag[i - 1]
        if c == 0:
            continue
        w = flag[i : i + n]
        if c > lim.max_days:
            # the window a planner can act on: first to last on-call day in it
            on0, on1 = date.fromordinal(o0 + i + w.index(1)), date.fromordinal(o0 + i + w.rindex(1))
            count_hits.append((_midnight(on0), _midnight(on1 + timedelta(days=1)), c))
        if lim.free_pairs:
            # runs of days without on-call, each worth run // 2 pairs
            # (a free run of 2 x free_pairs days alone gives enough pairs)
            pairs = lim.free_pairs if free_run in w else sum(len(run) >> 1 for run in w.split(b"\x01"))
            if pairs < lim.free_pairs:
                day = date.fromordinal(o0 + i)
                pair_hits.append((_midnight(day), _midnight(day + timedelta(days=n)), pairs))

    def refs_loc(a: datetime, b: datetime) -> tuple[list[int], str | None]:
        inside = [(d, v) for d, v in days.items() if a <= _midnight(d) < b]
        return [r for _, v in inside for r in v[0]], (inside[-1][1][1] if inside else None)

    for a, b, c in _merge_windows(count_hits):
        refs, loc = refs_loc(a, b)
        out.append(ctx.finding(
            a, b, int(c), lim.max_days, "days",
            f"{int(c)} dagen consignatie binnen {n} dagen; ten hoogste {lim.max_days}.", loc, [], refs,
        ))
    merged_pairs: list[list] = []
    for a, b, p in pair_hits:  # keep the fewest pairs found
        if merged_pairs and a <= merged_pairs[-1][1]:
            merged_pairs[-1][1] = max(merged_pairs[-1][1], b)
            merged_pairs[-1][2] = min(merged_pairs[-1][2], p)
        else:
            merged_pairs.append([a, b, p])
    for a, b, p in merged_pairs:
        refs, loc = refs_loc(a, b)
        out.append(ctx.finding(
            a, b, int(p), lim.free_pairs, "days",
            f"binnen {n} dagen maar {int(p)}× twee aaneengesloten dagen zonder consignatie; vereist {lim.free_pairs}×.",
            loc, [], refs,
        ))
    if lim.max_consecutive_days is not None:
        run: list[date] = []
        for d in list(days) + [None]:  # type: ignore[list-item]
            if d is not None and run and d == run[-1] + timedelta(days=1):
                run.append(d)
                continue
            if len(run) > lim.max_consecutive_days:
                a, b = _midnight(run[0]), _midnight(run[-1] + timedelta(days=1))
                refs, loc = refs_loc(a, b)
                out.append(ctx.finding(
                    a, b, len(run), lim.max_consecutive_days, "days",
                    f"{len(run)} dagen consignatie achter elkaar; ten hoogste {lim.max_consecutive_days}.", loc, [], refs,
                ))
            run = [d] if d is not None else []
    return out


def rule_on_call_around_night(ctx: Ctx) -> list[Finding]:
    """ATW 5:9: no on-call in the ``before_hours`` (11 h) before or the
    ``after_hours`` (14 h) after a night shift. Reported per on-call shift that
    overlaps those hours, the window being the overlap."""
    lim: OnCallNightLimits = ctx.limits  # type: ignore[assignment]
    tl, out = ctx.tl, []
    calls = [(_em(s.start), _em(s.end), idx, s) for idx, s in tl.on_call]
    starts = [c[0] for c in calls]
    before, after = int(lim.before_hours * 60), int(lim.after_hours * 60)
    seen = set()
    for blk in tl.blocks:
        if not blk.night:
            continue
        for lo, hi, side, req in ((blk.start - before, blk.start, "voor", before), (blk.end, blk.end + after, "na", after)):
            j = bisect.bisect_left(starts, hi)
            for a, b, idx, s in calls[:j]:
                if b <= lo or (idx, side, blk.start) in seen:
                    continue
                x, y = max(a, lo), min(b, hi)
                if y <= x:
                    continue
                seen.add((idx, side, blk.start))
                dist = (blk.start - b) if side == "voor" else (a - blk.end)
                out.append(ctx.finding(
                    _wall(x), _wall(y), _h(max(dist, 0)), _h(req), "hours",
                    f"consignatie {_fmt_h(max(dist, 0))} u {side} een nachtdienst ({_fmt_t(blk.start_wall)}); "
                    f"geen consignatie binnen {_fmt_h(req)} u {side} een nachtdienst.",
                    s.location, [], [idx] + blk.refs,
                ))
    return out


# -------------------------------------------------------------- CAO GGZ


def rule_sleep_shift_window(ctx: Ctx) -> list[Finding]:
    """CAO GGZ: a slaapdienst lies between ``start`` (23:00) and ``end`` (07:00).
    Reported per slaapdienst with the hours outside that window."""
    lim: SleepWindowLimits = ctx.limits  # type: ignore[assignment]
    ws, we = _clock_min(lim.start), _clock_min(lim.end)
    length = (we - ws) % 1440 or 1440
    out = []
    for idx, s in ctx.tl.shifts:
        if s.kind is not ShiftKind.SLEEP:
            continue
        t = s.start.hour * 60 + s.start.minute
        # the window that contains the start, else the next one
        since = (t - ws) % 1440
        if since < length:
            w0 = _midnight(s.start.date()) + timedelta(minutes=t - since)
        else:
            w0 = _midnight(s.start.date()) + timedelta(minutes=t - since + 1440)
        w1 = w0 + timedelta(minutes=length)
        inside = max(timedelta(0), min(s.end, w1) - max(s.start, w0))
        outside = (s.end - s.start) - inside
        if outside > timedelta(0):
            out.append(ctx.finding(
                s.start, s.end, _h(outside.total_seconds() / 60), 0, "hours",
                f"slaapdienst {s.start.strftime('%H:%M')}–{s.end.strftime('%H:%M')} valt "
                f"{_fmt_h(outside.total_seconds() / 60)} u buiten {lim.start}–{lim.end}.",
                s.location, [], [idx],
            ))
    return out


def rule_sleep_free_weekends(ctx: Ctx) -> list[Finding]:
    """CAO GGZ: at least ``min_free`` weekends free of sleep shifts in every
    ``per_weekends`` consecutive weekends (the CAO's "2 weekends per 28 days": 4
    weekends). A weekend is Saturday 00:00 – Monday 00:00; a slaapdienst
    overlapping it makes it not free. Weekends outside the roster are unknown and
    count as free, so only what the roster proves is reported."""
    lim: SleepFreeWeekendsLimits = ctx.limits  # type: ignore[assignment]
    busy: dict[date, list[int]] = {}
    for idx, s in ctx.tl.shifts:
        if s.kind is not ShiftKind.SLEEP:
            continue
        sat = s.start.date() - timedelta(days=(s.start.weekday() - 5) % 7)
        for sat_d in (sat - timedelta(days=7), sat, sat + timedelta(days=7)):
            if s.start < _midnight(sat_d + timedelta(days=2)) and s.end > _midnight(sat_d):
                busy.setdefault(sat_d, []).append(idx)
    if not busy:
        return []
    n = lim.per_weekends
    first, last = min(busy), max(busy)
    sats = []
    d = first - timedelta(days=7 * (n - 1))
    while d <= last + timedelta(days=7 * (n - 1)):
        sats.append(d)
        d += timedelta(days=7)
    hits = []
    for i in range(len(sats) - n + 1):
        group = sats[i : i + n]
        free = sum(1 for g in group if g not in busy)
        if free < lim.min_free:
            hits.append((_midnight(group[0]), _midnight(group[-1] + timedelta(days=2)), -free))
    out = []
    for a, b, negfree in _merge_windows(hits):
        refs = [r for sd, rs in busy.items() if a <= _midnight(sd) < b for r in rs]
        loc = next((s.location for idx, s in reversed(ctx.tl.shifts) if idx in set(refs)), None)
        out.append(ctx.finding(
            a, b, int(-negfree), lim.min_free, "weekends",
            f"maar {int(-negfree)} van {n} opeenvolgende weekenden zonder slaapdienst; vereist {lim.min_free}.",
            loc, [], refs,
        ))
    return out


RULES: dict[str, Callable[[Ctx], list[Finding]]] = {
    "shift_length": rule_shift_length,
    "night_shift_length": rule_night_shift_length,
    "sleep_shift_length": rule_sleep_shift_length,
    "week_hours": rule_week_hours,
    "average_week_hours": rule_average_week_hours,
    "daily_rest": rule_daily_rest,
    "sleep_shift_rest": rule_sleep_shift_rest,
    "night_rest": rule_night_rest,
    "weekly_rest": rule_weekly_rest,
    "sleep_weekly_rest": rule_sleep_weekly_rest,
    "night_series_rest": rule_night_series_rest,
    "night_consecutive_shifts": rule_night_consecutive_shifts,
    "count_in_window": rule_count_in_window,
    "on_call_days": rule_on_call_days,
    "on_call_around_night": rule_on_call_around_night,
    "sleep_shift_window": rule_sleep_shift_window,
    "sleep_free_weekends": rule_sleep_free_weekends,
}


# ------------------------------------------------------------ entry points


def effective_norms(norm_sets: Sequence[NormSet]) -> list[tuple[NormSet, LabourLawNorm]]:
    """The labour-law norms that apply when these sets are combined.

    Base sets first, overlays after (the checker's order). An overlay norm with
    ``replaces: X`` drops norm X of the set it overlays; every other overlay norm
    adds to the law (a CAO can only tighten, except where it says it replaces).
    """
    replaced: set[tuple[str, str]] = set()
    ids = {s.id for s in norm_sets}
    for s in norm_sets:
        for n in s.norms:
            r = getattr(n, "replaces", None)
            if r is not None:
                if s.overlays not in ids:
                    continue  # the overlaid set is not being evaluated: nothing to replace
                base = next(b for b in norm_sets if b.id == s.overlays)
                if r not in {m.id for m in base.norms}:
                    raise ValueError(f"norm set {s.id}: norm {n.id} replaces unknown norm {r!r} of {s.overlays}")
                replaced.add((s.overlays, r))
    out = []
    for s in norm_sets:
        for n in s.norms:
            if isinstance(n, LabourLawNorm) and (s.id, n.id) not in replaced:
                out.append((s, n))
    return out


def _evaluate(pairs: list[tuple[NormSet, LabourLawNorm]], timelines: Iterable[Timeline]) -> list[Finding]:
    out: list[Finding] = []
    # One context per norm, pointed at each employee in turn (a rule uses its
    # context only while it runs: findings are made there and then).
    rules = [(RULES[n.params.rule], Ctx(n, s.id, None, n.params.typed)) for s, n in pairs]  # type: ignore[arg-type]
    for tl in timelines:
        if not tl.blocks and not tl.on_call:
            continue
        for rule, ctx in rules:
            ctx.tl = tl
            found = rule(ctx)
            if found:
                out.extend(found)
    out.sort(key=Finding.sort_key)
    return out


def check_employees(norm_set: NormSet, roster: Roster, catalogue=None) -> list[Finding]:
    """All labour-law findings of one employee-scoped norm set, every employee.

    Evaluates the set on its own. For an overlay (CAO) set that is its own norms
    only; a norm it ``replaces`` in the law is *not* suppressed here — combine the
    sets with :func:`check_employee_sets` for that.
    """
    return _evaluate(effective_norms([norm_set]), _timelines(roster).values())


def check_employee_sets(norm_sets: Sequence[NormSet], roster: Roster) -> list[Finding]:
    """The law and its overlays together (``replaces`` honoured), every employee."""
    return _evaluate(effective_norms(norm_sets), _timelines(roster).values())


def employee_violations(norm_sets: Sequence[NormSet], roster: Roster, employee_id: str) -> list[Finding]:
    """Findings for one employee only: cheap enough to call per proposed change.

    Builds that employee's timeline from ``roster.shifts`` (no cache), so a fixer
    can pass a modified roster — or use :func:`employee_violations_for_shifts`.
    """
    items = [(i, s) for i, s in enumerate(roster.shifts) if s.employee == employee_id]
    return employee_violations_for_shifts(norm_sets, employee_id, items)


def employee_violations_for_shifts(
    norm_sets: Sequence[NormSet], employee_id: str, shifts: Sequence[tuple[int, Shift]] | Sequence[Shift]
) -> list[Finding]:
    """Findings for one employee given their shifts (``Shift`` or ``(ref, Shift)``),
    without building a Roster: the fixer's inner loop."""
    items = [x if isinstance(x, tuple) else (i, x) for i, x in enumerate(shifts)]
    return _evaluate(effective_norms(norm_sets), [build_timeline(employee_id, items)])  # type: ignore[arg-type]
