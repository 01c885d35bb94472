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
                cells.append(str(v))
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
