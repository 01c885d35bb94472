"""How long the HTML and Excel reports take next to the JSON check, and how large they are.

For each size (the generated rosters of :mod:`benchmarks.bench_check`, cached) three
whole ``rostercheck check`` processes are timed, one after the other:

* ``json``: ``check ROSTER -o r.json`` (reading, every norm, labour law, the JSON);
* ``html``: ``check ROSTER -o r.html`` — target: under 10 MB and at most 2× ``json``;
* ``xlsx``: ``check ROSTER -o r.xlsx`` — target: at most 3× ``json``;

with each process's peak memory (``RUSAGE_CHILDREN`` maxrss in a short-lived parent).
The figures are wall-clock on whatever else the machine is doing: run it on a quiet
machine, and compare the ratios, which load shifts far less than the seconds.

    python -m benchmarks.bench_reports --sizes large
    python -m benchmarks.bench_reports --sizes one,small,medium --repeat 2

Not part of the test suite; run it by hand.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_check import _CHILD, GROUPS, SIZES, roster_file

TARGETS = {"html": 2.0, "xlsx": 3.0}
HTML_MAX_BYTES = 10_000_000


def timed(cmd: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, *cmd], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def measure(path: Path, repeat: int) -> dict[str, dict]:
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("json", "html", "xlsx"):
            target = Path(tmp) / f"report.{fmt}"
            runs = []
            for _ in range(repeat):
                run = timed([sys.executable, "-m", "rostercheck", "check", str(path), "-o", str(target), "-q"])
                if run["rc"] not in (0, 1):
                    raise SystemExit(f"{fmt} failed (exit {run['rc']}): {run['stderr']}")
                run["bytes"] = target.stat().st_size
                runs.append(run)
            results[fmt] = min(runs, key=lambda r: r["seconds"])
    return results


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_reports", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="small", help=f"comma list of {', '.join(GROUPS)} or {', '.join(SIZES)}")
    ap.add_argument("--norm-set", default="tarieven-15n")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1, help="runs per size and format; the fastest is shown")
    args = ap.parse_args(argv)
    names: list[str] = []
    for part in args.sizes.split(","):
        names += GROUPS.get(part, [part])
    print(f"{'size':<8}{'shifts':>8}  {'json s':>7}  {'html s':>7} {'×json':>6} {'MB':>6}  {'xlsx s':>7} {'×json':>6} {'MB':>6}"
          f"  {'peak MB json/html/xlsx':>24}  verdict")  # fmt: skip
    failed = False
    for name in names:
        path, shifts = roster_file(name, args.norm_set, args.seed)
        r = measure(path, args.repeat)
        j, h, x = r["json"], r["html"], r["xlsx"]
        hr, xr = h["seconds"] / j["seconds"], x["seconds"] / j["seconds"]
        ok = hr <= TARGETS["html"] and xr <= TARGETS["xlsx"] and h["bytes"] < HTML_MAX_BYTES
        failed |= not ok
        peaks = "/".join(f"{v['maxrss_kb'] / 1024:.0f}" for v in (j, h, x))
        print(f"{name:<8}{shifts:>8}  {j['seconds']:>7.2f}  {h['seconds']:>7.2f} {hr:>6.2f} {h['bytes'] / 1e6:>6.2f}"
              f"  {x['seconds']:>7.2f} {xr:>6.2f} {x['bytes'] / 1e6:>6.2f}  {peaks:>24}  {'ok' if ok else 'OVER TARGET'}",
              flush=True)  # fmt: skip
    print(f"targets: html < {HTML_MAX_BYTES / 1e6:.0f} MB and ≤ {TARGETS['html']}× json; xlsx ≤ {TARGETS['xlsx']}× json")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
