"""The solve of a fix model: independent parts and the weighted first phase keep the lexicographic optimum."""

from __future__ import annotations

import pytest

cp_model = pytest.importorskip("ortools.sat.python.cp_model")

from rostercheck.fix.parts import independent_parts  # noqa: E402
from rostercheck.fix.solve import merged_weight, solve_phases  # noqa: E402


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
