"""The Excel report: what a planner or contract manager opens to see what is wrong and where.

Sheets
    ``Samenvatting``  verdict, period and how it was determined, norm sets, counts per
                      check kind and severity, hours short per location, notes.
    ``Bevindingen``   every finding, one row each, with its citation; a link to the
                      first shift it concerns.
    ``Diensten``      the roster's shifts in the long form of FORMAT.md, in input
                      order; shifts named by a finding are coloured (red: violation,
                      amber: warning) and carry a comment saying why.
    ``Dekking <loc>`` per location, days × hours: green staffed, red short, amber
                      cannot verify, grey no norm (see :mod:`rostercheck.report.heatmap`).

Every text that comes from the input (or from a norm file) is written through
:func:`rostercheck.cells.safe_cell_text`, so nothing becomes a formula; characters a
workbook cannot hold (control characters) are dropped. With ``pseudonymise`` the
employee's name is never written, and free text is scrubbed of rostered names.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from rostercheck.cells import safe_cell_text
from rostercheck.findings import CheckKind, Finding, Report, Severity
from rostercheck.model import Roster
from rostercheck.report.heatmap import OK, SHORT, STATUS_LABELS, UNKNOWN, HeatMap, build_heatmaps
from rostercheck.report.labels import (
    CHECK_LABELS,
    PERIOD_SOURCE_LABELS,
    SEVERITY_LABELS,
    day_label,
    moment,
    period_text,
    unit_label,
)
from rostercheck.report.pseudonym import Pseudonymiser

# Colours a planner reads without a legend: Excel's own good / bad / neutral fills.
FILL_OK = PatternFill("solid", fgColor="C6EFCE")
FILL_SHORT = PatternFill("solid", fgColor="F4A09C")
FILL_UNKNOWN = PatternFill("solid", fgColor="FFD966")
FILL_NONE = PatternFill("solid", fgColor="EDEDED")
FILL_HEADER = PatternFill("solid", fgColor="1F4E78")
FILL_ERROR_ROW = PatternFill("solid", fgColor="FCE4E4")
FILL_WARNING_ROW = PatternFill("solid", fgColor="FFF2CC")
STATUS_FILLS = {OK: FILL_OK, SHORT: FILL_SHORT, UNKNOWN: FILL_UNKNOWN, None: FILL_NONE}
SEVERITY_FILLS = {Severity.ERROR: FILL_SHORT, Severity.WARNING: FILL_UNKNOWN, Severity.INFO: FILL_NONE}
ROW_FILLS = {Severity.ERROR: FILL_ERROR_ROW, Severity.WARNING: FILL_WARNING_ROW}

HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
THIN = Side(style="thin", color="FFFFFF")
GRID_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WEEK_BORDER = Border(left=THIN, right=THIN, top=Side(style="medium", color="1D2433"), bottom=THIN)
DATE_FMT = "dd-mm-yyyy"
DATETIME_FMT = "dd-mm-yyyy hh:mm"
TIME_FMT = "hh:mm"

SHIFTS_SHEET = "Diensten"
_MAX_COMMENT_LINES = 8


def text(value: Any) -> Any:
    """A cell value from untrusted text: no formula, no characters a workbook refuses."""
    if isinstance(value, str):
        return safe_cell_text(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _sheet_title(wb: Workbook, wanted: str) -> str:
    """A legal, unique sheet title (31 characters, none of []:*?/\\)."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in ILLEGAL_CHARACTERS_RE.sub("", wanted)).strip().strip("'")
    clean = clean[:31] or "Blad"
    title, n = clean, 2
    while title.lower() in (ws.title.lower() for ws in wb.worksheets):
        suffix = f" ({n})"
        title = clean[: 31 - len(suffix)] + suffix
        n += 1
    return title


def _header(ws: Worksheet, row: int, headers: list[str]) -> None:
    for col, h in enumerate(headers, start=1):
        c = ws.cell(row=row, column=col, value=h)
        c.font = HEADER_FONT
        c.fill = FILL_HEADER
        c.alignment = Alignment(vertical="center", wrap_text=True)


