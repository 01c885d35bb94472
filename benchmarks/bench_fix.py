"""Benchmark of the fixer: the three targets of issue 13, and how a location-month scales.

    python -m benchmarks.bench_fix --issue13       # labour law on: provider-30 (30 s),
                                                   # hgv-60 (30 s), provider-100 (120 s)
    python -m benchmarks.bench_fix --issue13 --command   # and the whole command, workbook in and out
    python -m benchmarks.bench_fix                 # HGV months of 10, 30, 60 staff and 3 locations
    python -m benchmarks.bench_fix --staff 30 --labour-law

``provider_month``: a generated provider month (``benchmarks.generate``, Tarieven 15N
teams in rotation, one planted defect per location) with a flex pool of three (HBO,
MBO-4, MBO-4; 24 h, no shifts yet) shared by each group of five neighbouring locations.

``month_roster``: an Oost-Veluwe "Herstelgericht verblijf" month (HGV: 24/7 on site,
>= 50 % HBO, an HBO regisseur, everyone >= MBO-4), March 2026, fixed early / late / night
teams on a lawful 14-day cycle of nine shifts (36 h a week on average), a flex pool of
two per location. Planted: the nights of three dates and the early shifts of one day
removed, an MBO-3 on four early shifts, and six working-time errors as planners make
them (a double shift, two short rests in a week, eight nights in a row, twelve days on,
an early shift a day after a night series, a week of 64 h).

Each row: errors before and after, seconds of the whole ``fix_roster`` call (check,
candidates, model, solve, verification), parts and how many were proven optimal,
changes and added hours, compliant, proven optimal.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.fix import FixOptions, fix_roster
from rostercheck.normsets import load_catalogue
from rostercheck.testing import roster_from_spec

TYPES = {"E": ("07:00-15:00", "aanwezig"), "L": ("15:00-23:00", "aanwezig"), "N": ("23:00-07:00", "waakdienst")}
# A 14-day cycle of 9 shifts (weeks of 4 and 5: 36 h a week on average), 2 or 3 days off
# in a row: weekly rest of 48 h or more, a series of at most five nights followed by 64 h.
CYCLE = "XXXX---XXXXX--"


def _team(i: int, staff: int) -> str:
    """Early for 40 % of the staff, late and night for 30 % each."""
    share = i / staff
    return "E" if share < 0.4 else "L" if share < 0.7 else "N"


def month_roster(staff: int, locations: int = 1, seed_gaps: bool = True, flex: int = 2, law_errors: bool = True):
    """An HGV location-month a planner could have made: fixed early/late/night teams on a
    lawful 14-day cycle (the Working Hours Act passes without planted errors), half HBO, one
    HBO regisseur, a flex pool of ``flex`` with no shifts yet.

    Planted (``seed_gaps``): the nights of three dates without anyone (24/7 presence), the
    early shifts of one day removed, an MBO-3 on four early shifts (level). With
    ``law_errors`` too, six working-time errors as planners make them, each for its own
    employee (the first six early/late/night people of the location):
    a double shift 07:00-23:00 (ATW 5:8, 12 h a shift), twice late-then-early in one week
    (5:3, one reduced rest per 7x24 h), eight nights in a row (5:8 lid 7), twelve days on
    (5:5 weekly rest), an early shift a day after a night series (5:8 lid 5, 46 h) and a
    week of 64 h (5:7, 60 h a week)."""
    first = date(2026, 3, 1)
    days = [first + timedelta(days=i) for i in range(31)]
    emps, shifts, locs, prods, travel = [], [], [], [], []

    def add(eid, loc, d, team):
        span, kind = TYPES[team]
        shifts.append(f"{eid} {loc} {d.isoformat()} {span} {kind}")

    for li in range(locations):
        loc = f"L{li + 1}"
        locs.append(f"{loc} oost-veluwe-2024")
        # Clients for 1.6 h of presence per client per day (HGV agogic climate 1.3-1.9).
        prods.append(f"{loc} HGV {round(staff * 3.2)}")
        teams: dict[str, list[str]] = {"E": [], "L": [], "N": []}
        for i in range(staff):
            eid = f"{loc}E{i + 1:02d}"
            level = "HBO" if i % 2 == 0 or i == 1 else "MBO-4"  # just over half HBO
            flags = " regisseur" if i == 0 else ""
            emps.append(f"{eid} {level} hours=36{flags}")
            team = _team(i, staff)
            teams[team].append(eid)
            offset = (i * 5) % 14
            for di, d in enumerate(days):
                if CYCLE[(di + offset) % 14] == "X":
                    add(eid, loc, d, team)
            if team == "N" and CYCLE[offset % 14] == "X" and CYCLE[(offset - 1) % 14] == "X":
                add(eid, loc, first - timedelta(days=1), team)  # the night into the period
            travel.append(f"{eid} {loc} 15")
        for i in range(flex):
            emps.append(f"{loc}F{i + 1} {'HBO' if i % 2 == 0 else 'MBO-4'} hours=24")
            travel.append(f"{loc}F{i + 1} {loc} 15")
        if seed_gaps:
            gap_nights = {days[5 + 7 * li].isoformat(), days[12].isoformat(), days[20].isoformat()}
            shifts = [s for s in shifts if not (s.split()[1] == loc and s.split()[2] in gap_nights and "waakdienst" in s)]
            gap_day = days[16 + li].isoformat()
            shifts = [s for s in shifts if not (s.split()[1] == loc and s.split()[2] == gap_day and "07:00-15:00" in s)]
            emps.append(f"{loc}X MBO-3 hours=24")
            for di in (2, 9, 23, 27):
                shifts.append(f"{loc}X {loc} {days[di].isoformat()} 07:00-15:00 aanwezig")
        if law_errors and staff >= 10:
            shifts = _plant_law_errors(shifts, loc, days, teams)
    return roster_from_spec({
        "period": "2026-03-01..2026-03-31",
        "locations": locs, "products": prods, "employees": emps, "shifts": shifts, "travel": travel,
    }, name=f"bench-{staff}x{locations}")


def _plant_law_errors(shifts: list[str], loc: str, days: list[date], teams: dict[str, list[str]]) -> list[str]:
    """Six working-time errors as planners make them, on six different employees."""
    def own(eid):
        return sorted((s for s in shifts if s.split()[0] == eid), key=lambda s: s.split()[2])

    def without(eid, dates):
        return [s for s in shifts if not (s.split()[0] == eid and s.split()[2] in dates)]

    out = list(shifts)
    e_double, e_quick, e_days, e_week = teams["E"][1:5]
    n_series, n_after = teams["N"][1:3]
    # 1. A double shift: an early worker also takes the late shift of a worked day.
    d = own(e_double)[3].split()[2]
    out.append(f"{e_double} {loc} {d} 15:00-23:00 aanwezig")
    # 2. Late then early, twice in one week (days 8-9 and 10-11).
    shifts = out
    out = without(e_quick, {days[k].isoformat() for k in range(8, 12)})
    for k, span in ((8, "15:00-23:00"), (9, "07:00-15:00"), (10, "15:00-23:00"), (11, "07:00-15:00")):
        out.append(f"{e_quick} {loc} {days[k].isoformat()} {span} aanwezig")
    # 3. Eight nights in a row (days 14-21).
    shifts = out
    out = without(n_series, {days[k].isoformat() for k in range(12, 24)})
    out += [f"{n_series} {loc} {days[k].isoformat()} 23:00-07:00 waakdienst" for k in range(14, 22)]
    # 4. Twelve days on (days 1-12), early.
    shifts = out
    out = without(e_days, {days[k].isoformat() for k in range(0, 14)})
    out += [f"{e_days} {loc} {days[k].isoformat()} 07:00-15:00 aanwezig" for k in range(1, 13)]
    # 5. Three nights (days 2-4), then an early shift the day after the last night ends.
    shifts = out
    out = without(n_after, {days[k].isoformat() for k in range(0, 9)})
    out += [f"{n_after} {loc} {days[k].isoformat()} 23:00-07:00 waakdienst" for k in (2, 3, 4)]
    out.append(f"{n_after} {loc} {days[6].isoformat()} 07:00-15:00 aanwezig")
    # 6. A week of 64 h: eight shifts in the ISO week of 23-29 March (one a double).
    shifts = out
    week = [days[k].isoformat() for k in range(22, 29)]
    out = without(e_week, set(week))
    out += [f"{e_week} {loc} {d} 07:00-15:00 aanwezig" for d in week]
    out.append(f"{e_week} {loc} {week[2]} 15:00-23:00 aanwezig")
    return out


def provider_month(locations: int, pool_every: int = 5, pool_size: int = 3, seed: int = 0):
    """A generated provider month (benchmarks.generate: tarieven-15n teams in rotation, one
    planted defect per location) with a flex pool shared by each group of ``pool_every``
    neighbouring locations: ``pool_size`` employees (HBO, MBO-4, MBO-4; 24 h contracts, no
    shifts yet) with a Reistijden row to every location of their group."""
    from benchmarks.generate import generate_roster
    from rostercheck.model import Employee, Level, TravelTime

    r = generate_roster(locations=locations, seed=seed, compliant=False)
    locs = sorted(loc.id for loc in r.locations)
    emps, travel = list(r.employees), list(r.travel_times)
    levels = (Level.HBO, Level.MBO4, Level.MBO4)
    for g in range(0, len(locs), pool_every):
        group = locs[g:g + pool_every]
        for k in range(pool_size):
            eid = f"F{g // pool_every + 1:02d}{k + 1}"
            emps.append(Employee(id=eid, level=levels[k % 3], contract_hours=24))
            travel += [TravelTime(employee=eid, location=loc, minutes=10 + 5 * j) for j, loc in enumerate(group)]
    return r.model_copy(update={"employees": tuple(emps), "travel_times": tuple(travel)})


def run_roster(name: str, roster, time_limit: float, labour_law: bool) -> dict:
    cat = load_catalogue()
    t0 = time.monotonic()
    before = check_roster(roster, cat, CheckOptions(labour_law=labour_law))
    check_s = time.monotonic() - t0
    t0 = time.monotonic()
    res = fix_roster(roster, cat, FixOptions(time_limit=time_limit, workers=2, labour_law=labour_law))
    wall = time.monotonic() - t0
    failed = [p for p in res.parts if not p[2]]
    return {
        "roster": name, "locations": len(roster.locations), "staff": len(roster.employees), "shifts": len(roster.shifts),
        "errors_before": before.counts()["errors"], "errors_after": res.report.counts()["errors"] if res.report else None,
        "check_s": round(check_s, 2), "limit_s": time_limit, "seconds": round(wall, 2),
        "candidates": res.model_size.get("candidates"), "parts": res.model_size.get("parts"),
        "parts_failed": len(failed), "parts_proven": sum(1 for p in res.parts if p[2] and "FEASIBLE/" not in p[1] + "/"
                                                          and "UNKNOWN" not in p[1].split("/")[:3]),
        "changes": len(res.changes), "added_hours": res.added_hours,
        "compliant": res.compliant, "proven_optimal": res.proven_optimal, "rounds": res.rounds,
        "unfixable": len(res.unfixable),
    }


def run_command(name: str, roster, time_limit: float) -> dict:
    """The whole ``rostercheck fix`` command on the roster written as a workbook: reading,
    the fix, writing the planner's edited copy. Exit code 0: the fixed roster passes."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from rostercheck.workbook import write_roster_xlsx

    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / f"{name}.xlsx", Path(d) / f"{name}-fixed.xlsx"
        write_roster_xlsx(roster, src)
        t0 = time.monotonic()
        p = subprocess.run([sys.executable, "-m", "rostercheck", "fix", str(src), "--time-limit", str(time_limit),
                            "-o", str(out)], capture_output=True, text=True)
        wall = time.monotonic() - t0
    return {"command_s": round(wall, 2), "command_rc": p.returncode}


