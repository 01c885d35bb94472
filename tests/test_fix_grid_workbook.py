"""A grid-form input gets its own grid back (issue 13 item 6, fix.grid_workbook).

Each roster below is a planner's grid (``Rooster`` + ``Dienstcodes``, FORMAT.md "Grid
form") with one coverage gap, written out by hand. The fixed grid must read back as
exactly the fixed roster where every change maps onto a code; where one does not, the
grid reads back as the original plus the changes that map, the long form next to it
as the fixed roster, and both the sheet and the text output say which change is missing.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import date, timedelta

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.fix import FixOptions, fix_roster, write_fixed_roster
from rostercheck.fix.output import long_form_path, print_written
from rostercheck.workbook import read_roster
from tests.fix_support import DAY, NIGHT, NIGHT_HBO, catalogue

OPTS = FixOptions(time_limit=5, labour_law=False)
DAYS = [date(2026, 3, 1) + timedelta(days=i) for i in range(8)]  # the night of 1 March reaches into the period
GAP = 3  # Wednesday 4 March, column F
CODES = [("D", "07:00", "15:00", "aanwezig"), ("L", "15:00", "22:00", "aanwezig"),
         ("N", "22:00", "07:00", "slaapdienst"), ("X", None, None, None), ("VL", None, None, "verlof")]


def _grid_book(path, employees: list[tuple[str, str]], grid: dict[str, list[str | None]], codes=CODES,
               planner_touches: bool = False, row_locations: dict[str, str] | None = None):
    """A grid workbook: ``grid`` maps an employee to one cell text per day of ``DAYS``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rooster"
    ws.append(["medewerker", "locatie", *DAYS])
    for emp, cells in grid.items():
        ws.append([emp, (row_locations or {}).get(emp, "L1"), *cells])
    for col in range(3, 3 + len(DAYS)):
        ws.cell(1, col).number_format = "dd-mm"
    ws.freeze_panes = "C2"
    c = wb.create_sheet("Dienstcodes")
    c.append(["code", "begin", "eind", "soort", "locatie"])
    for row in codes:
        c.append(list(row))
    wb.create_sheet("Periode").append(["van", "tot"])
    wb["Periode"].append([DAYS[1], DAYS[-1]])
    loc = wb.create_sheet("Locaties")
    loc.append(["locatie", "naam", "normenkader"])
    loc.append(["L1", "Huis", "fixtest"])
    if row_locations:
        loc.append(["L2", "Kantoor", "leeg"])  # a second location without norms
    prod = wb.create_sheet("Producten")
    prod.append(["locatie", "product", "clienten"])
    prod.append(["L1", "P1", 6])
    if row_locations:
        prod.append(["L2", "P1", 1])
    emp_ws = wb.create_sheet("Medewerkers")
    emp_ws.append(["medewerker", "niveau"])
    for emp, level in employees:
        emp_ws.append([emp, level])
    if planner_touches:
        ws.column_dimensions["A"].width = 27
        ws["A2"].comment = Comment("teamleider", "planner")
        ws["A2"].fill = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
        wb.create_sheet("Mijn overzicht")["A1"] = "eigen blad"
    wb.save(path)


def _week(pattern: str, gap: int | None = None, gap_text: str | None = None) -> list[str | None]:
    return [(gap_text if i == gap else pattern) for i in range(len(DAYS))]


def _keys(roster) -> Counter:
    return Counter((s.employee, s.location, s.start, s.end, s.kind, s.product, roster.response_min(s)) for s in roster.shifts)


def _cells(path, sheet="Rooster") -> dict[str, object]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row}


def _two_locations(*norms):
    from rostercheck.normsets import Catalogue
    from tests.fix_support import norm_set

    return Catalogue([norm_set(list(norms)), norm_set([], "leeg")])


