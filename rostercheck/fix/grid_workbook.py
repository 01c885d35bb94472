"""A grid-form input gets its own grid back: the planner's ``Rooster`` with only the changed cells different.

What it does
    The fixer's changes are written into a copy of the planner's workbook (openpyxl),
    cell by cell, in the planner's own shift codes (``Dienstcodes``, FORMAT.md "Grid
    form"): a reassigned shift's code moves from the old person's cell to the new
    person's cell on that date; an added shift gets the code whose definition gives
    exactly that shift; a removed shift's code is taken out of its cell. A cell may hold
    several codes "separated by `/` or `+`" (FORMAT.md), so a second shift on a day
    is written after the first with the cell's own separator (else ``/``); a day-off
    code (a code with no times and no soort) in the cell gives way to the shift.
    Changed cells are filled (yellow: a code taken out or changed, green: a code put
    in) and carry a comment with the same one-sentence reason as ``Wijzigingen``.

Why not everything
    A change maps onto the grid only when a code, read back in that row the way the
    reader reads it (``workbook.grid``: the code's location, else the row's; its times,
    kind, response time and product), gives exactly the fixed shift. A new time span
    without a code, a person without a row in the grid, a date without a column, or a
    response time no code gives does not map. Such a change is left out of the grid
    as a whole (the old cell stays as it was, filled orange with a comment saying so),
    so the grid is always the original roster plus exactly the changes that map. The
    long form, written next to it, holds every change: it is the contract (FORMAT.md:
    "anything that writes a roster ... writes the long form").

Verification
    After writing, the grid is read back with the reader and compared with what it
    must hold; a difference is reported, never left silent.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rostercheck.cells import safe_cell
from rostercheck.fix.workbook import put_sheets_first
from rostercheck.model import GridLayout, Roster, Shift, ShiftCode, ShiftKind

CHANGED_FILL = "FFF2CC"  # light yellow: a code taken out or changed (as the long form marks a changed row)
ADDED_FILL = "E2EFDA"  # light green: a code put in (as the long form marks an added row)
NOT_IN_GRID_FILL = "F8CBAD"  # light orange: a change the grid cannot hold; the long form has it
AUTHOR = "rostercheck fix"
UNWRITABLE = "\x00"  # grid_cell_texts: a cell the fixer leaves alone, and why
SEPARATORS = "/+"  # FORMAT.md: "one or more shift codes separated by `/` or `+`"


@dataclass
class CellEdit:
    row: int
    column: str
    fill: str
    text: str  # the comment: what changed in this cell and why
    label: str = ""  # short, for Wijzigingen: "NW weg", "NW erbij"


@dataclass
class GridChange:
    """How one change lands in the grid: the cells it edits, or why it cannot."""

    in_grid: bool
    cells: list[CellEdit] = field(default_factory=list)
    code: str | None = None  # the code the fixed shift has in the grid (None: none, or removed)
    why_not: str = ""  # Dutch, for the planner: why the grid cannot hold it

    def where(self) -> str:
        return "; ".join(f"{c.column}{c.row} {c.label}".strip() for c in self.cells)


@dataclass
class GridPlan:
    layout: GridLayout
    changes: list[GridChange]
    cells: dict[tuple[int, str], list[str]]  # the codes each edited cell holds after the fix
    separators: dict[tuple[int, str], str]
    expected: list[Shift]  # what the written grid must read back as


def _key(roster: Roster, s: Shift) -> tuple:
    """What makes two shifts the same shift for every check (response time as the checks see it)."""
    return (s.employee, s.location, s.start, s.end, s.kind, s.product, roster.response_min(s))


def _split(text: str) -> tuple[list[str], str | None]:
    parts = [p.strip() for p in re.split(r"[/+]", text) if p.strip()]
    sep = next((ch for ch in text if ch in SEPARATORS), None)
    return parts, sep


class _Codes:
    """The planner's codes and what each reads as in a row of the grid."""

    def __init__(self, layout: GridLayout, roster: Roster, catalogue, use: Counter):
        self.layout = layout
        self.roster = roster
        self.catalogue = catalogue
        self.by_text = {c.code.casefold(): c for c in layout.codes}
        self.only_location = roster.locations[0].id if len(roster.locations) == 1 else None
        self.norm_set_of = {x.id: x.norm_set for x in roster.locations}
        # Several codes may mean the same shift (the sample's A, AW and RA): the one the
        # grid uses most for that shift wins, then the first in Dienstcodes.
        order = {c.code: i for i, c in enumerate(layout.codes)}
        self.ranked = sorted((c for c in layout.codes if isinstance(c.kind, ShiftKind)),
                             key=lambda c: (-use[c.code.casefold()], order[c.code]))

    def _product(self, location: str, text: str | None) -> str | None:
        if text is None or self.catalogue is None:
            return text
        ns = self.catalogue.get(self.norm_set_of[location]) if location in self.norm_set_of else None
        found = ns.product(text) if ns is not None else None
        return found.id if found is not None else text

    def read_as(self, code: ShiftCode, employee: str, day: date, row_location: str | None) -> Shift | None:
        """The shift the reader makes of ``code`` in this person's row on ``day`` (workbook.grid)."""
        from rostercheck.workbook.reader import shift_interval

        loc = code.location or row_location or self.only_location
        span = shift_interval(day, code.start_min, code.end_min)
        if loc is None or span is None or not isinstance(code.kind, ShiftKind):
            return None
        return Shift(employee=employee, location=loc, start=span[0], end=span[1], kind=code.kind,
                     product=self._product(loc, code.product), response_min=code.response_min, code=code.code)

    def day_off(self, text: str) -> bool:
        c = self.by_text.get(text.casefold())
        return c is not None and c.kind is None


