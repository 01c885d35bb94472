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

import time as _time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from rostercheck.checks.eligibility import Counts, counts_towards
from rostercheck.findings import Severity
from rostercheck.fix.options import FixOptions
from rostercheck.fix.requirements import CoverageReq, Requirements, ShareReq
from rostercheck.model import Level, Roster, Shift, ShiftKind, elapsed_hours

KEEP, REASSIGN, RETIME, REKIND, ADD = "keep", "reassign", "retime", "rekind", "add"

# Cheapest first is decided by the kind weights; this is only a stable order.
_KIND_ORDER = (
    ShiftKind.PHONE,
    ShiftKind.ON_CALL,
    ShiftKind.SLEEP,
    ShiftKind.AWAKE_NIGHT,
    ShiftKind.PRESENT,
    ShiftKind.AMBULANT,
)
# Usual shift times where a location has none yet (staffing mode, a new location).
DEFAULT_TEMPLATES = ((time(7, 0), 480), (time(15, 0), 420), (time(22, 0), 540), (time(7, 0), 720), (time(19, 0), 720))


@dataclass
class Cand:
    id: int
    employee: str
    location: str
    start: datetime
    end: datetime
    kind: ShiftKind
    origin: int | None  # index into roster.shifts; None: a new shift
    action: str
    change_cost: int = 0
    added_cost: int = 0  # tier 2: weighted paid minutes above the original
    added_minutes: int = 0  # raw minutes above the original (reported as added hours)
    response_min: int | None = None  # written into the shift (None: Reistijden decides)
    frozen: bool = False  # an original with no alternatives: always kept

    @property
    def minutes(self) -> int:
        return round(elapsed_hours(self.start, self.end) * 60)