def _print_setup(ws: Worksheet, header_row: int | None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"


def _widths(ws: Worksheet, header_row: int, minimum: int = 6, maximum: int = 60) -> None:
    """Column widths from the longest line in each column (cut at ``maximum``; long texts wrap)."""
    best: dict[int, int] = defaultdict(lambda: minimum)
    for row in ws.iter_rows(min_row=header_row):
        for c in row:
            if c.value is None:
                continue
            if isinstance(c.value, datetime):
                n = 16
            else:
                n = max(len(line) for line in str(c.value).split("\n")) + 2
            best[c.column] = max(best[c.column], min(n, maximum))
    for col, width in best.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def write_xlsx_report(
    report: Report, roster: Roster, path: Path, *, pseudonymise: bool = False, catalogue=None
) -> None:
    """Write the Excel report of one roster check to ``path``."""
    wb = build_workbook(report, roster, pseudonymise=pseudonymise, catalogue=catalogue)
    wb.save(Path(path))


def xlsx_report_bytes(report: Report, roster: Roster, *, pseudonymise: bool = False, catalogue=None) -> bytes:
    """The Excel report as bytes (for ``-o -`` and the web service)."""
    import io

    buffer = io.BytesIO()
    build_workbook(report, roster, pseudonymise=pseudonymise, catalogue=catalogue).save(buffer)
    return buffer.getvalue()


def build_workbook(report: Report, roster: Roster, *, pseudonymise: bool = False, catalogue=None) -> Workbook:
    p = Pseudonymiser(roster, pseudonymise)
    maps = build_heatmaps(report, roster, catalogue)
    wb = Workbook()
    summary = wb.active
    summary.title = "Samenvatting"
    _summary_sheet(summary, report, roster, maps, pseudonymise, p)
    shift_rows = {i: i + 2 for i in range(len(roster.shifts))}  # header is row 1
    _findings_sheet(wb.create_sheet("Bevindingen"), report, roster, shift_rows, p)
    _shifts_sheet(wb.create_sheet(SHIFTS_SHEET), report, roster, p)
    for hm in maps:
        _coverage_sheet(wb.create_sheet(_sheet_title(wb, f"Dekking {hm.location}")), hm, p)
    return wb


# --- Samenvatting ---------------------------------------------------------------


def _summary_sheet(
    ws: Worksheet, report: Report, roster: Roster, maps: list[HeatMap], pseudonymise: bool, p: Pseudonymiser
) -> None:
    ws["A1"] = "Roostercontrole"
    ws["A1"].font = TITLE_FONT
    counts = report.counts()
    verdict = "Voldoet aan de normen" if report.compliant else "Voldoet NIET aan de normen"
    rows: list[tuple[str, Any]] = [
        ("Rooster", text(report.roster)),
        ("Oordeel", verdict),
        ("Periode", period_text(report.period_start, report.period_end)),
        ("Periode bepaald", PERIOD_SOURCE_LABELS.get(report.period_source, report.period_source)),
        ("Normenkaders", text(", ".join(report.norm_sets)) or "–"),
        ("Overtredingen", counts["errors"]),
        ("Waarschuwingen", counts["warnings"]),
        ("Ter informatie", counts["info"]),
        ("Namen van medewerkers", "weggelaten (alleen personeelsnummers)" if pseudonymise else "getoond"),
    ]
    r = 3
    for key, value in rows:
        ws.cell(row=r, column=1, value=key).font = Font(bold=True)
        c = ws.cell(row=r, column=2, value=value)
        if isinstance(value, datetime):
            c.number_format = DATETIME_FMT
            c.alignment = Alignment(horizontal="left")
        if key == "Oordeel":
            c.fill = FILL_OK if report.compliant else FILL_SHORT
            c.font = Font(bold=True)
        r += 1

    r += 1
    _header(ws, r, ["Controle", "Check", "Overtredingen", "Waarschuwingen", "Ter informatie"])
    per_kind: dict[CheckKind, dict[Severity, int]] = {k: defaultdict(int) for k in CheckKind}
    for f in report.findings:
        per_kind[f.check][f.severity] += 1
    for kind in CheckKind:
        r += 1
        ws.cell(row=r, column=1, value=CHECK_LABELS[kind])
        ws.cell(row=r, column=2, value=kind.value)
        for col, sev in enumerate((Severity.ERROR, Severity.WARNING, Severity.INFO), start=3):
            n = per_kind[kind][sev]
            c = ws.cell(row=r, column=col, value=n)
            if n and sev is not Severity.INFO:
                c.fill = SEVERITY_FILLS[sev]

    r += 2
    _header(ws, r, ["Locatie", "Naam", "Normenkader", "Uren tekort", "Uren niet te controleren", "Uren bezet"])
    for hm in maps:
        r += 1
        loc = roster.location_by_id.get(hm.location)
        values = [
            text(hm.location),
            text(p.text(hm.location_name)) if hm.location_name else None,
            text(loc.norm_set) if loc else None,
            hm.hours(SHORT),
            hm.hours(UNKNOWN),
            hm.hours(OK),
        ]
        for col, v in enumerate(values, start=1):
            ws.cell(row=r, column=col, value=v)
        if hm.hours(SHORT):
            ws.cell(row=r, column=4).fill = FILL_SHORT
        if hm.hours(UNKNOWN):
            ws.cell(row=r, column=5).fill = FILL_UNKNOWN

    notes = [p.text(n) for n in report.notes] + [hm.note for hm in maps if hm.note]
    if notes:
        r += 2
        ws.cell(row=r, column=1, value="Opmerkingen").font = Font(bold=True)
        for n in notes:
            r += 1
            ws.cell(row=r, column=1, value=text(n))
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 44
    for col in "CDEF":
        ws.column_dimensions[col].width = 18
    _print_setup(ws, None)
    ws.sheet_view.showGridLines = False


# --- Bevindingen ----------------------------------------------------------------

FINDING_HEADERS = [
    "Locatie", "Product", "Controle", "Check", "Ernst", "Norm", "Normenkader", "Van", "Tot",
    "Gemeten", "Vereist", "Eenheid", "Toelichting", "Document", "Sectie", "Citaat",
    "Medewerker", "Diensten (rij)",
]  # fmt: skip


def _findings_sheet(ws: Worksheet, report: Report, roster: Roster, shift_rows: dict[int, int], p: Pseudonymiser) -> None:
    _header(ws, 1, FINDING_HEADERS)
    for r, f in enumerate(report.findings, start=2):
        rows = [shift_rows[i] for i in f.shift_refs if i in shift_rows]
        values = [
            text(f.location),
            text(f.product),
            CHECK_LABELS[f.check],
            f.check.value,
            SEVERITY_LABELS[f.severity],
            text(f.norm),
            text(f.norm_set),
            f.start,
            f.end,
            f.measured,
            f.required,
            text(unit_label(f.unit)),
            text(p.text(f.message)),
            text(f.source.document),
            text(f.source.section),
            text(f.source.quote),
            text(p.person(roster, f.employee)) or None,
            ", ".join(str(x) for x in rows) or None,
        ]
        for col, v in enumerate(values, start=1):
            c = ws.cell(row=r, column=col, value=v)
            if isinstance(v, datetime):
                c.number_format = DATETIME_FMT
            if col in (13, 16):
                c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=r, column=5).fill = SEVERITY_FILLS[f.severity]
        if rows:
            link = ws.cell(row=r, column=len(values))
            link.hyperlink = f"#'{SHIFTS_SHEET}'!A{rows[0]}"
            link.font = Font(color="0563C1", underline="single")
    last = max(len(report.findings) + 1, 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_HEADERS))}{last}"
    ws.freeze_panes = "A2"
    _widths(ws, 1, maximum=50)
    for col in ("M", "P"):
        ws.column_dimensions[col].width = 60
    _print_setup(ws, 1)


