"""FORMAT.md revision 2 in the reader: 24-hour shifts, a shift's product, the Clienten
sheet, leave and sickness; in .xlsx, CSV and the grid form, each error naming its cell."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from rostercheck.errors import RosterInputError
from rostercheck.model import ShiftKind
from rostercheck.workbook import read_roster, write_roster_xlsx
from rostercheck.workbook.samples import base_sheets, demo_catalogue, write_sheets_xlsx


def _errors(exc: RosterInputError) -> list[tuple]:
    return [(e.type, e.sheet, e.row, e.column) for e in exc.errors]


def _csv_folder(tmp_path, sheets, sep=";", name="csv"):
    folder = tmp_path / name
    folder.mkdir()
    for name, rows in sheets.items():
        lines = []
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
            lines.append(sep.join(cells))
        (folder / f"{name.lower()}.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return folder


def _grid(codes: list[list], grid_rows: list[list], header_dates=("2-3-2026", "3-3-2026")) -> dict:
    sheets = base_sheets()
    del sheets["Diensten"]
    sheets["Dienstcodes"] = [["code", "begin", "eind", "soort", "locatie", "aanrijtijd_min", "product"], *codes]
    sheets["Rooster"] = [["medewerker", "locatie", *header_dates], *grid_rows]
    return sheets


# --- 1. begin equal to eind is a 24-hour shift -------------------------------------------


def test_begin_equal_to_end_is_a_24_hour_shift_xlsx(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][3:5] = [time(7, 0), time(7, 0)]  # row 2: a time cell each
    sheets["Diensten"][2][3:5] = ["22:00", "22.00"]  # row 3: text, two spellings
    r = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert (r.shifts[0].start, r.shifts[0].end) == (datetime(2026, 3, 2, 7), datetime(2026, 3, 3, 7))
    assert (r.shifts[1].start, r.shifts[1].end) == (datetime(2026, 3, 2, 22), datetime(2026, 3, 3, 22))
    assert r.shifts[0].hours == 24


def test_begin_equal_to_end_is_a_24_hour_shift_csv(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][3:5] = ["0700", "07:00"]
    r = read_roster(_csv_folder(tmp_path, sheets), catalogue=demo_catalogue())
    assert (r.shifts[0].start, r.shifts[0].end) == (datetime(2026, 3, 2, 7), datetime(2026, 3, 3, 7))


def test_one_minute_short_of_24_hours_and_midnight_forms(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][3:5] = ["07:01", "07:00"]  # 23 h 59 min
    sheets["Diensten"][2][3:5] = ["00:00", "00:00"]  # 24 h from midnight, the same as 00:00-24:00
    sheets["Diensten"][3][3:5] = ["00:00", "24:00"]
    r = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert r.shifts[0].end - r.shifts[0].start == datetime(2026, 3, 3, 7) - datetime(2026, 3, 2, 7, 1)
    assert (r.shifts[1].start, r.shifts[1].end) == (datetime(2026, 3, 2), datetime(2026, 3, 3))
    assert (r.shifts[2].start, r.shifts[2].end) == (datetime(2026, 3, 3), datetime(2026, 3, 4))


def test_grid_code_with_begin_equal_to_end_is_24_hours(tmp_path):
    sheets = _grid([["D24", "07:00", "7:00", "aanwezig", None, None, None]], [["E1", "L1", "D24", None]])
    r = read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets), catalogue=demo_catalogue())
    (s,) = r.shifts
    assert (s.start, s.end, s.kind, s.code) == (datetime(2026, 3, 2, 7), datetime(2026, 3, 3, 7), ShiftKind.PRESENT, "D24")


def test_24_hour_shift_survives_a_round_trip(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][3:5] = ["07:00", "07:00"]
    r = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    write_roster_xlsx(r, tmp_path / "out.xlsx")
    again = read_roster(tmp_path / "out.xlsx", catalogue=demo_catalogue())
    assert [(s.start, s.end) for s in again.shifts] == [(s.start, s.end) for s in r.shifts]


# --- 2. a shift's product must be delivered at its location on its date ------------------


def test_product_of_another_location_names_the_cell(tmp_path):
    sheets = base_sheets()
    sheets["Producten"].append(["L2", "15N13", 2, None, None])  # 15N13 is delivered at L2 only
    sheets["Diensten"][1][6] = "15N13"  # row 2: a shift at L1
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [("product_not_delivered", "Diensten", 2, "product")]
    (err,) = exc.value.errors
    assert str(err) == (
        "Diensten rij 2, kolom 'product': product 15N13, maar dat wordt op 02-03-2026 niet geleverd op locatie L1 "
        "(15N13 staat voor L1 niet in het blad Producten)"
    )


def test_product_by_date_boundaries(tmp_path):
    """L2 delivers 15N12 from 1-3-2026 to 31-12-2026 (base sheets); a shift's date is ``datum``."""
    sheets = base_sheets()
    sheets["Producten"][2][3:5] = ["3-3-2026", "3-3-2026"]  # L2: 15N12 on 3 March only
    rows = sheets["Diensten"]
    rows[3][6] = "15N12"  # row 4: 1001 at L2 on 3 March, 00:00-24:00: delivered that day
    rows[4][6] = "15N12"  # row 5: E1 at L2 on 3 March 07:00-06:00 (into the 4th): its date is the 3rd
    rows.append(["E1", "L2", "2-3-2026", "07:00", "15:00", "aanwezig", "15N12", None, None])  # row 6: a day early
    rows.append(["E1", "L2", "4-3-2026", "07:00", "15:00", "aanwezig", "bw middel", None, None])  # row 7: a day late
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [
        ("product_not_delivered", "Diensten", 6, "product"),
        ("product_not_delivered", "Diensten", 7, "product"),
    ]
    assert "(15N12 wordt op L2 geleverd: 03-03-2026 t/m 03-03-2026)" in exc.value.errors[0].message


