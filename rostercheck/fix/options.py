"""Options and costs of the fixer: every price the solver weighs is visible and tunable here.

The objective is lexicographic (see :mod:`rostercheck.fix.build.objective_tiers`). By
default (``objective="changes"``, OUTPUT.md rev. 2):

1. norm violations left (coverage minutes short, share deficit, unqualified hours, missing roles,
   working-time errors the roster already had);
2. the number of changes;
3. added paid hours (on-call and phone duty are paid as an allowance: 0 hours).

With ``objective="cost"`` (``--objective cost``), tiers 2 and 3 are the documented cost:

2. added paid hours, each minute weighted by the employee's level and the shift's kind
   (``level_weight`` x ``kind_weight`` / 100);
3. the changes, each weighted by its kind (``rekind``, ``retime``, ``reassign``, ``add``, ``remove``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rostercheck.model import Level, ShiftKind


def _level_weights() -> dict[Level, int]:
    # Per cent of an MBO-4 hour: a higher level costs more per added hour (salary scale).
    return {Level.MBO2: 90, Level.MBO3: 95, Level.MBO4: 100, Level.HBO: 115, Level.WO: 130}


def _kind_weights() -> dict[ShiftKind, int]:
    # Per cent of an hour on site: on call (consignatie) and phone duty are paid a fraction;
    # a sleeping watch is paid, but less than an awake hour in most CAOs.
    return {
        ShiftKind.PRESENT: 100,
        ShiftKind.AWAKE_NIGHT: 100,
        ShiftKind.AMBULANT: 100,
        ShiftKind.SLEEP: 80,
        ShiftKind.ON_CALL: 20,
        ShiftKind.PHONE: 10,
    }


@dataclass(frozen=True)
class FixCosts:
    """Costs of the candidate changes (tier 3) and weights of added hours (tier 2).

    Tier-3 costs are whole points per change; tier-2 cost of a candidate is
    ``added minutes x level weight x kind weight / 100``.
    """

    rekind: int = 2  # change a shift's kind (slaapdienst -> waakdienst, bereikbaar -> beschikbaar)
    retime: int = 3  # extend, shorten or move a shift
    reassign: int = 5  # give a shift to another employee
    add: int = 8  # a new shift for an existing employee
    remove: int = 4  # drop a shift (only where the shift itself breaks a level or working-time norm)
    level_weight: dict[Level, int] = field(default_factory=_level_weights)
    kind_weight: dict[ShiftKind, int] = field(default_factory=_kind_weights)
    # Tier-1 weights (violations left in a partial fix).
    short_minute: int = 10  # per staff-minute a coverage norm is short
    unqualified_minute: int = 10  # per working minute by someone below a level norm
    missing_role: int = 4800  # per missing role-holder (= 8 h of coverage short)
    # Per working-time error of the roster left standing: half a staff-minute short. The
    # care norms come first: a fix never opens a gap in care (a minute or more) to take
    # a working-time error away, and takes it away whenever no care norm pays for it.
    labour_law: int = 5
    # Tier 2, per cent of the paid cost at the required level: a shift its employee may
    # not work (level norm) that nobody takes over is dropped and becomes an open shift
    # (vacature) of that level. The most expensive way to serve a norm: dearer than
    # giving the shift to a qualified colleague or adding hours for one, so the work
    # of the shift is reassigned where anyone can take it, and never simply vanishes.
    vacancy: int = 150


@dataclass(frozen=True)
class FixOptions:
    # Seconds for the whole fix: candidates, solves, verification (OUTPUT.md rev. 2: the
    # limit bounds the whole command). ``started``: a time.monotonic() the limit counts
    # from (the command line passes the moment it started reading the workbook).
    time_limit: float = 30.0
    started: float | None = None
    # Seconds of the limit the caller keeps for itself after the fix (the command line:
    # writing the fixed workbook, ``output.write_reserve``).
    reserve: float = 0.0
    # "changes" (OUTPUT.md rev. 2: violations, then changes, then added hours) or "cost"
    # (violations, then the weighted cost of added hours, then of the changes).
    objective: str = "changes"
    workers: int = 2  # parts of the model solved at once, each in its own process by one CP-SAT worker
    seed: int = 0  # CP-SAT random_seed
    labour_law: bool = True  # verify the Working Hours Act and cut assignments that break it
    cao: str = "none"
    # Hours per week an employee may work above Medewerkers.contracturen (overtime).
    overtime_margin_hours: float = 8.0
    # Weekly hours assumed where contracturen is empty.
    default_contract_hours: float = 36.0
    costs: FixCosts = field(default_factory=FixCosts)
    max_shift_hours: float = 12.0  # ATW 5:7
    # Rest the model asks between two working shifts; fix_roster sets it from the loaded
    # law (its deepest daily-rest reduction, 8 h in the ATW) or 0 without labour law.
    min_rest_hours: float = 11.0
    grid_minutes: int = 60  # extend/shorten steps
    grid_steps: int = 4  # at most this many steps either way
    # A moved or retimed shift starts at most this many hours from where it started and
    # keeps part of its original time. Moving a day shift to the night before changes a
    # person's week (rest, sleep, family) far more than the hours show: an open night is
    # covered by an added night shift or a reassignment instead.
    max_move_hours: float = 4.0
    # Deterministic search: each part is solved by one CP-SAT worker (deterministic by
    # itself) within a deterministic-time budget, so the same input gives the same answer
    # whatever the machine's load, unless the wall-clock backstop cuts a solve short
    # first (the result then says so).
    deterministic: bool = True
    max_cut_rounds: int = 3  # labour-law verification rounds (lazy constraints)
    # Employees allowed at a location, beyond those who already work there or have a
    # Reistijden row (the staffing mode fills this with its virtual pool).
    extra_location_staff: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Norms of severity "warning" are requirements too (whatif's staffing budget).
    include_warnings: bool = False
    # Employees who cannot take new work from a date on (a what-if leave): employee -> first day away.
    unavailable_from: dict[str, date] = field(default_factory=dict)
