"""What every client-hours measure shares: the norm's Begeleiding rows at the location,
each client's span (the days they hold the product), findings and Dutch numbers.

A client's span (NORMS.md rev. 2, reading 4; FORMAT.md rev. 2, ``Clienten``): with a
``Clienten`` sheet, the days of the client's rows for the product at the location
(``vanaf``/``tot``, defaulting to the period's edges), cut to the period; a client
with Begeleiding rows but no ``Clienten`` row for the product is judged from their
first to their last row, as without the sheet (judging them is what a planner
expects; ignoring their hours would drop input silently). Without the sheet: from
the client's first to their last Begeleiding row of the product in the period.
Nobody holds a product on a day it is not delivered at the location (``Producten``).
Rows outside the span are not counted ("judged only while the client holds the
product").
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from rostercheck import wording
from rostercheck.checks._common import active_days, midnight, nl_day, nl_span, support_at
from rostercheck.findings import CheckKind, Finding, Severity
from rostercheck.model import Roster, SupportKind, SupportRecord
from rostercheck.normsets.schema import ClientHoursMeasure, ClientHoursNorm, NormSet

M = ClientHoursMeasure
EPS = 1e-9

_DIRECT = (SupportKind.INDIVIDUAL, SupportKind.GROUP, SupportKind.DIGITAL)
# Digital contact is individual contact at a distance (002, 1.8: part of the
# direct client-bound time), so it counts as individual support and as a contact.
_INDIVIDUAL = (SupportKind.INDIVIDUAL, SupportKind.DIGITAL)

# Which kinds a measure counts when the norm does not say (``params.kinds``). For
# the two shares these are the kinds of the denominator.
DEFAULT_KINDS: dict[ClientHoursMeasure, tuple[SupportKind, ...]] = {
    M.INDIVIDUAL_HOURS_PER_WEEK: _INDIVIDUAL,
    M.GROUP_HOURS_PER_WEEK: (SupportKind.GROUP,),
    M.SUPPORT_HOURS_PER_WEEK: _DIRECT,
    M.CONTACTS_PER_WEEK: _INDIVIDUAL,
    M.INDIRECT_SHARE: tuple(SupportKind),  # "totale cliëntgebonden tijd": direct and indirect
    M.DIGITAL_SHARE: _DIRECT,  # "de totaal geïndiceerde ondersteuning (= direct cliëntgebonden tijd)"
    # 003: "Het uitgangspunt is dat de ondersteuning fysiek wordt aangeboden": a
    # digital row is no dagdeel (reading 13), it is reported by its own norm.
    M.DAGDEEL_HOURS: (SupportKind.INDIVIDUAL, SupportKind.GROUP),
    M.DIGITAL_HOURS_PER_DAY: (SupportKind.DIGITAL,),
    M.ON_SITE_HOURS_PER_CLIENT_DAY: (),
}

UNITS = {
    M.INDIVIDUAL_HOURS_PER_WEEK: "hours/week",
    M.GROUP_HOURS_PER_WEEK: "hours/week",
    M.SUPPORT_HOURS_PER_WEEK: "hours/week",
    M.CONTACTS_PER_WEEK: "contacts/week",
    M.INDIRECT_SHARE: "share",
    M.DIGITAL_SHARE: "share",
    M.DAGDEEL_HOURS: "hours/day",
    M.DIGITAL_HOURS_PER_DAY: "hours/day",
    M.ON_SITE_HOURS_PER_CLIENT_DAY: "hours/client/day",
}


def milder(severity: Severity) -> Severity:
    """One step down: what a single week is when the average is the verdict (readings 4, 5)."""
    return {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO}.get(severity, Severity.INFO)


def at_most_warning(severity: Severity) -> Severity:
    """A pro-rata verdict (a partial week) is never an error (reading 4)."""
    return Severity.WARNING if severity is Severity.ERROR else severity


# --- Dutch numbers -------------------------------------------------------------------

def nl_num(x: float, against: float | None = None) -> str:
    """2 decimals, more where needed so that a value short of ``against`` never reads
    as the bound itself (1,995 against 2 is "1,995", not "2")."""
    for d in (2, 3, 4):
        if against is None or abs(x - against) < EPS or round(x, d) != round(against, d):
            break
    return wording.number(x, d)


def nl_pct(x: float, against: float | None = None) -> str:
    """'20%', '20,1%', '19,95%': a share that misses a bound never reads as it."""
    for d in (1, 2, 3):
        if against is None or abs(x - against) < EPS or round(x * 100, d) != round(against * 100, d):
            break
    return wording.percent(x, d)


def days_text(days: list[date]) -> str:
    """'ma 9 mrt – wo 11 mrt' for consecutive days."""
    return nl_span(midnight(days[0]), midnight(days[-1]) + timedelta(days=1))


def week_text(days: list[date]) -> str:
    """'de week van ma 2 mrt' for a whole week; 'ma 9 mrt – wo 11 mrt (3 van de 7 dagen)' else."""
    if len(days) == 7:
        return f"de week van {nl_day(days[0])}"
    return f"{days_text(days)} ({len(days)} van de 7 dagen van de week)"


# --- the norm at one location ----------------------------------------------------------

class Context:
    """One client-hours norm at one location: its rows, spans and findings."""

    def __init__(self, norm: ClientHoursNorm, norm_set: NormSet, roster: Roster, location_id: str, days: list[date]):
        self.norm, self.norm_set, self.roster, self.location = norm, norm_set, roster, location_id
        self.params = norm.params
        self.days = days  # the days a product of the norm is delivered at the location
        self.kinds = self.params.kinds or DEFAULT_KINDS[self.params.measure]
        self._product_ids: dict[str, str] = {}
        self.wanted = {p.lower() for p in norm.products}
        first, last = roster.period.days()[0], roster.period.days()[-1]
        self.first, self.last = first, last
        records: list[SupportRecord] = []
        wanted_text: dict[str, bool] = {}  # per product as written: one of the norm's? (asked per row)
        for r in support_at(roster, location_id):
            if first <= r.day <= last:
                ok = wanted_text.get(r.product)
                if ok is None:
                    ok = wanted_text[r.product] = self.product_id(r.product).lower() in self.wanted
                if ok:
                    records.append(r)
        self.records = records

    def product_id(self, text: str) -> str:
        """The norm set's id for a product as written (remembered per distinct text)."""
        pid = self._product_ids.get(text)
        if pid is None:
            found = self.norm_set.product(text)
            pid = self._product_ids[text] = found.id if found else text
        return pid

    def spans(self) -> dict[tuple[str, str], list[date]]:
        """(client, product id) -> the sorted days in the period on which the client holds it."""
        from_records: dict[tuple[str, str], tuple[date, date]] = {}
        for r in self.records:
            key = (r.client, self.product_id(r.product))
            lo_hi = from_records.get(key)
            from_records[key] = (r.day, r.day) if lo_hi is None else (min(lo_hi[0], r.day), max(lo_hi[1], r.day))
        held: dict[tuple[str, str], set[date]] = defaultdict(set)
        if self.roster.clients is not None:
            for c in self.roster.clients:
                if c.location != self.location:
                    continue
                pid = self.product_id(c.product)
                if pid.lower() not in self.wanted:
                    continue
                lo = max(c.valid_from or self.first, self.first)
                hi = min(c.valid_until or self.last, self.last)
                held[(c.client, pid)].update(_days(lo, hi))
        for key, (lo, hi) in from_records.items():
            if key not in held:
                held[key].update(_days(lo, hi))
        # Nobody holds a product on a day it is not delivered at the location (Producten).
        delivered = {pid: set(active_days(self.roster, self.location, [pid])) for pid in {k[1] for k in held}}
        return {key: sorted(days & delivered[key[1]]) for key, days in sorted(held.items()) if days & delivered[key[1]]}

    def records_by_client(self, spans: dict[tuple[str, str], list[date]]) -> dict[tuple[str, str], list[SupportRecord]]:
        """Each client's rows on the days they hold the product."""
        held = {key: set(days) for key, days in spans.items()}
        out: dict[tuple[str, str], list[SupportRecord]] = {key: [] for key in spans}
        for r in self.records:
            key = (r.client, self.product_id(r.product))
            if r.day in held.get(key, ()):
                out[key].append(r)
        return out

    def violated(self, value: float, scale: float = 1.0) -> float | None:
        """The bound (times ``scale``, for pro rata) the value breaks, or None."""
        p = self.params
        if p.min is not None and value < p.min * scale - EPS:
            return p.min * scale
        if p.max is not None and value > p.max * scale + EPS:
            return p.max * scale
        return None

    def side(self, bound_scaled: float, scale: float = 1.0) -> str:
        p = self.params
        return "minimaal" if p.min is not None and abs(bound_scaled - p.min * scale) < EPS else "maximaal"

    def finding(self, *, severity: Severity | None = None, start: datetime, end: datetime, product: str | None,
                measured: float | int | None, required: float | int | None, message: str,
                details: tuple[str, ...] = (), check: CheckKind = CheckKind.CLIENT_HOURS,
                unit: str | None = None) -> Finding:
        return Finding(
            check=check,
            severity=severity or self.norm.severity,
            norm=self.norm.id,
            norm_set=self.norm_set.id,
            product=product,
            location=self.location,
            start=start,
            end=end,
            measured=measured,
            required=required,
            unit=unit or UNITS[self.params.measure],
            message=message,
            source=self.norm.source,
            details=details,
        )


