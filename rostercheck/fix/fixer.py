"""``fix_roster``: the smallest set of changes that makes a roster compliant.

1. Requirements from the location's norm set (``requirements``), candidate changes
   where a norm is unmet (``candidates``), one CP-SAT model (``build``), cut into its
   independent parts (``parts``).
2. Lexicographic objective (OUTPUT.md rev. 2, "What smallest means"): violations
   left, then the number of changes, then added paid hours; ``--objective cost``
   weighs added hours by level and kind instead (``build.objective_tiers``). Each part
   is solved in a child process with its own deterministic budget (``solve``).
3. Verification: the changed roster goes through ``check_roster``; only a roster it
   passes is called compliant, and "proven optimal" is said only then. A labour-law
   finding the changes caused becomes a no-good cut on that employee's exact set of
   changes (a larger set stays allowed, so no lawful roster is cut off), and only the
   parts the cuts touch are solved again (at most ``max_cut_rounds`` times, within the
   same time limit).

The time limit bounds the whole call: candidate generation, solves, verification;
``FixOptions.started`` lets the command line count reading the workbook too.
"""

from __future__ import annotations

import dataclasses
import math
import time

from rostercheck.checker import CheckOptions, check_roster, employee_set_ids
from rostercheck.findings import CheckKind, Finding, Report, Severity
from rostercheck.fix.build import Built, add_no_good, build_model, objective_tiers
from rostercheck.fix.candidates import generate
from rostercheck.fix.pool import ADD, KEEP, Cand, Pool, _paid_minutes
from rostercheck.fix.explain import explain_unmet
from rostercheck.fix.options import FixOptions
from rostercheck.fix.reasons import norm_titles
from rostercheck.fix.requirements import build_requirements, labour_law_requirements
from rostercheck.fix.result import ACTION_ADD, ACTION_CHANGE, ACTION_REMOVE, Change, FixResult
from rostercheck.fix.solve import PartJob, SolveOutcome, make_jobs, solve_jobs
from rostercheck.model import Roster, Shift
from rostercheck.normsets import Catalogue

NEW_SHIFT_NOTE = "toegevoegd door rostercheck fix"
# Seconds kept back from the solver for the last verification and writing the workbook,
# as a share of the time the first check took (the verification is one more check).
VERIFY_FACTOR = 1.3
MIN_SOLVE_SECONDS = 0.5
FIRST_SOLVE_FLOOR = 0.3  # of the time limit, for the first solve whatever came before it
# Candidate generation: labour-law evaluations of one employee's month (1-3 ms each, measured on
# the HGV benchmark month; a tenth of the time limit at 3 ms)
# allowed per second of the time limit, counted so the same input gets the same
# candidates; and the share of the limit after which generation stops whatever the count.
LAW_EVALUATIONS_PER_SECOND = 100
GENERATION_SHARE = 0.25
GENERATION_FLOOR = 0.15


def law_rest_minutes(norm_sets) -> int:
    """The shortest daily rest the loaded labour law ever allows between two working shifts
    (the deepest reduction of its ``daily_rest`` rules: 8 h in ATW 5:3), or 0 without one.
    The model asks only this much (a hard rule never stricter than the law); whether a
    reduction is allowed this week is the checker's, in the verify-and-cut loop."""
    from rostercheck.checks.labour_law import effective_norms

    out = None
    for _, n in effective_norms(norm_sets):
        if n.params.rule == "daily_rest":
            lim = n.params.limits
            hours = float(lim.get("reduced_hours") or lim["min_hours"])
            out = hours if out is None else min(out, hours)
    return int(round((out or 0) * 60))


