"""How long ``rostercheck check`` takes next to the floor of reading the values at all.

For each size a roster is generated (seeded, cached as .xlsx in the cache folder),
then measured:

* ``floor``: python-calamine opens the workbook and reads every sheet's values —
  the least any checker must do — in this process, as wall and CPU seconds (one
  thread: the two are close on an idle machine);
* ``check``: the whole ``rostercheck check --format json`` process (subprocess:
  start-up, reading, validation, every norm, the labour-law rules, the JSON), as
  wall seconds and as CPU seconds (user + system of the process and of the child it
  forks on a large roster, ``RUSAGE_CHILDREN``: what the check costs whatever the
  load on the machine);
* ``ratio``: check / floor, in wall time and in CPU time (the best of each), and
  ``paired``: the median of check / floor over the repeats, each check measured right
  after its floor (this machine's speed drifts within minutes);
* ``start``: wall seconds of a process that only starts Python and imports what
  ``check`` imports (part of every check's figure);
* ``peak``: the check process's peak memory (``RUSAGE_CHILDREN`` maxrss, each
  check run in its own short-lived parent so the figure is that run's).

    python -m benchmarks.bench_check --sizes small,medium
    python -m benchmarks.bench_check --sizes large,wide --repeat 3
    python -m benchmarks.bench_check --sizes 300x4,20x24 --no-support   # any shape: LOCATIONSxMONTHS
    python -m benchmarks.bench_check --sizes large --no-support --form grid   # the grid form

The check runs as an installed ``rostercheck`` runs: with Python's bytecode cache (pip
compiles the package on install). A ``PYTHONDONTWRITEBYTECODE`` in the environment is
left out for the timed processes, and a first, untimed run fills the cache; without
the cache every start compiles the package again (about 0.3 s here).

Not part of the test suite (2 cores are shared by many); run it by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# name -> (locations, months)
SIZES: dict[str, tuple[int, int]] = {
    "one": (1, 1),  # one location-month
    "small": (10, 1),
    "medium": (10, 12),
    "large": (100, 12),  # ~135k shifts
    "wide": (1000, 1),  # ~120k shifts, ten times the employees of "large"
    "quarter": (300, 4),  # ~140k shifts, three times the locations of "large" over a third of the time
}
GROUPS = {"small": ["one", "small"], "medium": ["medium"], "large": ["large", "wide", "quarter"], "all": list(SIZES)}

_CHILD = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
dt = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": dt, "cpu": u.ru_utime + u.ru_stime, "rc": p.returncode, "maxrss_kb": u.ru_maxrss,
                  "stdout_bytes": len(p.stdout), "stderr": p.stderr.decode(errors="replace")[-2000:]}))
"""


