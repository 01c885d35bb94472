"""The checks of one large roster on two cores: a forked child and the parent share them.

Once the roster is read it is only read, never changed, so a child forked from the
parent sees it as it is without copying it (copy-on-write; ``rostercheck check``
has frozen the collector's view of it, and the child switches the collector off, so
neither walks the roster's objects and makes the kernel copy their pages).

The work is cut into tasks: the employee-scoped sets (Working Hours Act, CAO overlay)
in :data:`LAW_PARTS` slices of employees (each employee is judged across every
location, so a slice is a set of whole employees), then the locations in blocks.
The roster's own consistency (one person in two places) is one more task.
Tasks are handed out through two pipes filled with their numbers before the fork,
one for the law (and the consistency), one for the locations: whoever is free takes
the next one, so both processes work until the last task, whatever the law and the
locations cost on this roster. The child starts on the law at once, which needs
nothing more; the parent meanwhile prepares what the locations share (the per-roster
index of shifts by location, the check modules) and takes the locations first, then
the law. The child reaches a location only when the law is done, and then prepares
the locations for itself. So the preparation is not time the two wait for in turn.
With no law to share (``--no-labour-law``, or the law judged while the roster was
read), the preparation is done once, before the fork, and the child shares it.
The child sends its findings back pickled through a third pipe.

The report does not depend on who ran what: the findings are put back together in
the serial order (locations in id order, then the employee-scoped sets, their slices
joined and sorted as the serial run sorts them, then the roster's consistency), and
:class:`~rostercheck.findings.Report` sorts them. Nothing is ever lost: whatever the
child did not return (it failed, was killed, sent something unreadable) the parent
computes itself, exactly as the serial path would, raising what it would raise.

Only for rosters of at least :data:`MIN_SHIFTS` shifts (a fork costs a few
milliseconds and the child's pages; a small roster is checked faster than that), in a
process with one thread (forking a threaded process can leave the child with another
thread's lock held: the web server's workers keep the serial path) on a platform that
has ``os.fork``. ``ROSTERCHECK_WORKERS=1`` in the environment turns it off.
"""

from __future__ import annotations

import os
import struct
from typing import Callable

from rostercheck.children import answer, fork, kill, may_fork
from rostercheck.findings import Finding
from rostercheck.model import Roster
from rostercheck.normsets.schema import NormSet

# Below this many shifts the checks take well under half a second: not worth a fork.
MIN_SHIFTS = 20_000

_TOKEN = struct.Struct("<I")
# The labour law in this many slices of employees: small enough that neither process
# waits long for the other at the end, large enough that a slice is worth a token.
LAW_PARTS = 16
# The locations in about this many blocks: a block is checked as one plan
# (``run_location_norm_sets``: coverage sweeps a block's locations at once), and
# there are still enough of them that neither process waits long at the end.
LOCATION_BLOCKS = 48


def use_parallel(roster: Roster, workers: int) -> bool:
    return workers >= 2 and len(roster.shifts) >= MIN_SHIFTS and may_fork()