def run(staff: int, locations: int, time_limit: float, labour_law: bool, flex: int = 2) -> dict:
    cat = load_catalogue()
    roster = month_roster(staff, locations, flex=flex)
    t0 = time.monotonic()
    before = check_roster(roster, cat, CheckOptions(labour_law=labour_law))
    check_s = time.monotonic() - t0
    t0 = time.monotonic()
    res = fix_roster(roster, cat, FixOptions(time_limit=time_limit, workers=2, labour_law=labour_law))
    wall = time.monotonic() - t0
    return {
        "staff": staff, "locations": locations, "shifts": len(roster.shifts),
        "errors_before": before.counts()["errors"], "check_s": round(check_s, 2),
        "candidates": res.model_size.get("candidates"), "vars": res.model_size.get("variables"),
        "constraints": res.model_size.get("constraints"),
        "changes": len(res.changes), "added_hours": res.added_hours,
        "proven_optimal": res.proven_optimal, "status": res.status, "gap": res.gap,
        "compliant": res.compliant, "rounds": res.rounds, "seconds": round(wall, 2),
        "unfixable": len(res.unfixable),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--staff", type=int, nargs="*", default=[10, 30, 60])
    ap.add_argument("--locations", type=int, default=3, help="locations of the multi-location month (30 staff each)")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--labour-law", action="store_true")
    ap.add_argument("--flex", type=int, default=2, help="flex-pool employees per location (no shifts yet)")
    ap.add_argument("--issue13", action="store_true",
                    help="the three targets of issue 13, labour law on: a 30-location provider month (30 s), "
                         "100 locations (120 s), an HGV month of 60 staff (30 s)")
    ap.add_argument("--command", action="store_true",
                    help="with --issue13: also time the whole `rostercheck fix` command (read, fix, write the workbook)")
    args = ap.parse_args()
    if args.issue13:
        rows = []
        for name, make, limit in (("provider-30", lambda: provider_month(30), 30),
                                  ("hgv-60", lambda: month_roster(60, 1, flex=2), 30),
                                  ("provider-100", lambda: provider_month(100), 120)):
            roster = make()
            rows.append(run_roster(name, roster, limit, True))
            if args.command:
                rows[-1].update(run_command(name, roster, limit))
            print(rows[-1], flush=True)
    else:
        rows = [run(n, 1, args.time_limit, args.labour_law, args.flex) for n in args.staff]
        if args.locations > 1:
            rows.append(run(30, args.locations, args.time_limit, args.labour_law, args.flex))
    keys = list(rows[0])
    widths = [max(len(k), *(len(str(r[k])) for r in rows)) for k in keys]
    print("  ".join(k.ljust(w) for k, w in zip(keys, widths)))
    for r in rows:
        print("  ".join(str(r[k]).ljust(w) for k, w in zip(keys, widths)))


if __name__ == "__main__":
    main()
