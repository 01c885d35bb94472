"""The Begeleiding rows and Clienten rows of one location, indexed once per roster.

Every client-hours norm at a location reads the same rows; a 1000-location roster
has a few hundred rows per location and several norms each, so walking each row's
attributes in Python per norm (filter, span, week, sum) was most of the check's
cost. Here each location's rows become columns (numpy arrays) the first time a
norm asks, and every norm of every norm set at the location shares them. Kept per
roster by identity (``checks._common.per_roster``).
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter

import numpy as np

from rostercheck.checks._common import active_days, per_roster, support_at
from rostercheck.model import ClientProduct, Roster, SupportKind, SupportRow

KINDS: tuple[SupportKind, ...] = tuple(SupportKind)
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
_FIELDS = ("client", "product", "day", "hours", "kind")
_AT = [SupportRow._fields.index(f) for f in _FIELDS]


def _columns(rows) -> list[tuple]:
    """The rows' client, product, day, hours and kind, each as a tuple in row order.
    A read roster's compact rows (tuples) are transposed in C; records by attribute."""
    if isinstance(rows[0], SupportRow):
        columns = list(zip(*rows))
        return [columns[i] for i in _AT]
    return list(zip(*map(attrgetter(*_FIELDS), rows)))


class LocationRows:
    """A location's Begeleiding rows in the period (in input order) as columns, and
    per pair of client and product as written the first and last day it has rows.

    ``client`` is the rank of the client's name among the location's clients, so
    ordering by it is ordering by name (the order the checks report clients in)."""

    __slots__ = ("rows", "clients", "client", "texts", "text", "day", "hours", "kind",
                 "pair", "pair_client", "pair_text", "pair_first", "pair_last")

    def __init__(self, rows, dates: tuple[date, ...]):
        n = len(rows)
        client, text, day, hours, kind = _columns(rows) if n else ((), (), (), (), ())
        self.clients: list[str] = sorted(set(client))
        rank = {c: i for i, c in enumerate(self.clients)}
        self.texts: list[str] = list(dict.fromkeys(text))  # product as written, in order of first use
        number = {t: i for i, t in enumerate(self.texts)}
        day_of = np.fromiter(map(date.toordinal, day), np.int64, n) - dates[0].toordinal()
        inside = np.flatnonzero((day_of >= 0) & (day_of < len(dates)))  # no norm counts a row outside the period
        self.rows = rows if len(inside) == n else [rows[i] for i in inside.tolist()]
        self.client = np.fromiter(map(rank.__getitem__, client), np.int64, n)[inside]
        self.text = np.fromiter(map(number.__getitem__, text), np.int64, n)[inside]
        self.day = day_of[inside]  # the day's index in the period
        self.hours = np.fromiter(hours, np.float64, n)[inside]
        self.kind = np.fromiter(map(_KIND_CODE.__getitem__, kind), np.int64, n)[inside]
        width = max(len(self.texts), 1)
        pairs, self.pair = np.unique(self.client * width + self.text, return_inverse=True)
        first = np.full(len(pairs), len(dates), dtype=np.int64)
        last = np.full(len(pairs), -1, dtype=np.int64)
        np.minimum.at(first, self.pair, self.day)
        np.maximum.at(last, self.pair, self.day)
        self.pair_client: list[int] = (pairs // width).tolist()
        self.pair_text: list[int] = (pairs % width).tolist()
        self.pair_first: list[int] = first.tolist()
        self.pair_last: list[int] = last.tolist()


class _PerRoster:
    def __init__(self, roster: Roster):
        days = roster.period.days()
        self.dates: tuple[date, ...] = tuple(days)  # the period's days; a day's index is its offset from the first
        self.locations: dict[str, LocationRows] = {}
        self.delivered: dict[tuple[str, str], np.ndarray] = {}
        self.clients: dict[str, list[ClientProduct]] | None = None
        self.held: dict[tuple, object] = {}  # context.Context.held


def _per_roster(roster: Roster) -> _PerRoster:
    return per_roster(roster, _PerRoster)


def period_days(roster: Roster) -> tuple[date, ...]:
    return _per_roster(roster).dates


def location_rows(roster: Roster, location_id: str) -> LocationRows:
    data = _per_roster(roster)
    found = data.locations.get(location_id)
    if found is None:
        found = data.locations[location_id] = LocationRows(support_at(roster, location_id), data.dates)
    return found


def held_memo(roster: Roster) -> dict[tuple, object]:
    return _per_roster(roster).held


def clients_at(roster: Roster, location_id: str) -> list[ClientProduct]:
    """The location's ``Clienten`` rows in input order ([] without the sheet)."""
    data = _per_roster(roster)
    if data.clients is None:
        index: dict[str, list[ClientProduct]] = {}
        for c in roster.clients or ():
            index.setdefault(c.location, []).append(c)
        data.clients = index
    return data.clients.get(location_id, [])


def delivered(roster: Roster, location_id: str, product_id: str) -> np.ndarray:
    """Per day of the period: is the product delivered at the location (``Producten``)?"""
    data = _per_roster(roster)
    key = (location_id, product_id)
    found = data.delivered.get(key)
    if found is None:
        found = np.zeros(len(data.dates), dtype=bool)
        if data.dates:
            first = data.dates[0].toordinal()
            found[[d.toordinal() - first for d in active_days(roster, location_id, [product_id])]] = True
        data.delivered[key] = found
    return found
