"""The Excel report: what a planner or contract manager opens to see what is wrong and where.

Sheets
    ``Samenvatting``  verdict, period and how it was determined, norm sets, counts per
                      check kind and severity, notes.
    ``Overzicht``     every location by calendar month: violations, warnings and the
                      real hours short (see :mod:`rostercheck.report.overview`).
    ``Bevindingen``   every finding, one row each. The first columns are the printable
                      sheet (A4 landscape, one page wide, wrapped rows sized to their
                      text): severity, location, window, norm by title, explanation,
                      measured against required, source by title. The columns after
                      them (outside the print area) hold the same finding as data:
                      times, ids, the quote, the employee, a link to the first shift.
    ``Diensten``      the roster's shifts in the long form of FORMAT.md, in input
                      order; shifts named by a finding are coloured (red: violation,
                      amber: warning) and carry a comment saying why.
    ``Dekking <loc>`` per location with a map: days × hours per month, green staffed,
                      red short, amber cannot verify, grey no norm (see
                      :mod:`rostercheck.report.heatmap`); only months with a coverage
                      finding, or every month on a small roster.

Written with xlsxwriter in its constant-memory mode, row by row: a 100-location year
(140,000 shifts) is written in seconds, where building the same styled workbook in
openpyxl took about a minute and 1.6 GB.

Every text that comes from the input (or from a norm file) is written as a string
through :func:`rostercheck.report.sheets.text`, so nothing becomes a formula;
characters a workbook cannot hold are dropped. With ``pseudonymise`` the employee's
name is never written, and free text is scrubbed of rostered names.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import xlsxwriter
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from rostercheck import wording
from rostercheck.findings import CheckKind, Finding, Report, Severity
from rostercheck.model import Roster, shift_rows
from rostercheck.report.heatmap import OK, SHORT, STATUS_LABELS, UNKNOWN, HeatMap, catalogue_or_none, merged_hours
from rostercheck.report.overview import Overview, build_overview
from rostercheck.report.pseudonym import Pseudonymiser
from rostercheck.report.sheets import (  # noqa: F401 - the colours, shared with the audit workbook
    FILL_ERROR_ROW,
    FILL_HEADER,
    FILL_NONE,
    FILL_OK,
    FILL_SHORT,
    FILL_UNKNOWN,
    FILL_WARNING_ROW,
    text,
)
from rostercheck.wording import CHECK_LABELS, PERIOD_SOURCE_LABELS, SEVERITY_LABELS

SHIFTS_SHEET = "Diensten"
# Up to this many shifts the sheet Diensten holds the whole roster; above it only the
# shifts a finding names (with their number in the input order). A cell costs
# xlsxwriter some 15 µs: 140,000 shifts × 11 columns alone took longer than the whole
# check, and nobody reads a year of shifts in a report — the input file has them.
FULL_SHIFTS_UP_TO = 20_000
FINDINGS_SHEET = "Bevindingen"
_MAX_COMMENT_LINES = 8
DATE_FMT = "dd-mm-yyyy"
DATETIME_FMT = "dd-mm-yyyy hh:mm"
TIME_FMT = "hh:mm"


def _hex(fill) -> str:
    return "#" + fill.fgColor.rgb[-6:]


STATUS_COLOURS = {OK: _hex(FILL_OK), SHORT: _hex(FILL_SHORT), UNKNOWN: _hex(FILL_UNKNOWN), None: _hex(FILL_NONE)}
SEVERITY_COLOURS = {Severity.ERROR: _hex(FILL_SHORT), Severity.WARNING: _hex(FILL_UNKNOWN), Severity.INFO: _hex(FILL_NONE)}
ROW_COLOURS = {Severity.ERROR: _hex(FILL_ERROR_ROW), Severity.WARNING: _hex(FILL_WARNING_ROW)}


class _Formats:
    """The workbook's cell formats, made once (xlsxwriter formats belong to one workbook)."""

    def __init__(self, wb: xlsxwriter.Workbook):
        f = wb.add_format
        self.title = f({"bold": True, "font_size": 14})
        self.bold = f({"bold": True})
        self.italic = f({"italic": True, "font_size": 9})
        self.header = f({"bold": True, "font_color": "#FFFFFF", "bg_color": _hex(FILL_HEADER), "text_wrap": True,
                         "valign": "vcenter"})  # fmt: skip
        self.wrap = f({"text_wrap": True, "valign": "top"})
        self.top = f({"valign": "top"})
        self.date = f({"num_format": DATE_FMT})
        self.time = f({"num_format": TIME_FMT})
        self.datetime = f({"num_format": DATETIME_FMT, "valign": "top"})
        self.link = f({"font_color": "#0563C1", "underline": 1, "valign": "top"})
        self.severity = {s: f({"bg_color": c, "valign": "top"}) for s, c in SEVERITY_COLOURS.items()}
        self.count = {s: f({"bg_color": c}) for s, c in SEVERITY_COLOURS.items()}
        self.verdict = {True: f({"bold": True, "bg_color": STATUS_COLOURS[OK]}),
                        False: f({"bold": True, "bg_color": STATUS_COLOURS[SHORT]})}  # fmt: skip
        self.row = {s: f({"bg_color": c}) for s, c in ROW_COLOURS.items()}
        self.row_date = {s: f({"bg_color": c, "num_format": DATE_FMT}) for s, c in ROW_COLOURS.items()}
        self.row_time = {s: f({"bg_color": c, "num_format": TIME_FMT}) for s, c in ROW_COLOURS.items()}
        grid = {"font_size": 9, "align": "center", "border": 1, "border_color": "#FFFFFF"}
        week = {"top": 2, "top_color": "#1D2433"}
        self.cell = {(s, w): f(grid | {"bg_color": c} | (week if w else {})) for s, c in STATUS_COLOURS.items()
                     for w in (False, True)}  # fmt: skip
        self.day = {(we, w): f({"bold": we} | (week if w else {})) for we in (False, True) for w in (False, True)}
        self.status = {s: f({"bg_color": c, "align": "center"}) for s, c in STATUS_COLOURS.items()}
        self.short = f({"bg_color": STATUS_COLOURS[SHORT]})
        self.unknown = f({"bg_color": STATUS_COLOURS[UNKNOWN]})
        self.month_cell = {s: f({"bg_color": c, "align": "center"}) for s, c in STATUS_COLOURS.items()}


