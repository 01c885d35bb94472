"""The coverage heat map: per location, days × hours, each hour green (staffed),
red (short) or amber (cannot verify), as the Excel and HTML reports draw it.

The grid is built from :func:`rostercheck.checks.coverage.coverage_profile` (the
same sweep the coverage check uses), so the colours and the findings always agree.
An hour takes the worst status of any coverage norm during any minute of it: one
short quarter of an hour makes the hour red, because a planner must look there.
The report's coverage findings are laid over the grid as well (an error is short,
a warning is "cannot verify"); where no profile can be computed (no norm
catalogue), the grid shows the findings alone and says so.

Hours on which no coverage norm applies (the product is not delivered that day,
or the window does not cover the hour) are "no norm" (grey).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rostercheck.findings import CheckKind, Finding, Report, Severity
from rostercheck.model import Roster
from rostercheck.wording import day_label, number

OK, SHORT, UNKNOWN = "ok", "short", "unknown"
_RANK = {None: 0, OK: 1, UNKNOWN: 2, SHORT: 3}

STATUS_LABELS = {
    OK: "bezet",
    SHORT: "tekort",
    UNKNOWN: "niet te controleren",
    None: "geen norm van kracht",
}
STATUS_EXPLANATIONS = {
    OK: "genoeg medewerkers van het juiste niveau aanwezig of op tijd ter plaatse",
    SHORT: "te weinig medewerkers: de norm is overtreden",
    UNKNOWN: "alleen gedekt als bereikbaarheidsdiensten met onbekende aanrijtijd meetellen",
    None: "op dit uur geldt geen bezettingsnorm (product niet geleverd of buiten het venster)",
}


@dataclass(frozen=True)
class HourNote:
    """One norm's status during (part of) an hour."""

    norm: str
    status: str
    start: datetime
    end: datetime
    measured: float | int | None
    required: float | int | None


@dataclass
class HourCell:
    day: date
    hour: int
    status: str | None = None
    notes: list[HourNote] = field(default_factory=list)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.day, datetime.min.time()) + timedelta(hours=self.hour)

    def add(self, note: HourNote) -> None:
        self.notes.append(note)
        if _RANK[note.status] > _RANK[self.status]:
            self.status = note.status

    def tooltip(self, norm_titles: dict[str, str] | None = None) -> str:
        """'ma 02-03-2026 07:00–08:00: tekort. <norm>: 0 van 1 (07:00–07:30)'."""
        head = f"{day_label(self.day)} {self.hour:02d}:00–{(self.hour + 1) % 24:02d}:00: {STATUS_LABELS[self.status]}"
        parts = [head]
        seen = set()
        for n in sorted(self.notes, key=lambda n: (-_RANK[n.status], n.norm, n.start)):
            key = (n.norm, n.status, n.start, n.end)
            if key in seen:
                continue
            seen.add(key)
            title = (norm_titles or {}).get(n.norm)
            label = f"{n.norm} ({title})" if title else n.norm
            count = ""
            if n.required is not None:
                count = f" {number(n.measured) if n.measured is not None else '?'} van {number(n.required)}"
            parts.append(f"{label}: {STATUS_LABELS[n.status]}{count} ({n.start:%H:%M}–{n.end:%H:%M})")
        return "\n".join(parts)

    def short_text(self) -> str:
        """What the Excel cell shows: 'measured/required' for a short hour, '?' where unknown."""
        if self.status == SHORT:
            worst = [n for n in self.notes if n.status == SHORT and n.required is not None]
            if worst:
                n = min(worst, key=lambda n: (n.measured if n.measured is not None else 0) - n.required)
                return f"{number(n.measured) if n.measured is not None else 0}/{number(n.required)}"
            return "!"
        if self.status == UNKNOWN:
            return "?"
        return ""


@dataclass
class HeatMap:
    location: str
    location_name: str | None
    days: list[date]
    rows: list[list[HourCell]]  # rows[day index][hour]
    windows: list[Finding]  # the location's coverage findings: violated / unverifiable windows
    from_profile: bool
    note: str | None = None  # why the grid shows findings only
    norm_titles: dict[str, str] = field(default_factory=dict)
    short_hours: float = 0.0  # real hours in violated windows (not hour cells touched)
    unknown_hours: float = 0.0  # real hours that could not be verified

    @property
    def has_norm(self) -> bool:
        return any(c.status is not None for row in self.rows for c in row)


def _midnight(d: date) -> datetime:
    return datetime.combine(d, datetime.min.time())


