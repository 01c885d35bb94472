"""Which shift counts towards a coverage norm: one predicate for the checker and the fixer.

NORMS.md conventions: a professional has a care-relevant education (000, fn. 7);
"on site within X minutes" is on site (sleeping watch: 0 minutes) or off site with a
known response time of at most X — on call (beschikbaar) or, revision 2, ambulant
("Ambulant staff can come": a Beschermd Thuis team on home visits is the ordinary
way 001's "binnen 90 minuten" is met); "reachable" (bereikbaarheid, phone within 5
minutes) is anyone on duty, including a phone-only shift.

Who may count at all (:func:`qualifies`) is the norm's ``min_level`` and
``care_relevant``: revision 2 reading 1, "the team's level applies to presence"
(000: "De overige inzet vindt plaats door een mbo-niveau 4 of hoger geschoolde
professional"), so an MBO-3 alone on a sleeping watch leaves the minutes uncovered
whatever the shift kind. :func:`why_not_qualified` says why, in the planner's words.
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
    Presence.ON_SITE_WITHIN: frozenset(
        {ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP, ShiftKind.ON_CALL, ShiftKind.AMBULANT}
    ),
    Presence.ON_DUTY: frozenset(
        {ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP, ShiftKind.AMBULANT, ShiftKind.ON_CALL}
    ),
    Presence.REACHABLE: frozenset(ShiftKind),
}


# Off-site kinds that count for "on site within X" only with a known response time <= X.
TRAVELLING = frozenset({ShiftKind.ON_CALL, ShiftKind.AMBULANT})


def qualifies(params: CoverageParams, employee: Employee) -> bool:
    """The person may count at all: professional (if required) and of the minimum level."""
    if params.care_relevant and not employee.care_relevant:
        return False
    return employee.level.at_least(params.min_level)


def why_not_qualified(params: CoverageParams, employee: Employee) -> str:
    """'MBO-3 telt niet mee: minimaal MBO-4 voor dit product' ('' when the person qualifies)."""
    if params.care_relevant and not employee.care_relevant:
        return f"{employee.level.value}, niet zorgrelevant opgeleid, telt niet mee: alleen professionals (zorgrelevant) tellen"
    if not employee.level.at_least(params.min_level):
        return f"{employee.level.value} telt niet mee: minimaal {params.min_level.value} voor dit product"
    return ""


def kind_counts(params: CoverageParams, kind: ShiftKind, response_min: int | None) -> Counts:
    """Whether a shift of this kind (with this response time, when off site) counts."""
    if kind not in _KINDS[params.presence]:
        return Counts.NO
    if params.presence is Presence.ON_SITE_WITHIN and kind in TRAVELLING:
        if response_min is None:
            return Counts.UNKNOWN
        return Counts.YES if response_min <= params.response_min else Counts.NO  # type: ignore[operator]
    return Counts.YES


def counts_towards(params: CoverageParams, employee: Employee, kind: ShiftKind, response_min: int | None) -> Counts:
    if not qualifies(params, employee):
        return Counts.NO
    return kind_counts(params, kind, response_min)


def what_counts_of(employee: Employee) -> tuple:
    """All of the employee that :func:`counts_towards` (through :func:`qualifies`)
    reads: employees alike in it count alike, so a caller deciding for many may decide
    once per (this, kind, response time)."""
    return employee.care_relevant, employee.level


def rule_of(params: CoverageParams) -> tuple:
    """All of a norm's parameters that :func:`counts_towards` reads: norms alike in it
    count alike, so a caller may keep its answers per (this, what counts of the
    employee, kind, response time)."""
    return params.care_relevant, params.min_level, params.presence, params.response_min
