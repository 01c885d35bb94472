"""The candidate pool: every shift kept as it is, and the changes the solver may choose instead.

A candidate (``Cand``) is one way a shift can end up: kept, given to another employee,
moved, of another kind, or a new shift, each with its cost (``FixCosts``). ``Pool``
holds them with what limits them all: only locations an employee already works at,
never during leave or sickness, never longer than ``max_shift_hours``, a bounded move.
Which changes are offered where is ``candidates`` (the norms) and ``law_candidates``
(the working-time law).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from rostercheck.checks._common import Clock
from rostercheck.checks.eligibility import Counts, counts_towards
from rostercheck.fix.options import FixOptions
from rostercheck.fix.requirements import CoverageReq, ShareReq
from rostercheck.model import Level, Roster, ShiftKind, elapsed_hours

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
    # labour-law req key -> pairs of origins that fix it when both leave the employee
    law_pairs: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
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

    def real_minutes(self, start: datetime, end: datetime) -> int:
        """Elapsed minutes from ``start`` to ``end`` as the checker counts them (``Clock``): the
        missing spring hour lasts no minute, the repeated autumn hour two."""
        clock = self.__dict__.get("_clock")
        if clock is None:
            p = self.roster.period
            clock = self.__dict__["_clock"] = Clock(p.start, p.end)
        origin = self.roster.period.start

        def real(t: datetime) -> int:
            return clock.real(int((t - origin).total_seconds()) // 60)

        return real(end) - real(start)

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
        if missing and pool.real_minutes(a, b) <= 0:
            continue  # the missing spring hour: no real minute to cover (as the checker counts)
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
