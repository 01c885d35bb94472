"""Cell values as planners type them: dates, times, numbers and the FORMAT.md vocabulary.

Every parser takes one raw cell (what python-calamine or the CSV reader gave: ``str``,
``float``, ``int``, ``bool``, ``date``, ``datetime``, ``time``, ``timedelta`` or ``""``)
and returns the value, or raises :class:`BadValue` carrying what was expected. A value
that fits none of the accepted forms is an error; it is never guessed (FORMAT.md,
"Dates"). Dutch dates are day first, always.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from rostercheck.model import Level, Role, ShiftKind, SupportKind
from rostercheck.workbook.texts import cell_text, norm_key

MINUTES_PER_DAY = 1440
EXCEL_MAX_CELL_CHARS = 32_767


class BadValue(ValueError):
    """A cell that does not fit its column; ``expected`` says what would."""

    def __init__(self, message: str, expected: str):
        super().__init__(message)
        self.message = message
        self.expected = expected


# --- dates -------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?")
_DUTCH_DATE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_DAY_MONTH = re.compile(r"(?:[^\W\d_]{2,3}\.?\s+)?\d{1,2}([-/])\d{1,2}")  # a date shown without its year (za 28-02)
_WEEKDAY_FIRST = re.compile(r"[^\W\d_]{2,3}\.?\s+(\S+)")  # za 28-02-2026
_MONTH_WORD = re.compile(r"(?:\w+\s+)?(\d{1,2})\s+(\w+\.?)\s+(\d{4})")  # (ma) 2 maart 2026
_MONTHS = {name: k for k, names in enumerate(
    (("januari", "jan"), ("februari", "feb"), ("maart", "mrt"), ("april", "apr"), ("mei",), ("juni", "jun"),
     ("juli", "jul"), ("augustus", "aug"), ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nov"),
     ("december", "dec")), start=1) for name in names}
_SHORT_YEAR = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}")  # 2-3-26
_EXCEL_EPOCH = date(1899, 12, 30)
DATE_EXPECTED = "een datum: 2026-03-01, 1-3-2026 of 01-03-2026 (dag eerst), of een datumcel"


# FORMAT.md rev. 2: "A number in a date cell that is a spreadsheet serial before 2000
# (e.g. `8`, a typed day number) is an input error, never a date in 1900." A date
# object only comes from a spreadsheet cell (a serial with a date format), so one
# before 2000 is such a serial too; text dates are taken as written.
FIRST_SERIAL_DATE = date(2000, 1, 1)
_FIRST_SERIAL = (FIRST_SERIAL_DATE - _EXCEL_EPOCH).days  # 36526


def parse_date(value: object) -> date:
    if isinstance(value, datetime):
        if _time_of(value) != 0:
            raise BadValue(f"datum met een tijd erin: {value:%Y-%m-%d %H:%M}", DATE_EXPECTED)
        value = value.date()
    if isinstance(value, date):
        if value < FIRST_SERIAL_DATE:
            raise BadValue(_typed_day(value, (value - _EXCEL_EPOCH).days), DATE_EXPECTED)
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A spreadsheet date serial that lost its date format (1900 date system).
        if float(value).is_integer() and _FIRST_SERIAL <= value <= 2_958_465:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        if float(value).is_integer() and 0 <= value < _FIRST_SERIAL:
            raise BadValue(_typed_day(None, int(value)), DATE_EXPECTED)
        raise BadValue(f"geen datum: {cell_text(value)}", DATE_EXPECTED)
    if isinstance(value, str):
        return _parse_date_text(value.strip())
    raise BadValue(f"geen datum: {cell_text(value)}", DATE_EXPECTED)


def _typed_day(shown: date | None, serial: int) -> str:
    what = f"de datum {shown:%d-%m-%Y}" if shown is not None else f"het getal {serial}"
    return (
        f"{what} is een spreadsheetgetal van voor 2000 (een getypt dagnummer?), geen datum van het rooster; "
        "schrijf de hele datum, bijvoorbeeld 8-3-2026"
    )


@lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> date:
    m = _ISO_DATE.fullmatch(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DUTCH_DATE.fullmatch(text)
        if not m:
            # Dates as a CSV export shows them ("as shown"): say what is missing, guess nothing.
            if _DAY_MONTH.fullmatch(text):
                raise BadValue(f"datum zonder jaar: {text!r}; het jaar wordt niet geraden", DATE_EXPECTED)
            m = _WEEKDAY_FIRST.fullmatch(text)
            if m and (_DUTCH_DATE.fullmatch(m[1]) or _ISO_DATE.fullmatch(m[1])):
                raise BadValue(f"datum met een weekdag ervoor: {text!r}; schrijf {m[1]}", DATE_EXPECTED)
            if _SHORT_YEAR.fullmatch(text):
                raise BadValue(f"jaartal in twee cijfers: {text!r}; schrijf het jaar voluit", DATE_EXPECTED)
            m = _MONTH_WORD.fullmatch(text)
            if m and m[2].casefold().rstrip(".") in _MONTHS:
                month = _MONTHS[m[2].casefold().rstrip(".")]
                raise BadValue(f"datum met de maand als woord: {text!r}; schrijf {int(m[1])}-{month}-{m[3]}", DATE_EXPECTED)
            raise BadValue(f"geen datum: {text!r}", DATE_EXPECTED)
        d, mo, y = int(m[1]), int(m[3]), int(m[4])  # day first, always
    try:
        return date(y, mo, d)
    except ValueError:
        if mo > 12 and d <= 12 and m.re is _DUTCH_DATE:  # 02/28/2026: month first, as an American export writes it
            raise BadValue(f"deze datum bestaat niet met de dag eerst: {text!r} (maand eerst geschreven? "
                           f"schrijf {mo}-{d}-{y})", DATE_EXPECTED) from None
        raise BadValue(f"deze datum bestaat niet: {text!r}", DATE_EXPECTED) from None


# --- times -------------------------------------------------------------------

_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")
_HHMM = re.compile(r"(\d{2})(\d{2})")
_SPAN = re.compile(r"(\d{1,2}[:.]\d{2})\s*(?:-|–|—|tot)\s*(\d{1,2}[:.]\d{2})")
_HOURS_WORD = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:u|uur)\.?", re.IGNORECASE)
_AM_PM = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*([AaPp])\.?[Mm]\.?")
# A date and a time as text (a CSV export of a date-time cell).
_DATED_CLOCK = re.compile(r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})[T ](\d{1,2}:\d{2}(?::\d{2})?)")
TIME_EXPECTED = "een tijd: 7:00, 07:00, 07.00, 0700 of een tijdcel (24:00 alleen als eindtijd)"
_EPOCH_DAYS = (date(1899, 12, 30), date(1899, 12, 31))  # the day a bare time cell carries
_NEXT_EPOCH_DAY = date(1900, 1, 1)  # serial 1..2: what =begin+TIME(..) gives past midnight
_NO_DAY = object()
_ODS_DURATION = re.compile(r"PT(\d{1,3})H(\d{1,2})M(?:(\d{1,2}(?:\.\d+)?)S)?")


def parse_time(value: object, *, allow_24: bool = False, day: object = _NO_DAY) -> int:
    """Minutes after midnight, 0..1439.

    ``allow_24`` marks an ``eind`` cell: ``24:00`` (1440) and, FORMAT.md rev. 2, a
    value from 1 up to 2 days ("what `=begin+TIME(9,30,0)` gives past midnight") as
    that time the next day (1440..2879). ``day`` is the shift's ``datum`` where a
    date-and-time value is allowed: its time part is read and its date must be that
    day (or, for ``eind``, the next); None when the ``datum`` itself is unreadable."""
    if isinstance(value, (datetime, date)) and day is not _NO_DAY:
        minutes = _dated_minutes(value, day, allow_24)
        if minutes is not None:
            return minutes
    if isinstance(value, str) and day is not _NO_DAY and _DATED_CLOCK.fullmatch(value.strip()):
        m = _DATED_CLOCK.fullmatch(value.strip())
        on = _parse_date_text(m[1])
        clock = _time_text(m[2])
        return _dated_minutes(datetime(on.year, on.month, on.day) + timedelta(minutes=clock), day, allow_24)  # type: ignore[return-value]
    minutes = _time_minutes(value, allow_24)
    if minutes == MINUTES_PER_DAY and not allow_24:
        raise BadValue("24:00 kan alleen een eindtijd zijn", TIME_EXPECTED)
    if minutes > MINUTES_PER_DAY and (not allow_24 or minutes >= 2 * MINUTES_PER_DAY):
        where = "kan alleen een eindtijd zijn" if not allow_24 else "ligt meer dan een dag na middernacht"
        raise BadValue(f"een tijd na middernacht ({cell_text(value)}) {where}", TIME_EXPECTED)
    return minutes


def _time_of(value: time | datetime) -> int:
    """Minutes of a time of day, rounded where a formula left a fraction of a second
    (=D2+TIME(9,30,0) in floating point); real seconds are refused."""
    secs = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    minutes = round(secs / 60)
    if abs(secs - minutes * 60) > 0.5:
        raise BadValue(f"tijd met seconden: {value:%H:%M:%S}", TIME_EXPECTED)
    return minutes


def _dated_minutes(value: date, day: object, end: bool) -> int | None:
    """A date-and-time value in a time cell: None when it is a bare time (epoch day)."""
    on = value.date() if isinstance(value, datetime) else value
    if on in _EPOCH_DAYS or on == _NEXT_EPOCH_DAY:
        return None
    minutes = _time_of(value) if isinstance(value, datetime) else 0
    if day is None:  # the datum cell has its own error: no second one here
        return minutes
    if on == day:
        if end and minutes == 0:
            raise BadValue(
                f"eindtijd {value:%d-%m-%Y %H:%M} ligt op het begin van de dag van de dienst ({day:%d-%m-%Y})",  # type: ignore[str-format]
                "een eindtijd na de begintijd, of de volgende dag",
            )
        return minutes
    if end and on == day + timedelta(days=1):  # type: ignore[operator]
        return MINUTES_PER_DAY + minutes
    shown = f"{value:%d-%m-%Y %H:%M}" if isinstance(value, datetime) else f"{value:%d-%m-%Y}"
    raise BadValue(
        f"de datum in deze tijdcel ({shown}) klopt niet met de datum van de dienst ({day:%d-%m-%Y})",  # type: ignore[str-format]
        "alleen een tijd, of een datum-tijd op de datum van de dienst" + (" (of de dag erna)" if end else ""),
    )


def _whole_number_time(n: int) -> str:
    """FORMAT.md rev. 2: "a whole number such as `7` or `23` is an input error that
    says how to write the time (`7` is never 00:07)"."""
    if 0 < n <= 24:
        hint = f"{n:02d}:00"
    elif 100 <= n <= 2400 and n % 100 < 60:
        hint = f"{n // 100:02d}:{n % 100:02d}"
    else:
        return f"het getal {n} is geen tijd; schrijf een tijd als 07:00 (of geef de kolom de celnotatie tijd)"
    return f"het getal {n} is geen tijd; bedoelt u {hint}? schrijf {hint} (of geef de kolom de celnotatie tijd)"


