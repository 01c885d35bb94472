"""Roster (dubbele inzet): one person rostered on site or ambulant at two locations at
the same time.

What it checks
    Per employee, every shift that reaches into the period and puts the person at a
    location's work: on site (``aanwezig``, ``waakdienst``, ``slaapdienst``) or
    ``ambulant``. Two such shifts at *different* locations that overlap by at least
    one minute contradict each other: the person cannot be in both places. Shifts
    that only touch (07:00-15:00 at L1, 15:00-23:00 at L2) do not overlap.
    Off-site duty (``beschikbaar``, ``bereikbaar``) is left out: one person on call
    or on the phone for several locations at once is an ordinary shared on-call
    service (gedeelde achterwacht), and so is being on call for one location while
    on site at another. Two overlapping shifts at the *same* location are not a
    finding here (FORMAT.md names two locations); coverage counts that person once
    at a time (``checks.coverage``).

Why
    FORMAT.md rev. 2: "One person on site (`aanwezig`, `waakdienst`, `slaapdienst`)
    or `ambulant` at two locations at the same time is a finding of check `roster`".
    Such a roster counts the same hours at both locations, so every norm there may
    pass on presence that is not real; the planner must see it, at each location.

Findings
    One error per employee, location and maximal contiguous window in which the
    person is also on site or ambulant at another location (windows that touch
    merge), check ``roster``, norm ``roster-one-place``, norm set ``rostercheck``
    (the rule is the format's own, not a municipal norm set's), with ``employee``,
    no ``product``; ``measured`` is the largest number of locations the person is
    rostered at at once in the window, ``required`` 1, unit ``locations``. Reported
    at each location involved, each for its own overlap. ``shift_refs``: the shifts
    at every location involved. Windows are cut to the period.
"""

from __future__ import annotations

from datetime import datetime
from operator import attrgetter, itemgetter

from rostercheck.checks._common import nl_span
from rostercheck.findings import CheckKind, Finding, Severity, Source
from rostercheck.model import Roster, ShiftKind, ShiftRow, shift_rows

NORM_ID = "roster-one-place"
NORM_SET = "rostercheck"
SOURCE = Source(
    document="FORMAT.md",
    section="Diensten, consistentie (rev. 2)",
    quote=(
        "One person on site (`aanwezig`, `waakdienst`, `slaapdienst`) or `ambulant` at two "
        "locations at the same time is a finding of check `roster`"
    ),
)

# Where the person is at work at a location: on site, or with its clients.
PLACE_BOUND = frozenset({ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP, ShiftKind.AMBULANT})

_Piece = tuple[datetime, datetime, str, int]  # start, end (clipped to the period), location, shift index


def check(roster: Roster) -> list[Finding]:
    # Only staff with place-bound shifts at two locations or more can be at two at once:
    # those are found first, without a step per shift in Python (most staff work at one).
    rows = shift_rows(roster.shifts)
    fields = itemgetter(0, 1, 4) if rows and rows[0].__class__ is ShiftRow else attrgetter("employee", "location", "kind")
    at: dict[str, str] = {}
    several: set[str] = set()
    for employee, location, kind in set(map(fields, rows)):
        if kind in PLACE_BOUND and at.setdefault(employee, location) != location:
            several.add(employee)
    if not several:
        return []
    by_employee: dict[str, list[_Piece]] = {}
    for i, s, start, end in roster.in_period():
        if s.kind in PLACE_BOUND and s.employee in several:
            by_employee.setdefault(s.employee, []).append((start, end, s.location, i))
    findings: list[Finding] = []
    for employee in sorted(by_employee):
        pieces = sorted(by_employee[employee])
        if len({p[2] for p in pieces}) > 1:
            findings.extend(_employee_findings(roster, employee, pieces))
    return findings


def _employee_findings(roster: Roster, employee: str, pieces: list[_Piece]) -> list[Finding]:
    # Per location, the windows in which another location's shift overlaps one of its own.
    windows: dict[str, list[tuple[datetime, datetime]]] = {}
    for n, (a_start, a_end, a_loc, _) in enumerate(pieces):
        for b_start, b_end, b_loc, _ in pieces[n + 1:]:
            if b_start >= a_end:
                break  # sorted by start: no later piece overlaps this one
            if b_loc == a_loc:
                continue
            window = (max(a_start, b_start), min(a_end, b_end))
            windows.setdefault(a_loc, []).append(window)
            windows.setdefault(b_loc, []).append(window)
    out = []
    shifts = shift_rows(roster.shifts)
    for location in sorted(windows):
        for start, end in _merge(windows[location]):
            inside = [p for p in pieces if p[0] < end and start < p[1]]
            others = sorted({p[2] for p in inside} - {location})
            kinds = sorted({shifts[p[3]].kind.value for p in inside})
            out.append(Finding(
                check=CheckKind.ROSTER, severity=Severity.ERROR, norm=NORM_ID, norm_set=NORM_SET,
                product=None, location=location, employee=employee, start=start, end=end,
                measured=_most_locations_at_once(inside, start, end), required=1, unit="locations",
                message=(
                    f"Medewerker {employee} staat op {nl_span(start, end)} tegelijk ingeroosterd op "
                    f"{_and([location, *others])} ({_and(kinds)}): één persoon kan niet op twee plaatsen tegelijk zijn, "
                    f"en telt nu op elk van die locaties mee."
                ),
                source=SOURCE,
                shift_refs=tuple(sorted(p[3] for p in inside)),
            ))
    return out


def _merge(windows: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Union of half-open windows; windows that touch join (one contiguous window)."""
    out: list[tuple[datetime, datetime]] = []
    for a, b in sorted(windows):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _most_locations_at_once(pieces: list[_Piece], start: datetime, end: datetime) -> int:
    moments = sorted({max(p[0], start) for p in pieces})
    return max(len({p[2] for p in pieces if p[0] <= t < p[1]}) for t in moments if t < end)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]