def _s(ws, row: int, col: int, value: Any, fmt=None) -> None:
    """Write one cell by its type: text always as a string (never a formula or a URL)."""
    if value is None or value == "":
        if fmt is not None:
            ws.write_blank(row, col, None, fmt)
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, (datetime, date, time)):
        ws.write_datetime(row, col, value, fmt)
    else:
        ws.write_string(row, col, ILLEGAL_CHARACTERS_RE.sub("", str(value))[:32767], fmt)


def _header(ws, row: int, headers: list[str], fm: _Formats) -> None:
    for col, h in enumerate(headers):
        ws.write_string(row, col, h, fm.header)


def _print_setup(ws, header_row: int | None, columns: int | None = None, rows: int | None = None) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many down as needed
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if header_row is not None:
        ws.repeat_rows(header_row)
    if columns is not None:
        ws.print_area(0, 0, max(rows or 0, 1), columns - 1)


def _sheet_title(used: set[str], wanted: str) -> str:
    """A legal, unique sheet title (31 characters, none of []:*?/\\)."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in ILLEGAL_CHARACTERS_RE.sub("", wanted)).strip().strip("'")
    clean = clean[:31] or "Blad"
    title, n = clean, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title


def write_xlsx_report(report: Report, roster: Roster, path: Path | BinaryIO, *, pseudonymise: bool = False,
                      catalogue=None) -> None:  # fmt: skip
    """Write the Excel report of one roster check to ``path`` (a file name or a binary stream)."""
    target = str(path) if isinstance(path, (str, Path)) else path
    p = Pseudonymiser(roster, pseudonymise)
    catalogue = catalogue_or_none(catalogue)
    overview = build_overview(report, roster, catalogue)
    # constant_memory writes each row out as the next one starts: rows go in order.
    wb = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False, "strings_to_formulas": False,
                                      "strings_to_urls": False, "strings_to_numbers": False})  # fmt: skip
    fm = _Formats(wb)
    used: set[str] = set()
    listed = _listed_shifts(report, roster)
    sheet_rows = {index: row for row, index in enumerate(listed, start=2)}  # shift index -> row on Diensten
    _summary_sheet(wb.add_worksheet(_sheet_title(used, "Samenvatting")), report, roster, overview, pseudonymise, p, fm,
                   len(listed))  # fmt: skip
    _overview_sheet(wb.add_worksheet(_sheet_title(used, "Overzicht")), overview, p, fm)
    _findings_sheet(wb.add_worksheet(_sheet_title(used, FINDINGS_SHEET)), report, roster, p, catalogue, fm, sheet_rows)
    _shifts_sheet(wb.add_worksheet(_sheet_title(used, SHIFTS_SHEET)), report, roster, p, fm, listed)
    for row in overview.rows:
        if row.maps:
            _coverage_sheet(wb.add_worksheet(_sheet_title(used, f"Dekking {row.location}")), row.maps, p, fm)
    wb.close()


def _listed_shifts(report: Report, roster: Roster) -> list[int]:
    """The shifts the sheet Diensten shows, by index in input order."""
    n = len(roster.shifts)
    if n <= FULL_SHIFTS_UP_TO:
        return list(range(n))
    return sorted({i for f in report.findings for i in f.shift_refs if 0 <= i < n})


def xlsx_report_bytes(report: Report, roster: Roster, *, pseudonymise: bool = False, catalogue=None) -> bytes:
    """The Excel report as bytes (for ``-o -`` and the web service)."""
    buffer = io.BytesIO()
    write_xlsx_report(report, roster, buffer, pseudonymise=pseudonymise, catalogue=catalogue)
    return buffer.getvalue()


# --- Samenvatting ---------------------------------------------------------------


def _summary_sheet(ws, report: Report, roster: Roster, overview: Overview, pseudonymise: bool, p: Pseudonymiser,
                   fm: _Formats, listed: int) -> None:  # fmt: skip
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 44)
    ws.set_column(2, 5, 18)
    _s(ws, 0, 0, "Roostercontrole", fm.title)
    counts = report.counts()
    verdict = "Voldoet aan de normen" if report.compliant else "Voldoet NIET aan de normen"
    rows: list[tuple[str, Any]] = [
        ("Rooster", text(report.roster)),
        ("Oordeel", verdict),
        ("Periode", wording.period_text(report.period_start, report.period_end)),
        ("Periode bepaald", PERIOD_SOURCE_LABELS.get(report.period_source, report.period_source)),
        ("Normenkaders", text(", ".join(report.norm_sets)) or "–"),
        ("Overtredingen", counts["errors"]),
        ("Waarschuwingen", counts["warnings"]),
        ("Ter informatie", counts["info"]),
        ("Namen van medewerkers", "weggelaten (alleen personeelsnummers)" if pseudonymise else "getoond"),
    ]
    r = 2
    for key, value in rows:
        _s(ws, r, 0, key, fm.bold)
        _s(ws, r, 1, value, fm.verdict[report.compliant] if key == "Oordeel" else None)
        r += 1
    r += 1
    _header(ws, r, ["Controle", "Check", "Overtredingen", "Waarschuwingen", "Ter informatie"], fm)
    per_kind: dict[CheckKind, dict[Severity, int]] = {k: defaultdict(int) for k in CheckKind}
    for f in report.findings:
        per_kind[f.check][f.severity] += 1
    for kind in CheckKind:
        r += 1
        _s(ws, r, 0, CHECK_LABELS[kind])
        _s(ws, r, 1, kind.value)
        for col, sev in enumerate((Severity.ERROR, Severity.WARNING, Severity.INFO), start=2):
            n = per_kind[kind][sev]
            _s(ws, r, col, n, fm.count[sev] if n and sev is not Severity.INFO else None)
    notes = [p.text(n) for n in report.notes] + sorted({m.note for m in overview.maps if m.note})
    if listed < len(roster.shifts):
        notes.append(
            f"Het blad {SHIFTS_SHEET} toont alleen de {wording.number(listed, 0)} diensten waar een bevinding over gaat "
            f"(van de {wording.number(len(roster.shifts), 0)}); het volledige rooster staat in het invoerbestand."
        )
    if notes:
        r += 2
        _s(ws, r, 0, "Opmerkingen", fm.bold)
        for n in notes:
            r += 1
            _s(ws, r, 0, text(n))
    _print_setup(ws, None)


# --- Overzicht ------------------------------------------------------------------


def _overview_sheet(ws, overview: Overview, p: Pseudonymiser, fm: _Formats) -> None:
    months = [wording.month_label(m.year, m.month) for m in overview.months]
    headers = ["Locatie", "Naam", "Normenkader"] + months + ["Overtredingen", "Waarschuwingen", "Uren tekort"]
    _s(ws, 0, 0, "Per locatie en maand: overtredingen / waarschuwingen, en de uren tekort aan bezetting", fm.bold)
    _header(ws, 1, headers, fm)
    for i, row in enumerate(overview.rows, start=2):
        _s(ws, i, 0, text(row.location))
        _s(ws, i, 1, text(p.text(row.name)) if row.name else None)
        _s(ws, i, 2, text(row.norm_set))
        for j, c in enumerate(row.cells, start=3):
            status = SHORT if c.errors else (UNKNOWN if c.warnings else OK)
            value = f"{c.errors} / {c.warnings}" + (f" · {wording.hours(c.short_hours)}" if c.short_hours else "")
            _s(ws, i, j, value, fm.month_cell[status])
        k = 3 + len(row.cells)
        _s(ws, i, k, row.errors, fm.short if row.errors else None)
        _s(ws, i, k + 1, row.warnings, fm.unknown if row.warnings else None)
        _s(ws, i, k + 2, round(row.short_hours, 2))
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 24)
    ws.set_column(2, 2, 18)
    ws.set_column(3, 2 + len(months), 17)
    ws.set_column(3 + len(months), 5 + len(months), 14)
    ws.freeze_panes(2, 1)
    ws.autofilter(1, 0, max(1 + len(overview.rows), 1), len(headers) - 1)
    _print_setup(ws, 1)


# --- Bevindingen ----------------------------------------------------------------

# (header, width): the printable part first; the data columns after it.
PRINTED = [("Ernst", 13), ("Locatie", 11), ("Venster", 25), ("Norm", 28), ("Toelichting", 56),
           ("Gemeten / vereist", 16), ("Bron", 34)]  # fmt: skip
DATA = [("Van", 16), ("Tot", 16), ("Gemeten", 9), ("Vereist", 9), ("Eenheid", 12), ("Controle", 16), ("Check", 12),
        ("Norm-id", 22), ("Normenkader", 16), ("Product", 10), ("Medewerker", 20), ("Document", 24), ("Sectie", 24),
        ("Citaat", 50), ("Diensten (rij)", 14)]  # fmt: skip
FINDING_HEADERS = [h for h, _ in PRINTED + DATA]
_WRAPPED = {2: 25, 3: 28, 4: 56, 5: 16, 6: 34}  # column -> characters per line, for the row height


def _finding_row_height(values: list[str]) -> float | None:
    lines = 1
    for col, width in _WRAPPED.items():
        v = values[col]
        if v:
            lines = max(lines, sum(max(1, math.ceil(len(part) / (width * 0.95))) for part in str(v).split("\n")))
    return None if lines == 1 else 15 * lines


def _findings_sheet(ws, report: Report, roster: Roster, p: Pseudonymiser, catalogue, fm: _Formats,
                    sheet_rows: dict[int, int]) -> None:  # fmt: skip
    for col, (_, width) in enumerate(PRINTED + DATA):
        ws.set_column(col, col, width)
    _header(ws, 0, FINDING_HEADERS, fm)
    ws.set_row(0, 30)
    for r, f in enumerate(report.findings, start=1):
        rows = [sheet_rows[i] for i in f.shift_refs if i in sheet_rows]
        source = wording.document_title(catalogue, f.source.document) + (f", {f.source.section}" if f.source.section else "")
        if f.measured is None and f.required is None:
            figures = ""
        else:
            figures = f"{wording.value_text(f.measured, f.unit)} / {wording.value_text(f.required, f.unit)}"
        who = f"{p.person(roster, f.employee)}: " if f.employee else ""
        printed = [
            SEVERITY_LABELS[f.severity],
            text(f.location) or "–",
            text(who + wording.span(f.start, f.end)),
            text(wording.norm_title(catalogue, f.norm_set, f.norm)),
            text(p.text(f.message)),
            figures,
            text(source),
        ]
        height = _finding_row_height(printed)
        if height is not None:
            ws.set_row(r, height)
        _s(ws, r, 0, printed[0], fm.severity[f.severity])
        for col in range(1, len(printed)):
            _s(ws, r, col, printed[col], fm.wrap)
        data = [
            f.start, f.end, f.measured, f.required, text(wording.unit_label(f.unit)), CHECK_LABELS[f.check],
            f.check.value, text(f.norm), text(f.norm_set), text(f.product), text(p.person(roster, f.employee)) or None,
            text(f.source.document), text(f.source.section), text(f.source.quote),
        ]  # fmt: skip
        for col, v in enumerate(data, start=len(printed)):
            _s(ws, r, col, v, fm.datetime if isinstance(v, datetime) else fm.top)
        last = len(FINDING_HEADERS) - 1
        if rows:
            ws.write_url(r, last, f"internal:'{SHIFTS_SHEET}'!A{rows[0]}", fm.link,
                         string=", ".join(str(x) for x in rows)[:32767])  # fmt: skip
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(report.findings), 1), len(FINDING_HEADERS) - 1)
    _print_setup(ws, 0, columns=len(PRINTED), rows=len(report.findings))


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
            f"{wording.moment(f.start)}–{wording.moment(f.end)}: {p.text(f.message)}"
        )
    if len(ordered) > _MAX_COMMENT_LINES:
        lines.append(f"… en nog {len(ordered) - _MAX_COMMENT_LINES} bevinding(en), zie het blad Bevindingen.")
    return ILLEGAL_CHARACTERS_RE.sub("", "\n".join(lines))


def _shifts_sheet(ws, report: Report, roster: Roster, p: Pseudonymiser, fm: _Formats, listed: list[int]) -> None:
    headers = ["medewerker"]
    if not p.enabled:
        headers.append("naam")
    headers += ["locatie", "datum", "begin", "eind", "soort", "product", "aanrijtijd_min", "opmerking"]
    extra_keys: list[str] = []
    if not p.enabled:  # unknown columns may hold anything, names included
        seen = set()
        for s in shift_rows(roster.shifts):
            for k in s.extra:
                if k not in seen:
                    seen.add(k)
                    extra_keys.append(k)
    headers += [text(k) for k in extra_keys] + ["bevindingen", "dienst nr"]
    widths = {"medewerker": 12, "naam": 22, "locatie": 10, "datum": 11, "begin": 7, "eind": 7, "soort": 13,
              "product": 10, "aanrijtijd_min": 14, "opmerking": 30, "bevindingen": 40}  # fmt: skip
    for col, h in enumerate(headers):
        ws.set_column(col, col, widths.get(h, 14))
    _header(ws, 0, headers, fm)
    reasons = _shift_reasons(report)
    employees = roster.employee_by_id
    named = not p.enabled
    scrub = p.text if p.enabled else (lambda v: v)
    ws_string, ws_number, ws_datetime = ws.write_string, ws.write_number, ws.write_datetime
    d_fmt, t_fmt = fm.date, fm.time
    shifts = shift_rows(roster.shifts)
    for r, i in enumerate(listed, start=1):
        s = shifts[i]
        found = reasons.get(i)
        if found:
            worst = min(found, key=lambda f: f.severity.rank).severity
            row_fmt, d_fmt, t_fmt = fm.row.get(worst), fm.row_date.get(worst, fm.date), fm.row_time.get(worst, fm.time)
        else:
            row_fmt, d_fmt, t_fmt = None, fm.date, fm.time
        values: list[Any] = [s.employee]
        if named:
            emp = employees.get(s.employee)
            values.append(emp.name if emp is not None and emp.name else None)
        values += [s.location, None, None, None, s.kind.value, s.product, s.response_min, scrub(s.note)]
        values += [s.extra.get(k) for k in extra_keys]
        values.append(", ".join(sorted({f"{CHECK_LABELS[f.check]} ({f.check.value})" for f in found})) if found else None)
        values.append(i + 1)  # its place in the input order: the way back to the roster file
        date_col = 2 if not named else 3
        for col, v in enumerate(values):
            if col == date_col:
                ws_datetime(r, col, datetime.combine(s.start.date(), time(0)), d_fmt)
            elif col in (date_col + 1, date_col + 2):
                ws_datetime(r, col, (s.start if col == date_col + 1 else s.end).time(), t_fmt)
            elif v is None:
                if row_fmt is not None:
                    ws.write_blank(r, col, None, row_fmt)
            elif isinstance(v, str):
                ws_string(r, col, text(v), row_fmt)
            else:
                ws_number(r, col, v, row_fmt)
        if found:
            ws.write_comment(r, 0, _comment_text(found, p), {"author": "rostercheck", "x_scale": 3, "y_scale": 2})
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, max(len(listed), 1), len(headers) - 1)
    _print_setup(ws, 0)


# --- Dekking <loc> --------------------------------------------------------------


def _coverage_sheet(ws, maps: list[HeatMap], p: Pseudonymiser, fm: _Formats) -> None:
    first = maps[0]
    name = f" – {p.text(first.location_name)}" if first.location_name else ""
    _s(ws, 0, 0, text(f"Dekking locatie {first.location}{name}"), fm.title)
    _s(ws, 1, 0, "Legenda:", fm.bold)
    col = 1
    for status in (OK, SHORT, UNKNOWN, None):
        ws.merge_range(1, col, 1, col + 4, STATUS_LABELS[status], fm.status[status])
        col += 5
    info = "Per uur de slechtste stand van alle bezettingsnormen; in een rode cel: gemeten/vereist aantal."
    notes = sorted({m.note for m in maps if m.note})
    _s(ws, 2, 0, " ".join([info] + notes), fm.italic)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 24, 4.6)
    ws.set_column(25, 25, 12)
    ws.set_column(26, 26, 13)
    r = 3
    header_rows = []
    for hm in maps:
        if not hm.days:
            continue
        month = wording.month_label(hm.days[0].year, hm.days[0].month)
        _s(ws, r, 0, f"{month}: {wording.hours(hm.short_hours)} tekort, {wording.hours(hm.unknown_hours)} niet te controleren",
           fm.bold)  # fmt: skip
        r += 1
        _header(ws, r, ["Dag"] + [f"{h:02d}" for h in range(24)] + ["Uren tekort", "Uren onzeker"], fm)
        header_rows.append(r)
        errors = [w for w in hm.windows if w.severity is Severity.ERROR]
        for i, day_cells in enumerate(hm.rows):
            r += 1
            day = hm.days[i]
            week_start = day.weekday() == 0 and i > 0  # a line between weeks: planners roster per week
            _s(ws, r, 0, wording.day_label(day), fm.day[(day.weekday() >= 5, week_start)])
            for h, cell in enumerate(day_cells):
                ws.write_string(r, 1 + h, cell.short_text(), fm.cell[(cell.status, week_start)])
                if cell.status in (SHORT, UNKNOWN):
                    ws.write_comment(r, 1 + h, ILLEGAL_CHARACTERS_RE.sub("", cell.tooltip(hm.norm_titles)),
                                     {"author": "rostercheck", "x_scale": 2.5, "y_scale": 1.6})  # fmt: skip
            start = datetime.combine(day, time(0))
            short = merged_hours(errors, start, start + timedelta(days=1))
            unknown = merged_hours([n for c in day_cells for n in c.notes if n.status == UNKNOWN])
            _s(ws, r, 25, round(short, 2), fm.short if short else None)
            _s(ws, r, 26, round(unknown, 2), fm.unknown if unknown else None)
        r += 1
        _s(ws, r, 0, "Totaal", fm.bold)
        _s(ws, r, 25, round(hm.short_hours, 2), fm.bold)
        _s(ws, r, 26, round(hm.unknown_hours, 2), fm.bold)
        r += 2
    if header_rows:
        ws.freeze_panes(header_rows[0] + 1, 1)
        ws.autofilter(header_rows[0], 0, header_rows[0] + len(maps[0].rows), 26)
        _print_setup(ws, header_rows[0])
    else:
        _print_setup(ws, None)
