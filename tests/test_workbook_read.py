"""Reading every roster form of FORMAT.md into the same model."""

import io
import zipfile
from datetime import date, datetime, time

import pandas as pd
import pytest

from rostercheck.errors import RosterInputError
from rostercheck.model import Level, PeriodSource, Place, Role, ShiftKind
from rostercheck.workbook import read_roster, read_roster_bytes
from rostercheck.workbook.samples import base_sheets, demo_catalogue, write_sheets_xlsx


def _errors(exc: RosterInputError) -> list[tuple]:
    return [(e.type, e.sheet, e.row, e.column) for e in exc.errors]


def _refused_then_skipped(path):
    """The errors reading ``path`` raises, and the roster read with ``skip_bad_rows``."""
    with pytest.raises(RosterInputError) as exc:
        read_roster(path, catalogue=demo_catalogue())
    return _errors(exc.value), read_roster(path, catalogue=demo_catalogue(), skip_bad_rows=True)


def test_long_form_xlsx(tmp_path):
    path = write_sheets_xlsx(tmp_path / "r.xlsx", base_sheets())
    r = read_roster(path, catalogue=demo_catalogue())
    assert r.form == "long" and r.source_name == "r.xlsx"
    assert [loc.id for loc in r.locations] == ["L1", "L2"]
    assert r.locations[1].norm_set == "demo"  # "Demo" matched case-insensitively, stored canonical
    assert [p.product for p in r.products] == ["15N12", "15N12"]  # alias "bw middel" resolved
    assert r.products[1].valid_from == date(2026, 3, 1) and r.products[1].valid_until == date(2026, 12, 31)
    e1, e2, e3 = r.employees
    assert (e1.level, e1.roles, e1.experience_years, e1.contract_hours) == (Level.HBO, {Role.REGISSEUR}, 5.5, 32.0)
    assert (e2.level, e2.care_relevant) == (Level.MBO4, False)
    assert e3.id == "1001" and e3.roles == {Role.SPV, Role.BACKUP} and e3.care_relevant is True
    s1, s2, s3, s4 = r.shifts
    assert (s1.start, s1.end, s1.kind, s1.product) == (datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 15), ShiftKind.PRESENT, "15N12")
    assert (s2.start, s2.end, s2.note) == (datetime(2026, 3, 2, 22), datetime(2026, 3, 3, 7), "ruil met E1")  # next day
    assert (s3.employee, s3.location, s3.end) == ("1001", "L2", datetime(2026, 3, 4, 0))  # 24:00, "l2" -> L2
    assert (s4.start, s4.end, s4.response_min) == (datetime(2026, 3, 3, 7), datetime(2026, 3, 4, 6), 30)  # end before start: next day
    assert s2.place == Place(sheet="Diensten", row=3)
    assert r.columns["Diensten"][:3] == ("medewerker", "locatie", "datum")
    assert r.period.source is PeriodSource.DERIVED
    assert (r.period.start, r.period.end) == (datetime(2026, 3, 2, 7), datetime(2026, 3, 4, 6))
    assert r.support is None and r.travel_times == () and r.skipped == ()


def test_without_catalogue_products_are_kept_as_written(tmp_path):
    r = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", base_sheets()))
    assert [p.product for p in r.products] == ["15N12", "bw middel"]
    assert r.locations[1].norm_set == "Demo"


