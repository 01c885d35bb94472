"""Bring your own layout: a planning system's export read through a mapping file."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.errors import RosterInputError
from rostercheck.normsets import load_catalogue
from rostercheck.workbook import load_mapping, read_roster
from rostercheck.workbook.mapping import suggest_mapping
from rostercheck.workbook.samples import base_sheets, demo_catalogue, write_sheets_xlsx
from rostercheck.workbook.sources import open_path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mapping"


def _findings(roster, catalogue):
    report = check_roster(roster, catalogue, CheckOptions())
    return sorted((f.check.value, f.norm, f.location or "", f.start, f.end, f.employee or "", f.measured) for f in report.findings)


def test_the_example_export_through_its_mapping_gives_the_samples_findings():
    catalogue = load_catalogue(None)
    mapping = load_mapping(EXAMPLE / "planning-export.mapping.yml")
    got = read_roster(EXAMPLE / "planning-export.xlsx", catalogue=catalogue, mapping=mapping)
    want = read_roster(ROOT / "sample_rosters" / "oost-veluwe-2024.xlsx", catalogue=catalogue)
    assert _findings(got, catalogue) == _findings(want, catalogue)
    assert [(s.employee, s.start, s.end, s.kind) for s in got.shifts] == [(s.employee, s.start, s.end, s.kind) for s in want.shifts]
    assert got.shifts[0].place.sheet == "Planning" and got.shifts[0].place.row == 3


def test_suggest_pairs_every_sheet_and_column_and_lists_the_unknown_shift_types():
    book = open_path(EXAMPLE / "planning-export.xlsx")
    suggested = yaml.safe_load(suggest_mapping(book))
    committed = yaml.safe_load((EXAMPLE / "planning-export.mapping.yml").read_text(encoding="utf-8"))
    assert suggested["sheets"] == committed["sheets"]
    assert suggested["columns"] == committed["columns"]
    assert suggested["values"] == {"Diensten": {"soort": {"Achterwacht": None, "Dienst": None, "Slaap": None, "Telefoon": None}}}


def test_suggest_on_the_command_line(tmp_path):
    out = tmp_path / "m.yml"
    p = subprocess.run([sys.executable, "-m", "rostercheck.cli", "mapping", "suggest", str(EXAMPLE / "planning-export.xlsx"), "-o", str(out)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["sheets"]["Diensten"] == "Planning"


def test_check_with_mapping_on_the_command_line():
    p = subprocess.run([sys.executable, "-m", "rostercheck.cli", "check", str(EXAMPLE / "planning-export.xlsx"),
                        "--mapping", str(EXAMPLE / "planning-export.mapping.yml"), "--format", "json"], capture_output=True, text=True)
    assert p.returncode == 1, p.stderr
    assert '"HGV-on-site-24-7"' in p.stdout and '"IHT-I-hbo-share"' in p.stdout


@pytest.mark.parametrize(
    "text, message",
    [
        ("sheets: {Diensten: Planning}\nkolommen: {}\n", "m.yml: kolommen: onbekende sleutel"),
        ("sheets: {Dienstrooster: Planning}\n", "m.yml: sheets.Dienstrooster: onbekend blad"),
        ("columns: {Diensten: {begintijd: Van}}\n", "m.yml: columns.Diensten.begintijd: onbekende kolom van Diensten"),
        ("values: {Diensten: {soort: {Dienst: }}}\n", "m.yml: values.Diensten.soort.Dienst: geen waarde ingevuld"),
        ("formats: {date: dd-mm-jjjj}\n", "m.yml: formats.date: 'dd-mm-jjjj' is geen notatie"),
        ("formats: {datum: '%d'}\n", "m.yml: formats.datum: onbekende sleutel"),
        ("sheets: [Diensten\n", "mappingbestand m.yml is geen geldige YAML"),
    ],
)
def test_a_bad_mapping_is_refused_naming_file_and_key(tmp_path, text, message):
    path = tmp_path / "m.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RosterInputError) as exc:
        load_mapping(path)
    assert exc.value.errors[0].message.startswith(message), exc.value.errors[0].message


def test_a_text_date_that_does_not_fit_the_mappings_notation_is_an_error_never_another_reading(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][2] = "20260302"
    sheets["Diensten"][2][2] = "3/2/2026"  # would be 3 February day first: refused instead
    sheets["Diensten"][4][2] = "2026-03-03"  # ISO: one reading only
    sheets["Producten"][2][3] = "20260301"  # the notation holds for every date column
    path = write_sheets_xlsx(tmp_path / "r.xlsx", sheets)
    mapping_file = tmp_path / "m.yml"
    mapping_file.write_text('formats: {date: "%Y%m%d"}\n', encoding="utf-8")
    with pytest.raises(RosterInputError) as exc:
        read_roster(path, catalogue=demo_catalogue(), mapping=load_mapping(mapping_file))
    assert [(e.type, e.sheet, e.row, e.column) for e in exc.value.errors] == [("bad_date", "Diensten", 3, "datum")]
    assert "past niet bij de notatie %Y%m%d uit de mapping" in exc.value.errors[0].message


def test_grid_codes_mapped(tmp_path):
    from tests.test_workbook_read import _grid_sheets

    sheets = _grid_sheets()
    sheets["Rooster"][1][2] = "VR"  # the export's code for D
    mapping_file = tmp_path / "m.yml"
    mapping_file.write_text("codes: {VR: D}\n", encoding="utf-8")
    got = read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets), catalogue=demo_catalogue(), mapping=load_mapping(mapping_file))
    plain = read_roster(write_sheets_xlsx(tmp_path / "p.xlsx", _grid_sheets()), catalogue=demo_catalogue())
    assert [(s.employee, s.start, s.code) for s in got.shifts] == [(s.employee, s.start, s.code) for s in plain.shifts]
