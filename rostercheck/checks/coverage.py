"""Coverage (bezetting): someone of the right kind and level is there, or can be there
within the response time, at every minute of a recurring time window.

What it checks
    A coverage norm names a window (weekdays, from-to; a window that ends at or
    before its start crosses midnight and belongs to its start day; 00:00-24:00 on
    all seven days is 24/7), a presence (which shift kinds count, see
    ``checks.eligibility``), a minimum level and ``min_staff``. On every day the norm
    applies at the location (``checks.scope.active_days``), within the period, at
    least ``min_staff`` different employees must have a counting shift at the
    location at every minute. One person with two overlapping shifts counts once.

Why
    The documents promise presence ("een professional aanwezig van 07:00 tot 22:00")
    or a response time ("'s nachts binnen 15 minuten ter plaatse"); a gap of one hour
    is a gap in care that the contract pays for.

Findings
    One per maximal contiguous violated window, per norm and location: windows
    that touch (24/7, or 07:00-22:00 followed by 22:00-07:00) merge, so a 24/7 gap
    across midnight is one finding. ``measured`` is the lowest number of counting
    staff in the window. Where the window would be covered if the on-call shifts
    without a known response time counted, the finding is a warning "cannot
    verify" of check ``input`` (OUTPUT.md: data the check needed and did not have)
    instead of an error: never a silent pass.
    ``shift_refs``: for an error, every shift at the location that overlaps the
    window (the planner sees who was there and why they did not count, in
    ``details``); for a warning, the on-call shifts whose response time is unknown.

:func:`coverage_profile` gives the same timeline (built by the same sweep) for the
heat maps of the HTML and Excel reports.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Literal, NamedTuple

import numpy as np

from rostercheck.checks._common import (
    LocShift,
    _per_roster,
    active_days,
    clock,
    first_active_product,
    grouped_intervals,
    from_minute,
    merge,
    midnight,
    nl_day,
    nl_moment,
    nl_span,
    prepared,
    shifts_at,
    shifts_overlapping,
    staff_word,
    to_minute,
    unverifiable,
    window_memo,
)
from rostercheck.checks.eligibility import TRAVELLING, Counts, counts_towards, kind_counts, qualifies, rule_of, why_not_qualified
from rostercheck.checks.intervals import GroupedArrays, group_kinds, grouped_arrays, sorted_unique, union_per_employee
from rostercheck.findings import CheckKind, Finding
from rostercheck.model import Roster
from rostercheck.normsets.schema import WEEKDAYS, CoverageNorm, CoverageParams, NormSet, Presence

Status = Literal["ok", "short", "unknown"]


@dataclass(frozen=True)
class CoverageSegment:
    """A stretch of a coverage norm's window at one location with one status and count."""

    norm: str
    start: datetime
    end: datetime  # exclusive
    status: Status  # ok; short (too few counting staff); unknown (covered only if unknown response times count)
    measured: int  # staff that certainly count
    required: int


class _Piece(NamedTuple):
    a: int  # minutes from the period start
    b: int
    sure: int  # employees who certainly count
    maybe: int  # ... plus those who count if their unknown response time is short enough


def window_minutes(roster: Roster, params: CoverageParams, days, merged: bool = True) -> list[tuple[int, int]]:
    """The norm's windows on ``days`` as merged real-minute intervals, clipped to the
    period (``merged=False``: one interval per window, for ``require: some_moment``).

    A window crossing midnight belongs to the day it starts. So the night that
    started the day before the period (e.g. 28 February 22:00 - 1 March 07:00 in a
    March roster) is applied too, clipped to the period, when the norm applies on
    the period's first day: otherwise 1 March 00:00-07:00 would never be checked
    against any night norm.
    """
    w = params.window
    days = tuple(days)
    # What follows depends only on these and the roster: many norms and locations
    # share a window and the same days (the product delivered all period).
    key = (w.days, w.start_minute, w.end_minute, w.crosses_midnight, merged, days)
    memo = window_memo(roster)
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = _window_minutes(roster, w, days, merged)
    return list(hit)


