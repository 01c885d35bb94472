"""What-if scenarios: compliance and the cheapest fix under a changed situation.

A scenario is a small YAML file. Either a list under ``changes:`` or the same
keys at the top level (a key may hold one change or a list of them), applied in
this order::

    changes:
      - leave: {employee: E3, from: 2026-03-10}           # shifts from that day on are gone; no new work
      - level: {employee: E5, to: HBO}                     # new level (for the whole period; `from` is noted)
      - product: {location: L1, from: 15N12, to: 15N13}    # clients move to another product
      - clients: {location: L1, product: 15N13, count: 10} # number of clients on a product
      - remove_shifts: {employee: E2, from: 2026-03-05, until: 2026-03-07}   # also location:, or no employee
      - norm_set: {location: L1, to: tarieven-15n}         # another norm set for a location
    staffing: {location: L1, month: 2026-03}               # optional: budget from scratch (below)
    fix: true                                              # default: also compute the cheapest fix

The output (text or json) shows compliance before and after (findings per check
kind) and the cheapest fix under the scenario. Exit code: 0 when the scenario
roster is compliant after the fix, 1 when not, 2 when the scenario is invalid.

**Staffing mode** (``staffing:``): the location's shifts are set aside and a pool
of vacancies per level (``VAC-<level>-<n>``) is rostered from scratch by the
fixer: the minimum paid hours per level, and one rotation of shifts, that meet
every norm of the location in that month — for a manager's budget.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from rostercheck import wording
from rostercheck.checker import CheckOptions, check_roster
from rostercheck.findings import Report, iso_minute
from rostercheck.model import Employee, Level, Period, Roster, TravelTime
from rostercheck.normsets import Catalogue

CHANGE_KEYS = ("leave", "level", "product", "clients", "remove_shifts", "norm_set")
VACANCY_TRAVEL_MIN = 10
STAFFING_POOL = 7  # vacancies per level: enough for 24/7 under 11 h rest and weekly caps


class ScenarioError(ValueError):
    pass


@dataclass
class Scenario:
    changes: list[tuple[str, dict]] = field(default_factory=list)
    staffing: dict | None = None
    fix: bool = True


def _date(v: Any, what: str) -> date:
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        raise ScenarioError(f"{what}: expected a date YYYY-MM-DD, got {v!r}") from None


def load_scenario(path: Path) -> Scenario:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ScenarioError(f"{path}: cannot read the scenario: {exc}") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: a scenario is a mapping (changes:, staffing:, fix:)")
    sc = Scenario(fix=bool(data.get("fix", True)), staffing=data.get("staffing"))
    items: list = list(data.get("changes") or [])
    for key in CHANGE_KEYS:
        if key in data:
            vals = data[key] if isinstance(data[key], list) else [data[key]]
            items += [{key: v} for v in vals]
    unknown = set(data) - {"changes", "staffing", "fix", "name", "description", *CHANGE_KEYS}
    if unknown:
        raise ScenarioError(f"{path}: unknown key(s) {sorted(unknown)}; known: changes, staffing, fix, {', '.join(CHANGE_KEYS)}")
    for i, item in enumerate(items):
        if not isinstance(item, dict) or len(item) != 1:
            raise ScenarioError(f"{path}: changes[{i}]: one of {', '.join(CHANGE_KEYS)} with its fields")
        (key, body), = item.items()
        if key not in CHANGE_KEYS or not isinstance(body, dict):
            raise ScenarioError(f"{path}: changes[{i}]: unknown change {key!r}; known: {', '.join(CHANGE_KEYS)}")
        sc.changes.append((key, body))
    if sc.staffing is not None and not (isinstance(sc.staffing, dict) and {"location", "month"} <= set(sc.staffing)):
        raise ScenarioError(f"{path}: staffing needs location and month (YYYY-MM)")
    return sc


def _need(body: dict, key: str, where: str) -> Any:
    if key not in body:
        raise ScenarioError(f"{where}: missing {key!r}")
    return body[key]


def validate_scenario(roster: Roster, sc: Scenario, catalogue: Catalogue) -> list[str]:
    """Every entry naming an employee, location, product or norm set the roster does not know:
    all of them at once (issue 13 item 7), never one per run, never silently ignored."""
    emp_ids = {e.id for e in roster.employees}
    locs = {loc.id: loc for loc in roster.locations}
    problems: list[str] = []

    def known_products(loc_id: str, norm_set_id: str | None = None) -> set[str]:
        loc = locs.get(loc_id)
        ns = catalogue.get(norm_set_id or (loc.norm_set if loc else ""))
        out: set[str] = set()
        for p in getattr(ns, "products", ()) or ():
            out |= {p.id.lower(), *(a.lower() for a in p.aliases)}
        return out

    norm_set_of = {loc.id: loc.norm_set for loc in roster.locations}
    for i, (key, body) in enumerate(sc.changes):
        where = f"changes[{i}] ({key})"
        e, loc = body.get("employee"), body.get("location")
        if e is not None and str(e) not in emp_ids:
            problems.append(f"{where}: onbekende medewerker {e!r}")
        if loc is not None and str(loc) not in locs:
            problems.append(f"{where}: onbekende locatie {loc!r}")
            continue
        if key == "product":
            have = {p.product.lower() for p in roster.products if p.location == loc}
            if str(body.get("from", "")).lower() not in have:
                problems.append(f"{where}: locatie {loc!r} levert geen product {body.get('from')!r}")
            if str(body.get("to", "")).lower() not in known_products(loc, norm_set_of.get(loc)):
                problems.append(f"{where}: onbekend product {body.get('to')!r} in normenkader {norm_set_of.get(loc)!r}")
        elif key == "clients":
            if str(body.get("product", "")).lower() not in known_products(loc, norm_set_of.get(loc)):
                problems.append(f"{where}: onbekend product {body.get('product')!r} in normenkader {norm_set_of.get(loc)!r}")
        elif key == "norm_set":
            if catalogue.get(str(body.get("to"))) is None:
                problems.append(f"{where}: onbekend normenkader {body.get('to')!r}")
            elif loc is not None:
                norm_set_of[loc] = catalogue.get(str(body.get("to"))).id
    if sc.staffing is not None and str(sc.staffing.get("location")) not in locs:
        problems.append(f"staffing: onbekende locatie {sc.staffing.get('location')!r}")
    return problems


def apply_scenario(roster: Roster, sc: Scenario, catalogue: Catalogue) -> tuple[Roster, dict[str, date], list[str]]:
    """The roster under the scenario, employees away from a date, and notes for the reader."""
    shifts, products = list(roster.shifts), list(roster.products)
    employees, locations = list(roster.employees), list(roster.locations)
    away: dict[str, date] = {}
    notes: list[str] = []
    emp_ids = {e.id for e in employees}
    loc_ids = {loc.id for loc in locations}
    for key, body in sc.changes:
        where = f"{key}"
        if key == "leave":
            e, first = _need(body, "employee", where), _date(_need(body, "from", where), where)
            if e not in emp_ids:
                raise ScenarioError(f"{where}: unknown employee {e!r}")
            shifts = [s for s in shifts if not (s.employee == e and s.start.date() >= first)]
            away[e] = first
            notes.append(f"{e} vertrekt per {first}: diensten vanaf die dag vervallen.")
        elif key == "level":
            e, to = _need(body, "employee", where), _need(body, "to", where)
            try:
                level = Level(str(to).upper() if str(to).upper() in ("HBO", "WO") else str(to))
            except ValueError:
                raise ScenarioError(f"{where}: unknown level {to!r}") from None
            if e not in emp_ids:
                raise ScenarioError(f"{where}: unknown employee {e!r}")
            employees = [x.model_copy(update={"level": level}) if x.id == e else x for x in employees]
            if "from" in body:
                notes.append(f"Niveau van {e} wordt {level.value} (vanaf {body['from']}; gerekend voor de hele periode).")
            else:
                notes.append(f"Niveau van {e} wordt {level.value}.")
        elif key == "product":
            loc, old, new = _need(body, "location", where), _need(body, "from", where), _need(body, "to", where)
            hits = [p for p in products if p.location == loc and p.product.lower() == str(old).lower()]
            if not hits:
                raise ScenarioError(f"{where}: no product {old!r} at {loc!r}")
            products = [p.model_copy(update={"product": str(new)}) if p in hits else p for p in products]
            notes.append(f"Cliënten op {loc} gaan van {old} naar {new}.")
        elif key == "clients":
            loc, prod, count = _need(body, "location", where), _need(body, "product", where), int(_need(body, "count", where))
            hits = [p for p in products if p.location == loc and p.product.lower() == str(prod).lower()]
            if hits:
                products = [p.model_copy(update={"clients": count}) if p in hits else p for p in products]
            else:
                from rostercheck.model import ProductAssignment

                products.append(ProductAssignment(location=loc, product=str(prod), clients=count))
            notes.append(f"Aantal cliënten {prod} op {loc}: {count}.")
        elif key == "remove_shifts":
            e, loc = body.get("employee"), body.get("location")
            first = _date(body["from"], where) if "from" in body else date.min
            last = _date(body["until"], where) if "until" in body else date.max
            kept = [s for s in shifts if not ((e is None or s.employee == e) and (loc is None or s.location == loc)
                                             and first <= s.start.date() <= last)]
            who = " van " + str(e) if e is not None else ""
            at = " op " + str(loc) if loc is not None else ""
            span = (f" van {body['from']}" if "from" in body else "") + (f" tot en met {body['until']}" if "until" in body else "")
            notes.append(f"{len(shifts) - len(kept)} dienst(en){who}{at}{span} vervallen.")
            shifts = kept
        elif key == "norm_set":
            loc, to = _need(body, "location", where), _need(body, "to", where)
            if loc not in loc_ids:
                raise ScenarioError(f"{where}: unknown location {loc!r}")
            if catalogue.get(str(to)) is None:
                raise ScenarioError(f"{where}: unknown norm set {to!r}")
            locations = [x.model_copy(update={"norm_set": catalogue.get(str(to)).id}) if x.id == loc else x for x in locations]
            notes.append(f"{loc} valt voortaan onder normenkader {catalogue.get(str(to)).id}.")
    fields = {k: getattr(roster, k) for k in type(roster).model_fields}
    fields.update(shifts=tuple(shifts), products=tuple(products), employees=tuple(employees), locations=tuple(locations))
    return type(roster)(**fields), away, notes


def counts_by_kind(report: Report | None) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for f in report.findings if report else []:
        out.setdefault(f.check.value, Counter())[f.severity.value] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(out.items())}


def staffing_roster(roster: Roster, catalogue: Catalogue, location: str, month: str) -> tuple[Roster, tuple[str, ...]]:
    """The location alone, without shifts, for one month, with a pool of vacancies per level."""
    try:
        first = datetime.strptime(str(month), "%Y-%m").date()
    except ValueError:
        raise ScenarioError(f"staffing: month must be YYYY-MM, got {month!r}") from None
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    loc = roster.location_by_id.get(location)
    if loc is None:
        raise ScenarioError(f"staffing: unknown location {location!r}")
    norm_set = catalogue.get(loc.norm_set)
    levels = {Level.MBO4}
    for n in norm_set.norms if norm_set else ():
        lvl = getattr(n.params, "min_level", None)
        if isinstance(lvl, Level) and lvl is not Level.MBO2:
            levels.add(lvl)
    pool = [Employee(id=f"VAC-{lvl.value}-{i}", level=lvl, contract_hours=36, name="vacature")
            for lvl in sorted(levels, key=lambda x: x.rank) for i in range(1, STAFFING_POOL + 1)]
    roles = set()
    for n in norm_set.norms if norm_set else ():
        if n.check == "role":
            roles.add((n.params.role, n.params.min_level or Level.MBO4))
    for i, (role, lvl) in enumerate(sorted(roles, key=lambda r: r[0].value)):
        pool.append(Employee(id=f"VAC-{role.value}-{i + 1}", level=lvl, roles=frozenset({role}), contract_hours=36, name="vacature"))
    fields = {k: getattr(roster, k) for k in type(roster).model_fields}
    fields.update(
        period=Period.from_dates(first, last),
        locations=(loc,),
        products=tuple(p for p in roster.products if p.location == location),
        employees=tuple(pool),
        shifts=(),
        # Vacancies are assumed to live near the location (for on-call shifts).
        travel_times=tuple(TravelTime(employee=e.id, location=location, minutes=VACANCY_TRAVEL_MIN) for e in pool),
        support=None,
    )
    return type(roster)(**fields), tuple(e.id for e in pool)


def run_whatif(roster_path: Path, scenario_path: Path, catalogue: Catalogue, *, time_limit: float = 30.0,
               fmt: str = "text", out=None) -> int:
    from rostercheck.fix import FixOptions, fix_roster
    from rostercheck.fix.output import describe_change
    from rostercheck.workbook import read_roster

    out = out or sys.stdout
    try:
        sc = load_scenario(Path(scenario_path))
    except ScenarioError as exc:
        print(f"Scenario ongeldig: {exc}", file=sys.stderr)
        return 2
    roster = read_roster(Path(roster_path), catalogue=catalogue)
    problems = validate_scenario(roster, sc, catalogue)
    if problems:
        print("Scenario ongeldig:", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 2
    options = CheckOptions()
    before = check_roster(roster, catalogue, options)
    try:
        changed, away, notes = apply_scenario(roster, sc, catalogue)
    except ScenarioError as exc:
        print(f"Scenario ongeldig: {exc}", file=sys.stderr)
        return 2
    after = check_roster(changed, catalogue, options)
    doc: dict[str, Any] = {
        "format": "rostercheck-whatif/1",
        "roster": roster.source_name,
        "scenario": Path(scenario_path).name,
        "notes": notes,
        "before": {"compliant": before.compliant, "summary": before.counts(), "by_check": counts_by_kind(before)},
        "after": {"compliant": after.compliant, "summary": after.counts(), "by_check": counts_by_kind(after)},
    }
    code = 0 if after.compliant else 1
    fix_time = time_limit if sc.staffing is None or not sc.fix else time_limit / 2
    if sc.fix:
        result = fix_roster(changed, catalogue, FixOptions(time_limit=fix_time, unavailable_from=away))
        doc["fix"] = _fix_doc(result, describe_change)
        code = 0 if result.compliant else 1
    if sc.staffing is not None:
        try:
            base, pool = staffing_roster(changed, catalogue, sc.staffing["location"], sc.staffing["month"])
        except ScenarioError as exc:
            print(f"Scenario ongeldig: {exc}", file=sys.stderr)
            return 2
        # A budget covers what every norm asks, warnings included (a manager budgets for
        # the recommended staffing too); the output says so.
        result = fix_roster(base, catalogue, FixOptions(time_limit=time_limit - (fix_time if sc.fix else 0),
                                                        labour_law=True, include_warnings=True,
                                                        extra_location_staff={sc.staffing["location"]: pool}))
        doc["staffing"] = _staffing_doc(result, sc.staffing)
        if not result.compliant:
            code = 1
    if fmt == "json":
        out.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        out.write(_text(doc))
    return code


def _fix_doc(result, describe) -> dict:
    return {
        "compliant": result.compliant,
        "changes": len(result.changes),
        "added_hours": result.added_hours,
        "proven_optimal": result.proven_optimal,
        "gap": None if result.gap == float("inf") else round(result.gap, 4),
        "list": [describe(c, result.norm_titles) for c in result.changes],
        "objective": result.objective_name,
        "unfixable": [{"norm": u.norm, "location": u.location, "start": iso_minute(u.start), "end": iso_minute(u.end),
                       "message": u.message} for u in result.unfixable],
        "after_fix": counts_by_kind(result.report),
    }


def _staffing_doc(result, staffing: dict) -> dict:
    emp = result.fixed_roster.employee_by_id
    hours: Counter = Counter()
    rotation = []
    for s in sorted(result.fixed_roster.shifts, key=lambda s: (s.start, s.employee)):
        hours[emp[s.employee].level.value + ("" if s.kind.working_time or s.kind.value == "slaapdienst" else f" ({s.kind.value})")] += s.hours
        rotation.append({"employee": s.employee, "start": iso_minute(s.start), "end": iso_minute(s.end), "kind": s.kind.value})
    return {
        "location": staffing["location"],
        "month": str(staffing["month"]),
        "compliant": result.compliant,
        "proven_optimal": result.proven_optimal,
        "gap": None if result.gap == float("inf") else round(result.gap, 4),
        "hours_per_level": {k: round(v, 2) for k, v in sorted(hours.items())},
        "total_hours": round(sum(hours.values()), 2),
        "shifts": len(rotation),
        "rotation": rotation,
        "unfixable": [u.message for u in result.unfixable],
        "includes_warnings": True,
    }


def _counts_line(by_check: dict) -> str:
    if not by_check:
        return "geen bevindingen"
    return ", ".join(f"{k}: " + "/".join(f"{n} {s}" for s, n in v.items()) for k, v in by_check.items())


def _text(doc: dict) -> str:
    lines = [f"Scenario {doc['scenario']} op {doc['roster']}"]
    lines += [f"  {n}" for n in doc["notes"]]
    for key, label in (("before", "Voor"), ("after", "Na scenario")):
        d = doc[key]
        lines.append(f"{label}: {'voldoet' if d['compliant'] else 'voldoet niet'} — {_counts_line(d['by_check'])}")
    if "fix" in doc:
        f = doc["fix"]
        opt = "bewezen optimaal" if f["proven_optimal"] else f"niet bewezen optimaal (gap {f['gap']})"
        lines.append(f"  Doel: {f['objective']}")
        lines.append(f"Goedkoopste oplossing: {f['changes']} wijziging(en), {wording.hours(f['added_hours'])} extra, {opt}; "
                     f"{'voldoet' if f['compliant'] else 'voldoet niet'}")
        lines += [f"  - {c}" for c in f["list"]]
        lines += [f"  niet op te lossen: {u['norm']}: {u['message']}" for u in f["unfixable"]]
    if "staffing" in doc:
        s = doc["staffing"]
        lines.append(f"Bezetting vanaf nul voor {s['location']} in {s['month']}: {wording.hours(s['total_hours'])} in "
                     f"{s['shifts']} diensten ({'bewezen optimaal' if s['proven_optimal'] else 'gap ' + str(s['gap'])}); "
                     "begroot op alle normen, ook die met ernst 'waarschuwing'")
        lines += [f"  {lvl}: {wording.hours(h)}" for lvl, h in s["hours_per_level"].items()]
        lines += [f"  niet te halen: {m}" for m in s["unfixable"]]
    return "\n".join(lines) + "\n"
