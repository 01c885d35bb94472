"""The ``client_hours`` check kind: realised support per client (``Begeleiding``), and
the on-site hours a tariff assumes per client.

What it checks
    Per client, only while the client holds the product (NORMS.md rev. 2, reading 4):
    the ``Clienten`` sheet says when (FORMAT.md rev. 2); without it a client holds
    the product from their first to their last ``Begeleiding`` row in the period
    (:mod:`.context`). The measures (``ClientHoursMeasure``):

    - hours and contacts per week (:mod:`.weekly`): individual support (001 "7-9
      uur", group hours exchanged 1 : 6 where the document allows it), group
      hours, all direct support (004), individual contacts (004). ``judge: week``
      judges every week; ``judge: average`` the client's own average per week over
      their span, a single low week a warning. Weeks the client holds the
      product on fewer than 7 days are judged pro rata (bound × days/7), never as
      an error and never skipped.
    - shares (:mod:`.shares`): indirect time over client-bound time per client over
      the span (002, 1.7); digital over direct time, the span the verdict and a
      single week above it one step milder (002, 1.8; reading 5).
    - per day (:mod:`.days`): dagdelen (003), digital dagbesteding (003, reading 13),
      on-site working hours per client per day per roster period (000 HGV agogisch
      klimaat, reading 8).

Why
    The tariffs pay for these hours per client ("individuele begeleiding per week
    7-9 uur"; "gemiddeld 15 uur per week ondersteuning voor de duur van het
    ingezette product"): a client who gets less is short of what was bought, and
    judging a client before they hold the product would report hours nobody owed.

Findings
    Check ``client_hours``, one per client and week (unit ``hours/week`` or
    ``contacts/week``), per client over their span (an average, a share), per
    client and day (``hours/day``) or per roster period (``hours/client/day``);
    ``measured`` and ``required`` at 4 decimals, the bound pro rata for a partial
    week. The message names the client, the days and the bound in Dutch, with
    enough decimals that a shortfall shows. Without a ``Begeleiding`` sheet a
    measure that needs it cannot be verified: one ``input`` warning per norm and
    location (OUTPUT.md), never a silent pass. Without a ``Clienten`` sheet, where
    ``Producten`` counts more clients than ``Begeleiding`` names, one ``input``
    warning per location and product (:func:`unrecorded_clients`): those clients
    were not judged.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from rostercheck.checks._common import active_days, first_active_product, midnight
from rostercheck.checks.client_hours import days as _days
from rostercheck.checks.client_hours import shares as _shares
from rostercheck.checks.client_hours import weekly as _weekly
from rostercheck.checks.client_hours.context import DEFAULT_KINDS, UNITS, Context, finding
from rostercheck.checks.client_hours.rows import location_rows, period_days
from rostercheck.checks.intervals import sorted_unique
from rostercheck.checks.scope import assignments, clients_on
from rostercheck.findings import CheckKind, Finding, Severity, Source
from rostercheck.model import Roster
from rostercheck.normsets.schema import SHARE_MEASURES, WEEKLY_MEASURES, ClientHoursMeasure, ClientHoursNorm, NormSet

M = ClientHoursMeasure

CANNOT_VERIFY = "kan niet worden geverifieerd: geen Begeleiding-blad"

# FORMAT.md rev. 2, Clienten: the rule a report must state when the sheet is missing.
NO_CLIENTS_SHEET = Source(
    document="FORMAT.md",
    section="Clienten",
    quote="Without this sheet a client holds the product from their first to their last `Begeleiding` record in the period, and the report says so.",
)
NO_CLIENTS_SHEET_NOTE = (
    "Geen Clienten-blad: een cliënt telt voor de uren per cliënt van de eerste tot de laatste "
    "Begeleiding-regel van het product in de periode."
)


def check(norm: ClientHoursNorm, norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    days = active_days(roster, location_id, norm.products)
    if not days:
        return []
    measure = norm.params.measure
    if roster.support is None and measure is not M.ON_SITE_HOURS_PER_CLIENT_DAY:
        # OUTPUT.md: data the check needed and did not have is an `input` finding
        # (no Context: its rows and weeks are not needed, on a thousand locations)
        p = norm.params
        return [finding(
            norm, norm_set, location_id,
            check=CheckKind.INPUT,
            severity=Severity.WARNING,
            start=roster.period.start,
            end=roster.period.end,
            product=first_active_product(roster, location_id, norm.products),
            measured=None,
            required=p.min if p.min is not None else p.max,
            message=f"{norm.title}: {CANNOT_VERIFY}.",
        )]
    ctx = Context(norm, norm_set, roster, location_id, days)
    if measure is M.ON_SITE_HOURS_PER_CLIENT_DAY:
        return _days.on_site(ctx)
    if measure is M.DAGDEEL_HOURS:
        return _days.dagdeel(ctx)
    if measure is M.DIGITAL_HOURS_PER_DAY:
        return _days.digital(ctx)
    if measure in SHARE_MEASURES:
        return _shares.check(ctx)
    return _weekly.check(ctx)


def unrecorded_clients(norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    """Without a ``Clienten`` sheet, clients counted on ``Producten`` who have no
    ``Begeleiding`` row at all hold no span and are not judged; where a product of a
    per-client minimum (hours or contacts per week) is delivered at the location and
    ``Producten`` counts more clients on some day than ``Begeleiding`` names in the
    period, the report says so (one ``input`` warning per product)."""
    if roster.clients is not None or roster.support is None:
        return []
    products: list[str] = []
    for n in norm_set.norms:
        if n.check == "client_hours" and n.params.measure in WEEKLY_MEASURES and n.params.min:
            products.extend(p for p in n.products if p not in products)
    out = []
    for product in products:
        days = active_days(roster, location_id, [product])
        if not days:
            continue
        # Clients named by the product's rows (as written, asked once per distinct text)
        # between its first and last day.
        table, first = location_rows(roster, location_id), period_days(roster)[0].toordinal()
        is_product = np.array([_is(norm_set, t, product) for t in table.texts], dtype=bool)
        in_days = (table.day >= days[0].toordinal() - first) & (table.day <= days[-1].toordinal() - first)
        seen = len(sorted_unique(table.client[in_days & is_product[table.text]]))
        # No day counts more clients than all the product's Producten rows together:
        # the count per day is needed only below that.
        if seen >= sum(a.clients for a in assignments(roster, location_id, [product])):
            continue
        expected = max(clients_on(roster, location_id, [product], d) for d in days)
        if seen >= expected:
            continue
        out.append(Finding(
            check=CheckKind.INPUT, severity=Severity.WARNING, norm="clients-without-records", norm_set=norm_set.id,
            product=product, location=location_id, start=midnight(days[0]), end=midnight(days[-1]) + timedelta(days=1),
            measured=seen, required=expected, unit="clients",
            message=(
                f"Het Producten-blad telt {expected} cliënten met {product}, het Begeleiding-blad noemt er "
                f"{seen} in de periode. {NO_CLIENTS_SHEET_NOTE} Cliënten zonder enige regel zijn dus niet "
                f"getoetst; een Clienten-blad zegt wie het product wanneer heeft."
            ),
            source=NO_CLIENTS_SHEET,
        ))
    return out


def _is(norm_set: NormSet, text: str, product: str) -> bool:
    found = norm_set.product(text)
    return (found.id if found else text).lower() == product.lower()


__all__ = ["CANNOT_VERIFY", "DEFAULT_KINDS", "NO_CLIENTS_SHEET_NOTE", "UNITS", "check", "unrecorded_clients"]