def _fix(tmp_path, cat, employees, grid, **kw):
    src = tmp_path / "rooster.xlsx"
    _grid_book(src, employees, grid, **kw)
    roster = read_roster(src, catalogue=cat)
    assert roster.form == "grid"
    result = fix_roster(roster, cat, OPTS)
    out = tmp_path / "opgelost.xlsx"
    written = write_fixed_roster(result, roster, out, source=src, catalogue=cat)
    return src, roster, result, out, written


def _gap_grid(x_cells=True):
    """E1 days, E2 lates, E3 and E4 nights in turn; no night on Wednesday 4 March (index 2)."""
    free = "X" if x_cells else None
    return {
        "E1": _week("D"),
        "E2": _week("L"),
        "E3": ["N" if i % 2 == 1 and i != GAP else free for i in range(len(DAYS))],
        "E4": ["N" if i % 2 == 0 else free for i in range(len(DAYS))],
    }


def test_added_shift_with_an_existing_code_goes_into_the_free_persons_cell(tmp_path):
    cat = catalogue(DAY, NIGHT)
    employees = [("E1", "MBO-4"), ("E2", "MBO-4"), ("E3", "MBO-4"), ("E4", "MBO-4")]
    src, roster, result, out, written = _fix(tmp_path, cat, employees, _gap_grid(), planner_touches=True)
    assert result.compliant and [ch.action for ch in result.changes] == ["toevoegen"]
    added = result.changes[0].after
    assert (added.start.hour, added.end.hour, added.kind.value) == (22, 7, "slaapdienst")
    assert written.long_form == long_form_path(out) and written.not_in_grid == [] and written.mismatches == []
    # the night code N stands in the new person's cell of 4 March (column F), where X (vrij) stood
    row = {"E3": 4, "E4": 5}[added.employee]
    ws = openpyxl.load_workbook(out)["Rooster"]
    assert ws[f"F{row}"].value == "N"
    assert ws[f"F{row}"].fill.start_color.rgb.endswith("E2EFDA")
    assert "vrije dag X vervangen" in ws[f"F{row}"].comment.text and "Nieuwe slaapdienst" in ws[f"F{row}"].comment.text
    # every other cell as the planner wrote it; the planner's fills, comments, widths, sheets survive
    before, after = _cells(src), _cells(out)
    assert {k for k in before if before[k] != after.get(k)} == {f"F{row}"}
    assert ws["A2"].comment.text == "teamleider" and ws["A2"].fill.start_color.rgb.endswith("DDEBF7")
    assert ws.column_dimensions["A"].width == 27 and ws.freeze_panes == "C2"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Wijzigingen" and "Mijn overzicht" in wb.sheetnames and "Diensten" not in wb.sheetnames
    rows = list(wb["Wijzigingen"].iter_rows(values_only=True))
    assert rows[0][16] == "in het rooster" and rows[1][16] == f"ja: Rooster!F{row} N erbij"
    # round trip: the grid reads back as the fixed roster, and so does the long form
    again = read_roster(out, catalogue=cat)
    assert again.form == "grid" and _keys(again) == _keys(result.fixed_roster)
    assert check_roster(again, cat, CheckOptions(labour_law=False)).compliant
    long_form = read_roster(written.long_form, catalogue=cat)
    assert long_form.form == "long" and _keys(long_form) == _keys(result.fixed_roster)
    assert [s.code for s in long_form.shifts if s.start.date() == DAYS[GAP] and s.kind.value == "slaapdienst"] == ["N"]


