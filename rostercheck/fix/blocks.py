"""What really blocks a fix: checked against the roster, person by person.

An explanation the fixer gives ("nobody free") must hold for the roster as it is:
for a window that stays unmet, every employee who would qualify is looked at, and
what keeps each of them out is named — on leave or sick, already on duty (here or
elsewhere), at contract hours plus the overtime margin that week, not working at
this location, too far away for the response time, or a working-time rule (by its
title) that the extra shift would break. Where nobody on the staff list has the
level or the role, that is said instead.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import datetime

from rostercheck.checks._common import nl_hours
from rostercheck.findings import Severity
from rostercheck.model import Employee, Level, Shift, ShiftKind, elapsed_hours

MAX_NAMED = 6  # people named one by one; the rest are counted
# Working-time evaluations (tens of ms each) spent on explanations; past this the law is
# not tried for the remaining people, and the explanation says so.
MAX_LAW_PROBES = 120


class Blocks:
    def __init__(self, pool, law_sets=(), deadline: float | None = None) -> None:
        self.pool = pool
        r = pool.roster
        self.by_emp: dict[str, list[Shift]] = defaultdict(list)
        for s in r.shifts:
            self.by_emp[s.employee].append(s)
        self.law_sets = tuple(law_sets)
        self._titles = None
        self.law_probes = 0
        self.deadline = deadline  # time.monotonic(): past it the law is no longer tried

    def _law_titles(self) -> dict[str, str]:
        if self._titles is None:
            from rostercheck.checks.labour_law import effective_norms

            self._titles = {n.id: n.title for _, n in effective_norms(self.law_sets)} if self.law_sets else {}
        return self._titles

    def why_not(self, e: Employee, location: str, start: datetime, end: datetime, kind: ShiftKind) -> str | None:
        """Why ``e`` cannot take a shift [start, end) at ``location``; None if nothing in the roster stops them."""
        pool, opt = self.pool, self.pool.options
        if pool.absent(e.id, start, end):
            kinds = {a.kind.value for a in pool.roster.absences if a.employee == e.id and a.start < end and a.end > start}
            return f"{e.id} is {' / '.join(sorted(kinds))}"
        away = opt.unavailable_from.get(e.id)
        if away is not None and end.date() >= away:
            return f"{e.id} is vanaf {away:%d-%m} afwezig"
        if e.id not in pool.staff.get(location, ()):
            return f"{e.id} werkt niet op {location} (geen dienst en geen reistijd daar)"
        busy = [s for s in self.by_emp.get(e.id, ()) if s.start < end and s.end > start]
        if busy:
            where = sorted({s.location for s in busy})
            return f"{e.id} heeft dan al dienst ({', '.join(where)})"
        week = tuple(start.isocalendar()[:2])
        worked = sum(s.hours for s in self.by_emp.get(e.id, ())
                     if (s.kind.working_time or s.kind is ShiftKind.SLEEP) and tuple(s.start.isocalendar()[:2]) == week)
        cap = (e.contract_hours if e.contract_hours is not None else opt.default_contract_hours) + opt.overtime_margin_hours
        if (kind.working_time or kind is ShiftKind.SLEEP) and worked + elapsed_hours(start, end) > cap + 1e-9:
            return (f"{e.id} zit die week op {nl_hours(worked)} uur; met deze dienst boven contracturen + overwerk "
                    f"({nl_hours(cap)} uur)")
        if self.law_sets and (self.law_probes >= MAX_LAW_PROBES
                              or (self.deadline is not None and time.monotonic() > self.deadline)):
            return None if not self.law_sets else f"{e.id}: arbeidstijden niet meer nagekeken (rekenbudget)"
        if self.law_sets:
            from rostercheck.checks.labour_law import employee_violations_for_shifts

            self.law_probes += 1

            mine = [(i, s) for i, s in enumerate(pool.roster.shifts) if s.employee == e.id]
            base = {(f.norm, f.start, f.end) for f in employee_violations_for_shifts(self.law_sets, e.id, mine)
                    if f.severity is Severity.ERROR}
            new = Shift(employee=e.id, location=location, start=start, end=end, kind=kind)
            after = [f for f in employee_violations_for_shifts(self.law_sets, e.id, [*mine, (len(pool.roster.shifts), new)])
                     if f.severity is Severity.ERROR and (f.norm, f.start, f.end) not in base]
            if after:
                titles = self._law_titles()
                rules = sorted({titles.get(f.norm, f.norm) for f in after})
                return f"{e.id} zou de arbeidstijdenregel '{'; '.join(rules)}' breken"
        return None

    def explain(self, location: str, start: datetime, end: datetime, kind: ShiftKind, qualifies, what: str) -> str:
        """Who of ``what`` (e.g. "professional (≥ HBO)") could have taken the window, and why each could not."""
        staff = [e for e in self.pool.roster.employees if qualifies(e)]
        if not staff:
            return f"niemand op de personeelslijst is {what}"
        here = set(self.pool.staff.get(location, ()))
        elsewhere = [e for e in staff if e.id not in here]
        staff = [e for e in staff if e.id in here]
        if not staff:
            return (f"geen {what} werkt op {location} ({len(elsewhere)} op de personeelslijst werken elders, "
                    "zonder dienst of reistijd hier)")
        reasons, free = [], []
        for e in sorted(staff, key=lambda e: e.id):
            why = self.why_not(e, location, start, end, kind)
            (reasons if why else free).append(why or e.id)
        if free and not reasons:
            return (f"{', '.join(free[:MAX_NAMED])} zou{'den' if len(free) > 1 else ''} kunnen, maar daarmee "
                    "blijft een andere norm of regel open (zie de andere regels)")
        text = "; ".join(reasons[:MAX_NAMED])
        if len(reasons) > MAX_NAMED:
            text += f"; en {len(reasons) - MAX_NAMED} anderen evenmin"
        if free:
            text += (f"; {', '.join(free[:MAX_NAMED])} is vrij, maar daarmee blijft een andere norm of regel open")
        if elsewhere:
            text += f"; {len(elsewhere)} anderen werken niet op {location}"
        return f"geen {what} vrij: {text}"


def extra_shift_level(pool, location: str, at: datetime, need: Level) -> Level:
    """The level an extra shift must have: the window's own, raised to any level norm of the
    location that day (never suggest an MBO-2 where MBO-2 breaks the level norm)."""
    level = need
    for q in getattr(pool, "level_reqs", ()):
        if q.location == location and at.date() in q.days and q.norm.params.min_level.rank > level.rank:
            level = q.norm.params.min_level
    return level