def test_english_aliases_and_unknown_columns_kept(tmp_path):
    sheets = {
        "locations": [["Location", "Name", "Norm_Set", "Regio"], ["L1", "X", "demo", "Oost"]],
        "PRODUCTS": [["location", "product", "clients"], ["L1", "15n13", "3"]],
        "Employees": [["employee", "level", "care_relevant", "Team"], ["E1", "bachelor", "yes", "Noord"]],
        "Shifts": [["employee", "location", "date", "start", "end", "kind", "response_min", "note", "Eigen notitie"],
                   ["E1", "L1", "2026-03-02", "22:00", "07:00", "on_call", "15", "n", "-> zie map"]],
        "Period": [["from", "until"], ["2026-03-01", "2026-03-31"]],
        "TravelTimes": [["employee", "location", "minutes"], ["E1", "L1", 25]],
        "SupportHours": [["client", "location", "product", "date", "hours", "kind", "employee"], ["C1", "L1", "15N13", "2-3-2026", "1,5", "group", "E1"]],
        "Notities": [["wat dan ook"]],
    }
    r = read_roster(write_sheets_xlsx(tmp_path / "en.xlsx", sheets), catalogue=demo_catalogue())
    assert r.locations[0].extra == {"Regio": "Oost"}
    assert r.employees[0].extra == {"Team": "Noord"} and r.employees[0].level is Level.HBO
    assert r.products[0].product == "15N13"
    assert r.shifts[0].extra == {"Eigen notitie": "-> zie map"} and r.shifts[0].kind is ShiftKind.ON_CALL
    assert r.columns["Diensten"][-1] == "Eigen notitie"
    assert r.period.source is PeriodSource.SHEET and r.period.start == datetime(2026, 3, 1)
    assert r.travel_times[0].minutes == 25
    assert r.support[0].hours == 1.5 and r.support[0].kind.value == "groep" and r.support[0].employee == "E1"


def _grid_sheets():
    sheets = base_sheets()
    del sheets["Diensten"]
    sheets["Dienstcodes"] = [
        ["code", "begin", "eind", "soort", "locatie", "aanrijtijd_min", "product"],
        ["D", "07:00", "15:00", "aanwezig", None, None, "15N12"],
        ["N", "22:00", "07:00", "slaapdienst", None, None, None],
        ["BW", "22:00", "07:00", "beschikbaar", "L2", 20, None],
        ["V", None, None, None, None, None, None],  # verlof: a day off, not a shift
    ]
    sheets["Rooster"] = [
        ["medewerker", "locatie", date(2026, 3, 2), "3-3-2026", "2026-03-04", "Totaal"],
        ["E1", "L1", "D", "d / N", None, 16],
        ["E2", "L1", "V", None, "D+BW", None],
    ]
    return sheets


def test_grid_form(tmp_path):
    r = read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", _grid_sheets()), catalogue=demo_catalogue())
    assert r.form == "grid"
    got = [(s.employee, s.location, s.start, s.end, s.kind, s.code, s.place.column) for s in r.shifts]
    assert got == [
        ("E1", "L1", datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 15), ShiftKind.PRESENT, "D", "C"),
        ("E1", "L1", datetime(2026, 3, 3, 7), datetime(2026, 3, 3, 15), ShiftKind.PRESENT, "D", "D"),
        ("E1", "L1", datetime(2026, 3, 3, 22), datetime(2026, 3, 4, 7), ShiftKind.SLEEP, "N", "D"),
        ("E2", "L1", datetime(2026, 3, 4, 7), datetime(2026, 3, 4, 15), ShiftKind.PRESENT, "D", "E"),
        ("E2", "L2", datetime(2026, 3, 4, 22), datetime(2026, 3, 5, 7), ShiftKind.ON_CALL, "BW", "E"),
    ]
    assert r.shifts[0].product == "15N12" and r.shifts[4].response_min == 20
    assert r.columns["Rooster"][-1] == "Totaal"  # a planner's own column, kept and not read


def test_grid_unknown_code_names_the_cell(tmp_path):
    sheets = _grid_sheets()
    sheets["Rooster"].append(["E1", "L1", None, None, "NX"])
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets))
    (err,) = exc.value.errors
    assert str(err) == 'Rooster!E4: unknown shift code "NX" (onbekende dienstcode)'
    assert (err.type, err.value) == ("unknown_shift_code", "NX")