def test_second_shift_in_an_occupied_cell_is_written_after_the_first(tmp_path):
    """FORMAT.md: a cell holds "one or more shift codes separated by `/` or `+`". The only
    people free that night already work that day: the night joins their day code."""
    cat = catalogue(DAY, NIGHT)
    employees = [(f"E{i}", "MBO-4") for i in range(1, 7)]
    grid = _gap_grid(x_cells=False)
    # E1 and E2 work the first half of the week (within 36 h contract + overwerk), E5 and E6 the rest
    grid["E1"] = ["D" if 1 <= i <= 3 else None for i in range(len(DAYS))]
    grid["E2"] = ["L" if 1 <= i <= 3 else None for i in range(len(DAYS))]
    grid["E5"] = ["D" if i >= 4 else ("VL" if i == GAP else None) for i in range(len(DAYS))]
    grid["E6"] = ["L" if i >= 4 else ("VL" if i == GAP else None) for i in range(len(DAYS))]
    grid["E3"][GAP] = grid["E4"][GAP] = "VL"  # both night workers on leave on 4 March
    src, roster, result, out, written = _fix(tmp_path, cat, employees, grid)
    assert result.compliant and [ch.action for ch in result.changes] == ["toevoegen"]
    who = result.changes[0].after.employee
    assert who in ("E1", "E2") and written.not_in_grid == []
    cell = openpyxl.load_workbook(out)["Rooster"][f"F{2 if who == 'E1' else 3}"]
    assert cell.value == ("D/N" if who == "E1" else "L/N")
    again = read_roster(out, catalogue=cat)
    assert _keys(again) == _keys(result.fixed_roster) and again.absences == roster.absences


def test_reassignment_moves_the_code_to_the_new_persons_cell(tmp_path):
    """The night must be worked by an HBO; E3 (MBO-4) has it on Wednesday, E5 (HBO) is free:
    one change, no added hours. N leaves E3's cell and enters E5's."""
    cat = catalogue(NIGHT_HBO)
    employees = [("E3", "MBO-4"), ("E4", "HBO"), ("E5", "HBO")]
    grid = {"E3": [None, None, None, "N", None, None, None, None],
            "E4": ["N", "N", "N", "VL", "N", "N", "N", "N"],
            "E5": [None, "D", "D", "X", None, None, "D", "D"]}
    src, roster, result, out, written = _fix(tmp_path, cat, employees, grid)
    assert result.compliant and [(ch.kind, ch.after.employee) for ch in result.changes] == [("reassign", "E5")]
    ws = openpyxl.load_workbook(out)["Rooster"]
    assert ws["F2"].value is None and ws["F2"].fill.start_color.rgb.endswith("FFF2CC")
    assert "N (E3) weg" in ws["F2"].comment.text
    assert ws["F4"].value == "N" and ws["F4"].fill.start_color.rgb.endswith("E2EFDA")
    before, after = _cells(src), _cells(out)
    assert {k for k in before if before[k] != after.get(k)} == {"F2", "F4"}
    again = read_roster(out, catalogue=cat)
    assert _keys(again) == _keys(result.fixed_roster) and written.mismatches == []


def test_change_no_code_expresses_stays_out_of_the_grid_and_the_long_form_holds_it(tmp_path):
    """The night code is 21:00–07:30, the gap 22:00–07:00: the fixer adds the shorter night,
    which no code gives. The grid keeps the old situation there, marked orange; the long
    form has the change; Wijzigingen and the text output say so."""
    cat = catalogue(DAY, NIGHT)
    codes = [("D", "07:00", "15:00", "aanwezig"), ("L", "15:00", "22:00", "aanwezig"),
             ("N", "21:00", "07:30", "slaapdienst"), ("X", None, None, None)]
    employees = [("E1", "MBO-4"), ("E2", "MBO-4"), ("E3", "MBO-4"), ("E4", "MBO-4")]
    src, roster, result, out, written = _fix(tmp_path, cat, employees, _gap_grid(), codes=codes)
    assert result.compliant and len(result.changes) == 1
    added = result.changes[0].after
    assert (added.start.hour, added.end.hour) == (22, 7)
    assert len(written.not_in_grid) == 1 and "geen dienstcode" in written.not_in_grid[0]
    assert written.mismatches == []
    text = io.StringIO()
    print_written(written, text)
    assert "Niet in het rooster te zetten (1)" in text.getvalue() and written.long_form.name in text.getvalue()
    row = {"E3": 4, "E4": 5}[added.employee]
    ws = openpyxl.load_workbook(out)["Rooster"]
    assert ws[f"F{row}"].value == "X" and ws[f"F{row}"].fill.start_color.rgb.endswith("F8CBAD")
    assert "Niet in dit rooster gezet" in ws[f"F{row}"].comment.text and written.long_form.name in ws[f"F{row}"].comment.text
    assert _cells(src) == _cells(out)  # no code changed
    mark = list(openpyxl.load_workbook(out)["Wijzigingen"].iter_rows(values_only=True))[1][16]
    assert mark.startswith("nee: geen dienstcode") and written.long_form.name in mark
    # the grid alone is the original roster (the gap is still there); the long form is the fixed one
    assert _keys(read_roster(out, catalogue=cat)) == _keys(roster)
    long_form = read_roster(written.long_form, catalogue=cat)
    assert _keys(long_form) == _keys(result.fixed_roster)
    assert check_roster(long_form, cat, CheckOptions(labour_law=False)).compliant
    assert list(openpyxl.load_workbook(written.long_form)["Wijzigingen"].iter_rows(values_only=True))[1][16] == mark


