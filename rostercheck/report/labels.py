"""Dutch labels of the reports: kept as a name for their importers; the words and
number formats themselves live in :mod:`rostercheck.wording` (one place for all output)."""

from __future__ import annotations

from rostercheck.wording import (  # noqa: F401 - re-exported
    CHECK_LABELS,
    MONTHS,
    PERIOD_SOURCE_LABELS,
    SEVERITY_LABELS,
    WEEKDAYS_SHORT,
    check_label,
    day_label,
    measured_text,
    moment,
    month_label,
    number,
    period_text,
    unit_label,
)
