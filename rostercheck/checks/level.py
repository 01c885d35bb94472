"""Level (deskundigheid): every working hour by a professional of at least a level.

What it checks
    Every working hour (``aanwezig``, ``waakdienst``, ``ambulant``) at the location
    that falls under the norm — a shift labelled with one of the norm's products, or
    an unlabelled shift starting on a day one of them is delivered there — is worked
    by an employee of at least ``min_level``, care-relevant when ``care_relevant``
    (000 fn. 7: only professionals count), and with at least ``min_experience_years``
    when set (002, 02B05: "minimaal 3 jaar ervaring met de doelgroep").

Why
    "De overige inzet is minimaal mbo-4": one hour by an MBO-3 or a non-care-relevant
    colleague already breaks it.

Findings
    Per employee (``employee``), one per maximal contiguous window of their working
    shifts at the location (overlapping or touching shifts join); ``measured`` the
    hours in the window, ``required`` 0, unit ``hours``, ``shift_refs`` the shifts.
    An employee whose experience the norm needs but the staff list does not give:
    one ``input`` warning "cannot verify" per employee and location (``measured``
    null, ``required`` the years, unit ``years``), from their first to their last shift.
"""

from __future__ import annotations

from rostercheck.checks._common import (
    active_days,
    first_active_product,
    LocShift,
    describe_employee,
    nl_hours,
    nl_number,
    nl_span,
    shifts_at,
    staff_word,
    unverifiable,
)
from rostercheck.findings import CheckKind, Finding
from rostercheck.model import Employee, Role, Roster, elapsed_hours
from rostercheck.normsets.schema import LevelNorm, LevelParams, NormSet


def in_scope(roster: Roster, location_id: str, products: tuple[str, ...]) -> list[LocShift]:
    """Working shifts at the location that fall under a norm of these products."""
    days = set(active_days(roster, location_id, products))
    wanted = {p.lower() for p in products}
    out = []
    for ls in shifts_at(roster, location_id):
        if not ls.shift.kind.working_time:
            continue
        if ls.shift.product is not None:
            if ls.shift.product.lower() in wanted:
                out.append(ls)
        elif ls.start.date() in days:
            out.append(ls)
    return out


def shortfall(params: LevelParams, emp: Employee) -> list[str]:
    """Why this employee's hours break the norm ([] when they do not, or cannot be told)."""
    why = []
    if params.care_relevant and not emp.care_relevant:
        why.append("niet zorgrelevant")
    if not emp.level.at_least(params.min_level):
        why.append(f"niveau {emp.level.value}")
    if params.min_experience_years is not None and emp.experience_years is not None:
        if emp.experience_years < params.min_experience_years:
            why.append(f"{nl_number(emp.experience_years)} jaar ervaring")
    return why


def _required_nl(params: LevelParams) -> str:
    out = staff_word(params.care_relevant, params.min_level)
    if params.min_experience_years is not None:
        out += f" met minimaal {nl_number(params.min_experience_years)} jaar ervaring"
    return out


def check(norm: LevelNorm, norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    params = norm.params
    per_employee: dict[str, list[LocShift]] = {}
    for ls in in_scope(roster, location_id, norm.products):
        per_employee.setdefault(ls.shift.employee, []).append(ls)
    findings = []
    for emp_id in sorted(per_employee):
        shifts = sorted(per_employee[emp_id], key=lambda ls: (ls.start, ls.end))
        emp = roster.employee_by_id.get(emp_id)
        base = dict(
            check=CheckKind.LEVEL, norm=norm.id, norm_set=norm_set.id, location=location_id,
            employee=emp_id, source=norm.source,
        )
        if emp is None or (params.min_experience_years is not None and emp.experience_years is None and not shortfall(params, emp)):
            hours = sum(elapsed_hours(ls.start, ls.end) for ls in shifts)
            missing = "staat niet in de personeelslijst" if emp is None else "heeft geen ervaring_jaren in de personeelslijst"
            findings.append(Finding(
                **base | {"check": CheckKind.INPUT}, severity=unverifiable(norm.severity),
                product=_product(roster, location_id, norm.products, shifts[0]),
                start=shifts[0].start, end=max(ls.end for ls in shifts),
                # experience unknown: nothing measured; required the norm's minimum
                measured=None if emp is not None else round(hours, 4),
                required=params.min_experience_years if emp is not None else None,
                unit="years" if emp is not None else "hours",
                message=(
                    f"Niet te controleren: {emp_id} {missing}; de norm vraagt {_required_nl(params)} "
                    f"({nl_hours(hours)} uur op {location_id})."
                ),
                shift_refs=tuple(ls.index for ls in shifts),
            ))
            continue
        why = shortfall(params, emp)
        if not why:
            continue
        windows: list[list[LocShift]] = []
        for ls in shifts:
            if windows and ls.start <= max(x.end for x in windows[-1]):
                windows[-1].append(ls)
            else:
                windows.append([ls])
        for group in windows:
            start, end = group[0].start, max(ls.end for ls in group)
            hours = elapsed_hours(start, end)
            findings.append(Finding(
                **base, severity=norm.severity,
                product=_product(roster, location_id, norm.products, group[0]),
                start=start, end=end, measured=round(hours, 4), required=0, unit="hours",
                message=(
                    f"{emp_id} ({_who(emp)}) werkte {nl_span(start, end)} ({nl_hours(hours)} uur) "
                    f"op {location_id}: {', '.join(why)}; vereist: {_required_nl(params)}."
                ),
                shift_refs=tuple(ls.index for ls in group),
            ))
    return findings


def _who(emp: Employee) -> str:
    """'MBO-3, ervaringsdeskundige': revision 2 reading 9 — an ervaringsdeskundige's
    hours are inzet like anyone's and the level norm applies (000 asks to work with
    them "zoveel mogelijk" *and* "De overige inzet vindt plaats door een mbo-niveau 4
    of hoger geschoolde professional"); naming the role lets a contract manager weigh it."""
    out = describe_employee(emp)
    if Role.PEER_EXPERT in emp.roles:
        out += ", ervaringsdeskundige"
    return out


def _product(roster: Roster, location_id: str, products: tuple[str, ...], ls: LocShift) -> str | None:
    if ls.shift.product is not None:
        for p in products:
            if p.lower() == ls.shift.product.lower():
                return p
    return first_active_product(roster, location_id, products, ls.start.date())
