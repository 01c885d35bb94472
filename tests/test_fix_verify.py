"""The fixer's answer is verified: labour-law cuts, the written workbook, one change per missing shift."""

from __future__ import annotations

import random

import openpyxl
import pytest

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.fix import FixOptions, fix_roster, write_fixed_roster
from rostercheck.normsets import Catalogue, load_catalogue
from rostercheck.testing import roster_from_spec
from rostercheck.workbook import read_roster, write_roster_xlsx
from tests.fix_support import DAY, NIGHT, NIGHT_15, catalogue, norm_set, spec, week


def test_labour_law_finding_caused_by_a_change_is_cut_and_solved_again():
    # A (MBO-3, cheapest) could take the open on-call night, but 13 h after their
    # night shift: the on-call rule (no on-call within 14 h after a night shift)
    # forbids it. The model does not know that rule; verification does, cuts it,
    # and the second solve gives the night to C.
    cat = Catalogue([norm_set([NIGHT_15]), load_catalogue().get("arbeidstijdenwet")])
    shifts = ["C L1 2026-03-01 22:00-07:00 beschikbaar"]
    shifts += [f"C L1 {d} 22:00-07:00 beschikbaar" for d in week() if d != "2026-03-04"]
    shifts.append("A L1 2026-03-04 00:00-09:00 waakdienst")
    roster = roster_from_spec(spec(["A MBO-3 hours=40", "B HBO hours=40", "C MBO-4 hours=60"], shifts,
                                   travel=["A L1 10", "B L1 12", "C L1 5"]))
    result = fix_roster(roster, cat, FixOptions(time_limit=5, labour_law=True))
    assert result.rounds >= 2 and result.cuts >= 1
    assert result.compliant
    assert [c.after.employee for c in result.changes] == ["C"]
    assert check_roster(result.fixed_roster, cat, CheckOptions(labour_law=True)).compliant


def _compliant_week(rng: random.Random):
    """Three shifts a day over six staff; each works every other day, so someone is always free."""
    shifts = ["E1 L1 2026-03-01 22:00-07:00 slaapdienst"]
    for i, d in enumerate(week()):
        team = ["E1", "E2", "E3"] if i % 2 == 0 else ["E4", "E5", "E6"]
        rng.shuffle(team)
        shifts += [f"{team[0]} L1 {d} 07:00-15:00 aanwezig", f"{team[1]} L1 {d} 15:00-22:00 aanwezig",
                   f"{team[2]} L1 {d} 22:00-07:00 slaapdienst"]
    return shifts


@pytest.mark.parametrize("seed", range(4))
def test_a_compliant_roster_with_one_shift_removed_needs_at_most_one_change(seed):
    rng = random.Random(seed)
    cat = catalogue(DAY, NIGHT)
    shifts = _compliant_week(rng)
    full = roster_from_spec(spec([f"E{i} MBO-4" for i in range(1, 7)], shifts))
    assert check_roster(full, cat, CheckOptions(labour_law=False)).compliant
    del shifts[rng.randrange(1, len(shifts))]
    roster = roster_from_spec(spec([f"E{i} MBO-4" for i in range(1, 7)], shifts))
    result = fix_roster(roster, cat, FixOptions(time_limit=4, labour_law=False))
    assert result.compliant
    assert len(result.changes) <= 1
    assert check_roster(result.fixed_roster, cat, CheckOptions(labour_law=False)).compliant