def _time_minutes(value: object, end: bool) -> int:
    if isinstance(value, time):
        return _time_of(value)
    if isinstance(value, datetime):
        # A time cell that calamine shows with the 1900 epoch date; day 1 is a time
        # the next day (24:00 or later), only in an eind cell.
        if value.date() in _EPOCH_DAYS:
            return _time_of(value)
        if value.date() == _NEXT_EPOCH_DAY and end:
            return MINUTES_PER_DAY + _time_of(value)
        if value.date() == _NEXT_EPOCH_DAY:
            raise BadValue(f"een tijd na middernacht ({value:%H:%M} de volgende dag) kan alleen een eindtijd zijn", TIME_EXPECTED)
        raise BadValue(f"geen tijd maar een datum: {cell_text(value)}", TIME_EXPECTED)
    if isinstance(value, date):
        if value == _NEXT_EPOCH_DAY:
            return MINUTES_PER_DAY  # 24:00 typed in a time-formatted cell is serial 1.0
        if value in _EPOCH_DAYS:
            return 0
        raise BadValue(f"geen tijd maar een datum: {cell_text(value)}", TIME_EXPECTED)
    if isinstance(value, timedelta):
        secs = value.total_seconds()
        limit = 2 * 86400 if end else 86400
        if 0 <= secs <= limit and abs(secs - round(secs / 60) * 60) <= 0.5 and not (secs == limit and end):
            return round(secs / 60)
        raise BadValue(f"geen tijd van de dag: {value}", TIME_EXPECTED)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
        # FORMAT.md rev. 2: "A number in a time cell is a spreadsheet time only when
        # it is a fraction of a day (0 <= x < 1)", in eind up to 2 days.
        if 0 <= v < (2 if end else 1):
            minutes = v * MINUTES_PER_DAY
            if abs(minutes - round(minutes)) * 60 <= 0.5:
                return int(round(minutes))
            raise BadValue(f"tijd met seconden: {cell_text(value)} (een deel van een dag)", TIME_EXPECTED)
        if v == 1 and not end:
            return MINUTES_PER_DAY  # 24:00: refused by the caller outside an end cell
        if 1 < v < 2:
            raise BadValue(f"een tijd na middernacht ({cell_text(value)} dag) kan alleen een eindtijd zijn", TIME_EXPECTED)
        if v.is_integer() and v > 0:
            raise BadValue(_whole_number_time(int(v)), TIME_EXPECTED)
        raise BadValue(f"geen tijd: {cell_text(value)}", TIME_EXPECTED)
    if isinstance(value, str):
        return _time_text(value.strip())
    raise BadValue(f"geen tijd: {cell_text(value)}", TIME_EXPECTED)