# --- Diensten -------------------------------------------------------------------


def _shift_reasons(report: Report) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = defaultdict(list)
    for f in report.findings:
        for i in f.shift_refs:
            out[i].append(f)
    return out


def _comment_text(findings: list[Finding], p: Pseudonymiser) -> str:
    lines = []
    ordered = sorted(findings, key=lambda f: (f.severity.rank, f.start))
    for f in ordered[:_MAX_COMMENT_LINES]:
        lines.append(
            f"{SEVERITY_LABELS[f.severity]} – {CHECK_LABELS[f.check]} ({f.check.value}), norm {f.norm}, "
            f"{moment(f.start)}–{moment(f.end)}: {p.text(f.message)}"
        )
    if len(ordered) > _MAX_COMMENT_LINES:
        lines.append(f"… en nog {len(ordered) - _MAX_COMMENT_LINES} bevinding(en), zie het blad Bevindingen.")
    return ILLEGAL_CHARACTERS_RE.sub("", "\n".join(lines))


def _shifts_sheet(ws: Worksheet, report: Report, roster: Roster, p: Pseudonymiser) -> None:
    headers = ["medewerker"]
    if not p.enabled:
        headers.append("naam")
    headers += ["locatie", "datum", "begin", "eind", "soort", "product", "aanrijtijd_min", "opmerking"]
    extra_keys: list[str] = []
    if not p.enabled:  # unknown columns may hold anything, names included
        for s in roster.shifts:
            for k in s.extra:
                if k not in extra_keys:
                    extra_keys.append(k)
    headers += [text(k) for k in extra_keys] + ["bevindingen"]
    _header(ws, 1, headers)
    reasons = _shift_reasons(report)
    employees = roster.employee_by_id
    for i, s in enumerate(roster.shifts):
        r = i + 2
        values: list[Any] = [text(s.employee)]
        if not p.enabled:
            emp = employees.get(s.employee)
            values.append(text(emp.name) if emp is not None and emp.name else None)
        values += [
            text(s.location),
            s.start.date(),
            s.start.time(),
            s.end.time(),
            s.kind.value,
            text(s.product),
            s.response_min,
            text(p.text(s.note)),
        ]
        values += [text(s.extra.get(k)) for k in extra_keys]
        found = reasons.get(i, [])
        values.append(
            ", ".join(sorted({f"{CHECK_LABELS[f.check]} ({f.check.value})" for f in found})) or None
        )
        for col, v in enumerate(values, start=1):
            c = ws.cell(row=r, column=col, value=v)
            h = headers[col - 1]
            if h == "datum":
                c.number_format = DATE_FMT
            elif h in ("begin", "eind"):
                c.number_format = TIME_FMT
        if found:
            worst = min(found, key=lambda f: f.severity.rank).severity
            fill = ROW_FILLS.get(worst)
            if fill is not None:
                for col in range(1, len(values) + 1):
                    ws.cell(row=r, column=col).fill = fill
            comment = Comment(_comment_text(found, p), "rostercheck")
            comment.width, comment.height = 420, 160
            ws.cell(row=r, column=1).comment = comment
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(roster.shifts) + 1, 1)}"
    _widths(ws, 1, maximum=50)
    _print_setup(ws, 1)


