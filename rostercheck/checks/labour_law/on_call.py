"""On call: consignatie (ATW 5:9) and, by collective agreement, the
bereikbaarheidsdienst and the cap on special duties (ATB 5.19:3–4).

Which on-call shifts are consignatie depends on the regime (:mod:`.regimes`):
without a collective agreement every ``beschikbaar`` and ``bereikbaar`` shift is
consignatie; with one, a ``beschikbaar`` shift (comes when called) is a
*bereikbaarheidsdienst* (ATB 5.19:3) and only ``bereikbaar`` (phone) is
consignatie. 5.19:3 lid 3 applies 5:9 lid 3–9 to the bereikbaarheidsdienst, so
those rules see both kinds in every regime; 5:9 lid 2 sees consignatie only.
"""

from __future__ import annotations

import bisect
from datetime import date, datetime, timedelta

import numpy as np

from rostercheck.checks.labour_law.context import Ctx, count_findings, fmt_h, fmt_t, fmt_window, h, merge_windows, rule
from rostercheck.checks.labour_law.screens import on_call_days_hold
from rostercheck.checks.labour_law.timeline import ON_CALL, PHONE, midnight, midnight_minutes, wall
from rostercheck.findings import Finding
from rostercheck.model import Shift
from rostercheck.normsets.schema import DutyCountLimits, FreeWithoutOnCallLimits, OnCallDaysLimits, OnCallNightLimits, OnCallWorkLimits


def consignatie(ctx: Ctx) -> list[tuple[int, Shift]]:
    collective = ctx.regime is not None and ctx.regime.collective
    return [(i, s) for i, s in ctx.tl.on_call if not (collective and s.kind is ON_CALL)]


def _consignatie_minutes(ctx: Ctx) -> list[tuple[int, int]]:
    """Real minutes of the start and end of each shift :func:`consignatie` gives."""
    collective = ctx.regime is not None and ctx.regime.collective
    tl = ctx.tl
    return [m for (_, s), m in zip(tl.on_call, tl.on_call_minutes) if not (collective and s.kind is ON_CALL)]


def _on_call_days(shifts: list[tuple[int, Shift]]) -> dict[date, tuple[list[int], str]]:
    """On-call days as planners count them: the day an on-call shift starts, plus
    every later day it covers whole. A night on call (22:00-07:00) is one day, not
    two; a weekend on call from Friday 17:00 to Monday 08:00 is three."""
    days: dict[date, list] = {}
    for idx, s in shifts:
        d = s.start.date()
        while d == s.start.date() or midnight(d + timedelta(days=1)) <= s.end:
            e = days.setdefault(d, [[], s.location])
            e[0].append(idx)
            e[1] = s.location
            d += timedelta(days=1)
    return {d: (v[0], v[1]) for d, v in sorted(days.items())}


