"""Independent parts of a fix model, each as a small model of its own.

Two variables are in one part when a constraint links them (a location's staff share
rest, weekly caps, coverage and share norms; locations with no employee in common
share nothing). The lexicographic optimum of independent parts is the sum of their
own optima, tier by tier, so each part is solved on its own: a part that runs out of
time then costs only itself, and no part's search carries the others' variables.
"""

from __future__ import annotations

# Parts with fewer objective terms than this are bundled (one solve for many tiny
# locations), up to BUNDLE_TERMS terms a bundle.
MIN_PART_TERMS = 20
BUNDLE_TERMS = 400


_BOOL_KINDS = ("bool_or", "bool_and", "exactly_one", "at_most_one")


def _ref(lit: int) -> int:
    return lit if lit >= 0 else -lit - 1


def _kind(ct) -> str | None:
    """Which constraint this is (the pybind proto of OR-Tools 9.15 has ``has_*``, no WhichOneof)."""
    for name in ("linear", "interval", "no_overlap", *_BOOL_KINDS):
        if getattr(ct, f"has_{name}")():
            return name
    return None


def independent_parts(proto, tiers) -> list[tuple[list[int], list[int]]]:
    """(variables, constraints) per part, in the order of their first variable. A model with a
    constraint of a kind this split does not know is one part."""
    n = len(proto.variables)
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    cons = proto.constraints
    interval_vars: dict[int, list[int]] = {}
    owner_var: list[int | None] = [None] * len(cons)
    for ci, ct in enumerate(cons):
        vs = [_ref(v) for v in ct.enforcement_literal]
        which = _kind(ct)
        if which == "interval":
            iv = ct.interval
            vs += [v for e in (iv.start, iv.end, iv.size) for v in e.vars]
            interval_vars[ci] = vs
            continue  # linked through the no-overlap constraints that use it
        if which in _BOOL_KINDS:
            vs += [_ref(v) for v in getattr(ct, which).literals]
        elif which == "linear":
            vs += list(ct.linear.vars)
        elif which == "no_overlap":
            for i in ct.no_overlap.intervals:
                vs += interval_vars.get(i) or [_ref(v) for v in cons[i].enforcement_literal]
        else:
            return [(list(range(n)), list(range(len(cons))))]
        if vs:
            root = find(vs[0])
            for v in vs[1:]:
                r = find(v)
                if r != root:
                    parent[r] = root
            owner_var[ci] = vs[0]
    used = {i for ct in cons if _kind(ct) == "no_overlap" for i in ct.no_overlap.intervals}
    for ci, vs in interval_vars.items():
        owner_var[ci] = -1 if ci in used else (vs[0] if vs else None)
    members: dict[int, list[int]] = {}
    for v in range(n):
        members.setdefault(find(v), []).append(v)
    weight = dict.fromkeys(members, 0)
    for idx, _ in tiers:
        for i in idx:
            weight[find(i)] += 1
    # Roots in order of their first variable; tiny ones bundled.
    group: dict[int, int] = {}
    groups = 0
    bundle, bundle_terms = None, 0
    for root in members:  # dict order: first variable first
        if weight[root] >= MIN_PART_TERMS:
            group[root] = groups
            groups += 1
            continue
        if bundle is None or bundle_terms + weight[root] > BUNDLE_TERMS:
            bundle, bundle_terms = groups, 0
            groups += 1
        group[root] = bundle
        bundle_terms += weight[root]
    parts: list[tuple[list[int], list[int]]] = [([], []) for _ in range(groups)]
    for root, vs in members.items():
        parts[group[root]][0].extend(vs)
    for ci, v in enumerate(owner_var):
        if v is None or v == -1:
            continue
        parts[group[find(v)]][1].append(ci)
    for ci, ct in enumerate(cons):
        if owner_var[ci] is None and _kind(ct) != "interval":
            parts[0][1].append(ci)  # a constraint over no variable: keep it somewhere
    return [p for p in parts if p[0]]


def sub_proto(proto, variables: list[int], constraints: list[int], local: dict[int, int]):
    """A CpModelProto with only ``variables`` (renumbered by ``local``) and ``constraints``,
    with the intervals their no-overlap constraints use."""
    from ortools.sat.python import cp_model

    sub = cp_model.CpModel().Proto()
    for v in variables:
        sub.variables.add().copy_from(proto.variables[v])

    def lit(x: int) -> int:
        return local[x] if x >= 0 else -local[-x - 1] - 1

    def expr(dst, src) -> None:
        dst.vars.extend([local[v] for v in src.vars])
        dst.coeffs.extend(list(src.coeffs))
        dst.offset = src.offset

    new_index: dict[int, int] = {}

    def copy(ci: int, intervals: list[int] | None = None) -> int:
        ct = proto.constraints[ci]
        c = sub.constraints.add()
        c.enforcement_literal.extend([lit(x) for x in ct.enforcement_literal])
        which = _kind(ct)
        if which in _BOOL_KINDS:
            getattr(c, which).literals.extend([lit(x) for x in getattr(ct, which).literals])
        elif which == "linear":
            c.linear.vars.extend([local[v] for v in ct.linear.vars])
            c.linear.coeffs.extend(list(ct.linear.coeffs))
            c.linear.domain.extend(list(ct.linear.domain))
        elif which == "interval":
            for name in ("start", "end", "size"):
                expr(getattr(c.interval, name), getattr(ct.interval, name))
        elif which == "no_overlap":
            c.no_overlap.intervals.extend(intervals or [])
        return len(sub.constraints) - 1

    for ci in constraints:
        which = _kind(proto.constraints[ci])
        if which == "no_overlap":
            used = []
            for i in proto.constraints[ci].no_overlap.intervals:
                if i not in new_index:
                    new_index[i] = copy(i)
                used.append(new_index[i])
            copy(ci, used)
        elif which == "interval":
            if ci not in new_index:
                new_index[ci] = copy(ci)
        else:
            copy(ci)
    return sub
