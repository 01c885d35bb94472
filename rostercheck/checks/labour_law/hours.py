"""Hours of work per week and on average, and Sundays: ATW 5:6 lid 3, 5:7 lid 2 b–c and 3, 5:8 lid 2,
ATB 4.8:1 lid 3 b, 4.8:2."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from rostercheck.checks.labour_law.context import Ctx, fmt_h, merge_windows, rule
from rostercheck.checks.labour_law.screens import longest_run_of_weeks, sundays_with_work, week_minutes
from rostercheck.checks.labour_law.timeline import ON_CALL, PHONE, Timeline, em, midnight, monday
from rostercheck.findings import Finding
from rostercheck.normsets.schema import AverageWeekHoursLimits, SundaysLimits, WeekHoursLimits

_WEEK_OF: dict[date, tuple[date, datetime, date, datetime]] = {}  # day -> its Monday, that midnight, the next


def week_hours(tl: Timeline) -> dict[date, tuple[float, list[int], str]]:
    """Working minutes per calendar week (Monday), the union of the working shifts
    (a slaapdienst included: it is working time in every regime)."""
    if "weeks" in tl.cache:
        return tl.cache["weeks"]
    intervals: list[list] = []  # [start, end, shift indexes, location of the last shift]
    for idx, s in tl.shifts:
        if s.kind is ON_CALL or s.kind is PHONE:
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
            mon = monday(d)
            wk = _WEEK_OF[d] = (mon, midnight(mon), mon + week, midnight(mon + week))
        mon, m0, nmon, m1 = wk
        while True:
            lo, hi = (a if a > m0 else m0), (b if b < m1 else m1)
            if hi > lo:
                w = weeks.get(mon)
                if w is None:
                    w = weeks[mon] = [0.0, [], None]
                w[0] += em(hi) - em(lo)
                w[1].extend(idxs)
                w[2] = loc
            if m1 >= b:
                break
            mon, m0 = nmon, m1
            nmon = mon + week
            m1 = midnight(nmon)
    tl.cache["weeks"] = {k: (v[0], v[1], v[2]) for k, v in sorted(weeks.items())}
    return tl.cache["weeks"]


@rule("week_hours")
def week_hours_rule(ctx: Ctx) -> list[Finding]:
    """What it checks: at most ``max_hours`` of work in a calendar week (Monday
    00:00 – Sunday 24:00), real elapsed time, overlapping shifts once.

    Why: ATW 5:7 lid 2 b "60 uren per week". The 2015 text does not define the
    week; the calendar week is the week planners roster by.

    Findings: one per week over the limit; window = the week.
    """
    lim: WeekHoursLimits = ctx.limits  # type: ignore[assignment]
    minutes_per_week = week_minutes(ctx.tl)
    if minutes_per_week is not None and max(minutes_per_week) <= lim.max_hours * 60:
        return []  # the same figures as below, none over the limit
    out = []
    for mon, (minutes, refs, loc) in week_hours(ctx.tl).items():
        if minutes > lim.max_hours * 60:
            out.append(ctx.finding(
                midnight(mon), midnight(mon + timedelta(days=7)), round(minutes / 60, 2), lim.max_hours, "hours",
                f"{fmt_h(minutes)} u gewerkt in de week van {mon.strftime('%d-%m-%Y')}; ten hoogste {fmt_h(lim.max_hours * 60)} u.",
                loc, [], refs,
            ))
    return out


@rule("average_week_hours")
def average_week_hours(ctx: Ctx) -> list[Finding]:
    """What it checks: on average at most ``max_hours_per_week`` over every run of
    ``weeks`` consecutive calendar weeks; with ``min_night_shifts`` only runs in
    which the employee works at least that many nachtdiensten.

    Why: ATW 5:7 lid 2 c (48 h per 16 weeks), lid 3 (55 h per 4 weeks), 5:8 lid 2
    (40 h per 16 weeks with 16 or more night shifts), ATB 4.8:1 lid 3 b (48 h per
    26 weeks) and 4.8:2 lid 2 (60 h per 26 weeks with consent).

    Findings: weeks the roster does not hold count as 0 h, so a finding means the
    hours that are there already exceed ``weeks × max_hours_per_week`` (proven);
    overlapping runs merge into one window; measured = the highest average.
    """
    lim: AverageWeekHoursLimits = ctx.limits  # type: ignore[assignment]
    cap = lim.weeks * lim.max_hours_per_week * 60
    minutes_per_week = week_minutes(ctx.tl)
    if minutes_per_week is not None and longest_run_of_weeks(minutes_per_week, lim.weeks) <= cap:
        return []  # every run below sums the same figures: none over the cap
    weeks = week_hours(ctx.tl)
    if not weeks:
        return []
    if sum(v[0] for v in weeks.values()) <= cap:
        return []  # no run of weeks can hold more than all the weeks together
    nights: dict[date, int] = {}
    if lim.min_night_shifts is not None:
        for d in ctx.tl.diensten:
            if d.night:
                mon = monday(d.start_wall.date())
                nights[mon] = nights.get(mon, 0) + 1
        if sum(nights.values()) < lim.min_night_shifts:
            return []  # no run of weeks can hold enough nachtdiensten
    first, last = min(weeks), max(weeks)
    keys = []
    d = first - timedelta(days=7 * (lim.weeks - 1))
    while d <= last:
        keys.append(d)
        d += timedelta(days=7)
    vals = [weeks.get(k, (0.0, [], None))[0] for k in keys]
    nvals = [nights.get(k, 0) for k in keys]
    hits = []
    run = 0.0
    nrun = 0
    for j, v in enumerate(vals):
        run += v
        nrun += nvals[j]
        if j >= lim.weeks:
            run -= vals[j - lim.weeks]
            nrun -= nvals[j - lim.weeks]
        if j >= lim.weeks - 1 and run > cap and (lim.min_night_shifts is None or nrun >= lim.min_night_shifts):
            s = keys[j - lim.weeks + 1]
            hits.append((midnight(s), midnight(s + timedelta(days=7 * lim.weeks)), run))
    out = []
    for start, end, best in merge_windows(hits):
        refs = [r for k, (_, rs, _) in weeks.items() if start <= midnight(k) < end for r in rs]
        loc = next((loc for k, (_, _, loc) in reversed(weeks.items()) if start <= midnight(k) < end), None)
        extra = (f"met {lim.min_night_shifts} of meer nachtdiensten in die weken; "
                 if lim.min_night_shifts is not None else "")
        out.append(ctx.finding(
            start, end, round(best / 60.0 / lim.weeks, 2), lim.max_hours_per_week, "hours",
            f"gemiddeld {fmt_h(best / lim.weeks)} u per week over {lim.weeks} weken "
            f"({fmt_h(best)} u); {extra}ten hoogste {fmt_h(lim.max_hours_per_week * 60)} u per week.",
            loc,
            [f"alleen de diensten in het rooster geteld; weken zonder gegevens tellen als 0 u, "
             f"dus de overschrijding is bewezen ({fmt_h(best)} u > {fmt_h(cap)} u)"],
            refs,
        ))
    return out


@rule("sundays_worked")
def sundays_worked(ctx: Ctx) -> list[Finding]:
    """What it checks: at least ``min_free`` Sundays without work in every ``weeks``
    consecutive weeks; a Sunday counts as worked when any working time falls on it.

    Why: ATW 5:6 lid 3 (13 free Sundays per 52 weeks). Sundays outside the roster
    count as free, so a violation is reported only when the roster itself holds
    more than 52 − 13 = 39 worked Sundays in one run of 52 weeks (a year's roster);
    a shorter roster cannot prove one. A collective agreement may deviate (lid 4),
    so the norm applies without one.

    Findings: per run of overlapping 52-week windows; window = first to last
    worked Sunday counted, measured = free Sundays in the worst window.
    """
    lim: SundaysLimits = ctx.limits  # type: ignore[assignment]
    counted = sundays_with_work(ctx.tl)
    if counted is not None and counted <= lim.weeks - lim.min_free:
        return []  # the same count as len(worked) below
    worked: dict[date, list[int]] = {}
    for idx, s in ctx.tl.shifts:
        if s.kind is ON_CALL or s.kind is PHONE:
            continue
        d = s.start.date()
        while midnight(d) < s.end:
            if d.weekday() == 6:
                worked.setdefault(d, []).append(idx)
            d += timedelta(days=1)
    cap = lim.weeks - lim.min_free
    if len(worked) <= cap:
        return []
    sundays = sorted(worked)
    hits = []
    lo = 0
    for k, d in enumerate(sundays):
        while (d - sundays[lo]).days >= 7 * lim.weeks:
            lo += 1
        if k - lo + 1 > cap:
            hits.append((midnight(sundays[lo]), midnight(d + timedelta(days=1)), lim.weeks - (k - lo + 1)))
    out = []
    for a, b, free in merge_windows(hits, keep=min):
        refs = [r for d in sundays if a <= midnight(d) < b for r in worked[d]]
        out.append(ctx.finding(
            a, b, free, lim.min_free, "days",
            f"{lim.weeks - free} zondagen gewerkt binnen {lim.weeks} weken: {free} vrije zondagen; "
            f"ten minste {lim.min_free}.",
            next((s.location for i, s in reversed(ctx.tl.shifts) if i in set(refs)), None), [], refs,
        ))
    return out
