"""Where and when a location norm applies: the days one of its products is delivered.

A norm applies at a location on the days on which at least one of its products
has a ``Producten`` row there with clients > 0 that is valid on that day
(``vanaf``/``tot`` inclusive). Days outside the period never count.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from itertools import compress

from rostercheck.model import ProductAssignment, Roster


def assignments(roster: Roster, location_id: str, products: tuple[str, ...] | list[str]) -> list[ProductAssignment]:
    """The location's rows of these products with clients, in input order."""
    if len(products) == 1:  # asked per location and product (checks._common.active_days)
        return list(roster.deliveries(location_id, products[0]))
    wanted = {p.lower() for p in products}
    return [a for a in roster.products_at(location_id) if a.product.lower() in wanted and a.clients > 0]


def active_days(roster: Roster, location_id: str, products: tuple[str, ...] | list[str]) -> list[date]:
    rows = assignments(roster, location_id, products)
    if any(a.valid_from is None and a.valid_until is None for a in rows):
        return roster.period.days()  # a row without vanaf/tot: every day of the period
    # The days some row is valid on (ProductAssignment.active_on: from and until
    # inclusive), as index ranges of the sorted days instead of a test per day and row.
    days = roster.period.days()
    on = bytearray(len(days) + 1)
    for a in rows:
        lo = 0 if a.valid_from is None else bisect_left(days, a.valid_from)
        hi = len(days) if a.valid_until is None else bisect_right(days, a.valid_until)
        if hi > lo:
            on[lo:hi] = b"\x01" * (hi - lo)
    return list(compress(days, on))


def first_active_product(roster: Roster, location_id: str, products: tuple[str, ...] | list[str], day: date | None = None) -> str | None:
    """The product a finding names: the first of the norm's products delivered (on ``day``)."""
    rows = assignments(roster, location_id, products)
    for p in products:
        if any(a.product.lower() == p.lower() and (day is None or a.active_on(day)) for a in rows):
            return p
    return None


def clients_on(roster: Roster, location_id: str, products: tuple[str, ...] | list[str], day: date) -> int:
    return sum(a.clients for a in assignments(roster, location_id, products) if a.active_on(day))
