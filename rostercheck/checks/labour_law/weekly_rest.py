"""Rest per 7×24 h: ATW 5:5 lid 2, ATB 4.8:1 lid 3 d and lid 5 b (and a CAO's 32 h per 9×24 h)."""

from __future__ import annotations

from rostercheck.checks.labour_law.context import Ctx, fmt_h, fmt_t, fmt_window, h, location_in, merge_windows, refs_in, rule
from rostercheck.checks.labour_law.screens import weekly_rest_holds
from rostercheck.checks.labour_law.timeline import Timeline, wall
from rostercheck.findings import Finding, Severity
from rostercheck.normsets.schema import SleepWeeklyRestLimits, WeeklyRestLimits


def _periods(tl: Timeline, length: int, ok) -> list[tuple[int, int, list[int]]]:
    """The periods of ``length`` from every first moment of work on a day (5:5 lid
    3) that fail ``ok(rests)``, with their clipped rests. Time before and after the
    roster's data counts as rest, so only what the roster proves fails."""
    out = []
    for p, _ in tl.period_starts():
        rests = tl.rests_in(p, p + length)
        if not ok(rests):
            out.append((p, p + length, rests))
    return out


def _every_period_has_one_rest(tl: Timeline, length: int, need: int) -> bool:
    """Fast path of the main branch: only rests of at least ``need`` can hold it, and
    the periods start in time order, so one pointer walks those rests."""
    ga, gb = tl.rest_intervals()
    long_rests = [(a, b) for a, b in zip(ga, gb) if b - a >= need]
    k = 0
    for p, _ in tl.period_starts():
        while k < len(long_rests) and long_rests[k][1] - p < need:
            k += 1  # ends too early for this period and every later one
        j, ok = k, False
        while j < len(long_rests) and long_rests[j][0] <= p + length - need:
            a, b = long_rests[j]
            if min(b, p + length) - max(a, p) >= need:
                ok = True
                break
            j += 1
        if not ok:
            return False
    return True


@rule("weekly_rest")
def weekly_rest(ctx: Ctx) -> list[Finding]:
    """What it checks: an uninterrupted rest of ``min_hours`` (36 h) in every period
    of ``window_hours`` (7×24 h) or, the alternative, ``alt_total_hours`` (72 h) in
    every ``alt_window_hours`` (14×24 h) in rests of at least
    ``alt_min_block_hours`` (32 h).

    Why: ATW 5:5 lid 2 a and b; the periods begin "op het eerste tijdstip van de
    dag, waarop de werknemer arbeid verricht" (5:5 lid 3), read as: a period from
    the first moment of work of every day with work. The "of" lets the employer
    meet either branch in full; a violation is reported only when both fail.
    Also the CAO Gehandicaptenzorg's 32 h per 9×24 h (no alternative).

    Findings: when neither branch holds, one per run of overlapping failing
    periods of the main branch; measured = the shortest of their longest rests.
    """
    lim: WeeklyRestLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    if not tl.blocks:
        return []
    L, need = int(lim.window_hours * 60), int(lim.min_hours * 60)
    if weekly_rest_holds(tl, L, need) or _every_period_has_one_rest(tl, L, need):
        return []
    failing = _periods(tl, L, lambda rests: max(rests, default=0) >= need)
    tried = [f"{fmt_h(need)} u aaneengesloten rust per {fmt_window(L)}: niet gehaald"]
    if lim.alt_total_hours is not None:
        L2, tot, blk = int(lim.alt_window_hours * 60), int(lim.alt_total_hours * 60), int(lim.alt_min_block_hours * 60)  # type: ignore[operator]
        if not _periods(tl, L2, lambda rests: sum(r for r in rests if r >= blk) >= tot):
            return []
        tried.append(f"alternatief {fmt_h(tot)} u rust per {fmt_window(L2)} in blokken van ten minste {fmt_h(blk)} u: niet gehaald")
    out = []
    for a, b, longest in merge_windows([(a, b, max(r, default=0)) for a, b, r in failing], keep=min):
        out.append(ctx.finding(
            wall(a), wall(b), h(longest), lim.min_hours, "hours",
            f"langste aaneengesloten rust {fmt_h(longest)} u in een periode van {fmt_window(L)} vanaf {fmt_t(wall(a))}; "
            f"vereist {fmt_h(need)} u. " + "; ".join(tried) + ".",
            location_in(tl, a, b), tried, refs_in(tl, a, b),
        ))
    return out


