"""Solving in a child process, part by part, with a hard backstop: a fix never hangs.

The model is cut into its independent parts (``parts.independent_parts``: locations
with no employee in common share no variable); each part becomes a model of its own
with only its variables (``parts.sub_proto``), solved with its own budget. The child
sends each part's answer as soon as it has it, so a part that runs out of time, or a
solver that crashes, costs only that part: every other part keeps its solution, and
the part that failed keeps its roster unchanged (``SolveOutcome.failed_parts``).

Budgets are in CP-SAT's *deterministic* time (``max_deterministic_time``, a fixed
``random_seed``, ``interleave_search``), so the same input gives the same answer
whatever the machine's load; the wall-clock limit (``max_time_in_seconds``) is a
backstop set further out, and when it is what stops a phase that phase is marked
(``PhaseOutcome.wall_clock``) so the caller can say the answer may not repeat.

No parameter that changes what the solver may conclude is set: on OR-Tools 9.15
``cp_model_probing_level = 0`` (with the ``fixed`` subsolver ignored) made a feasible
model INFEASIBLE (google/or-tools#5025, "Check failed: heuristics.fixed_search !=
nullptr", fixed after 9.15). The fix model is feasible by construction (keeping every
shift is a solution), so an INFEASIBLE or MODEL_INVALID answer is a solver fault: the
part is solved again with CP-SAT's defaults on one worker before anything is said.

The objective tiers are solved lexicographically: each phase fixes the optimum of the
one before (``tier <= value``) and is hinted with its solution. The first two tiers
are one weighted objective where the weight provably keeps their order
(``merged_weight``).
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing as mp
import multiprocessing.connection as mp_connection
import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field

from rostercheck.fix.parts import independent_parts

BACKSTOP_SECONDS = 3.0
CLAIMED_TIERS = 3  # an optimality claim is about the first three tiers (the fourth breaks ties)
PHASE_SHARE = (0.3, 0.5, 0.6, 1.0)  # of the (deterministic) time left when the phase starts
# Tiers 1 and 2 as one objective only while W * tier1 + tier2 stays exact in a double.
MAX_MERGED_OBJECTIVE = 2**50
# Deterministic time per wall second of one CP-SAT worker. Measured on the models of
# ``benchmarks/bench_fix.py --issue13`` (provider parts of five locations, ~1,400
# candidates; the HGV month of 60 staff), each solved to its proven optimum: 0.18-0.26
# on an idle two-core machine, about a fifth of that under a load of 10. A budget of
# this much per second of the limit lets the deterministic limit, not the clock, end a
# search that does not finish on an idle machine (the same answer on every run); on a
# loaded machine the clock may end it first, and the result says so
# (``SolveOutcome.wall_clock``). Session 2 used 0.05 (the loaded figure): an idle machine
# then stopped every provider part after ~0.25 units, before its optimum (0.3-1.6
# units), and left gaps a longer search closes in seconds.
DTIME_PER_SECOND = 0.15
GOOD = ("OPTIMAL", "FEASIBLE", "SKIPPED")


@dataclass
class PhaseOutcome:
    status: str  # OPTIMAL | FEASIBLE | INFEASIBLE | UNKNOWN | MODEL_INVALID | SKIPPED
    objective: float
    bound: float
    seconds: float
    wall_clock: bool = False  # the wall-clock backstop, not the deterministic limit, ended it


@dataclass
class PartOutcome:
    variables: list[int]  # proto indices of the full model
    values: list[int] | None  # by position in ``variables``; None: the part failed
    phases: list[PhaseOutcome] = field(default_factory=list)
    retried: bool = False  # solved again with the defaults after a solver fault
    error: str | None = None


@dataclass
class SolveOutcome:
    values: list[int] | None  # value of every model variable, by proto index
    phases: list[PhaseOutcome] = field(default_factory=list)
    seconds: float = 0.0
    timed_out: bool = False  # the backstop ended the child
    error: str | None = None
    parts: int = 1
    part_outcomes: list[PartOutcome] = field(default_factory=list)

    @property
    def failed_parts(self) -> list[PartOutcome]:
        return [p for p in self.part_outcomes if p.values is None]

    @property
    def proven_optimal(self) -> bool:
        claimed = self.phases[:CLAIMED_TIERS]
        return (self.values is not None and not self.failed_parts and len(claimed) == CLAIMED_TIERS
                and all(p.status in ("OPTIMAL", "SKIPPED") for p in claimed))

    @property
    def wall_clock(self) -> bool:
        return any(ph.wall_clock for p in self.part_outcomes for ph in p.phases)


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


def _merge_phases(per_part: list[list[PhaseOutcome]], count: int) -> list[PhaseOutcome]:
    """One outcome per phase over all parts: objectives and bounds add up; the phase is
    as good as its worst part, and the first phase a part did not solve ends the list."""
    out = []
    for k in range(count):
        ps = [p[k] if k < len(p) else None for p in per_part]
        seconds = sum(p.seconds for p in ps if p is not None)
        failed = [p for p in ps if p is None or p.status not in GOOD]
        if failed:
            status = next((p.status for p in failed if p is not None), "UNKNOWN")
            out.append(PhaseOutcome(status, float("nan"), float("nan"), seconds))
            break
        statuses = {p.status for p in ps}
        status = ("SKIPPED" if statuses == {"SKIPPED"} else "FEASIBLE" if "FEASIBLE" in statuses else "OPTIMAL")
        out.append(PhaseOutcome(status, sum(p.objective for p in ps), sum(p.bound for p in ps), seconds,
                                any(p.wall_clock for p in ps)))
    return out


@dataclass
class PartJob:
    variables: list[int]
    proto: str  # the part's model, text format
    tiers: list[tuple[list[int], list[int]]]  # local indices
    hint: list[tuple[int, int]]  # local indices
    weight: int


def make_jobs(proto, tiers, hint, only: set[int] | None = None) -> list[PartJob]:
    """The model's parts as separate small models (local variable indices)."""
    hint_map = dict(hint or ())
    jobs = []
    for variables, text in independent_parts(str(proto), tiers):
        if only is not None and not (set(variables) & only):
            continue
        local = {v: k for k, v in enumerate(variables)}
        p_tiers = [([local[i] for i in idx if i in local], [c for i, c in zip(idx, cs) if i in local]) for idx, cs in tiers]
        weight = max(1, sum(len(i) for i, _ in p_tiers))
        jobs.append(PartJob(variables, text, p_tiers,
                            [(local[i], v) for i, v in sorted(hint_map.items()) if i in local], weight))
    return jobs