def test_grid_cells_repeated_across_rows_give_their_own_shifts_and_errors(tmp_path):
    # read_grid works out a cell's codes, a column's letter and a (day, code)'s times once:
    # every cell still gives its own shifts (its row's employee and location, its own
    # column as place) and its own errors
    sheets = _grid_sheets()
    sheets["Rooster"] += [["E1", "L2", "d / N", "d / N", "  "], ["E2", "L2", "d / N", "NX / D", "NX"], ["E2", "L1", "/", "NX", "d / N"]]
    errors, r = _refused_then_skipped(write_sheets_xlsx(tmp_path / "g.xlsx", sheets))
    assert errors == [("unknown_shift_code", "Rooster", 5, "D"), ("unknown_shift_code", "Rooster", 5, "E"),
                      ("unknown_shift_code", "Rooster", 6, "D")]
    got = [(s.employee, s.location, s.start.day, s.code, s.place.row, s.place.column) for s in r.shifts if s.place.row > 3]
    assert got == [
        ("E1", "L2", 2, "D", 4, "C"), ("E1", "L2", 2, "N", 4, "C"), ("E1", "L2", 3, "D", 4, "D"), ("E1", "L2", 3, "N", 4, "D"),
        ("E2", "L2", 2, "D", 5, "C"), ("E2", "L2", 2, "N", 5, "C"),
        ("E2", "L1", 4, "D", 6, "E"), ("E2", "L1", 4, "N", 6, "E"),
    ]
    assert [s.start for s in r.shifts if s.place.row > 3 and s.code == "N"][:2] == [datetime(2026, 3, 2, 22), datetime(2026, 3, 3, 22)]


def test_grid_bad_date_header(tmp_path):
    sheets = _grid_sheets()
    sheets["Rooster"][0][3] = "31-02-2026"
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets))
    assert _errors(exc.value) == [("bad_date", "Rooster", 1, "D")]


def test_ods(tmp_path):
    path = tmp_path / "r.ods"
    sheets = base_sheets()
    with pd.ExcelWriter(path, engine="odf") as xw:
        for name, rows in sheets.items():
            df = pd.DataFrame([[("" if v is None else v) for v in row] for row in rows[1:]], columns=rows[0])
            df.to_excel(xw, sheet_name=name, index=False)
    r = read_roster(path, catalogue=demo_catalogue())
    assert [s.start for s in r.shifts] == [datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 22), datetime(2026, 3, 3, 7), datetime(2026, 3, 3, 7)]
    assert r.employees[2].id == "1001" and r.employees[0].experience_years == 5.5


def _csv_text(rows, sep):
    out = []
    for row in rows:
        cells = []
        for v in row:
            if v is None:
                v = ""
            elif isinstance(v, date):
                v = v.strftime("%d-%m-%Y")
            elif isinstance(v, time):
                v = v.strftime("%H:%M")
            v = str(v)
            cells.append(f'"{v}"' if sep in v else v)
        out.append(sep.join(cells))
    return "\r\n".join(out) + "\r\n"


def test_csv_folder_semicolon_windows_1252_decimal_comma(tmp_path):
    folder = tmp_path / "rooster"
    folder.mkdir()
    sheets = base_sheets()
    sheets["Medewerkers"][1][1] = "Anné"  # not valid UTF-8 once encoded as cp1252
    sheets["Begeleiding"] = [["cliënt", "locatie", "product", "datum", "uren", "soort"], ["C1", "L1", "15N12", "2-3-2026", "1,25", "individueel"]]
    for name, rows in sheets.items():
        (folder / f"{name.lower()}.csv").write_bytes(_csv_text(rows, ";").encode("cp1252"))
    r = read_roster(folder, catalogue=demo_catalogue())
    assert r.employees[0].name == "Anné" and r.employees[0].experience_years == 5.5
    assert r.support[0].hours == 1.25
    assert r.shifts[0].place == Place(sheet="diensten", row=2)
    assert len(r.shifts) == 4


