"""Writing the long form back: round trips, kept columns, formula safety, the template."""

from datetime import date, datetime, timedelta

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rostercheck.model import (
    Absence,
    AbsenceKind,
    ClientProduct,
    Employee,
    Level,
    Location,
    Period,
    PeriodSource,
    ProductAssignment,
    Role,
    Roster,
    Shift,
    ShiftKind,
    SupportKind,
    SupportRecord,
    TravelTime,
)
from rostercheck.workbook import read_roster, write_roster_xlsx
from rostercheck.workbook.samples import base_sheets, demo_catalogue, write_sheets_xlsx
from rostercheck.workbook.template import write_template


def _without_places(roster: Roster, *, columns: bool = True) -> dict:
    def strip(o):
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k != "place"}
        if isinstance(o, (list, tuple)):
            return [strip(v) for v in o]
        return o

    exclude = {"source_name"} | (set() if columns else {"columns"})
    return strip(roster.model_dump(exclude=exclude))


def test_round_trip_keeps_everything_as_read(tmp_path):
    sheets = base_sheets()
    for row in sheets["Diensten"]:
        row.insert(3, "Eigen kolom" if row[0] == "medewerker" else "- let op")  # formula trigger
    sheets["Periode"] = [["van", "tot"], ["2-3-2026", "8-3-2026"]]
    first = read_roster(write_sheets_xlsx(tmp_path / "in.xlsx", sheets), catalogue=demo_catalogue())
    write_roster_xlsx(first, tmp_path / "out.xlsx")
    again = read_roster(tmp_path / "out.xlsx", catalogue=demo_catalogue())
    assert _without_places(again) == _without_places(first)
    assert again.columns["Diensten"][3] == "Eigen kolom"
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Diensten"]
    assert ws["D2"].value == "'- let op"  # written as text, never as a formula
    assert ws["D2"].data_type == "s"


def test_grid_is_written_as_long_form_with_codes(tmp_path):
    sheets = base_sheets()
    del sheets["Diensten"]
    sheets["Dienstcodes"] = [["code", "begin", "eind", "soort"], ["D", "07:00", "15:00", "aanwezig"], ["N", "22:00", "07:00", "waakdienst"]]
    sheets["Rooster"] = [["medewerker", "locatie", "2026-03-02", "2026-03-03"], ["E1", "L1", "D", "N"], ["E2", "L2", "N", None]]
    grid = read_roster(write_sheets_xlsx(tmp_path / "g.xlsx", sheets))
    write_roster_xlsx(grid, tmp_path / "long.xlsx", extra_sheets=[("Wijzigingen", ["actie", "voor"], [["toevoegen", "=1+1"]])])
    long = read_roster(tmp_path / "long.xlsx")
    assert long.form == "long"
    assert [(s.employee, s.location, s.start, s.end, s.kind, s.code) for s in long.shifts] == [
        (s.employee, s.location, s.start, s.end, s.kind, s.code) for s in grid.shifts
    ]
    wb = openpyxl.load_workbook(tmp_path / "long.xlsx")
    assert wb.sheetnames == ["Locaties", "Producten", "Medewerkers", "Diensten", "Wijzigingen"]
    assert [c.value for c in wb["Diensten"][1]][-1] == "code"
    assert wb["Wijzigingen"]["B2"].value == "'=1+1"


# --- property: any roster written and read back is the same model --------------------

_ids = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=1, max_size=6)
_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs")) | st.just(" "),
    min_size=1, max_size=20,
).map(str.strip).filter(lambda t: t and not t.replace(".", "", 1).isdigit())
_minutes = st.integers(0, 24 * 60 - 1)


