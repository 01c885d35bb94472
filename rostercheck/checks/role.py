"""Role (rol): a role such as regisseur is filled in the period.

What it checks
    At least ``min_count`` employees hold ``role`` with a level of at least
    ``min_level``; with ``rostered`` (the default: "zichtbaar in het rooster", 004)
    each of them has a shift of any kind at the location in the period, else being
    on the staff list is enough (e.g. a behavioural scientist available for
    consultation).

Why
    000 1.5: "De regisseur is altijd een hbo-professional"; 004: "minimaal één
    hbo-professional die de regie voert, zichtbaar in het rooster".

Findings
    One per location for the whole period when too few qualify: ``measured`` the
    number that do, ``required`` ``min_count``, unit ``staff``. ``details`` name the
    role-holders that did not count and why.
"""

from __future__ import annotations

from rostercheck.checks._common import active_days, first_active_product, shifts_at
from rostercheck.findings import CheckKind, Finding
from rostercheck.model import Roster
from rostercheck.normsets.schema import NormSet, RoleNorm


def check(norm: RoleNorm, norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    params = norm.params
    if not active_days(roster, location_id, norm.products):
        return []
    rostered = {ls.shift.employee for ls in shifts_at(roster, location_id)}
    holders = sorted((e for e in roster.employees if params.role in e.roles), key=lambda e: e.id)
    counted, details = [], []
    for e in holders:
        if params.min_level is not None and not e.level.at_least(params.min_level):
            details.append(f"{e.id} heeft de rol {params.role.value} maar is {e.level.value}")
        elif params.rostered and e.id not in rostered:
            details.append(f"{e.id} heeft de rol {params.role.value} maar staat niet op {location_id} ingeroosterd")
        else:
            counted.append(e.id)
    if len(counted) >= params.min_count:
        return []
    role = params.role.value + (f" (≥ {params.min_level.value})" if params.min_level is not None else "")
    where = f"ingeroosterd op {location_id}" if params.rostered else "in de personeelslijst"
    if params.min_count == 1:
        head = "Geen"
    else:
        head = f"{'Geen' if not counted else f'Slechts {len(counted)}'} van de {params.min_count} vereiste medewerkers met de rol"
    message = f"{head} {role} {where} in de periode."
    if details:
        message += " " + "; ".join(details) + "."
    return [
        Finding(
            check=CheckKind.ROLE,
            severity=norm.severity,
            norm=norm.id,
            norm_set=norm_set.id,
            product=first_active_product(roster, location_id, norm.products),
            location=location_id,
            start=roster.period.start,
            end=roster.period.end,
            measured=len(counted),
            required=params.min_count,
            unit="staff",
            message=message,
            source=norm.source,
            details=tuple(details),
        )
    ]