def cache_dir() -> Path:
    d = Path(os.environ.get("ROSTERCHECK_BENCH_CACHE", Path(tempfile.gettempdir()) / "rostercheck-bench"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def roster_file(name: str, norm_set: str, seed: int, support: bool = True, form: str = "long") -> tuple[Path, int]:
    """The generated roster for a size, written once and reused (same seed, same file).
    ``support`` False: the same roster without its Begeleiding sheet. ``form`` "grid":
    the same roster in the grid form (``Rooster`` and ``Dienstcodes``)."""
    from benchmarks.generate import generate_roster, write_grid_xlsx

    locations, months = shape(name)
    path = cache_dir() / (f"{norm_set}-{locations}x{months}-seed{seed}{'' if support else '-nosupport'}"
                          f"{'-grid' if form == 'grid' else ''}.xlsx")
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        return path, json.loads(meta.read_text())["shifts"]
    t = time.perf_counter()
    roster = generate_roster(locations=locations, months=months, norm_set=norm_set, seed=seed, gaps=locations,
                             source_name=path.name)
    if not support:
        roster = roster.model_copy(update={"support": None})
    from rostercheck.workbook import write_roster_xlsx

    if form == "grid":
        write_grid_xlsx(roster, path)
    else:
        write_roster_xlsx(roster, path)
    meta.write_text(json.dumps({"shifts": len(roster.shifts), "employees": len(roster.employees),
                                "support": len(roster.support or ())}))
    print(f"  generated {path.name}: {len(roster.shifts)} shifts in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    return path, len(roster.shifts)


def read_floor(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of python-calamine reading every sheet's values."""
    from python_calamine import CalamineWorkbook

    t, c = time.perf_counter(), time.process_time()
    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()
    return time.perf_counter() - t, time.process_time() - c


def _env() -> dict[str, str]:
    """The environment of the timed processes: as given, with the bytecode cache on."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def start_up() -> float:
    """Wall seconds of a Python process importing what ``rostercheck check`` imports."""
    code = "import rostercheck.cli, rostercheck.checker, rostercheck.workbook.files"
    subprocess.run([sys.executable, "-c", code], check=True, env=_env())  # fills the bytecode cache
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=_env())
    return time.perf_counter() - t


def shape(name: str) -> tuple[int, int]:
    """A named size or LOCATIONSxMONTHS (e.g. 300x4)."""
    if name in SIZES:
        return SIZES[name]
    loc, _, mon = name.partition("x")
    if not (loc.isdigit() and mon.isdigit() and int(loc) > 0 and int(mon) > 0):
        raise ValueError(name)
    return int(loc), int(mon)


def run_check(path: Path) -> dict:
    """``rostercheck check --format json`` in a fresh process, timed by a small parent
    so that RUSAGE_CHILDREN holds this run's peak memory only."""
    cmd = [sys.executable, "-m", "rostercheck", "check", str(path), "--format", "json"]
    out = subprocess.run([sys.executable, "-c", _CHILD, *cmd], check=True, capture_output=True, text=True, env=_env())
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_check", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="small",
                    help=f"comma list of {', '.join(GROUPS)}, {', '.join(SIZES)} or a shape LOCATIONSxMONTHS (300x4)")
    ap.add_argument("--norm-set", default="tarieven-15n")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is shown")
    ap.add_argument("--no-support", action="store_true", help="rosters without a Begeleiding sheet")
    ap.add_argument("--form", choices=("long", "grid"), default="long",
                    help="grid: the same rosters in the grid form (a cell per employee and day: a far smaller file)")
    args = ap.parse_args(argv)
    names: list[str] = []
    for item in args.sizes.split(","):
        for n in GROUPS.get(item.strip(), [item.strip()]):
            try:
                shape(n)
            except ValueError:
                ap.error(f"unknown size {n!r}")
            if n not in names:
                names.append(n)
    start = min(start_up() for _ in range(args.repeat))
    print(f"start-up (python + the imports of check): {start:.2f} s")
    print(f"{'size':<8} {'loc x mon':>10} {'shifts':>8} {'MB':>6} {'floor s':>8} {'floor cpu':>9} {'check s':>8} "
          f"{'check cpu':>9} {'wall x':>6} {'cpu x':>6} {'pair x':>6} {'peak MB':>8} {'rc':>3}")
    results: list[tuple] = []
    for name in names:
        path, shifts = roster_file(name, args.norm_set, args.seed, support=not args.no_support, form=args.form)
        # Each check right after a floor: this machine's speed drifts by a quarter or more
        # within minutes, so a floor and a check measured apart may not be comparable.
        floors, runs = [], []
        for _ in range(args.repeat):
            floors.append(read_floor(path))
            runs.append(run_check(path))
        floor, floor_cpu = min(f[0] for f in floors), min(f[1] for f in floors)
        paired = statistics.median(r["seconds"] / f[0] for f, r in zip(floors, runs))
        best = min(runs, key=lambda r: r["seconds"])
        cpu = min(r["cpu"] for r in runs)
        if best["rc"] not in (0, 1):
            print(best["stderr"], file=sys.stderr)
        loc, mon = shape(name)
        print(f"{name:<8} {f'{loc}x{mon}':>10} {shifts:>8} {path.stat().st_size / 1e6:>6.1f} {floor:>8.2f} {floor_cpu:>9.2f} "
              f"{best['seconds']:>8.2f} {cpu:>9.2f} {best['seconds'] / floor:>6.2f} {cpu / floor_cpu:>6.2f} "
              f"{paired:>6.2f} {max(r['maxrss_kb'] for r in runs) / 1024:>8.0f} {best['rc']:>3}", flush=True)
        meta = json.loads(path.with_suffix(".json").read_text())
        results.append((loc, mon, args.form, shifts, meta.get("support", 0), path.stat().st_size / 1e6, floor, floor_cpu,
                        best["seconds"], cpu, max(r["maxrss_kb"] for r in runs) / 1024, paired))
    print()
    print(readme_block(results, args.repeat, start))


def readme_block(results: list[tuple], repeat: int, start: float) -> str:
    """The figures as a Markdown list item and table, to paste under "Figures" in README.md."""
    import platform

    lines = [
        f"- Check (`benchmarks/bench_check.py`, `rostercheck check --format json`, labour law on; "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, best of {repeat}; start-up {start:.2f} s):",
        "",
        "  | roster | shifts | Begeleiding rows | .xlsx | floor wall / CPU | whole check wall / CPU | ratio wall | ratio CPU | paired ratio | peak memory |",
        "  |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for loc, mon, form, shifts, support, mb, floor, floor_cpu, check, cpu, peak, paired in results:
        lines.append(
            f"  | {loc} location{'s' if loc != 1 else ''} × {mon} month{'s' if mon != 1 else ''}{', grid' if form == 'grid' else ''} | "
            f"{shifts:,} | {support:,} | "
            f"{mb:.1f} MB | {floor:.2f} / {floor_cpu:.2f} s | {check:.2f} / {cpu:.2f} s | {check / floor:.2f}× | "
            f"{cpu / floor_cpu:.2f}× | {paired:.2f}× | {peak:.0f} MB |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
