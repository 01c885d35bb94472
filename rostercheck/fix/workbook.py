"""The fixed workbook is the planner's own: a copy of the input with only the changed rows different.

When the input is a long-form ``.xlsx``, the copy is edited with openpyxl, so the
planner's formats, comments, column widths, freeze panes and extra sheets survive.
In ``Diensten`` a changed row keeps its place and its formats and is marked (fill
and a comment with the reason); a dropped shift's row goes; an added shift gets a
row of its own in date order, formatted like the row above it and marked too. The
sheet ``Wijzigingen`` comes first, with a one-sentence reason per change.

A grid-form ``.xlsx`` gets its own grid back, cell by cell (``fix.grid_workbook``), with
the long form next to it; CSV folders, ``.ods`` and mapped exports are written in the
long form (``workbook.write``).
"""

from __future__ import annotations

from copy import copy
from datetime import datetime
from pathlib import Path

from rostercheck.cells import safe_cell
from rostercheck.model import Shift

CHANGED_FILL = "FFF2CC"  # light yellow: a row the fixer changed
ADDED_FILL = "E2EFDA"  # light green: a row the fixer added
AUTHOR = "rostercheck fix"


def _shift_columns(ws) -> dict[str, int]:
    """Field -> column number of the Diensten sheet, from its header row (as the reader maps it)."""
    from rostercheck.workbook.read import SHIFTS
    from rostercheck.workbook.texts import header_key

    lookup = {header_key(n): c.field for c in SHIFTS.cols for n in c.names}
    out: dict[str, int] = {}
    for cell in ws[1]:
        if isinstance(cell.value, str):
            fld = lookup.get(header_key(cell.value))
            if fld is not None and fld not in out:
                out[fld] = cell.column
    return out


def _values(s: Shift) -> dict[str, object]:
    from rostercheck.workbook.write import _GETTERS

    return {fld: get(s) for fld, get in _GETTERS["Diensten"].items()}