def test_product_not_delivered_in_csv_without_catalogue(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][1] = "L2"  # row 2: 15N12 at L2, where it is written "bw middel"
    with pytest.raises(RosterInputError) as exc:
        read_roster(_csv_folder(tmp_path, sheets))
    assert _errors(exc.value) == [("product_not_delivered", "diensten", 2, "product")]
    # With the catalogue "bw middel" is 15N12: delivered.
    r = read_roster(_csv_folder(tmp_path, sheets, name="again"), catalogue=demo_catalogue())
    assert r.shifts[0].product == "15N12" and r.shifts[0].location == "L2"


def test_product_not_delivered_skipped_row_is_listed(tmp_path):
    sheets = base_sheets()
    sheets["Producten"].append(["L2", "15N13", 2, None, None])
    sheets["Diensten"][1][6] = "15N13"
    r = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue(), skip_bad_rows=True)
    assert [s.place.row for s in r.shifts] == [3, 4, 5]
    assert r.skipped[0].startswith("Diensten rij 2: product 15N13, maar dat wordt op 02-03-2026 niet geleverd op locatie L1")


def test_broken_producten_row_is_not_repeated_on_every_shift(tmp_path):
    sheets = base_sheets()
    sheets["Producten"][1][2] = "acht"  # L1 15N12: bad clienten; shifts at L1 name 15N12
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [("bad_number", "Producten", 2, "clienten")]


def test_grid_code_product_not_delivered_names_the_grid_cell(tmp_path):
    sheets = _grid(
        [["D", "07:00", "15:00", "aanwezig", None, None, "15N12"]],
        [["E1", "L1", "D", "D"], ["E2", "L2", None, "D"]],
        header_dates=("28-2-2026", "1-3-2026"),
    )
    # L2 delivers 15N12 from 1 March: E2's D on 1 March is fine; make L1 end on 28 February.
    sheets["Producten"][1][4] = "28-2-2026"
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets), catalogue=demo_catalogue())
    (err,) = exc.value.errors
    assert (err.type, err.sheet, err.row, err.column) == ("product_not_delivered", "Rooster", 2, "D")
    assert str(err).startswith("Rooster!D2: dienstcode 'D' heeft product 15N12, maar dat wordt op 01-03-2026 niet geleverd op locatie L1")


# --- 4. the Clienten sheet ----------------------------------------------------------------

CLIENTEN = [
    ["client", "locatie", "product", "vanaf", "tot", "Dossier"],
    ["C1", "L1", "15N12", "9-3-2026", None, "d-17"],
    ["C2", "l2", "bw middel", None, "2026-03-20", None],
    ["C3", "L1", "15n12", None, None, None],
]


