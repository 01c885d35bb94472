"""Shares of a client's hours: indirect time (002, 1.7) and digital contact (002, 1.8).

Each client over their own span (``context``). ``indirect_share`` (``judge: period``):
indirect hours over all client-bound hours, over the span only ("over het gehele
traject en niet per contactmoment"). ``digital_share`` (``judge: average``): digital
hours over direct hours; the span is the verdict at the norm's severity ("Dit kan
natuurlijk verdeeld worden over de tijd van de indicatie"), and where the span is
within the bound a single week above it is one step milder (§1.8 also says "per
week"; NORMS.md rev. 2, reading 5). A share is a ratio: a partial week needs no pro
rata. A span or week without any hours of the denominator has no share to judge.
"""

from __future__ import annotations

from rostercheck.checks.client_hours.context import Context, days_text, milder, nl_pct, week_text, weeks_of, window
from rostercheck.findings import Finding
from rostercheck.model import SupportKind, SupportRecord
from rostercheck.normsets.schema import ClientHoursMeasure, Judge

M = ClientHoursMeasure


def _share(ctx: Context, records: list[SupportRecord]) -> float | None:
    total = sum(r.hours for r in records if r.kind in ctx.kinds)
    if total <= 0:
        return None
    part = SupportKind.INDIRECT if ctx.params.measure is M.INDIRECT_SHARE else SupportKind.DIGITAL
    return sum(r.hours for r in records if r.kind is part) / total


def _what(ctx: Context) -> str:
    if ctx.params.measure is M.INDIRECT_SHARE:
        return "van de cliëntgebonden tijd was indirect"
    return "van de directe begeleiding was digitaal"


def check(ctx: Context) -> list[Finding]:
    spans = ctx.spans()
    by_client = ctx.records_by_client()
    out: list[Finding] = []
    for (client, product), held in spans.items():
        records = by_client[(client, product)]
        share = _share(ctx, records)
        if share is None:
            continue
        bound = ctx.violated(share)
        if bound is not None:
            start, end = window(held)
            out.append(ctx.finding(
                start=start, end=end, product=product, measured=round(share, 4), required=bound,
                message=(
                    f"Cliënt {client}: {nl_pct(share, bound)} {_what(ctx)} over {days_text(held)}; "
                    f"{ctx.side(bound)} {nl_pct(bound)}."
                ),
            ))
            continue
        if ctx.params.judged is not Judge.AVERAGE:
            continue
        for days in weeks_of(held):
            in_week = [r for r in records if days[0] <= r.day <= days[-1]]
            week_share = _share(ctx, in_week)
            week_bound = None if week_share is None else ctx.violated(week_share)
            if week_bound is None:
                continue
            start, end = window(days)
            out.append(ctx.finding(
                severity=milder(ctx.norm.severity), start=start, end=end, product=product,
                measured=round(week_share, 4), required=week_bound,
                message=(
                    f"Cliënt {client}: {nl_pct(week_share, week_bound)} {_what(ctx)} in {week_text(days)}; "
                    f"{ctx.side(week_bound)} {nl_pct(week_bound)}. Over {days_text(held)} "
                    f"{nl_pct(share)}: binnen de norm, die over de tijd van de indicatie geldt."
                ),
            ))
    return out