@st.composite
def rosters(draw) -> Roster:
    loc_ids = draw(st.lists(_ids, min_size=1, max_size=3, unique_by=str.casefold))
    emp_ids = draw(st.lists(_ids.map(lambda s: "E" + s), min_size=1, max_size=4, unique_by=str.casefold))
    extra_key = draw(st.sampled_from([None, "Team", "Eigen notitie"]))

    def extra():
        return {extra_key: draw(_text)} if extra_key and draw(st.booleans()) else {}

    locations = tuple(Location(id=i, name=draw(st.none() | _text), norm_set="demo", extra=extra()) for i in loc_ids)
    employees = tuple(
        Employee(
            id=i, name=draw(st.none() | _text), level=draw(st.sampled_from(list(Level))), care_relevant=draw(st.booleans()),
            roles=frozenset(draw(st.lists(st.sampled_from(list(Role)), max_size=2))),
            experience_years=draw(st.none() | st.floats(0, 40, allow_nan=False).map(lambda x: round(x, 2))),
            contract_hours=draw(st.none() | st.sampled_from([16.0, 24.0, 32.5, 36.0])),
        )
        for i in emp_ids
    )
    day0 = date(2026, 3, 1)
    products = tuple(
        ProductAssignment(location=loc, product=draw(st.sampled_from(["15N12", "15N13"])), clients=draw(st.integers(0, 30)),
                          valid_from=draw(st.none() | st.just(day0)), valid_until=draw(st.none() | st.just(day0 + timedelta(days=30))))
        for loc in loc_ids
    )
    shifts = []
    for _ in range(draw(st.integers(1, 8))):
        start = datetime(2026, 3, 1) + timedelta(days=draw(st.integers(0, 40)), minutes=draw(_minutes))
        # Up to 24 hours from any start: begin == eind is a 24-hour shift (FORMAT.md rev. 2).
        length = draw(st.integers(1, 24 * 60))
        kind = draw(st.sampled_from(list(ShiftKind)))
        loc = draw(st.sampled_from(loc_ids))
        # A shift's product is one delivered at its location on its date (FORMAT.md rev. 2).
        delivered = [p.product for p in products if p.location == loc and p.active_on(start.date())]
        product = draw(st.none() | st.sampled_from(delivered)) if delivered else None
        shifts.append(Shift(
            employee=draw(st.sampled_from(emp_ids)), location=loc, start=start,
            end=start + timedelta(minutes=length), kind=kind, product=product,
            response_min=draw(st.none() | st.integers(0, 90)) if kind is ShiftKind.ON_CALL else None,
            note=draw(st.none() | _text), code=draw(st.none() | st.sampled_from(["D", "N"])), extra=extra(),
        ))
    travel = tuple(TravelTime(employee=e, location=loc, minutes=draw(st.integers(0, 120))) for e in emp_ids[:1] for loc in loc_ids[:1]) if draw(st.booleans()) else ()
    support = None
    if draw(st.booleans()):
        support = tuple(
            SupportRecord(client="C" + draw(_ids), location=loc_ids[0], product="15N12", day=day0, hours=draw(st.sampled_from([0.0, 0.5, 1.25, 2.0])),
                          kind=draw(st.sampled_from(list(SupportKind))), employee=draw(st.none() | st.sampled_from(emp_ids)))
            for _ in range(draw(st.integers(0, 3)))
        )
    if draw(st.booleans()):
        period = Period.from_dates(day0, day0 + timedelta(days=draw(st.integers(0, 60))), PeriodSource.SHEET)
    else:
        period = Period(start=min(s.start for s in shifts), end=max(s.end for s in shifts), source=PeriodSource.DERIVED)
    clients = None
    if draw(st.booleans()):
        clients = tuple(  # a client span overlapping the product's rows (FORMAT.md rev. 2)
            ClientProduct(client="C" + draw(_ids), location=p.location, product=p.product,
                          valid_from=draw(st.none() | st.just(day0)), valid_until=draw(st.none() | st.just(day0 + timedelta(days=9))), extra=extra())
            for p in products[: draw(st.integers(1, len(products)))]
        )
    absences = []
    for _ in range(draw(st.integers(0, 3))):
        day = datetime(2026, 3, 1) + timedelta(days=draw(st.integers(0, 40)))
        if draw(st.booleans()):
            start, end, whole = day, day + timedelta(days=1), True
        else:
            start = day + timedelta(minutes=draw(_minutes))
            start, end, whole = start, start + timedelta(minutes=draw(st.integers(1, 24 * 60))), False
        absences.append(Absence(
            employee=draw(st.sampled_from(emp_ids)), location=draw(st.none() | st.sampled_from(loc_ids)), start=start, end=end,
            kind=draw(st.sampled_from(list(AbsenceKind))), whole_day=whole, note=draw(st.none() | _text),
            code=draw(st.none() | st.sampled_from(["V", "ZK"])), extra=extra(),
        ))
    return Roster(source_name="gen", period=period, locations=locations, products=products, employees=employees,
                  shifts=tuple(shifts), travel_times=travel, support=support, clients=clients, absences=tuple(absences))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(roster=rosters())