def plan_grid(changes: list, reasons: list[str], original: Roster, fixed: Roster, cell_texts: dict[tuple[int, str], str],
              catalogue=None, long_name: str = "de lange vorm") -> GridPlan:
    """Where each change goes in the grid, or why it cannot. ``cell_texts``: the grid's
    cells as the planner wrote them ((row, column letter) -> text); ``long_name``: the
    long-form file that holds what the grid cannot."""
    layout = original.grid
    assert layout is not None
    use = Counter(p.casefold() for t in cell_texts.values() for p in _split(t)[0])
    codes = _Codes(layout, fixed, catalogue, use)
    column_of = dict(layout.dates)
    rows_of: dict[str, list[tuple[int, str | None]]] = {}
    for row_no, emp, row_loc in layout.rows:
        rows_of.setdefault(emp, []).append((row_no, row_loc))
    cells: dict[tuple[int, str], list[str]] = {}
    seps: dict[tuple[int, str], str] = {}

    def unwritable(cell: tuple[int, str]) -> str:
        text = cell_texts.get(cell, "")
        if text.startswith(UNWRITABLE):
            return f"cel {cell[1]}{cell[0]} is {text[1:]}; daar schrijft rostercheck niet in"
        return ""

    def codes_in(cell: tuple[int, str], state: dict) -> list[str]:
        if cell not in state:
            parts, sep = _split(cell_texts.get(cell, ""))
            state[cell] = parts
            if sep:
                seps.setdefault(cell, sep)
        return state[cell]

    out: list[GridChange] = []
    for ch, why in zip(changes, reasons):
        b, a = ch.before, ch.after
        trial = {k: list(v) for k, v in cells.items()}
        edits: list[CellEdit] = []
        problem = ""
        if b is not None:
            place = b.place
            if place is None or place.sheet != layout.sheet or place.row is None or not place.column or not b.code:
                problem = f"de {_what(b)} staat niet als code in het rooster"
            else:
                cell = (place.row, place.column)
                problem = unwritable(cell)
                held = [] if problem else codes_in(cell, trial)
                hit = next((i for i, p in enumerate(held) if p.casefold() == b.code.casefold()), None)
                if not problem and hit is None:
                    problem = f"cel {place.column}{place.row} heeft de code {b.code} niet meer"
                if not problem:
                    del held[hit]
                    gone = f"{b.code} ({b.employee})"
                    edits.append(CellEdit(place.row, place.column, CHANGED_FILL, f"{gone} weg: {why}", f"{b.code} weg"))
        chosen: ShiftCode | None = None
        if not problem and a is not None:
            chosen, where, problem = _place(a, b, codes, rows_of, column_of, fixed)
            if chosen is not None and unwritable(where):
                chosen, problem = None, unwritable(where)
            if chosen is not None:
                held = codes_in(where, trial)
                freed = [p for p in held if codes.day_off(p)]
                held[:] = [p for p in held if not codes.day_off(p)] + [chosen.code]
                note = f" (vrije dag {', '.join(freed)} vervangen)" if freed else ""
                edits.append(CellEdit(where[0], where[1], ADDED_FILL, f"{chosen.code} ({a.employee}) erbij{note}: {why}",
                                      f"{chosen.code} erbij"))
        if problem:
            out.append(GridChange(False, _not_in_grid_cells(b, a, rows_of, column_of, layout, why, problem, long_name), None, problem))
            continue
        cells.clear()
        cells.update(trial)
        out.append(GridChange(True, edits, chosen.code if chosen is not None else None))
    expected = _expected(original, changes, out)
    return GridPlan(layout, out, cells, seps, expected)


