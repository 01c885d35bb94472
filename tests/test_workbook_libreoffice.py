"""Rosters made by a real spreadsheet program: the variants in tests/fixtures/libreoffice/
were written by LibreOffice 7.4 headless (make.py there; committed so CI needs no
LibreOffice). Each gives the same findings as the sample it was made from, or a clear
refusal naming the cell (FORMAT.md rev. 2, "Values as real spreadsheets hold them")."""

from functools import lru_cache
from pathlib import Path

import pytest

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.errors import RosterInputError
from rostercheck.normsets import load_catalogue
from rostercheck.workbook import read_roster

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "libreoffice"
LONG = ROOT / "sample_rosters" / "oost-veluwe-2024.xlsx"
GRID = ROOT / "sample_rosters" / "grid-tarieven-15n.xlsx"


@lru_cache(maxsize=None)
def _catalogue():
    return load_catalogue(None)


@lru_cache(maxsize=None)
def _findings(path: Path):
    roster = read_roster(path, catalogue=_catalogue())
    report = check_roster(roster, _catalogue(), CheckOptions())
    found = sorted(
        (f.check.value, f.norm, f.location or "", f.start, f.end, f.employee or "", f.severity.value, f.measured)
        for f in report.findings
    )
    return found, roster.notices


TITLE = "de kopregel staat op rij 3; rijen 1-2 erboven (titel of toelichting) zijn niet gelezen."


@pytest.mark.parametrize(
    "name, notices",
    [
        ("resaved.xlsx", ()),
        ("resaved.ods", ()),
        ("csv-all", ()),  # oost-veluwe-2024-Diensten.csv, ... (every sheet exported)
        ("title-rows.xlsx", (f"Medewerkers: {TITLE}", f"Diensten: {TITLE}")),
        ("merged-dates.xlsx", ()),
        ("merged-dates.ods", ()),
        ("formula-ends.xlsx", ()),  # =D2+TIME(9;30;0): 1.3125 days past midnight
        ("formula-ends.ods", ()),  # the same stored as PT31H30M00S
        ("formula-ends-csv", ()),
        ("date-time-cells.xlsx", ()),
        ("date-time-cells.ods", ()),
        ("general-times.xlsx", ()),  # fractions of a day in General cells
        ("spaces-row.ods", ()),
        (
            "renamed-columns.xlsx",
            (
                "Diensten: kolom 'Begin tijd' (D) is gelezen als 'begin'.",
                "Diensten: kolom 'Eindtijd' (E) is gelezen als 'eind'.",
                "Diensten: kolom 'Aanrijtijd (min)' (H) is gelezen als 'aanrijtijd_min'.",
            ),
        ),
    ],
)
def test_long_form_variant_gives_the_same_findings(name, notices):
    want, _ = _findings(LONG)
    got, got_notices = _findings(FIXTURES / name)
    assert got == want and want
    assert got_notices == notices


@pytest.mark.parametrize(
    "name",
    [
        "sorted.xlsx",  # sorted on medewerker, Z to A
        "hidden-rows.xlsx",  # rows hidden as a filter hides them
        "texts-typed.xlsx",  # times and Dutch dates as text, ids with a trailing space, kinds capitalised
        "texts-typed.ods",
        "numeric-ids.xlsx",  # personnel numbers as numbers in every sheet
        "csv-dutch",  # ";" between fields, UTF-8
        "csv-1252",  # ";" and Windows-1252
    ],
)
def test_planner_edits_and_exports_give_the_same_findings(name):
    want, _ = _findings(LONG)
    got, notices = _findings(FIXTURES / name)
    assert got == want and want
    assert notices == ()


@pytest.mark.parametrize("name", ["csv-dutch", "csv-1252"])
def test_names_survive_either_encoding(name):
    roster = read_roster(FIXTURES / name, catalogue=_catalogue())
    assert {"Bram Ruël", "Quinten Çelik", "Noël Hoekstra"} <= {e.name for e in roster.employees}


@pytest.mark.parametrize("name", ["grid-resaved.ods", "grid-week-rows.xlsx", "grid-week-rows.ods", "grid-name-column.xlsx"])
def test_grid_variant_gives_the_same_findings(name):
    want, _ = _findings(GRID)
    got, notices = _findings(FIXTURES / name)
    assert got == want and want
    assert notices == (() if name in ("grid-resaved.ods", "grid-name-column.xlsx") else (f"Rooster: {TITLE}",))


def _refusal(name):
    with pytest.raises(RosterInputError) as exc:
        read_roster(FIXTURES / name, catalogue=_catalogue())
    return exc.value.errors


@pytest.mark.parametrize("name", ["whole-hours.xlsx", "whole-hours.ods"])
def test_hours_typed_as_whole_numbers_are_refused_never_read_as_minutes(name):
    errors = _refusal(name)
    assert [(e.type, e.sheet, e.row, e.column) for e in errors] == [
        ("bad_time", "Diensten", row, col) for row in (2, 3, 4) for col in ("begin", "eind")
    ]
    assert errors[0].message == "het getal 22 is geen tijd; bedoelt u 22:00? schrijf 22:00 (of geef de kolom de celnotatie tijd)"


