"""Rests that may be reduced a number of times per 7×24 h: ATW 5:3 lid 2, ATB 5.19:2,
ATW 5:8 lid 4, ATB 4.8:1 lid 3 c and lid 5 a."""

from __future__ import annotations

from dataclasses import dataclass

from rostercheck.checks.labour_law.context import Ctx, clock_min, fmt_h, fmt_t, fmt_window, h, rule
from rostercheck.checks.labour_law.screens import daily_rest_holds
from rostercheck.checks.labour_law.timeline import FAR, Timeline, wall
from rostercheck.findings import Finding, Severity
from rostercheck.normsets.schema import DailyRestLimits, NightRestLimits, RestWithReductionsLimits


@dataclass
class RestEvent:
    start: int  # epoch minutes: the rest interval [start, end)
    end: int
    gap: int  # the rest after block `gap`
    location: str | None
    refs: list[int]
    shown: tuple[int, int] | None = None  # the finding's window when not the rest itself

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def window(self) -> tuple:
        a, b = self.shown or (self.start, self.end)
        return wall(a), wall(b)


def _next_rest(tl: Timeline, gap: int) -> int | None:
    """The rest after the one after block ``gap``: the following rest period."""
    b = tl.blocks
    if gap + 2 >= len(b):
        return None
    return b[gap + 2].start - b[gap + 1].end


def reduction_findings(ctx: Ctx, lim: RestWithReductionsLimits, events: list[RestEvent], what: str) -> list[Finding]:
    """Report the rests that no permitted reduction covers.

    A rest shorter than ``min_hours`` is a reduction; one shorter than the deepest
    reduction is always a finding. In every window of ``window_hours`` the
    reductions lying wholly in it must fit the permitted ones: at most
    ``reduced_per_window`` below ``second_reduced_hours`` and at most
    ``reduced_per_window + second_reduced_per_window`` in all. With
    ``compensate_next`` (ATB 4.8:1 lid 5 a) the rest period following a reduced
    rest must be at least ``min_hours`` plus the shortfall. With
    ``reductions_exceptional`` a reduction that fits is still reported, as a
    warning: the law permits it only in exceptional cases (4.8:1 lid 4) that a
    roster cannot show. Every window's reductions are a subset of the set ending at
    one reduction, so checking those sets (a two-pointer sweep) is exact; the later
    rest of a clashing pair is the one reported.
    """
    full = lim.min_hours * 60
    if all(ev.minutes >= full for ev in events):
        return []  # no rest is reduced: the loop below passes over every one
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
                *ev.window, h(m), h(deep), "hours",
                f"{what} van {fmt_h(m)} u; vereist {fmt_h(full)} u"
                + (f", ingekort ten minste {fmt_h(deep)} u." if deep < full else "."),
                ev.location, [alts], ev.refs, severity=Severity.ERROR,
            ))
            reduced.append(ev)
            continue
        reduced.append(ev)
        while lo < len(reduced) - 1 and ev.end - reduced[lo].start > win:
            lo += 1
        valid = [e for e in reduced[lo:] if e.minutes >= deep]
        n_low = sum(1 for e in valid if e.minutes < mid)
        problem = None
        if n_low > lim.reduced_per_window or len(valid) > lim.reduced_per_window + lim.second_reduced_per_window:
            earlier = [e for e in valid if e is not ev]
            problem = (
                f"al {len(earlier)} ingekorte rust(en) binnen {fmt_window(int(win))} ("
                + ", ".join(f"{fmt_t(wall(e.start))}: {fmt_h(e.minutes)} u" for e in earlier) + ")"
            )
        elif lim.compensate_next:
            nxt = _next_rest(ctx.tl, ev.gap)
            need = full + (full - m)
            if nxt is not None and nxt < need:
                problem = (f"de rust daarna is {fmt_h(nxt)} u; na een inkorting moet die ten minste "
                           f"{fmt_h(need)} u zijn (11 u plus wat er ontbrak)")
        if problem:
            out.append(ctx.finding(
                *ev.window, h(m), lim.min_hours, "hours",
                f"{what} van {fmt_h(m)} u; vereist {fmt_h(full)} u: inkorten mag niet, {problem}.",
                ev.location, [alts, problem], ev.refs, severity=Severity.ERROR,
            ))
        elif lim.reductions_exceptional:
            out.append(ctx.finding(
                *ev.window, h(m), lim.min_hours, "hours",
                f"{what} van {fmt_h(m)} u; vereist {fmt_h(full)} u. De inkorting past binnen de uitzondering, "
                "maar die mag alleen in uitzonderlijke gevallen bij collectieve regeling: controleer of dat zo is.",
                ev.location, [alts], ev.refs, severity=Severity.WARNING,
            ))
    return out


def _alternatives_text(lim: RestWithReductionsLimits) -> str:
    parts = [f"{fmt_h(lim.min_hours * 60)} u"]
    if lim.reduced_hours is not None:
        parts.append(f"{lim.reduced_per_window}× per {fmt_window(int(lim.window_hours * 60))} ingekort tot {fmt_h(lim.reduced_hours * 60)} u")
    if lim.second_reduced_hours is not None:
        parts.append(f"{lim.second_reduced_per_window}× tot {fmt_h(lim.second_reduced_hours * 60)} u")
    if lim.compensate_next:
        parts.append("de rust na een inkorting verlengd met het tekort")
    return "geprobeerde alternatieven: " + "; ".join(parts)


