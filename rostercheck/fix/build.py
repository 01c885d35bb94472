"""The CP-SAT model of a fix, in the style of OR-Tools' shift_scheduling_sat example.

Time at a location is cut into elementary segments between all relevant
breakpoints (window edges, edges of existing and candidate shifts), not
minutes. Each soft constraint has a named penalty variable, named after the norm,
location and window it serves (``short[15N13-nacht/L1/2026-03-04T23:00]``), so
every change the solver proposes can say why.

Hard, per employee: no overlap (also across locations); between two shifts that
are working time (or a sleeping watch) at least ``rest_minutes``, the shortest rest
the loaded labour law ever allows (``fixer.law_rest_minutes``: a reduced daily rest,
8 h in the ATW); at most ``max_shift_hours`` per shift (candidates are never longer),
weekly hours at most contract hours plus the overtime margin, and only locations the
employee already works at. On-call and phone duty get no rest tail: the law's rules
for them (ATB 4.8, 5.19) are the checker's, applied by the verify-and-cut loop, so
no rule here is stricter than the law in force. Existing violations among shifts the
solver keeps unchanged are the working-time check's business, not a reason to make
the roster infeasible: a kept shift's rest tail is cut at the employee's next shift.

Objective tiers (``objective_tiers``): OUTPUT.md rev. 2 "What smallest means" —
violations left, then the number of changes, then added paid minutes; or, with
``--objective cost``, violations, then the weighted cost of added hours (level and
kind weights, ``FixCosts``), then the weighted cost of the changes.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ortools.sat.python import cp_model

from rostercheck.checks.eligibility import Counts, counts_towards
from rostercheck.findings import iso_minute
from rostercheck.fix.pool import KEEP, Cand, Pool
from rostercheck.fix.requirements import Requirements
from rostercheck.model import ShiftKind, elapsed_hours


@dataclass
class Penalty:
    """A soft constraint's slack: how much of a norm is left unmet, and where."""

    name: str
    check: str  # coverage | share | level | role
    req_key: str
    norm_id: str
    location: str
    start: datetime
    end: datetime
    var: cp_model.IntVar | None  # None: unmet whatever the solver does (a constant)
    constant: int = 0
    unit_minutes: int = 0  # coverage: minutes of the segment
    level: str | None = None  # the level or role that is missing
    extra: dict = field(default_factory=dict)


@dataclass
class Built:
    model: cp_model.CpModel
    pool: Pool
    x: dict[int, cp_model.IntVar]  # non-frozen candidates
    removed: dict[int, cp_model.IntVar]  # origin -> "dropped" indicator
    tiers: list[list[tuple[cp_model.IntVar, int]]]  # weighted: violations, added cost, change cost
    tier_constants: list[int]
    penalties: list[Penalty]
    serves: dict[int, set[str]]  # candidate id (or -origin-1 for a removal) -> requirement keys
    # Per change literal: (literal, added paid minutes) — the "changes" objective's tiers 2 and 3.
    change_terms: list[tuple[cp_model.IntVar, int]] = field(default_factory=list)

    def value_of(self, values: list[int], c: Cand) -> int:
        if c.frozen:
            return 1
        return values[self.x[c.id].Index()]


