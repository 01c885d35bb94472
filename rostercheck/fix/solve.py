"""Solving in a child process, with a hard backstop: a fix never hangs.

CP-SAT can overrun its time limit (presolve of a large model is not
interruptible), so the solve runs in a ``spawn``-ed process. The parent waits at
most ``time_limit + BACKSTOP_SECONDS`` and then ends the child; the caller falls
back to the best it has (at worst: the roster unchanged, not compliant).

The three objective tiers are solved one after the other (lexicographic): each
phase fixes the optimum of the one before (``tier <= value``) and is hinted with
its solution.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from dataclasses import dataclass, field

BACKSTOP_SECONDS = 5.0
PHASE_SHARE = (0.3, 0.6, 1.0)  # of the time left when the phase starts


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

    @property
    def proven_optimal(self) -> bool:
        return self.values is not None and all(p.status in ("OPTIMAL", "SKIPPED") for p in self.phases)


def _params(solver, time_limit: float, workers: int, seed: int, deterministic: bool) -> None:
    p = solver.parameters
    p.max_time_in_seconds = max(0.05, time_limit)
    p.num_workers = max(1, workers)
    p.random_seed = seed
    if deterministic:
        p.interleave_search = True
        p.max_deterministic_time = max(0.05, time_limit)


def solve_phases(proto_text: str, tiers: list[tuple[list[int], list[int]]], hint: list[tuple[int, int]] | None,
                 time_limit: float, workers: int, seed: int, deterministic: bool) -> SolveOutcome:
    """Runs in the child (or inline): lexicographic minimisation of the tiers."""
    from ortools.sat.python import cp_model

    t0 = time.monotonic()
    model = cp_model.CpModel()
    model.Proto().parse_text_format(proto_text)
    n = len(model.Proto().variables)
    for i, v in hint or ():
        model.add_hint(model.get_int_var_from_proto_index(i), v)
    out = SolveOutcome(values=None)
    values: list[int] | None = None
    for k, (idx, coeffs) in enumerate(tiers):
        left = time_limit - (time.monotonic() - t0)
        if not idx and values is not None:
            out.phases.append(PhaseOutcome("SKIPPED", 0, 0, 0.0))
            continue
        vars_ = [model.get_int_var_from_proto_index(i) for i in idx]
        expr = cp_model.LinearExpr.weighted_sum(vars_, coeffs) if vars_ else 0
        model.minimize(expr)
        solver = cp_model.CpSolver()
        budget = left * PHASE_SHARE[k] if k < len(tiers) - 1 else left
        _params(solver, budget, workers, seed, deterministic)
        p0 = time.monotonic()
        status = solver.solve(model)
        name = solver.status_name(status)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = [solver.value(model.get_int_var_from_proto_index(i)) for i in range(n)]
            obj, bound = solver.objective_value, solver.best_objective_bound
            out.phases.append(PhaseOutcome(name, obj, bound, time.monotonic() - p0))
            if vars_:
                model.add(expr <= round(obj))
            model.clear_hints()
            for i, v in enumerate(values):
                model.add_hint(model.get_int_var_from_proto_index(i), v)
        else:
            out.phases.append(PhaseOutcome(name, float("nan"), float("nan"), time.monotonic() - p0))
            break
    out.values = values
    out.seconds = time.monotonic() - t0
    return out


def _child(conn, args) -> None:
    try:
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
    proc = ctx.Process(target=_child, args=(child, (proto_text, tiers, hint, time_limit, workers, seed, deterministic)),
                       daemon=True)
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
    if outcome is None:
        timed_out = time.monotonic() >= deadline
        return SolveOutcome(values=None, timed_out=timed_out, seconds=time.monotonic() - t0,
                            error="de solver gaf geen antwoord binnen de tijdslimiet" if timed_out else "de solver stopte onverwacht")
    outcome.seconds = time.monotonic() - t0
    return outcome
