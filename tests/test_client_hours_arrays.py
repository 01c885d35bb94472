"""client_hours works on arrays (rostercheck.checks.client_hours.rows) and screens the
weekly figures before judging them exactly; neither may change a finding. On a few
hundred random small rosters, every norm of every norm set with client-hours norms is
compared with a plain computation of the rule (sets of days, a loop per row, every
week of every client summed in Python): the spans, the rows that count, the weekly
findings with and without the screen, and the unrecorded-clients warning.

The rosters are made to hit the edges: periods that start and end mid-week or cross
the turn of the year (ISO weeks in two months or years), rows outside the period,
products delivered on part of the period, several products per client, a product
written in lower case or unknown to the norm set, Clienten rows outside the period,
twice for one client, or for a client without any Begeleiding row, hours that meet a
bound exactly."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

import pytest

from rostercheck.checks import scope
from rostercheck.checks.client_hours import check, unrecorded_clients
from rostercheck.checks.client_hours import weekly
from rostercheck.checks.client_hours.context import Context, monday, weeks_of
from rostercheck.checks.client_hours.weekly import _average_finding, _week_finding, value
from rostercheck.model import SupportKind
from rostercheck.normsets import load_catalogue
from rostercheck.normsets.schema import WEEKLY_MEASURES, ClientHoursMeasure, Judge
from rostercheck.checks.client_hours.context import at_most_warning
from rostercheck.testing import roster_from_spec

SETS = ["tarieven-15n", "centraal-gelderland", "oost-veluwe-2024", "zou-segment-b", "bijlage5"]
PERIODS = [
    (date(2026, 3, 1), date(2026, 3, 31)),  # starts on a Sunday, ends on a Tuesday
    (date(2026, 3, 4), date(2026, 4, 15)),  # a Wednesday to a Wednesday, across two months
    (date(2025, 12, 22), date(2026, 1, 11)),  # across the turn of the year
    (date(2026, 3, 2), date(2026, 3, 8)),  # one whole week
    (date(2026, 3, 5), date(2026, 3, 5)),  # one day
]
CLIENTS = ["C1", "C2", "C10", "b", "A"]  # name order is not number order
HOURS = [0, 0.25, 0.72, 1, 1, 1.15, 1.5, 2, 2.4, 3.33, 3.75, 7]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def _products(norm_set) -> list[str]:
    out: list[str] = []
    for n in norm_set.norms:
        if n.check == "client_hours" and n.params.measure is not ClientHoursMeasure.ON_SITE_HOURS_PER_CLIENT_DAY:
            out.extend(p for p in n.products if p not in out)
    return out


def _random_roster(rng: random.Random, set_id: str, products: list[str]):
    first, last = rng.choice(PERIODS)
    span = (last - first).days

    def day(margin: int = 3) -> date:
        return first + timedelta(days=rng.randint(-margin, span + margin))

    spec: dict = {"period": f"{first}..{last}", "locations": [f"L1 {set_id}", f"L2 {set_id}"], "products": [], "support": []}
    for loc in ("L1", "L2"):
        for p in rng.sample(products, k=min(len(products), rng.choice([1, 1, 2, 3]))):
            clients = rng.choice([1, 2, 5])
            if rng.random() < 0.6:
                spec["products"].append(f"{loc} {p} {clients}")
            else:  # delivered on part of the period (or outside it)
                a, b = sorted((day(5), day(5)))
                spec["products"].append(f"{loc} {p} {clients} {a} {b}")
    texts = products + [p.lower() for p in products] + ["ONBEKEND"]
    clients = rng.sample(CLIENTS, k=rng.randint(1, len(CLIENTS)))
    for _ in range(rng.randint(0, 60)):
        spec["support"].append(" ".join([
            rng.choice(clients), rng.choice(["L1", "L1", "L2"]), rng.choice(texts), str(day()),
            str(rng.choice(HOURS)), rng.choice(list(SupportKind)).value,
        ]))
    if rng.random() < 0.5:  # a Clienten sheet
        spec["clients"] = []
        for _ in range(rng.randint(0, 8)):
            a, b = day(10), day(10)
            a_text = str(a) if rng.random() < 0.7 else "-"
            b_text = str(b) if rng.random() < 0.7 else "-"
            spec["clients"].append(f"{rng.choice(CLIENTS)} {rng.choice(['L1', 'L2'])} {rng.choice(texts)} {a_text} {b_text}")
    return roster_from_spec(spec)


# --- the plain computation ---------------------------------------------------------------

def _plain_spans(ctx: Context):
    roster, loc = ctx.roster, ctx.location
    days = roster.period.days()
    first, last = days[0], days[-1]
    records = [r for r in roster.support or () if r.location == loc and first <= r.day <= last
               and ctx.product_id(r.product).lower() in ctx.wanted]
    from_records: dict = {}
    for r in records:
        key = (r.client, ctx.product_id(r.product))
        lo, hi = from_records.get(key, (r.day, r.day))
        from_records[key] = (min(lo, r.day), max(hi, r.day))
    held: dict = defaultdict(set)
    for c in roster.clients or ():
        pid = ctx.product_id(c.product)
        if c.location != loc or pid.lower() not in ctx.wanted:
            continue
        lo, hi = max(c.valid_from or first, first), min(c.valid_until or last, last)
        held[(c.client, pid)].update(lo + timedelta(n) for n in range((hi - lo).days + 1))
    for key, (lo, hi) in from_records.items():
        if key not in held:
            held[key].update(lo + timedelta(n) for n in range((hi - lo).days + 1))
    spans = {}
    for key, on in sorted(held.items()):
        on = on & set(scope.active_days(roster, loc, [key[1]]))
        if on:
            spans[key] = sorted(on)
    by_client = {key: [r for r in records if (r.client, ctx.product_id(r.product)) == key and r.day in set(days)]
                 for key, days in spans.items()}
    return spans, by_client


def _plain_weekly(ctx: Context, spans, by_client) -> list:
    p = ctx.params
    average = p.judged is Judge.AVERAGE
    out = []
    for (client, product), held in spans.items():
        records = by_client[(client, product)]
        weeks = weeks_of(held)
        short = []
        for days in weeks:
            v = value(ctx, [r for r in records if monday(r.day) == monday(days[0])], len(days))
            bound = ctx.violated(v, len(days) / 7)
            if bound is not None:
                short.append((days, v, bound))
        if average:
            v = value(ctx, records, len(held)) * 7 / len(held)
            bound = ctx.violated(v)
            if bound is not None:
                whole_week = any(len(w) == 7 for w in weeks)
                out.append(_average_finding(ctx, client, product, held, v, bound, short, whole_week))
                continue
        week_severity = at_most_warning(ctx.norm.severity) if average else ctx.norm.severity
        for days, v, bound in short:
            severity = week_severity if len(days) == 7 else at_most_warning(week_severity)
            out.append(_week_finding(ctx, client, product, days, v, bound, severity))
    return out


def _plain_unrecorded(norm_set, roster, loc) -> list[tuple]:
    """(product, named, expected) for every warning the rule gives."""
    if roster.clients is not None or roster.support is None:
        return []
    products: list[str] = []
    for n in norm_set.norms:
        if n.check == "client_hours" and n.params.measure in WEEKLY_MEASURES and n.params.min:
            products.extend(p for p in n.products if p not in products)
    out = []
    for product in products:
        days = scope.active_days(roster, loc, [product])
        if not days:
            continue
        expected = max(scope.clients_on(roster, loc, [product], d) for d in days)
        seen = set()
        for r in roster.support:
            found = norm_set.product(r.product)
            if r.location == loc and days[0] <= r.day <= days[-1] and (found.id if found else r.product).lower() == product.lower():
                seen.add(r.client)
        if len(seen) < expected:
            out.append((product, len(seen), expected))
    return out


def _dump(findings) -> list[str]:
    return [f.model_dump_json() for f in findings]


@pytest.mark.parametrize("set_id", SETS)
def test_arrays_and_screen_give_the_plain_findings(catalogue, set_id):
    norm_set = catalogue.get(set_id)
    products = _products(norm_set)
    rng = random.Random(set_id)
    compared = found = warned = 0
    for _ in range(120):
        roster = _random_roster(rng, set_id, products)
        for loc in ("L1", "L2"):
            for norm in norm_set.norms:
                if norm.check != "client_hours" or norm.params.measure is ClientHoursMeasure.ON_SITE_HOURS_PER_CLIENT_DAY:
                    continue
                days = scope.active_days(roster, loc, norm.products)
                if not days:
                    continue
                ctx = Context(norm, norm_set, roster, loc, days)
                spans, by_client = _plain_spans(ctx)
                assert ctx.spans() == spans
                assert ctx.records_by_client() == by_client
                compared += 1
                if norm.params.measure in WEEKLY_MEASURES:
                    plain = _dump(_plain_weekly(ctx, spans, by_client))
                    assert _dump(weekly.check(ctx)) == plain
                    assert _dump(weekly.check(ctx, screen=False)) == plain
                    assert _dump(check(norm, norm_set, roster, loc)) == plain
                    found += len(plain)
                else:  # shares and days: their figures come from the spans and rows compared above
                    found += len(check(norm, norm_set, roster, loc))
            warnings = [(f.product, f.measured, f.required) for f in unrecorded_clients(norm_set, roster, loc)]
            assert warnings == _plain_unrecorded(norm_set, roster, loc)
            warned += len(warnings)
    # the random rosters do break the norms: the comparison is not of empty lists
    assert compared > 100 and found > 20
    if set_id != "zou-segment-b" and set_id != "bijlage5":
        assert warned > 0


@pytest.mark.parametrize(("set_id", "norm_id", "product", "kind", "bound", "hair", "findings"), [
    # 15N-group-hours: at least 7 group hours a week (average over the span: here one week)
    ("tarieven-15n", "15N-group-hours", "15N13", "groep", 7, -2e-9, 1),
    ("tarieven-15n", "15N-group-hours", "15N13", "groep", 7, -5e-10, 0),
    ("tarieven-15n", "15N-group-hours", "15N13", "groep", 7, 0, 0),
    # HGV individual hours: at most 4.33 a week (judge: week)
    ("oost-veluwe-2024", "HGV-individual-hours", "HGV", "individueel", 4.33, 2e-9, 1),
    ("oost-veluwe-2024", "HGV-individual-hours", "HGV", "individueel", 4.33, 5e-10, 0),
])
def test_a_hair_beyond_the_bound_passes_the_screen(catalogue, set_id, norm_id, product, kind, bound, hair, findings):
    # Seven rows in the week of Monday 2 March that add up to the bound plus ``hair``:
    # EPS (1e-9) decides, as without the screen.
    norm_set = catalogue.get(set_id)
    norm = next(n for n in norm_set.norms if n.id == norm_id)
    hours = [bound / 7] * 6
    hours.append(bound + hair - sum(hours))
    spec = {
        "period": "2026-03-02..2026-03-08", "locations": [f"L1 {set_id}"], "products": [f"L1 {product} 1"],
        "support": [f"C1 L1 {product} 2026-03-0{2 + i} {h!r} {kind}" for i, h in enumerate(hours)],
    }
    roster = roster_from_spec(spec)
    ctx = Context(norm, norm_set, roster, "L1", scope.active_days(roster, "L1", norm.products))
    assert len(weekly.check(ctx)) == findings
    assert _dump(weekly.check(ctx)) == _dump(weekly.check(ctx, screen=False)) == _dump(_plain_weekly(ctx, *_plain_spans(ctx)))
