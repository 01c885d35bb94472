"""The solve of a fix model: independent parts and the weighted first phase keep the lexicographic optimum."""

from __future__ import annotations

import pytest

cp_model = pytest.importorskip("ortools.sat.python.cp_model")

from rostercheck.fix.parts import independent_parts  # noqa: E402
from rostercheck.fix.lexicographic import merged_weight  # noqa: E402
from rostercheck.fix.solve import solve_phases  # noqa: E402


def _two_locations():
    """Two copies of one small choice (no variable in common): each needs one of a, b; a is cheaper in
    violations' tier, b in the added-hours tier."""
    m = cp_model.CpModel()
    tiers = [([], []), ([], []), ([], [])]
    for loc in ("L1", "L2"):
        a, b = m.new_bool_var(f"a_{loc}"), m.new_bool_var(f"b_{loc}")
        short = m.new_int_var(0, 1, f"short_{loc}")
        m.add(a + b + short >= 1)
        for k, terms in enumerate([[(short, 10)], [(a, 5), (b, 3)], [(a, 1), (b, 2)]]):
            for v, c in terms:
                tiers[k][0].append(v.Index())
                tiers[k][1].append(c)
    return m, tiers


def test_two_locations_with_nothing_in_common_are_two_parts(monkeypatch):
    monkeypatch.setattr("rostercheck.fix.parts.MIN_PART_TERMS", 1)
    m, tiers = _two_locations()
    parts = independent_parts(str(m.Proto()), tiers)
    assert len(parts) == 2
    out = solve_phases(str(m.Proto()), tiers, None, 5, 1, 0, True)
    assert out.parts == 2 and out.proven_optimal
    assert [p.objective for p in out.phases] == [0, 6, 4]  # b at both: no shortfall, 2 x 3 added, 2 x 2 changes


def test_merged_weight_lets_one_step_of_tier_one_outweigh_all_of_tier_two():
    m, tiers = _two_locations()
    w = merged_weight(m.Proto(), tiers)
    assert w is not None and w * 10 > sum(tiers[1][1])
    out = solve_phases(str(m.Proto()), tiers, None, 5, 1, 0, True)
    assert out.parts == 1 and [p.status for p in out.phases] == ["OPTIMAL"] * 3
    assert [p.objective for p in out.phases] == [0, 6, 4]


def test_no_parameter_that_changes_what_the_solver_may_conclude():
    """OR-Tools 9.15 with cp_model_probing_level = 0 (and the fixed subsolver ignored) answered
    INFEASIBLE on a feasible fix model (google/or-tools#5025): only limits, workers and seed are set."""
    from rostercheck.fix.lexicographic import _params

    solver = cp_model.CpSolver()
    default = cp_model.CpSolver().parameters
    _params(solver, 5, 1, 2, 7, True)
    p = solver.parameters
    assert p.cp_model_probing_level == default.cp_model_probing_level
    assert list(p.ignore_subsolvers) == []
    assert (p.num_workers, p.random_seed, p.max_deterministic_time) == (2, 7, 1)


def test_a_solver_fault_is_solved_again_before_anything_is_said(monkeypatch):
    """An INFEASIBLE answer on a model that keeping every shift satisfies is a solver fault:
    the part is solved again with the defaults, and that answer stands."""
    import rostercheck.fix.lexicographic as solve
    from rostercheck.fix.lexicographic import PhaseOutcome, solve_part

    m, tiers = _two_locations()
    calls = []
    real = solve._solve_lexicographic

    def flaky(model, n, tiers, hint, wall, dtime, workers, seed, deterministic):
        calls.append(workers)
        if len(calls) == 1:
            return None, [PhaseOutcome("INFEASIBLE", float("nan"), float("nan"), 0.0)], 0.0
        return real(model, n, tiers, hint, wall, dtime, workers, seed, deterministic)

    monkeypatch.setattr(solve, "_solve_lexicographic", flaky)
    values, phases, retried, _ = solve_part(str(m.Proto()), tiers, None, 5, 1, 2, 0, True)
    assert retried and calls == [2, 1]
    assert values is not None and [p.status for p in phases][:3] == ["OPTIMAL"] * 3


def test_each_part_keeps_its_answer_when_another_part_fails(monkeypatch):
    monkeypatch.setattr("rostercheck.fix.parts.MIN_PART_TERMS", 1)
    import rostercheck.fix.solve as solve

    m, tiers = _two_locations()
    real = solve.solve_part
    seen = []

    def second_fails(proto, *a, **k):
        seen.append(proto)
        if len(seen) == 2:
            raise RuntimeError("Check failed: heuristics.fixed_search != nullptr")
        return real(proto, *a, **k)

    monkeypatch.setattr(solve, "solve_part", second_fails)
    out = solve_phases(str(m.Proto()), tiers, None, 5, 1, 0, True)
    assert out.parts == 2
    assert [p.values is not None for p in out.part_outcomes] == [True, False]
    assert "heuristics.fixed_search" in out.part_outcomes[1].error


def test_a_search_cut_by_its_deterministic_budget_gives_the_same_answer_twice(monkeypatch):
    """OUTPUT.md rev. 2: the same input gives the same fix, also when the limit cuts the search.
    The HGV benchmark month of 20 staff, its one part given 0.02 deterministic units (far below
    its optimum's ~0.3) and a wall clock that never ends it: cut twice at the same point."""
    import rostercheck.fix.fixer as fixer
    from benchmarks.bench_fix import month_roster
    from rostercheck.fix import FixOptions, fix_roster
    from rostercheck.fix.solve import run_jobs
    from rostercheck.normsets import load_catalogue

    captured = {}

    def capture(jobs, *args, **kwargs):
        captured["jobs"] = jobs
        raise KeyboardInterrupt  # stop the fix here: only the model is wanted

    monkeypatch.setattr(fixer, "solve_jobs", capture)
    with pytest.raises(KeyboardInterrupt):
        fix_roster(month_roster(20), load_catalogue(), FixOptions(time_limit=30))
    jobs = captured["jobs"]
    answers = []
    for _ in range(2):
        got = []
        run_jobs(jobs, 120, 0.02, 1, 0, True, lambda k, out: got.append(out))
        answers.append(got)
    first, second = answers
    assert [p.values for p in first] == [p.values for p in second]
    assert [[ph.status for ph in p.phases] for p in first] == [[ph.status for ph in p.phases] for p in second]
    assert any(ph.status != "OPTIMAL" for p in first for ph in p.phases)  # the budget did cut the search
    assert not any(ph.wall_clock for p in first for ph in p.phases)
