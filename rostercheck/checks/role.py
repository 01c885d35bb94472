"""Role (rol): a role such as regisseur is filled in the period, and filled by people
who qualify for it.

What it checks
    1. At least ``min_count`` employees hold ``role`` and qualify for it: a level
       of at least ``min_level`` and, with ``care_relevant`` (the text says
       "professional" or "richting Zorg en Welzijn"), a care-relevant education.
       With ``rostered`` (the default: "zichtbaar in het rooster", 004) each of them
       has a shift of any kind at the location in the period, else being on the
       staff list is enough (e.g. a behavioural scientist available for
       consultation).
    2. Revision 2 reading 3, "every role holder must qualify": each employee with
       a shift at the location in the period who holds the role must qualify
       (000: "De regisseur is altijd een professional op hbo-niveau" — always, not
       "at least one of them"). An MBO-4 regisseur next to an HBO one is still a
       regisseur who is not HBO.

Why
    000 1.5: "De regisseur is altijd een professional op hbo-niveau"; 004:
    "minimaal één professional met een afgeronde opleiding op hbo-niveau richting
    Zorg en Welzijn die de regie voert ... aantoonbaar ... middels het dienstrooster".

Findings
    1. One per location for the whole period when too few qualify: ``measured``
       the number that do, ``required`` ``min_count``, unit ``staff``. ``details``
       name the role holders that did not count and why.
    2. One per non-qualifying holder rostered at the location, with ``employee``,
       for the whole period, severity the norm's: ``measured`` null, ``required``
       null, unit ``staff``; the message says what the person is and what the role
       needs ("E4 heeft de rol regisseur maar is MBO-4; de regisseur moet minimaal
       HBO zijn").
"""

from __future__ import annotations

from rostercheck.checks._common import active_days, first_active_product, shifts_at
from rostercheck.findings import CheckKind, Finding
from rostercheck.model import Employee, Roster
from rostercheck.normsets.schema import NormSet, RoleNorm, RoleParams


def shortfall(params: RoleParams, employee: Employee) -> list[str]:
    """Why this holder does not qualify for the role ([] when they do)."""
    why = []
    if params.min_level is not None and not employee.level.at_least(params.min_level):
        why.append(employee.level.value)
    if params.care_relevant and not employee.care_relevant:
        why.append("niet zorgrelevant opgeleid")
    return why


def _needs(params: RoleParams) -> str:
    parts = []
    if params.min_level is not None:
        parts.append(f"minimaal {params.min_level.value}")
    if params.care_relevant:
        parts.append("zorgrelevant opgeleid")
    return " en ".join(parts)


def check(norm: RoleNorm, norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    params = norm.params
    if not active_days(roster, location_id, norm.products):
        return []
    rostered = {ls.shift.employee for ls in shifts_at(roster, location_id)}
    holders = sorted((e for e in roster.employees if params.role in e.roles), key=lambda e: e.id)
    product = first_active_product(roster, location_id, norm.products)
    base = dict(
        check=CheckKind.ROLE, severity=norm.severity, norm=norm.id, norm_set=norm_set.id, product=product,
        location=location_id, start=roster.period.start, end=roster.period.end, source=norm.source,
    )
    role = params.role.value
    counted, details, per_holder = [], [], []
    for e in holders:
        why = shortfall(params, e)
        if why:
            details.append(f"{e.id} heeft de rol {role} maar is {', '.join(why)}")
            if e.id in rostered:
                per_holder.append(Finding(
                    **base, employee=e.id, measured=None, required=None, unit="staff",
                    message=(
                        f"{e.id} heeft de rol {role} en staat op {location_id} ingeroosterd, maar is "
                        f"{', '.join(why)}; de {role} moet {_needs(params)} zijn."
                    ),
                ))
        elif params.rostered and e.id not in rostered:
            details.append(f"{e.id} heeft de rol {role} maar staat niet op {location_id} ingeroosterd")
        else:
            counted.append(e.id)
    findings = per_holder
    if len(counted) < params.min_count:
        needs = ([f"≥ {params.min_level.value}"] if params.min_level is not None else []) + (
            ["zorgrelevant"] if params.care_relevant else [])
        label = role + (f" ({', '.join(needs)})" if needs else "")
        where = f"ingeroosterd op {location_id}" if params.rostered else "in de personeelslijst"
        if params.min_count == 1:
            head = "Geen"
        else:
            head = f"{'Geen' if not counted else f'Slechts {len(counted)}'} van de {params.min_count} vereiste medewerkers met de rol"
        message = f"{head} {label} {where} in de periode."
        if details:
            message += " " + "; ".join(details) + "."
        findings.insert(0, Finding(
            **base, measured=len(counted), required=params.min_count, unit="staff", message=message,
            details=tuple(details),
        ))
    return findings
