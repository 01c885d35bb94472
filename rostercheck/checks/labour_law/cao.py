"""The CAO GGZ's own sleep-shift rules (figures from secondary sources)."""

from __future__ import annotations

from datetime import date, timedelta

from rostercheck.checks.labour_law.context import Ctx, clock_min, fmt_h, h, merge_windows, rule
from rostercheck.checks.labour_law.timeline import midnight
from rostercheck.findings import Finding
from rostercheck.model import ShiftKind
from rostercheck.normsets.schema import SleepFreeWeekendsLimits, SleepWindowLimits


@rule("sleep_shift_window")
def sleep_shift_window(ctx: Ctx) -> list[Finding]:
    """What it checks: every slaapdienst lies wholly between ``start`` (23:00) and
    ``end`` (07:00); awake work joined to it is not a slaapdienst.

    Why: CAO GGZ (secondary source, LABOUR_LAW.md; the CAO text is not available).

    Findings: per slaapdienst with hours outside the window; window = the shift,
    measured = hours outside.
    """
    lim: SleepWindowLimits = ctx.limits  # type: ignore[assignment]
    ws, we = clock_min(lim.start), clock_min(lim.end)
    length = (we - ws) % 1440 or 1440
    out = []
    for idx, s in ctx.tl.shifts:
        if s.kind is not ShiftKind.SLEEP:
            continue
        t = s.start.hour * 60 + s.start.minute
        # the window that contains the start, else the next one
        since = (t - ws) % 1440
        if since < length:
            w0 = midnight(s.start.date()) + timedelta(minutes=t - since)
        else:
            w0 = midnight(s.start.date()) + timedelta(minutes=t - since + 1440)
        w1 = w0 + timedelta(minutes=length)
        inside = max(timedelta(0), min(s.end, w1) - max(s.start, w0))
        outside = (s.end - s.start) - inside
        if outside > timedelta(0):
            out.append(ctx.finding(
                s.start, s.end, h(outside.total_seconds() / 60), 0, "hours",
                f"slaapdienst {s.start.strftime('%H:%M')}–{s.end.strftime('%H:%M')} valt "
                f"{fmt_h(outside.total_seconds() / 60)} u buiten {lim.start}–{lim.end}.",
                s.location, [], [idx],
            ))
    return out


@rule("sleep_free_weekends")
def sleep_free_weekends(ctx: Ctx) -> list[Finding]:
    """What it checks: at least ``min_free`` weekends free of sleep shifts in every
    ``per_weekends`` consecutive weekends. A weekend is Saturday 00:00 – Monday
    00:00; a slaapdienst overlapping it makes it not free.

    Why: CAO GGZ "2 weekends per 28 days" (secondary source), read as 2 of every 4
    consecutive weekends.

    Findings: per run of failing groups of weekends; measured = free weekends.
    Weekends outside the roster are unknown and count as free.
    """
    lim: SleepFreeWeekendsLimits = ctx.limits  # type: ignore[assignment]
    busy: dict[date, list[int]] = {}
    for idx, s in ctx.tl.shifts:
        if s.kind is not ShiftKind.SLEEP:
            continue
        sat = s.start.date() - timedelta(days=(s.start.weekday() - 5) % 7)
        for sat_d in (sat - timedelta(days=7), sat, sat + timedelta(days=7)):
            if s.start < midnight(sat_d + timedelta(days=2)) and s.end > midnight(sat_d):
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
            hits.append((midnight(group[0]), midnight(group[-1] + timedelta(days=2)), -free))
    out = []
    for a, b, negfree in merge_windows(hits):
        refs = [r for sd, rs in busy.items() if a <= midnight(sd) < b for r in rs]
        loc = next((s.location for idx, s in reversed(ctx.tl.shifts) if idx in set(refs)), None)
        out.append(ctx.finding(
            a, b, int(-negfree), lim.min_free, "weekends",
            f"maar {int(-negfree)} van {n} opeenvolgende weekenden zonder slaapdienst; vereist {lim.min_free}.",
            loc, [], refs,
        ))
    return out
