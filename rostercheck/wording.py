"""Every Dutch word and number a planner reads: one place for terminal, Excel, HTML,
web and fix output (the check messages reach it through ``checks._common``'s
``nl_*`` helpers).

Numbers and percentages come from Babel's Dutch locale (CLDR): decimal comma,
a point between thousands (``1.234.567,25``, never ``1,23457e+06``) and the
percent sign without a space (``52,6%``, as Babel's ``nl`` pattern and the
Taalunie's usual spelling have it). Day and month names are Babel's too; the
compact date forms (``wo 4 mrt``) are patterns over them.

Planner text names a norm and a source document by title; the ids and file names
stay in the JSON report (OUTPUT.md), which machines read.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from babel import Locale
from babel.dates import format_date
from babel.numbers import parse_pattern

from rostercheck.findings import CheckKind, Severity

if TYPE_CHECKING:  # the catalogue is passed in, never loaded here: arrows point one way
    from rostercheck.normsets import Catalogue

LOCALE = "nl_NL"
_LOCALE = Locale.parse(LOCALE)


@lru_cache(maxsize=32)
def _pattern(pattern: str):
    # Parsed once: Babel parses a pattern string on every call otherwise (a third of a
    # millisecond, and a large report formats tens of thousands of numbers).
    return parse_pattern(pattern)


def _format(x: float, pattern: str) -> str:
    return _pattern(pattern).apply(x, _LOCALE)
_DAY = timedelta(days=1)

# --- numbers -------------------------------------------------------------------------


def number(x: float | int | None, decimals: int = 2) -> str:
    """'8,5', '1.234.567,25', '3': at most ``decimals`` decimals, no trailing zeros; '' for None."""
    if x is None:
        return ""
    if isinstance(x, bool):
        return "ja" if x else "nee"
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return _format(round(float(x), decimals) + 0.0, pattern)


def fixed(x: float, decimals: int = 1) -> str:
    """'8,0', '8,5': always ``decimals`` decimals (hours in sentences, where the figures line up)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _format(round(float(x), decimals) + 0.0, pattern)


