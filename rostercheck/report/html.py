"""The HTML report: one self-contained page (no network, no scripts, no external CSS,
fonts or images) that a planner opens in a browser or prints.

It shows the verdict and counts, a coverage heat map per location as inline SVG
(days × hours, coloured as in the Excel report, violated windows outlined to the
minute, a ``<title>`` tooltip on every hour and window), and the findings with
their citations. All text is escaped by Jinja2's autoescape (the SVG is built
with :func:`markupsafe.escape` on every value); a Content-Security-Policy meta tag
forbids loading anything, so even a missed escape could not run a script.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from rostercheck.findings import CheckKind, Report, Severity
from rostercheck.model import Roster
from rostercheck.report.heatmap import OK, SHORT, STATUS_LABELS, UNKNOWN, HeatMap, build_heatmaps
from rostercheck.report.labels import (
    CHECK_LABELS,
    PERIOD_SOURCE_LABELS,
    SEVERITY_LABELS,
    WEEKDAYS_SHORT,
    measured_text,
    moment,
    period_text,
    unit_label,
)
from rostercheck.report.pseudonym import Pseudonymiser

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


def heatmap_svg(hm: HeatMap, p: Pseudonymiser) -> Markup:
    """Days × hours as SVG: one rect per hour with a tooltip, the violated windows outlined."""
    n = len(hm.days)
    width = LABEL_W + 24 * CELL_W + TOTAL_W
    height = HEADER_H + n * CELL_H + 4
    label = f"Dekking locatie {hm.location}: {hm.hours(SHORT)} uur tekort, {hm.hours(UNKNOWN)} uur niet te controleren"
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
        out.append(
            f'<text x="{LABEL_W - 8}" y="{y + CELL_H - 5}" text-anchor="end"{cls}>'
            f"{WEEKDAYS_SHORT[day.weekday()]} {day:%d-%m}</text>"
        )
        for cell in row:
            x = LABEL_W + cell.hour * CELL_W
            tip = p.text(cell.tooltip(hm.norm_titles))
            out.append(
                f'<rect class="c s-{cell.status or "none"}" x="{x}" y="{y}" width="{CELL_W - 1}" height="{CELL_H - 1}" '
                f'fill="{COLOURS[cell.status]}"><title>{_attr(tip)}</title></rect>'
            )
        if day.weekday() == 0 and i > 0:  # a line between weeks: planners roster per week
            out.append(
                f'<line x1="{LABEL_W - 70}" x2="{LABEL_W + 24 * CELL_W}" y1="{y - 0.5}" y2="{y - 0.5}" '
                f'stroke="#1d2433" stroke-width="1.5"/>'
            )
        short = hm.day_hours(i, SHORT)
        if short:
            out.append(
                f'<text x="{LABEL_W + 24 * CELL_W + TOTAL_W - 4}" y="{y + CELL_H - 5}" text-anchor="end" '
                f'fill="#b3261e" font-weight="700">{short} u</text>'
            )
    # Violated (or unverifiable) windows, outlined to the minute, one strip per day row.
    if hm.days:
        first = datetime.combine(hm.days[0], datetime.min.time())
        for f in hm.windows:
            tip = (
                f"{SEVERITY_LABELS[f.severity]} – norm {f.norm}, {moment(f.start)} tot {moment(f.end)}: "
                f"{p.text(f.message)}"
            )
            dash = "" if f.severity is Severity.ERROR else ' stroke-dasharray="4 2"'
            t = f.start
            while t < f.end:
                day_start = datetime.combine(t.date(), datetime.min.time())
                seg_end = min(f.end, day_start + timedelta(days=1))
                i = (t.date() - first.date()).days
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


@dataclass
class _MapView:
    location: str
    location_name: str | None
    note: str | None
    has_norm: bool
    short: int
    unknown: int
    ok: int
    svg: Markup


def _shift_text(roster: Roster, index: int) -> str:
    s = roster.shifts[index]
    return f"{s.employee} {WEEKDAYS_SHORT[s.start.weekday()]} {s.start:%d-%m %H:%M}–{s.end:%H:%M} {s.kind.value}"


def render_html(report: Report, roster: Roster, *, pseudonymise: bool = False, catalogue=None) -> str:
    """The HTML report of one roster check, as one self-contained page."""
    p = Pseudonymiser(roster, pseudonymise)
    maps = build_heatmaps(report, roster, catalogue)
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
    findings = []
    for f in report.findings:
        refs = [i for i in f.shift_refs if 0 <= i < len(roster.shifts)]
        findings.append(
            {
                "severity": f.severity.value,
                "severity_label": SEVERITY_LABELS[f.severity],
                "check": f.check.value,
                "check_label": CHECK_LABELS[f.check],
                "norm": f.norm,
                "location": f.location,
                "product": f.product,
                "employee": p.person(roster, f.employee) if f.employee else None,
                "start": moment(f.start),
                "end": moment(f.end),
                "measured": measured_text(f.measured, f.unit),
                "required": measured_text(f.required, f.unit),
                "unit": "" if f.unit in ("share", "fraction") else unit_label(f.unit),
                "message": p.text(f.message),
                "details": [p.text(d) for d in f.details],
                "shifts": [p.text(_shift_text(roster, i)) for i in refs[:_MAX_SHIFTS_LISTED]],
                "more_shifts": max(len(refs) - _MAX_SHIFTS_LISTED, 0),
                "document": f.source.document,
                "section": f.source.section,
                "quote": f.source.quote,
            }
        )
    views = [
        _MapView(
            location=hm.location,
            location_name=p.text(hm.location_name),
            note=hm.note,
            has_norm=hm.has_norm,
            short=hm.hours(SHORT),
            unknown=hm.hours(UNKNOWN),
            ok=hm.hours(OK),
            svg=heatmap_svg(hm, p),
        )
        for hm in maps
    ]
    legend = [{"label": STATUS_LABELS[s], "colour": COLOURS[s]} for s in (OK, SHORT, UNKNOWN, None)]
    return environment().get_template("report.html.j2").render(
        report=report,
        period=period_text(report.period_start, report.period_end),
        period_source=PERIOD_SOURCE_LABELS.get(report.period_source, report.period_source),
        counts=report.counts(),
        kinds=kinds,
        maps=views,
        legend=legend,
        findings=findings,
        notes=[p.text(n) for n in report.notes],
        n_shifts=len(roster.shifts),
        n_employees=len(roster.employees),
        pseudonymise=pseudonymise,
    )
