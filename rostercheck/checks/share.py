"""Share (aandeel inzet): the share of working hours by staff of at least a level, per
roster period.

What it checks
    Per block of the period (calendar month, or 4-week block when the norm's
    ``block`` or the period says so; 000 fn. 7: "per roosterperiode van de aanbieder
    (veelal per maand)"), per location and per product of the norm delivered there:
    numerator = working hours (``aanwezig``, ``waakdienst``, ``ambulant``) of staff
    of at least ``min_level`` (and care-relevant, when ``care_relevant``);
    denominator = all working hours at the location attributed to the product. A
    shift with a ``product`` counts for that product only; a shift without one
    counts for every product delivered at the location on the day it starts. Hours
    are real elapsed hours of shifts clipped to the period and the block.

Why
    The tariff assumes a mix ("minimaal 50 % van de inzet door hbo-professionals");
    a month below it is paid at a level not delivered. The message shows as many
    decimals as it takes for a shortfall to be visible (49,95 %, never "50 %").

Findings
    One per block and product where the share is below ``min_share`` or above
    ``max_share`` (compared unrounded: 0.4995 against 0.50 is a shortfall):
    ``measured`` and ``required`` are fractions (4 decimals, ``measured`` kept on
    its side of the bound, so 0.49996 reads 0.4999), unit
    ``share``, the window is the block. A block in which the product is delivered
    but no working hours are attributed to it cannot be verified: an ``input``
    warning (never louder than the norm), ``measured`` null — not a pass.
"""

from __future__ import annotations

from rostercheck.checks._common import (
    active_days, midnight, nl_block, nl_hours, nl_percent, share_measured, staff_word, unverifiable, working_pieces,
)
from rostercheck.findings import CheckKind, Finding
from rostercheck.model import Roster
from rostercheck.normsets.schema import NormSet, ShareNorm

_EPS = 1e-9


def check(norm: ShareNorm, norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    params = norm.params
    period = roster.period
    if params.block is not None and params.block != period.block:
        period = period.model_copy(update={"block": params.block})
    blocks = period.blocks()
    active = {p: set(active_days(roster, location_id, [p])) for p in norm.products}
    active = {p: days for p, days in active.items() if days}
    if not active:
        return []
    lower = {p.lower(): p for p in active}
    total = {(p, i): 0.0 for p in active for i in range(len(blocks))}
    by_level = dict(total)
    employees = roster.employee_by_id
    qualifies: dict[str, bool] = {}
    for ls, i, start, hours in working_pieces(roster, location_id, blocks):
        s = ls.shift
        if s.product is not None:
            named = lower.get(s.product.lower())
            if named is None:
                continue
            targets = [named]
        else:
            targets = [p for p, d in active.items() if start.date() in d]
        counts = qualifies.get(s.employee)
        if counts is None:
            emp = employees.get(s.employee)
            counts = qualifies[s.employee] = (
                emp is not None
                and (emp.care_relevant or not params.care_relevant)
                and emp.level.at_least(params.min_level)
            )
        for p in targets:
            total[(p, i)] += hours
            if counts:
                by_level[(p, i)] += hours
    findings = []
    who = staff_word(params.care_relevant, params.min_level, plural=True)
    for p, days in active.items():
        for i, (bs, be) in enumerate(blocks):
            if not any(bs <= midnight(d) < be for d in days):
                continue
            bound = params.min_share if params.min_share is not None else params.max_share
            hours, good = total[(p, i)], by_level[(p, i)]
            base = dict(
                check=CheckKind.SHARE, norm=norm.id, norm_set=norm_set.id, product=p, location=location_id,
                start=bs, end=be, unit="share", source=norm.source,
            )
            if hours <= _EPS:
                findings.append(Finding(
                    **base | {"check": CheckKind.INPUT}, severity=unverifiable(norm.severity), measured=None, required=bound,
                    message=(
                        f"Niet te controleren: geen inzet-uren (aanwezig, waakdienst, ambulant) voor {p} op "
                        f"{location_id} in {nl_block(bs, be)}, terwijl het product daar geleverd wordt."
                    ),
                ))
                continue
            share = good / hours
            if params.min_share is not None and share < params.min_share - _EPS:
                required, bound_nl = params.min_share, "minimaal"
            elif params.max_share is not None and share > params.max_share + _EPS:
                required, bound_nl = params.max_share, "maximaal"
            else:
                continue
            findings.append(Finding(
                **base, severity=norm.severity, measured=share_measured(share, required), required=required,
                message=(
                    f"Aandeel inzet door {who} bij {p} in {nl_block(bs, be)} is {nl_percent(share, apart_from=required)} "
                    f"({bound_nl} {nl_percent(required)}): {nl_hours(good)} van {nl_hours(hours)} uur."
                ),
            ))
    return findings
