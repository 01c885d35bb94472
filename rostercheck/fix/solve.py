"""Solving in child processes, part by part, with a hard backstop: a fix never hangs.

The model is cut into its independent parts (``parts.independent_parts``: locations
with no employee in common share no variable); each part becomes a model of its own
with only its variables, solved lexicographically with its own
budget (``lexicographic.solve_part``). The parts are shared over up to ``workers``
child processes; a child sends each part's answer as soon as it has it, so a part that
runs out of time, or a solver that crashes, costs only that part: every other part
keeps its solution, and the part that failed keeps its roster unchanged
(``SolveOutcome.failed_parts``).

Budgets are in CP-SAT's *deterministic* time, so the same input gives the same answer
whatever the machine's load; the wall-clock limit is a backstop, and when it is what
stops a phase that phase is marked (``PhaseOutcome.wall_clock``) so the caller can say
the answer may not repeat.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import multiprocessing.connection as mp_connection
import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field

from rostercheck.fix.lexicographic import CLAIMED_TIERS, GOOD, PhaseOutcome, solve_part
from rostercheck.fix.parts import independent_parts

BACKSTOP_SECONDS = 3.0
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