def run_jobs(jobs: list[PartJob], wall: float, dtime: float, workers: int, seed: int, deterministic: bool, send,
             deadline: float | None = None) -> None:
    """Solve the parts one after the other; ``send`` gets (position in ``jobs``, answer) at once.

    Deterministic budget in proportion to a part's size; what a part leaves unused goes to
    the parts after it (counted in deterministic time, so the same on every run).
    ``deadline`` (``time.time()``): the parent's end, so the child's own start-up counts."""
    if deadline is not None:
        wall = min(wall, deadline - time.time())
    t0 = time.monotonic()
    total = sum(j.weight for j in jobs)
    d_carry = 0.0
    for k, job in enumerate(jobs):
        d_budget = dtime * job.weight / max(1, total) + d_carry
        wleft = wall - (time.monotonic() - t0)
        # The wall backstop in proportion too, so a slow part leaves the others their time
        # (a part that finishes early leaves its time to the parts after it).
        w_budget = max(0.1, wleft * job.weight / max(1, sum(j.weight for j in jobs[k:])))
        w_budget = min(w_budget, max(0.1, wleft))
        try:
            values, phases, retried, used = solve_part(job.proto, job.tiers, job.hint, w_budget, d_budget, workers,
                                                       seed, deterministic)
            error = None
        except Exception as exc:  # noqa: BLE001 - one part's fault is reported, the others go on
            values, phases, retried, used, error = None, [], False, d_budget, f"{type(exc).__name__}: {exc}"
        d_carry = max(0.0, d_budget - used)
        send(k, PartOutcome(job.variables, values, phases, retried, error))


def _child(conn, args_path: str, share: list[int]) -> None:
    try:
        with open(args_path, "rb") as fh:
            args = pickle.load(fh)  # noqa: S301 - written by our own parent a moment ago
        jobs = args[0]
        run_jobs([jobs[i] for i in share], *args[1:6], send=lambda k, out: conn.send(("part", (share[k], out))),
                 deadline=args[6])
        conn.send(("done", None))
    except BaseException as exc:  # report, never hang the parent
        with contextlib.suppress(Exception):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def shares(jobs: list[PartJob], processes: int) -> list[list[int]]:
    """The parts each solver process takes: the largest first, each to the process with the
    least weight so far (ties to the first), in the parts' own order within a process. The
    same parts give the same shares, so the same answers."""
    load = [0] * processes
    out: list[list[int]] = [[] for _ in range(processes)]
    for k in sorted(range(len(jobs)), key=lambda k: (-jobs[k].weight, k)):
        p = min(range(processes), key=lambda p: (load[p], p))
        out[p].append(k)
        load[p] += jobs[k].weight
    return [sorted(s) for s in out if s]