def edit_copy(source: Path, path: Path, changes: list, reasons: list[str],
              sheets: list[tuple[str, list[str], list[list]]]) -> bool:
    """Write ``path`` as ``source`` with ``changes`` applied in ``Diensten``. False when the
    source is not a long-form workbook whose changed rows are known (the caller then
    writes the long form from the roster)."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    if source is None or Path(source).suffix.lower() not in (".xlsx", ".xlsm") or not Path(source).is_file():
        return False
    rows_of = [ch.before.place for ch in changes if ch.before is not None]
    if any(p is None or p.row is None for p in rows_of):
        return False
    sheet_names = {p.sheet for p in rows_of}
    wb = load_workbook(source)
    name = next(iter(sheet_names)) if len(sheet_names) == 1 else None
    if name is None:
        from rostercheck.workbook.read import SHIFTS

        wanted = {n.casefold() for n in (SHIFTS.name, *SHIFTS.aliases)}
        name = next((ws.title for ws in wb.worksheets if ws.title.casefold() in wanted), None)
    if name is None or name not in wb.sheetnames:
        return False
    ws = wb[name]
    cols = _shift_columns(ws)
    if not {"employee", "location", "date", "start", "end", "kind"} <= set(cols):
        return False
    width = max(ws.max_column, *cols.values())
    changed_fill = PatternFill("solid", start_color=CHANGED_FILL, end_color=CHANGED_FILL)
    added_fill = PatternFill("solid", start_color=ADDED_FILL, end_color=ADDED_FILL)

    # Snapshot of every data row: (value, style, comment, hyperlink) per column.
    def snap(r: int) -> list[tuple]:
        return [(c.value, copy(c._style), c.comment, c.hyperlink) for c in
                (ws.cell(row=r, column=j) for j in range(1, width + 1))]

    last = ws.max_row
    original = {r: snap(r) for r in range(2, last + 1)}
    by_row = {ch.before.place.row: (ch, why) for ch, why in zip(changes, reasons) if ch.before is not None}
    added = sorted(((ch, why) for ch, why in zip(changes, reasons) if ch.before is None),
                   key=lambda cw: (cw[0].after.start, cw[0].after.location, cw[0].after.employee))
    starts: dict[int, datetime] = {}
    for ch, _ in by_row.values():
        starts[ch.before.place.row] = ch.before.start

    plan: list[tuple] = []  # ("row", r, change, reason) | ("new", template row, change, reason)
    pending = list(added)
    row_start = _row_starts(ws, cols, last)
    for r in range(2, last + 1):
        start = row_start.get(r)
        while pending and start is not None and pending[0][0].after.start < start:
            ch, why = pending.pop(0)
            plan.append(("new", r - 1 if r > 2 else r, ch, why))
        entry = by_row.get(r)
        if entry is not None and entry[0].after is None:
            continue  # the dropped shift's row goes
        plan.append(("row", r, *(entry or (None, None))))
    for ch, why in pending:
        plan.append(("new", last, ch, why))

    for i, (what, r, ch, why) in enumerate(plan, start=2):
        cells = original.get(r) or [(None, None, None, None)] * width
        for j in range(1, width + 1):
            value, style, comment, link = cells[j - 1]
            cell = ws.cell(row=i, column=j)
            if style is not None:
                cell._style = copy(style)
            if what == "new":
                value, comment, link = None, None, None
            cell.value = value
            cell.comment = Comment(comment.text, comment.author) if comment is not None else None
            cell.hyperlink = link
        if ch is None:
            continue
        new_values = _values(ch.after)
        for fld, j in cols.items():
            if what == "new" or new_values.get(fld) != _values(ch.before).get(fld):
                ws.cell(row=i, column=j).value = safe_cell(new_values.get(fld))
        fill = added_fill if what == "new" else changed_fill
        for j in range(1, width + 1):
            ws.cell(row=i, column=j).fill = fill
        first = ws.cell(row=i, column=cols["employee"])
        first.comment = Comment(f"{AUTHOR}: {why}", AUTHOR, width=360, height=120)
    end = len(plan) + 1
    if ws.max_row > end:
        ws.delete_rows(end + 1, ws.max_row - end)

    put_sheets_first(wb, sheets)
    wb.save(path)
    return True


def put_sheets_first(wb, sheets: list[tuple[str, list[str], list[list]]]) -> None:
    """The fixer's sheets (``Wijzigingen`` first, then the others) at the front of an openpyxl
    workbook, replacing any of that name, and opened on the first."""
    for title, headers, rows in sheets:
        if title in wb.sheetnames:
            del wb[title]
        out = wb.create_sheet(title, 0 if title == sheets[0][0] else 1)
        out.append([safe_cell(h) for h in headers])
        for row in rows:
            out.append([safe_cell(v) for v in row])
        out.freeze_panes = "A2"
        for k, h in enumerate(headers, start=1):
            out.column_dimensions[out.cell(row=1, column=k).column_letter].width = max(10, min(80, len(str(h)) + 4))
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False


def _row_starts(ws, cols: dict[str, int], last: int) -> dict[int, datetime]:
    """The start of the shift on each Diensten row, where the row reads as one (for date order)."""
    from datetime import date, time

    out: dict[int, datetime] = {}
    for r in range(2, last + 1):
        d = ws.cell(row=r, column=cols["date"]).value
        t = ws.cell(row=r, column=cols["start"]).value
        if isinstance(d, datetime):
            d = d.date()
        if isinstance(d, str):
            try:
                d = date.fromisoformat(d.strip()[:10])
            except ValueError:
                continue
        if isinstance(t, datetime):
            t = t.time()
        if isinstance(t, str):
            try:
                hh, mm = t.strip().split(":")[:2]
                t = time(int(hh) % 24, int(mm))
            except ValueError:
                continue
        if isinstance(d, date) and isinstance(t, time):
            out[r] = datetime.combine(d, t)
    return out
