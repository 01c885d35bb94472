"""Series and counts of night shifts and sleeping watches: ATW 5:8 lid 5–9, ATB 4.8:1 lid 3 a."""

from __future__ import annotations

from datetime import timedelta

from rostercheck.checks.labour_law.context import Ctx, count_findings, fmt_h, fmt_t, fmt_window, h, merge_windows, rule
from rostercheck.checks.labour_law.timeline import em, midnight, monday, night_overlap, wall
from rostercheck.findings import Finding
from rostercheck.normsets.schema import CountInWindowLimits, LateNightAlternativeLimits, NightConsecutiveLimits, NightSeriesRestLimits

LATE_END_MIN = 2 * 60  # 5:8 lid 4 and 8: "een nachtdienst die eindigt na 02.00 uur"


@rule("night_series_rest")
def night_series_rest(ctx: Ctx) -> list[Finding]:
    """What it checks: after a series of ``min_series`` (3) or more successive
    nachtdiensten, an uninterrupted rest of ``min_hours`` (46 h).

    Why: ATW 5:8 lid 5 ("na het verrichten van een reeks van 3 of meer
    achtereenvolgende nachtdiensten"). Successive: night diensten with no other
    dienst between them; a rest of ``series_break_hours`` or more ends the series
    (set to the 46 h themselves: such a rest already satisfies the rule).

    Findings: per series followed by too short a rest; window = that rest.
    A series at the end of the roster's data passes (what follows is not known).
    """
    lim: NightSeriesRestLimits = ctx.limits  # type: ignore[assignment]
    tl, out = ctx.tl, []
    brk = lim.series_break_hours * 60
    if len(tl.nights) < lim.min_series:
        return []  # no series of that many nachtdiensten
    run: list[int] = []
    for i, d in enumerate(tl.diensten):
        if not d.night:
            run = []
            continue
        run.append(i)
        gap = tl.dienst_gap_after(i)
        if gap is not None and gap < brk and tl.diensten[i + 1].night:
            continue
        if len(run) >= lim.min_series and gap is not None and gap < lim.min_hours * 60:
            nxt = tl.diensten[i + 1]
            refs = [r for k in run for r in tl.diensten[k].refs] + nxt.refs
            out.append(ctx.finding(
                d.end_wall, nxt.start_wall, h(gap), lim.min_hours, "hours",
                f"na een reeks van {len(run)} nachtdiensten (vanaf {fmt_t(tl.diensten[run[0]].start_wall)}) "
                f"maar {fmt_h(gap)} u rust; vereist {fmt_h(lim.min_hours * 60)} u.",
                nxt.first_location,
                [f"een reeks eindigt bij {fmt_h(brk)} u rust of meer of bij een dienst die geen nachtdienst is"],
                refs,
            ))
        run = []
    return out


@rule("night_consecutive_shifts")
def night_consecutive_shifts(ctx: Ctx) -> list[Finding]:
    """What it checks: a series of successive diensten holding a nachtdienst has at
    most ``max_shifts`` diensten; diensten are successive while the rest between
    them is less than ``series_break_hours`` (24 h, a free day).

    Why: ATW 5:8 lid 6 (7 diensten; by collective agreement up to lid 7's 8). The
    text does not say what ends a series; every dienst is already followed by 8 h
    of rest (1:7 c), so a free day is read as the break.

    Findings: per series too long; window = first to last dienst.
    """
    lim: NightConsecutiveLimits = ctx.limits  # type: ignore[assignment]
    tl, out = ctx.tl, []
    if not tl.nights or len(tl.diensten) <= lim.max_shifts:
        return []  # no series holds a nachtdienst, or none is long enough
    brk = lim.series_break_hours * 60
    run: list[int] = []

    def flush() -> None:
        if len(run) > lim.max_shifts and any(tl.diensten[k].night for k in run):
            first, last = tl.diensten[run[0]], tl.diensten[run[-1]]
            out.append(ctx.finding(
                first.start_wall, last.end_wall, len(run), lim.max_shifts, "shifts",
                f"{len(run)} diensten achter elkaar, waaronder een nachtdienst; ten hoogste {lim.max_shifts}.",
                last.location,
                [f"diensten zijn opeenvolgend bij minder dan {fmt_h(brk)} u rust ertussen"],
                [r for k in run for r in tl.diensten[k].refs],
            ))

    for i, d in enumerate(tl.diensten):
        if run and d.start - tl.diensten[run[-1]].end >= brk:
            flush()
            run = []
        run.append(i)
    flush()
    return out