def fix_roster(roster: Roster, catalogue: Catalogue, options: FixOptions = FixOptions()) -> FixResult:
    t0 = options.started if options.started is not None else time.monotonic()
    # What the caller keeps back for itself after the fix (writing the workbook) is not the solver's.
    budget = max(MIN_SOLVE_SECONDS, options.time_limit - options.reserve)
    deadline = t0 + budget
    check_options = CheckOptions(labour_law=options.labour_law, cao=options.cao)
    c0 = time.monotonic()
    before = _check(roster, catalogue, check_options)
    check_seconds = time.monotonic() - c0
    reqs = build_requirements(roster, catalogue, options.include_warnings)
    law_sets = _employee_sets(catalogue, check_options) if options.labour_law else []
    rest = law_rest_minutes(law_sets) if options.labour_law else 0
    options = dataclasses.replace(options, min_rest_hours=rest / 60)
    if options.labour_law:
        labour_law_requirements(roster, before, law_sets, reqs)
    pool = Pool(roster, options)
    pool.law_budget = int(options.time_limit * LAW_EVALUATIONS_PER_SECOND)
    # From the command's start, but never less than a floor from now: a slow read on a
    # loaded machine must not leave a working-time error without a single alternative.
    pool.deadline = max(t0 + budget * GENERATION_SHARE, time.monotonic() + budget * GENERATION_FLOOR)
    generate(pool, reqs)
    built = build_model(pool, reqs, rest_minutes=rest)
    tiers_vars = objective_tiers(built, options.objective)
    tiers = [([v.Index() for v, _ in tier], [c for _, c in tier]) for tier in tiers_vars]
    proto = built.model.Proto()
    size = {"candidates": len(pool.cands), "variables": len(proto.variables), "constraints": len(proto.constraints)}
    base = _keep_all_values(built)

    rounds, cuts, notes = 0, 0, list(pool.notes)
    outcome: SolveOutcome | None = None
    values = base
    jobs: list[PartJob] = make_jobs(proto, tiers, list(enumerate(base)))
    size["parts"] = len(jobs)
    part_vars = [j.variables for j in jobs]
    part_of = {i: k for k, vs in enumerate(part_vars) for i in vs}
    report: Report | None = None
    while True:
        rounds += 1
        left = deadline - time.monotonic() - check_seconds * VERIFY_FACTOR
        if left < MIN_SOLVE_SECONDS and rounds > 1:
            notes.append("Geen tijd meer voor een nieuwe ronde na de controle op arbeidstijden.")
            break
        # Reading and checking a large workbook on a loaded machine can eat most of a short
        # limit: the first solve still gets a floor share of it ("within a few seconds").
        floor = MIN_SOLVE_SECONDS if rounds > 1 else max(MIN_SOLVE_SECONDS, budget * FIRST_SOLVE_FLOOR)
        outcome = solve_jobs(jobs, len(proto.variables), values, len(tiers), max(floor, left),
                             options.workers, options.seed, options.deterministic, previous=outcome)
        values = outcome.values
        fixed, changes = apply_solution(built, values)
        report = _check(fixed, catalogue, check_options)
        if not options.labour_law or report is None or rounds > options.max_cut_rounds:
            break
        new_cuts = _labour_law_cuts(built, values, before, report)
        if not new_cuts:
            break
        touched = set()
        for chosen, others in new_cuts:
            add_no_good(built, chosen, others)
            touched |= {part_of[v.Index()] for v in chosen if v.Index() in part_of}
        cuts += len(new_cuts)
        # Only the parts the cuts touch are solved again, each from its last answer.
        jobs = make_jobs(proto, tiers, list(enumerate(values)), only={i for k in touched for i in part_vars[k]})

    fixed, changes = apply_solution(built, values)
    if report is None:
        report = _check(fixed, catalogue, check_options)
    failed = outcome.failed_parts if outcome is not None else []
    # Parts whose violations tier was not proven minimal: what they leave unmet is not claimed blocked.
    unproven = {i for p in (outcome.part_outcomes if outcome is not None else [])
                if p.values is not None and (not p.phases or p.phases[0].status != "OPTIMAL") for i in p.variables}
    unfixable = explain_unmet(built, values, failed_variables={i for p in failed for i in p.variables}, law_sets=law_sets,
                              deadline=deadline, unproven_variables=unproven)
    compliant = report is not None and report.compliant
    if report is not None:
        # The checker has the last word: an explanation the fixed roster's check does not
        # confirm is dropped (a search cut short can leave a slack variable above what is
        # really missing), and every finding no explanation covers is listed as left standing.
        unfixable = _confirmed(unfixable, report)
        unfixable += _leftover_findings(report, before, unfixable)
    elif not unfixable:
        notes.append("De controle (check_roster) is niet beschikbaar; het rooster is niet geverifieerd.")
    for p in failed:
        notes.append(f"Een deel van het rooster ({_part_places(built, p.variables)}) kreeg binnen de tijdslimiet "
                     f"geen oplossing van de solver ({p.error or '/'.join(ph.status for ph in p.phases)}); "
                     "dat deel is ongewijzigd gelaten. De andere delen houden hun oplossing.")
    if outcome is not None and outcome.wall_clock:
        notes.append("De solver werd door de klok gestopt, niet door zijn vaste rekenbudget: "
                     "een tweede run kan een ander (even goed of beter) antwoord geven.")
    phases = outcome.phases if outcome is not None else []
    objective = tuple(p.objective for p in phases)
    bound = tuple(p.bound for p in phases)
    gap = 0.0
    for p in phases:
        if p.status == "FEASIBLE" and not math.isnan(p.objective):
            gap = max(gap, abs(p.objective - p.bound) / max(1.0, abs(p.objective)))
    # OUTPUT.md rev. 2: "proven optimal" only when the solver proved it for that
    # objective and the fixed roster passes the check.
    solver_proven = outcome is not None and outcome.proven_optimal
    proven = solver_proven and compliant
    return FixResult(
        compliant=compliant,
        changes=changes,
        added_hours=round(sum(c.added_hours for c in changes), 2),
        open_hours=round(sum(c.added_hours for c in changes if c.vacancy_level), 2),
        proven_optimal=proven,
        objective=objective,
        bound=bound,
        gap=0.0 if proven else (gap if phases and not failed else float("inf")),
        fixed_roster=fixed,
        unfixable=unfixable,
        report=report,
        before_report=before,
        status="/".join(p.status for p in phases) or (outcome.error if outcome else "") or "",
        seconds=time.monotonic() - t0,
        rounds=rounds,
        cuts=cuts,
        notes=notes,
        model_size=size,
        objective_name=options.objective,
        solver_proven=solver_proven,
        parts=[(_part_places(built, p.variables), "/".join(ph.status for ph in p.phases), p.values is not None)
               for p in (outcome.part_outcomes if outcome else [])],
        norm_titles=norm_titles(reqs, catalogue),
    )


