"""A location's shifts as arrays of minutes, for coverage's sweep: grouped as
:func:`rostercheck.checks._common.grouped_intervals` groups them (whether a shift counts
for a norm depends on its group only), and each employee's intervals joined (one person
counts once at a time) in whole-array operations, without a Python step per shift."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from rostercheck.checks._common import _per_roster, grouped_intervals
from rostercheck.model import Roster


class GroupedArrays(NamedTuple):
    """:func:`grouped_intervals` as arrays: the groups' keys, and per interval its
    group (index into ``keys``), start and end."""

    keys: list[tuple]
    group: np.ndarray
    a: np.ndarray
    b: np.ndarray


def grouped_arrays(roster: Roster, location_id: str) -> GroupedArrays:
    data = _per_roster(roster)
    found = data.grouped_arrays.get(location_id)
    if found is None:
        groups = grouped_intervals(roster, location_id)
        keys = list(groups)
        flat = np.array([iv for k in keys for iv in groups[k]], dtype=np.int64).reshape(-1, 2)
        group = np.repeat(np.arange(len(keys)), [len(groups[k]) for k in keys])
        found = data.grouped_arrays[location_id] = GroupedArrays(keys, group, flat[:, 0].copy(), flat[:, 1].copy())
    return found


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