def _what(s: Shift) -> str:
    from rostercheck.checks._common import nl_span

    return f"dienst van {s.employee} op {nl_span(s.start, s.end)}"


def _place(a: Shift, b: Shift | None, codes: _Codes, rows_of: dict, column_of: dict, fixed: Roster):
    """(code, cell, "") for the fixed shift ``a``, or (None, None, why not)."""
    day = a.start.date()
    letter = column_of.get(day)
    rows = rows_of.get(a.employee)
    if not rows:
        return None, None, f"{a.employee} heeft geen rij in het rooster"
    if letter is None:
        return None, None, f"het rooster heeft geen kolom voor {day:%d-%m-%Y}"
    want = _key(fixed, a)
    # The shift's own code first (a reassignment keeps its code where it reads the same).
    ranked = codes.ranked
    if b is not None and b.code:
        own = [c for c in ranked if c.code.casefold() == b.code.casefold()]
        ranked = own + [c for c in ranked if c not in own]
    for row_no, row_loc in rows:
        for code in ranked:
            s = codes.read_as(code, a.employee, day, row_loc)
            if s is not None and _key(fixed, s) == want:
                return code, (row_no, letter), ""
    from rostercheck.checks._common import nl_span
    from rostercheck.fix.reasons import KIND_NL

    kind = KIND_NL.get(a.kind.value, a.kind.value)
    return None, None, (f"geen dienstcode in Dienstcodes geeft een {kind} van {nl_span(a.start, a.end)} op {a.location}"
                        f" voor {a.employee}" + (f" met aanrijtijd {fixed.response_min(a)} min" if not a.kind.on_site and fixed.response_min(a) is not None else ""))


def _not_in_grid_cells(b, a, rows_of, column_of, layout, why: str, problem: str, long_name: str) -> list[CellEdit]:
    """The cells a change that cannot be written would have touched, marked so the grid
    never looks complete where it is not."""
    text = f"Niet in dit rooster gezet ({problem}); {long_name} (blad Diensten) heeft deze wijziging wel: {why}"
    out: list[CellEdit] = []
    if b is not None and b.place is not None and b.place.sheet == layout.sheet and b.place.row and b.place.column:
        out.append(CellEdit(b.place.row, b.place.column, NOT_IN_GRID_FILL, text))
    if a is not None and a.employee in rows_of and a.start.date() in column_of:
        cell = (rows_of[a.employee][0][0], column_of[a.start.date()])
        if all((c.row, c.column) != cell for c in out):
            out.append(CellEdit(cell[0], cell[1], NOT_IN_GRID_FILL, text))
    return out


def _expected(original: Roster, changes: list, placed: list[GridChange]) -> list[Shift]:
    """The original shifts with exactly the changes that map: what the grid must read back as."""
    shifts = list(original.shifts)
    gone = {c.origin for c, g in zip(changes, placed) if g.in_grid and c.before is not None}
    out = [s for i, s in enumerate(shifts) if i not in gone]
    out += [c.after for c, g in zip(changes, placed) if g.in_grid and c.after is not None]
    return out