@dataclass
class Pool:
    roster: Roster
    options: FixOptions
    cands: list[Cand] = field(default_factory=list)
    by_origin: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    _seen: dict = field(default_factory=dict)  # candidate key -> id
    stand_in: dict[int, int] = field(default_factory=dict)  # new shift -> the shift it may replace (origin)
    # Origins the solver may drop, with the requirement keys of the norms the shift itself breaks.
    droppable: dict[int, set[str]] = field(default_factory=dict)
    # Origins that become an open shift (vacature) when dropped: the level it needs.
    vacancy_level: dict[int, Level] = field(default_factory=dict)
    # Requirement keys a candidate was generated for (what a change serves when the
    # model's own bookkeeping finds no direct gain, e.g. a reassignment that frees someone).
    reasons: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    reason: tuple[str, ...] = ()  # the requirement(s) candidates are being generated for
    law_fixes: dict[str, list[int]] = field(default_factory=dict)  # labour-law req key -> cand ids / -origin-1
    level_reqs: list = field(default_factory=list)  # the level norms (what an extra shift must meet)
    law_budget: int | None = None  # labour-law evaluations allowed while generating candidates
    deadline: float | None = None  # time.monotonic() by which candidate generation stops
    notes: list[str] = field(default_factory=list)  # for the planner: what generation left out

    def __post_init__(self) -> None:
        r = self.roster
        self.travel = {(t.employee, t.location): t.minutes for t in r.travel_times}
        self.emp = r.employee_by_id
        staff: dict[str, set[str]] = defaultdict(set)
        for s in r.shifts:
            staff[s.location].add(s.employee)
        for (e, loc) in self.travel:
            staff[loc].add(e)
        for loc, extra in self.options.extra_location_staff.items():
            staff[loc].update(extra)
        self.staff = {loc: sorted(e for e in es if e in self.emp) for loc, es in staff.items()}
        # verlof/ziek (FORMAT.md rev. 2): nobody is planned while away (OUTPUT.md rev. 2).
        self.away: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
        for a in r.absences:
            self.away[a.employee].append((a.start, a.end))
        for i, s in enumerate(r.shifts):
            c = self._add(s.employee, s.location, s.start, s.end, s.kind, i, KEEP, response_min=s.response_min)
            assert c is not None

    # ---------------------------------------------------------------- helpers
    def response(self, employee: str, location: str, kind: ShiftKind, written: int | None) -> int | None:
        if kind.on_site:
            return 0
        if written is not None:
            return written
        return self.travel.get((employee, location))

    def product_of(self, c: Cand) -> str | None:
        return self.roster.shifts[c.origin].product if c.origin is not None else None

    def cand_response(self, c: Cand) -> int | None:
        return self.response(c.employee, c.location, c.kind, c.response_min)

    def counts(self, params, c: Cand) -> bool:
        return counts_towards(params, self.emp[c.employee], c.kind, self.cand_response(c)) is Counts.YES

    def paid(self, employee: str, kind: ShiftKind, minutes: int) -> int:
        costs = self.options.costs
        return minutes * costs.kind_weight[kind] * costs.level_weight[self.emp[employee].level] // 100

    def _add(self, employee, location, start, end, kind, origin, action, response_min=None) -> Cand | None:
        key = (origin, employee, location, start, end, kind)
        if key in self._seen:
            self.reasons[self._seen[key]].update(self.reason)
            return None
        if employee not in self.emp:
            return None
        if action != KEEP:
            if elapsed_hours(start, end) > self.options.max_shift_hours + 1e-9 or end <= start:
                return None
            if employee not in self.staff.get(location, ()):
                return None  # only locations the employee already works at (or has a travel time to)
            away = self.options.unavailable_from.get(employee)
            if away is not None and end.date() >= away:
                return None
            if self.absent(employee, start, end):
                return None
        c = Cand(len(self.cands), employee, location, start, end, kind, origin, action, response_min=response_min)
        self._seen[key] = c.id
        if action != KEEP:
            self.reasons[c.id].update(self.reason)
        costs = self.options.costs
        if action != KEEP:
            c.change_cost = {REASSIGN: costs.reassign, RETIME: costs.retime, REKIND: costs.rekind, ADD: costs.add}[action]
            new_paid = self.paid(employee, kind, c.minutes)
            if origin is None:
                c.added_cost, c.added_minutes = new_paid, _paid_minutes(kind, c.minutes)
            else:
                o = self.roster.shifts[origin]
                old_minutes = round(o.hours * 60)
                c.added_cost = max(0, new_paid - self.paid(o.employee, o.kind, old_minutes))
                c.added_minutes = max(0, _paid_minutes(kind, c.minutes) - _paid_minutes(o.kind, old_minutes))
        self.cands.append(c)
        if origin is not None:
            self.by_origin[origin].append(c.id)
        return c

    def absent(self, employee: str, start: datetime, end: datetime) -> bool:
        """On leave or sick (verlof/ziek) during any part of [start, end)."""
        return any(a < end and b > start for a, b in self.away.get(employee, ()))

    def vacancy_minutes(self, origin: int) -> int:
        """Paid minutes a dropped shift leaves open (0 where it leaves no vacancy)."""
        if origin not in self.vacancy_level:
            return 0
        s = self.roster.shifts[origin]
        return _paid_minutes(s.kind, round(s.hours * 60))

    def keep(self, origin: int) -> Cand:
        return self.cands[self.by_origin[origin][0]]

    def allow_drop(self, origin: int, req_key: str, vacancy: Level | None = None) -> None:
        """The shift itself breaks the norm ``req_key``: the solver may drop it. With
        ``vacancy``, a drop leaves an open shift of that level (priced by ``FixCosts.vacancy``)."""
        self.droppable.setdefault(origin, set()).add(req_key)
        if vacancy is not None:
            old = self.vacancy_level.get(origin)
            self.vacancy_level[origin] = vacancy if old is None or vacancy.rank > old.rank else old

    def vacancy_cost(self, origin: int) -> int:
        """Tier-2 cost of leaving a dropped shift open: its paid minutes at the level it needs, at the vacancy rate."""
        level = self.vacancy_level.get(origin)
        if level is None:
            return 0
        s, costs = self.roster.shifts[origin], self.options.costs
        minutes = round(s.hours * 60)
        return minutes * costs.kind_weight[s.kind] * costs.level_weight[level] * costs.vacancy // 10000

    # ------------------------------------------------------------ candidates
    def reassign(self, origin: int, employee: str) -> Cand | None:
        s = self.roster.shifts[origin]
        if employee == s.employee:
            return None
        return self._add(employee, s.location, s.start, s.end, s.kind, origin, REASSIGN)

    def retime(self, origin: int, start: datetime, end: datetime) -> Cand | None:
        s = self.roster.shifts[origin]
        if (start, end) == (s.start, s.end):
            return None
        # A bounded move: part of the original time kept, the start within max_move_hours.
        if start >= s.end or end <= s.start or abs(start - s.start) > timedelta(hours=self.options.max_move_hours):
            return None
        return self._add(s.employee, s.location, start, end, s.kind, origin, RETIME, response_min=s.response_min)

    def rekind(self, origin: int, kind: ShiftKind) -> Cand | None:
        s = self.roster.shifts[origin]
        if kind is s.kind:
            return None
        return self._add(s.employee, s.location, s.start, s.end, kind, origin, REKIND,
                         response_min=s.response_min if kind is ShiftKind.ON_CALL else None)

    def new_shift(self, employee: str, location: str, start: datetime, end: datetime, kind: ShiftKind) -> Cand | None:
        return self._add(employee, location, start, end, kind, None, ADD)

    def templates(self, location: str) -> list[tuple[time, int]]:
        """The location's usual shift times (start, minutes), most used first."""
        counter: Counter = Counter()
        for s in self.roster.shifts:
            if s.location == location:
                counter[(s.start.time(), round((s.end - s.start).total_seconds() / 60))] += 1
        usual = [k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))][:6]
        for t in DEFAULT_TEMPLATES:
            if len(usual) >= 4:
                break
            if t not in usual:
                usual.append(t)
        return usual

    def kinds_for(self, params, employee: str, location: str, start: datetime, end: datetime) -> list[ShiftKind]:
        """The cheapest kind that counts for the norm, and the awake on-site kind where it counts too."""
        e = self.emp[employee]
        weights = self.options.costs.kind_weight
        night_min = _night_minutes(start, end)
        # A sleeping or awake night watch by day is no shift a planner would write: at least
        # 4 night hours, and at most 3 hours outside the night (19:00-07:00 yes, 00:00-12:00 no).
        night = night_min >= 240 and elapsed_hours(start, end) * 60 - night_min <= 180
        ok = [k for k in _KIND_ORDER
              if (night or k not in (ShiftKind.SLEEP, ShiftKind.AWAKE_NIGHT))
              and counts_towards(params, e, k, self.response(employee, location, k, None)) is Counts.YES]
        if not ok:
            return []
        out = [min(ok, key=lambda k: (weights[k], _KIND_ORDER.index(k)))]
        awake = ShiftKind.AWAKE_NIGHT if night else ShiftKind.PRESENT
        if awake in ok and awake not in out:
            out.append(awake)
        return out


