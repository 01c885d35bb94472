"""Candidate changes for the working-time errors a roster already has (arbeidstijden).

A planner gives one of the shifts of the error to a free colleague, moves or shortens
it, or drops it and has someone else work (part of) it. Each alternative is
prefiltered with the law itself (``LawCheck``: the checker's own per-employee
evaluation), so the solver is not sent after changes the verification would refuse.
"""

from __future__ import annotations

import time as _time
from collections import defaultdict
from datetime import datetime, timedelta

from rostercheck.findings import Severity
from rostercheck.fix.pool import REASSIGN, Cand, Pool, _split, coverage_gaps
from rostercheck.fix.requirements import CoverageReq, Requirements
from rostercheck.model import Roster, Shift, ShiftKind

# A planner asks a few colleagues, those with the most room that week first; so does the
# fixer: per shift (and per span a dropped shift leaves open) at most this many are
# tried against the law, and at most this many lawful ones are offered. An evaluation
# of one employee's month takes 1-3 ms; these keep a location's errors within a few
# hundred of them.
MAX_COLLEAGUE_TRIES = 10
MAX_LAWFUL_COLLEAGUES = 3
# An error no single change takes away (twelve days on: two days must go): pairs of its
# shifts are tried leaving the employee together, at most this many pairs per error, and
# at most MAX_PAIR_FIXES pairs that work are given to the model.
MAX_PAIR_TRIES = 80
MAX_PAIR_FIXES = 4


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
        # A month of one employee takes 1-3 ms (measured): the evaluations are counted
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

    def without(self, employee: str, *origins: int) -> frozenset:
        return self.errors(employee, [(i, s) for i, s in self.shifts.get(employee, []) if i not in origins])

    def week_minutes(self, employee: str, at: datetime) -> int:
        """Minutes the employee already has in the ISO week of ``at`` (who has room first)."""
        wk = at.isocalendar()[:2]
        return sum(round((s.end - s.start).total_seconds() // 60) for _, s in self.shifts.get(employee, ())
                   if s.start.isocalendar()[:2] == wk)

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
    r = pool.roster
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
        base = law._base.get(q.employee, frozenset())
        pool.law_fixes[q.key] = [cid for i in q.refs for cid, after in alts.get(i, ()) if _fixes(after, base, target)]
    try:
        for q in reqs.labour_law:
            if not pool.law_fixes[q.key]:
                pool.law_pairs[q.key] = _pair_fixes(pool, law, q)
    except LawBudgetSpent:
        if not any("rekenbudget" in n for n in pool.notes):
            pool.notes.append("Niet alle combinaties van wijzigingen voor de arbeidstijdfouten zijn bekeken binnen het "
                              f"rekenbudget ({law.used - 1} toetsingen); een ruimere --time-limit bekijkt er meer.")


def _pair_fixes(pool: Pool, law: LawCheck, q) -> list[tuple[int, int]]:
    """Pairs of the error's shifts that take it away when both leave the employee (given to
    a colleague or dropped) and leave no other error: for errors no single change fixes."""
    refs = [i for i in q.refs if i in pool.by_origin and pool.roster.shifts[i].employee == q.employee]
    if len(refs) < 2:
        return []
    base = law.base(q.employee)
    target = (q.norm_id, q.start, q.end)
    n = len(refs)
    # The pairs spread most evenly over the error first (a long run of days is broken best in thirds).
    pairs = sorted(((a, b) for a in range(n) for b in range(a + 1, n)),
                   key=lambda ab: (abs(ab[0] - (n - 1) / 3) + abs(ab[1] - 2 * (n - 1) / 3), ab))
    out = []
    for a, b in pairs[:MAX_PAIR_TRIES]:
        if _fixes(law.without(q.employee, refs[a], refs[b]), base, target):
            out.append((refs[a], refs[b]))
            if len(out) >= MAX_PAIR_FIXES:
                break
    return out


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

    def by_room(location: str, at: datetime, exclude: str) -> list[str]:
        return sorted((e for e in pool.staff.get(location, []) if e != exclude),
                      key=lambda e: (law.week_minutes(e, at), e))

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

        # Another employee: free, at least as qualified for every norm the shift serves now,
        # those with the most room that week first.
        tried = found = 0
        for e in by_room(s.location, s.start, exclude=s.employee):
            if found >= MAX_LAWFUL_COLLEAGUES or tried >= MAX_COLLEAGUE_TRIES:
                break
            if busy(e, s.start, s.end) or pool.absent(e, s.start, s.end):
                continue
            probe = Cand(-1, e, s.location, s.start, s.end, s.kind, i, REASSIGN)
            if not all(pool.counts(q.norm.params, probe) for q in cov) or not all(q.qualifies(pool.emp[e]) for q in lvl):
                continue
            tried += 1
            if law.added(e, s.model_copy(update={"employee": e}), i) <= law.base(e):
                pool.reassign(i, e)
                cid = cand_id(i, e, s.start, s.end, s.kind)
                if cid is not None:
                    entries.append((cid, without))
                    found += 1

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
                    tried = found = 0
                    for e in by_room(s.location, a, exclude=s.employee):
                        if found >= MAX_LAWFUL_COLLEAGUES or tried >= MAX_COLLEAGUE_TRIES:
                            break
                        if busy(e, a, b) or pool.absent(e, a, b):
                            continue
                        for kind in pool.kinds_for(q.norm.params, e, s.location, a, b):
                            tried += 1
                            new = Shift(employee=e, location=s.location, start=a, end=b, kind=kind)
                            if law.added(e, new, len(r.shifts)) <= law.base(e):
                                c = pool.new_shift(e, s.location, a, b, kind)
                                if c is not None:
                                    pool.stand_in[c.id] = i
                                    found += 1
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
