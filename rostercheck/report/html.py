"""The HTML report: one self-contained page (no network, no scripts, no external CSS,
fonts or images) that a planner opens in a browser or prints.

It shows the verdict and counts, an overview of every location by month (violations,
warnings, hours short), a coverage heat map as inline SVG for each location-month
that has a coverage finding (every one on a small roster; see
:mod:`rostercheck.report.overview`), and the findings with their citations. So a
100-location year stays a few megabytes. All text is escaped by Jinja2's autoescape (the SVG is built
with :func:`markupsafe.escape` on every value); a Content-Security-Policy meta tag
forbids loading anything, so even a missed escape could not run a script.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from rostercheck import wording
from rostercheck.findings import CheckKind, Finding, Report, Severity
from rostercheck.model import Roster, shift_rows
from rostercheck.report.heatmap import OK, SHORT, STATUS_LABELS, UNKNOWN, HeatMap, catalogue_or_none, merged_hours
from rostercheck.report.overview import MonthCell, build_overview
from rostercheck.report.pseudonym import Pseudonymiser
from rostercheck.wording import (
    CHECK_LABELS,
    PERIOD_SOURCE_LABELS,
    SEVERITY_LABELS,
    measured_text,
    period_text,
    unit_label,
)

COLOURS = {OK: "#8fd19e", SHORT: "#e5534b", UNKNOWN: "#f2c14e", None: "#e6e6e6"}
WINDOW_STROKE = "#5c0f0b"
_MAX_SHIFTS_LISTED = 6

_env: Environment | None = None


def environment() -> Environment:
    global _env
    if _env is None:
        _env = Environment(
            loader=PackageLoader("rostercheck.report", "templates"),
            autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _env


# --- the heat map as SVG ---------------------------------------------------------

CELL_W, CELL_H = 34, 20
LABEL_W, HEADER_H = 96, 22
TOTAL_W = 46


def _attr(value: object) -> str:
    return str(escape(str(value)))


def _runs(row):
    """Consecutive hours with the same status, as (first hour, hours, status)."""
    out, first = [], 0
    for h in range(1, 25):
        if h == 24 or row[h].status != row[first].status:
            out.append((first, h - first, row[first].status))
            first = h
    return out


def heatmap_svg(hm: HeatMap, p: Pseudonymiser) -> Markup:
    """Days × hours as SVG. Hours with the same status next to each other are one rect
    (a day fully staffed is one); a short or unverifiable hour has its own rect and
    tooltip (measured and required per norm); the violated windows are outlined to
    the minute. A month of one location stays a few tens of kilobytes."""
    n = len(hm.days)
    width = LABEL_W + 24 * CELL_W + TOTAL_W
    height = HEADER_H + n * CELL_H + 4
    label = (
        f"Dekking locatie {hm.location}: {wording.hours(hm.short_hours)} tekort, "
        f"{wording.hours(hm.unknown_hours)} niet te controleren"
    )
    out = [
        f'<svg class="heat" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_attr(label)}">',
        f"<title>{_attr(label)}</title>",
    ]
    for h in range(24):
        x = LABEL_W + h * CELL_W + CELL_W / 2
        out.append(f'<text x="{x:g}" y="14" text-anchor="middle">{h:02d}</text>')
    out.append(f'<text x="{LABEL_W + 24 * CELL_W + TOTAL_W - 4}" y="14" text-anchor="end">tekort</text>')
    for i, (day, row) in enumerate(zip(hm.days, hm.rows)):
        y = HEADER_H + i * CELL_H
        cls = ' class="we"' if day.weekday() >= 5 else ""
        out.append(f'<text x="{LABEL_W - 8}" y="{y + CELL_H - 5}" text-anchor="end"{cls}>{wording.day_month(day)}</text>')
        for first, length, status in _runs(row):
            if status in (SHORT, UNKNOWN):  # each hour on its own: its tooltip says what is missing
                for cell in row[first : first + length]:
                    x = LABEL_W + cell.hour * CELL_W
                    tip = p.text(cell.tooltip(hm.norm_titles))
                    out.append(
                        f'<rect class="c s-{status}" x="{x}" y="{y}" width="{CELL_W - 1}" height="{CELL_H - 1}" '
                        f'fill="{COLOURS[status]}"><title>{_attr(tip)}</title></rect>'
                    )
            else:
                x = LABEL_W + first * CELL_W
                tip = (
                    f"{wording.day_label(day)} {first:02d}:00–{first + length:02d}:00: "
                    f"{STATUS_LABELS[status]}"
                )
                out.append(
                    f'<rect class="c s-{status or "none"}" x="{x}" y="{y}" width="{length * CELL_W - 1}" '
                    f'height="{CELL_H - 1}" fill="{COLOURS[status]}"><title>{_attr(tip)}</title></rect>'
                )
        if day.weekday() == 0 and i > 0:  # a line between weeks: planners roster per week
            out.append(
                f'<line x1="{LABEL_W - 70}" x2="{LABEL_W + 24 * CELL_W}" y1="{y - 0.5}" y2="{y - 0.5}" '
                f'stroke="#1d2433" stroke-width="1.5"/>'
            )
        day_start = datetime.combine(day, datetime.min.time())
        short = merged_hours([w for w in hm.windows if w.severity is Severity.ERROR], day_start, day_start + timedelta(days=1))
        if short:
            out.append(
                f'<text x="{LABEL_W + 24 * CELL_W + TOTAL_W - 4}" y="{y + CELL_H - 5}" text-anchor="end" '
                f'fill="#b3261e" font-weight="700">{wording.number(short, 1)} u</text>'
            )
    # Violated (or unverifiable) windows, outlined to the minute, one strip per day row.
    if hm.days:
        first_day = hm.days[0]
        for f in hm.windows:
            tip = (
                f"{SEVERITY_LABELS[f.severity]} – {hm.norm_titles.get(f.norm, f.norm)}, "
                f"{wording.moment(f.start)} tot {wording.moment(f.end)}: {p.text(f.message)}"
            )
            dash = "" if f.severity is Severity.ERROR else ' stroke-dasharray="4 2"'
            t = f.start
            while t < f.end:
                day_start = datetime.combine(t.date(), datetime.min.time())
                seg_end = min(f.end, day_start + timedelta(days=1))
                i = (t.date() - first_day).days
                if 0 <= i < n:
                    x0 = LABEL_W + (t - day_start).total_seconds() / 3600 * CELL_W
                    x1 = LABEL_W + (seg_end - day_start).total_seconds() / 3600 * CELL_W
                    y = HEADER_H + i * CELL_H
                    out.append(
                        f'<rect class="w" x="{x0:.1f}" y="{y + 0.5}" width="{max(x1 - x0 - 1, 1):.1f}" '
                        f'height="{CELL_H - 2}" fill="none" stroke="{WINDOW_STROKE}" stroke-width="2"{dash}>'
                        f"<title>{_attr(tip)}</title></rect>"
                    )
                t = seg_end
    out.append("</svg>")
    return Markup("".join(out))


# --- the page --------------------------------------------------------------------

# Above this many findings the list shows the first few of each norm and location;
# the JSON and Excel reports hold every one.
LIST_ALL_UP_TO = 1000
PER_GROUP_LISTED = 20


@dataclass
class _MapView:
    anchor: str
    location: str
    location_name: str | None
    month: str
    note: str | None
    has_norm: bool
    short: str
    unknown: str
    svg: Markup


def _shift_text(roster: Roster, index: int) -> str:
    s = shift_rows(roster.shifts)[index]
    return f"{s.employee} {wording.day_month(s.start.date())} {s.start:%H:%M}–{s.end:%H:%M} {s.kind.value}"


def _cell_view(cell: MonthCell) -> dict:
    if cell.errors:
        status, colour = "short", COLOURS[SHORT]
    elif cell.warnings:
        status, colour = "unknown", COLOURS[UNKNOWN]
    else:
        status, colour = "ok", COLOURS[OK]
    parts = [wording.severity_count(Severity.ERROR, cell.errors), wording.severity_count(Severity.WARNING, cell.warnings)]
    if cell.short_hours:
        parts.append(f"{wording.hours(cell.short_hours)} tekort")
    text = wording.number(cell.short_hours, 1) if cell.short_hours else (str(cell.errors + cell.warnings) if cell.errors or cell.warnings else "")
    return {
        "status": status,
        "colour": colour,
        "text": text,
        "tip": f"{cell.location}, {wording.month_label(cell.month.year, cell.month.month)}: {', '.join(parts)}",
        "anchor": cell.anchor if cell.detail else None,
    }


def _set_title(catalogue, norm_set: str) -> str:
    found = catalogue.get(norm_set) if catalogue is not None else None
    return f"{found.title} ({norm_set})" if found is not None else norm_set


def _listed(findings: list[Finding]) -> tuple[list[Finding], int]:
    """Every finding, or on a very large report the first of each norm and location."""
    if len(findings) <= LIST_ALL_UP_TO:
        return findings, 0
    seen: dict[tuple, int] = {}
    out = []
    for f in findings:
        key = (f.location, f.norm_set, f.norm, f.employee)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= PER_GROUP_LISTED:
            out.append(f)
    return out, len(findings) - len(out)


def render_html(report: Report, roster: Roster, *, pseudonymise: bool = False, catalogue=None) -> str:
    """The HTML report of one roster check, as one self-contained page."""
    p = Pseudonymiser(roster, pseudonymise)
    catalogue = catalogue_or_none(catalogue)
    overview = build_overview(report, roster, catalogue)
    kinds = []
    for kind in CheckKind:
        c = {s: sum(1 for f in report.findings if f.check is kind and f.severity is s) for s in Severity}
        kinds.append(
            {
                "label": CHECK_LABELS[kind],
                "code": kind.value,
                "error": c[Severity.ERROR],
                "warning": c[Severity.WARNING],
                "info": c[Severity.INFO],
                "total": sum(c.values()),
            }
        )
    listed, left_out = _listed(report.findings)
    findings = []
    for f in listed:
        refs = [i for i in f.shift_refs if 0 <= i < len(roster.shifts)]
        findings.append(
            {
                "severity": f.severity.value,
                "severity_label": SEVERITY_LABELS[f.severity],
                "check": f.check.value,
                "check_label": CHECK_LABELS[f.check],
                "norm": f.norm,
                "norm_title": wording.norm_title(catalogue, f.norm_set, f.norm),
                "location": f.location,
                "product": f.product,
                "employee": p.person(roster, f.employee) if f.employee else None,
                "start": wording.moment(f.start),
                "end": wording.moment(f.end),
                "measured": measured_text(f.measured, f.unit),
                "required": measured_text(f.required, f.unit),
                "unit": "" if f.unit in ("share", "fraction") else unit_label(f.unit, f.required),
                "message": p.text(f.message),
                "details": [p.text(d) for d in f.details],
                "shifts": [p.text(_shift_text(roster, i)) for i in refs[:_MAX_SHIFTS_LISTED]],
                "more_shifts": max(len(refs) - _MAX_SHIFTS_LISTED, 0),
                "document": wording.document_title(catalogue, f.source.document),
                "section": f.source.section,
                "quote": f.source.quote,
            }
        )
    rows = []
    views = []
    for row in overview.rows:
        rows.append(
            {
                "location": row.location,
                "name": p.text(row.name) if row.name else None,
                "errors": row.errors,
                "warnings": row.warnings,
                "short": wording.number(row.short_hours, 1),
                "cells": [_cell_view(c) for c in row.cells],
            }
        )
        for hm, cell in zip(row.maps, [c for c in row.cells if c.detail]):
            views.append(
                _MapView(
                    anchor=cell.anchor,
                    location=hm.location,
                    location_name=p.text(hm.location_name),
                    month=wording.month_label(cell.month.year, cell.month.month),
                    note=hm.note,
                    has_norm=hm.has_norm,
                    short=wording.hours(hm.short_hours),
                    unknown=wording.hours(hm.unknown_hours),
                    svg=heatmap_svg(hm, p),
                )
            )
    legend = [{"label": STATUS_LABELS[s], "colour": COLOURS[s]} for s in (OK, SHORT, UNKNOWN, None)]
    return environment().get_template("report.html.j2").render(
        report=report,
        period=period_text(report.period_start, report.period_end),
        period_source=PERIOD_SOURCE_LABELS.get(report.period_source, report.period_source),
        counts=report.counts(),
        kinds=kinds,
        months=[wording.MONTHS_SHORT[m.month - 1] + (f" {m.year}" if m.month == 1 or i == 0 else "") for i, m in enumerate(overview.months)],
        overview=rows,
        detail_all=overview.detail_all,
        maps=views,
        legend=legend,
        findings=findings,
        left_out=left_out,
        notes=[p.text(n) for n in report.notes],
        n_shifts=wording.number(len(roster.shifts), 0),
        n_employees=wording.number(len(roster.employees), 0),
        n_locations=len(roster.locations),
        norm_sets=[_set_title(catalogue, ns) for ns in report.norm_sets],
        pseudonymise=pseudonymise,
    )