def _part_places(built: Built, variables: list[int]) -> str:
    """The locations a part of the model is about, for the planner."""
    idx = set(variables)
    locs = sorted({c.location for c in built.pool.cands if c.id in built.x and built.x[c.id].Index() in idx}
                  | {built.pool.roster.shifts[o].location for o, v in built.removed.items() if v.Index() in idx})
    if len(locs) > 4:
        return f"{', '.join(locs[:4])} en {len(locs) - 4} andere locaties"
    return ", ".join(locs) or "geen locatie"


def _employee_sets(catalogue: Catalogue, options: CheckOptions) -> list:
    return [ns for ns in (catalogue.get(i) for i in employee_set_ids(options)) if ns is not None]


def _check(roster: Roster, catalogue: Catalogue, options: CheckOptions) -> Report | None:
    try:
        return check_roster(roster, catalogue, options)
    except NotImplementedError:
        return None
    except ModuleNotFoundError as exc:  # a check kind not yet installed (e.g. labour law)
        if options.labour_law and "labour_law" in str(exc):
            return check_roster(roster, catalogue, CheckOptions(labour_law=False, cao=options.cao))
        raise


def _keep_all_values_map(built: Built) -> dict[int, int]:
    out = {}
    for cid, var in built.x.items():
        out[var.Index()] = 1 if built.pool.cands[cid].action == KEEP else 0
    for var in built.removed.values():
        out[var.Index()] = 0
    return out


