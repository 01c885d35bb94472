"""Cell styles and helpers of the workbooks written with openpyxl (the audit summary),
and the colours every Excel output shares (the report written with xlsxwriter takes
its colours from here)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from rostercheck.cells import safe_cell_text
from rostercheck.findings import Severity
from rostercheck.report.heatmap import OK, SHORT, UNKNOWN

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