@rule("daily_rest")
def daily_rest(ctx: Ctx) -> list[Finding]:
    """What it checks: in every period of ``day_hours`` (24 h) an uninterrupted rest
    of ``min_hours`` (11 h), reducible to ``reduced_hours`` ``reduced_per_window``
    times per 7×24 h (and, in the care paragraph, once more to
    ``second_reduced_hours``).

    Why: ATW 5:3 lid 2 (11 h, once 8 h); ATB 5.19:2 lid 2 (once 8 h and once 10 h)
    by collective agreement. The period "vangt aan op het eerste tijdstip van de
    dag, waarop de werknemer arbeid verricht" (5:3 lid 3, 5.19:2 lid 3): one period
    per calendar day with work, from its first moment of work (a split shift's
    break is therefore not the day's rest when a longer one follows). Whether "de
    aard van de arbeid of de bedrijfsomstandigheden" justify a reduction cannot be
    seen in a roster; a reduction that fits the count is allowed.

    Findings: per rest that is too short or one reduction too many in a 7×24 h
    window (the later one); window = the rest, measured = its hours.
    """
    lim: DailyRestLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    blocks = tl.blocks
    day = int(lim.day_hours * 60)
    full = lim.min_hours * 60
    if daily_rest_holds(tl, day, full):
        return []  # every period's first candidate rest below is long enough
    chosen: dict[int, int] = {}  # gap index -> rest minutes seen (smallest)
    no_rest: list[RestEvent] = []  # periods of 24 h without any rest
    n = len(blocks)
    for p, i in tl.period_starts():
        w_end = p + day
        best, best_gap = -1, None
        j = i
        while j < n and blocks[j].end < w_end:
            nxt_start = blocks[j + 1].start if j + 1 < n else FAR * 2
            piece = min(nxt_start, w_end) - blocks[j].end
            if piece > best:
                best, best_gap = piece, j
            if nxt_start >= w_end:
                break
            j += 1
        if best_gap is None:  # the whole period is work
            blk = blocks[i]
            no_rest.append(RestEvent(blk.end, blk.end, i, blk.location, blk.refs, shown=(p, w_end)))
            continue
        if best >= full:
            continue
        chosen[best_gap] = min(chosen.get(best_gap, best), best)
    events = []
    for g, m in chosen.items():
        a = blocks[g].end
        nxt = blocks[g + 1] if g + 1 < n else None
        loc = nxt.first_location if nxt is not None and nxt.start <= a + m else blocks[g].location
        refs = blocks[g].refs + (nxt.refs if nxt is not None else [])
        events.append(RestEvent(a, a + m, g, loc, refs))
    return reduction_findings(ctx, lim, events + no_rest, "dagelijkse rust")


@rule("sleep_shift_rest")
def sleep_shift_rest(ctx: Ctx) -> list[Finding]:
    """What it checks: the rest right before and right after every
    aanwezigheidsdienst (a block holding a slaapdienst) is at least ``min_hours``
    (11 h); the exception reduces it once per 7×24 h to 10 h and once to 8 h when
    the following rest is 11 h plus the shortfall.

    Why: ATB 4.8:1 lid 3 c ("zowel voorafgaand aan als aansluitend op een
    aanwezigheidsdienst een onafgebroken rusttijd ... van ten minste 11 uren") and
    lid 5 a, which a collective agreement may use "in uitzonderlijke gevallen"
    (lid 4).

    Findings: an error for a rest the exception does not cover either; a warning
    for a reduction the exception covers (only allowed in exceptional cases, which
    a roster cannot show). Window = the rest.
    """
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
    return reduction_findings(ctx, lim, events, "rust rond een aanwezigheidsdienst")


@rule("night_rest")
def night_rest(ctx: Ctx) -> list[Finding]:
    """What it checks: after a nachtdienst that ends after ``late_end`` (02:00), an
    uninterrupted rest of ``min_hours`` (14 h), reducible to ``reduced_hours`` (8 h)
    once per 7×24 h; measured from the end of the dienst to the next one.

    Why: ATW 5:8 lid 4. A long night of the 5:8 lid 3 exception needs 12 h after it
    instead ("behoudens het derde lid"); that is checked by ``night_shift_length``,
    so a night of more than 10 h is not held to 14 h here.

    Findings: per rest too short or one reduction too many; window = the rest.
    """
    lim: NightRestLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    late = clock_min(lim.late_end)
    events = []
    full = lim.min_hours * 60
    for i in tl.nights:
        if i + 1 >= len(tl.diensten) or tl.diensten[i + 1].start - tl.diensten[i].end >= full:
            continue  # reduction_findings passes over a rest of the full length anyway
        d = tl.diensten[i]
        if not d.ends_after(late):
            continue
        if lim.extended_after_hours is not None and d.work > lim.extended_after_hours * 60:
            continue  # the 5:8 lid 3 extension, with its own 12 h rest
        nxt = tl.diensten[i + 1]
        events.append(RestEvent(d.end, nxt.start, d.blocks[-1], nxt.first_location, d.refs + nxt.refs))
    return reduction_findings(ctx, lim, events, f"rust na een nachtdienst die na {lim.late_end} eindigt")