@rule("on_call_days")
def on_call_days(ctx: Ctx) -> list[Finding]:
    """What it checks: at most ``max_days`` calendar days with on-call in any
    ``window_days`` consecutive days (and, with ``max_consecutive_days``, no longer
    run of on-call days). ``count: consignatie`` counts consignatie only (the law),
    ``count: on_call`` every on-call shift (a CAO's figures).

    Why: ATW 5:9 lid 2 a: in every 28×24 h "14 maal een periode van 24
    aaneengesloten uren geen consignatie"; a calendar day without on-call is such a
    period, so at most 14 days with on-call per 28 days. CAO Gehandicaptenzorg:
    7 per 28 days, at most 5 in a row.

    Findings: per run of overlapping windows over the cap (window = first to last
    on-call day in it) and per run of consecutive days too long. Days outside the
    roster count as free.
    """
    lim: OnCallDaysLimits = ctx.limits  # type: ignore[assignment]
    shifts = consignatie(ctx) if lim.count == "consignatie" else ctx.tl.on_call
    if lim.max_consecutive_days is None and on_call_days_hold(shifts, lim.window_days, lim.max_days):
        return []  # the same days as below, no window over the cap
    days = _on_call_days(shifts)
    if not days:
        return []
    out: list[Finding] = []
    first, last = min(days), max(days)
    n = lim.window_days
    o0 = first.toordinal() - (n - 1)
    length = (last - first).days + 2 * n - 1
    ords = {d.toordinal() for d in days}
    flag = bytes([o0 + i in ords for i in range(length)])
    hits = []
    c = sum(flag[: n - 1])
    for i in range(0, length - n + 1):
        c += flag[i + n - 1]
        if i:
            c -= flag[i - 1]
        if c > lim.max_days:
            w = flag[i : i + n]
            on0, on1 = date.fromordinal(o0 + i + w.index(1)), date.fromordinal(o0 + i + w.rindex(1))
            hits.append((midnight(on0), midnight(on1 + timedelta(days=1)), c))

    def refs_loc(a: datetime, b: datetime) -> tuple[list[int], str | None]:
        inside = [(d, v) for d, v in days.items() if a <= midnight(d) < b]
        return [r for _, v in inside for r in v[0]], (inside[-1][1][1] if inside else None)

    what = "consignatie" if lim.count == "consignatie" else "bereikbaarheids- of beschikbaarheidsdienst"
    for a, b, c in merge_windows(hits):
        refs, loc = refs_loc(a, b)
        out.append(ctx.finding(
            a, b, int(c), lim.max_days, "days",
            f"{int(c)} dagen met {what} binnen {n} dagen; ten hoogste {lim.max_days}.", loc, [], refs,
        ))
    if lim.max_consecutive_days is not None:
        run: list[date] = []
        for d in list(days) + [None]:  # type: ignore[list-item]
            if d is not None and run and d == run[-1] + timedelta(days=1):
                run.append(d)
                continue
            if len(run) > lim.max_consecutive_days:
                a, b = midnight(run[0]), midnight(run[-1] + timedelta(days=1))
                refs, loc = refs_loc(a, b)
                out.append(ctx.finding(
                    a, b, len(run), lim.max_consecutive_days, "days",
                    f"{len(run)} dagen met {what} achter elkaar; ten hoogste {lim.max_consecutive_days}.", loc, [], refs,
                ))
            run = [d] if d is not None else []
    return out