def test_zip_of_csv_utf8_bom_comma(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, rows in base_sheets().items():
            zf.writestr(f"export/{name}.csv", b"\xef\xbb\xbf" + _csv_text(rows, ",").encode("utf-8"))
        zf.writestr("__MACOSX/export/._Diensten.csv", b"\x00\x05junk")
    path = tmp_path / "r.zip"
    path.write_bytes(buf.getvalue())
    r = read_roster(path, catalogue=demo_catalogue())
    assert len(r.shifts) == 4 and r.employees[0].experience_years == 5.5  # "5,5" quoted in a comma CSV
    # Uploads: decided by content, whatever the name says.
    r2 = read_roster_bytes(buf.getvalue(), "rooster.xlsx", catalogue=demo_catalogue())
    assert r2.shifts == r.shifts


def test_xlsm_and_bytes_by_content(tmp_path):
    path = write_sheets_xlsx(tmp_path / "r.xlsm", base_sheets())
    r = read_roster(path)
    assert len(r.shifts) == 4
    r2 = read_roster_bytes(path.read_bytes(), "roster.ods")
    assert r2.shifts == r.shifts and r2.source_name == "roster.ods"


def test_period_option_overrides_sheet(tmp_path):
    sheets = base_sheets()
    sheets["Periode"] = [["van", "tot"], ["1-3-2026", "31-3-2026"]]
    path = write_sheets_xlsx(tmp_path / "r.xlsx", sheets)
    assert read_roster(path).period.source is PeriodSource.SHEET
    r = read_roster(path, period="2026-03-02..2026-03-08")
    assert (r.period.start, r.period.end, r.period.source) == (datetime(2026, 3, 2), datetime(2026, 3, 9), PeriodSource.OPTION)
    with pytest.raises(RosterInputError) as exc:
        read_roster(path, period="maart")
    assert exc.value.errors[0].type == "bad_period"


# --- input errors: each with its exact place ------------------------------------------


def _one_error(tmp_path, mutate, catalogue=None):
    sheets = base_sheets()
    mutate(sheets)
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "bad.xlsx", sheets), catalogue=catalogue)
    return _errors(exc.value)


def test_missing_required_sheet(tmp_path):
    assert _one_error(tmp_path, lambda s: s.pop("Medewerkers"))[0][:2] == ("missing_sheet", "Medewerkers")


def test_missing_required_column(tmp_path):
    def drop_level(s):
        for row in s["Medewerkers"]:
            del row[2]
    assert _one_error(tmp_path, drop_level) == [("missing_column", "Medewerkers", 1, "niveau")]


@pytest.mark.parametrize(
    "sheet, row, col, value, expected",
    [
        ("Diensten", 2, 0, "E9", ("unknown_employee", "Diensten", 2, "medewerker")),
        ("Diensten", 3, 1, "L9", ("unknown_location", "Diensten", 3, "locatie")),
        ("Diensten", 4, 5, "nacht", ("unknown_shift_kind", "Diensten", 4, "soort")),
        ("Diensten", 2, 2, "31-02-2026", ("bad_date", "Diensten", 2, "datum")),
        ("Diensten", 2, 2, "13-13-2026", ("bad_date", "Diensten", 2, "datum")),
        ("Diensten", 2, 3, "25:00", ("bad_time", "Diensten", 2, "begin")),
        ("Diensten", 2, 3, "24:00", ("bad_time", "Diensten", 2, "begin")),
        ("Diensten", 5, 7, "7,5", ("bad_number", "Diensten", 5, "aanrijtijd_min")),
        ("Diensten", 5, 7, "half uur", ("bad_number", "Diensten", 5, "aanrijtijd_min")),
        ("Producten", 2, 2, -3, ("bad_number", "Producten", 2, "clienten")),
        ("Medewerkers", 3, 5, "veel", ("bad_number", "Medewerkers", 3, "ervaring_jaren")),
        ("Medewerkers", 2, 2, "MBO-5", ("unknown_level", "Medewerkers", 2, "niveau")),
        ("Medewerkers", 2, 4, "teamleider", ("unknown_role", "Medewerkers", 2, "rollen")),
        ("Medewerkers", 2, 3, "misschien", ("bad_boolean", "Medewerkers", 2, "zorgrelevant")),
        ("Diensten", 2, 2, None, ("missing_value", "Diensten", 2, "datum")),
    ],
)
def test_each_error_names_its_cell(tmp_path, sheet, row, col, value, expected):
    def plant(s):
        s[sheet][row - 1][col] = value
    errors = _one_error(tmp_path, plant)
    assert expected in errors
    # Only the planted error, plus what necessarily follows from it (a duplicate
    # employee's or location's later references stay valid).
    assert all(e[1] == expected[1] and e[2] == expected[2] for e in errors)