def _spread(rows: list[list[HourCell]], first_day: date, note: HourNote) -> None:
    """Put a note on every hour cell it overlaps. A staffed stretch only sets the
    status: no tooltip or comment lists it (only short and unverifiable hours say why),
    and a year of profile would otherwise make a note object per hour."""
    n_days = len(rows)
    t = note.start.replace(minute=0, second=0, microsecond=0)
    one_hour = timedelta(hours=1)
    keep = note.status != OK
    while t < note.end:
        i = (t.date() - first_day).days
        if 0 <= i < n_days:
            cell = rows[i][t.hour]
            if keep:
                cell_end = t + one_hour
                cell.add(HourNote(note.norm, note.status, max(note.start, t), min(note.end, cell_end),
                                  note.measured, note.required))  # fmt: skip
            elif cell.status is None:
                cell.status = OK
        t += one_hour


def grid(days: list[date], notes: list[HourNote]) -> list[list[HourCell]]:
    """Days × 24 hours, each hour with the worst status of the notes that touch it."""
    rows = [[HourCell(d, h) for h in range(24)] for d in days]
    if days:
        for note in notes:
            _spread(rows, days[0], note)
    return rows


def catalogue_or_none(catalogue):
    if catalogue is not None:
        return catalogue
    try:
        from rostercheck.normsets import cached_catalogue

        return cached_catalogue()
    except Exception:  # noqa: BLE001 - invalid norm files: the grid falls back to the findings
        return None


def location_profile(roster: Roster, catalogue, location_id: str, within=None) -> tuple[list[HourNote], bool, str | None]:
    """The location's coverage profile as notes (only ``within`` these stretches, if
    given), or why there is none."""
    if catalogue is None:
        return [], False, "De normbestanden konden niet worden geladen; de kaart toont alleen de bevindingen."
    try:
        from rostercheck.checks.coverage import coverage_profile

        notes = [HourNote(seg.norm, seg.status, seg.start, seg.end, seg.measured, seg.required)
                 for seg in coverage_profile(roster, catalogue, location_id, within)]  # fmt: skip
        return notes, True, None
    except Exception as exc:  # noqa: BLE001 - a report is still worth having without the profile
        why = f"Het dekkingsprofiel kon niet worden berekend ({type(exc).__name__}); de kaart toont alleen de bevindingen."
        return [], False, why


def _titles(roster: Roster, catalogue, location_id: str) -> dict[str, str]:
    location = roster.location_by_id.get(location_id)
    norm_set = catalogue.get(location.norm_set) if catalogue is not None and location is not None else None
    return {n.id: n.title for n in norm_set.norms} if norm_set is not None else {}


def merged_hours(windows, start: datetime | None = None, end: datetime | None = None) -> float:
    """Real hours covered by the windows (findings or notes; overlaps counted once),
    clipped to [start, end): '8,5 uur tekort' for a gap of 8,5 hours, not the hour
    cells it touches."""
    spans = sorted(
        (max(f.start, start) if start else f.start, min(f.end, end) if end else f.end) for f in windows
    )
    total, cur_a, cur_b = 0.0, None, None
    for a, b in spans:
        if b <= a:
            continue
        if cur_b is not None and a <= cur_b:
            cur_b = max(cur_b, b)
            continue
        if cur_b is not None:
            total += (cur_b - cur_a).total_seconds()
        cur_a, cur_b = a, b
    if cur_b is not None:
        total += (cur_b - cur_a).total_seconds()
    return total / 3600


def build_heatmap(
    report: Report,
    roster: Roster,
    location_id: str,
    catalogue=None,
    *,
    days: list[date] | None = None,
    profile: tuple[list[HourNote], bool, str | None] | None = None,
) -> HeatMap:
    """The location's map over ``days`` (default: the whole period). ``profile`` is the
    location's coverage profile when the caller draws several months of it."""
    catalogue = catalogue_or_none(catalogue)
    location = roster.location_by_id.get(location_id)
    notes, from_profile, why = profile if profile is not None else location_profile(roster, catalogue, location_id)
    days = roster.period.days() if days is None else days
    lo = _midnight(days[0]) if days else roster.period.start
    hi = _midnight(days[-1]) + timedelta(days=1) if days else roster.period.start
    notes = [n for n in notes if n.end > lo and n.start < hi]
    windows = [f for f in report.findings if f.check is CheckKind.COVERAGE and f.location == location_id
               and f.end > lo and f.start < hi]  # fmt: skip
    for f in windows:
        status = SHORT if f.severity is Severity.ERROR else UNKNOWN
        notes.append(HourNote(f.norm, status, f.start, f.end, f.measured, f.required))
    return HeatMap(
        location=location_id,
        location_name=location.name if location is not None else None,
        days=days,
        rows=grid(days, notes),
        windows=windows,
        from_profile=from_profile,
        note=why,
        norm_titles=_titles(roster, catalogue, location_id),
        short_hours=merged_hours([f for f in windows if f.severity is Severity.ERROR], lo, hi),
        unknown_hours=merged_hours([n for n in notes if n.status == UNKNOWN], lo, hi),
    )

