"""Locations' shifts as arrays of minutes, for coverage's sweep: grouped as
:func:`rostercheck.checks._common.grouped_intervals` groups them (whether a shift counts
for a norm depends on its group only), and each employee's intervals joined (one person
counts once at a time) in whole-array operations, without a Python step per shift."""

from __future__ import annotations

from itertools import chain
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from rostercheck.checks._common import _per_roster, grouped_intervals
from rostercheck.checks.eligibility import what_counts_of
from rostercheck.model import Roster


class GroupedArrays(NamedTuple):
    """:func:`grouped_intervals` of several locations as arrays, each location lifted
    onto its own stretch of one time line (location ``k`` of the list at
    ``k * span``; ``span`` is one more than the period's last minute, so nothing of
    one location touches the next): the groups' keys (employee, kind, response
    minutes) and locations (position in the list), and per interval its group (index
    into ``keys``), lifted start and end."""

    keys: list[tuple]
    location: np.ndarray
    group: np.ndarray
    a: np.ndarray
    b: np.ndarray
    span: int


def grouped_arrays(roster: Roster, location_ids: list[str], span: int) -> GroupedArrays:
    """The locations' intervals, lifted by ``span`` per position in ``location_ids``
    (minutes of a location's shifts are clipped to the period: 0 to ``span - 1``).
    Each location's arrays are made once per roster and joined for each set of
    locations asked for (the coverage norms of a set ask for many different sets: those
    delivering each norm's products); the last answer is remembered."""
    memo = _per_roster(roster).grouped_arrays
    hit = memo.get("last")
    if hit is not None and hit[0] == (location_ids, span):
        return hit[1]
    per_location = memo.setdefault("per_location", {})
    pieces = []
    for location_id in location_ids:
        piece = per_location.get(location_id)
        if piece is None:
            piece = per_location[location_id] = _location_arrays(roster, location_id)
        pieces.append(piece)
    keys = list(chain.from_iterable(piece[0] for piece in pieces))
    location = np.repeat(np.arange(len(pieces), dtype=np.int64), [len(piece[0]) for piece in pieces])
    sizes = np.concatenate([piece[1] for piece in pieces]) if pieces else np.zeros(0, dtype=np.int64)
    group = np.repeat(np.arange(len(keys)), sizes)
    ab = np.concatenate([piece[2] for piece in pieces]) if pieces else np.zeros((0, 2), dtype=np.int64)
    lift = location[group] * span
    found = GroupedArrays(keys, location, group, ab[:, 0] + lift, ab[:, 1] + lift, span)
    memo["last"] = ((list(location_ids), span), found)
    return found


def _location_arrays(roster: Roster, location_id: str) -> tuple[list[tuple], np.ndarray, np.ndarray]:
    """One location's :func:`grouped_intervals`: its group keys, each group's number of
    intervals, and the intervals (start, end) in group order."""
    groups = grouped_intervals(roster, location_id)
    sizes = np.fromiter(map(len, groups.values()), dtype=np.int64, count=len(groups))
    total = int(sizes.sum())
    ab = np.fromiter(chain.from_iterable(chain.from_iterable(groups.values())), dtype=np.int64, count=2 * total).reshape(-1, 2)
    return list(groups), sizes, ab


class GroupKinds(NamedTuple):
    """What of a :class:`GroupedArrays`' groups every coverage norm decides alike: per
    group, its kind (index into ``examples``, each an (employee, shift kind, response
    minutes) whose answer holds for every group of the kind: alike in
    ``eligibility.what_counts_of``, kind and response; -1 for an employee the roster
    does not have), and its employee's number (one person counts once at a time; a
    location's intervals lie on a stretch of their own, so one number serves all)."""

    kind: np.ndarray
    examples: list[tuple]
    employee: np.ndarray


def group_kinds(roster: Roster, grouped: GroupedArrays) -> GroupKinds:
    """:class:`GroupKinds` of ``grouped``: each group key and employee judged once per
    roster, whichever locations the norms ask for together."""
    memo = _per_roster(roster).grouped_arrays
    hit = memo.get("kinds")
    if hit is not None and hit[0] is grouped:
        return hit[1]
    # group key -> kind; (what counts, shift kind, response) -> kind; kind -> example;
    # employee -> number: grown as new groups are asked for
    kind_of, alike_kind, examples, number_of = memo.setdefault("kind_table", ({}, {}, [], {}))
    # (not ``set(keys) - kind_of.keys()``: that walks every key of the table, which
    # grows to the whole roster's, on each call)
    new_keys = {key for key in grouped.keys if key not in kind_of}
    if new_keys:
        employees = roster.employee_by_id
        for key in new_keys:  # (in any order: every example of a kind gives its answer)
            emp_id, shift_kind, response = key
            emp = employees.get(emp_id)
            if emp is None:
                kind_of[key] = -1
                continue
            alike = (what_counts_of(emp), shift_kind, response)
            k = alike_kind.get(alike)
            if k is None:
                k = alike_kind[alike] = len(examples)
                examples.append((emp, shift_kind, response))
            kind_of[key] = k
    emp_ids = list(map(itemgetter(0), grouped.keys))
    for emp_id in emp_ids:
        if emp_id not in number_of:
            number_of[emp_id] = len(number_of)
    n = len(grouped.keys)
    found = GroupKinds(np.fromiter(map(kind_of.__getitem__, grouped.keys), np.int64, n), examples,
                       np.fromiter(map(number_of.__getitem__, emp_ids), np.int64, n))
    memo["kinds"] = (grouped, found)
    return found


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of integers, by sorting. NumPy 2.3 and later answer
    ``np.unique`` from a hash table, measured 60 times slower than a sort on the
    hundreds of thousands of distinct minutes of a year's roster (0.85 s against
    0.014 s for 570k values, NumPy 2.4)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def union_per_employee(employee: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per employee, the union of the intervals [a, b): :func:`merge` of each
    employee's intervals (touching intervals join), all employees' results together
    (in employee order). Whole-array: sorted by (employee, start, end), an interval
    opens a new piece where it starts after every earlier end of its employee; each
    employee's intervals are lifted above the previous employee's, so one running
    maximum serves all."""
    if len(a) == 0:
        return a, b
    lo = int(min(a.min(), b.min()))
    span = int(max(a.max(), b.max())) - lo + 1
    order = np.lexsort((b, a, employee))
    lift = employee[order].astype(np.int64) * span - lo
    la, lb = a[order] + lift, b[order] + lift
    reach = np.maximum.accumulate(lb)  # the latest end so far
    opens = np.ones(len(la), dtype=bool)
    opens[1:] = la[1:] > reach[:-1]  # a new employee always starts above the last end
    first = np.flatnonzero(opens)
    return la[first] - lift[first], np.maximum.reduceat(lb, first) - lift[first]