# --- Dekking <loc> --------------------------------------------------------------

_GRID_HEADER_ROW = 4


def _coverage_sheet(ws: Worksheet, hm: HeatMap, p: Pseudonymiser) -> None:
    name = f" – {p.text(hm.location_name)}" if hm.location_name else ""
    ws["A1"] = text(f"Dekking locatie {hm.location}{name}")
    ws["A1"].font = TITLE_FONT
    # Legend: the four colours, with what they mean.
    ws.cell(row=2, column=1, value="Legenda:").font = Font(bold=True)
    col = 2
    for status in (OK, SHORT, UNKNOWN, None):
        c = ws.cell(row=2, column=col, value=STATUS_LABELS[status])
        c.fill = STATUS_FILLS[status]
        c.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 4)
        col += 5
    info = "Per uur de slechtste stand van alle bezettingsnormen; in een rode cel: gemeten/vereist aantal."
    if hm.note:
        info += " " + hm.note
    ws.cell(row=3, column=1, value=info).font = Font(italic=True, size=9)

    hr = _GRID_HEADER_ROW
    headers = ["Dag"] + [f"{h:02d}" for h in range(24)] + ["Uren tekort", "Uren onzeker"]
    _header(ws, hr, headers)
    for c in ws[hr][1:25]:
        c.alignment = Alignment(horizontal="center")
    small = Font(size=9)
    for i, day_cells in enumerate(hm.rows):
        r = hr + 1 + i
        ws.cell(row=r, column=1, value=day_label(hm.days[i]))
        if hm.days[i].weekday() >= 5:
            ws.cell(row=r, column=1).font = Font(bold=True)
        week_start = hm.days[i].weekday() == 0 and i > 0  # a line between weeks: planners roster per week
        if week_start:
            ws.cell(row=r, column=1).border = WEEK_BORDER
        for h, cell in enumerate(day_cells):
            c = ws.cell(row=r, column=2 + h, value=cell.short_text() or None)
            c.fill = STATUS_FILLS[cell.status]
            c.border = WEEK_BORDER if week_start else GRID_BORDER
            c.font = small
            c.alignment = Alignment(horizontal="center")
            if cell.status in (SHORT, UNKNOWN):
                comment = Comment(ILLEGAL_CHARACTERS_RE.sub("", cell.tooltip(hm.norm_titles)), "rostercheck")
                comment.width, comment.height = 360, 120
                c.comment = comment
        short, unknown = hm.day_hours(i, SHORT), hm.day_hours(i, UNKNOWN)
        ws.cell(row=r, column=26, value=short).fill = FILL_SHORT if short else PatternFill()
        ws.cell(row=r, column=27, value=unknown).fill = FILL_UNKNOWN if unknown else PatternFill()
    last = hr + len(hm.rows)
    ws.cell(row=last + 1, column=1, value="Totaal").font = Font(bold=True)
    ws.cell(row=last + 1, column=26, value=hm.hours(SHORT)).font = Font(bold=True)
    ws.cell(row=last + 1, column=27, value=hm.hours(UNKNOWN)).font = Font(bold=True)
    ws.freeze_panes = ws.cell(row=hr + 1, column=2)
    ws.auto_filter.ref = f"A{hr}:{get_column_letter(27)}{max(last, hr)}"
    ws.column_dimensions["A"].width = 16
    for h in range(24):
        ws.column_dimensions[get_column_letter(2 + h)].width = 4.6
    ws.column_dimensions[get_column_letter(26)].width = 12
    ws.column_dimensions[get_column_letter(27)].width = 13
    _print_setup(ws, hr)