def test_clienten_sheet_read_and_written_back(tmp_path):
    sheets = base_sheets()
    sheets["Clienten"] = [list(r) for r in CLIENTEN]
    r = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    got = [(c.client, c.location, c.product, c.valid_from, c.valid_until, c.extra) for c in r.clients]
    assert got == [
        ("C1", "L1", "15N12", date(2026, 3, 9), None, {"Dossier": "d-17"}),
        ("C2", "L2", "15N12", None, date(2026, 3, 20), {}),
        ("C3", "L1", "15N12", None, None, {}),
    ]
    assert r.clients[0].place.row == 2
    write_roster_xlsx(r, tmp_path / "out.xlsx")
    again = read_roster(tmp_path / "out.xlsx", catalogue=demo_catalogue())
    assert [c.model_dump(exclude={"place"}) for c in again.clients] == [c.model_dump(exclude={"place"}) for c in r.clients]
    assert again.columns["Clienten"] == ("client", "locatie", "product", "vanaf", "tot", "Dossier")


def test_no_clienten_sheet_or_only_its_header_is_none(tmp_path):
    sheets = base_sheets()
    assert read_roster(write_sheets_xlsx(tmp_path / "a.xlsx", sheets)).clients is None
    sheets["Clients"] = [["client", "location", "product", "from", "until"]]  # the English alias, headers only
    assert read_roster(write_sheets_xlsx(tmp_path / "b.xlsx", sheets)).clients is None


def test_clienten_csv_english_alias(tmp_path):
    sheets = base_sheets()
    sheets["Clients"] = [["Client", "Location", "Product", "From", "Until"], ["C1", "L1", "15N12", "2-3-2026", "8-3-2026"]]
    r = read_roster(_csv_folder(tmp_path, sheets, sep=","), catalogue=demo_catalogue())
    (c,) = r.clients
    assert (c.client, c.valid_from, c.valid_until, c.place.sheet) == ("C1", date(2026, 3, 2), date(2026, 3, 8), "clients")


def test_clienten_errors_name_their_cells(tmp_path):
    sheets = base_sheets()
    sheets["Producten"].append(["L2", "15N13", 2, "1-4-2026", None])  # 15N13 at L2 from April only
    sheets["Clienten"] = [
        ["client", "locatie", "product", "vanaf", "tot"],
        ["C1", "L9", "15N12", None, None],  # 2: unknown location
        ["C2", "L1", "15N13", None, None],  # 3: 15N13 is not delivered at L1
        ["C3", "L1", "15N12", "31-2-2026", None],  # 4: no such date
        ["C4", "L1", "15N12", "10-3-2026", "9-3-2026"],  # 5: tot before vanaf
        [None, "L1", "15N12", None, None],  # 6: no client
        ["C6", "L2", "15N13", "1-3-2026", "31-3-2026"],  # 7: at L2, but only in April
        ["C7", "L2", "15N13", "1-3-2026", "1-4-2026"],  # fine: overlaps April's first day
        ["C8", "L1", "15N99", None, None],  # 9: not in the norm set
    ]
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [
        ("unknown_location", "Clienten", 2, "locatie"),
        ("product_not_delivered", "Clienten", 3, "product"),
        ("bad_date", "Clienten", 4, "vanaf"),
        ("bad_date_range", "Clienten", 5, "tot"),
        ("missing_value", "Clienten", 6, "client"),
        ("product_not_delivered", "Clienten", 7, "product"),
        ("unknown_product", "Clienten", 9, "product"),
    ]
    assert exc.value.errors[5].message == (
        "product 15N13 wordt op locatie L2 niet geleverd in 01-03-2026 t/m 31-03-2026 "
        "(15N13 wordt op L2 geleverd: 01-04-2026 t/m einde)"
    )


# --- 5. leave and sickness ------------------------------------------------------------------


