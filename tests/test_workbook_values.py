"""Cell values as planners type them (FORMAT.md, "Dates", "Times", vocabulary)."""

from datetime import date, datetime, time, timedelta

import pytest

from rostercheck.model import Level, Role, ShiftKind
from rostercheck.workbook.texts import cell_text
from rostercheck.workbook.values import (
    BadValue,
    parse_bool,
    parse_date,
    parse_kind,
    parse_level,
    parse_number,
    parse_period_option,
    parse_roles,
    parse_time,
    parse_whole,
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (date(2026, 3, 1), date(2026, 3, 1)),
        (datetime(2026, 3, 1), date(2026, 3, 1)),
        ("2026-03-01", date(2026, 3, 1)),
        ("1-3-2026", date(2026, 3, 1)),
        ("01-03-2026", date(2026, 3, 1)),
        ("12-03-2026", date(2026, 3, 12)),  # day first, always: never 3 December
        ("5/3/2026", date(2026, 3, 5)),
        (46082.0, date(2026, 3, 1)),  # a date serial that lost its format
        (" 2026-03-01 ", date(2026, 3, 1)),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["13-13-2026", "31-02-2026", "2026-02-30", "3/1/26", "maart 1", "1-3", 1.5, datetime(2026, 3, 1, 7, 0)])
def test_impossible_or_unknown_dates_are_errors(raw):
    with pytest.raises(BadValue) as exc:
        parse_date(raw)
    assert "dag eerst" in exc.value.expected


@pytest.mark.parametrize(
    "parse, raw, message",
    [
        (parse_date, "24-03", "datum zonder jaar: '24-03'; het jaar wordt niet geraden"),  # a CSV export "as shown"
        (parse_date, "1/3", "datum zonder jaar: '1/3'; het jaar wordt niet geraden"),
        (parse_date, "02-03-26", "jaartal in twee cijfers: '02-03-26'; schrijf het jaar voluit"),
        (parse_date, "2.3.26", "jaartal in twee cijfers: '2.3.26'; schrijf het jaar voluit"),
        (parse_date, "7.30", "geen datum: '7.30'"),  # a time, not a date without its year
        (parse_date, "02/28/2026", "deze datum bestaat niet met de dag eerst: '02/28/2026' (maand eerst geschreven? schrijf 28-2-2026)"),
        (parse_date, "31-02-2026", "deze datum bestaat niet: '31-02-2026'"),
        (parse_date, "1 maart 2026", "datum met de maand als woord: '1 maart 2026'; schrijf 1-3-2026"),
        (parse_date, "ma 2 mrt. 2026", "datum met de maand als woord: 'ma 2 mrt. 2026'; schrijf 2-3-2026"),
        (parse_date, "za 28-02", "datum zonder jaar: 'za 28-02'; het jaar wordt niet geraden"),
        (parse_date, "za 28-02-2026", "datum met een weekdag ervoor: 'za 28-02-2026'; schrijf 28-02-2026"),
        (parse_time, "10:00:00 PM", "tijd met AM/PM: '10:00:00 PM'; schrijf de tijd op de 24-uursklok (22:00?)"),
        (parse_time, "12:15 am", "tijd met AM/PM: '12:15 am'; schrijf de tijd op de 24-uursklok (00:15?)"),
        (parse_time, "7 p.m.", "tijd met AM/PM: '7 p.m.'; schrijf de tijd op de 24-uursklok (19:00?)"),
        (parse_time, "7:00-15:00", "begin en eind samen in één cel: '7:00-15:00'; zet 7:00 in begin en 15:00 in eind"),
        (parse_time, "07.00 tot 15.00", "begin en eind samen in één cel: '07.00 tot 15.00'; zet 07.00 in begin en 15.00 in eind"),
        (parse_time, "7 uur", "tijd met 'uur' erachter: '7 uur'; schrijf 07:00"),
        (parse_time, "7:30u", "tijd met 'uur' erachter: '7:30u'; schrijf 07:30"),
    ],
)
def test_a_value_written_otherwise_is_refused_saying_how_to_write_it_never_completed(parse, raw, message):
    with pytest.raises(BadValue) as exc:
        parse(raw)
    assert exc.value.message == message


@pytest.mark.parametrize(
    "raw, minutes",
    [
        (time(7, 0), 420),
        ("7:00", 420),
        ("07:00", 420),
        ("07.00", 420),
        ("0700", 420),
        ("07:30:00", 450),
        (0.25, 360),  # a time cell without its format
        (timedelta(hours=7), 420),
        (datetime(1899, 12, 30, 22, 0), 1320),
    ],
)
def test_times(raw, minutes):
    assert parse_time(raw) == minutes


def test_24_00_only_as_end():
    assert parse_time("24:00", allow_24=True) == 1440
    assert parse_time(date(1900, 1, 1), allow_24=True) == 1440  # 24:00 in a time cell
    with pytest.raises(BadValue, match="eindtijd"):
        parse_time("24:00")


@pytest.mark.parametrize("raw", ["25:00", "7:60", "7", "7u", "07:00:30", 2500.0, 2.5, "half acht"])
def test_bad_times(raw):
    with pytest.raises(BadValue):
        parse_time(raw, allow_24=True)


def test_numbers_decimal_comma_or_point():
    assert parse_number("5,5") == 5.5
    assert parse_number("5.5") == 5.5
    assert parse_number(32.0) == 32.0
    assert parse_whole("8,0") == 8
    for bad in ("-1", "vijf", "1.000,5", True):
        with pytest.raises(BadValue):
            parse_number(bad)
    with pytest.raises(BadValue, match="heel getal"):
        parse_whole("7,5")


