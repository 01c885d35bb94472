"""Build rosters from a compact spec, for tests, norm-case fixtures and benchmarks.

A spec is plain data (a dict, e.g. from YAML)::

    period: 2026-03-02..2026-03-08          # inclusive dates
    locations: ["L1 tarieven-15n"]           # "<id> <norm set>"
    products: ["L1 15N12 8"]                 # "<location> <product> <clients> [from] [until]"
    employees:                               # "<id> <level> [flags]"; flags: nz (not care-relevant),
      - "E1 HBO regisseur"                   #   roles, exp=5, hours=32
      - "E2 MBO-4 nz"
    shifts:                                  # "<emp> <loc> <date> <HH:MM>-<HH:MM> <kind> [resp=30] [product=15N12]"
      - "E1 L1 2026-03-02 07:00-15:00 aanwezig"
      - "E2 L1 2026-03-02 22:00-07:00 slaapdienst"   # end <= start: next day
    travel: ["E3 L1 40"]                     # optional Reistijden
    support: ["C1 L1 15N12 2026-03-02 1.5 individueel"]   # optional Begeleiding
    clients: ["C1 L1 15N12 2026-03-09 -"]    # optional Clienten: "<client> <loc> <product> [from|-] [until|-]"
    absences:                                # optional verlof/ziek: "<emp> <date> [<HH:MM>-<HH:MM>] verlof|ziek"
      - "E2 2026-03-04 verlof"
      - "E3 2026-03-05 08:00-12:00 ziek"

Employee flags also include ``consent`` (ATB 4.8:2 written consent).

It builds the model directly, not through the reader, so a test of a check does
not depend on the file formats.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from rostercheck.model import (
    Absence,
    AbsenceKind,
    ClientProduct,
    Employee,
    Level,
    Location,
    Period,
    PeriodSource,
    ProductAssignment,
    Role,
    Roster,
    Shift,
    ShiftKind,
    SupportKind,
    SupportRecord,
    TravelTime,
)

_ROLES = {r.value for r in Role}


def _day(text: str) -> date:
    return date.fromisoformat(str(text))


def _clock(day: date, hhmm: str) -> datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=h, minutes=m)


def parse_shift(text: str) -> Shift:
    parts = text.split()
    emp, loc, day_s, span, kind = parts[:5]
    opts = dict(p.split("=", 1) for p in parts[5:])
    day = _day(day_s)
    a, b = span.split("-")
    start, end = _clock(day, a), _clock(day, b)
    if end <= start:
        end += timedelta(days=1)
    return Shift(
        employee=emp,
        location=loc,
        start=start,
        end=end,
        kind=ShiftKind(kind),
        response_min=int(opts["resp"]) if "resp" in opts else None,
        product=opts.get("product"),
    )


def parse_employee(text: str) -> Employee:
    parts = text.split()
    emp_id, level, flags = parts[0], Level(parts[1]), parts[2:]
    roles, care, exp, hours, consent = set(), True, None, None, False
    for f in flags:
        if f == "nz":
            care = False
        elif f == "consent":
            consent = True
        elif f in _ROLES:
            roles.add(Role(f))
        elif f.startswith("exp="):
            exp = float(f[4:])
        elif f.startswith("hours="):
            hours = float(f[6:])
        else:
            raise ValueError(f"unknown employee flag {f!r} in {text!r}")
    return Employee(
        id=emp_id, level=level, care_relevant=care, roles=frozenset(roles), experience_years=exp, contract_hours=hours,
        presence_shift_consent=consent,
    )


def _optional_day(text: str | None) -> date | None:
    return None if text in (None, "-") else _day(text)


def parse_absence(text: str) -> Absence:
    parts = text.split()
    emp, day = parts[0], _day(parts[1])
    if len(parts) == 4:
        a, b = parts[2].split("-")
        start, end = _clock(day, a), _clock(day, b)
        if end <= start:
            end += timedelta(days=1)
        whole = False
    else:
        start, end, whole = _clock(day, "00:00"), _clock(day, "00:00") + timedelta(days=1), True
    return Absence(employee=emp, start=start, end=end, kind=AbsenceKind(parts[-1]), whole_day=whole)


def parse_client(text: str) -> ClientProduct:
    parts = text.split() + ["-", "-"]
    return ClientProduct(
        client=parts[0], location=parts[1], product=parts[2],
        valid_from=_optional_day(parts[3]), valid_until=_optional_day(parts[4]),
    )


def roster_from_spec(spec: dict[str, Any], name: str = "spec") -> Roster:
    locations = []
    for item in spec["locations"]:
        loc_id, norm_set = item.split()
        locations.append(Location(id=loc_id, norm_set=norm_set))
    products = []
    for item in spec.get("products", []):
        parts = item.split()
        products.append(
            ProductAssignment(
                location=parts[0],
                product=parts[1],
                clients=int(parts[2]),
                valid_from=_day(parts[3]) if len(parts) > 3 and parts[3] != "-" else None,
                valid_until=_day(parts[4]) if len(parts) > 4 else None,
            )
        )
    employees = [parse_employee(e) for e in spec.get("employees", [])]
    shifts = [parse_shift(s) for s in spec.get("shifts", [])]
    travel = []
    for item in spec.get("travel", []):
        emp, loc, minutes = item.split()
        travel.append(TravelTime(employee=emp, location=loc, minutes=int(minutes)))
    support = None
    if "support" in spec:
        support = []
        for item in spec["support"]:
            client, loc, product, day_s, hours, kind = item.split()[:6]
            support.append(
                SupportRecord(
                    client=client, location=loc, product=product, day=_day(day_s), hours=float(hours), kind=SupportKind(kind)
                )
            )
    if "period" in spec:
        first, _, last = str(spec["period"]).partition("..")
        period = Period.from_dates(_day(first), _day(last))
    else:
        period = Period(
            start=min(s.start for s in shifts), end=max(s.end for s in shifts), source=PeriodSource.DERIVED
        )
    return Roster(
        source_name=name,
        period=period,
        locations=tuple(locations),
        products=tuple(products),
        employees=tuple(employees),
        shifts=tuple(shifts),
        travel_times=tuple(travel),
        support=tuple(support) if support is not None else None,
        absences=tuple(parse_absence(a) for a in spec.get("absences", [])),
        clients=tuple(parse_client(c) for c in spec["clients"]) if "clients" in spec else None,
    )