def test_write_then_read_gives_the_same_model(tmp_path, roster):
    path = tmp_path / "gen.xlsx"
    write_roster_xlsx(roster, path)
    back = read_roster(path, catalogue=demo_catalogue())
    # The generated roster has no columns as read; everything else must be equal.
    assert _without_places(back, columns=False) == _without_places(roster, columns=False)
    write_roster_xlsx(back, path)
    assert _without_places(read_roster(path, catalogue=demo_catalogue())) == _without_places(back)


# --- the template -------------------------------------------------------------------------


def test_template_has_every_sheet_header_and_drop_down(tmp_path):
    path = tmp_path / "sjabloon.xlsx"
    write_template(path, demo_catalogue())
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Toelichting"
    for name in ("Locaties", "Producten", "Medewerkers", "Diensten", "Periode", "Reistijden", "Begeleiding", "Rooster", "Dienstcodes"):
        assert name in wb.sheetnames
    assert [c.value for c in wb["Diensten"][1]] == ["medewerker", "locatie", "datum", "begin", "eind", "soort", "product", "aanrijtijd_min", "opmerking"]
    assert [c.value for c in wb["Medewerkers"][1]] == ["medewerker", "naam", "niveau", "zorgrelevant", "rollen", "ervaring_jaren", "contracturen",
                                                      "instemming_aanwezigheidsdienst"]
    lists = wb["Lijsten"]
    assert lists.sheet_state == "hidden"

    def validations(sheet):
        out = {}
        for dv in wb[sheet].data_validations.dataValidation:
            ref = dv.formula1.lstrip("=")
            col = ref.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
            values = [row[0] for row in lists.iter_rows(min_col=openpyxl.utils.column_index_from_string(col), max_col=openpyxl.utils.column_index_from_string(col), min_row=2, values_only=True) if row[0]]
            out[str(dv.sqref).split(":")[0].rstrip("0123456789")] = (dv.type, values)
        return out

    assert validations("Locaties") == {"C": ("list", ["demo"])}  # the labour-law set is no normenkader
    emp = validations("Medewerkers")
    assert emp["C"] == ("list", ["MBO-2", "MBO-3", "MBO-4", "HBO", "WO"]) and emp["D"] == ("list", ["ja", "nee"])
    kinds = [k.value for k in ShiftKind] + ["verlof", "ziek"]
    assert validations("Diensten")["F"][1] == kinds
    assert validations("Dienstcodes")["D"][1] == kinds
    assert validations("Begeleiding")["F"][1] == ["individueel", "groep", "indirect", "digitaal"]


def test_filled_in_template_reads(tmp_path):
    path = tmp_path / "sjabloon.xlsx"
    write_template(path, demo_catalogue())
    wb = openpyxl.load_workbook(path)
    for name, rows in base_sheets().items():
        for row in rows[1:]:
            wb[name].append(row)
    wb.save(path)
    roster = read_roster(path, catalogue=demo_catalogue())
    assert roster.form == "long" and len(roster.shifts) == 4


@pytest.mark.parametrize("text", ["@", "=SUM(A1)", "'@", "''=x", "'", "''", "'a", "-5 uur", "a'@"])
def test_a_text_with_apostrophes_before_a_formula_trigger_comes_back_as_it_was(text):
    # The writer puts an apostrophe before text a spreadsheet would take for a formula,
    # the reader takes one off again: also before text that starts with apostrophes and
    # then such a character ("'@" came back as "@", found by the round trip above).
    from rostercheck.cells import safe_cell_text
    from rostercheck.workbook.texts import cell_text

    written = safe_cell_text(text)
    assert cell_text(written) == text
    assert not written.lstrip("'").startswith(("=", "+", "-", "@")) or written.startswith("'")