def grid_cell_texts(source: Path, layout: GridLayout) -> dict[tuple[int, str], str]:
    """The grid's date cells as the planner wrote them ((row, column letter) -> text). A
    cell the fixer must not write (part of merged cells, a formula) is given as
    ``UNWRITABLE`` followed by why."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    wb = load_workbook(source)
    ws = wb[layout.sheet]
    letters = {letter for _, letter in layout.dates}
    rows = {r for r, _, _ in layout.rows}
    out: dict[tuple[int, str], str] = {}
    for rng in ws.merged_cells.ranges:
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                out[(row, get_column_letter(col))] = UNWRITABLE + "samengevoegd met andere cellen"
    for row in ws.iter_rows():
        for cell in row:
            letter = getattr(cell, "column_letter", None)
            if letter not in letters or cell.row not in rows or (cell.row, letter) in out:
                continue
            if cell.data_type == "f":
                out[(cell.row, letter)] = UNWRITABLE + "een formule"
            elif isinstance(cell.value, str) and cell.value.strip():
                out[(cell.row, letter)] = cell.value
    return out


def write_grid_copy(source: Path, path: Path, plan: GridPlan, sheets: list[tuple[str, list[str], list[list]]]) -> None:
    """``source`` with the plan's cells written, marked and commented, and ``sheets``
    (Wijzigingen first) in front."""
    from openpyxl import load_workbook
    from openpyxl.cell.cell import MergedCell
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    wb = load_workbook(source)
    ws = wb[plan.layout.sheet]
    for (row, letter), held in sorted(plan.cells.items()):
        cell = ws[f"{letter}{row}"]
        sep = plan.separators.get((row, letter), "/")
        cell.value = safe_cell(sep.join(held)) if held else None
    notes: dict[tuple[int, str], list[CellEdit]] = {}
    for g in plan.changes:
        for e in g.cells:
            notes.setdefault((e.row, e.column), []).append(e)
    for (row, letter), edits in sorted(notes.items()):
        cell = ws[f"{letter}{row}"]
        if isinstance(cell, MergedCell):
            continue  # inside merged cells (left as they were): Wijzigingen and the text output say it
        # Orange (not in the grid) outranks yellow and green: the cell is not what the fix says.
        fill = next((e.fill for e in edits if e.fill == NOT_IN_GRID_FILL), edits[-1].fill)
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        text = "\n".join(f"{AUTHOR}: {e.text}" for e in edits)
        if cell.comment is not None:  # the planner's own comment stays, below ours
            text += f"\n--\n{cell.comment.text}"
        cell.comment = Comment(text, AUTHOR, width=420, height=160)
    put_sheets_first(wb, sheets)
    wb.save(path)


def verify_grid(path: Path, plan: GridPlan, catalogue) -> list[str]:
    """Read the written grid back: every shift it must hold and no other (Dutch lines
    for the planner when it does not; empty when it does)."""
    from rostercheck.errors import RosterInputError
    from rostercheck.workbook import read_roster

    try:
        back = read_roster(path, catalogue=catalogue)
    except RosterInputError as exc:
        return [f"het geschreven rooster is niet te lezen: {e.message}" for e in exc.errors]
    want = Counter(_key(back, s) for s in plan.expected)
    got = Counter(_key(back, s) for s in back.shifts)
    missing, extra = want - got, got - want
    out = []
    for k in sorted(missing):
        out.append(f"het rooster mist {k[0]} {k[1]} {k[2]:%d-%m %H:%M}–{k[3]:%H:%M} {k[4].value}")
    for k in sorted(extra):
        out.append(f"het rooster heeft te veel: {k[0]} {k[1]} {k[2]:%d-%m %H:%M}–{k[3]:%H:%M} {k[4].value}")
    return out


def with_grid_codes(fixed: Roster, changes: list, placed: list[GridChange]) -> Roster:
    """The fixed roster with each changed shift's code as the grid now has it (None where
    the grid cannot hold it), so the long form and the grid name the same codes."""
    code_of = {id(c.after): g.code if g.in_grid else None for c, g in zip(changes, placed) if c.after is not None}
    shifts = tuple(s.model_copy(update={"code": code_of[id(s)]}) if id(s) in code_of else s for s in fixed.shifts)
    return fixed.model_copy(update={"shifts": shifts})
