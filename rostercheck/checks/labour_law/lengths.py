"""How long one dienst may last: ATW 5:7 lid 2 a, 5:8 lid 1 and 3, ATB 1:1."""

from __future__ import annotations

from rostercheck.checks.labour_law.context import Ctx, count_findings, details_of_dienst, fmt_h, h, rule
from rostercheck.findings import Finding
from rostercheck.normsets.schema import NightShiftLengthLimits, ShiftLengthLimits, SleepShiftLengthLimits


@rule("shift_length")
def shift_length(ctx: Ctx) -> list[Finding]:
    """What it checks: the work in one dienst (ATW 1:7 c: work between two rests of
    at least 8 h, also across locations; breaks under 8 h are not counted) is at
    most ``max_hours``.

    Why: ATW 5:7 lid 2 a "12 uren per dienst" (a CAO may set fewer). A nachtdienst
    falls under ``night_shift_length`` instead (5:8 lid 1 "in afwijking van artikel
    5:7, tweede lid, onderdeel a"); in the ATB 4.8 regime a dienst holding a
    sleeping watch is an aanwezigheidsdienst with its own limit.

    Findings: one per dienst longer than the limit; window = the dienst, measured =
    hours of work, required = the limit.
    """
    lim: ShiftLengthLimits = ctx.limits  # type: ignore[assignment]
    presence = ctx.regime is not None and ctx.regime.presence
    out = []
    nights = set(ctx.tl.nights)
    for k, d in enumerate(ctx.tl.diensten):
        if k in nights or (presence and d.sleep):
            continue
        if d.work > lim.max_hours * 60:
            out.append(ctx.finding(
                d.start_wall, d.end_wall, h(d.work), lim.max_hours, "hours",
                f"dienst met {fmt_h(d.work)} u arbeid, meer dan {fmt_h(lim.max_hours * 60)} u.",
                d.location, details_of_dienst(d), d.refs,
            ))
    return out


@rule("night_shift_length")
def night_shift_length(ctx: Ctx) -> list[Finding]:
    """What it checks: a nachtdienst (more than 1 h of work between 00:00 and 06:00)
    holds at most ``max_hours`` of work; up to ``extended_max_hours`` is allowed at
    most ``extended_max_per_2_weeks`` times in any 14×24 h and
    ``extended_max_per_52_weeks`` times in any 52 weeks, each followed directly by
    at least ``rest_after_extended_hours`` of rest.

    Why: ATW 5:8 lid 1 (10 h per nachtdienst) and lid 3 (12 h, 5× per 14×24 h and
    22× per 52 weeks, "aansluitend op die nachtdienst een onafgebroken rusttijd
    heeft van ten minste 12 uren").

    Findings: a nachtdienst longer than the extension (window = the dienst); a long
    night whose rest after it is too short (window = that rest); a long night one
    too many in a sliding window (window = first to last long night counted, by
    start). Counts over 52 weeks use only the nights the roster holds.
    """
    lim: NightShiftLengthLimits = ctx.limits  # type: ignore[assignment]
    tl, out = ctx.tl, []
    if not tl.nights:
        return []  # nothing below looks at anything but nachtdiensten
    longs: list[int] = []
    for i in tl.nights:
        d = tl.diensten[i]
        if d.work <= lim.max_hours * 60:
            continue
        if lim.extended_max_hours is None or d.work > lim.extended_max_hours * 60:
            req = lim.extended_max_hours or lim.max_hours
            alt = (f" (verlenging tot {fmt_h(lim.extended_max_hours * 60)} u geprobeerd: ook te lang)"
                   if lim.extended_max_hours is not None else "")
            out.append(ctx.finding(
                d.start_wall, d.end_wall, h(d.work), req, "hours",
                f"nachtdienst met {fmt_h(d.work)} u arbeid, meer dan {fmt_h(req * 60)} u{alt}.",
                d.location, details_of_dienst(d), d.refs,
            ))
            continue
        longs.append(i)
    tried = f"nachtdienst langer dan {fmt_h(lim.max_hours * 60)} u is alleen toegestaan als verlengde nachtdienst"
    for i in longs:
        d = tl.diensten[i]
        gap = tl.dienst_gap_after(i)
        if lim.rest_after_extended_hours is not None and gap is not None and gap < lim.rest_after_extended_hours * 60:
            nxt = tl.diensten[i + 1]
            out.append(ctx.finding(
                d.end_wall, nxt.start_wall, h(gap), lim.rest_after_extended_hours, "hours",
                f"na een verlengde nachtdienst van {fmt_h(d.work)} u maar {fmt_h(gap)} u rust; "
                f"vereist {fmt_h(lim.rest_after_extended_hours * 60)} u.",
                nxt.first_location, [tried], d.refs + nxt.refs,
            ))
    events = [(tl.diensten[i].start, tl.diensten[i].end, tl.diensten[i].refs, tl.diensten[i].location) for i in longs]
    for cap, days, label in ((lim.extended_max_per_2_weeks, 14, "14×24 uur"), (lim.extended_max_per_52_weeks, 364, "52 weken")):
        if cap is None:
            continue
        out.extend(count_findings(
            ctx, events, cap, days * 24 * 60, "shifts",
            lambda n, _l=label, _c=cap: f"{n} verlengde nachtdiensten (langer dan {fmt_h(lim.max_hours * 60)} u) "
            f"binnen {_l}; ten hoogste {_c} toegestaan.",
            [tried],
        ))
    return out


@rule("sleep_shift_length")
def sleep_shift_length(ctx: Ctx) -> list[Finding]:
    """What it checks: an aanwezigheidsdienst — a sleeping watch with the work
    joined to it without a break — lasts at most ``max_hours``.

    Why: ATB 1:1 defines the aanwezigheidsdienst as "een aaneengesloten periode van
    ten hoogste 24 uren". Evaluated in the ATB 4.8 regimes (without a collective
    agreement a sleeping watch is ordinary work, judged by 5:7 and 5:8).

    Findings: one per block longer than the limit; window = the block.
    """
    lim: SleepShiftLengthLimits = ctx.limits  # type: ignore[assignment]
    out = []
    for blk in ctx.tl.blocks:
        if blk.sleep and blk.minutes > lim.max_hours * 60:
            details = [f"aaneengesloten diensten samen ({len(blk.refs)})"] if len(blk.refs) > 1 else []
            out.append(ctx.finding(
                blk.start_wall, blk.end_wall, h(blk.minutes), lim.max_hours, "hours",
                f"aanwezigheidsdienst (slaapdienst met aansluitend werk) van {fmt_h(blk.minutes)} u, "
                f"langer dan {fmt_h(lim.max_hours * 60)} u.",
                blk.location, details, blk.refs,
            ))
    return out