def _events(ctx: Ctx, event: str) -> tuple[list, str]:
    tl = ctx.tl
    if event == "sleep_shift":
        return [(b.start, b.end, b.refs, b.location) for b in tl.blocks if b.sleep], "aanwezigheidsdiensten (slaapdiensten)"
    nights = [tl.diensten[k] for k in tl.nights]
    return ([(d.start, d.end, d.refs, d.location) for d in nights if d.ends_after(LATE_END_MIN)],
            "nachtdiensten die na 02:00 eindigen")


@rule("count_in_window")
def count_in_window(ctx: Ctx) -> list[Finding]:
    """What it checks: at most ``max`` events in any ``window_hours``, counted by
    start: ``sleep_shift`` (blocks holding a slaapdienst) or ``late_night_shift``
    (nachtdiensten ending after 02:00).

    Why: ATB 4.8:1 lid 3 a (52 aanwezigheidsdiensten per 26 weeks); ATW 5:8 lid 8
    (36 late night shifts per 16 weeks); the CAO Sociaal Werk's sleep-shift counts.

    Findings: per run of overlapping windows over the cap; window = first to last
    event counted. Shifts outside the roster are unknown, so a window longer than
    the data is reported only when the data alone exceeds the cap.
    """
    lim: CountInWindowLimits = ctx.limits  # type: ignore[assignment]
    events, what = _events(ctx, lim.event)
    win = int(lim.window_hours * 60)
    return count_findings(ctx, events, lim.max, win, "shifts", lambda n: f"{n} {what} binnen {fmt_window(win)}; ten hoogste {lim.max}.", [])


@rule("late_night_alternative")
def late_night_alternative(ctx: Ctx) -> list[Finding]:
    """What it checks: at most ``max_per_52_weeks`` (140) nachtdiensten ending after
    02:00 in any 52 weeks, or — the other branch — at most ``max_night_hours``
    (38 h) of work between 00:00 and 06:00 in any 2 consecutive calendar weeks.

    Why: ATW 5:8 lid 9, which a collective agreement may put in place of lid 8's
    36 per 16 weeks. Either branch suffices; a violation needs both to fail, and
    140 late nights can only be proven by a roster that holds 141.

    Findings: when the count branch fails, the 2-week windows over the night
    hours; measured = night hours in the worst 2 weeks.
    """
    lim: LateNightAlternativeLimits = ctx.limits  # type: ignore[assignment]
    events, what = _events(ctx, "late_night_shift")
    if not count_findings(ctx, events, lim.max_per_52_weeks, 364 * 1440, "shifts", lambda n: "", []):
        return []
    weeks: dict = {}
    for b in ctx.tl.blocks:
        d = b.start_wall.date() - timedelta(days=1)
        while midnight(d) < b.end_wall:
            a = max(b.start_wall, midnight(d))
            e = min(b.end_wall, midnight(d) + timedelta(hours=6))
            if e > a:
                mon = monday(d)
                weeks[mon] = weeks.get(mon, 0) + night_overlap(a, e)[0]
            d += timedelta(days=1)
    hits = []
    for mon, m in weeks.items():
        both = m + weeks.get(mon + timedelta(days=7), 0)
        if both > lim.max_night_hours * 60:
            hits.append((em(midnight(mon)), em(midnight(mon + timedelta(days=14))), both))
    out = []
    for a, b, m in merge_windows(hits):
        out.append(ctx.finding(
            wall(a), wall(b), h(m), lim.max_night_hours, "hours",
            f"meer dan {lim.max_per_52_weeks} {what} binnen 52 weken en {fmt_h(m)} u arbeid tussen 00:00 en 06:00 "
            f"binnen 2 weken; ten hoogste {fmt_h(lim.max_night_hours * 60)} u.",
            None, [], [],
        ))
    return out
