"""Dutch words for what the Excel, HTML and audit reports show (planners read Dutch).

The English check name stays next to the Dutch label everywhere, so a reader can
match a row to the JSON report and to the documentation.
"""

from __future__ import annotations

from datetime import date, datetime

from rostercheck.findings import CheckKind, Severity

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

PERIOD_SOURCE_LABELS = {
    "sheet": "uit het blad Periode",
    "option": "opgegeven met --period",
    "derived": "afgeleid: van de eerste tot de laatste dienst",
}

_UNITS = {
    "staff": "medewerkers",
    "share": "aandeel",
    "fraction": "aandeel",
    "hours": "uur",
    "hours/week": "uur per week",
    "hours_per_week": "uur per week",
    "minutes": "minuten",
    "employees": "medewerkers",
    "contacts": "contacten",
    "contacts/week": "contacten per week",
    "hours/day": "uur per dag",
    "hours/client/day": "uur per cliënt per dag",
    "clients": "cliënten",
    "days": "dagen",
    "count": "aantal",
    "years": "jaar",
    "product": "product",
    "row": "rij",
    "locations": "locaties",
}

WEEKDAYS_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def check_label(kind: CheckKind) -> str:
    return CHECK_LABELS[kind]


def unit_label(unit: str) -> str:
    return _UNITS.get(unit, unit)


def day_label(d: date) -> str:
    """'ma 02-03-2026': the weekday matters to a planner as much as the date."""
    return f"{WEEKDAYS_SHORT[d.weekday()]} {d:%d-%m-%Y}"


def moment(t: datetime) -> str:
    return f"{t:%d-%m-%Y %H:%M}"


def month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def number(x: float | int | None) -> str:
    """Dutch decimal comma, no trailing zeros; empty for None."""
    if x is None:
        return ""
    if isinstance(x, bool):
        return "ja" if x else "nee"
    r = round(float(x), 2)
    return (f"{int(r)}" if r.is_integer() else f"{r:g}").replace(".", ",")


def measured_text(x: float | int | None, unit: str) -> str:
    """A measured or required value for reading: shares as percentages."""
    if x is None:
        return "–"
    if unit in ("share", "fraction") and isinstance(x, (int, float)) and 0 <= x <= 1:
        return number(round(float(x) * 100, 1)) + "%"
    return number(x)


def period_text(start: datetime, end: datetime) -> str:
    """'02-03-2026 t/m 15-03-2026' for whole days (end exclusive), else exact times."""
    from datetime import time, timedelta

    if start.time() == time(0) and end.time() == time(0):
        return f"{start:%d-%m-%Y} t/m {end - timedelta(days=1):%d-%m-%Y}"
    return f"{moment(start)} tot {moment(end)}"
