"""What a fix returns: the changes, the fixed roster, and what could not be fixed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rostercheck.findings import Report
from rostercheck.model import Roster, Shift

ACTION_ADD, ACTION_REMOVE, ACTION_CHANGE = "toevoegen", "verwijderen", "wijzigen"

# What kind of change, in a planner's words.
CHANGE_WORDS = {
    "reassign": "andere medewerker",
    "retime": "andere tijden",
    "rekind": "andere soort dienst",
    "add": "nieuwe dienst",
    "remove": "dienst vervalt",
    "vacancy": "open dienst (vacature)",
}


@dataclass
class Change:
    action: str  # toevoegen | verwijderen | wijzigen
    kind: str  # reassign | retime | rekind | add | remove
    before: Shift | None
    after: Shift | None
    norms: list[str]  # requirement keys it serves: "<norm>/<location>/<window start>"
    cost: int  # tier-3 cost of the change
    added_cost: int  # tier-2 cost (weighted paid minutes)
    added_hours: float
    origin: int | None = None  # index into the original roster's shifts
    # A removed shift its employee may not work and nobody could take over: it stays open
    # for someone of this level (its hours count as added: someone must still be paid for them).
    vacancy_level: str | None = None

    @property
    def shift(self) -> Shift:
        return self.after or self.before  # type: ignore[return-value]


@dataclass
class Unfixable:
    """A norm in a window that no allowed change can meet, with what is missing."""

    check: str
    norm: str
    location: str | None
    start: datetime
    end: datetime
    message: str  # Dutch, for the planner
    missing_hours: float | None = None
    missing_level: str | None = None


@dataclass
class FixResult:
    compliant: bool  # the fixed roster passes check_roster (no errors)
    changes: list[Change]
    added_hours: float  # paid hours added, open shifts (vacatures) included
    proven_optimal: bool
    objective: tuple[float, ...]  # per tier: violations, added paid cost, change cost
    bound: tuple[float, ...]
    gap: float  # worst relative gap over the tiers (0 when proven optimal)
    fixed_roster: Roster
    unfixable: list[Unfixable] = field(default_factory=list)
    report: Report | None = None  # check of the fixed roster (None: checker unavailable)
    before_report: Report | None = None
    status: str = ""  # solver status per tier, e.g. "OPTIMAL/OPTIMAL/FEASIBLE"
    seconds: float = 0.0
    rounds: int = 1  # solves (1 + labour-law cut rounds)
    cuts: int = 0
    notes: list[str] = field(default_factory=list)
    model_size: dict[str, int] = field(default_factory=dict)
    open_hours: float = 0.0  # of added_hours: open shifts (vacatures) still to be filled
    objective_name: str = "changes"  # which objective was minimised (FixOptions.objective)
    solver_proven: bool = False  # the solver proved its optimum (proven_optimal also needs compliance)
    parts: list[tuple[str, str, bool]] = field(default_factory=list)  # (locations, status per phase, solved)
    norm_titles: dict[str, str] = field(default_factory=dict)  # requirement key -> norm title and window