def test_duplicate_ids(tmp_path):
    def plant(s):
        s["Medewerkers"].append(["e1", "Anna B", "WO", None, None, None, None])  # case-insensitive duplicate
        s["Locaties"].append(["L1 ", "Dubbel", "demo"])
        s["Producten"].append(["L1", "15N13", 2, None, None])
    assert _one_error(tmp_path, plant) == [
        ("duplicate_id", "Locaties", 4, "locatie"),
        ("duplicate_id", "Medewerkers", 5, "medewerker"),
    ]


def test_an_error_in_a_master_row_is_not_repeated_in_every_reference(tmp_path):
    def plant(s):
        s["Medewerkers"][1][2] = "MBO-5"  # E1 has three shifts
    assert _one_error(tmp_path, plant) == [("unknown_level", "Medewerkers", 2, "niveau")]


@pytest.mark.parametrize(
    "sheet, row, col, value, expected",
    [
        ("Locaties", 2, 2, "onbekend", ("unknown_norm_set", "Locaties", 2, "normenkader")),
        ("Locaties", 2, 2, "atw", ("unknown_norm_set", "Locaties", 2, "normenkader")),  # labour law is no normenkader
        ("Producten", 3, 1, "15N99", ("unknown_product", "Producten", 3, "product")),
        ("Diensten", 2, 6, "bw licht", ("unknown_product", "Diensten", 2, "product")),
    ],
)
def test_catalogue_errors(tmp_path, sheet, row, col, value, expected):
    def plant(s):
        s[sheet][row - 1][col] = value
    assert _one_error(tmp_path, plant, demo_catalogue()) == [expected]


def test_all_planted_errors_reported_at_once(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"] += [
        ["E1", "L1", "2026-03-05", "07:00", "15:00", "aanwezig", None, None, None],  # row 6: fine
        ["E7", "L1", "2026-03-05", "07:00", "15:00", "aanwezig", None, None, None],  # row 7
        ["E1", "L1", "2026-02-30", "07:00", "15:00", "aanwezig", None, None, None],  # row 8
        ["E1", "L1", "2026-03-05", "7u", "15:00", "aanwezig", None, None, None],  # row 9
        ["E1", "L1", "2026-03-05", "07:00", "15:00", "werk", None, None, None],  # row 10
        ["E1", "L1", "2026-03-05", "22:00", "07:00", "beschikbaar", None, "3,5", None],  # row 11
    ]
    sheets["Medewerkers"][2][2] = "mbo9"  # row 3
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "bad.xlsx", sheets))
    assert _errors(exc.value) == [
        ("unknown_employee", "Diensten", 7, "medewerker"),
        ("bad_date", "Diensten", 8, "datum"),
        ("bad_time", "Diensten", 9, "begin"),
        ("unknown_shift_kind", "Diensten", 10, "soort"),
        ("bad_number", "Diensten", 11, "aanrijtijd_min"),
        ("unknown_level", "Medewerkers", 3, "niveau"),
    ]
    text = str(exc.value)
    assert "Diensten rij 8, kolom 'datum': deze datum bestaat niet: '2026-02-30'" in text


def test_skip_bad_rows_lists_every_skipped_row(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][2][5] = "nacht"  # row 3
    sheets["Diensten"][4][0] = "E9"  # row 5
    r = read_roster(write_sheets_xlsx(tmp_path / "bad.xlsx", sheets), skip_bad_rows=True)
    assert [s.place.row for s in r.shifts] == [2, 4]
    assert r.skipped == (
        "Diensten rij 3: onbekende soort dienst: 'nacht'",
        "Diensten rij 5: onbekende medewerker 'E9'",
    )


