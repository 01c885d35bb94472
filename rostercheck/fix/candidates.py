"""Candidate changes: what the solver may choose between, each with its cost.

Every shift of the roster is a candidate that keeps it as it is (cost 0). Where
a norm is not met, nearby changes become candidates too: give the shift to
another free, qualified employee; extend or move it (on a grid, or to the
window's edges); change its kind; add a shift for an employee who already works
at the location (at the location's usual shift times, or exactly on the
uncovered window). Shifts no norm needs changed get no alternatives at all, so
the solver cannot touch what needs no change.

A shift is never simply dropped to serve a norm it does not break itself (a share
is met by giving shifts to qualified colleagues or adding their hours, not by
cutting the care others give). Only the shifts of a working-time error and the
shifts of someone a level norm does not allow may be dropped (``Pool.allow_drop``);
the latter then become an open shift (vacature) of the required level, the dearest
change, so their work is reassigned wherever a qualified colleague is free.
Moves are bounded (``FixOptions.max_move_hours``): a shift keeps part of its time.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from rostercheck.fix.law_candidates import labour_law_candidates
from rostercheck.fix.pool import REASSIGN, Cand, Pool, _night_minutes, _split, coverage_gaps, share_deficit
from rostercheck.fix.requirements import Requirements
from rostercheck.model import ShiftKind


def generate(pool: Pool, reqs: Requirements) -> dict[str, list[str]]:
    """Add the candidate changes the unmet norms call for. Returns, per requirement
    key, a description of what was unmet in the original roster (for the report)."""
    r, opt = pool.roster, pool.options
    pool.level_reqs = list(reqs.level)
    originals = [pool.keep(i) for i in range(len(r.shifts))]
    in_period = [c for c in originals if c.end > r.period.start and c.start < r.period.end]
    at_loc: dict[str, list[Cand]] = defaultdict(list)
    for c in in_period:
        at_loc[c.location].append(c)
    max_min = int(opt.max_shift_hours * 60)
    grid = timedelta(minutes=opt.grid_minutes)
    unmet: dict[str, list[str]] = {}

    for req in reqs.coverage:
        gaps = coverage_gaps(pool, req, at_loc[req.location])
        if not gaps:
            continue
        pool.reason = (req.key,)
        unmet[req.key] = [f"{a:%Y-%m-%d %H:%M}-{b:%H:%M} mist {n}" for a, b, n in gaps]
        params = req.norm.params
        staff = pool.staff.get(req.location, [])
        for gs, ge, _ in gaps:
            # Times for a new shift: the usual shift times around the gap, the gap itself, the window.
            spans: list[tuple[datetime, datetime]] = []
            for day in (gs.date() - timedelta(days=1), gs.date(), ge.date()):
                for t0, minutes in pool.templates(req.location):
                    a = datetime.combine(day, t0)
                    b = a + timedelta(minutes=minutes)
                    if a < ge and b > gs:
                        spans.append((a, b))
            spans += _split(gs, ge, max_min) + _split(req.start, req.end, max_min)
            # Only a shift that overlaps the gap can close it (a 24/7 window of a month
            # would otherwise offer a shift every 12 h of the month for every gap).
            spans = [(a, b) for a, b in spans if a < ge and b > gs]
            for e in staff:
                for a, b in dict.fromkeys(spans):
                    for kind in pool.kinds_for(params, e, req.location, a, b):
                        pool.new_shift(e, req.location, a, b, kind)
            for o in at_loc[req.location]:
                if o.origin is None:
                    continue
                s = r.shifts[o.origin]
                overlaps = s.start < ge and s.end > gs
                if overlaps and not pool.counts(params, o):
                    # Someone is there, but does not count: another employee, or another kind.
                    for e in staff:
                        probe = Cand(-1, e, s.location, s.start, s.end, s.kind, o.origin, REASSIGN)
                        if pool.counts(params, probe):
                            pool.reassign(o.origin, e)
                    for kind in pool.kinds_for(params, s.employee, s.location, s.start, s.end):
                        pool.rekind(o.origin, kind)
                if pool.counts(params, o):
                    near = timedelta(minutes=opt.grid_minutes * opt.grid_steps)
                    if gs - near <= s.end <= ge and s.start < gs + near:  # ends just before or inside the gap
                        pool.retime(o.origin, s.start, max(ge, s.end))
                        for k in range(1, opt.grid_steps + 1):
                            pool.retime(o.origin, s.start, s.end + k * grid)
                        dur = s.end - s.start
                        pool.retime(o.origin, ge - dur, ge)
                    if gs <= s.start <= ge + near and s.end > ge - near:  # starts inside or just after
                        pool.retime(o.origin, min(gs, s.start), s.end)
                        for k in range(1, opt.grid_steps + 1):
                            pool.retime(o.origin, s.start - k * grid, s.end)
                        dur = s.end - s.start
                        pool.retime(o.origin, gs, gs + dur)

    for req in reqs.level:
        bad = [o for o in at_loc[req.location] if o.kind.working_time
               and req.in_scope(pool.product_of(o), max(o.start, r.period.start).date())
               and not req.qualifies(pool.emp[o.employee])]
        if not bad:
            continue
        unmet[req.key] = [f"{o.employee} {o.start:%Y-%m-%d %H:%M}" for o in bad]
        pool.reason = (req.key,)
        qualified = [e for e in pool.staff.get(req.location, []) if req.qualifies(pool.emp[e])]
        for o in bad:
            for e in qualified:
                pool.reassign(o.origin, e)
            # The shift itself breaks the norm: it may go, but its work is left as an open
            # shift of the level it needs (someone as qualified as its employee, at least).
            need = req.norm.params.min_level
            own = pool.emp[o.employee].level
            pool.allow_drop(o.origin, req.key, vacancy=own if own.rank > need.rank else need)

    for req in reqs.share:
        lo, hi = req.fractions()
        q, t = share_deficit(pool, req, at_loc[req.location])
        short_lo = lo is not None and q < lo * t
        short_hi = hi is not None and q > hi * t
        if not (short_lo or short_hi):
            continue
        unmet[req.key] = [f"{q / 60:.1f} van {t / 60:.1f} uur"]
        pool.reason = (req.key,)
        want = (lambda e: req.qualifies(pool.emp[e])) if short_lo else (lambda e: not req.qualifies(pool.emp[e]))
        toward = [e for e in pool.staff.get(req.location, []) if want(e)]
        load = Counter()
        for c in in_period:
            load[c.employee] += c.minutes
        ranked = sorted(toward, key=lambda e: (load[e], e))[:8]
        for o in at_loc[req.location]:
            if o.kind.working_time and not want(o.employee) and o.start < req.end and o.end > req.start:
                for e in ranked:
                    pool.reassign(o.origin, e)
        if short_lo:
            day = req.start.date()
            work_templates = [tm for tm in pool.templates(req.location)][:3]
            while datetime.combine(day, time()) < req.end:
                for e in ranked[:4]:
                    for t0, minutes in work_templates:
                        a = datetime.combine(day, t0)
                        kind = ShiftKind.AWAKE_NIGHT if _night_minutes(a, a + timedelta(minutes=minutes)) >= 240 else ShiftKind.PRESENT
                        pool.new_shift(e, req.location, a, a + timedelta(minutes=minutes), kind)
                day += timedelta(days=1)

    for req in reqs.role:
        if not req.norm.params.rostered:
            continue
        holders = [e.id for e in r.employees if req.holder(e)]
        present = {o.employee for o in at_loc[req.location]}
        if len([h for h in holders if h in present]) >= req.norm.params.min_count:
            continue
        unmet[req.key] = [f"{len([h for h in holders if h in present])} van {req.norm.params.min_count}"]
        pool.reason = (req.key,)
        eligible = [h for h in holders if h in pool.staff.get(req.location, [])]
        if not eligible:
            # A role-holder on the staff list may be rostered at a location new to them.
            pool.staff.setdefault(req.location, [])
            pool.staff[req.location] = sorted(set(pool.staff[req.location]) | set(holders))
            eligible = holders
        day_templates = [tm for tm in pool.templates(req.location) if 6 <= tm[0].hour <= 16][:2] or [(time(9, 0), 480)]
        for o in at_loc[req.location]:
            if o.kind.working_time and 7 <= o.start.hour <= 16:
                for h in eligible:
                    pool.reassign(o.origin, h)
        for day in r.period.days():
            for h in eligible:
                for t0, minutes in day_templates:
                    a = datetime.combine(day, t0)
                    pool.new_shift(h, req.location, a, a + timedelta(minutes=minutes), ShiftKind.PRESENT)

    if reqs.labour_law:
        labour_law_candidates(pool, reqs, at_loc, unmet)
    pool.reason = ()

    # Originals with no alternative are frozen: the solver keeps them as they are.
    for i, ids in pool.by_origin.items():
        if len(ids) == 1 and i not in pool.droppable:
            pool.cands[ids[0]].frozen = True
    return unmet
