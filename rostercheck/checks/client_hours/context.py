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

from datetime import date, datetime, timedelta
from typing import NamedTuple

import numpy as np

from rostercheck import wording
from rostercheck.checks._common import midnight, nl_day, nl_span
from rostercheck.checks.client_hours.rows import clients_at, delivered, held_memo, location_rows, period_days
from rostercheck.findings import CheckKind, Finding, Severity
from rostercheck.model import Roster, SupportKind
from rostercheck.normsets.schema import ClientHoursMeasure, ClientHoursNorm, NormSet

M = ClientHoursMeasure
EPS = 1e-9
# How near a bound a screen's figure must come for the exact figure to be computed
# (Context.may_violate): far above any rounding difference between two orders of
# summing a client's hours, far below any difference a finding shows.
SCREEN = 1e-6

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

class Held(NamedTuple):
    """Who holds which product on which day, and which of the norm's rows count."""

    keys: list[tuple[str, str]]  # (client, product id), sorted; each holds it on at least one day
    on: np.ndarray  # bool [key, day of the period]: the client holds the product that day
    key: np.ndarray  # per row of ``Context.rows``: its key's index, -1 where the row is not counted
    week_days: np.ndarray  # [key, week (Context.week_of_day)]: on how many days of the week


class Context:
    """One client-hours norm at one location: its rows, spans and findings."""

    def __init__(self, norm: ClientHoursNorm, norm_set: NormSet, roster: Roster, location_id: str, days: list[date]):
        self.norm, self.norm_set, self.roster, self.location = norm, norm_set, roster, location_id
        self.params = norm.params
        self.days = days  # the days a product of the norm is delivered at the location
        self.kinds = self.params.kinds or DEFAULT_KINDS[self.params.measure]
        self._product_ids: dict[str, str] = {}
        self.wanted = {p.lower() for p in norm.products}
        self.dates = period_days(roster)  # a day's index in the period is its offset from the first
        self.first, self.last = self.dates[0], self.dates[-1]
        # ISO weeks numbered from the period's first: a day's is (its index + the first's weekday) // 7.
        self.week_of_day = (np.arange(len(self.dates)) + self.first.weekday()) // 7
        self.n_weeks = int(self.week_of_day[-1]) + 1
        # The norm's rows: the location's Begeleiding rows (in the period) whose product
        # (as written, asked once per distinct text) is one of the norm's.
        self.table = table = location_rows(roster, location_id)
        # per product as written: the norm set's id where it is one of the norm's, else None
        self.text_pids = [self._wanted(t) for t in table.texts]
        self.rows = np.flatnonzero(np.array([pid is not None for pid in self.text_pids], dtype=bool)[table.text])
        self.row_day = table.day[self.rows]
        self._held: Held | None = None

    def _wanted(self, text: str) -> str | None:
        pid = self.product_id(text)
        return pid if pid.lower() in self.wanted else None

    def product_id(self, text: str) -> str:
        """The norm set's id for a product as written (remembered per distinct text)."""
        pid = self._product_ids.get(text)
        if pid is None:
            found = self.norm_set.product(text)
            pid = self._product_ids[text] = found.id if found else text
        return pid

    def held(self) -> Held:
        """Who holds what when. It depends only on the rows and the ``Clienten`` rows the
        norm selects (and their product ids), so the norms at a location that select the
        same (at a location with one product, its norms all do) share it."""
        if self._held is None:
            clients = tuple(self._wanted(c.product) for c in clients_at(self.roster, self.location))
            memo, sign = held_memo(self.roster), (self.location, tuple(self.text_pids), clients)
            self._held = memo.get(sign)
            if self._held is None:
                self._held = memo[sign] = self._hold()
        return self._held

    def _hold(self) -> Held:
        table, n, first = self.table, len(self.dates), self.first.toordinal()
        # With a Clienten row the client holds the product on its days (an empty range
        # too: then not in the period at all); without one, from the first to the last row.
        ranges: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for c in clients_at(self.roster, self.location):
            pid = self._wanted(c.product)
            if pid is None:
                continue
            a = max(c.valid_from or self.first, self.first).toordinal() - first
            b = min(c.valid_until or self.last, self.last).toordinal() - first
            ranges.setdefault((c.client, pid), []).append((a, b))
        from_rows: dict[tuple[str, str], tuple[int, int]] = {}
        pair_key: list[tuple[str, str] | None] = []  # per (client, product as written): its key
        for c, t, a, b in zip(table.pair_client, table.pair_text, table.pair_first, table.pair_last):
            key = None if self.text_pids[t] is None else (table.clients[c], self.text_pids[t])
            pair_key.append(key)
            if key is not None and key not in ranges:
                span = from_rows.get(key)
                from_rows[key] = (a, b) if span is None else (min(span[0], a), max(span[1], b))
        for key, span in from_rows.items():
            ranges[key] = [span]
        keys = sorted(ranges)
        owner, lo, hi = [], [], []  # one entry per range: its key, first and last day
        for i, key in enumerate(keys):
            for a, b in ranges[key]:
                owner.append(i)
                lo.append(a)
                hi.append(b)
        day = np.arange(n)
        inside = (day >= np.array(lo, dtype=np.int64)[:, None]) & (day <= np.array(hi, dtype=np.int64)[:, None])
        on = np.zeros((len(keys), n), dtype=bool)
        np.logical_or.at(on, np.array(owner, dtype=np.int64), inside)
        # Nobody holds a product on a day it is not delivered at the location (Producten).
        pids = {pid: i for i, pid in enumerate(sorted({key[1] for key in keys}))}
        offered = np.array([delivered(self.roster, self.location, pid) for pid in pids], dtype=bool).reshape(len(pids), n)
        on &= offered[np.array([pids[key[1]] for key in keys], dtype=np.int64)]
        some = on.any(axis=1)
        keys = [k for k, held in zip(keys, some.tolist()) if held]
        on = on[some]
        index = {k: i for i, k in enumerate(keys)}
        key = np.array([index.get(k, -1) for k in pair_key], dtype=np.int64)[table.pair[self.rows]]
        if keys:
            # a row counts on the days its client holds the product
            key[(key >= 0) & ~on[key, self.row_day]] = -1
        # The period's days laid out Monday to Sunday, a week a row.
        weekday = self.first.weekday()
        weeks = np.zeros((len(keys), self.n_weeks * 7), dtype=bool)
        weeks[:, weekday:weekday + n] = on
        return Held(keys, on, key, weeks.reshape(len(keys), self.n_weeks, 7).sum(axis=2))

    def held_days(self, i: int) -> list[date]:
        """The days key ``i`` of :meth:`held` holds its product, sorted."""
        return [self.dates[d] for d in np.flatnonzero(self.held().on[i]).tolist()]

    def held_weeks(self, i: int) -> dict[int, list[date]]:
        """:meth:`held_days` by week: week number (``week_of_day``) -> days, in order."""
        out: dict[int, list[date]] = {}
        days = np.flatnonzero(self.held().on[i])
        for d, w in zip(days.tolist(), self.week_of_day[days].tolist()):
            at = out.get(w)
            if at is None:
                out[w] = [self.dates[d]]
            else:
                at.append(self.dates[d])
        return out

    def spans(self) -> dict[tuple[str, str], list[date]]:
        """(client, product id) -> the sorted days in the period on which the client holds it."""
        return {key: self.held_days(i) for i, key in enumerate(self.held().keys)}

    def records_by_client(self) -> dict[tuple[str, str], list]:
        """Each client's rows on the days they hold the product, in input order."""
        h = self.held()
        out: dict[tuple[str, str], list] = {key: [] for key in h.keys}
        counted = h.key >= 0
        rows = self.table.rows
        for r, k in zip(self.rows[counted].tolist(), h.key[counted].tolist()):
            out[h.keys[k]].append(rows[r])
        return out

    def violated(self, value: float, scale: float = 1.0) -> float | None:
        """The bound (times ``scale``, for pro rata) the value breaks, or None."""
        p = self.params
        if p.min is not None and value < p.min * scale - EPS:
            return p.min * scale
        if p.max is not None and value > p.max * scale + EPS:
            return p.max * scale
        return None

    def may_violate(self, values: np.ndarray, scale: np.ndarray | float = 1.0) -> np.ndarray:
        """:meth:`violated` as a screen over many values at once: True wherever a value
        comes within ``SCREEN`` of breaking the bound. The screen's figures are sums in
        another order than the exact ones (which may differ in the last bits), so it
        lets through everything near the bound; the verdict stays :meth:`violated`'s on
        the exact figure."""
        p = self.params
        out = np.zeros(np.shape(values), dtype=bool)
        if p.min is not None:
            out |= values < p.min * scale - EPS + SCREEN
        if p.max is not None:
            out |= values > p.max * scale + EPS - SCREEN
        return out

    def side(self, bound_scaled: float, scale: float = 1.0) -> str:
        p = self.params
        return "minimaal" if p.min is not None and abs(bound_scaled - p.min * scale) < EPS else "maximaal"

    def finding(self, *, severity: Severity | None = None, start: datetime, end: datetime, product: str | None,
                measured: float | int | None, required: float | int | None, message: str,
                details: tuple[str, ...] = (), check: CheckKind = CheckKind.CLIENT_HOURS,
                unit: str | None = None) -> Finding:
        return finding(self.norm, self.norm_set, self.location, severity=severity, start=start, end=end,
                       product=product, measured=measured, required=required, message=message, details=details,
                       check=check, unit=unit)


def finding(norm: ClientHoursNorm, norm_set: NormSet, location: str, *, severity: Severity | None = None,
            start: datetime, end: datetime, product: str | None, measured: float | int | None,
            required: float | int | None, message: str, details: tuple[str, ...] = (),
            check: CheckKind = CheckKind.CLIENT_HOURS, unit: str | None = None) -> Finding:
    """A finding of the norm at the location (what :meth:`Context.finding` makes, without
    a context: a roster without Begeleiding needs none)."""
    return Finding(
        check=check,
        severity=severity or norm.severity,
        norm=norm.id,
        norm_set=norm_set.id,
        product=product,
        location=location,
        start=start,
        end=end,
        measured=measured,
        required=required,
        unit=unit or UNITS[norm.params.measure],
        message=message,
        source=norm.source,
        details=details,
    )


def monday(d: date) -> date:
    return d - timedelta(d.weekday())


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