def _minute(t: datetime, epoch: datetime) -> int:
    return int((t - epoch).total_seconds() // 60)


def build_model(pool: Pool, reqs: Requirements, rest_minutes: int | None = None) -> Built:
    r, opt, costs = pool.roster, pool.options, pool.options.costs
    if rest_minutes is None:
        rest_minutes = int(opt.min_rest_hours * 60)
    m = cp_model.CpModel()
    cands = pool.cands
    x: dict[int, cp_model.IntVar] = {}
    for c in cands:
        if not c.frozen:
            x[c.id] = m.new_bool_var(f"x[{c.action}/{c.employee}/{c.location}/{iso_minute(c.start)}-{iso_minute(c.end)}/{c.kind.value}#{c.id}]")
    tiers: list[list[tuple[cp_model.IntVar, int]]] = [[], [], []]
    consts = [0, 0, 0]
    penalties: list[Penalty] = []
    serves: dict[int, set[str]] = defaultdict(set)

    # One choice per existing shift: keep it or one of its alternatives. Dropping it is a
    # choice only where the shift itself breaks a norm (``Pool.allow_drop``): its hours
    # never simply disappear to serve another norm (a share, a coverage elsewhere).
    removed: dict[int, cp_model.IntVar] = {}
    change_terms: list[tuple[cp_model.IntVar, int]] = []
    for origin, ids in pool.by_origin.items():
        if origin not in pool.droppable:
            if len(ids) > 1:
                m.add_exactly_one([x[i] for i in ids])
            continue
        s = r.shifts[origin]
        rm = m.new_bool_var(f"removed[{s.employee}/{s.location}/{iso_minute(s.start)}]")
        removed[origin] = rm
        m.add_exactly_one([x[i] for i in ids] + [rm])
        if pool.vacancy_cost(origin):
            tiers[1].append((rm, pool.vacancy_cost(origin)))  # it leaves an open shift (vacature)
        tiers[2].append((rm, costs.remove))
        change_terms.append((rm, pool.vacancy_minutes(origin)))
        serves[-origin - 1].update(pool.droppable[origin])
    for c in cands:
        if not c.frozen and c.action != KEEP:
            tiers[1].append((x[c.id], c.added_cost))
            tiers[2].append((x[c.id], c.change_cost))
            change_terms.append((x[c.id], c.added_minutes))

    def lit(c: Cand):
        return None if c.frozen else x[c.id]

    by_loc: dict[str, list[Cand]] = defaultdict(list)
    for c in cands:
        if c.end > r.period.start and c.start < r.period.end:
            by_loc[c.location].append(c)

    # ---------------------------------------------------------------- coverage
    reqs_by_loc = defaultdict(list)
    for q in reqs.coverage:
        reqs_by_loc[q.location].append(q)
    # Employees whose kept shifts overlap (the roster has them so): only there can two
    # chosen candidates of one person cover the same minute, and only two kept ones
    # (the per-employee constraints below make every other pair exclusive).
    double: set[str] = set()
    keeps_of: dict[str, list[Cand]] = defaultdict(list)
    for c in cands:
        if c.action == KEEP:
            keeps_of[c.employee].append(c)
    for e, ks in keeps_of.items():
        ks.sort(key=lambda c: (c.start, c.end))
        if any(b.start < a.end for a, b in zip(ks, ks[1:])):
            double.add(e)

    def _presence(norm_id: str, loc: str, at: datetime, vs_c: list[Cand]) -> list:
        """One 0/1 term per employee: their candidate's literal, or 'present' if they may have two."""
        per: dict[str, list[Cand]] = defaultdict(list)
        for c in vs_c:
            per[c.employee].append(c)
        terms = []
        for e, ecs in per.items():
            if e not in double or sum(1 for c in ecs if c.action == KEEP) < 2:
                terms.extend(x[c.id] for c in ecs)
                continue
            v = m.new_bool_var(f"present[{norm_id}/{loc}/{e}/{iso_minute(at)}]")
            m.add(v <= sum(x[c.id] for c in ecs))
            terms.append(v)
        return terms

    for loc, loc_reqs in reqs_by_loc.items():
        loc_cands = by_loc.get(loc, [])
        points = sorted({*(t for q in loc_reqs for t in (q.start, q.end)),
                         *(max(r.period.start, min(r.period.end, t)) for c in loc_cands for t in (c.start, c.end))})
        for q in loc_reqs:
            params = q.norm.params
            i0, i1 = bisect_left(points, q.start), bisect_left(points, q.end)
            seg_cover: dict[int, list[Cand]] = defaultdict(list)
            for c in loc_cands:
                if c.start >= q.end or c.end <= q.start or not pool.counts(params, c):
                    continue
                for k in range(max(i0, bisect_left(points, c.start)), min(i1, bisect_left(points, c.end))):
                    seg_cover[k].append(c)
            need = params.min_staff
            run: tuple | None = None  # (key, first segment, last segment, const, vars, original count)

            def flush(run):
                if run is None:
                    return
                _, k0, k1, const, vs, orig = run
                a, b = points[k0], points[k1 + 1]
                # Real minutes, as the checker counts them: the missing spring hour is no
                # shortfall at all, the repeated autumn hour weighs two.
                minutes = pool.real_minutes(a, b)
                if minutes <= 0:
                    return
                name = f"short[{q.norm.id}/{loc}/{iso_minute(a)}]"
                missing = need - const
                pen = Penalty(name, "coverage", q.key, q.norm.id, loc, a, b, None, unit_minutes=minutes,
                              level=params.min_level.value, extra={"presence": params.presence.value, "title": q.norm.title,
                                                                   "params": params})
                if not vs:
                    pen.constant = missing
                    consts[0] += missing * minutes * costs.short_minute
                else:
                    short = m.new_int_var(0, missing, name)
                    m.add(sum(vs) + short >= missing)
                    pen.var = short
                    tiers[0].append((short, minutes * costs.short_minute))
                penalties.append(pen)
                if orig < need:
                    for c in vs_cands[run[0]]:
                        if c.action != KEEP:
                            serves[c.id].add(q.key)

            vs_cands: dict[tuple, list[Cand]] = {}
            for k in range(i0, i1):
                cover = seg_cover.get(k, [])
                # As the checker: one person with two overlapping shifts counts once.
                frozen_emps = {c.employee for c in cover if c.frozen}
                const = len(frozen_emps)
                orig = len({c.employee for c in cover if c.action == KEEP})
                if const >= need:
                    flush(run)
                    run = None
                    continue
                vs_c = [c for c in cover if not c.frozen and c.employee not in frozen_emps]
                key = (const, orig, tuple(c.id for c in vs_c))
                vs_cands[key] = vs_c
                if run is not None and run[0] == key and run[2] == k - 1:
                    run = (key, run[1], k, const, run[4], orig)
                else:
                    flush(run)
                    run = (key, k, k, const, _presence(q.norm.id, loc, points[k], vs_c), orig)
            flush(run)

    # ------------------------------------------------------------------ shares
    for q in reqs.share:
        lo, hi = q.fractions()
        terms = []
        for c in by_loc.get(q.location, []):
            if not c.kind.working_time:
                continue
            a, b = max(c.start, q.start, r.period.start), min(c.end, q.end, r.period.end)
            if a >= b or not q.attributed(pool.product_of(c), a.date()):
                continue
            terms.append((c, round(elapsed_hours(a, b) * 60), q.qualifies(pool.emp[c.employee])))
        for bound, sign in ((lo, 1), (hi, -1)):
            if bound is None:
                continue
            n, d = bound.numerator, bound.denominator
            # sign * (d * qualified - n * total) >= 0, in whole minutes
            coef = lambda minutes, qual: sign * minutes * (d * qual - n)  # noqa: E731
            const = sum(coef(mm, ql) for c, mm, ql in terms if c.frozen)
            orig = sum(coef(mm, ql) for c, mm, ql in terms if c.action == KEEP)
            var_terms = [(x[c.id], coef(mm, ql)) for c, mm, ql in terms if not c.frozen]
            name = f"{'share_short' if sign > 0 else 'share_excess'}[{q.norm.id}/{q.location}/{q.product}/{q.start:%Y-%m-%d}]"
            pen = Penalty(name, "share", q.key, q.norm.id, q.location, q.start, q.end, None,
                          level=q.norm.params.min_level.value,
                          extra={"bound": float(bound), "denominator": d, "sign": sign, "title": q.norm.title,
                                 "terms": [(c.id, mm, ql) for c, mm, ql in terms]})
            worst = const + sum(min(0, cf) for _, cf in var_terms)
            if worst >= 0:
                continue  # met whatever the solver does
            if not var_terms:
                pen.constant = -const
                consts[0] += -const * costs.short_minute
            else:
                short = m.new_int_var(0, -worst, name)
                m.add(sum(v * cf for v, cf in var_terms) + short >= -const)
                pen.var = short
                tiers[0].append((short, costs.short_minute))
                if orig < 0:
                    orig_by_origin = {c.origin: coef(mm, ql) for c, mm, ql in terms if c.action == KEEP}
                    for c, mm, ql in terms:
                        if c.action != KEEP and coef(mm, ql) > orig_by_origin.get(c.origin, 0):
                            serves[c.id].add(q.key)
            penalties.append(pen)

    # ------------------------------------------------------------------ levels
    for q in reqs.level:
        for c in by_loc.get(q.location, []):
            if (not c.kind.working_time or q.qualifies(pool.emp[c.employee])
                    or not q.in_scope(pool.product_of(c), max(c.start, r.period.start).date())):
                continue
            name = f"unqualified[{q.norm.id}/{q.location}/{iso_minute(c.start)}/{c.employee}]"
            pen = Penalty(name, "level", q.key, q.norm.id, q.location, c.start, c.end, lit(c),
                          unit_minutes=c.minutes, level=q.norm.params.min_level.value,
                          extra={"employee": c.employee, "title": q.norm.title, "req": q, "kind": c.kind})
            if c.frozen:
                pen.constant = 1
                consts[0] += c.minutes * costs.unqualified_minute
            else:
                tiers[0].append((x[c.id], c.minutes * costs.unqualified_minute))
                if c.action == KEEP:
                    for i in pool.by_origin[c.origin]:
                        if i != c.id and q.qualifies(pool.emp[cands[i].employee]):
                            serves[i].add(q.key)
                    serves[-c.origin - 1].add(q.key)
            penalties.append(pen)

    # ------------------------------------------------------------------- roles
    for q in reqs.role:
        if not q.norm.params.rostered:
            continue
        holders = sorted(e.id for e in r.employees if q.holder(e))
        has = []
        const = 0
        orig = 0
        for h in holders:
            hc = [c for c in by_loc.get(q.location, []) if c.employee == h]
            if any(c.frozen for c in hc):
                const += 1
                orig += 1
                continue
            if any(c.action == KEEP for c in hc):
                orig += 1
            if hc:
                v = m.new_bool_var(f"rostered[{q.norm.id}/{q.location}/{h}]")
                m.add(v <= sum(x[c.id] for c in hc))
                has.append(v)
        need = q.norm.params.min_count - const
        if need <= 0:
            continue
        name = f"role_short[{q.norm.id}/{q.location}/{q.start:%Y-%m}]"
        pen = Penalty(name, "role", q.key, q.norm.id, q.location, q.start, q.end, None,
                      level=q.norm.params.role.value,
                      extra={"min_level": q.norm.params.min_level.value if q.norm.params.min_level else None,
                             "title": q.norm.title, "req": q})
        short = m.new_int_var(0, need, name)
        if has:
            m.add(sum(has) + short >= need)
        else:
            m.add(short >= need)
        pen.var = short
        tiers[0].append((short, costs.missing_role))
        penalties.append(pen)
        if orig < q.norm.params.min_count:
            for c in by_loc.get(q.location, []):
                if c.action != KEEP and c.employee in holders:
                    serves[c.id].add(q.key)

    # ---------------------------------------------------------- labour law
    # A working-time error the roster already has: one of the alternatives that take
    # it away on their own is chosen (``pool.law_fixes``, prefiltered with the law by
    # ``law_candidates.labour_law_candidates``); where there is none, at least one of the
    # finding's shifts changes (kept <= |refs| - 1). The verification confirms.
    for q in reqs.labour_law:
        keeps = [pool.keep(i) for i in q.refs if i in pool.by_origin]
        name = f"labour_law[{q.norm_id}/{q.employee}/{iso_minute(q.start)}]"
        pen = Penalty(name, "labour_law", q.key, q.norm_id, q.location or "", q.start, q.end, None,
                      extra={"employee": q.employee, "message": q.message, "refs": q.refs})
        fixes = []
        for cid in pool.law_fixes.get(q.key, ()):
            if cid >= 0 and cid in x:
                fixes.append((x[cid], cid))
            elif cid < 0 and -cid - 1 in removed:
                fixes.append((removed[-cid - 1], cid))
        # Errors no single change takes away: a pair of its shifts that both leave the employee.
        for i, j in pool.law_pairs.get(q.key, ()):
            stays = [_stays_with(pool, x, o) for o in (i, j)]
            if any(v is None for v in stays):
                continue
            both = m.new_bool_var(f"law_pair[{q.norm_id}/{q.employee}/{i}/{j}]")
            for v in stays:
                m.add(both + v <= 1)
            fixes.append((both, None))
            for o in (i, j):
                serves[-o - 1].add(q.key)
                for cid in pool.by_origin[o]:
                    if cands[cid].employee != q.employee:
                        serves[cid].add(q.key)
        lits = [x[c.id] for c in keeps if not c.frozen]
        if not fixes and not lits:
            pen.constant = 1
            consts[0] += costs.labour_law
        else:
            left = m.new_bool_var(name)
            if fixes:
                m.add(sum(v for v, _ in fixes) + left >= 1)
                for _, cid in fixes:
                    if cid is not None:
                        serves[cid].add(q.key)
            else:
                m.add(sum(lits) + (len(keeps) - len(lits)) <= len(keeps) - 1 + left)
                for c in keeps:
                    if not c.frozen:
                        for i in pool.by_origin[c.origin]:
                            if i != c.id:
                                serves[i].add(q.key)
                        serves[-c.origin - 1].add(q.key)
            pen.var = left
            tiers[0].append((left, costs.labour_law))
        penalties.append(pen)
    # A new shift that stands in for a dropped shift of a working-time error serves it too.
    ll_keys = {c.origin: q.key for q in reqs.labour_law for c in (pool.keep(i) for i in q.refs if i in pool.by_origin)}
    if ll_keys:
        for c in cands:
            if c.origin is None and not c.frozen and c.id in pool.stand_in:
                origin = pool.stand_in[c.id]
                if origin in ll_keys:
                    serves[c.id].add(ll_keys[origin])

    # ------------------------------------------------------- per employee, hard
    epoch = min([r.period.start, *(c.start for c in cands)]) - timedelta(days=1)
    rest = rest_minutes
    by_emp: dict[str, list[Cand]] = defaultdict(list)
    for c in cands:
        by_emp[c.employee].append(c)
    for e, ecs in sorted(by_emp.items()):
        if all(c.frozen for c in ecs):
            continue
        keeps = sorted((c for c in ecs if c.action == KEEP), key=lambda c: (c.start, c.end))
        overlapping = any(b.start < a.end for a, b in zip(keeps, keeps[1:]))
        if not overlapping:
            # Never two shifts at once (at any location); between two that are working
            # time, the shortest rest the law allows.
            for rested, group in ((False, ecs), (True, [c for c in ecs if _rests(c.kind)])):
                if rested and (not rest or len(group) < 2):
                    continue
                group_keeps = sorted((c for c in group if c.action == KEEP), key=lambda c: (c.start, c.end))
                next_start = {a.id: b.start for a, b in zip(group_keeps, group_keeps[1:])}
                intervals = []
                for c in group:
                    s0, s1 = _minute(c.start, epoch), _minute(c.end, epoch)
                    tail = rest if rested else 0
                    if tail and c.action == KEEP and c.id in next_start:
                        tail = min(tail, max(0, _minute(next_start[c.id], c.end)))
                    size = max(1, s1 - s0 + tail)
                    if c.frozen:
                        intervals.append(m.new_fixed_size_interval_var(s0, size, f"busy[{e}#{c.id}]"))
                    else:
                        intervals.append(m.new_optional_fixed_size_interval_var(s0, size, x[c.id], f"busy[{e}#{c.id}]"))
                m.add_no_overlap(intervals)
        else:
            ordered = sorted(ecs, key=lambda c: c.start)
            longest = timedelta(minutes=rest)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    if b.start >= a.end + longest:
                        break
                    if a.action == KEEP and b.action == KEEP:
                        continue
                    if a.frozen and b.frozen:
                        continue
                    gap = timedelta(minutes=rest) if _rests(a.kind) and _rests(b.kind) else timedelta(0)
                    if b.start >= a.end + gap:
                        continue
                    m.add_bool_or([v.Not() for v in (lit(a), lit(b)) if v is not None])
        # Weekly hours: contract hours plus the overtime margin, never below what the roster already has.
        emp = pool.emp[e]
        cap_week = int(((emp.contract_hours if emp.contract_hours is not None else opt.default_contract_hours)
                        + opt.overtime_margin_hours) * 60)
        weeks: dict[tuple, list[Cand]] = defaultdict(list)
        for c in ecs:
            if c.kind.working_time or c.kind is ShiftKind.SLEEP:
                weeks[tuple(c.start.isocalendar()[:2])].append(c)
        for wk, wcs in weeks.items():
            if all(c.frozen or c.action == KEEP for c in wcs):
                continue
            orig = sum(c.minutes for c in wcs if c.action == KEEP)
            cap = max(orig, cap_week)
            const = sum(c.minutes for c in wcs if c.frozen)
            m.add(sum(x[c.id] * c.minutes for c in wcs if not c.frozen) <= cap - const)

    return Built(m, pool, x, removed, tiers, consts, penalties, serves, change_terms)


def _stays_with(pool: Pool, x: dict, origin: int):
    """1 when the shift stays with its employee (kept, moved or of another kind), else 0;
    None when the shift cannot leave them (no alternative)."""
    s = pool.roster.shifts[origin]
    own = [pool.cands[cid] for cid in pool.by_origin[origin] if pool.cands[cid].employee == s.employee]
    if any(c.frozen for c in own):
        return None
    return sum(x[c.id] for c in own)


def _rests(kind: ShiftKind) -> bool:
    """Shifts between which the law asks a daily rest: working time and the sleeping watch."""
    return kind.working_time or kind is ShiftKind.SLEEP


OBJECTIVES = ("changes", "cost")


def objective_tiers(built: Built, objective: str) -> list[list[tuple[cp_model.IntVar, int]]]:
    """The three lexicographic tiers of an objective (OUTPUT.md rev. 2, "What smallest means").

    ``changes`` (default): violations left, then the number of changes, then added paid
    minutes. ``cost``: violations left, then the weighted cost of added hours, then the
    weighted cost of the changes (``FixCosts``)."""
    if objective == "cost":
        return built.tiers
    if objective != "changes":
        raise ValueError(f"unknown objective {objective!r}; choose from {', '.join(OBJECTIVES)}")
    # A fourth tier only breaks ties between equally small fixes (a sleeping watch before an
    # awake one of the same hours, the cheaper colleague): the documented cost.
    cost: dict[int, int] = defaultdict(int)
    for tier in built.tiers[1:]:
        for v, c in tier:
            cost[v.Index()] += c
    lits = {v.Index(): v for v, _ in built.change_terms}
    return [built.tiers[0], [(v, 1) for v, _ in built.change_terms],
            [(v, mm) for v, mm in built.change_terms if mm > 0],
            [(lits[i], c) for i, c in sorted(cost.items()) if c > 0 and i in lits]]



def add_no_good(built: Built, chosen: list, others: list = ()) -> None:
    """Forbid choosing all of ``chosen`` while none of ``others`` is chosen (a lazy
    labour-law cut on one employee's exact set of changes): candidate ids or literals."""
    def var(i):
        return built.x[i] if isinstance(i, int) else i

    out = [var(i).Not() for i in chosen if not isinstance(i, int) or i in built.x]
    out += [var(i) for i in others if not isinstance(i, int) or i in built.x]
    if out:
        built.model.add_bool_or(out)


def counts_yes(params, pool: Pool, c: Cand) -> bool:
    return counts_towards(params, pool.emp[c.employee], c.kind, pool.cand_response(c)) is Counts.YES