def _keep_all_hint(built: Built) -> list[tuple[int, int]]:
    return sorted(_keep_all_values_map(built).items())


def _keep_all_values(built: Built) -> list[int]:
    n = len(built.model.Proto().variables)
    vals = [0] * n
    for i, v in _keep_all_values_map(built).items():
        vals[i] = v
    return vals


def _written(c: Cand, original: Shift | None) -> Shift:
    if original is None:
        return Shift(employee=c.employee, location=c.location, start=c.start, end=c.end, kind=c.kind,
                     response_min=c.response_min, note=NEW_SHIFT_NOTE)
    update = {"employee": c.employee, "start": c.start, "end": c.end, "kind": c.kind, "response_min": c.response_min}
    if (c.start, c.end, c.kind, c.response_min) != (original.start, original.end, original.kind, original.response_min):
        update["code"] = None  # a grid code (times, kind, a written response time) no longer describes the shift
    if c.employee != original.employee:
        update["note"] = None  # the note was about the other person (the reason says so)
    return original.model_copy(update=update)


def apply_solution(built: Built, values: list[int]) -> tuple[Roster, list[Change]]:
    pool, r = built.pool, built.pool.roster
    changes: list[Change] = []
    shifts: list[Shift] = []
    for i, s in enumerate(r.shifts):
        ids = pool.by_origin[i]
        chosen = [cid for cid in ids if built.value_of(values, pool.cands[cid])]
        if not chosen:
            level = pool.vacancy_level.get(i)
            # An open shift (vacature) is paid hours the provider still has to find someone for.
            open_hours = round(_paid_minutes(s.kind, round(s.hours * 60)) / 60, 2) if level is not None else 0.0
            changes.append(Change(ACTION_REMOVE, "vacancy" if level is not None else "remove", s, None,
                                  sorted(built.serves.get(-i - 1, ())), pool.options.costs.remove,
                                  pool.vacancy_cost(i), open_hours, i,
                                  vacancy_level=level.value if level is not None else None))
            continue
        c = pool.cands[chosen[0]]
        if c.action == KEEP:
            shifts.append(s)
            continue
        after = _written(c, s)
        shifts.append(after)
        changes.append(Change(ACTION_CHANGE, c.action, s, after, _norms_served(built, c.id),
                              c.change_cost, c.added_cost, round(c.added_minutes / 60, 2), i))
    for c in pool.cands:
        if c.origin is None and not c.frozen and values[built.x[c.id].Index()]:
            after = _written(c, None)
            shifts.append(after)
            changes.append(Change(ACTION_ADD, ADD, None, after, _norms_served(built, c.id),
                                  c.change_cost, c.added_cost, round(c.added_minutes / 60, 2), None))
    changes.sort(key=lambda ch: (ch.shift.location, ch.shift.start, ch.shift.employee, ch.action))
    fields = {k: getattr(r, k) for k in type(r).model_fields}
    fields["shifts"] = tuple(shifts)
    return type(r)(**fields), changes


def _norms_served(built: Built, cid: int) -> list[str]:
    """The norms a chosen change serves: where the model sees it gain (a minute covered, a share
    point, an error gone), else the norms it was offered for (a reassignment that frees a
    colleague for the shift that does gain), so no change goes without its reason."""
    return sorted(built.serves.get(cid) or built.pool.reasons.get(cid, ()))


def _ll_key(f: Finding) -> tuple:
    return (f.norm, f.employee, f.start, f.end)


