"""Hours and contacts per client per week: bands, averages, and weeks cut short.

Every client is judged over their own span (``context``), split into ISO weeks. A
week of which the client holds the product on ``n`` < 7 days (at the period's edges
or their span's) is judged pro rata, against the bound × n/7, and never as an error
(NORMS.md rev. 2, reading 4: "Partial weeks at the period's edges are judged pro
rata (bound × days/7) as warnings, never skipped silently").

``judge: week``: each week is the verdict, at the norm's severity (004 "wekelijks
minstens drie individuele contactmomenten"; 000 HGV "per inwoner, per week").

``judge: average``: where the document speaks of an average (001 "bandbreedte van de
inzet van het gemiddeld aantal uren individuele begeleiding per week"; 004
"gemiddeld 15 uur per week ... voor de duur van het ingezette product"), the verdict
is the client's own average per week over their span: hours × 7 / days held, group
hours included in the product pro rata as well. Below the bound it is one finding
at the norm's severity, naming the low weeks in its details (001 also reads "de
ondergrens het minimaal in te zetten aantal uren ... per week": an average below
breaks both readings, one shortfall, one finding). Otherwise each week beyond the
(pro-rata) bound is a warning (reading 4: "a single week below the lower bound is a
warning"; never louder than the norm). A span without one whole week makes the
average itself pro rata: a warning.
"""

from __future__ import annotations

import numpy as np

from rostercheck.checks.client_hours.context import (
    EPS,
    Context,
    Held,
    at_most_warning,
    days_text,
    nl_num,
    week_text,
    window,
)
from rostercheck.checks.client_hours.rows import KINDS
from rostercheck.findings import Finding, Severity
from rostercheck.model import SupportKind, SupportRecord
from rostercheck.normsets.schema import ClientHoursMeasure, Judge

M = ClientHoursMeasure

WHAT = {
    M.INDIVIDUAL_HOURS_PER_WEEK: "uur individuele begeleiding",
    M.GROUP_HOURS_PER_WEEK: "uur groepsbegeleiding",
    M.SUPPORT_HOURS_PER_WEEK: "uur ondersteuning",
    M.CONTACTS_PER_WEEK: "individuele contactmomenten",
}


def _what(measure: ClientHoursMeasure, value: float) -> str:
    if measure is M.CONTACTS_PER_WEEK and abs(value - 1) < EPS:
        return "individueel contactmoment"
    return WHAT[measure]


def value(ctx: Context, records: list[SupportRecord], days: int) -> float:
    """The measure over ``days`` days (not yet per week)."""
    p = ctx.params
    if p.measure is M.CONTACTS_PER_WEEK:
        return float(sum(1 for r in records if r.kind in ctx.kinds and r.hours > 0))
    total = sum(r.hours for r in records if r.kind in ctx.kinds)
    if p.measure is M.INDIVIDUAL_HOURS_PER_WEEK and p.group_exchange:
        group = sum(r.hours for r in records if r.kind is SupportKind.GROUP)
        included = (p.group_included or 0.0) * days / 7
        total += max(0.0, group - included) / p.group_exchange
    return total


def check(ctx: Context, screen: bool = True) -> list[Finding]:
    """Findings per client in name order.

    ``screen``: every client's weeks and average are first worked out for all clients
    at once in arrays (:func:`_near_a_bound`), and only the weeks and clients that come
    near the bound are judged on exact figures (:func:`_judge`); a compliant roster has
    few, and working out every week of every client in Python was most of this check's
    time. False judges every week of every client (the tests compare the two)."""
    h = ctx.held()
    if screen:
        weeks, average = _near_a_bound(ctx, h)
    else:
        weeks = np.ones((len(h.keys), ctx.n_weeks), dtype=bool)
        average = np.ones(len(h.keys), dtype=bool)
    out: list[Finding] = []
    for i in np.flatnonzero(weeks.any(axis=1) | average).tolist():
        out.extend(_judge(ctx, i, np.flatnonzero(weeks[i]).tolist()))
    return out


def _near_a_bound(ctx: Context, h: Held) -> tuple[np.ndarray, np.ndarray]:
    """Per client (key of ``h``) and week: might the week break the (pro-rata) bound?
    Per client: might the average (``judge: average``)?"""
    p = ctx.params
    n_keys, days = len(h.keys), h.week_days
    counted = h.key >= 0
    key = h.key[counted]
    rows = ctx.rows[counted]
    kind, hours = ctx.table.kind[rows], ctx.table.hours[rows]
    bins = key * ctx.n_weeks + ctx.week_of_day[ctx.row_day[counted]]
    weekly = _values(ctx, bins, days.ravel(), kind, hours).reshape(n_keys, ctx.n_weeks)
    weeks = ctx.may_violate(weekly, days / 7) & (days > 0)
    average = np.zeros(n_keys, dtype=bool)
    if p.judged is Judge.AVERAGE:
        span = days.sum(axis=1)
        average = ctx.may_violate(_values(ctx, key, span, kind, hours) * 7 / span)
    return weeks, average