def _window_minutes(roster: Roster, w, days: tuple, merged: bool) -> list[tuple[int, int]]:
    weekdays = {WEEKDAYS.index(d) for d in w.days}
    length = (w.end_minute - w.start_minute) % 1440 or 1440
    limit = to_minute(roster, roster.period.end)
    first = roster.period.start.date()
    # wall-clock minute of the window's start on the first day
    offset = int((midnight(first) - roster.period.start).total_seconds()) // 60 + w.start_minute
    applied = list(days)
    if w.crosses_midnight and first in applied:
        applied.insert(0, first - timedelta(days=1))
    starts = [offset + (day - first).days * 1440 for day in applied if day.weekday() in weekdays]
    # the window is wall-clock times; what must be covered is the real minutes between them
    reals = clock(roster).reals
    out = [(max(a, 0), min(b, limit)) for a, b in zip(reals(starts), reals([a + length for a in starts]))]
    out = [(a, b) for a, b in out if b > a]
    return merge(out) if merged else out


def _counting(norm: CoverageNorm, roster: Roster, location_id: str) -> tuple[dict, dict]:
    """Per employee, the minute intervals that certainly count (sure) and that count
    if unknown response times are short enough (maybe, a superset)."""
    params = norm.params
    sure: dict[str, list[tuple[int, int]]] = {}
    maybe: dict[str, list[tuple[int, int]]] = {}
    employees = roster.employee_by_id
    for (emp_id, kind, response), intervals in grouped_intervals(roster, location_id).items():
        emp = employees.get(emp_id)
        counts = Counts.NO if emp is None else counts_towards(params, emp, kind, response)
        if counts is Counts.NO:
            continue
        maybe.setdefault(emp_id, []).extend(intervals)
        if counts is Counts.YES:
            sure.setdefault(emp_id, []).extend(intervals)
    return sure, maybe


def _counting_unions(norm: CoverageNorm, roster: Roster, grouped: GroupedArrays):
    """What :func:`_counting` gives, for the locations of ``grouped``, each employee's
    intervals at a location joined (``merge``: one person counts once at a time), as
    lifted arrays of starts and ends: (sure starts, sure ends, maybe starts, maybe
    ends), the last two None when they are the sure ones (no shift whose unknown
    response time might count). Decided once per kind of group (``group_kinds``)."""
    params = norm.params
    kinds = group_kinds(roster, grouped)
    # per kind: 0 no, 1 maybe (unknown response time), 2 yes; the last entry for kind -1.
    # The kinds are the roster's (the table grows as locations are asked for), so the
    # answers are kept per rule and only the new kinds decided.
    known = _per_roster(roster).grouped_arrays.setdefault("answers", {}).setdefault(rule_of(params), [])
    for emp, kind, response in kinds.examples[len(known):]:
        known.append(_CODE[counts_towards(params, emp, kind, response)])
    answer = np.asarray(known[:len(kinds.examples)] + [0], dtype=np.int8)[kinds.kind]
    sure, maybe = answer == 2, answer > 0
    rows_employee = kinds.employee[grouped.group]
    picked = sure[grouped.group]
    sure_a, sure_b = union_per_employee(rows_employee[picked], grouped.a[picked], grouped.b[picked])
    if not (maybe & ~sure).any():
        return sure_a, sure_b, None, None
    picked = maybe[grouped.group]
    return (sure_a, sure_b, *union_per_employee(rows_employee[picked], grouped.a[picked], grouped.b[picked]))


_CODE = {Counts.NO: 0, Counts.UNKNOWN: 1, Counts.YES: 2}


