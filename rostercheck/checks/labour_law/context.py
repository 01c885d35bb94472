"""What a rule gets (the norm, its figures, the employee's timeline and regime) and
how it words a finding; the registry of rules by the ``rule`` name of a norm file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Sequence

from rostercheck.checks.labour_law.regimes import Regime
from rostercheck.checks.labour_law.timeline import Timeline, wall
from rostercheck.findings import CheckKind, Finding, Severity
from rostercheck.normsets.schema import LabourLawNorm


@dataclass
class Ctx:
    norm: LabourLawNorm
    norm_set: str
    tl: Timeline
    limits: object = None  # norm.params.typed, validated once per run (not once per employee)
    regime: Regime | None = None

    def __post_init__(self) -> None:
        if self.limits is None:
            self.limits = self.norm.params.typed

    def finding(
        self,
        start: datetime,
        end: datetime,
        measured: float | int | None,
        required: float | int | None,
        unit: str,
        message: str,
        location: str | None,
        details: Sequence[str] = (),
        refs: Iterable[int] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """``severity`` overrides the norm's where a rule tells apart a violation and
        an exception the law permits only in circumstances a roster cannot show."""
        return Finding(
            check=CheckKind.LABOUR_LAW,
            severity=severity or self.norm.severity,
            norm=self.norm.id,
            norm_set=self.norm_set,
            product=None,
            location=location,
            start=start,
            end=end,
            measured=measured,
            required=required,
            unit=unit,
            message=f"{self.norm.title}: {message}",
            source=self.norm.source,
            employee=self.tl.employee,
            shift_refs=tuple(sorted(set(refs))),
            details=tuple(details),
        )


# ------------------------------------------------------------------ registry

Rule = Callable[[Ctx], list[Finding]]
RULES: dict[str, Rule] = {}
_SECTIONS = ("What it checks", "Why", "Findings")


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register a rule under the ``rule`` name norm files use. Its docstring is its
    documentation and must say *What it checks*, *Why* (the article) and *Findings*."""

    def register(fn: Rule) -> Rule:
        doc = fn.__doc__ or ""
        missing = [s for s in _SECTIONS if not re.search(rf"^\s*{s}:", doc, re.M)]
        if missing:
            raise TypeError(f"labour-law rule {name}: docstring lacks {', '.join(missing)}")
        if name in RULES:
            raise TypeError(f"labour-law rule {name} registered twice")
        RULES[name] = fn
        return fn

    return register


# ------------------------------------------------------------------ wording


def h(minutes: float) -> float:
    return round(minutes / 60.0, 2)


def fmt_h(minutes: float) -> str:
    x = minutes / 60.0
    return f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.2f}".rstrip("0").rstrip(".")


def fmt_t(t: datetime) -> str:
    return t.strftime("%d-%m-%Y %H:%M")


def fmt_window(minutes: int) -> str:
    x = minutes / 60
    if x % (24 * 7) == 0:
        w = int(x // (24 * 7))
        return "7×24 uur" if w == 1 else f"{w} weken"
    if x % 24 == 0:
        return f"{int(x // 24)}×24 uur"
    return f"{fmt_h(minutes)} uur"


def clock_min(text: str) -> int:
    hh, mm = text.split(":")
    return int(hh) * 60 + int(mm)


def details_of_dienst(d) -> list[str]:
    if len(d.refs) < 2:
        return []
    return [f"diensten met minder dan 8 u rust ertussen samen geteld als één dienst (ATW 1:7) "
            f"({len(d.refs)} diensten, locaties {', '.join(dict.fromkeys(d.locations))})"]


def location_in(tl: Timeline, a: int, b: int) -> str | None:
    """Location of the last working shift that starts before b and ends after a."""
    best = None
    for blk in tl.blocks:
        if blk.start >= b:
            break
        if blk.end > a:
            best = blk.location
    return best


def refs_in(tl: Timeline, a: int, b: int) -> list[int]:
    out = []
    for blk in tl.blocks:
        if blk.start >= b:
            break
        if blk.end > a:
            out.extend(blk.refs)
    return out


def merge_windows(items: list[tuple], keep=max) -> list[tuple]:
    """Overlapping or touching windows to maximal windows, keeping ``keep`` of the measures."""
    out: list[list] = []
    for a, b, m in sorted(items, key=lambda x: (x[0], x[1])):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
            out[-1][2] = keep(out[-1][2], m)
        else:
            out.append([a, b, m])
    return [tuple(x) for x in out]


def count_findings(
    ctx: Ctx,
    events: list[tuple[int, int, list[int], str]],  # (start, end, refs, location), epoch minutes
    cap: int,
    window_min: int,
    unit: str,
    message: Callable[[int], str],
    details: list[str],
) -> list[Finding]:
    """Sliding windows of ``window_min`` over event starts: any window holding more
    than ``cap`` events is a finding; overlapping windows merge into one. Events
    outside the roster are unknown, so a window longer than the data is reported
    only when the data alone already exceeds the cap."""
    if len(events) <= cap:
        return []  # no window can hold more events than there are
    events = sorted(events, key=lambda e: (e[0], e[1]))
    hits = []
    lo = 0
    for k, (s, e, _, _) in enumerate(events):
        while s - events[lo][0] >= window_min:
            lo += 1
        n = k - lo + 1
        if n > cap:
            hits.append((events[lo][0], e, n, lo, k))
    merged: list[list] = []
    for a, b, n, lo_i, k in hits:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            merged[-1][2] = max(merged[-1][2], n)
            merged[-1][4] = k
        else:
            merged.append([a, b, n, lo_i, k])
    out = []
    for a, b, n, lo_i, k in merged:
        refs = [r for ev in events[lo_i : k + 1] for r in ev[2]]
        out.append(ctx.finding(
            wall(a), wall(b), n, cap, unit, message(n), events[k][3],
            details + ["geteld op de diensten in het rooster; alleen gemeld als die er al te veel zijn"], refs,
        ))
    return out