def _pieces_ok(rests: list[int], block: int, pieces: list[int]) -> bool:
    """Can the rests hold one rest of ``block`` and the rest ``pieces`` (adjacent
    periods may join: "waarbij onafgebroken rustperioden aaneengesloten kunnen zijn"),
    each rest split into consecutive pieces? Greedy: largest pieces first into the
    rests, trying every rest for the long block."""
    for k, r in enumerate(rests):
        if r < block:
            continue
        left = sorted([x for j, x in enumerate(rests) if j != k] + [r - block], reverse=True)
        need = sorted(pieces, reverse=True)
        # first fit decreasing of the pieces into the rests (pieces are 8-11 h: exact enough
        # for these sizes, and exact when all pieces are equal)
        for p in need:
            for j, x in enumerate(left):
                if x >= p:
                    left[j] = x - p
                    break
            else:
                break
        else:
            return True
    return False


@rule("sleep_weekly_rest")
def sleep_weekly_rest(ctx: Ctx) -> list[Finding]:
    """What it checks: in every 7×24 h at least ``min_total_hours`` (90 h) of rest,
    made of one uninterrupted rest of ``min_block_hours`` (24 h) and
    ``pieces_hours`` (six of 11 h; adjacent rests may be one rest). The exception
    (``exception_pieces_hours``: four of 11 h, one of 10 h, one of 8 h) is allowed
    only in exceptional cases by collective agreement.

    Why: ATB 4.8:1 lid 3 d and lid 5 b (lid 4: "in uitzonderlijke gevallen").
    Periods begin at the first moment of work on a day, as ATW 5:5 lid 3 reads for
    weekly rest (4.8 says nothing of its own).

    Findings: an error when neither the rule nor the exception is met in a period
    (overlapping periods merge); a warning when only the exception is met.
    Measured = the total rest in the worst period.
    """
    lim: SleepWeeklyRestLimits = ctx.limits  # type: ignore[assignment]
    tl = ctx.tl
    if not tl.blocks:
        return []
    L, tot, blk = int(lim.window_hours * 60), int(lim.min_total_hours * 60), int(lim.min_block_hours * 60)
    rule_pieces = [int(x * 60) for x in lim.pieces_hours]
    exc_pieces = [int(x * 60) for x in lim.exception_pieces_hours] if lim.exception_pieces_hours else None
    errors, warnings = [], []
    for p, _ in tl.period_starts():
        rests = tl.rests_in(p, p + L)
        total = sum(rests)
        if total >= tot and _pieces_ok(rests, blk, rule_pieces):
            continue
        if exc_pieces is not None and total >= tot and _pieces_ok(rests, blk, exc_pieces):
            warnings.append((p, p + L, total))
        else:
            errors.append((p, p + L, total))
    out = []
    want = f"{fmt_h(tot)} u, waarvan {fmt_h(blk)} u aaneengesloten en {len(rule_pieces)}× ten minste " \
           f"{fmt_h(max(rule_pieces, default=0))} u"
    for items, sev, text in (
        (errors, Severity.ERROR, "niet gehaald, ook niet met de uitzondering"),
        (warnings, Severity.WARNING, "alleen gehaald met de uitzondering (alleen in uitzonderlijke gevallen bij collectieve regeling)"),
    ):
        for a, b, total in merge_windows(items, keep=min):
            out.append(ctx.finding(
                wall(a), wall(b), h(total), lim.min_total_hours, "hours",
                f"rust in een periode van {fmt_window(L)} vanaf {fmt_t(wall(a))}: {fmt_h(total)} u; vereist {want}: {text}.",
                location_in(tl, a, b), [], refs_in(tl, a, b), severity=sev,
            ))
    return out