def _pieces(
    norm: CoverageNorm, roster: Roster, location_id: str, shifts: list[LocShift],
    windows: list[tuple[int, int]] | None = None, within: list[tuple[int, int]] | None = None,
) -> list[_Piece]:
    """Sweep over the start/end events of the counting shifts: the piecewise-constant
    number of counting staff, cut to the norm's windows (and to the sorted minute
    ranges ``within``, where only part of the period is drawn)."""
    if windows is None:
        windows = window_minutes(roster, norm.params, active_days(roster, location_id, norm.products))
    if within is not None:
        windows = [(max(wa, a), min(wb, b)) for wa, wb in windows for a, b in within if wa < b and a < wb]
    if not windows:
        return []
    sure, maybe = _counting(norm, roster, location_id)
    step_sure: dict[int, int] = {}
    step_maybe: dict[int, int] = {}
    for step, per_employee in ((step_sure, sure), (step_maybe, maybe)):
        for ivs in per_employee.values():
            for a, b in merge(ivs):  # one person counts once at a time
                step[a] = step.get(a, 0) + 1
                step[b] = step.get(b, 0) - 1
    times = sorted(step_sure.keys() | step_maybe.keys())
    levels = list(zip(  # counts from times[i] on
        accumulate(step_sure.get(t, 0) for t in times), accumulate(step_maybe.get(t, 0) for t in times)
    ))
    out: list[_Piece] = []
    n = len(times)
    for wa, wb in windows:
        i = bisect_right(times, wa) - 1
        cur = levels[i] if i >= 0 else (0, 0)
        a = wa
        i += 1
        while i < n and times[i] < wb:
            if levels[i] != cur:
                out.append(_Piece(a, times[i], cur[0], cur[1]))
                a, cur = times[i], levels[i]
            i += 1
        out.append(_Piece(a, wb, cur[0], cur[1]))
    return out


def _status(p: _Piece, required: int) -> Status:
    if p.sure >= required:
        return "ok"
    return "unknown" if p.maybe >= required else "short"


def _runs(pieces: list[_Piece], required: int) -> list[tuple[Status, int, int, int]]:
    """Maximal contiguous runs of one status: (status, a, b, lowest sure count)."""
    runs: list[tuple[Status, int, int, int]] = []
    for p in pieces:
        st = _status(p, required)
        if runs and runs[-1][0] == st and runs[-1][2] == p.a:
            prev = runs[-1]
            runs[-1] = (st, prev[1], p.b, min(prev[3], p.sure))
        else:
            runs.append((st, p.a, p.b, p.sure))
    return runs


_STATUS: tuple[Status, ...] = ("ok", "unknown", "short")


def _runs_of(norm: CoverageNorm, roster: Roster, location_ids: list[str]) -> dict[str, list[tuple[Status, int, int, int]]]:
    """``_runs(_pieces(...))`` of each location, as whole-array operations over all
    of them at once: the same runs, without a Python step per shift start or end
    (the check's inner loop on a large roster) or a round of array calls per
    location (a roster of a thousand small locations).

    Each location lives on its own stretch of one time line (``GroupedArrays``), so
    one sweep serves them all: the counts return to zero between two locations and
    no window spans two. Every point where a window starts or the counts may change
    inside a window gets the counts from there on; a run starts at a window start or
    where the status changes, and ends where the next run starts or its window ends."""
    required = norm.params.min_staff
    span = to_minute(roster, roster.period.end) + 1
    per_location = [window_minutes(roster, norm.params, active_days(roster, loc, norm.products)) for loc in location_ids]
    out: dict[str, list[tuple[Status, int, int, int]]] = {loc: [] for loc in location_ids}
    at = [k for k, w in enumerate(per_location) if w]
    if not at:
        return out
    located = [location_ids[k] for k in at]
    sure_a, sure_b, maybe_a, maybe_b = _counting_unions(norm, roster, grouped_arrays(roster, located, span))
    same = maybe_a is None  # no unknown response time at these locations: one sweep serves both
    times = sorted_unique(np.concatenate([sure_a, sure_b] if same else [sure_a, sure_b, maybe_a, maybe_b]))
    n = len(times)

    def levels(a_s: np.ndarray, b_s: np.ndarray) -> np.ndarray:
        """Counts from times[i] on, at index i + 1; index 0 is before any time (0)."""
        up = np.bincount(np.searchsorted(times, a_s), minlength=n)
        down = np.bincount(np.searchsorted(times, b_s), minlength=n)
        return np.concatenate([[0], np.cumsum(up[:n] - down[:n])])

    sure_lv = levels(sure_a, sure_b)
    maybe_lv = sure_lv if same else levels(maybe_a, maybe_b)
    window_location = np.repeat(np.arange(len(at)), [len(per_location[k]) for k in at])
    flat = np.asarray([w for k in at for w in per_location[k]], dtype=np.int64).reshape(-1, 2)
    lift = window_location * span
    wa, wb = flat[:, 0] + lift, flat[:, 1] + lift
    k = len(wa)
    # times strictly inside a window (a time at a window's start is its start level)
    wi = np.searchsorted(wa, times, side="right") - 1
    wi_c = np.maximum(wi, 0)
    inside = (wi >= 0) & (times > wa[wi_c]) & (times < wb[wi_c])
    pts = np.concatenate([wa, times[inside]])
    pw = np.concatenate([np.arange(k), wi_c[inside]])
    li = np.concatenate([np.searchsorted(times, wa, side="right"), np.flatnonzero(inside) + 1])
    order = np.argsort(pts, kind="stable")
    pts, pw, li = pts[order], pw[order], li[order]
    s_p, m_p = sure_lv[li], maybe_lv[li]
    st = np.where(s_p >= required, 0, np.where(m_p >= required, 1, 2))
    new_run = np.ones(len(pts), dtype=bool)
    new_run[1:] = (st[1:] != st[:-1]) | (pw[1:] != pw[:-1])
    rs = np.flatnonzero(new_run)
    lowest = np.minimum.reduceat(s_p, rs)
    nxt = np.append(rs[1:], len(pts) - 1)
    same_window = np.append(pw[rs[1:]] == pw[rs[:-1]], False)
    run_end = np.where(same_window, pts[nxt], wb[pw[rs]])
    run_location = window_location[pw[rs]]
    back = run_location * span
    for where, code, a, b, low in zip(run_location.tolist(), st[rs].tolist(), (pts[rs] - back).tolist(),
                                      (run_end - back).tolist(), lowest.tolist()):
        out[located[where]].append((_STATUS[code], a, b, low))
    return out