def test_leave_and_sick_rows_become_absences_not_shifts(tmp_path):
    sheets = base_sheets()
    rows = sheets["Diensten"]
    rows.append(["E2", None, "4-3-2026", None, None, "verlof", None, None, "zomervakantie"])  # 6: whole day
    rows.append(["E1", "L1", "5-3-2026", "08:00", "12:00", "Ziek", None, None, None])  # 7: part of a day
    rows.append([1001, None, "6-3-2026", "22:00", "07:00", "sick", None, None, None])  # 8: into the next day
    rows.append(["E2", "L2", "7-3-2026", None, None, "leave", None, None, None])  # 9
    r = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert len(r.shifts) == 4
    got = [(a.employee, a.location, a.start, a.end, a.kind.value, a.whole_day, a.note, a.place.row) for a in r.absences]
    assert got == [
        ("E2", None, datetime(2026, 3, 4), datetime(2026, 3, 5), "verlof", True, "zomervakantie", 6),
        ("E1", "L1", datetime(2026, 3, 5, 8), datetime(2026, 3, 5, 12), "ziek", False, None, 7),
        ("1001", None, datetime(2026, 3, 6, 22), datetime(2026, 3, 7, 7), "ziek", False, None, 8),
        ("E2", "L2", datetime(2026, 3, 7), datetime(2026, 3, 8), "verlof", True, None, 9),
    ]
    assert r.period.end == datetime(2026, 3, 4, 6)  # derived from the shifts only


def test_absences_round_trip_as_diensten_rows(tmp_path):
    sheets = base_sheets()
    for row in sheets["Diensten"]:
        row.append("Eigen" if row[0] == "medewerker" else None)
    sheets["Diensten"].append(["E2", None, "4-3-2026", None, None, "verlof", None, None, "vakantie", "x"])
    sheets["Diensten"].append(["E1", "L1", "5-3-2026", "08:00", "12:00", "ziek", None, None, None, None])
    r = read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    write_roster_xlsx(r, tmp_path / "out.xlsx")
    again = read_roster(tmp_path / "out.xlsx", catalogue=demo_catalogue())
    strip = lambda xs: [x.model_dump(exclude={"place"}) for x in xs]  # noqa: E731
    assert strip(again.absences) == strip(r.absences) and strip(again.shifts) == strip(r.shifts)
    assert again.absences[0].extra == {"Eigen": "x"}
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Diensten"]
    assert [c.value for c in ws[6]][:6] == ["E2", None, datetime(2026, 3, 4), None, None, "verlof"]


def test_absence_row_errors_name_their_cells(tmp_path):
    sheets = base_sheets()
    rows = sheets["Diensten"]
    rows.append(["E2", None, "4-3-2026", "08:00", None, "verlof", None, None, None])  # 6: begin without eind
    rows.append(["E2", None, "4-3-2026", None, None, "ziek", "15N12", 10, None])  # 7: product and response time
    rows.append(["E9", "L1", "4-3-2026", None, None, "verlof", None, None, None])  # 8: unknown employee
    rows.append(["E2", "L9", None, None, None, "verlof", None, None, None])  # 9: unknown location, no date
    rows.append(["E2", None, "4-3-2026", None, "25:00", "ziek", None, None, None])  # 10: bad time
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "r.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [
        ("missing_value", "Diensten", 6, "eind"),
        ("unexpected_value", "Diensten", 7, "aanrijtijd_min"),
        ("unexpected_value", "Diensten", 7, "product"),
        ("unknown_employee", "Diensten", 8, "medewerker"),
        ("missing_value", "Diensten", 9, "datum"),
        ("unknown_location", "Diensten", 9, "locatie"),
        ("missing_value", "Diensten", 10, "begin"),
        ("bad_time", "Diensten", 10, "eind"),
    ]


def test_leave_in_csv(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"].append(["E2", None, "4-3-2026", None, None, "verlof", None, None, None])
    r = read_roster(_csv_folder(tmp_path, sheets), catalogue=demo_catalogue())
    (a,) = r.absences
    assert (a.employee, a.start, a.whole_day, a.place.sheet, a.place.row) == ("E2", datetime(2026, 3, 4), True, "diensten", 6)


def test_grid_leave_and_sick_codes_give_absences_per_cell(tmp_path):
    sheets = _grid(
        [
            ["D", "07:00", "15:00", "aanwezig", None, None, None],
            ["V", None, None, "verlof", None, None, None],
            ["ZK", None, None, "ziek", None, None, None],
            ["ZO", "13:00", "17:00", "ziek", None, None, None],  # sick for the afternoon
            ["X", None, None, None, None, None, None],  # no times, no soort: a free day
        ],
        [["E1", "L1", "V", "ZK"], ["E2", "L2", "X", "D/ZO"]],
    )
    r = read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets), catalogue=demo_catalogue())
    assert [(s.employee, s.location, s.code) for s in r.shifts] == [("E2", "L2", "D")]
    got = [(a.employee, a.location, a.start, a.end, a.kind.value, a.whole_day, a.code, a.place.column, a.place.row) for a in r.absences]
    assert got == [
        ("E1", "L1", datetime(2026, 3, 2), datetime(2026, 3, 3), "verlof", True, "V", "C", 2),
        ("E1", "L1", datetime(2026, 3, 3), datetime(2026, 3, 4), "ziek", True, "ZK", "D", 2),
        ("E2", "L2", datetime(2026, 3, 3, 13), datetime(2026, 3, 3, 17), "ziek", False, "ZO", "D", 3),
    ]
    # Written back in the long form, the codes and kinds stay.
    write_roster_xlsx(r, tmp_path / "long.xlsx")
    again = read_roster(tmp_path / "long.xlsx", catalogue=demo_catalogue())
    assert [(a.employee, a.start, a.end, a.kind, a.whole_day, a.code) for a in again.absences] == [
        (a.employee, a.start, a.end, a.kind, a.whole_day, a.code) for a in r.absences
    ]


