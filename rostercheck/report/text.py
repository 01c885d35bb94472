"""The terminal report: a plain-text summary a planner reads top to bottom.

Header (roster, period and where it came from, verdict, counts), then the findings
grouped by location and norm: each norm once with its citation, its windows listed
compactly ("ma 2 mrt 22:00 – di 3 mrt 07:00"), and, when a norm has many findings,
counts and the first windows only (the JSON, Excel and HTML reports list them all).
Plain ``str`` without colour codes, so it reads the same piped into a file or mail.
Employees are shown by id only, never by name.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from itertools import groupby

from rostercheck import wording
from rostercheck.findings import CheckKind, Finding, Report, Severity
from rostercheck.model import Roster
from rostercheck.wording import CHECK_LABELS, PERIOD_SOURCE_LABELS

MAX_LISTED = 12  # windows listed per norm before "... en N meer"
FULL_UNDER = 5  # up to this many findings per norm each get their own message

_SEVERITY_NL = {Severity.ERROR: "overtreding", Severity.WARNING: "waarschuwing", Severity.INFO: "ter informatie"}
_MARK = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "i"}
_DAY = timedelta(days=1)


def summary_line(report: Report) -> str:
    """'Roostertoets rooster.xlsx: VOLDOET NIET — 3 overtredingen, 1 waarschuwing, 0 ter informatie'."""
    return f"Roostertoets {report.roster}: {wording.verdict(report.compliant)} — {wording.counts_text(report.counts())}"


def whatif_summary_line(doc: dict) -> str:
    """One line for ``whatif``: the verdict before and after the scenario, and the fix if asked."""
    before, after = doc["before"], doc["after"]
    line = (
        f"Wat-als {doc['scenario']} op {doc['roster']}: voor {wording.verdict(before['compliant']).lower()} "
        f"({wording.severity_count(Severity.ERROR, before['summary']['errors'])}), "
        f"na {wording.verdict(after['compliant']).lower()} "
        f"({wording.severity_count(Severity.ERROR, after['summary']['errors'])})"
    )
    if "fix" in doc:
        f = doc["fix"]
        line += (
            f"; oplossing: {wording.count(f['changes'], 'wijziging', 'wijzigingen')}, "
            f"{wording.hours(f['added_hours'])} extra, {'voldoet' if f['compliant'] else 'voldoet niet'}"
        )
    return line


def render_text(report: Report, roster: Roster, catalogue=None) -> str:
    lines = _header(report)
    if report.notes:
        lines += ["", "Opmerkingen:"] + [f"  - {n}" for n in report.notes]
    if not report.findings:
        lines += ["", "Geen bevindingen: het rooster voldoet aan alle normen die van toepassing zijn."]
        return "\n".join(lines) + "\n"
    names = {loc.id: loc.name for loc in roster.locations}
    sets = {loc.id: loc.norm_set for loc in roster.locations}
    for location, group in groupby(report.findings, key=lambda f: f.location):
        found = list(group)
        lines.append("")
        if location is None:
            lines.append("Per medewerker (niet aan één locatie gebonden)")
        else:
            title = f"Locatie {location}" + (f" ({names[location]})" if names.get(location) else "")
            if sets.get(location):
                title += f" — normenkader {sets[location]}"
            lines.append(title)
        lines.append("=" * len(lines[-1]))
        lines.append(_count_line(found, indent="  "))
        by_norm: dict[tuple[str, str], list[Finding]] = {}
        for f in found:  # first appearance order = report order (start time)
            by_norm.setdefault((f.norm_set, f.norm), []).append(f)
        for (norm_set, norm), items in sorted(by_norm.items(), key=lambda kv: (min(f.severity.rank for f in kv[1]), kv[0])):
            lines.append("")
            lines += _norm_block(norm_set, norm, items, catalogue)
    return "\n".join(lines) + "\n"


def _header(report: Report) -> list[str]:
    counts = report.counts()
    period = wording.span(report.period_start, report.period_end)
    if report.period_start.time() == report.period_end.time() == report.period_start.min.time():
        first, last = report.period_start.date(), (report.period_end - _DAY).date()
        period = f"{wording.day(first)} {first.year} t/m {wording.day(last)} {last.year}"
    out = [
        f"Roostertoets: {report.roster}",
        f"Periode:      {period} ({PERIOD_SOURCE_LABELS.get(report.period_source, report.period_source)})",
    ]
    if report.norm_sets:
        out.append(f"Normenkaders: {', '.join(report.norm_sets)}")
    out.append(f"Resultaat:    {wording.verdict(report.compliant)} — {wording.counts_text(counts)}")
    return out


def _count_line(findings: list[Finding], indent: str = "") -> str:
    c = Counter(f.severity for f in findings)
    parts = [wording.severity_count(s, c[s]) for s in Severity if c[s]]
    return indent + ", ".join(parts)


def _norm_block(norm_set: str, norm: str, items: list[Finding], catalogue=None) -> list[str]:
    first = items[0]
    checks = sorted({f.check for f in items}, key=lambda k: k.value)
    kinds = ", ".join(f"{CHECK_LABELS[k].lower()} ({k.value})" for k in checks)
    products = sorted({f.product for f in items if f.product})
    title = wording.norm_title(catalogue, norm_set, norm)
    head = f"  {title} ({norm}) — {kinds}" if title != norm else f"  {norm} — {kinds}"
    if products:
        head += f" — product {', '.join(products)}"
    out = [head, "  " + _count_line(items)]
    if len(items) <= FULL_UNDER:
        for f in items:
            out.append(f"    {_MARK[f.severity]} {_window(f)}{_figures(f)}")
            out.append(f"      {f.message}")
            out += [f"        · {d}" for d in f.details[:MAX_LISTED]]
    else:
        for sev in Severity:
            example = next((f for f in items if f.severity is sev), None)
            if example is not None:
                out.append(f"    bijvoorbeeld ({_SEVERITY_NL[sev]}): {example.message}")
        for f in items[:MAX_LISTED]:
            out.append(f"    {_MARK[f.severity]} {_window(f)}{_figures(f)}")
        if len(items) > MAX_LISTED:
            out.append(f"    … en {len(items) - MAX_LISTED} meer (alle vensters: --format json, xlsx of html)")
    src = first.source
    out.append(f"  Bron: {wording.source_text(catalogue, src.document, src.section, src.quote)} (normenkader {norm_set})")
    return out


def _window(f: Finding) -> str:
    who = f"{f.employee}: " if f.employee else ""
    return who + wording.span(f.start, f.end)


def _figures(f: Finding) -> str:
    if f.measured is None and f.required is None:
        return ""
    if f.check is CheckKind.LEVEL and f.unit == "hours":  # required is 0 hours: the hours are the shortfall
        return f"  ({_value(f.measured, f.unit)})"
    return f"  (gemeten {_value(f.measured, f.unit)}, vereist {_value(f.required, f.unit)})"


def _value(x: float | int | None, unit: str) -> str:
    return wording.value_text(x, unit)