def _touching_literals(built: Built, employee: str) -> list:
    """Every change literal that alters the employee's own shifts: a shift given to them,
    one of theirs moved, of another kind, given away or dropped. Their values decide the
    employee's shifts, and so the employee's working-time findings, completely."""
    pool, lits = built.pool, []
    for c in pool.cands:
        if c.frozen or c.action == KEEP:
            continue
        giver = pool.roster.shifts[c.origin].employee if c.origin is not None else None
        if employee in (c.employee, giver):
            lits.append(built.x[c.id])
    for origin, rm in sorted(built.removed.items()):
        if pool.roster.shifts[origin].employee == employee:
            lits.append(rm)
    return lits


def _labour_law_cuts(built: Built, values: list[int], before: Report | None, after: Report) -> list[list]:
    """No-good cuts from the verification, one per employee the changes left with a working-time error:
    a new error (caused by the changes), or an error of the original roster whose shifts
    the solver changed without taking the error away.

    Each cut forbids exactly that employee's set of changes: these changes chosen and no
    other change of theirs. A larger set (the same changes and one more that takes the
    error away) stays allowed, so the cuts remove no lawful roster and the optimum over
    what is left is the optimum of the fix."""
    old = {_ll_key(f) for f in (before.findings if before else []) if f.check is CheckKind.LABOUR_LAW}
    changed_origins = {c.origin for c in built.pool.cands
                       if c.origin is not None and not c.frozen and c.action != KEEP and values[built.x[c.id].Index()]}
    changed_origins |= {o for o, rm in built.removed.items() if values[rm.Index()]}
    hit = set()
    for f in after.findings:
        if f.check is not CheckKind.LABOUR_LAW or f.severity is not Severity.ERROR or not f.employee:
            continue
        if _ll_key(f) not in old or changed_origins & set(f.shift_refs):
            hit.add(f.employee)
    cuts = []
    for e in sorted(hit):
        touching = _touching_literals(built, e)
        chosen = [v for v in touching if values[v.Index()]]
        if chosen:
            cuts.append((chosen, [v for v in touching if not values[v.Index()]]))
    return cuts


def _overlaps(u, f: Finding) -> bool:
    """An explanation and a finding about the same norm, place and time."""
    if u.norm != f.norm or (u.location or None) != (f.location or None):
        return False
    if f.start is None or f.end is None or u.start is None or u.end is None:
        return True
    return u.start < f.end and f.start < u.end


def _explains(u, f: Finding) -> bool:
    """An explanation about this finding: for the working-time law the same rule and window,
    otherwise the same norm at the same place overlapping in time."""
    if u.check != f.check.value:
        return False
    if f.check is CheckKind.LABOUR_LAW:
        return u.norm == f.norm and u.start == f.start and u.end == f.end
    return _overlaps(u, f)


def _confirmed(explained: list, report: Report) -> list:
    """The explanations the check of the fixed roster confirms (an info finding of a norm does
    not confirm it is unmet; for the law every finding of the rule and window does)."""
    return [u for u in explained
            if any(_explains(u, f) for f in report.findings
                   if f.check is CheckKind.LABOUR_LAW or f.severity is not Severity.INFO)]


def _leftover_findings(report: Report, before: Report | None, explained) -> list:
    """Errors the fixed roster still has that no explanation covers (norms a roster change
    cannot serve, such as client hours; existing working-time violations; windows the
    solver's search did not reach)."""
    from rostercheck.fix.result import Unfixable

    out = []
    for f in report.findings:
        if f.severity is not Severity.ERROR or any(_explains(u, f) for u in explained):
            continue
        if f.check is CheckKind.CLIENT_HOURS:
            why = "niet via het rooster op te lossen (uren per cliënt komen uit Begeleiding)"
        elif f.check is CheckKind.LABOUR_LAW:
            why = f"arbeidstijden van {f.employee}: geen wijziging gevonden die dit oplost"
        else:
            why = "blijft staan na de wijzigingen"
        out.append(Unfixable(f.check.value, f.norm, f.location, f.start, f.end, f"{why}: {f.message}"))
    return out