def prepare(norm: CoverageNorm, roster: Roster, location_ids: list[str]) -> None:
    """The runs of a "throughout" norm at several locations in one sweep
    (:func:`_runs_of`), each kept for that location's :func:`check`."""
    if norm.params.require == "some_moment":
        return
    memo = prepared(roster)
    for location_id, runs in _runs_of(norm, roster, location_ids).items():
        memo[(id(norm), location_id)] = (norm, runs)


def _runs_at(norm: CoverageNorm, roster: Roster, location_id: str) -> list[tuple[Status, int, int, int]]:
    """The location's runs: as :func:`prepare` left them, else swept now."""
    hit = prepared(roster).pop((id(norm), location_id), None)
    if hit is not None and hit[0] is norm:
        return hit[1]
    return _runs_of(norm, roster, [location_id])[location_id]


def coverage_profile(
    roster: Roster, catalogue, location_id: str, within: list[tuple[datetime, datetime]] | None = None
) -> list[CoverageSegment]:
    """The timeline of every coverage norm at the location, within its windows: for
    the heat maps. Consecutive stretches with the same status and count are joined.
    ``within``: only these (sorted, disjoint) stretches of the period — the months a
    report draws."""
    location = roster.location_by_id[location_id]
    norm_set = catalogue.get(location.norm_set)
    if norm_set is None:
        raise ValueError(f"location {location_id}: unknown norm set {location.norm_set!r}")
    shifts = shifts_at(roster, location_id)
    out: list[CoverageSegment] = []
    for norm in norm_set.norms:
        if not isinstance(norm, CoverageNorm) or norm.params.require != "throughout":
            continue  # a "some moment each day" norm has no minute-by-minute status
        required = norm.params.min_staff
        last: CoverageSegment | None = None
        ranges = None if within is None else [(to_minute(roster, a), to_minute(roster, b)) for a, b in within]
        for p in _pieces(norm, roster, location_id, shifts, within=ranges):
            st = _status(p, required)
            start, end = from_minute(roster, p.a), from_minute(roster, p.b)
            if last is not None and last.end == start and last.status == st and last.measured == p.sure:
                last = CoverageSegment(norm.id, last.start, end, st, p.sure, required)
                out[-1] = last
            else:
                last = CoverageSegment(norm.id, start, end, st, p.sure, required)
                out.append(last)
    return out


