"""Working-time law (Arbeidstijdenwet, Arbeidstijdenbesluit, CAO overlays) per employee.

Every rule is evaluated per employee across all locations, on the whole shifts
(``Roster.shifts``, not clipped to the period), so rest and hours just before or
after the period count. Layout:

* :mod:`.timeline` — blocks of work, diensten and nachtdiensten as ATW 1:7 defines
  them, and the 24 h / 7×24 h periods of 5:3 lid 3 and 5:5 lid 3;
* :mod:`.bulk` — the employees no rule can report on, found for many at once
  (whole-array twins of the rules), whose timelines are then never built;
* :mod:`.regimes` — which regime judges an employee (ATW; ATW with the care
  paragraph ATB §5.19; the aanwezigheidsdienst of ATB 4.8) and why;
* one module per rule family — :mod:`.lengths`, :mod:`.hours`, :mod:`.daily_rest`,
  :mod:`.weekly_rest`, :mod:`.night`, :mod:`.on_call`, :mod:`.cao` — each rule
  registered by the ``rule`` name norm files use, its docstring its documentation.

Time outside the shifts the roster holds is rest; before and after the roster's
data nothing is known, so a rule only reports what the roster alone proves and a
rule whose window is longer than the data reports only once the data already
exceeds the cap. Rules the roster cannot decide are the norm files' ``unchecked``.

Overlays (a CAO): evaluated together with :func:`check_employee_sets`; an
overlay norm with ``replaces: <id>`` takes the place of that norm of the overlaid
set, all other overlay norms add to the law. A CAO in force is the collective
agreement that switches on the ATB regimes (see :mod:`.regimes`).
"""

from __future__ import annotations

from typing import Iterable, NamedTuple, Sequence

from rostercheck.checks.labour_law import cao as _cao  # noqa: F401  (registers its rules)
from rostercheck.checks.labour_law import daily_rest as _daily_rest  # noqa: F401
from rostercheck.checks.labour_law import hours as _hours  # noqa: F401
from rostercheck.checks.labour_law import lengths as _lengths  # noqa: F401
from rostercheck.checks.labour_law import night as _night  # noqa: F401
from rostercheck.checks.labour_law import on_call as _on_call  # noqa: F401
from rostercheck.checks.labour_law import weekly_rest as _weekly_rest  # noqa: F401
from rostercheck.checks.labour_law import bulk
from rostercheck.checks.labour_law.context import RULES, Ctx
from rostercheck.checks.labour_law.regimes import Regime, applies, regime_of
from rostercheck.checks.labour_law.timeline import Block, Dienst, Timeline, build_timeline, employee_shifts
from rostercheck.findings import Finding
from rostercheck.model import Employee, Roster, Shift, ShiftKind, shift_rows
from rostercheck.normsets.schema import LabourLawNorm, NormSet

__all__ = [
    "RULES", "Block", "Dienst", "Regime", "Staff", "Timeline", "build_timeline", "check_employee_sets", "check_employee_sets_part",
    "check_employees",
    "collective_agreement", "effective_norms", "employee_violations", "employee_violations_for_shifts",
    "labour_law_regimes", "regime_of",
]


class Staff(NamedTuple):
    """All the law reads of a roster: every function here that takes a ``roster``
    takes this as well (``checker.LawAhead`` judges the law on it before the rest of
    the roster is read)."""

    shifts: tuple[Shift, ...]
    employees: tuple[Employee, ...]


def effective_norms(norm_sets: Sequence[NormSet]) -> list[tuple[NormSet, LabourLawNorm]]:
    """The labour-law norms that apply when these sets are combined.

    Base sets first, overlays after (the checker's order). An overlay norm with
    ``replaces: X`` drops norm X of the set it overlays; every other overlay norm
    adds to the law (a CAO can only tighten, except where it says it replaces).
    """
    replaced: set[tuple[str, str]] = set()
    ids = {s.id for s in norm_sets}
    for s in norm_sets:
        for n in s.norms:
            r = getattr(n, "replaces", None)
            if r is not None:
                if s.overlays not in ids:
                    continue  # the overlaid set is not being evaluated: nothing to replace
                base = next(b for b in norm_sets if b.id == s.overlays)
                if r not in {m.id for m in base.norms}:
                    raise ValueError(f"norm set {s.id}: norm {n.id} replaces unknown norm {r!r} of {s.overlays}")
                replaced.add((s.overlays, r))
    return [(s, n) for s in norm_sets for n in s.norms
            if isinstance(n, LabourLawNorm) and (s.id, n.id) not in replaced]


def collective_agreement(norm_sets: Sequence[NormSet]) -> str | None:
    """The title of the collective agreement in force: an overlay set (a CAO)."""
    return next((s.title for s in norm_sets if s.overlays is not None), None)


def _evaluate(norm_sets: Sequence[NormSet], items: Iterable[tuple[Timeline, bool]]) -> list[Finding]:
    pairs = effective_norms(norm_sets)
    cao = collective_agreement(norm_sets)
    out: list[Finding] = []
    # One context per norm, pointed at each employee in turn (a rule uses its
    # context only while it runs: findings are made there and then).
    rules = [(RULES[n.params.rule], Ctx(n, s.id, None, n.params.typed), n.regimes) for s, n in pairs]  # type: ignore[arg-type]
    by_regime: dict[str, list] = {}  # the rules that apply in a regime (by its name), in order
    for tl, consent in items:
        if not tl.blocks and not tl.on_call:
            continue
        regime = regime_of(tl.sleep_shifts, cao, consent)
        applicable = by_regime.get(regime.name)
        if applicable is None:
            applicable = by_regime[regime.name] = [(fn, ctx) for fn, ctx, regimes in rules if applies(regimes, regime)]
        for fn, ctx in applicable:
            ctx.tl, ctx.regime = tl, regime
            found = fn(ctx)
            if found:
                out.extend(found)
    out.sort(key=Finding.sort_key)
    return out