REASSIGN_CODES = [*CODES, ("D1", "07:00", "15:00", "aanwezig", "L1"), ("N1", "22:00", "07:00", "slaapdienst", "L1")]


def test_reassignment_to_a_row_of_another_location_takes_the_code_that_reads_as_the_shift(tmp_path):
    """E5's row is at L2; E5 works at L1 with D1 (Dienstcodes: locatie L1). The night N
    moved to E5 would read as a night at L2 in that row: N1 (the same night at L1) is written."""
    cat = _two_locations(NIGHT_HBO)
    employees = [("E3", "MBO-4"), ("E4", "HBO"), ("E5", "HBO")]
    grid = {"E3": [None, None, None, "N", None, None, None, None],
            "E4": ["N", "N", "N", "VL", "N", "N", "N", "N"],
            "E5": [None, "D1", "D1", None, None, None, None, None]}
    src, roster, result, out, written = _fix(tmp_path, cat, employees, grid, codes=REASSIGN_CODES,
                                             row_locations={"E5": "L2"})
    assert result.compliant and [(ch.kind, ch.after.employee) for ch in result.changes] == [("reassign", "E5")]
    ws = openpyxl.load_workbook(out)["Rooster"]
    assert ws["F2"].value is None and ws["F4"].value == "N1" and written.not_in_grid == []
    assert _keys(read_roster(out, catalogue=cat)) == _keys(result.fixed_roster)


def test_change_that_maps_only_half_is_left_out_whole(tmp_path):
    """As above without N1: no code gives E5 the night at L1, so E3's N is not taken out
    either (the grid is never half a change); the long form holds the reassignment."""
    cat = _two_locations(NIGHT_HBO)
    employees = [("E3", "MBO-4"), ("E4", "HBO"), ("E5", "HBO")]
    grid = {"E3": [None, None, None, "N", None, None, None, None],
            "E4": ["N", "N", "N", "VL", "N", "N", "N", "N"],
            "E5": [None, "D1", "D1", None, None, None, None, None]}
    src, roster, result, out, written = _fix(tmp_path, cat, employees, grid, codes=REASSIGN_CODES[:-1],
                                             row_locations={"E5": "L2"})
    assert result.compliant and [(ch.kind, ch.after.employee) for ch in result.changes] == [("reassign", "E5")]
    assert len(written.not_in_grid) == 1 and "geen dienstcode in Dienstcodes geeft een slaapdienst" in written.not_in_grid[0]
    ws = openpyxl.load_workbook(out)["Rooster"]
    assert ws["F2"].value == "N" and ws["F2"].fill.start_color.rgb.endswith("F8CBAD")
    assert ws["F4"].value is None and ws["F4"].fill.start_color.rgb.endswith("F8CBAD")
    assert _cells(src) == _cells(out)
    assert _keys(read_roster(out, catalogue=cat)) == _keys(roster)
    assert _keys(read_roster(written.long_form, catalogue=cat)) == _keys(result.fixed_roster)