def _values(ctx: Context, bins: np.ndarray, days: np.ndarray, kind: np.ndarray, hours: np.ndarray) -> np.ndarray:
    """:func:`value` for every bin at once: rows (their kind and hours) go to bin
    ``bins[i]``; ``days[b]`` is the number of days of bin ``b``."""
    p = ctx.params
    size = len(days)
    counts = np.array([k in ctx.kinds for k in KINDS])[kind]
    if p.measure is M.CONTACTS_PER_WEEK:
        return _sums(bins[counts & (hours > 0)], None, size)
    total = _sums(bins[counts], hours[counts], size)
    if p.measure is M.INDIVIDUAL_HOURS_PER_WEEK and p.group_exchange:
        group = kind == KINDS.index(SupportKind.GROUP)
        included = (p.group_included or 0.0) * days / 7
        total += np.maximum(0.0, _sums(bins[group], hours[group], size) - included) / p.group_exchange
    return total


def _sums(bins: np.ndarray, weights: np.ndarray | None, size: int) -> np.ndarray:
    """Per bin the sum of its weights (its count without), as floats even with no rows."""
    return np.bincount(bins, weights=weights, minlength=size).astype(np.float64, copy=False)


def _judge(ctx: Context, i: int, candidates: list[int]) -> list[Finding]:
    """The findings for client ``i`` of ``ctx.held()``, on exact figures; of the
    client's weeks only ``candidates`` (week numbers, ``Context.week_of_day``) can
    fall short."""
    p = ctx.params
    h = ctx.held()
    client, product = h.keys[i]
    weeks = ctx.held_weeks(i)
    counted = h.key == i
    records: list[SupportRecord] = [ctx.table.rows[r] for r in ctx.rows[counted].tolist()]
    record_weeks = ctx.week_of_day[ctx.row_day[counted]].tolist()
    short = []  # (days, value, bound)
    for w in candidates:
        days = weeks.get(w)
        if days is None:  # the client holds the product on no day of the week
            continue
        v = value(ctx, [r for r, rw in zip(records, record_weeks) if rw == w], len(days))
        bound = ctx.violated(v, len(days) / 7)
        if bound is not None:
            short.append((days, v, bound))
    average = p.judged is Judge.AVERAGE
    if average:
        held = [d for days in weeks.values() for d in days]
        v = value(ctx, records, len(held)) * 7 / len(held)
        bound = ctx.violated(v)
        if bound is not None:
            whole_week = any(len(days) == 7 for days in weeks.values())
            return [_average_finding(ctx, client, product, held, v, bound, short, whole_week)]
    week_severity = at_most_warning(ctx.norm.severity) if average else ctx.norm.severity
    out = []
    for days, v, bound in short:
        severity = week_severity if len(days) == 7 else at_most_warning(week_severity)
        out.append(_week_finding(ctx, client, product, days, v, bound, severity))
    return out


def _week_finding(ctx: Context, client: str, product: str, days, v: float, bound: float, severity: Severity) -> Finding:
    p = ctx.params
    scale = len(days) / 7
    side = ctx.side(bound, scale)
    full = p.min if side == "minimaal" else p.max
    if len(days) == 7:
        need = f"{side} {nl_num(bound)}"
    else:
        need = f"naar rato {side} {nl_num(bound)} ({nl_num(full)} × {len(days)}/7)"
    text = f"Cliënt {client}: {nl_num(v, bound)} {_what(p.measure, v)} in {week_text(days)}; {need}."
    if p.judged is Judge.AVERAGE:
        text += " Het gemiddelde over de periode haalt de norm wel; een losse week is een signaal."
    start, end = window(days)
    return ctx.finding(
        severity=severity, start=start, end=end, product=product,
        measured=round(v, 4), required=round(bound, 4), message=text + _exchange_note(ctx),
    )


def _average_finding(ctx: Context, client: str, product: str, held, v: float, bound: float, short, whole_week: bool) -> Finding:
    p = ctx.params
    side = ctx.side(bound)
    weeks = len(held) // 7
    span = f"{len(held)} dagen" if len(held) % 7 else ("1 week" if weeks == 1 else f"{weeks} weken")
    text = (
        f"Cliënt {client}: gemiddeld {nl_num(v, bound)} {WHAT[p.measure]} per week over "
        f"{days_text(held)} ({span}); {side} {nl_num(bound)} gemiddeld per week."
    )
    if short:
        low = ", ".join(f"{days_text(d)}: {nl_num(x, b)}" for d, x, b in short)
        text += f" Weken {'onder' if side == 'minimaal' else 'boven'} de grens: {low}."
    severity = ctx.norm.severity
    if not whole_week:
        severity = at_most_warning(severity)
        text += " Geen volledige week in de periode: naar rato beoordeeld."
    start, end = window(held)
    details = tuple(
        f"{week_text(d)}: {nl_num(x, b)} {WHAT[p.measure]}, grens {nl_num(b)}" for d, x, b in short
    )
    return ctx.finding(
        severity=severity, start=start, end=end, product=product,
        measured=round(v, 4), required=round(bound, 4), message=text + _exchange_note(ctx), details=details,
    )


def _exchange_note(ctx: Context) -> str:
    p = ctx.params
    if p.measure is not M.INDIVIDUAL_HOURS_PER_WEEK or not p.group_exchange:
        return ""
    extra = f"boven {nl_num(p.group_included)} per week " if p.group_included else ""
    return f" Groepsuren {extra}tellen 1 op {nl_num(p.group_exchange)} mee."


__all__ = ["EPS", "WHAT", "check", "value"]