def test_grid_leave_code_errors(tmp_path):
    sheets = _grid(
        [
            ["V", "08:00", None, "verlof", None, None, None],  # 2: begin without eind
            ["ZK", None, None, "ziek", None, 15, None],  # 3: a response time
        ],
        [["E1", "L1", "V", "ZK"]],
    )
    with pytest.raises(RosterInputError) as exc:
        read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets), catalogue=demo_catalogue())
    assert _errors(exc.value) == [
        ("missing_value", "Dienstcodes", 2, "eind"),
        ("unexpected_value", "Dienstcodes", 3, "aanrijtijd_min"),
        # A code whose own row is wrong is not defined, as for every code.
        ("unknown_shift_code", "Rooster", 2, "C"),
        ("unknown_shift_code", "Rooster", 2, "D"),
    ]


def test_absences_never_count_for_a_norm():
    """A whole-day verlof at the location does not cover a 24/7 presence norm."""
    from _check_helpers import norm, norm_set, run

    ns = norm_set(norm("present", "coverage", {"window": {"start": "00:00", "end": "24:00"}, "presence": "reachable"}))
    spec = {
        "period": "2026-03-02..2026-03-02", "products": ["L1 P1 5"], "employees": ["E1 HBO"],
        "shifts": [], "absences": ["E1 2026-03-02 verlof"],
    }
    found = [(f["check"], f["start"], f["end"], f["measured"]) for f in run(ns, spec)]
    assert found == [("coverage", "2026-03-02T00:00", "2026-03-03T00:00", 0)]


def _refused(tmp_path, sheets, **kw):
    path = write_sheets_xlsx(tmp_path / "r.xlsx", sheets)
    with pytest.raises(RosterInputError) as exc:
        read_roster(path, catalogue=demo_catalogue(), **kw)
    return exc.value.errors


def test_a_heading_or_total_row_is_one_error_and_an_incomplete_shift_is_not_one(tmp_path):
    sheets = base_sheets()
    width = len(sheets["Diensten"][0])
    sheets["Diensten"].insert(2, ["Week 10"] + [None] * (width - 1))  # a heading: row 3
    sheets["Diensten"].insert(3, ["Week 10b"] * 6 + [None] * (width - 6))  # a heading merged over the shift's cells: row 4
    sheets["Diensten"].append(["E1"] + [None] * (width - 1))  # a known employee, nothing else: an incomplete shift, row 8
    sheets["Diensten"].append(["Totaal:", None, None, None, 9] + [None] * (width - 5))  # row 9
    got = [(e.type, e.row, e.column) for e in _refused(tmp_path, sheets)]
    assert got[:2] == [("heading_row", 3, "medewerker"), ("heading_row", 4, "medewerker")]
    assert ("total_row", 9, "medewerker") in got and [g for g in got if g[1] == 9] == [("total_row", 9, "medewerker")]
    incomplete = sorted(g[2] for g in got if g[1] == 8)
    assert incomplete == ["begin", "datum", "eind", "locatie", "soort"]  # each missing cell named, as before


