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

from rostercheck.cells import _FORMULA_TRIGGERS
from rostercheck.model import Level, Role, ShiftKind, SupportKind

MINUTES_PER_DAY = 1440
EXCEL_MAX_CELL_CHARS = 32_767


class BadValue(ValueError):
    """A cell that does not fit its column; ``expected`` says what would."""

    def __init__(self, message: str, expected: str):
        super().__init__(message)
        self.message = message
        self.expected = expected


def norm_key(text: str) -> str:
    """Vocabulary key: trimmed, inner spaces collapsed, case-insensitive."""
    return " ".join(text.split()).casefold()


def header_key(text: str) -> str:
    """Column-name key: like :func:`norm_key`, and ``ervaring jaren`` = ``ervaring_jaren``."""
    return re.sub(r"[\s_]+", "_", text.strip().casefold())


def cell_text(value: object) -> str:
    """Any cell as trimmed text, the way a planner would read it in the sheet.

    Whole floats lose their ``.0`` (a personnel number 1234 is stored as 1234.0);
    a leading apostrophe that :func:`rostercheck.cells.safe_cell_text` added before a
    formula trigger is taken off again, so text survives a write/read round trip.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1].startswith(_FORMULA_TRIGGERS):
        return text[1:]
    return text


# --- dates -------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?")
_DUTCH_DATE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_EXCEL_EPOCH = date(1899, 12, 30)
DATE_EXPECTED = "een datum: 2026-03-01, 1-3-2026 of 01-03-2026 (dag eerst), of een datumcel"


def parse_date(value: object) -> date:
    if isinstance(value, datetime):
        if value.time() != time(0):
            raise BadValue(f"datum met een tijd erin: {value:%Y-%m-%d %H:%M}", DATE_EXPECTED)
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A spreadsheet date serial that lost its date format (1900 date system).
        if float(value).is_integer() and 1 <= value <= 2_958_465:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise BadValue(f"geen datum: {cell_text(value)}", DATE_EXPECTED)
    if isinstance(value, str):
        return _parse_date_text(value.strip())
    raise BadValue(f"geen datum: {cell_text(value)}", DATE_EXPECTED)


@lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> date:
    m = _ISO_DATE.fullmatch(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DUTCH_DATE.fullmatch(text)
        if not m:
            raise BadValue(f"geen datum: {text!r}", DATE_EXPECTED)
        d, mo, y = int(m[1]), int(m[3]), int(m[4])  # day first, always
    try:
        return date(y, mo, d)
    except ValueError:
        raise BadValue(f"deze datum bestaat niet: {text!r}", DATE_EXPECTED) from None


# --- times -------------------------------------------------------------------

_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")
_HHMM = re.compile(r"(\d{2})(\d{2})")
TIME_EXPECTED = "een tijd: 7:00, 07:00, 07.00, 0700 of een tijdcel (24:00 alleen als eindtijd)"


def parse_time(value: object, *, allow_24: bool = False) -> int:
    """Minutes after midnight, 0..1439; 1440 (``24:00``) only where ``allow_24``."""
    minutes = _time_minutes(value)
    if minutes == MINUTES_PER_DAY and not allow_24:
        raise BadValue("24:00 kan alleen een eindtijd zijn", TIME_EXPECTED)
    return minutes


def _time_minutes(value: object) -> int:
    if isinstance(value, time):
        if value.second or value.microsecond:
            raise BadValue(f"tijd met seconden: {value.isoformat()}", TIME_EXPECTED)
        return value.hour * 60 + value.minute
    if isinstance(value, datetime):
        # A time cell that calamine shows with the 1900 epoch date (e.g. 24:00 = day 1).
        if value.date() in (date(1899, 12, 30), date(1899, 12, 31)) and not value.second:
            return value.hour * 60 + value.minute
        if value.date() == date(1900, 1, 1) and value.time() == time(0):
            return MINUTES_PER_DAY
        raise BadValue(f"geen tijd maar een datum: {cell_text(value)}", TIME_EXPECTED)
    if isinstance(value, date):
        if value == date(1900, 1, 1):
            return MINUTES_PER_DAY  # 24:00 typed in a time-formatted cell is serial 1.0
        if value in (date(1899, 12, 30), date(1899, 12, 31)):
            return 0
        raise BadValue(f"geen tijd maar een datum: {cell_text(value)}", TIME_EXPECTED)
    if isinstance(value, timedelta):
        secs = value.total_seconds()
        if 0 <= secs <= 86400 and secs % 60 == 0:
            return int(secs // 60)
        raise BadValue(f"geen tijd van de dag: {value}", TIME_EXPECTED)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
        if 0 <= v <= 1:
            # A day fraction: a time cell that lost its format (1.0 is 24:00).
            minutes = v * MINUTES_PER_DAY
            if abs(minutes - round(minutes)) < 1e-6:
                return int(round(minutes))
        elif v.is_integer() and 0 <= v <= 2400:
            return _hhmm_text(f"{int(v):04d}")  # 0700 typed in a number cell is 700
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
