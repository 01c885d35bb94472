"""Measures per client per day: dagdelen, digital dagbesteding, on-site hours per client.

``dagdeel_hours`` (003 Dagbesteding): a client's hours on one day fall in one of the
bands ("De omvang van één dagdeel dagbesteding is maximaal 4 uren, minimaal 3
uren"; two dagdelen 7-8). Only physical support counts: a digital row is no dagdeel
(NORMS.md rev. 2, reading 13).

``digital_hours_per_day`` (003: "Het uitgangspunt is dat de ondersteuning fysiek
wordt aangeboden aan de inwoner"; only "Bij individuele begeleiding" may part of it
be digital): one finding per client and day with digital dagbesteding hours.

``on_site_hours_per_client_day`` (000 HGV: "bandbreedte van 1,3 tot 1,9 netto uren
agogisch klimaat per inwoner, per dag", reading 8): per roster period (calendar
month, or 4-week block; 000 fn. 7), the real working hours on site at the location
(``aanwezig``, ``waakdienst``; a shift with a product counts for that product only)
over the client days (``Producten.clienten`` of the norm's products, per day).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from rostercheck.checks._common import first_active_product, midnight, nl_block, nl_day, working_pieces
from rostercheck.checks.client_hours.context import EPS, Context, nl_num
from rostercheck.checks.scope import clients_on
from rostercheck.findings import Finding


def _per_client_day(ctx: Context) -> dict[tuple[str, str, date], float]:
    per_day: dict[tuple[str, str, date], float] = defaultdict(float)
    for (client, product), records in ctx.records_by_client().items():
        for r in records:
            if r.kind in ctx.kinds:
                per_day[(client, product, r.day)] += r.hours
    return per_day


def dagdeel(ctx: Context) -> list[Finding]:
    bands = ctx.params.bands or ()
    allowed = " of ".join(f"{nl_num(lo)}-{nl_num(hi)}" for lo, hi in bands)
    out = []
    for (client, product, day), hours in sorted(_per_client_day(ctx).items()):
        if hours <= 0 or any(lo - EPS <= hours <= hi + EPS for lo, hi in bands):
            continue
        nearest = min((b for band in bands for b in band), key=lambda b: (abs(b - hours), b))
        out.append(ctx.finding(
            start=midnight(day), end=midnight(day) + timedelta(days=1), product=product,
            measured=round(hours, 4), required=nearest,
            message=(
                f"Cliënt {client}: {nl_num(hours, nearest)} uur dagbesteding op {nl_day(day)}; "
                f"een dag is {allowed} uur (één of twee dagdelen; digitale uren tellen niet mee)."
            ),
        ))
    return out


def digital(ctx: Context) -> list[Finding]:
    out = []
    for (client, product, day), hours in sorted(_per_client_day(ctx).items()):
        bound = ctx.violated(hours)
        if bound is None:
            continue
        out.append(ctx.finding(
            start=midnight(day), end=midnight(day) + timedelta(days=1), product=product,
            measured=round(hours, 4), required=bound,
            message=(
                f"Cliënt {client}: {nl_num(hours)} uur digitale dagbesteding op {nl_day(day)}; "
                f"dagbesteding wordt fysiek aangeboden (alleen bij individuele begeleiding mag een deel digitaal)."
            ),
        ))
    return out


def on_site(ctx: Context) -> list[Finding]:
    roster, norm = ctx.roster, ctx.norm
    blocks = roster.period.blocks()
    hours = [0.0] * len(blocks)
    for ls, i, _start, h in working_pieces(roster, ctx.location, blocks):
        shift = ls.shift
        if not shift.kind.on_site:
            continue
        if shift.product is not None and ctx.product_id(shift.product).lower() not in ctx.wanted:
            continue
        hours[i] += h
    client_days = [0] * len(blocks)
    for day in ctx.days:
        t = midnight(day)
        for i, (a, b) in enumerate(blocks):
            if a <= t < b:
                client_days[i] += clients_on(roster, ctx.location, norm.products, day)
                break
    p = ctx.params
    band = "-".join(nl_num(x) for x in (p.min, p.max) if x is not None)
    out = []
    for i, (a, b) in enumerate(blocks):
        if client_days[i] <= 0:
            continue
        value = hours[i] / client_days[i]
        bound = ctx.violated(value)
        if bound is None:
            continue
        out.append(ctx.finding(
            start=a, end=b, product=first_active_product(roster, ctx.location, norm.products, a.date()),
            measured=round(value, 4), required=bound,
            message=(
                f"Gemiddeld {nl_num(value, bound)} uur aanwezige inzet op de locatie per cliënt per dag in "
                f"{nl_block(a, b)} ({nl_num(hours[i])} uur over {client_days[i]} cliëntdagen); in het tarief "
                f"is {band} uur agogisch klimaat per cliënt per dag verondersteld: {ctx.side(bound)} {nl_num(bound)}."
            ),
        ))
    return out