@lru_cache(maxsize=4096)
def _time_text(text: str) -> int:
    m = _CLOCK.fullmatch(text)
    if m:
        if m[3] not in (None, "00"):
            raise BadValue(f"tijd met seconden: {text!r}", TIME_EXPECTED)
        return _clock(int(m[1]), int(m[2]), text)
    if _HHMM.fullmatch(text):
        return _hhmm_text(text)
    m = _ODS_DURATION.fullmatch(text)
    if m:  # calamine gives an .ods time value of a day or more as its ISO duration text
        secs = int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3] or 0)
        minutes = round(secs / 60)
        if abs(secs - minutes * 60) > 0.5:
            raise BadValue(f"tijd met seconden: {text!r}", TIME_EXPECTED)
        return minutes
    if text.isdigit() and len(text) <= 2:
        raise BadValue(_whole_number_time(int(text)), TIME_EXPECTED)
    m = _SPAN.fullmatch(text)
    if m:  # 7:00-15:00 in one cell
        raise BadValue(f"begin en eind samen in één cel: {text!r}; zet {m[1]} in begin en {m[2]} in eind", TIME_EXPECTED)
    m = _HOURS_WORD.fullmatch(text)
    if m:  # 7 uur, 07:00u
        raise BadValue(f"tijd met 'uur' erachter: {text!r}; schrijf {int(m[1]):02d}:{m[2] or '00'}", TIME_EXPECTED)
    m = _AM_PM.fullmatch(text)
    if m:  # 10:00:00 PM: a 12-hour clock (an American export), refused, never guessed
        hour = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0)
        clock24 = f"{hour:02d}:{int(m[2] or 0):02d}"
        raise BadValue(f"tijd met AM/PM: {text!r}; schrijf de tijd op de 24-uursklok ({clock24}?)", TIME_EXPECTED)
    raise BadValue(f"geen tijd: {text!r}", TIME_EXPECTED)