def percent(fraction: float, decimals: int = 1) -> str:
    """'52,6%' for 0.526; '50%' for 0.5."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "") + "%"
    return _format(float(fraction), pattern)


def hours(h: float) -> str:
    """'8,5 uur', '8,0 uur', '1.234,5 uur' — one decimal, as the check messages write
    hours; as measured, never counted in whole hour cells."""
    return f"{fixed(h, 1)} uur"


def count(n: int, singular: str, plural: str) -> str:
    """'1 medewerker', '3 medewerkers', '0 overtredingen'."""
    return f"{number(n, 0)} {singular if n == 1 else plural}"


# --- dates and times -------------------------------------------------------------------


# Read from Babel once: formatting a date through CLDR patterns costs microseconds a
# call, and a year's heat maps name hundreds of thousands of days.
WEEKDAYS_SHORT = tuple(format_date(date(2026, 3, 2 + i), "EEEEEE", locale=LOCALE) for i in range(7))  # ma..zo
MONTHS_SHORT = tuple(format_date(date(2000, m, 1), "LLL", locale=LOCALE).rstrip(".") for m in range(1, 13))
MONTHS = tuple(format_date(date(2000, m, 1), "LLLL", locale=LOCALE) for m in range(1, 13))


def weekday_short(d: date) -> str:
    """'ma' … 'zo'."""
    return WEEKDAYS_SHORT[d.weekday()]


def day(d: date) -> str:
    """'wo 4 mrt'."""
    return f"{WEEKDAYS_SHORT[d.weekday()]} {d.day} {MONTHS_SHORT[d.month - 1]}"


def day_label(d: date) -> str:
    """'ma 02-03-2026': the weekday matters to a planner as much as the date."""
    return f"{weekday_short(d)} {d:%d-%m-%Y}"


def day_month(d: date) -> str:
    """'ma 02-03' (heat map rows)."""
    return f"{weekday_short(d)} {d:%d-%m}"


def moment(t: datetime) -> str:
    """'04-03-2026 23:00'."""
    return f"{t:%d-%m-%Y %H:%M}"


def day_moment(t: datetime) -> str:
    """'wo 4 mrt 23:00'."""
    return f"{day(t.date())} {t:%H:%M}"


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def month_label(year: int, month: int) -> str:
    """'maart 2026'."""
    return f"{month_name(month)} {year}"


def _whole_days(start: datetime, end: datetime) -> bool:
    return start.time() == time(0) and end.time() == time(0)


def span(start: datetime, end: datetime) -> str:
    """A window as a planner writes it: 'wo 4 mrt 23:00 – do 5 mrt 02:30', or
    'wo 4 mrt 07:00 – 15:00' within one day; whole days as 'ma 2 mrt – zo 8 mrt'."""
    if _whole_days(start, end):
        last = (end - _DAY).date()
        return day(start.date()) if last == start.date() else f"{day(start.date())} – {day(last)}"
    if start.date() == end.date():
        return f"{day_moment(start)} – {end:%H:%M}"
    return f"{day_moment(start)} – {day_moment(end)}"


def block(start: datetime, end: datetime) -> str:
    """A share block: 'maart 2026' for a whole calendar month, else its days."""
    if start.day == 1 and start.time() == time(0):
        nxt = datetime(start.year + (start.month == 12), start.month % 12 + 1, 1)
        if end == nxt:
            return month_label(start.year, start.month)
    return span(start, end)


def period_text(start: datetime, end: datetime) -> str:
    """'02-03-2026 t/m 15-03-2026' for whole days (end exclusive), else exact times."""
    if _whole_days(start, end):
        return f"{start:%d-%m-%Y} t/m {end - _DAY:%d-%m-%Y}"
    return f"{moment(start)} tot {moment(end)}"


# --- labels ------------------------------------------------------------------------------

CHECK_LABELS: dict[CheckKind, str] = {
    CheckKind.COVERAGE: "Bezetting",
    CheckKind.SHARE: "Aandeel opleidingsniveau",
    CheckKind.LEVEL: "Opleidingsniveau",
    CheckKind.ROLE: "Rol",
    CheckKind.CLIENT_HOURS: "Cliënturen",
    CheckKind.LABOUR_LAW: "Arbeidstijden",
    CheckKind.ROSTER: "Dubbele inzet",
    CheckKind.INPUT: "Invoer",
}

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: "Overtreding",
    Severity.WARNING: "Waarschuwing",
    Severity.INFO: "Ter informatie",
}
_SEVERITY_COUNTED = {
    Severity.ERROR: ("overtreding", "overtredingen"),
    Severity.WARNING: ("waarschuwing", "waarschuwingen"),
    Severity.INFO: ("ter informatie", "ter informatie"),
}

PERIOD_SOURCE_LABELS = {
    "sheet": "uit het blad Periode",
    "option": "opgegeven met --period",
    "derived": "afgeleid: van de eerste tot de laatste dienst",
}

# unit -> (singular, plural)
_UNITS: dict[str, tuple[str, str]] = {
    "staff": ("medewerker", "medewerkers"),
    "employees": ("medewerker", "medewerkers"),
    "share": ("aandeel", "aandeel"),
    "fraction": ("aandeel", "aandeel"),
    "hours": ("uur", "uur"),
    "hours/week": ("uur per week", "uur per week"),
    "hours_per_week": ("uur per week", "uur per week"),
    "minutes": ("minuut", "minuten"),
    "contacts": ("contact", "contacten"),
    "contacts/week": ("contact per week", "contacten per week"),
    "hours/day": ("uur per dag", "uur per dag"),
    "hours/client/day": ("uur per cliënt per dag", "uur per cliënt per dag"),
    "clients": ("cliënt", "cliënten"),
    "days": ("dag", "dagen"),
    "count": ("", ""),
    "years": ("jaar", "jaar"),
    "product": ("product", "producten"),
    "row": ("rij", "rijen"),
    "locations": ("locatie", "locaties"),
}


def check_label(kind: CheckKind) -> str:
    return CHECK_LABELS[kind]


def severity_count(severity: Severity, n: int) -> str:
    """'1 overtreding', '3 waarschuwingen'."""
    one, many = _SEVERITY_COUNTED[severity]
    return count(n, one, many)


def counts_text(counts: dict[str, int]) -> str:
    """'2 overtredingen, 1 waarschuwing, 0 ter informatie' from ``Report.counts()``."""
    return ", ".join(
        severity_count(sev, counts[key])
        for sev, key in ((Severity.ERROR, "errors"), (Severity.WARNING, "warnings"), (Severity.INFO, "info"))
    )


def unit_label(unit: str, n: float | int | None = None) -> str:
    """The Dutch unit; plural unless ``n`` is exactly 1."""
    words = _UNITS.get(unit)
    if words is None:
        return unit
    return words[0] if n == 1 else words[1]


def value_text(x: float | int | None, unit: str) -> str:
    """A measured or required value with its unit: '52,6%', '8,5 uur', '1 medewerker'."""
    if x is None:
        return "–"
    if unit in ("share", "fraction") and 0 <= float(x) <= 1:
        # two decimals: a share of 0.4995 reads 49,95%, never 50% (NORMS.md rev. 2 reading 15)
        return percent(float(x), 2)
    if unit == "hours":
        return hours(float(x))
    return f"{number(x)} {unit_label(unit, x)}".rstrip()


def measured_text(x: float | int | None, unit: str) -> str:
    """A value for a column that has its unit beside it: shares as percentages."""
    if x is None:
        return "–"
    if unit in ("share", "fraction") and 0 <= float(x) <= 1:
        # two decimals: a share of 0.4995 reads 49,95%, never 50% (NORMS.md rev. 2 reading 15)
        return percent(float(x), 2)
    return number(x)


def verdict(compliant: bool) -> str:
    return "VOLDOET" if compliant else "VOLDOET NIET"


# --- norms and documents by title --------------------------------------------------------


@lru_cache(maxsize=8)
def _titles(catalogue: "Catalogue") -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    norms: dict[tuple[str, str], str] = {}
    documents: dict[str, str] = {}
    for norm_set in catalogue:
        documents.setdefault(norm_set.document, norm_set.title)
        for norm in norm_set.norms:
            norms[(norm_set.id, norm.id)] = norm.title
    return norms, documents


def norm_title(catalogue: "Catalogue | None", norm_set: str, norm: str) -> str:
    """The norm's title from its norm file ('Bezetting nacht: wakende wacht'); the id where unknown."""
    if catalogue is None:
        return norm
    return _titles(catalogue)[0].get((norm_set, norm), norm)


def document_title(catalogue: "Catalogue | None", document: str) -> str:
    """The source document's title (the norm set that reads it), not its file name
    (``001_77567c317f0dbd0c.txt``); as given where no norm set names it."""
    if catalogue is None:
        return document
    return _titles(catalogue)[1].get(document, document)


def source_text(catalogue: "Catalogue | None", document: str, section: str, quote: str | None = None) -> str:
    """'Product- en tarievenlijst …, 6 Beschermd Wonen: zwaar: “quote”'."""
    out = f"{document_title(catalogue, document)}, {section}"
    return out + (f": “{quote}”" if quote else "")


def join(items: Iterable[str]) -> str:
    """'a, b en c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