def test_skip_bad_rows_does_not_skip_a_missing_sheet(tmp_path):
    sheets = base_sheets()
    del sheets["Locaties"]
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "bad.xlsx", sheets), skip_bad_rows=True)
    assert ("missing_sheet", "Locaties", None, None) in _errors(exc.value)


def test_data_not_starting_at_a1_keeps_spreadsheet_rows(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"] = [[None] * 10, [None] * 10] + [[None] + row for row in sheets["Diensten"]]
    sheets["Diensten"][5][6] = "nacht"  # spreadsheet row 6 (the header is on row 3)
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "bad.xlsx", sheets))
    assert _errors(exc.value) == [("unknown_shift_kind", "Diensten", 6, "soort")]


def test_travel_times_read_ahead_are_reported_in_their_turn(tmp_path):
    # Reistijden is read before the shift sheet (on a large workbook the shift sheet is
    # then still being parsed) and reported in its turn after it: its notices after the
    # shift sheet's, its columns last, its rows' problems skipped after the shifts'.
    sheets = base_sheets()
    sheets["Diensten"][0] = [("Aanrijtijd (min)" if h == "aanrijtijd_min" else h) for h in sheets["Diensten"][0]]
    sheets["Diensten"].insert(0, ["Rooster maart"])
    sheets["Reistijden"] = [["Reistijden"], ["medewerker", "locatie", "Minuten (min)"], ["E1", "L1", 12]]
    r = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert r.notices == (
        "Diensten: de kopregel staat op rij 2; rij 1 erboven (titel of toelichting) is niet gelezen.",
        "Diensten: kolom 'Aanrijtijd (min)' (H) is gelezen als 'aanrijtijd_min'.",
        "Reistijden: de kopregel staat op rij 2; rij 1 erboven (titel of toelichting) is niet gelezen.",
        "Reistijden: kolom 'Minuten (min)' (C) is gelezen als 'minuten'.",
    )
    assert list(r.columns) == ["Locaties", "Medewerkers", "Producten", "Diensten", "Reistijden"]
    assert [(t.employee, t.location, t.minutes) for t in r.travel_times] == [("E1", "L1", 12)]
    sheets["Reistijden"].append(["E77", "L1", "x"])
    sheets["Diensten"][3][0] = "E88"
    errors, skipped = _refused_then_skipped(write_sheets_xlsx(tmp_path / "bad.xlsx", sheets))
    assert errors == [("unknown_employee", "Diensten", 4, "medewerker"), ("bad_number", "Reistijden", 4, "Minuten (min)"),
                      ("unknown_employee", "Reistijden", 4, "medewerker")]
    assert skipped.skipped == ("Diensten rij 4: onbekende medewerker 'E88'", "Reistijden rij 4: onbekende medewerker 'E77'; geen getal: 'x'")
    assert [t.employee for t in skipped.travel_times] == ["E1"]


def test_a_sheet_read_ahead_raises_in_its_turn():
    # What a sheet read ahead raises (a refusal) is raised in its turn: after what the
    # sheets before it raise; its problems come after those found meanwhile.
    from rostercheck.workbook.problems import Problems
    from rostercheck.workbook.reader import Ahead

    class _Reader:
        def __init__(self):
            self.p, self.columns = Problems(), {"Diensten": ("a",)}

    r = _Reader()

    def read():
        r.p.row("bad_whole", "Reistijden", 3, "minuten", "x", "geen getal: 'x'")
        r.p.notice("ahead")
        r.columns["Reistijden"] = ("m",)
        raise RosterInputError([])

    ahead = Ahead(r, read)
    assert not r.p.by_row and not r.p.notices  # nothing of it said yet
    r.p.notice("meanwhile")
    r.p.row("unknown_employee", "Diensten", 2, "medewerker", "E9", "onbekende medewerker 'E9'")
    r.columns["Clienten"] = ("c",)
    with pytest.raises(RosterInputError):
        ahead.result()
    assert list(r.p.by_row) == [("Diensten", 2, None), ("Reistijden", 3, None)]
    assert r.p.notices == ["meanwhile", "ahead"] and list(r.columns) == ["Diensten", "Clienten", "Reistijden"]