def _days(lo: date, hi: date) -> tuple[date, ...]:
    """The days lo..hi (remembered: most clients hold a product the whole period)."""
    found = _DAYS.get((lo, hi))
    if found is None:
        if len(_DAYS) > 10_000:
            _DAYS.clear()
        found = _DAYS[(lo, hi)] = tuple(lo + timedelta(n) for n in range((hi - lo).days + 1))
    return found


_DAYS: dict[tuple[date, date], tuple[date, ...]] = {}


def monday(d: date) -> date:
    # Remembered: asked for every Begeleiding row and every held day of every norm.
    m = _MONDAYS.get(d)
    if m is None:
        if len(_MONDAYS) > 100_000:
            _MONDAYS.clear()
        m = _MONDAYS[d] = d - timedelta(d.weekday())
    return m


_MONDAYS: dict[date, date] = {}


def weeks_of(days: list[date]) -> list[list[date]]:
    """Sorted days split into ISO weeks (Monday to Sunday), each a list of its days."""
    out: list[list[date]] = []
    current = None
    for d in days:
        m = monday(d)
        if out and m == current:
            out[-1].append(d)
        else:
            out.append([d])
            current = m
    return out


def window(days: list[date]) -> tuple[datetime, datetime]:
    return midnight(days[0]), midnight(days[-1]) + timedelta(days=1)