def test_vocabulary_is_case_insensitive_with_aliases():
    assert parse_level(" mbo 4 ") is Level.MBO4
    assert parse_level("mbo2") is Level.MBO2
    assert parse_level("Bachelor") is Level.HBO
    assert parse_level("master") is Level.WO
    assert parse_kind("ON_CALL") is ShiftKind.ON_CALL
    assert parse_kind(" Waakdienst") is ShiftKind.AWAKE_NIGHT
    assert parse_bool("Yes") is True and parse_bool("nee") is False and parse_bool(0.0) is False
    assert parse_roles("Regisseur, spv") == frozenset({Role.REGISSEUR, Role.SPV})
    with pytest.raises(BadValue, match="opleidingsniveau"):
        parse_level("MBO-5")
    with pytest.raises(BadValue, match="soort dienst"):
        parse_kind("nacht")


def test_cell_text():
    assert cell_text(1234.0) == "1234"  # a personnel number from a number cell
    assert cell_text("  x ") == "x"
    assert cell_text("'=SOM(A1)") == "=SOM(A1)"  # undoes safe_cell_text's apostrophe
    assert cell_text("'t Hoekje") == "'t Hoekje"


def test_period_option():
    assert parse_period_option("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert parse_period_option("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    assert parse_period_option("2026-03-02..2026-03-29") == (date(2026, 3, 2), date(2026, 3, 29))
    for bad in ("2026-13", "maart", "2026-03-29..2026-03-02"):
        with pytest.raises(BadValue):
            parse_period_option(bad)


# --- FORMAT.md rev. 2, "Values as real spreadsheets hold them" ----------------


@pytest.mark.parametrize("raw, hint", [(7.0, "07:00"), (23.0, "23:00"), (7, "07:00"), ("7", "07:00"), (700.0, "07:00"), (1530.0, "15:30")])
def test_a_whole_number_in_a_time_cell_is_refused_saying_how_to_write_it(raw, hint):
    # "a whole number such as `7` or `23` is an input error that says how to write
    # the time (`7` is never 00:07)"
    for end in (False, True):
        with pytest.raises(BadValue) as exc:
            parse_time(raw, allow_24=end)
        assert f"schrijf {hint}" in exc.value.message


def test_only_a_fraction_of_a_day_is_a_time():
    assert parse_time(7 / 24) == 420
    assert parse_time(0.0) == 0
    assert parse_time(1439 / 1440) == 1439
    with pytest.raises(BadValue, match="eindtijd"):
        parse_time(1.0)  # 24:00 only as an end
    assert parse_time(1.0, allow_24=True) == 1440


def test_an_end_from_one_up_to_two_days_is_that_time_the_next_day():
    # what =D2+TIME(9,30,0) gives past midnight (22:00 + 9:30 = 1.3125 days)
    assert parse_time(22 / 24 + 9.5 / 24, allow_24=True) == 1440 + 450
    assert parse_time(datetime(1900, 1, 1, 7, 30), allow_24=True) == 1440 + 450
    assert parse_time(timedelta(hours=31, minutes=30), allow_24=True) == 1440 + 450
    assert parse_time(2879 / 1440, allow_24=True) == 2879
    for begin in (1.3125, datetime(1900, 1, 1, 7, 30)):
        with pytest.raises(BadValue, match="eindtijd"):
            parse_time(begin)
    with pytest.raises(BadValue):
        parse_time(2.0, allow_24=True)


def test_a_formula_fraction_of_a_second_off_is_rounded_real_seconds_are_not():
    assert parse_time(time(7, 29, 59, 999_999)) == 450
    assert parse_time((7.5 * 60 + 1e-9) / 1440) == 450
    with pytest.raises(BadValue, match="seconden"):
        parse_time(time(7, 29, 58))


def test_a_date_time_in_a_time_cell_is_read_when_its_date_agrees():
    day = date(2026, 3, 1)
    assert parse_time(datetime(2026, 3, 1, 7, 0), day=day) == 420
    assert parse_time(datetime(2026, 3, 2, 7, 30), allow_24=True, day=day) == 1440 + 450
    assert parse_time("2026-03-01 07:00", day=day) == 420
    assert parse_time("1-3-2026 07:00:00", day=day) == 420
    with pytest.raises(BadValue, match="klopt niet met de datum van de dienst"):
        parse_time(datetime(2026, 3, 2, 7, 0), day=day)  # a begin the next day
    with pytest.raises(BadValue, match="klopt niet"):
        parse_time(datetime(2026, 3, 3, 7, 0), allow_24=True, day=day)
    with pytest.raises(BadValue, match="geen tijd maar een datum"):
        parse_time(datetime(2026, 3, 1, 7, 0))  # no datum to compare with (Dienstcodes)


@pytest.mark.parametrize("raw", [8, 8.0, 31.0, 36525.0, date(1900, 1, 8), datetime(1900, 1, 7), date(1999, 12, 31)])
def test_a_serial_before_2000_in_a_date_cell_is_refused(raw):
    # "A number in a date cell that is a spreadsheet serial before 2000 (e.g. `8`, a
    # typed day number) is an input error, never a date in 1900."
    with pytest.raises(BadValue, match="voor 2000"):
        parse_date(raw)
    assert parse_date(36526.0) == date(2000, 1, 1)


def test_an_ods_time_of_a_day_or_more_as_calamine_gives_it():
    assert parse_time("PT31H30M00S", allow_24=True) == 1440 + 450  # =D2+TIME(9;30;0) in .ods
    assert parse_time("PT07H00M00S") == 420
    with pytest.raises(BadValue, match="eindtijd"):
        parse_time("PT31H30M00S")
    with pytest.raises(BadValue):
        parse_time("PT49H00M00S", allow_24=True)
