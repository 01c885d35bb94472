"""Rules across sheets (FORMAT.md rev. 2, "Consistency"): what one sheet says must fit
what another says. Run by the reader once every sheet is read; each rule adds its
input errors to the reader's :class:`~rostercheck.workbook.read.Problems`, naming the
cell that breaks it, and returns the records that may stay (with ``--skip-bad-rows``
the others are left out and listed).

One person in two places at once is *not* here: FORMAT.md makes that a finding of
check ``roster`` (``rostercheck.checks.roster``), not an input error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rostercheck.model import ProductAssignment, Shift

if TYPE_CHECKING:
    from rostercheck.workbook.read import Problems


class Deliveries:
    """Which product is delivered where and when: the ``Producten`` rows, indexed.

    Products are matched case-insensitively, so a roster read without a catalogue
    (products kept as written) follows the same rule as one with canonical ids."""

    def __init__(self, products: Iterable[ProductAssignment]):
        self._rows: dict[tuple[str, str], list[ProductAssignment]] = {}
        # (location, product as written) delivered on every day: most shifts stop here.
        self.always: set[tuple[str, str]] = set()
        for p in products:
            self._rows.setdefault((p.location, p.product.casefold()), []).append(p)
            if p.valid_from is None and p.valid_until is None:
                self.always.add((p.location, p.product))
        self._memo: dict[tuple[str, str, date], bool] = {}

    def on(self, location: str, product: str, day: date) -> bool:
        """A ``Producten`` row for the product at the location is active on ``day``."""
        key = (location, product, day)
        found = self._memo.get(key)
        if found is None:
            rows = self._rows.get((location, product.casefold()), ())
            found = self._memo[key] = any(p.active_on(day) for p in rows)
        return found

    def between(self, location: str, product: str, first: date | None, last: date | None) -> bool:
        """Some ``Producten`` row for the product at the location overlaps [first, last]
        (None: open-ended)."""
        for p in self._rows.get((location, product.casefold()), ()):
            if (first is None or p.valid_until is None or first <= p.valid_until) and (
                last is None or p.valid_from is None or p.valid_from <= last
            ):
                return True
        return False

    def dates_of(self, location: str, product: str) -> str:
        """The dates a product is delivered at a location, as a planner reads them."""
        rows = self._rows.get((location, product.casefold()), ())
        if not rows:
            return f"{product} staat voor {location} niet in het blad Producten"
        spans = sorted(_span(p) for p in rows)
        return f"{product} wordt op {location} geleverd: " + "; ".join(spans)


def _span(p: ProductAssignment) -> str:
    a = f"{p.valid_from:%d-%m-%Y}" if p.valid_from else "begin"
    b = f"{p.valid_until:%d-%m-%Y}" if p.valid_until else "einde"
    return "hele periode" if p.valid_from is None and p.valid_until is None else f"{a} t/m {b}"


def shift_products(
    shifts: Sequence[Shift],
    deliveries: Deliveries,
    problems: "Problems",
    product_column: str,
) -> list[Shift]:
    """FORMAT.md rev. 2: "a shift's `product` must be delivered at its location on its
    date (a `Producten` row); otherwise it is an input error naming the cell".

    The date is ``datum``, the day the shift starts. Long form: the error names the
    row and the ``product`` column; grid form: the ``Rooster`` cell that holds the
    code (its ``Dienstcodes`` product is what is not delivered there that day)."""
    kept: list[Shift] = []
    always = deliveries.always
    for s in shifts:
        product = s.product
        if product is None or (s.location, product) in always:
            kept.append(s)
            continue
        day = s.start.date()
        if s.place is None or deliveries.on(s.location, product, day):
            kept.append(s)
            continue
        place = s.place
        in_grid = place.column is not None
        what = f"dienstcode {s.code!r} heeft product {s.product}" if in_grid else f"product {s.product}"
        problems.row(
            "product_not_delivered", place.sheet, place.row, product_column, s.product,
            f"{what}, maar dat wordt op {day:%d-%m-%Y} niet geleverd op locatie {s.location} "
            f"({deliveries.dates_of(s.location, s.product)})",
            expected=f"een product met een rij in Producten voor {s.location} die op {day:%d-%m-%Y} geldt",
            cell=place.column,
        )
    return kept
