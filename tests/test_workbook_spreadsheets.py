"""FORMAT.md rev. 2, "Values as real spreadsheets hold them": each rule on a small
roster built cell by cell, read to the same shifts as the plain roster or refused
with an error naming the cell."""

from datetime import datetime

import pytest
from openpyxl import Workbook

from rostercheck.errors import RosterInputError
from rostercheck.workbook import read_roster
from rostercheck.workbook.samples import base_sheets, demo_catalogue, write_sheets_xlsx


def _errors(exc: RosterInputError) -> list[tuple]:
    return [(e.type, e.sheet, e.row, e.column) for e in exc.errors]


def _shifts(roster):
    return [(s.employee, s.location, s.start, s.end, s.kind) for s in roster.shifts]


def _plain(tmp_path):
    return read_roster(write_sheets_xlsx(tmp_path / "plain.xlsx", base_sheets()), catalogue=demo_catalogue())


def _write(path, sheets, edit=None):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    if edit is not None:
        edit(wb)
    wb.save(path)
    return path


def test_whole_numbers_in_time_cells_are_refused_naming_the_cell(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][3:5] = [7, 15]  # typed into General cells: numbers
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [("bad_time", "Diensten", 2, "begin"), ("bad_time", "Diensten", 2, "eind")]
    assert "schrijf 07:00" in exc.value.errors[0].message and "schrijf 15:00" in exc.value.errors[1].message


def test_a_typed_day_number_in_datum_is_refused(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][2] = 2
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [("bad_date", "Diensten", 2, "datum")]
    assert "voor 2000" in exc.value.errors[0].message


def test_fraction_times_and_an_end_past_midnight_as_a_formula_gives_it(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][2][3:5] = [22 / 24, 22 / 24 + 9 / 24]  # =D3+TIME(9,0,0): 1.2083 days
    sheets["Diensten"][1][3:5] = [datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 15)]  # date-time cells
    assert _shifts(read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())) == _shifts(_plain(tmp_path))


def test_a_date_time_on_another_day_than_datum_is_refused(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][3] = datetime(2026, 3, 3, 7)
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [("bad_time", "Diensten", 2, "begin")]
    assert "klopt niet met de datum van de dienst (02-03-2026)" in exc.value.errors[0].message


def test_a_formula_without_a_stored_value_is_refused_naming_the_cell(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][4] = "=D2+TIME(8,0,0)"  # openpyxl stores no calculated value
    with pytest.raises(RosterInputError) as exc:
        read_roster(_write(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [("formula_without_value", "Diensten", 2, "E")]
    assert str(exc.value.errors[0]).startswith("Diensten!E2: formule zonder berekende waarde")


def test_rows_of_spaces_are_empty_rows(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"].insert(2, ["  ", None, " ", None, None, None, None, None, None])
    assert _shifts(read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())) == _shifts(_plain(tmp_path))


def test_merged_date_cells_belong_to_every_row(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][2][2] = None  # the date of row 2 merged down over row 3

    def merge(wb):
        wb["Diensten"].merge_cells("C2:C3")

    got = read_roster(_write(tmp_path / "r.xlsx", sheets, merge), catalogue=demo_catalogue())
    assert _shifts(got) == _shifts(_plain(tmp_path))


def test_title_rows_above_the_header_are_ignored_and_said(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][0:0] = [["Rooster maart 2026 — team De Linde"], [], ["afdeling Wonen", None, "afgedrukt 1-3-2026"]]
    got = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _shifts(got) == _shifts(_plain(tmp_path))
    assert got.shifts[0].place.row == 5
    assert got.notices == ("Diensten: de kopregel staat op rij 4; rijen 1-3 erboven (titel of toelichting) zijn niet gelezen.",)


def test_near_miss_column_names_are_read_with_a_notice(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][0][3:5] = ["Begin tijd", "Eindtijd"]
    sheets["Diensten"][0][7] = "Aanrijtijd (min)"
    got = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _shifts(got) == _shifts(_plain(tmp_path)) and got.shifts[3].response_min == 30
    assert got.notices == (
        "Diensten: kolom 'Begin tijd' (D) is gelezen als 'begin'.",
        "Diensten: kolom 'Eindtijd' (E) is gelezen als 'eind'.",
        "Diensten: kolom 'Aanrijtijd (min)' (H) is gelezen als 'aanrijtijd_min'.",
    )


def test_a_column_name_close_to_two_names_is_refused(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][0][3] = "Begintijd"
    sheets["Diensten"][0].append("begin dienst")
    for row in sheets["Diensten"][1:]:
        row.append("x")
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [("ambiguous_column", "Diensten", 1, "D")]
    assert "'Begintijd' en 'begin dienst' lijken allebei op 'begin'" in exc.value.errors[0].message


def test_a_planners_column_next_to_an_exact_one_is_kept(tmp_path):
    sheets = base_sheets()
    sheets["Medewerkers"][0].append("medewerker naam")
    for row in sheets["Medewerkers"][1:]:
        row.append("x")
    got = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert got.employees[0].extra == {"medewerker naam": "x"} and got.notices == ()


# --- the grid form -------------------------------------------------------------

from tests.test_workbook_read import _grid_sheets  # noqa: E402


def _grid_shifts(roster):
    return [(s.employee, s.location, s.start, s.end, s.kind, s.code) for s in roster.shifts]


def _plain_grid(tmp_path):
    return read_roster(write_sheets_xlsx(tmp_path / "plain-grid.xlsx", _grid_sheets()), catalogue=demo_catalogue())


def test_grid_with_a_title_a_merged_week_row_and_weekday_names_below_the_dates(tmp_path):
    sheets = _grid_sheets()
    sheets["Rooster"][0:0] = [["Rooster team De Linde"], [None, None, "week 10"]]
    sheets["Rooster"].insert(3, [None, None, "ma", "di", "wo"])  # weekday names under the dates

    def merge(wb):
        wb["Rooster"].merge_cells("C2:E2")

    got = read_roster(_write(tmp_path / "g.xlsx", sheets, merge), catalogue=demo_catalogue())
    assert _grid_shifts(got) == _grid_shifts(_plain_grid(tmp_path))
    assert got.notices == ("Rooster: de kopregel staat op rij 3; rijen 1-2 erboven (titel of toelichting) zijn niet gelezen.",)


def test_grid_with_weekday_names_in_the_header_row_and_the_dates_below(tmp_path):
    sheets = _grid_sheets()
    header = sheets["Rooster"][0]
    sheets["Rooster"][0:1] = [["medewerker", "locatie", "ma", "di", "wo", "Totaal"], [None, None, *header[2:5]]]
    got = read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets), catalogue=demo_catalogue())
    assert _grid_shifts(got) == _grid_shifts(_plain_grid(tmp_path))


