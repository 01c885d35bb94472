"""What the Excel and HTML reports show at any size: a location × month overview, and
the days × hours heat map only where a planner must look.

A 100-location year has 876,000 location-hours; drawn hour by hour they made a
300 MB page no browser opens comfortably. So:

* the overview has one cell per location and calendar month of the period: its
  violations and warnings (every check kind), and the real hours short and not
  verifiable of its coverage norms;
* a location-month gets the detailed map (from the coverage profile, the same sweep
  the check uses, so colours and findings agree) when it has a coverage finding —
  or always, on a small roster (at most :data:`DETAIL_ALL_UP_TO` location-months),
  where the whole map is short enough to read and shows where the roster is fine.

The coverage profile is computed only for locations that get a map.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rostercheck.findings import CheckKind, Finding, Report, Severity
from rostercheck.model import Roster
from rostercheck.report.heatmap import HeatMap, build_heatmap, catalogue_or_none, location_profile, merged_hours

DETAIL_ALL_UP_TO = 24  # location-months; above this only months with coverage findings are drawn
_COVERAGE_KINDS = (CheckKind.COVERAGE, CheckKind.INPUT)


@dataclass(frozen=True)
class Month:
    key: str  # "2026-03"
    year: int
    month: int
    start: datetime  # clipped to the period
    end: datetime


@dataclass
class MonthCell:
    location: str
    month: Month
    errors: int = 0
    warnings: int = 0
    short_hours: float = 0.0
    detail: bool = False

    @property
    def anchor(self) -> str:
        return f"map-{self.location}-{self.month.key}"


@dataclass
class LocationRow:
    location: str
    name: str | None
    norm_set: str | None
    cells: list[MonthCell]
    maps: list[HeatMap] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(c.errors for c in self.cells)

    @property
    def warnings(self) -> int:
        return sum(c.warnings for c in self.cells)

    @property
    def short_hours(self) -> float:
        return sum(c.short_hours for c in self.cells)


@dataclass
class Overview:
    months: list[Month]
    rows: list[LocationRow]
    detail_all: bool  # every location-month drawn (small roster)
    unplaced: list[Finding]  # findings without a location (working-time law per employee)

    @property
    def maps(self) -> list[HeatMap]:
        return [m for r in self.rows for m in r.maps]


def months_of(start: datetime, end: datetime) -> list[Month]:
    out, cur = [], start
    while cur < end:
        nxt = datetime(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
        out.append(Month(f"{cur.year:04d}-{cur.month:02d}", cur.year, cur.month, cur, min(nxt, end)))
        cur = nxt
    return out


def _days(m: Month) -> list[date]:
    first, out = m.start.date(), []
    day = first
    while datetime.combine(day, datetime.min.time()) < m.end:
        out.append(day)
        day += timedelta(days=1)
    return out


def build_overview(report: Report, roster: Roster, catalogue=None, *, maps: bool = True) -> Overview:
    """The overview of the report, with the heat maps it calls for (``maps=False``: none)."""
    catalogue = catalogue_or_none(catalogue)
    months = months_of(roster.period.start, roster.period.end)
    locations = sorted(roster.locations, key=lambda x: x.id)
    detail_all = len(locations) * len(months) <= DETAIL_ALL_UP_TO
    by_loc: dict[str, list[Finding]] = defaultdict(list)
    unplaced = []
    for f in report.findings:
        (by_loc[f.location] if f.location is not None else unplaced).append(f)
    rows = []
    for loc in locations:
        found = by_loc.get(loc.id, [])
        cells = []
        for m in months:
            here = [f for f in found if f.start < m.end and f.end > m.start]
            # A finding is counted in the month it starts in (clamped to the period), as the audit counts it.
            starting = [f for f in here if m.start <= max(f.start, roster.period.start) < m.end]
            cell = MonthCell(
                location=loc.id,
                month=m,
                errors=sum(1 for f in starting if f.severity is Severity.ERROR),
                warnings=sum(1 for f in starting if f.severity is Severity.WARNING),
                short_hours=merged_hours(
                    [f for f in here if f.check is CheckKind.COVERAGE and f.severity is Severity.ERROR], m.start, m.end
                ),
            )
            cell.detail = detail_all or any(f.check in _COVERAGE_KINDS and f.severity is not Severity.INFO for f in here)
            cells.append(cell)
        row = LocationRow(loc.id, loc.name, loc.norm_set, cells)
        if maps and any(c.detail for c in cells):
            profile = location_profile(roster, catalogue, loc.id, [(c.month.start, c.month.end) for c in cells if c.detail])
            row.maps = [
                build_heatmap(report, roster, loc.id, catalogue, days=_days(c.month), profile=profile)
                for c in cells
                if c.detail
            ]
        rows.append(row)
    return Overview(months=months, rows=rows, detail_all=detail_all, unplaced=unplaced)