def _evaluate_employees(norm_sets: Sequence[NormSet], items: list[tuple[str, list]], consent: dict[str, bool]) -> list[Finding]:
    """:func:`_evaluate` of these employees ((employee, [(ref, shift), ...]) pairs):
    those :mod:`.bulk` clears, on whom no rule can report, are passed over without
    a timeline; the others are judged by the rules."""
    cao = collective_agreement(norm_sets)
    rules = [(n.params.rule, n.params.typed, n.regimes) for _, n in effective_norms(norm_sets)]  # type: ignore[union-attr]
    regimes: dict[tuple[bool, bool], Regime] = {}

    def regime(sleeps: int, employee: str) -> Regime:
        key = (sleeps > 0, consent.get(employee, False))
        found = regimes.get(key)
        if found is None:
            found = regimes[key] = regime_of(sleeps, cao, key[1])
        return found

    skip = bulk.cleared(items, rules, regime, applies) if bulk.ENABLED else set()
    return _evaluate(norm_sets, ((build_timeline(e, shifts), consent.get(e, False))
                                 for k, (e, shifts) in enumerate(items) if k not in skip))


def _consents(roster: Roster) -> dict[str, bool]:
    return {e.id: e.presence_shift_consent for e in roster.employees}


def check_employees(norm_set: NormSet, roster: Roster, catalogue=None) -> list[Finding]:
    """All labour-law findings of one employee-scoped norm set on its own. For an
    overlay (CAO) set that is its own norms only, judged with that CAO in force."""
    return _evaluate_employees([norm_set], employee_shifts(roster), _consents(roster))


def check_employee_sets(norm_sets: Sequence[NormSet], roster: Roster) -> list[Finding]:
    """The law and its overlays together (``replaces`` honoured), every employee."""
    return _evaluate_employees(norm_sets, employee_shifts(roster), _consents(roster))


def check_employee_sets_part(norm_sets: Sequence[NormSet], roster: Roster, part: int, parts: int) -> list[Finding]:
    """:func:`check_employee_sets` for one of ``parts`` consecutive slices of the
    employees (by id), so two processes can share the law (rostercheck.checks.parallel).

    The slices' lists, joined in slice order and sorted by ``Finding.sort_key``, are
    :func:`check_employee_sets`' list: the serial run appends employee after employee
    in id order and sorts once; a stable sort keeps findings with equal keys in that
    same order whether the slices were sorted before or not."""
    return _evaluate_employees(norm_sets, employee_slice(employee_shifts(roster), part, parts), _consents(roster))


def employee_slice(items: list, part: int, parts: int) -> list:
    """The ``part``-th of ``parts`` consecutive, near-equal slices of ``items``."""
    n = len(items)
    return items[part * n // parts:(part + 1) * n // parts]


def labour_law_regimes(norm_sets: Sequence[NormSet], roster: Roster) -> list[dict[str, str]]:
    """Per employee (sorted by id), the regime that judged them and why: the
    report's ``labour_law_regimes``. Employees without shifts are listed too."""
    cao = collective_agreement(norm_sets)
    consent = _consents(roster)
    sleeps: dict[str, int] = {e: 0 for e in consent}
    sleep = ShiftKind.SLEEP
    for s in shift_rows(roster.shifts):  # counted here, not from the timelines: a parallel check builds those in a child
        if s.kind is sleep:
            sleeps[s.employee] = sleeps.get(s.employee, 0) + 1
        elif s.employee not in sleeps:
            sleeps[s.employee] = 0
    out = []
    for e in sorted(sleeps):
        r = regime_of(sleeps[e], cao, consent.get(e, False))
        out.append({"employee": e, "regime": r.name, "reason": r.reason})
    return out


def employee_violations(norm_sets: Sequence[NormSet], roster: Roster, employee_id: str) -> list[Finding]:
    """Findings for one employee only, from ``roster.shifts`` (no cache), so a
    fixer can pass a modified roster."""
    items = [(i, s) for i, s in enumerate(shift_rows(roster.shifts)) if s.employee == employee_id]
    consent = next((e.presence_shift_consent for e in roster.employees if e.id == employee_id), False)
    return employee_violations_for_shifts(norm_sets, employee_id, items, consent=consent)


def employee_violations_for_shifts(
    norm_sets: Sequence[NormSet],
    employee_id: str,
    shifts: Sequence[tuple[int, Shift]] | Sequence[Shift],
    consent: bool = False,
) -> list[Finding]:
    """Findings for one employee given their shifts (``Shift`` or ``(ref, Shift)``),
    without building a Roster: the fixer's inner loop. The regime follows from the
    shifts given (a sleeping watch), the sets (a CAO) and ``consent`` (ATB 4.8:2),
    exactly as in the checker."""
    items = [x if type(x) is tuple else (i, x) for i, x in enumerate(shifts)]  # a ShiftRow is a shift
    return _evaluate(norm_sets, [(build_timeline(employee_id, items), consent)])  # type: ignore[arg-type]
