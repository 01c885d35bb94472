"""Independent parts of a fix model, each as a small model of its own.

Two variables are in one part when a constraint links them (a location's staff share
rest, weekly caps, coverage and share norms; locations with no employee in common
share nothing). The lexicographic optimum of independent parts is the sum of their
own optima, tier by tier, so each part is solved on its own: a part that runs out of
time then costs only itself, and no part's search carries the others' variables.
"""

from __future__ import annotations

import re

# Parts with fewer objective terms than this are bundled (one solve for many tiny
# locations), up to BUNDLE_TERMS terms a bundle.
MIN_PART_TERMS = 20
BUNDLE_TERMS = 400


_BLOCK = re.compile(r"(?m)^(?=variables \{|constraints \{)")
_REF = re.compile(r"\b(enforcement_literal|literals|vars|intervals): (-?\d+)")
_NAME = re.compile(r'(?m)^\s*name: ".*"\n')


def _ref(lit: int) -> int:
    return lit if lit >= 0 else -lit - 1


def independent_parts(proto_text: str, tiers) -> list[tuple[list[int], str]]:
    """(variables, the part's own model as proto text) per part, in the order of their first
    variable. Works on the text form: copying a model element by element through the
    OR-Tools 9.15 proto wrapper takes seconds per thousand constraints, the text takes
    a fraction of that. Names are dropped (no index is read from them)."""
    blocks = _BLOCK.split(_NAME.sub("", proto_text))
    head = blocks[0] if blocks and not blocks[0].startswith(("variables", "constraints")) else ""
    var_blocks = [b for b in blocks if b.startswith("variables")]
    con_blocks = [b for b in blocks if b.startswith("constraints")]
    n = len(var_blocks)
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    refs = [_REF.findall(b) for b in con_blocks]
    con_vars: list[list[int]] = []
    interval_of: dict[int, list[int]] = {}
    for ci, rs in enumerate(refs):
        vs = [_ref(int(v)) for k, v in rs if k != "intervals"]
        if "\n  interval {" in con_blocks[ci]:
            interval_of[ci] = vs
        con_vars.append(vs)
    used_intervals = set()
    for ci, rs in enumerate(refs):
        for k, v in rs:
            if k == "intervals":
                used_intervals.add(int(v))
                con_vars[ci] = con_vars[ci] + interval_of.get(int(v), [])
    owner: list[int | None] = []
    for ci, vs in enumerate(con_vars):
        if vs:
            root = find(vs[0])
            for v in vs[1:]:
                r = find(v)
                if r != root:
                    parent[r] = root
        owner.append(vs[0] if vs else None)
    members: dict[int, list[int]] = {}
    for v in range(n):
        members.setdefault(find(v), []).append(v)
    weight = dict.fromkeys(members, 0)
    for idx, _ in tiers:
        for i in idx:
            weight[find(i)] += 1
    group: dict[int, int] = {}
    groups = 0
    bundle, bundle_terms = None, 0
    for root in members:  # first variable first
        if weight[root] >= MIN_PART_TERMS:
            group[root] = groups
            groups += 1
            continue
        if bundle is None or bundle_terms + weight[root] > BUNDLE_TERMS:
            bundle, bundle_terms = groups, 0
            groups += 1
        group[root] = bundle
        bundle_terms += weight[root]
    part_vars: list[list[int]] = [[] for _ in range(groups)]
    for root, vs in members.items():
        part_vars[group[root]].extend(vs)
    part_cons: list[list[int]] = [[] for _ in range(groups)]
    for ci, v in enumerate(owner):
        if ci in used_intervals:
            continue  # goes with the no-overlap constraint that uses it
        part_cons[group[find(v)] if v is not None else 0].append(ci)
    out = []
    for k in range(groups):
        if not part_vars[k]:
            continue
        local = {v: j for j, v in enumerate(sorted(part_vars[k]))}
        texts = [head] + [var_blocks[v] for v in sorted(part_vars[k])]
        new_index: dict[int, int] = {}
        cons_out: list[str] = []

        def rewrite(block: str) -> str:
            def sub(m: re.Match) -> str:
                key, val = m.group(1), int(m.group(2))
                if key == "intervals":
                    return f"intervals: {new_index[val]}"
                return f"{key}: {local[val] if val >= 0 else -local[-val - 1] - 1}"
            return _REF.sub(sub, block)

        for ci in part_cons[k]:
            for key, val in refs[ci]:
                if key == "intervals" and int(val) not in new_index:
                    new_index[int(val)] = len(cons_out)
                    cons_out.append(rewrite(con_blocks[int(val)]))
            cons_out.append(rewrite(con_blocks[ci]))
        out.append((sorted(part_vars[k]), "".join(texts + cons_out)))
    return out
