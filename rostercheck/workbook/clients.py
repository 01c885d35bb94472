"""The optional ``Clienten`` sheet (alias ``Clients``, FORMAT.md rev. 2): which client
holds which product at which location, from when until when, so that norms on hours
per client judge each client only while they hold the product.

Read after ``Locaties`` and ``Producten`` (a row names a location and a product
delivered there), by the reader's own cell helpers, so every error names the sheet,
the row and the column like any other sheet's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rostercheck.model import ClientProduct, Place
from rostercheck.workbook.consistency import Deliveries
from rostercheck.workbook.values import parse_date

if TYPE_CHECKING:
    from rostercheck.workbook.read import _Reader


def clients_sheet(reader: "_Reader", deliveries: Deliveries | None) -> tuple[ClientProduct, ...] | None:
    """The sheet's rows, or None when the workbook has no ``Clienten`` sheet (then a
    client holds a product from their first to their last Begeleiding record).
    ``deliveries`` None: the Producten sheet has errors of its own, and whether a
    client's product is delivered is judged once those are fixed."""
    from rostercheck.workbook.read import CLIENTS

    table = reader._table(CLIENTS, False)
    if table is None:
        return None
    header, rows = reader._rows(CLIENTS, table)
    out: list[ClientProduct] = []
    if header is None:
        return None
    s = table.name
    p = reader.p
    seen = 0
    for row_no, row in rows:
        seen += 1
        client = reader._text(header, s, row_no, row, "client", True)
        loc = reader._ref(reader.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
        text = reader._text(header, s, row_no, row, "product", True)
        product = reader._product(loc, text, s, row_no, header.names["product"])
        first = reader._parse(header, s, row_no, row, "valid_from", parse_date)
        last = reader._parse(header, s, row_no, row, "valid_until", parse_date)
        if first and last and last < first:
            p.row(
                "bad_date_range", s, row_no, header.names["valid_until"], last,
                f"'tot' ({last:%d-%m-%Y}) ligt voor 'vanaf' ({first:%d-%m-%Y})", expected="een datum op of na 'vanaf'",
            )
        if p.has(s, row_no):
            continue
        # The client's product must be one the location delivers in the client's span
        # (a Producten row that overlaps it), as a shift's product must (FORMAT.md rev. 2).
        if deliveries is not None and not deliveries.between(loc, product, first, last):
            span = f"{first:%d-%m-%Y}" if first else "begin"
            span += f" t/m {last:%d-%m-%Y}" if last else " t/m einde"
            p.row(
                "product_not_delivered", s, row_no, header.names["product"], text,
                f"product {product} wordt op locatie {loc} niet geleverd in {span} ({deliveries.dates_of(loc, product)})",
                expected=f"een product met een rij in Producten voor {loc} in die dagen",
            )
            continue
        out.append(ClientProduct(
            client=client, location=loc, product=product, valid_from=first, valid_until=last,
            extra=reader._extra(header, row), place=Place(sheet=s, row=row_no),
        ))
    # Only the headers (as in the template): no client spans given, as without the
    # sheet; an empty tuple would say that no client holds any product.
    return tuple(out) if seen else None