def _some_moment_runs(norm: CoverageNorm, roster: Roster, location_id: str) -> list[tuple[Status, int, int, int]]:
    """``require: some_moment``: each window (one per day, not merged) is ok when at
    some minute of it enough staff count; else short, or unknown when it would be ok
    if the unknown response times counted. ``lowest`` is the window's highest count."""
    windows = window_minutes(roster, norm.params, active_days(roster, location_id, norm.products), merged=False)
    required = norm.params.min_staff
    pieces = _pieces(norm, roster, location_id, shifts_at(roster, location_id), windows)
    out = []
    i = 0
    for wa, wb in windows:
        best_sure = best_maybe = 0
        while i < len(pieces) and pieces[i].a < wb:
            if pieces[i].b > wa:
                best_sure, best_maybe = max(best_sure, pieces[i].sure), max(best_maybe, pieces[i].maybe)
            i += 1
        status: Status = "ok" if best_sure >= required else ("unknown" if best_maybe >= required else "short")
        out.append((status, wa, wb, best_sure))
    return out


def check(norm: CoverageNorm, norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    params = norm.params
    findings = []
    once = params.require == "some_moment"
    runs = _some_moment_runs(norm, roster, location_id) if once else _runs_at(norm, roster, location_id)
    for status, a, b, lowest in runs:
        if status == "ok":
            continue
        start, end = from_minute(roster, a), from_minute(roster, b)
        overlapping = shifts_overlapping(roster, location_id, start, end)
        if status == "short":
            kind, severity = CheckKind.COVERAGE, norm.severity
            refs = tuple(ls.index for ls in overlapping)
            message = _short_message(params, lowest, start, end, b - a)
            details = tuple(_why_not(params, roster, ls) for ls in overlapping)
            message += _unqualified_note(params, roster, overlapping)
        else:
            # OUTPUT.md: data the check needed and did not have is an `input` finding
            kind, severity = CheckKind.INPUT, unverifiable(norm.severity)
            unknown = [ls for ls in overlapping if _counts(params, roster, ls) is Counts.UNKNOWN]
            refs = tuple(ls.index for ls in unknown)
            message = _unknown_message(params, lowest, start, end)
            details = tuple(
                f"{ls.shift.employee}: {ls.shift.kind.value} {nl_span(ls.shift.start, ls.shift.end)} zonder aanrijtijd"
                for ls in unknown
            )
        findings.append(
            Finding(
                check=kind,
                severity=severity,
                norm=norm.id,
                norm_set=norm_set.id,
                product=first_active_product(roster, location_id, norm.products, start.date()),
                location=location_id,
                start=start,
                end=end,
                measured=lowest,
                required=params.min_staff,
                unit="staff",
                message=message,
                source=norm.source,
                shift_refs=refs,
                details=tuple(d for d in details if d),
            )
        )
    return findings


def _counts(params: CoverageParams, roster: Roster, ls: LocShift) -> Counts:
    emp = roster.employee_by_id.get(ls.shift.employee)
    if emp is None:
        return Counts.NO
    return counts_towards(params, emp, ls.shift.kind, roster.response_min(ls.shift))


_PRESENCE_NL = {
    Presence.AWAKE_ON_SITE: "wakker aanwezig op de locatie",
    Presence.ON_SITE: "aanwezig op de locatie (slapende wacht telt mee)",
    Presence.ON_DUTY: "in dienst (op de locatie, ambulant of beschikbaar)",
    Presence.REACHABLE: "bereikbaar (telefonisch binnen 5 minuten)",
}


def _presence_nl(params: CoverageParams) -> str:
    if params.presence is Presence.ON_SITE_WITHIN:
        return f"op de locatie of binnen {params.response_min} minuten ter plaatse"
    return _PRESENCE_NL[params.presence]


def _when(start: datetime, end: datetime) -> str:
    """'op wo 4 mrt van 07:00 tot 15:00' within a day, else 'van wo 4 mrt 23:00 tot do 5 mrt 02:30'."""
    if start.date() == end.date():
        return f"op {nl_day(start.date())} van {start:%H:%M} tot {end:%H:%M}"
    if end == midnight(start.date()) + timedelta(days=1):
        return f"op {nl_day(start.date())} van {start:%H:%M} tot 24:00"
    return f"van {nl_moment(start)} tot {nl_moment(end)}"


def _short_message(params: CoverageParams, lowest: int, start: datetime, end: datetime, real_minutes: int) -> str:
    who = staff_word(params.care_relevant, params.min_level, plural=params.min_staff > 1)
    if params.min_staff == 1:
        head = f"Geen {who}"
    else:
        head = f"{'Geen' if lowest == 0 else f'Slechts {lowest}'} van de {params.min_staff} vereiste {who}"
    if params.require == "some_moment":
        return f"{head} {_presence_nl(params)} op enig moment {_when(start, end)} (vereist: elke {_days_nl(params)})."
    out = f"{head} {_presence_nl(params)} {_when(start, end)}"
    wall = int((end - start).total_seconds()) // 60
    if wall != real_minutes and real_minutes <= 1440:  # a gap across a clock change: say how long it really is
        out += f" ({real_minutes} minuten: de klok is die nacht verzet)"
    return out + "."


def _days_nl(params: CoverageParams) -> str:
    days = params.window.days
    if tuple(days) == WEEKDAYS[:5]:
        return "werkdag (ma-vr)"
    return "dag (" + ", ".join(_DAY_NL[d] for d in days) + ")"


_DAY_NL = dict(zip(WEEKDAYS, ("ma", "di", "wo", "do", "vr", "za", "zo")))


def _unqualified_note(params: CoverageParams, roster: Roster, overlapping: list[LocShift]) -> str:
    """' E3 (beschikbaar) telt niet mee: MBO-3, minimaal MBO-4 voor dit product.' for every
    person whose shift would have counted but for their level or education (reading 1)."""
    notes: dict[str, str] = {}
    for ls in overlapping:
        emp = roster.employee_by_id.get(ls.shift.employee)
        if emp is None or emp.id in notes or qualifies(params, emp):
            continue
        if kind_counts(params, ls.shift.kind, roster.response_min(ls.shift)) is Counts.NO:
            continue  # the kind would not count anyway; the details say so
        notes[emp.id] = f" {emp.id} ({ls.shift.kind.value}): {why_not_qualified(params, emp)}."
    return "".join(notes[e] for e in sorted(notes))


def _unknown_message(params: CoverageParams, lowest: int, start: datetime, end: datetime) -> str:
    who = staff_word(params.care_relevant, params.min_level, plural=params.min_staff > 1)
    count = "een" if params.min_staff == 1 else str(params.min_staff)
    when = f"op enig moment {_when(start, end)}" if params.require == "some_moment" else _when(start, end)
    return (
        f"Niet te controleren: {when} is er pas {count} {who} {_presence_nl(params)} "
        f"als de dienst (beschikbaar of ambulant) zonder bekende aanrijtijd meetelt; vul aanrijtijd_min of het blad "
        f"Reistijden in (zeker: {lowest})."
    )


def _why_not(params: CoverageParams, roster: Roster, ls: LocShift) -> str:
    """Why a shift overlapping a gap did not close it ('' when it did count for part of it)."""
    s = ls.shift
    emp = roster.employee_by_id.get(s.employee)
    head = f"{s.employee}: {s.kind.value} {nl_span(s.start, s.end)}"
    if emp is None:
        return f"{head} — medewerker staat niet in de personeelslijst"
    if not qualifies(params, emp):
        return f"{head} — {why_not_qualified(params, emp)}"
    resp = roster.response_min(s)
    k = kind_counts(params, s.kind, resp)
    if k is Counts.NO:
        if params.presence is Presence.ON_SITE_WITHIN and resp is not None and s.kind in TRAVELLING:
            return f"{head} — telt niet: aanrijtijd {resp} min, vereist ≤ {params.response_min} min"
        return f"{head} — telt niet: soort {s.kind.value} telt niet als {_presence_nl(params)}"
    return ""
