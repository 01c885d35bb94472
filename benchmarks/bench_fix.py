"""Benchmark of the fixer: a location-month with planted gaps, and how it scales.

    python benchmarks/bench_fix.py                 # 10, 30, 60 staff and a 3-location month
    python benchmarks/bench_fix.py --staff 30      # one size
    python benchmarks/bench_fix.py --labour-law    # verify with the Working Hours Act too

Roster: Oost-Veluwe "Herstelgericht verblijf" (HGV: 24/7 on site, >= 50 % HBO,
HBO regisseur, everyone >= MBO-4), March 2026, staff in three rotating teams
(early 07-15, late 15-23, night 23-07 as waakdienst), six days on, one off, so about
26 shifts per person (30 staff: ~780 shifts, plus phone duty). Planted gaps: all
night shifts of three nights removed, the early shifts of one day removed, one
MBO-3 employee on four early shifts (level norm). Reports time to the proven
optimum (all three objective tiers OPTIMAL) on 2 workers.

The rotation gives the team ~48 h a week on 36 h contracts, above contract plus the
8 h overtime margin: nobody in the team may take on more. Each location therefore has
a flex pool (``--flex``, default 2: one HBO, one MBO-4, 24 h, no shifts yet), as a
real location has oproepkrachten; ``--flex 0`` is the team alone, where the fixer
honestly leaves part of the gaps open (it moves no day shift into a night and drops
no care to make room).
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.fix import FixOptions, fix_roster
from rostercheck.normsets import load_catalogue
from rostercheck.testing import roster_from_spec

TYPES = (("07:00-15:00", "aanwezig"), ("15:00-23:00", "aanwezig"), ("23:00-07:00", "waakdienst"))


def month_roster(staff: int, locations: int = 1, seed_gaps: bool = True, flex: int = 2):
    first = date(2026, 3, 1)
    days = [first + timedelta(days=i) for i in range(31)]
    emps, shifts, locs, prods, travel = [], [], [], [], []
    for li in range(locations):
        loc = f"L{li + 1}"
        locs.append(f"{loc} oost-veluwe-2024")
        prods.append(f"{loc} HGV 12")
        for i in range(staff):
            eid = f"{loc}E{i + 1:02d}"
            level = "HBO" if i % 2 == 0 else "MBO-4"
            flags = " regisseur" if i == 0 else ""
            emps.append(f"{eid} {level} hours=36{flags}")
            team = i % 3
            for di, d in enumerate(days):
                if (di + i) % 7 == 6:
                    continue  # the day off
                span, kind = TYPES[(team + di // 7) % 3]
                shifts.append(f"{eid} {loc} {d.isoformat()} {span} {kind}")
            travel.append(f"{eid} {loc} 15")
        for i in range(flex):
            emps.append(f"{loc}F{i + 1} {'HBO' if i % 2 == 0 else 'MBO-4'} hours=24")
            travel.append(f"{loc}F{i + 1} {loc} 15")
        # phone duty: one person each night
        for di, d in enumerate(days):
            shifts.append(f"{loc}E{(di % staff) + 1:02d} {loc} {d.isoformat()} 23:00-07:00 bereikbaar")
        if seed_gaps:
            gap_nights = {days[5 + 7 * li].isoformat(), days[12].isoformat(), days[20].isoformat()}
            shifts = [s for s in shifts if not (s.split()[1] == loc and s.split()[2] in gap_nights and "waakdienst" in s)]
            gap_day = days[16 + li].isoformat()
            shifts = [s for s in shifts if not (s.split()[1] == loc and s.split()[2] == gap_day and "07:00-15:00" in s)]
            emps.append(f"{loc}X MBO-3 hours=24")
            for di in (2, 9, 23, 27):
                shifts.append(f"{loc}X {loc} {days[di].isoformat()} 07:00-15:00 aanwezig")
    # the night before the period
    for li in range(locations):
        shifts.append(f"L{li + 1}E03 L{li + 1} 2026-02-28 23:00-07:00 waakdienst")
    return roster_from_spec({
        "period": "2026-03-01..2026-03-31",
        "locations": locs, "products": prods, "employees": emps, "shifts": shifts, "travel": travel,
    }, name=f"bench-{staff}x{locations}")


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
    args = ap.parse_args()
    if args.issue13:
        rows = []
        for name, make, limit in (("provider-30", lambda: provider_month(30), 30),
                                  ("hgv-60", lambda: month_roster(60, 1, flex=2), 30),
                                  ("provider-100", lambda: provider_month(100), 120)):
            rows.append(run_roster(name, make(), limit, True))
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
