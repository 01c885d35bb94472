"""One part of a fix model solved lexicographically, tier by tier, by CP-SAT.

The objective tiers are solved one after the other: each phase fixes the optimum of the
one before (``tier <= value``) and is hinted with its solution. The first two tiers are
one weighted objective where the weight provably keeps their order (``merged_weight``).
Budgets are CP-SAT's *deterministic* time (``max_deterministic_time``, a fixed
``random_seed``), the wall clock only backs them up.

No parameter that changes what the solver may conclude is set: on OR-Tools 9.15
``cp_model_probing_level = 0`` (with the ``fixed`` subsolver ignored) made a feasible
model INFEASIBLE (google/or-tools#5025, "Check failed: heuristics.fixed_search !=
nullptr", fixed after 9.15). The fix model is feasible by construction (keeping every
shift is a solution), so an INFEASIBLE or MODEL_INVALID answer is a solver fault: the
part is solved again with CP-SAT's defaults on one worker before anything is said.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

CLAIMED_TIERS = 3  # an optimality claim is about the first three tiers (the fourth breaks ties)
PHASE_SHARE = (0.3, 0.5, 0.6, 1.0)  # of the (deterministic) time left when the phase starts
# Tiers 1 and 2 as one objective only while W * tier1 + tier2 stays exact in a double.
MAX_MERGED_OBJECTIVE = 2**50
GOOD = ("OPTIMAL", "FEASIBLE", "SKIPPED")


@dataclass
class PhaseOutcome:
    status: str  # OPTIMAL | FEASIBLE | INFEASIBLE | UNKNOWN | MODEL_INVALID | SKIPPED
    objective: float
    bound: float
    seconds: float
    wall_clock: bool = False  # the wall-clock backstop, not the deterministic limit, ended it


def _params(solver, wall: float, dtime: float, workers: int, seed: int, deterministic: bool) -> None:
    p = solver.parameters
    p.max_time_in_seconds = max(0.05, wall)
    p.num_workers = max(1, workers)
    p.random_seed = seed
    if deterministic:
        p.interleave_search = True
        p.max_deterministic_time = max(0.01, dtime)


def merged_weight(proto, tiers) -> int | None:
    """The weight W that makes ``W * tier1 + tier2`` order solutions as (tier1, tier2) do, or None.

    With non-negative integer tier-1 terms, tier 1 moves in steps of at least g (the gcd
    of its coefficients); with non-negative coefficients on Booleans, tier 2 lies in
    [0, UB]. So W = UB // g + 1 makes one step of tier 1 outweigh any change in tier 2,
    and one solve finds the lexicographic optimum of both. None where that does not
    hold, or where the weighted objective would be too large for exact arithmetic in
    the LP (then the tiers are solved one after the other).
    """
    (idx1, c1), (idx2, c2) = tiers[0], tiers[1]
    if not idx1 or not idx2 or min(c1) <= 0 or min(c2) < 0:
        return None
    for i in idx1:
        if proto.variables[i].domain[0] < 0:
            return None
    for i in idx2:
        d = proto.variables[i].domain
        if d[0] < 0 or d[-1] > 1:
            return None
    g = 0
    for c in c1:
        g = math.gcd(g, c)
    ub2 = sum(c2)
    w = ub2 // g + 1
    ub1 = sum(c * proto.variables[i].domain[-1] for i, c in zip(idx1, c1))
    if w * ub1 + ub2 >= MAX_MERGED_OBJECTIVE:
        return None
    return w


def _solve_lexicographic(model, n: int, tiers, hint, wall: float, dtime: float, workers: int, seed: int,
                         deterministic: bool) -> tuple[list[int] | None, list[PhaseOutcome], float]:
    """Phase by phase: each phase fixes the optimum of the one before (``tier <= value``) and
    is hinted with its solution. Budgets are split in deterministic time (so the split is
    the same on every run); ``wall`` only backs them up."""
    from ortools.sat.python import cp_model

    t0 = time.monotonic()
    for i, v in hint or ():
        model.add_hint(model.get_int_var_from_proto_index(i), v)
    phases: list[PhaseOutcome] = []
    values: list[int] | None = None
    exprs = [cp_model.LinearExpr.weighted_sum([model.get_int_var_from_proto_index(i) for i in idx], coeffs)
             if idx else 0 for idx, coeffs in tiers]
    w = merged_weight(model.Proto(), tiers) if len(tiers) > 2 else None
    steps = [(0, 1)] + [(k, k) for k in range(2, len(tiers))] if w else [(k, k) for k in range(len(tiers))]
    dleft = dtime
    for first, last in steps:
        wleft = wall - (time.monotonic() - t0)
        if not tiers[last][0] and first == last and values is not None:
            phases.append(PhaseOutcome("SKIPPED", 0, 0, 0.0))
            continue
        if first == last and values is not None and _at_zero(model.Proto(), tiers[last], values):
            # Non-negative terms already all 0: the optimum is proven without a search
            # (a fix by reassignments only adds no hours), so the tier costs no time.
            phases.append(PhaseOutcome("OPTIMAL", 0.0, 0.0, 0.0))
            model.add(exprs[last] <= 0)
            continue
        model.minimize(exprs[0] * w + exprs[1] if first != last else exprs[first])
        solver = cp_model.CpSolver()
        share = PHASE_SHARE[last] if last < len(tiers) - 1 else 1.0
        d_budget = dleft * share
        _params(solver, max(0.05, wleft), d_budget, workers, seed, deterministic)
        p0 = time.monotonic()
        status = solver.solve(model)
        name = solver.status_name(status)
        took = time.monotonic() - p0
        used = solver.response_proto.deterministic_time
        dleft = max(0.0, dleft - used)
        on_clock = deterministic and status != cp_model.OPTIMAL and used < d_budget * 0.95
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            phases += [PhaseOutcome(name, float("nan"), float("nan"), took, on_clock)] * (last - first + 1)
            break
        values = [solver.value(model.get_int_var_from_proto_index(i)) for i in range(n)]
        if first == last:
            phases.append(PhaseOutcome(name, solver.objective_value, solver.best_objective_bound, took, on_clock))
        else:
            # Each tier's value from the solution; their bounds from the weighted bound.
            v1, v2 = (sum(c * values[i] for i, c in zip(*tiers[k])) for k in (0, 1))
            b = solver.best_objective_bound
            optimal = status == cp_model.OPTIMAL
            b1 = v1 if optimal else max(0, math.ceil((b - sum(tiers[1][1])) / w))
            b2 = v2 if optimal else (max(0.0, b - w * v1) if b1 >= v1 else 0.0)
            phases.append(PhaseOutcome("OPTIMAL" if b1 >= v1 else "FEASIBLE", float(v1), float(b1), took / 2, on_clock))
            phases.append(PhaseOutcome(name, float(v2), float(b2), took / 2, on_clock))
        for k in range(first, last + 1):
            if tiers[k][0]:
                model.add(exprs[k] <= round(phases[k].objective))
        model.clear_hints()
        for i, v in enumerate(values):
            model.add_hint(model.get_int_var_from_proto_index(i), v)
    return values, phases, dtime - dleft


def _at_zero(proto, tier, values) -> bool:
    idx, coeffs = tier
    return all(c >= 0 and proto.variables[i].domain[0] >= 0 for i, c in zip(idx, coeffs)) and \
        not any(c * values[i] for i, c in zip(idx, coeffs))


def solve_part(proto_bytes: str, tiers, hint, wall: float, dtime: float, workers: int, seed: int,
               deterministic: bool) -> tuple[list[int] | None, list[PhaseOutcome], bool, float]:
    """One part: lexicographic solve; a solver fault (INFEASIBLE/MODEL_INVALID on a model that
    keeping every shift satisfies) is solved again with CP-SAT's defaults on one worker."""
    from ortools.sat.python import cp_model

    t0 = time.monotonic()
    model = cp_model.CpModel()
    model.Proto().parse_text_format(proto_bytes)
    n = len(model.Proto().variables)
    values, phases, used = _solve_lexicographic(model, n, tiers, hint, wall, dtime, workers, seed, deterministic)
    if values is not None and all(p.status in GOOD for p in phases):
        return values, phases, False, used
    if phases and phases[-1].status not in ("INFEASIBLE", "MODEL_INVALID"):
        return values, phases, False, used  # out of time (UNKNOWN): the values so far stand
    model = cp_model.CpModel()
    model.Proto().parse_text_format(proto_bytes)
    left = wall - (time.monotonic() - t0)
    values2, phases2, used2 = _solve_lexicographic(model, n, tiers, hint, max(0.05, left), dtime, 1, seed, deterministic)
    return values2, phases2, True, used + used2