def test_same_input_same_workbooks(tmp_path):
    cat = catalogue(DAY, NIGHT)
    employees = [("E1", "MBO-4"), ("E2", "MBO-4"), ("E3", "MBO-4"), ("E4", "MBO-4")]
    seen = []
    for run in ("a", "b"):
        d = tmp_path / run
        d.mkdir()
        src, roster, result, out, written = _fix(d, cat, employees, _gap_grid(), planner_touches=True)
        wb = openpyxl.load_workbook(out)
        long_wb = openpyxl.load_workbook(written.long_form)
        seen.append(([(ws.title, [(c.coordinate, c.value, c.comment.text if c.comment else None, c.fill.start_color.rgb)
                                  for row in ws.iter_rows() for c in row]) for ws in wb.worksheets],
                     [(ws.title, list(ws.iter_rows(values_only=True))) for ws in long_wb.worksheets]))
    assert seen[0] == seen[1]


@pytest.mark.parametrize("sep", ["/", "+"])
def test_the_cells_own_separator_is_kept(tmp_path, sep):
    """A cell that already holds two codes joined by '+' keeps '+' when one is taken out and
    another put in (E3 holds 'D+N' on Wednesday and loses the night to the HBO E5)."""
    cat = catalogue(NIGHT_HBO)
    employees = [("E3", "MBO-4"), ("E4", "HBO"), ("E5", "HBO")]
    grid = {"E3": [None, None, None, f"D{sep}N", None, None, None, None],
            "E4": ["N", "N", "N", "VL", "N", "N", "N", "N"],
            "E5": [None, None, None, f"D{sep}X", None, None, None, None]}
    src, roster, result, out, written = _fix(tmp_path, cat, employees, grid)
    assert result.compliant and [(ch.kind, ch.after.employee) for ch in result.changes] == [("reassign", "E5")]
    ws = openpyxl.load_workbook(out)["Rooster"]
    assert ws["F2"].value == "D" and ws["F4"].value == f"D{sep}N"
    assert _keys(read_roster(out, catalogue=cat)) == _keys(result.fixed_roster)


def test_merged_cells_are_left_alone(tmp_path):
    """The reader gives a merged range's value to every cell of it (FORMAT.md rev. 2); the
    fixer does not write inside one: E3's night of 4 March merged with 5 March cannot be
    taken out, so the reassignment stays in the long form only."""
    cat = catalogue(NIGHT_HBO)
    employees = [("E3", "MBO-4"), ("E4", "HBO"), ("E5", "HBO")]
    grid = {"E3": [None, None, None, "N", None, None, None, None],
            "E4": ["N", "N", "N", "VL", "N", "N", "N", "N"],
            "E5": [None, "D", "D", "X", None, None, "D", "D"]}
    src = tmp_path / "rooster.xlsx"
    _grid_book(src, employees, grid)
    wb = openpyxl.load_workbook(src)
    wb["Rooster"].merge_cells("F2:G2")  # 'N' over 4 and 5 March: E3 has both nights
    wb.save(src)
    roster = read_roster(src, catalogue=cat)
    result = fix_roster(roster, cat, OPTS)
    out = tmp_path / "opgelost.xlsx"
    written = write_fixed_roster(result, roster, out, source=src, catalogue=cat)
    assert result.compliant and all(ch.before is not None and ch.before.employee == "E3" for ch in result.changes)
    assert written.not_in_grid and all("samengevoegd" in line for line in written.not_in_grid)
    assert written.mismatches == [] and _cells(src) == _cells(out)
    assert _keys(read_roster(out, catalogue=cat)) == _keys(roster)
    assert _keys(read_roster(written.long_form, catalogue=cat)) == _keys(result.fixed_roster)
