"""Solving in a child process, with a hard backstop: a fix never hangs.

CP-SAT can overrun its time limit (presolve of a large model is not
interruptible), so the solve runs in a ``spawn``-ed process. The parent waits at
most ``time_limit + BACKSTOP_SECONDS`` and then ends the child; the caller falls
back to the best it has (at worst: the roster unchanged, not compliant).

The three objective tiers are solved lexicographically: each phase fixes the
optimum of the one before (``tier <= value``) and is hinted with its solution. The
first two (violations, added hours) are one weighted objective where the weight
provably keeps their order (``merged_weight``). Independent parts of the model
(locations with no employee in common) are solved one after the other
(``independent_parts``): the sum of their optima is the optimum.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing as mp
import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field

BACKSTOP_SECONDS = 5.0
PHASE_SHARE = (0.3, 0.6, 1.0)  # of the time left when the phase starts
# Tiers 1 and 2 as one objective only while W * tier1 + tier2 stays exact in a double.
MAX_MERGED_OBJECTIVE = 2**50
# CP-SAT's full-problem workers that find no solution or bound on these models: the LP
# relaxation of coverage, share and weekly caps is tight, so the LP workers and the core
# worker prove the optimum; the others only take turns from them on two cores.
IDLE_SUBSOLVERS = ("fixed", "no_lp", "quick_restart_no_lp", "pseudo_costs", "reduced_costs", "quick_restart")
MIN_PART_TERMS = 20  # objective terms a part needs to be solved on its own (smaller ones are bundled)


@dataclass
class PhaseOutcome:
    status: str  # OPTIMAL | FEASIBLE | INFEASIBLE | UNKNOWN | MODEL_INVALID | SKIPPED
    objective: float
    bound: float
    seconds: float


@dataclass
class SolveOutcome:
    values: list[int] | None  # value of every model variable, by proto index
    phases: list[PhaseOutcome] = field(default_factory=list)
    seconds: float = 0.0
    timed_out: bool = False  # the backstop ended the child
    error: str | None = None
    parts: int = 1  # independent parts solved one after the other

    @property
    def proven_optimal(self) -> bool:
        return self.values is not None and all(p.status in ("OPTIMAL", "SKIPPED") for p in self.phases)


def _params(solver, time_limit: float, workers: int, seed: int, deterministic: bool) -> None:
    p = solver.parameters
    p.max_time_in_seconds = max(0.05, time_limit)
    p.num_workers = max(1, workers)
    p.random_seed = seed
    p.ignore_subsolvers.extend(IDLE_SUBSOLVERS)
    # Probing in presolve costs seconds on every phase of a location-month (60 staff: 2 s
    # a phase) and fixes nothing the LP and the weekly caps do not find in the search.
    p.cp_model_probing_level = 0
    if deterministic:
        p.interleave_search = True
        p.max_deterministic_time = max(0.05, time_limit)


def independent_parts(proto, tiers: list[tuple[list[int], list[int]]]) -> list[tuple[list[int], list[int]]] | None:
    """The model's independent parts: (variables, constraints) per part, or None if it is one.

    Two variables are in one part when a constraint links them (a location's staff share
    weekly caps, rest, coverage and share norms; two locations with no employee in
    common share nothing). The lexicographic optimum of independent parts is the sum of
    their own optima, tier by tier, so each part is solved on its own: CP-SAT searches
    one model as a whole, and the parts' searches do not slow each other down. Parts too
    small to be worth a solve of their own are bundled into one.
    """
    n = len(proto.variables)
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def ref(lit: int) -> int:
        return lit if lit >= 0 else -lit - 1

    cons = proto.constraints
    interval_vars: dict[int, list[int]] = {}
    owner_var: list[int | None] = [None] * len(cons)
    for ci, ct in enumerate(cons):
        vs = [ref(v) for v in ct.enforcement_literal]
        if ct.has_interval():
            iv = ct.interval
            vs += [v for e in (iv.start, iv.end, iv.size) for v in e.vars]
            interval_vars[ci] = vs
            continue  # linked through the no-overlap constraints that use it
        if ct.has_bool_or():
            vs += [ref(v) for v in ct.bool_or.literals]
        elif ct.has_bool_and():
            vs += [ref(v) for v in ct.bool_and.literals]
        elif ct.has_exactly_one():
            vs += [ref(v) for v in ct.exactly_one.literals]
        elif ct.has_at_most_one():
            vs += [ref(v) for v in ct.at_most_one.literals]
        elif ct.has_linear():
            vs += list(ct.linear.vars)
        elif ct.has_no_overlap():
            for i in ct.no_overlap.intervals:
                vs += interval_vars.get(i) or [ref(v) for v in cons[i].enforcement_literal]
        else:
            return None  # a kind of constraint this split does not know: solve the model whole
        if vs:
            root = find(vs[0])
            for v in vs[1:]:
                r = find(v)
                if r != root:
                    parent[r] = root
            owner_var[ci] = vs[0]
    used = {i for ct in cons if ct.has_no_overlap() for i in ct.no_overlap.intervals}
    for ci, vs in interval_vars.items():
        if ci in used:
            owner_var[ci] = -1  # goes with the no-overlap constraints that use it
        elif vs:
            owner_var[ci] = vs[0]
    members: dict[int, list[int]] = {}
    for v in range(n):
        members.setdefault(find(v), []).append(v)
    weight = dict.fromkeys(members, 0)
    for idx, _ in tiers:
        for i in idx:
            weight[find(i)] += 1
    big = [root for root in members if weight[root] >= MIN_PART_TERMS]
    if len(big) < 2:
        return None
    part_of = {root: k for k, root in enumerate(big)}  # in order of their first variable
    rest = len(big)
    parts: list[tuple[list[int], list[int]]] = [([], []) for _ in range(rest + 1)]
    for root, vs in members.items():
        parts[part_of.get(root, rest)][0].extend(vs)
    for ci, v in enumerate(owner_var):
        if v != -1:
            parts[part_of.get(find(v), rest) if v is not None else rest][1].append(ci)
    return [p for p in parts if p[0] or p[1]]


def _sub_model(proto, constraints: list[int]):
    """A model with all variables (same indices) and only the given constraints, with the
    intervals their no-overlap constraints use (renumbered)."""
    from ortools.sat.python import cp_model

    sub = cp_model.CpModel()
    sp = sub.Proto()
    for v in proto.variables:
        sp.variables.add().copy_from(v)
    new_index: dict[int, int] = {}

    def interval(ci: int) -> int:
        if ci not in new_index:
            new_index[ci] = len(sp.constraints)
            sp.constraints.add().copy_from(proto.constraints[ci])
        return new_index[ci]

    for ci in constraints:
        ct = proto.constraints[ci]
        if ct.has_interval():
            interval(ci)
        elif ct.has_no_overlap():
            used = [interval(i) for i in ct.no_overlap.intervals]
            c = sp.constraints.add()
            c.copy_from(ct)
            c.no_overlap.intervals.clear()
            c.no_overlap.intervals.extend(used)
        else:
            sp.constraints.add().copy_from(ct)
    return sub


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


def _solve_lexicographic(model, n: int, tiers, hint, time_limit: float, workers: int, seed: int,
                         deterministic: bool) -> tuple[list[int] | None, list[PhaseOutcome]]:
    """Phase by phase: each phase fixes the optimum of the one before (``tier <= value``) and
    is hinted with its solution. The first two tiers (violations, added hours) are solved
    as one weighted objective where ``merged_weight`` proves that this keeps their order."""
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
    for first, last in steps:
        left = time_limit - (time.monotonic() - t0)
        if not tiers[last][0] and first == last and values is not None:
            phases.append(PhaseOutcome("SKIPPED", 0, 0, 0.0))
            continue
        model.minimize(exprs[0] * w + exprs[1] if first != last else exprs[first])
        solver = cp_model.CpSolver()
        budget = left * PHASE_SHARE[last] if last < len(tiers) - 1 else left
        _params(solver, budget, workers, seed, deterministic)
        p0 = time.monotonic()
        status = solver.solve(model)
        name = solver.status_name(status)
        took = time.monotonic() - p0
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            phases += [PhaseOutcome(name, float("nan"), float("nan"), took)] * (last - first + 1)
            break
        values = [solver.value(model.get_int_var_from_proto_index(i)) for i in range(n)]
        if first == last:
            phases.append(PhaseOutcome(name, solver.objective_value, solver.best_objective_bound, took))
        else:
            # Each tier's value from the solution; their bounds from the weighted bound.
            v1, v2 = (sum(c * values[i] for i, c in zip(*tiers[k])) for k in (0, 1))
            b = solver.best_objective_bound
            optimal = status == cp_model.OPTIMAL
            b1 = v1 if optimal else max(0, math.ceil((b - sum(tiers[1][1])) / w))
            b2 = v2 if optimal else (max(0.0, b - w * v1) if b1 >= v1 else 0.0)
            phases.append(PhaseOutcome("OPTIMAL" if b1 >= v1 else "FEASIBLE", float(v1), float(b1), took / 2))
            phases.append(PhaseOutcome(name, float(v2), float(b2), took / 2))
        for k in range(first, last + 1):
            if tiers[k][0]:
                model.add(exprs[k] <= round(phases[k].objective))
        model.clear_hints()
        for i, v in enumerate(values):
            model.add_hint(model.get_int_var_from_proto_index(i), v)
    return values, phases


def _merge_phases(per_part: list[list[PhaseOutcome]], count: int) -> list[PhaseOutcome]:
    """One outcome per phase over all parts: objectives and bounds add up; the phase is
    as good as its worst part, and the first phase a part did not solve ends the list."""
    out = []
    for k in range(count):
        ps = [p[k] if k < len(p) else None for p in per_part]
        seconds = sum(p.seconds for p in ps if p is not None)
        failed = [p for p in ps if p is None or p.status not in ("OPTIMAL", "FEASIBLE", "SKIPPED")]
        if failed:
            status = next((p.status for p in failed if p is not None), "UNKNOWN")
            out.append(PhaseOutcome(status, float("nan"), float("nan"), seconds))
            break
        statuses = {p.status for p in ps}
        status = ("SKIPPED" if statuses == {"SKIPPED"} else "FEASIBLE" if "FEASIBLE" in statuses else "OPTIMAL")
        out.append(PhaseOutcome(status, sum(p.objective for p in ps), sum(p.bound for p in ps), seconds))
    return out


def solve_phases(proto_text: str, tiers: list[tuple[list[int], list[int]]], hint: list[tuple[int, int]] | None,
                 time_limit: float, workers: int, seed: int, deterministic: bool) -> SolveOutcome:
    """Runs in the child (or inline): lexicographic minimisation of the tiers, part by part."""
    from ortools.sat.python import cp_model

    t0 = time.monotonic()
    model = cp_model.CpModel()
    model.Proto().parse_text_format(proto_text)
    n = len(model.Proto().variables)
    parts = independent_parts(model.Proto(), tiers)
    if parts is None:
        values, phases = _solve_lexicographic(model, n, tiers, hint, time_limit, workers, seed, deterministic)
        return SolveOutcome(values=values, phases=phases, seconds=time.monotonic() - t0, parts=1)
    values = [0] * n
    per_part: list[list[PhaseOutcome]] = []
    sets = [set(vs) for vs, _ in parts]
    weights = [max(1, sum(1 for idx, _ in tiers for i in idx if i in inside)) for inside in sets]
    complete = True
    for j, (vs, constraints) in enumerate(parts):
        inside = sets[j]
        # Time in proportion to the part's size; what a part leaves unused goes to the next ones.
        left = time_limit - (time.monotonic() - t0)
        budget = max(0.05, left * weights[j] / sum(weights[j:]))
        part_tiers = [([i for i in idx if i in inside], [c for i, c in zip(idx, cs) if i in inside]) for idx, cs in tiers]
        part_hint = [(i, v) for i, v in hint or () if i in inside]
        sub = _sub_model(model.Proto(), constraints)
        vals, phases = _solve_lexicographic(sub, n, part_tiers, part_hint, budget, workers, seed, deterministic)
        per_part.append(phases)
        if vals is None:
            complete = False
            break
        for i in vs:
            values[i] = vals[i]
    out = SolveOutcome(values=values if complete else None, phases=_merge_phases(per_part, len(tiers)),
                       parts=len(parts))
    out.seconds = time.monotonic() - t0
    return out


def _child(conn, args_path: str) -> None:
    try:
        with open(args_path, "rb") as fh:
            args = pickle.load(fh)  # noqa: S301 - written by our own parent a moment ago
        conn.send(solve_phases(*args))
    except BaseException as exc:  # report, never hang the parent
        conn.send(SolveOutcome(values=None, error=f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def solve_in_subprocess(proto_text: str, tiers, hint, time_limit: float, workers: int, seed: int,
                        deterministic: bool = True, backstop: float = BACKSTOP_SECONDS) -> SolveOutcome:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    t0 = time.monotonic()
    # The model (megabytes of text) goes to the child through a file, not the
    # process arguments: spawn writes those into a pipe inside start(), before the
    # deadline below is watched, and a child that never reads them would block it.
    fd, args_path = tempfile.mkstemp(prefix="rostercheck-model-", suffix=".pickle")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump((proto_text, tiers, hint, time_limit, workers, seed, deterministic), fh, protocol=pickle.HIGHEST_PROTOCOL)
    proc = ctx.Process(target=_child, args=(child, args_path), daemon=True)
    proc.start()
    child.close()
    outcome: SolveOutcome | None = None
    deadline = t0 + time_limit + backstop
    try:
        while time.monotonic() < deadline:
            if parent.poll(min(0.2, max(0.0, deadline - time.monotonic()))):
                outcome = parent.recv()
                break
            if not proc.is_alive() and not parent.poll(0):
                break
    except EOFError:
        outcome = None
    finally:
        if proc.is_alive():
            proc.terminate()
            proc.join(2)
            if proc.is_alive():
                proc.kill()
        proc.join(1)
        parent.close()
        with contextlib.suppress(OSError):
            os.unlink(args_path)
    if outcome is None:
        timed_out = time.monotonic() >= deadline
        return SolveOutcome(values=None, timed_out=timed_out, seconds=time.monotonic() - t0,
                            error="de solver gaf geen antwoord binnen de tijdslimiet" if timed_out else "de solver stopte onverwacht")
    outcome.seconds = time.monotonic() - t0
    return outcome