def test_a_typed_day_number_is_refused():
    errors = _refusal("day-number.xlsx")
    assert [(e.type, e.sheet, e.row, e.column) for e in errors] == [("bad_date", "Diensten", 6, "datum")]
    assert "het getal 8 is een spreadsheetgetal van voor 2000" in errors[0].message


def test_codes_under_an_emptied_date_header_are_refused_naming_the_column():
    errors = _refusal("grid-empty-header.xlsx")
    assert [(e.type, e.sheet, e.row, e.column) for e in errors] == [("codes_without_date", "Rooster", 1, "F")]
    assert str(errors[0]).startswith("Rooster!F1: kolom F heeft geen datum in de kopregel, maar er staan dienstcodes in (rij 2, 3, 8, 9, 11 en 8 meer)")


def test_a_total_row_under_the_shifts_is_one_clear_error():
    errors = _refusal("total-row.xlsx")
    assert [(e.type, e.sheet, e.row, e.column, e.value) for e in errors] == [("total_row", "Diensten", 404, "medewerker", "Totaal")]
    assert errors[0].message == "rij 404 is een totaalregel ('Totaal'), geen dienst"


def test_a_date_typed_once_per_day_is_refused_on_every_row_without_one_never_guessed():
    errors = _refusal("dates-not-repeated.xlsx")
    assert errors and {(e.type, e.sheet, e.column) for e in errors} == {("missing_value", "Diensten", "datum")}
    table = read_roster(LONG, catalogue=_catalogue())
    days = [s.start.date() for s in table.shifts]  # the sample's rows in order: a repeated date was emptied
    assert len(errors) == sum(1 for a, b in zip(days, days[1:]) if a == b)


def test_an_excel_97_file_is_refused_with_what_to_do():
    errors = _refusal("excel97.xls")
    assert [e.type for e in errors] == ["unsupported_file"]
    assert "sla het op als .xlsx" in errors[0].message


def test_grid_exported_as_csv_with_dates_shown_without_a_year_is_refused_in_one_line():
    from rostercheck.report.input_errors import input_error_lines

    errors = _refusal("grid-csv")
    assert {(e.type, e.row) for e in errors} == {("bad_date", 1)} and len(errors) == 32
    assert [e.column for e in errors[:3]] == ["C", "D", "E"] and errors[-1].column == "AH"  # in the sheet's order
    assert errors[0].message == "kolomkop '28-02' is geen datum: datum zonder jaar: '28-02'; het jaar wordt niet geraden"
    lines = input_error_lines(errors)
    assert len(lines) == 1
    assert lines[0].startswith("grid-tarieven-15n-Rooster rij 1: 32 cellen met dezelfde fout (bad_date) in kolom C-AH. Eerste voorbeelden: C1: ")


def test_a_week_heading_between_the_shifts_is_one_clear_error_per_row():
    errors = _refusal("week-headings.xlsx")
    assert [(e.type, e.row, e.value) for e in errors] == [("heading_row", 31, "Week 10"), ("heading_row", 62, "Week 11")]
    assert errors[0].message == "rij 31 bevat alleen 'Week 10' (een tussenkop?), geen dienst"


def test_a_renamed_shift_sheet_is_refused_naming_the_sheet_to_rename():
    errors = _refusal("sheet-renamed.xlsx")
    assert [e.type for e in errors] == ["missing_sheet"]
    assert errors[0].message.endswith("er is wel een blad 'Diensten maart': geef het de naam Diensten")


def test_an_american_export_is_refused_never_read_day_first():
    errors = _refusal("csv-us-raw")
    # times on the 12-hour clock: every begin and eind, each with its 24-hour reading as a question
    assert {e.type for e in errors} >= {"bad_time"}
    first = next(e for e in errors if e.type == "bad_time")
    assert first.message == "tijd met AM/PM: '10:00:00 PM'; schrijf de tijd op de 24-uursklok (22:00?)"
    grid = _refusal("grid-csv-us-raw")
    # month first: the headers after the 12th cannot be read day first, and say why
    assert any("deze datum bestaat niet met de dag eerst: '02/28/2026' (maand eerst geschreven? schrijf 28-2-2026)" in e.message
               for e in grid)


def test_a_team_heading_and_a_total_in_the_grid_are_one_clear_error_each():
    errors = _refusal("grid-total-heading.xlsx")
    assert [(e.type, e.sheet, e.row, e.column) for e in errors] == [("heading_row", "Rooster", 13, "A"), ("total_row", "Rooster", 37, "A")]
    assert errors[0].message == "rij 13 bevat alleen 'Team Eik' (een tussenkop?), geen medewerker"


def test_grid_date_headers_typed_with_the_weekday_and_no_year_are_refused():
    errors = _refusal("grid-weekday-headers.xlsx")
    assert len(errors) == 32 and {e.type for e in errors} == {"bad_date"}
    assert errors[0].message == "kolomkop 'za 28-02' is geen datum: datum zonder jaar: 'za 28-02'; het jaar wordt niet geraden"