def parallel_findings(plan: list[tuple[NormSet, str]], employee_sets: list[NormSet], roster: Roster,
                      also: Callable[[Roster], list[Finding]] | None = None,
                      law: list[Finding] | None = None) -> list[Finding]:
    """The findings of ``run_location_norm_set`` for every (set, location) of ``plan``,
    then those of ``run_employee_norm_sets(employee_sets)``, then those of ``also(roster)``
    (the roster's own consistency), in that order: the list the serial path builds,
    computed by two processes. ``law``: the employee sets' findings, judged already
    (``checker.LawAhead``; ``employee_sets`` is then empty), put in their place."""
    from rostercheck.checks import check_module, run_employee_norm_sets_part, run_location_norm_sets
    from rostercheck.checks._common import _per_roster, support_at
    from rostercheck.checks.labour_law.timeline import employee_shifts

    # Each employee's shifts: what the law's slices are cut from, in both processes.
    law_parts = 0
    if employee_sets:
        law_parts = max(1, min(LAW_PARTS, len(employee_shifts(roster))))

    def prepare_locations() -> None:
        """What every location task uses: the per-roster index of shifts and
        Begeleiding rows by location, and the location check modules."""
        _per_roster(roster)
        support_at(roster, "")
        for kind in {norm.check for ns, _ in plan for norm in ns.norms if norm.check != "labour_law"}:
            try:
                check_module(kind)
            except Exception:  # raised again, where the serial path raises it, when a norm of the kind runs
                pass

    # The work as numbered tasks: the consistency and the labour law in slices of
    # employees (the child's to start with), then the locations in blocks.
    block = -(-len(plan) // LOCATION_BLOCKS) or 1
    blocks = [(i, min(i + block, len(plan))) for i in range(0, len(plan), block)]
    # The consistency first: one larger task, better not left for the end.
    tasks: list[tuple] = [("also",)] if also is not None else []
    tasks += [("law", k) for k in range(law_parts)]
    tasks += [("locations", lo, hi) for lo, hi in blocks]

    def run(task: tuple) -> list[Finding]:
        if task[0] == "law":
            return run_employee_norm_sets_part(employee_sets, roster, task[1], law_parts)
        if task[0] == "also":
            return also(roster)  # type: ignore[misc]
        return run_location_norm_sets(plan[task[1]:task[2]], roster)

    law_r = _token_pipe([t for t, task in enumerate(tasks) if task[0] != "locations"])
    locations_r = _token_pipe([t for t, task in enumerate(tasks) if task[0] == "locations"])

    def in_child() -> dict[int, list[Finding]]:  # what it does not bring back, the parent computes
        out = _take_tasks(law_r, tasks, run)
        out.update(_take_tasks(locations_r, tasks, run))
        return out

    # With the law to start on, the child is forked first and the parent prepares
    # the locations meanwhile. Without (no labour law, or judged already while
    # reading: checker.LawAhead), both would soon prepare the same index: it is
    # built once, before the fork, and the child shares it.
    early = not employee_sets
    if early:
        prepare_locations()
    pid, result_r = fork(in_child)
    done: dict[int, list[Finding]] = {}
    try:
        if not early:
            prepare_locations()
        done.update(_take_tasks(locations_r, tasks, run))
        done.update(_take_tasks(law_r, tasks, run))
    except BaseException:
        kill(pid)
        os.close(law_r)
        os.close(locations_r)
        os.close(result_r)
        raise
    os.close(law_r)
    os.close(locations_r)
    theirs = answer(pid, result_r)
    theirs = theirs if isinstance(theirs, dict) else None
    for t, found in (theirs or {}).items():
        if isinstance(t, int) and 0 <= t < len(tasks) and isinstance(found, list):
            done.setdefault(t, found)

    # The serial order: locations in plan order, then the law (its slices joined in
    # order and sorted as run_employee_norm_sets sorts: the same list, see
    # labour_law.check_employee_sets_part).
    findings: list[Finding] = []
    law_found: list[Finding] = []
    last: list[Finding] = []
    for t, task in enumerate(tasks):
        found = done.get(t)
        if found is None:  # the child took it and did not bring it back
            found = run(task)
        {"law": law_found, "also": last}.get(task[0], findings).extend(found)
    if employee_sets:
        law_found.sort(key=Finding.sort_key)
        findings.extend(law_found)
    findings.extend(law or [])
    findings.extend(last)
    return findings


def _token_pipe(numbers: list[int]) -> int:
    """A pipe holding these task numbers, its writing end closed: its reading end
    (the few dozen tokens fit in a pipe's buffer before anyone reads)."""
    r, w = os.pipe()
    os.write(w, b"".join(_TOKEN.pack(i) for i in numbers))
    os.close(w)
    return r


def _take_tasks(token_r: int, tasks: list[tuple], run) -> dict[int, list[Finding]]:
    """Take task numbers from the pipe until it is empty; run each."""
    out: dict[int, list[Finding]] = {}
    while True:
        data = os.read(token_r, _TOKEN.size)
        if not data:
            return out
        while len(data) < _TOKEN.size:  # a pipe read of 4 bytes is whole; be safe anyway
            more = os.read(token_r, _TOKEN.size - len(data))
            if not more:
                raise RuntimeError("token pipe: partial token")
            data += more
        (t,) = _TOKEN.unpack(data)
        out[t] = run(tasks[t])