def _hhmm_text(text: str) -> int:
    return _clock(int(text[:2]), int(text[2:]), text)


def _clock(h: int, m: int, text: str) -> int:
    if h == 24 and m == 0:
        return MINUTES_PER_DAY
    if not (0 <= h < 24 and 0 <= m < 60):
        raise BadValue(f"deze tijd bestaat niet: {text!r}", TIME_EXPECTED)
    return h * 60 + m


# --- numbers -----------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
NUMBER_EXPECTED = "een getal ≥ 0 (komma of punt als decimaalteken)"
WHOLE_EXPECTED = "een heel getal ≥ 0"


def parse_number(value: object) -> float:
    """A number ≥ 0; decimal comma or point."""
    if isinstance(value, bool):
        raise BadValue(f"geen getal: {cell_text(value)}", NUMBER_EXPECTED)
    if isinstance(value, (int, float)):
        v = float(value)
    elif isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        v = float(value.strip().replace(",", "."))
    else:
        raise BadValue(f"geen getal: {cell_text(value)!r}", NUMBER_EXPECTED)
    if v != v or v in (float("inf"), float("-inf")):
        raise BadValue(f"geen getal: {cell_text(value)!r}", NUMBER_EXPECTED)
    if v < 0:
        raise BadValue(f"negatief getal: {cell_text(value)}", NUMBER_EXPECTED)
    return v


def parse_whole(value: object) -> int:
    """A whole number ≥ 0 (``8``, ``8.0``, ``8,0``; not ``7,5``)."""
    try:
        v = parse_number(value)
    except BadValue as exc:
        raise BadValue(exc.message, WHOLE_EXPECTED) from None
    if not v.is_integer():
        raise BadValue(f"geen heel getal: {cell_text(value)}", WHOLE_EXPECTED)
    return int(v)


# --- vocabulary --------------------------------------------------------------


def _vocab(pairs: dict[str, object]) -> dict[str, object]:
    return {norm_key(k): v for k, v in pairs.items()}