@rule("free_without_on_call")
def free_without_on_call(ctx: Ctx) -> list[Finding]:
    """What it checks: in every ``window_days`` (28×24 h) that holds consignatie, at
    least ``periods`` (2) periods of ``period_hours`` (48 h) without work and without
    consignatie; a free stretch of 96 h holds two.

    Why: ATW 5:9 lid 2 b ("2 maal een aaneengesloten periode van 48 uren geen
    arbeid verricht noch consignatie wordt opgelegd"). The article does not say
    where the 28×24 h periods start: every day's 00:00 is tried (sliding).

    Findings: per run of overlapping failing windows; measured = the fewest free
    48 h periods found. Time outside the roster counts as free.
    """
    lim: FreeWithoutOnCallLimits = ctx.limits  # type: ignore[assignment]
    calls = consignatie(ctx)
    if not calls:
        return []
    call_minutes = _consignatie_minutes(ctx)
    busy = sorted([(b.start, b.end) for b in ctx.tl.blocks] + call_minutes)
    per = int(lim.period_hours * 60)
    # Free stretches of at least one period (a shorter one never holds one), with the
    # unknown before and after the data as free.
    free: list[tuple[int, int]] = []
    last_end = -(10**9)
    for a, b in busy:
        if a - last_end >= per:
            free.append((last_end, a))
        last_end = max(last_end, b)
    free.append((last_end, 10**9))
    call_iv = sorted(call_minutes)
    call_starts = np.asarray([a for a, _ in call_iv], dtype=np.int64)
    reach = np.maximum.accumulate(np.asarray([b for _, b in call_iv], dtype=np.int64))  # latest end so far
    win_days = lim.window_days
    first = min(s.start for _, s in calls).date() - timedelta(days=win_days - 1)
    n_days = (max(s.end for _, s in calls).date() - first).days + 1
    edges = np.asarray(midnight_minutes(first, n_days + win_days), dtype=np.int64)
    wa, wb = edges[:n_days], edges[win_days : win_days + n_days]  # every window [day, day + 28)
    j = np.searchsorted(call_starts, wb, side="left")
    holds = (j > 0) & (reach[np.maximum(j - 1, 0)] > wa)  # the window holds consignatie
    fa = np.asarray([x for x, _ in free], dtype=np.int64)
    fb = np.asarray([y for _, y in free], dtype=np.int64)
    clip = np.clip(np.minimum(fb[None, :], wb[:, None]) - np.maximum(fa[None, :], wa[:, None]), 0, None)
    periods = (clip // per).sum(axis=1)
    hits = [(midnight(first + timedelta(days=i)), midnight(first + timedelta(days=i + win_days)), int(periods[i]))
            for i in np.nonzero(holds & (periods < lim.periods))[0].tolist()]
    out = []
    for a, b, n in merge_windows(hits, keep=min):
        refs = [i for i, s in calls if s.start < b and s.end > a]
        loc = next((s.location for i, s in reversed(calls) if s.start < b and s.end > a), None)
        out.append(ctx.finding(
            a, b, int(n), lim.periods, "periods",
            f"binnen {win_days}×24 uur {int(n)}× {fmt_h(per)} u zonder arbeid en zonder consignatie; vereist {lim.periods}×.",
            loc, [], refs,
        ))
    return out


@rule("on_call_around_night")
def on_call_around_night(ctx: Ctx) -> list[Finding]:
    """What it checks: no on-call shift in the ``before_hours`` (11 h) before or the
    ``after_hours`` (14 h) after a nachtdienst.

    Why: ATW 5:9 lid 3; for the bereikbaarheidsdienst by ATB 5.19:3 lid 3.

    Findings: per on-call shift overlapping those hours; window = the overlap,
    measured = the hours between the on-call shift and the night.
    """
    lim: OnCallNightLimits = ctx.limits  # type: ignore[assignment]
    tl, out = ctx.tl, []
    if not tl.nights or not tl.on_call:
        return []  # no pair of a nachtdienst and an on-call shift to look at
    calls = [(a, b, idx, s) for (idx, s), (a, b) in zip(tl.on_call, tl.on_call_minutes)]
    before, after = int(lim.before_hours * 60), int(lim.after_hours * 60)
    seen = set()
    for d in (tl.diensten[k] for k in tl.nights):
        for lo, hi, side, req in ((d.start - before, d.start, "voor", before), (d.end, d.end + after, "na", after)):
            for a, b, idx, s in calls:
                if a >= hi or b <= lo or (idx, side, d.start) in seen:
                    continue
                seen.add((idx, side, d.start))
                dist = (d.start - b) if side == "voor" else (a - d.end)
                out.append(ctx.finding(
                    wall(max(a, lo)), wall(min(b, hi)), h(max(dist, 0)), h(req), "hours",
                    f"{s.kind.value} {fmt_h(max(dist, 0))} u {side} een nachtdienst ({fmt_t(d.start_wall)}); "
                    f"geen consignatie binnen {fmt_h(req)} u {side} een nachtdienst.",
                    s.location, [], [idx] + d.refs,
                ))
    return out


@rule("on_call_work")
def on_call_work(ctx: Ctx) -> list[Finding]:
    """What it checks: in every 24 consecutive hours that touch an on-call shift, at
    most ``max_hours`` (13 h) of rostered work.

    Why: ATW 5:9 lid 4 ("ten hoogste 13 uren in elke periode van 24 aaneengesloten
    uren arbeid"), for the bereikbaarheidsdienst by ATB 5.19:3 lid 3. Work done when
    called is not in a roster, so only the rostered work is counted: a finding is
    proven, a pass is not (the calls may add to it).

    Findings: per on-call shift with such a window; window = the 24 h with the
    most work, measured = that work.
    """
    lim: OnCallWorkLimits = ctx.limits  # type: ignore[assignment]
    tl, out = ctx.tl, []
    if not tl.on_call:
        return []  # the windows below are those around on-call shifts
    day, cap = 24 * 60, int(lim.max_hours * 60)
    all_blocks = [(b.start, b.end) for b in tl.blocks]
    if not all_blocks:
        return []
    block_starts = [x for x, _ in all_blocks]
    block_ends = [y for _, y in all_blocks]  # blocks do not overlap: sorted too
    for (idx, s), (a, b) in zip(tl.on_call, tl.on_call_minutes):
        lo, hi = a - day, b  # window starts t with t < b and t + day > a
        # the blocks any such window can reach: ending after lo, starting before hi + day
        i0 = bisect.bisect_right(block_ends, lo)
        blocks = all_blocks[i0 : bisect.bisect_left(block_starts, hi + day)]
        if sum(y - x for x, y in blocks) <= cap:
            continue  # all the work within reach fits anyway
        # windows starting at a block's start first: on a tie the report shows the
        # 24 h from the start of the work
        starts = sorted({x for x, _ in blocks if lo < x < hi})
        others = sorted({lo + 1, hi - 1} | {y - day for _, y in blocks if lo < y - day < hi})
        best, best_t = -1, None
        for t in starts + others:
            w = sum(max(0, min(y, t + day) - max(x, t)) for x, y in blocks)
            if w > best:
                best, best_t = w, t
        if best > cap:
            out.append(ctx.finding(
                wall(best_t), wall(best_t + day), h(best), lim.max_hours, "hours",
                f"{fmt_h(best)} u ingeroosterde arbeid binnen 24 uur met {s.kind.value} ({fmt_t(s.start)}); "
                f"ten hoogste {fmt_h(cap)} u.",
                s.location, ["oproepen tijdens de consignatie staan niet in het rooster en komen er nog bij"],
                [idx] + [r for blk in tl.blocks[i0:] if blk.start < best_t + day and blk.end > best_t for r in blk.refs],
            ))
    return out


@rule("duty_count")
def duty_count(ctx: Ctx) -> list[Finding]:
    """What it checks: at most ``max`` duties in any ``window_hours``:
    ``bereikbaarheidsdienst`` (``beschikbaar`` shifts) or ``special_duties``
    (consignatie, aanwezigheidsdiensten and bereikbaarheidsdiensten together, for an
    employee who has more than one of these kinds in the roster).

    Why: ATB 5.19:3 lid 2 (3 per 7×24 h, 32 per 16 weeks) and 5.19:4 ("Indien aan
    een werknemer zowel consignatie, aanwezigheidsdiensten of
    bereikbaarheidsdiensten worden opgelegd": read as more than one kind), by
    collective agreement.

    Findings: per run of overlapping windows over the cap; window = first to last
    duty counted (by start).
    """
    lim: DutyCountLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    on_call = list(zip(tl.on_call, tl.on_call_minutes))
    bereik = [(a, b, [i], s.location) for (i, s), (a, b) in on_call if s.kind is ON_CALL]
    if lim.event == "bereikbaarheidsdienst":
        events, what = bereik, "bereikbaarheidsdiensten"
    else:
        consig = [(a, b, [i], s.location) for (i, s), (a, b) in on_call if s.kind is PHONE]
        presence = [(b.start, b.end, b.refs, b.location) for b in tl.blocks if b.sleep]
        if sum(1 for x in (bereik, consig, presence) if x) < 2:
            return []
        events, what = bereik + consig + presence, "consignaties, aanwezigheids- en bereikbaarheidsdiensten samen"
    win = int(lim.window_hours * 60)
    return count_findings(ctx, events, lim.max, win, "shifts", lambda n: f"{n} {what} binnen {fmt_window(win)}; ten hoogste {lim.max}.", [])