def _paid_minutes(kind: ShiftKind, minutes: int) -> int:
    """Reported added hours: hours on duty that are paid as hours (working time and the
    sleeping watch); on-call and phone duty are paid as an allowance, not as hours."""
    return minutes if kind.working_time or kind is ShiftKind.SLEEP else 0


def _night_minutes(start: datetime, end: datetime) -> int:
    total, day = 0, start.date() - timedelta(days=1)
    while datetime.combine(day, time()) < end:
        n0 = datetime.combine(day, time(22, 0))
        n1 = n0 + timedelta(hours=9)
        total += max(0, (min(end, n1) - max(start, n0)).total_seconds() // 60)
        day += timedelta(days=1)
    return int(total)


def coverage_gaps(pool: Pool, req: CoverageReq, cands: list[Cand]) -> list[tuple[datetime, datetime, int]]:
    """Maximal sub-windows of ``req`` where fewer than min_staff of ``cands`` count, with the number missing."""
    params = req.norm.params
    ivs = [(max(c.start, req.start), min(c.end, req.end), c.employee) for c in cands
           if c.location == req.location and c.start < req.end and c.end > req.start and pool.counts(params, c)]
    # A sweep over start and end events: one person with two overlapping shifts counts once
    # (as the checker counts).
    events: dict[datetime, list[tuple[int, str]]] = defaultdict(list)
    for a, b, e in ivs:
        events[a].append((1, e))
        events[b].append((-1, e))
    points = sorted({req.start, req.end, *events})
    active: Counter = Counter()
    out: list[tuple[datetime, datetime, int]] = []
    for a, b in zip(points, points[1:]):
        for d, e in events.get(a, ()):
            active[e] += d
            if active[e] == 0:
                del active[e]
        missing = max(0, params.min_staff - len(active))
        if missing and out and out[-1][1] == a and out[-1][2] == missing:
            out[-1] = (out[-1][0], b, missing)
        elif missing:
            out.append((a, b, missing))
    return out


def share_deficit(pool: Pool, req: ShareReq, cands: list[Cand]) -> tuple[int, int]:
    """(qualified working minutes, all working minutes) of ``cands`` at the location in the block."""
    q = t = 0
    for c in cands:
        if c.location != req.location or not c.kind.working_time:
            continue
        a, b = max(c.start, req.start, pool.roster.period.start), min(c.end, req.end, pool.roster.period.end)
        if a >= b or not req.attributed(pool.product_of(c), a.date()):
            continue
        m = round(elapsed_hours(a, b) * 60)
        t += m
        if req.qualifies(pool.emp[c.employee]):
            q += m
    return q, t


def _split(start: datetime, end: datetime, max_minutes: int) -> list[tuple[datetime, datetime]]:
    total = int((end - start).total_seconds() // 60)
    if total <= max_minutes:
        return [(start, end)]
    n = -(-total // max_minutes)
    step = -(-total // n)
    step = -(-step // 30) * 30
    out, cur = [], start
    while cur < end:
        nxt = min(end, cur + timedelta(minutes=step))
        out.append((cur, nxt))
        cur = nxt
    return out


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


class LawBudgetSpent(Exception):
    """The labour-law evaluations allowed for candidate generation are used up."""


class LawCheck:
    """The labour-law module's per-employee evaluation, for candidate changes.

    A candidate is offered only when it gives no employee an error they did not
    have (or a worse one: the key holds the measured value), so the solver is not
    sent looking for changes the verification would refuse.
    """

    def __init__(self, roster: Roster, norm_sets, budget: int | None = None, deadline: float | None = None) -> None:
        from rostercheck.checks.labour_law import employee_violations_for_shifts

        self._evaluate = employee_violations_for_shifts
        self.sets = tuple(norm_sets)
        # ATB 4.8:2 consent decides the employee's regime, as in the checker
        self.consent = {e.id: e.presence_shift_consent for e in roster.employees}
        self.shifts: dict[str, list[tuple[int, Shift]]] = defaultdict(list)
        for i, s in enumerate(roster.shifts):
            self.shifts[s.employee].append((i, s))
        self._base: dict[str, frozenset] = {}
        self.budget, self.deadline, self.used = budget, deadline, 0

    def errors(self, employee: str, shifts: list[tuple[int, Shift]]) -> frozenset:
        # A month of one employee takes tens of milliseconds: the evaluations are counted
        # (the same count on every run, so the same candidates) and the clock backs it up.
        self.used += 1
        if self.budget is not None and self.used > self.budget:
            raise LawBudgetSpent
        if self.deadline is not None and _time.monotonic() > self.deadline:
            raise LawBudgetSpent
        found = self._evaluate(self.sets, employee, shifts, consent=self.consent.get(employee, False))
        return frozenset((f.norm, f.start, f.end, f.measured) for f in found if f.severity is Severity.ERROR)

    def base(self, employee: str) -> frozenset:
        if employee not in self._base:
            self._base[employee] = self.errors(employee, self.shifts.get(employee, []))
        return self._base[employee]

    def without(self, employee: str, origin: int) -> frozenset:
        return self.errors(employee, [(i, s) for i, s in self.shifts.get(employee, []) if i != origin])

    def replaced(self, employee: str, origin: int, shift: Shift) -> frozenset:
        return self.errors(employee, [(i, s) for i, s in self.shifts.get(employee, []) if i != origin] + [(origin, shift)])

    def added(self, employee: str, shift: Shift, ref: int) -> frozenset:
        return self.errors(employee, [*self.shifts.get(employee, []), (ref, shift)])


def _fixes(after: frozenset, before: frozenset, target: tuple) -> bool:
    """No new or worse error, and the target finding is gone."""
    return after <= before and not any(k[:3] == target for k in after)


def labour_law_candidates(pool: Pool, reqs: Requirements, at_loc: dict[str, list[Cand]], unmet: dict) -> None:
    """Alternatives for the shifts of an existing working-time violation (arbeidstijden).

    A planner gives one of the shifts to a free colleague, moves or shortens it, or
    drops it and, where coverage then falls short, has someone else work (part of)
    it. Each alternative is prefiltered with the law itself: a reassignment must
    give the colleague no new violation, a move must make none for the employee.
    ``pool.law_fixes[req.key]`` lists the alternatives (and drops, as ``-origin-1``)
    that on their own take the finding away; the model demands one of them
    (``build``), and the verification confirms.
    """
    r, opt = pool.roster, pool.options
    law = LawCheck(r, reqs.labour_law_sets, budget=pool.law_budget, deadline=pool.deadline)
    alts: dict[int, list[tuple[int, frozenset]]] = {}
    try:
        _law_alternatives(pool, reqs, at_loc, law, alts)
    except LawBudgetSpent:
        pool.notes.append("Niet alle alternatieven voor de arbeidstijdfouten zijn bekeken binnen het rekenbudget "
                          f"({law.used - 1} toetsingen); een ruimere --time-limit bekijkt er meer.")
    for q in reqs.labour_law:
        unmet[q.key] = [f"{q.employee} {q.start:%Y-%m-%d %H:%M}-{q.end:%Y-%m-%d %H:%M}"]
        target = (q.norm_id, q.start, q.end)
        try:
            pool.law_fixes[q.key] = [cid for i in q.refs for cid, after in alts.get(i, ())
                                     if _fixes(after, law._base.get(r.shifts[i].employee, frozenset()), target)]
        except LawBudgetSpent:
            pool.law_fixes[q.key] = []


def _law_alternatives(pool: Pool, reqs: Requirements, at_loc: dict[str, list[Cand]], law: LawCheck,
                      alts: dict[int, list[tuple[int, frozenset]]]) -> None:
    r, opt = pool.roster, pool.options
    grid = timedelta(minutes=opt.grid_minutes)
    rest = timedelta(hours=opt.min_rest_hours)
    cov_by_loc: dict[str, list[CoverageReq]] = defaultdict(list)
    for q in reqs.coverage:
        cov_by_loc[q.location].append(q)
    level_by_loc = defaultdict(list)
    for q in reqs.level:
        level_by_loc[q.location].append(q)

    def busy(e: str, a: datetime, b: datetime) -> bool:
        # Within the model's rest of one of their shifts: the model would refuse it anyway.
        return any(x.start < b + rest and x.end + rest > a for _, x in law.shifts.get(e, ()))

    def cand_id(origin: int | None, e: str, a: datetime, b: datetime, kind: ShiftKind) -> int | None:
        key = (origin, e, r.shifts[origin].location if origin is not None else None, a, b, kind)
        for cid in pool.by_origin.get(origin, ()):
            c = pool.cands[cid]
            if (c.origin, c.employee, c.location, c.start, c.end, c.kind) == key:
                return cid
        return None

    keys_of: dict[int, list[str]] = defaultdict(list)
    for q in reqs.labour_law:
        for i in q.refs:
            keys_of[i].append(q.key)
    # Per shift: its alternatives with the errors its employee is left with.
    for i in dict.fromkeys(i for q in reqs.labour_law for i in q.refs):
        s = r.shifts[i]
        keep = pool.keep(i)
        base = law.base(s.employee)
        without = law.without(s.employee, i)
        entries: list[tuple[int, frozenset]] = [(-i - 1, without)]  # dropped
        alts[i] = entries
        pool.reason = tuple(keys_of[i])
        for key in keys_of[i]:
            pool.allow_drop(i, key)  # the shift is part of the working-time error itself
        cov = [q for q in cov_by_loc.get(s.location, ())
               if s.start < q.end and s.end > q.start and pool.counts(q.norm.params, keep)]
        lvl = [q for q in level_by_loc.get(s.location, ())
               if s.kind.working_time and q.in_scope(s.product, max(s.start, r.period.start).date())
               and q.qualifies(pool.emp[s.employee])]

        # Another employee: free, at least as qualified for every norm the shift serves now.
        for e in pool.staff.get(s.location, []):
            if e == s.employee or busy(e, s.start, s.end):
                continue
            probe = Cand(-1, e, s.location, s.start, s.end, s.kind, i, REASSIGN)
            if not all(pool.counts(q.norm.params, probe) for q in cov) or not all(q.qualifies(pool.emp[e]) for q in lvl):
                continue
            if law.added(e, s.model_copy(update={"employee": e}), i) <= law.base(e):
                pool.reassign(i, e)
                cid = cand_id(i, e, s.start, s.end, s.kind)
                if cid is not None:
                    entries.append((cid, without))

        # Moved or shortened on the grid, by the same employee.
        times = []
        for k in range(1, opt.grid_steps + 1):
            times += [(s.start + k * grid, s.end + k * grid), (s.start - k * grid, s.end - k * grid)]
            if s.end - s.start - k * grid >= grid:
                times += [(s.start + k * grid, s.end), (s.start, s.end - k * grid)]
        for a, b in times:
            after = law.replaced(s.employee, i, s.model_copy(update={"start": a, "end": b}))
            if after < base:  # fewer errors, none new: it repairs something
                pool.retime(i, a, b)
                cid = cand_id(i, s.employee, a, b, s.kind)
                if cid is not None:
                    entries.append((cid, after))

        # Dropped; where coverage then falls short, a free colleague covers the gap.
        others = [c for c in at_loc.get(s.location, []) if c.origin != i]
        for q in cov:
            for gs, ge, _ in coverage_gaps(pool, q, others):
                gs, ge = max(gs, s.start), min(ge, s.end)
                if gs >= ge:
                    continue
                for a, b in _covering_spans(pool, s.location, gs, ge):
                    if (a, b) == (s.start, s.end):
                        continue  # that is the reassignment above, at its lower cost
                    for e in pool.staff.get(s.location, []):
                        if e == s.employee or busy(e, a, b):
                            continue
                        for kind in pool.kinds_for(q.norm.params, e, s.location, a, b):
                            new = Shift(employee=e, location=s.location, start=a, end=b, kind=kind)
                            if law.added(e, new, len(r.shifts)) <= law.base(e):
                                c = pool.new_shift(e, s.location, a, b, kind)
                                if c is not None:
                                    pool.stand_in[c.id] = i
        alts[i] = entries


def _covering_spans(pool: Pool, location: str, gs: datetime, ge: datetime) -> list[tuple[datetime, datetime]]:
    """The location's usual shift times that cover [gs, ge) whole, and the gap itself."""
    out = []
    for day in (gs.date() - timedelta(days=1), gs.date()):
        for t0, minutes in pool.templates(location):
            a = datetime.combine(day, t0)
            b = a + timedelta(minutes=minutes)
            if a <= gs and b >= ge:
                out.append((a, b))
    out += _split(gs, ge, int(pool.options.max_shift_hours * 60))
    return list(dict.fromkeys(out))