def test_a_heading_row_is_skipped_and_listed_with_skip_bad_rows(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"].insert(2, ["Week 10"] + [None] * (len(sheets["Diensten"][0]) - 1))
    path = write_sheets_xlsx(tmp_path / "r.xlsx", sheets)
    roster = read_roster(path, catalogue=demo_catalogue(), skip_bad_rows=True)
    assert len(roster.shifts) == 4
    assert any("Week 10" in text for text in roster.skipped)


def test_a_missing_sheet_names_the_sheet_to_rename_and_never_reads_it(tmp_path):
    sheets = base_sheets()
    sheets["Medewerkers 2026"] = sheets.pop("Medewerkers")
    errors = _refused(tmp_path, sheets)
    missing = [e for e in errors if e.type == "missing_sheet"]
    assert len(missing) == 1 and missing[0].message.endswith("er is wel een blad 'Medewerkers 2026': geef het de naam Medewerkers")


def test_the_header_pasted_again_between_the_shifts_is_one_error(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"].insert(3, list(sheets["Diensten"][0]))  # row 4: the next block's header
    errors = _refused(tmp_path, sheets)
    assert [(e.type, e.row) for e in errors] == [("header_row", 4)]
    assert errors[0].message == "rij 4 herhaalt de kopregel, geen dienst"


def test_a_second_header_row_in_english_is_one_error(tmp_path):
    sheets = base_sheets()
    english = ["employee", "location", "date", "start", "end", "kind", "product", "response_min", "note"]
    sheets["Diensten"].insert(1, english)  # row 2, under the Dutch header
    errors = _refused(tmp_path, sheets)
    assert [(e.type, e.row) for e in errors] == [("header_row", 2)]


def test_a_shift_typed_from_to_in_one_cell_says_where_each_goes(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][1][3], sheets["Diensten"][1][4] = "7:00-15:00", None
    errors = _refused(tmp_path, sheets)
    begin = next(e for e in errors if e.column == "begin")
    assert begin.message == "begin en eind samen in één cel: '7:00-15:00'; zet 7:00 in begin en 15:00 in eind"


def test_a_workbook_in_the_1904_date_system_gives_the_same_dates(tmp_path):
    # Excel for Mac's old default: serials count from 1904, the workbook says so (date1904)
    from openpyxl import load_workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    path = write_sheets_xlsx(tmp_path / "r.xlsx", base_sheets())
    book = load_workbook(path)
    book.epoch = CALENDAR_MAC_1904
    book.save(tmp_path / "mac.xlsx")
    want = read_roster(path, catalogue=demo_catalogue())
    got = read_roster(tmp_path / "mac.xlsx", catalogue=demo_catalogue())
    assert [(s.start, s.end) for s in got.shifts] == [(s.start, s.end) for s in want.shifts]
    assert got.shifts[0].start == datetime(2026, 3, 2, 7, 0)


@pytest.mark.parametrize("headers", [("begin 2", "eind 2"), ("begin2", "eind2"), ("2e begin", "2e eind"), ("Begintijd 2", "Eindtijd 2")])
def test_a_second_begin_and_eind_on_the_row_are_refused_never_left_unread(tmp_path, headers):
    sheets = base_sheets()
    sheets["Diensten"][0] += list(headers)
    for row in sheets["Diensten"][1:]:
        row += ["16:00", "20:00"]  # the second part of a split shift
    errors = _refused(tmp_path, sheets)
    assert [(e.type, e.column, e.value) for e in errors] == [("second_shift_column", "J", headers[0]), ("second_shift_column", "K", headers[1])]
    assert errors[0].message.startswith(f"kolom {headers[0]!r} (J) lijkt een tweede begintijd (een tweede dienst op de rij?)")


def test_empty_numbered_columns_and_other_own_columns_are_kept(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][0] += ["begin 2", "pauze"]
    for row in sheets["Diensten"][1:]:
        row += [None, "30"]
    path = write_sheets_xlsx(tmp_path / "r.xlsx", sheets)
    roster = read_roster(path, catalogue=demo_catalogue())
    assert len(roster.shifts) == 4 and roster.shifts[0].extra == {"pauze": "30"}


def test_a_second_employee_on_the_row_is_refused(tmp_path):
    sheets = base_sheets()
    sheets["Diensten"][0] += ["medewerker 2", "medewerker naam"]
    for row in sheets["Diensten"][1:]:
        row += ["E2", "Anna"]
    errors = _refused(tmp_path, sheets)
    assert [(e.type, e.value) for e in errors] == [("second_shift_column", "medewerker 2")]  # "medewerker naam" stays the planner's own
