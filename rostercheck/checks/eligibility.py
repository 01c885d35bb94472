"""Which shift counts towards a coverage norm: one predicate for the checker and the fixer.

NORMS.md conventions: a professional has a care-relevant education (000, fn. 7);
"on site within X minutes" is on site (sleeping watch: 0 minutes) or on call
(beschikbaar) with a response time of at most X; "reachable" (bereikbaarheid,
phone within 5 minutes) is anyone on duty, including a phone-only shift.
"""

from __future__ import annotations

from enum import Enum

from rostercheck.model import Employee, ShiftKind
from rostercheck.normsets.schema import CoverageParams, Presence


class Counts(str, Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"  # on call without a known response time: "cannot verify"


_KINDS: dict[Presence, frozenset[ShiftKind]] = {
    Presence.AWAKE_ON_SITE: frozenset({ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT}),
    Presence.ON_SITE: frozenset({ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP}),
    Presence.ON_SITE_WITHIN: frozenset({ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP, ShiftKind.ON_CALL}),
    Presence.ON_DUTY: frozenset(
        {ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP, ShiftKind.AMBULANT, ShiftKind.ON_CALL}
    ),
    Presence.REACHABLE: frozenset(ShiftKind),
}


def qualifies(params: CoverageParams, employee: Employee) -> bool:
    """The person may count at all: professional (if required) and of the minimum level."""
    if params.care_relevant and not employee.care_relevant:
        return False
    return employee.level.at_least(params.min_level)


def kind_counts(params: CoverageParams, kind: ShiftKind, response_min: int | None) -> Counts:
    """Whether a shift of this kind (with this response time, for on call) counts."""
    if kind not in _KINDS[params.presence]:
        return Counts.NO
    if params.presence is Presence.ON_SITE_WITHIN and kind is ShiftKind.ON_CALL:
        if response_min is None:
            return Counts.UNKNOWN
        return Counts.YES if response_min <= params.response_min else Counts.NO  # type: ignore[operator]
    return Counts.YES


def counts_towards(params: CoverageParams, employee: Employee, kind: ShiftKind, response_min: int | None) -> Counts:
    if not qualifies(params, employee):
        return Counts.NO
    return kind_counts(params, kind, response_min)