_LEVELS = _vocab(
    {
        **{f"mbo{sep}{n}": Level(f"MBO-{n}") for n in (2, 3, 4) for sep in ("-", "", " ")},
        **{f"mbo niveau {n}": Level(f"MBO-{n}") for n in (2, 3, 4)},
        "hbo": Level.HBO,
        "bachelor": Level.HBO,
        "wo": Level.WO,
        "master": Level.WO,
    }
)
LEVEL_EXPECTED = "MBO-2, MBO-3, MBO-4, HBO of WO (ook mbo2, mbo 4, bachelor, master)"

_KINDS = _vocab(
    {
        "aanwezig": ShiftKind.PRESENT,
        "present": ShiftKind.PRESENT,
        "waakdienst": ShiftKind.AWAKE_NIGHT,
        "awake_night": ShiftKind.AWAKE_NIGHT,
        "slaapdienst": ShiftKind.SLEEP,
        "sleep": ShiftKind.SLEEP,
        "beschikbaar": ShiftKind.ON_CALL,
        "on_call": ShiftKind.ON_CALL,
        "bereikbaar": ShiftKind.PHONE,
        "phone": ShiftKind.PHONE,
        "ambulant": ShiftKind.AMBULANT,
    }
)
KIND_EXPECTED = "aanwezig, waakdienst, slaapdienst, beschikbaar, bereikbaar, ambulant, verlof of ziek"

_SUPPORT = _vocab(
    {
        "individueel": SupportKind.INDIVIDUAL,
        "individual": SupportKind.INDIVIDUAL,
        "groep": SupportKind.GROUP,
        "group": SupportKind.GROUP,
        "indirect": SupportKind.INDIRECT,
        "digitaal": SupportKind.DIGITAL,
        "digital": SupportKind.DIGITAL,
    }
)
SUPPORT_EXPECTED = "individueel, groep, indirect of digitaal"

_BOOLS = _vocab({"ja": True, "nee": False, "yes": True, "no": False, "true": True, "false": False, "1": True, "0": False, "waar": True, "onwaar": False, "j": True, "n": False})
BOOL_EXPECTED = "ja of nee"

_ROLES = _vocab({r.value: r for r in Role})
ROLES_EXPECTED = "een lijst met komma's uit: " + ", ".join(r.value for r in Role)


def _lookup(table: dict[str, object], value: object, what: str, expected: str) -> object:
    """``what`` is the whole phrase, e.g. "onbekende soort dienst" (Dutch gender varies)."""
    text = cell_text(value)
    found = table.get(norm_key(text))
    if found is None:
        raise BadValue(f"{what}: {text!r}", expected)
    return found


def parse_level(value: object) -> Level:
    return _lookup(_LEVELS, value, "onbekend opleidingsniveau", LEVEL_EXPECTED)  # type: ignore[return-value]


def parse_kind(value: object) -> ShiftKind:
    return _lookup(_KINDS, value, "onbekende soort dienst", KIND_EXPECTED)  # type: ignore[return-value]


def parse_support_kind(value: object) -> SupportKind:
    return _lookup(_SUPPORT, value, "onbekende soort begeleiding", SUPPORT_EXPECTED)  # type: ignore[return-value]


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return _lookup(_BOOLS, value, "geen ja of nee", BOOL_EXPECTED)  # type: ignore[return-value]


def parse_roles(value: object) -> frozenset[Role]:
    roles = set()
    for part in re.split(r"[,;]", cell_text(value)):
        if part.strip():
            roles.add(_lookup(_ROLES, part, "onbekende rol", ROLES_EXPECTED))
    return frozenset(roles)  # type: ignore[arg-type]


# --- the --period option -----------------------------------------------------

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def parse_period_option(text: str) -> tuple[date, date]:
    """``2026-03`` (a month) or ``2026-03-02..2026-03-29`` (inclusive) to first and last day."""
    expected = "een maand 2026-03 of een reeks 2026-03-02..2026-03-29"
    text = text.strip()
    m = _MONTH.fullmatch(text)
    if m:
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise BadValue(f"deze maand bestaat niet: {text!r}", expected)
        first = date(y, mo, 1)
        last = date(y + (mo == 12), mo % 12 + 1, 1) - timedelta(days=1)
        return first, last
    first_s, sep, last_s = text.partition("..")
    if not sep:
        raise BadValue(f"geen periode: {text!r}", expected)
    try:
        first, last = parse_date(first_s), parse_date(last_s)
    except BadValue as exc:
        raise BadValue(exc.message, expected) from None
    if last < first:
        raise BadValue(f"de periode eindigt voor ze begint: {text!r}", expected)
    return first, last