def test_written_fix_keeps_untouched_rows_and_unknown_columns(tmp_path):
    cat = catalogue(DAY, NIGHT)
    shifts = ["E4 L1 2026-03-01 22:00-07:00 slaapdienst"]
    for i, d in enumerate(week()):
        shifts += [f"E1 L1 {d} 07:00-15:00 aanwezig", f"E2 L1 {d} 15:00-22:00 aanwezig"]
        if d != "2026-03-04":
            shifts.append(f"{'E3' if i % 2 else 'E4'} L1 {d} 22:00-07:00 slaapdienst")
    src = tmp_path / "in.xlsx"
    write_roster_xlsx(roster_from_spec(spec(["E1 MBO-4", "E2 MBO-4", "E3 MBO-4", "E4 MBO-4"], shifts)), src)
    wb = openpyxl.load_workbook(src)
    ws = wb["Diensten"]
    col = ws.max_column + 1
    ws.cell(1, col, "mijn notitie")
    for row in range(2, ws.max_row + 1):
        ws.cell(row, col, f"notitie {row}")
    wb.save(src)
    roster = read_roster(src, catalogue=cat)
    result = fix_roster(roster, cat, FixOptions(time_limit=4, labour_law=False))
    assert result.compliant and len(result.changes) == 1
    out = tmp_path / "out.xlsx"
    write_fixed_roster(result, roster, out)
    again = read_roster(out, catalogue=cat)
    assert check_roster(again, cat, CheckOptions(labour_law=False)).compliant
    assert [s.extra.get("mijn notitie") for s in again.shifts[: len(roster.shifts)]] == \
        [s.extra.get("mijn notitie") for s in roster.shifts]
    wb = openpyxl.load_workbook(out)
    rows = list(wb["Wijzigingen"].iter_rows(values_only=True))
    assert rows[0][:4] == ("actie", "wijziging", "locatie", "datum")
    assert rows[1][0] == "toevoegen" and rows[1][8] in ("E3", "E4") and rows[1][9:12] == ("22:00", "07:00", "slaapdienst")
    assert "night norm (wo 4 mrt 22:00" in rows[1][13]  # the norm by its title and window, not its key
    assert rows[1][12] == "9,0 uur"


def test_fixed_workbook_is_the_planners_own_copy(tmp_path):
    """A long-form .xlsx is edited, not rebuilt: formats, comments, widths, freeze panes and
    extra sheets survive; the changed rows are marked; an added shift sits in date order;
    Wijzigingen opens first with a Dutch reason; a note is not carried to another person."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    cat = catalogue(DAY, NIGHT)
    shifts = ["E4 L1 2026-03-01 22:00-07:00 slaapdienst"]
    for i, d in enumerate(week()):
        shifts += [f"E1 L1 {d} 07:00-15:00 aanwezig", f"E2 L1 {d} 15:00-22:00 aanwezig"]
        if d != "2026-03-04":
            shifts.append(f"{'E3' if i % 2 else 'E4'} L1 {d} 22:00-07:00 slaapdienst")
    src = tmp_path / "in.xlsx"
    write_roster_xlsx(roster_from_spec(spec(["E1 MBO-4", "E2 MBO-4", "E3 MBO-4", "E4 MBO-4"], shifts)), src)
    wb = openpyxl.load_workbook(src)
    ws = wb["Diensten"]
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 31
    ws["A1"].font = Font(bold=True)
    ws["A2"].comment = Comment("nachtdienst van de vorige maand", "planner")
    wb.create_sheet("Mijn overzicht")["A1"] = "eigen blad"
    wb.save(src)
    roster = read_roster(src, catalogue=cat)
    result = fix_roster(roster, cat, FixOptions(time_limit=4, labour_law=False))
    assert result.compliant and len(result.changes) == 1
    out = tmp_path / "out.xlsx"
    write_fixed_roster(result, roster, out, source=src)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Wijzigingen" and "Mijn overzicht" in wb.sheetnames
    ws = wb["Diensten"]
    assert ws.freeze_panes == "B2" and ws.column_dimensions["A"].width == 31 and ws["A1"].font.bold
    assert ws["A2"].comment.text == "nachtdienst van de vorige maand"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    added = [i for i, r in enumerate(ws.iter_rows(min_row=2), start=2) if r[0].fill.start_color.rgb.endswith("E2EFDA")]
    assert len(added) == 1
    new = ws.cell(added[0], 1)
    assert "rostercheck fix" in new.comment.text and "night norm" in new.comment.text
    # date order: the new night of 4 March sits after the 4 March late shift, before 5 March
    assert str(rows[added[0] - 3][2])[:10] == "2026-03-04" and str(rows[added[0] - 1][2])[:10] == "2026-03-05"
    reason = list(wb["Wijzigingen"].iter_rows(values_only=True))[1][15]
    assert reason.startswith("Nieuwe slaapdienst voor") and "'night norm (wo 4 mrt 22:00" in reason
    again = read_roster(out, catalogue=cat)
    assert check_roster(again, cat, CheckOptions(labour_law=False)).compliant
