"""Input errors as the planner reads them: a cause repeated down a column is one line."""

import subprocess
import sys

from rostercheck.errors import InputError, RosterInputError
from rostercheck.report.input_errors import input_error_lines, row_ranges
from rostercheck.workbook.samples import base_sheets, write_sheets_xlsx


def _bad_time(row):
    return InputError(type="bad_time", sheet="Diensten", row=row, column="begin", value=str(row), expected="een tijd als 07:00",
                      message=f"het getal {row} is geen tijd")


def test_row_ranges():
    assert row_ranges([9, 2, 3, 4, 7, 10, 3]) == ["2-4", "7", "9-10"]
    assert row_ranges([5]) == ["5"]


def test_one_line_per_column_and_cause_with_ranges_and_the_first_examples():
    errors = RosterInputError(
        [_bad_time(r) for r in (*range(2, 700), 702, 800)]
        + [InputError(type="unknown_employee", sheet="Diensten", row=5, column="medewerker", value="E9", message="onbekende medewerker 'E9'", expected="een medewerker uit het blad Medewerkers")]
        + [InputError(type="missing_sheet", sheet="Locaties", message="verplicht blad 'Locaties' ontbreekt")]
    ).errors
    lines = input_error_lines(errors)
    assert lines == [
        "Diensten, kolom 'begin': 700 rijen met dezelfde fout (bad_time) in rij 2-699, 702, 800. Eerste voorbeelden: "
        "rij 2: het getal 2 is geen tijd; rij 3: het getal 3 is geen tijd; rij 4: het getal 4 is geen tijd; verwacht: een tijd als 07:00",
        "Diensten rij 5, kolom 'medewerker': onbekende medewerker 'E9'; verwacht: een medewerker uit het blad Medewerkers",
        "Locaties: verplicht blad 'Locaties' ontbreekt",
    ]


def _bad_header(letter: str) -> InputError:
    return InputError(type="bad_date", sheet="Rooster", row=1, column=letter, value="x", message=f"kolomkop in {letter} is geen datum", expected="een datumcel")


def test_errors_of_cells_come_in_the_sheets_column_order():
    errors = RosterInputError([_bad_header(x) for x in ("AB", "C", "AA", "Z")]).errors
    assert [e.column for e in errors] == ["C", "Z", "AA", "AB"]


def test_one_cause_across_a_row_of_cells_is_one_line_with_column_ranges():
    errors = RosterInputError([_bad_header(x) for x in ("C", "D", "E", "H", "Z", "AA")] + [_bad_time(2)]).errors
    assert input_error_lines(errors) == [
        "Diensten rij 2, kolom 'begin': het getal 2 is geen tijd; verwacht: een tijd als 07:00",
        "Rooster rij 1: 6 cellen met dezelfde fout (bad_date) in kolom C-E, H, Z-AA. Eerste voorbeelden: "
        "C1: kolomkop in C is geen datum (waarde: 'x'); D1: kolomkop in D is geen datum (waarde: 'x'); "
        "E1: kolomkop in E is geen datum (waarde: 'x'); verwacht: een datumcel",
    ]
    two = RosterInputError([_bad_header("C"), _bad_header("D")]).errors
    assert input_error_lines(two) == [str(e) + " (waarde: 'x'); verwacht: een datumcel" for e in two]


def test_two_of_a_kind_stay_on_their_own_lines():
    lines = input_error_lines(RosterInputError([_bad_time(2), _bad_time(3)]).errors)
    assert lines == [
        "Diensten rij 2, kolom 'begin': het getal 2 is geen tijd; verwacht: een tijd als 07:00",
        "Diensten rij 3, kolom 'begin': het getal 3 is geen tijd; verwacht: een tijd als 07:00",
    ]


def test_the_command_groups_a_wrong_column(tmp_path):
    sheets = base_sheets()
    for row in sheets["Locaties"][1:]:
        row[2] = "tarieven-15n"  # a shipped norm set
    sheets["Producten"][2][1] = "15N12"
    for row in sheets["Diensten"][1:]:
        row[3] = 7  # every begin typed as the hour
    path = write_sheets_xlsx(tmp_path / "r.xlsx", sheets)
    p = subprocess.run([sys.executable, "-m", "rostercheck.cli", "check", str(path)], capture_output=True, text=True)
    assert p.returncode == 2
    lines = p.stderr.splitlines()
    assert lines[0] == "Het rooster kon niet worden gelezen: 4 invoerfouten."
    assert len(lines) == 2 and lines[1].startswith("  Diensten, kolom 'begin': 4 rijen met dezelfde fout (bad_time) in rij 2-5.")