def test_grid_with_merged_header_cells_over_two_rows(tmp_path):
    sheets = _grid_sheets()
    header = sheets["Rooster"][0]
    sheets["Rooster"][0:1] = [["medewerker", "locatie", "ma", "di", "wo", "Totaal"], [None, None, *header[2:5]]]

    def merge(wb):
        wb["Rooster"].merge_cells("A1:A2")
        wb["Rooster"].merge_cells("B1:B2")
        wb["Rooster"].merge_cells("F1:F2")

    got = read_roster(_write(tmp_path / "g.xlsx", sheets, merge), catalogue=demo_catalogue())
    assert _grid_shifts(got) == _grid_shifts(_plain_grid(tmp_path))


@pytest.mark.parametrize("head", [None, "wk"])
def test_grid_codes_under_an_empty_or_non_date_header_are_refused_naming_the_column(tmp_path, head):
    sheets = _grid_sheets()
    sheets["Rooster"][0][3] = head
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [("codes_without_date", "Rooster", 1, "D")]
    assert "er staan dienstcodes in (rij 2)" in exc.value.errors[0].message


def test_grid_notes_under_a_non_date_header_are_kept(tmp_path):
    sheets = _grid_sheets()
    sheets["Rooster"][1][5] = "ruilt met E2"
    assert _grid_shifts(read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets), catalogue=demo_catalogue())) == _grid_shifts(_plain_grid(tmp_path))


def test_csv_files_named_as_a_spreadsheet_program_exports_every_sheet(tmp_path):
    import shutil
    from pathlib import Path

    sample = Path(__file__).parent.parent / "sample_rosters" / "csv-oost-veluwe-2024"
    folder = tmp_path / "export"
    folder.mkdir()
    for f in sample.iterdir():
        shutil.copy(f, folder / f"rooster maart-{f.stem.capitalize()}.csv")
    got = read_roster(folder)
    want = read_roster(sample)
    assert [(s.employee, s.start, s.end) for s in got.shifts] == [(s.employee, s.start, s.end) for s in want.shifts]
    assert got.shifts[0].place.sheet == "rooster maart-Diensten"


def test_a_formula_without_value_in_the_sheet_prescanned_in_a_child_is_reported_the_same(tmp_path, monkeypatch):
    """The Begeleiding sheet of a large workbook is pre-scanned in a forked child
    (beside.ParallelScan); a formula without a value found there makes the parent
    scan serially, so the error is the same with one process or two."""
    import re
    import zipfile
    from pathlib import Path

    import rostercheck.workbook.beside as beside
    import rostercheck.workbook.parts as parts
    from rostercheck.normsets import load_catalogue
    from tests.hostile_builders import rewrite_zip

    sample = Path(__file__).parent.parent / "sample_rosters" / "tarieven-15n.xlsx"
    with zipfile.ZipFile(sample) as zf:
        _, part = parts.support_sheet_part(zf)
        xml = zf.read(part).decode()
    xml, n = re.subn(r'<c r="E2"[^>]*>.*?</c>', '<c r="E2"><f>1+1</f></c>', xml, count=1)
    assert n == 1
    path = tmp_path / "support-formula.xlsx"
    path.write_bytes(rewrite_zip(sample.read_bytes(), {part: xml.encode()}))
    monkeypatch.setattr(beside, "PARALLEL_SCAN_BYTES", 0)
    monkeypatch.delenv("ROSTERCHECK_WORKERS", raising=False)
    got = []
    for workers in (1, 2):
        with pytest.raises(RosterInputError) as exc:
            read_roster(path, catalogue=load_catalogue(), workers=workers)
        got.append(_errors(exc.value))
    assert got[0] == got[1] == [("formula_without_value", "Begeleiding", 2, "E")]