def solve_jobs(jobs: list[PartJob], n_vars: int, base: list[int], tier_count: int, time_limit: float, workers: int,
               seed: int, deterministic: bool = True, backstop: float = BACKSTOP_SECONDS,
               previous: SolveOutcome | None = None) -> SolveOutcome:
    """Solve ``jobs`` in spawned children; ``base`` holds the values of every variable a job
    does not set (the roster unchanged, or an earlier round's answer).

    The parts are shared over up to ``workers`` child processes, each running CP-SAT on
    one worker. Measured on the benchmark's models (``benchmarks/bench_fix.py --issue13``):
    a provider part takes as long on one CP-SAT worker as on two (1.2-1.9 s each), and
    the HGV month of 60 staff, one part, 4.5 s on one worker against 21 s on two with
    interleaved search (0.8 against 6.3 deterministic units): CP-SAT's threads are worth
    less here than solving two parts at once."""
    t0 = time.monotonic()
    got: dict[int, PartOutcome] = {}
    error: str | None = None
    timed_out = False
    if jobs:
        dtime = time_limit * DTIME_PER_SECOND
        processes = max(1, min(workers, len(jobs)))
        per_solver = 1
        # fork where the platform has it: a spawned child re-imports rostercheck and
        # OR-Tools first, seconds on a loaded machine, all of it out of the time limit.
        # The parent runs no solver threads while it forks (the model is only built here).
        ctx = mp.get_context(os.environ.get("ROSTERCHECK_FIX_START") or ("fork" if "fork" in mp.get_all_start_methods() else "spawn"))
        # The model goes to the children through a file, not the process arguments: spawn
        # writes those into a pipe inside start(), before the deadline below is watched.
        fd, args_path = tempfile.mkstemp(prefix="rostercheck-model-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            # The children's wall budget ends a little before the parent's deadline, so their
            # last answers arrive in time even after their own start-up (spawn, importing OR-Tools).
            pickle.dump((jobs, time_limit, dtime, per_solver, seed, deterministic, time.time() + time_limit - 0.5), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        procs, conns = [], {}
        for share in shares(jobs, processes):
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(child, args_path, share), daemon=True)
            proc.start()
            child.close()
            procs.append(proc)
            conns[parent] = proc
        deadline = t0 + time_limit + backstop
        try:
            while conns and time.monotonic() < deadline:
                ready = mp_connection.wait(list(conns), timeout=min(0.2, max(0.0, deadline - time.monotonic())))
                for conn in ready:
                    try:
                        kind, payload = conn.recv()
                    except EOFError:
                        proc = conns.pop(conn)
                        proc.join(0.1)
                        error = error or f"de solver stopte onverwacht (code {proc.exitcode})"
                        continue
                    if kind == "part":
                        got[payload[0]] = payload[1]
                    else:
                        conns.pop(conn)
                        if kind == "error":
                            error = error or payload
            timed_out = bool(conns)
        finally:
            for proc in procs:
                if proc.is_alive():
                    proc.terminate()
                    proc.join(2)
                    if proc.is_alive():
                        proc.kill()
                proc.join(1)
            for conn in conns:
                conn.close()
            with contextlib.suppress(OSError):
                os.unlink(args_path)
        if timed_out and len(got) < len(jobs):
            error = error or "de solver gaf geen antwoord binnen de tijdslimiet"
    outcomes = [got.get(k) or PartOutcome(job.variables, None, [PhaseOutcome("UNKNOWN", float("nan"), float("nan"), 0.0)],
                                          error=error or "geen antwoord")
                for k, job in enumerate(jobs)]
    values = list(base)
    kept = {i for p in outcomes for i in p.variables}
    for p in outcomes:
        if p.values is not None:
            for i, v in zip(p.variables, p.values):
                values[i] = v
    all_outcomes = [p for p in (previous.part_outcomes if previous else []) if not (set(p.variables) & kept)] + outcomes
    out = SolveOutcome(values=values, phases=_merge_phases([p.phases for p in all_outcomes], tier_count),
                       seconds=time.monotonic() - t0, timed_out=timed_out and len(got) < len(jobs), error=error,
                       parts=len(all_outcomes), part_outcomes=all_outcomes)
    return out


def solve_phases(proto_text: str, tiers, hint, time_limit: float, workers: int, seed: int,
                 deterministic: bool) -> SolveOutcome:
    """Inline (no child): every part of a model given as proto text. For tests and tools."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    model.Proto().parse_text_format(proto_text)
    proto = model.Proto()
    jobs = make_jobs(proto, tiers, hint)
    outcomes: list[PartOutcome] = []
    run_jobs(jobs, time_limit, time_limit * DTIME_PER_SECOND, workers, seed, deterministic,
             lambda _k, out: outcomes.append(out))
    values = [0] * len(proto.variables)
    for p in outcomes:
        for i, v in zip(p.variables, p.values or ()):
            values[i] = v
    return SolveOutcome(values=values if all(p.values is not None for p in outcomes) else None,
                        phases=_merge_phases([p.phases for p in outcomes], len(tiers)), parts=len(outcomes),
                        part_outcomes=outcomes)
