"""One place for the Dutch words and numbers every output shows (issue 14): Babel's
Dutch locale, singular and plural, real hours, titles instead of ids and file names."""

from __future__ import annotations

from datetime import date, datetime

from rostercheck import wording
from rostercheck.checks import _common
from rostercheck.findings import CheckKind, Finding, Report, Severity, Source
from rostercheck.normsets import cached_catalogue
from rostercheck.report.heatmap import merged_hours
from rostercheck.report.text import render_text, summary_line
from rostercheck.testing import roster_from_spec


def test_numbers_are_dutch_and_never_scientific():
    assert wording.number(1234567.25) == "1.234.567,25"  # was 1,23457e+06
    assert wording.number(8.5) == "8,5" and wording.number(8) == "8" and wording.number(0.126) == "0,13"
    assert wording.number(None) == "" and wording.number(True) == "ja"
    assert wording.fixed(8) == "8,0" and wording.fixed(1234.25, 2) == "1.234,25"


def test_percent_has_no_space_everywhere():
    assert wording.percent(0.526) == "52,6%" and wording.percent(0.5) == "50%" and wording.percent(1) == "100%"
    assert _common.nl_percent(0.526) == "52,6%"  # the check messages say it the same way
    assert wording.value_text(0.526, "share") == wording.measured_text(0.526, "fraction") == "52,6%"


def test_singular_and_plural():
    assert wording.count(1, "medewerker", "medewerkers") == "1 medewerker"
    assert wording.count(0, "medewerker", "medewerkers") == "0 medewerkers"
    assert wording.value_text(1, "staff") == "1 medewerker" and wording.value_text(2, "staff") == "2 medewerkers"
    assert wording.unit_label("staff", 1) == "medewerker" and wording.unit_label("staff") == "medewerkers"
    assert wording.severity_count(Severity.ERROR, 1) == "1 overtreding"
    assert wording.counts_text({"errors": 2, "warnings": 1, "info": 0}) == "2 overtredingen, 1 waarschuwing, 0 ter informatie"


def test_hours_are_measured_not_counted_in_hour_cells():
    assert wording.hours(8.5) == "8,5 uur" and wording.hours(8) == "8,0 uur"
    # 22:00-06:30 touches nine hour cells but is 8,5 hours; overlapping windows count once
    gap = Finding(check=CheckKind.COVERAGE, severity=Severity.ERROR, norm="n", norm_set="s", product=None,
                  location="L1", start=datetime(2026, 3, 2, 22), end=datetime(2026, 3, 3, 6, 30), measured=0,
                  required=1, unit="staff", message="m", source=Source(document="d", section="s", quote="q"))  # fmt: skip
    overlapping = gap.model_copy(update={"start": datetime(2026, 3, 3, 6), "end": datetime(2026, 3, 3, 7)})
    assert merged_hours([gap]) == 8.5
    assert merged_hours([gap, overlapping]) == 9.0
    assert merged_hours([gap], datetime(2026, 3, 3), datetime(2026, 3, 4)) == 6.5


def test_dates_from_babel_in_the_forms_planners_write():
    assert wording.day(date(2026, 3, 4)) == "wo 4 mrt" == _common.nl_day(date(2026, 3, 4))
    assert wording.MONTHS[2] == "maart" and wording.MONTHS_SHORT[8] == "sep"
    assert wording.span(datetime(2026, 3, 4, 23), datetime(2026, 3, 5, 2, 30)) == "wo 4 mrt 23:00 – do 5 mrt 02:30"
    assert wording.span(datetime(2026, 3, 2), datetime(2026, 3, 9)) == "ma 2 mrt – zo 8 mrt"
    assert wording.block(datetime(2026, 3, 1), datetime(2026, 4, 1)) == "maart 2026"
    assert wording.period_text(datetime(2026, 3, 2), datetime(2026, 3, 16)) == "02-03-2026 t/m 15-03-2026"


def test_norm_and_document_titles_not_ids_and_file_names():
    catalogue = cached_catalogue()
    assert wording.document_title(catalogue, "001_77567c317f0dbd0c.txt").startswith("Product- en tarievenlijst")
    assert wording.document_title(catalogue, "onbekend.txt") == "onbekend.txt"
    assert wording.document_title(None, "001_77567c317f0dbd0c.txt") == "001_77567c317f0dbd0c.txt"
    title = wording.norm_title(catalogue, "tarieven-15n", "15N12-day-presence")
    assert title != "15N12-day-presence" and "07:00-22:00" in title


def test_text_report_names_norms_and_documents_by_title():
    roster = roster_from_spec({
        "period": "2026-03-02..2026-03-02", "locations": ["L1 tarieven-15n"], "products": ["L1 15N12 6"],
        "employees": ["E1 HBO"], "shifts": ["E1 L1 2026-03-02 07:00-15:00 aanwezig"],
    }, name="rooster.xlsx")  # fmt: skip
    from rostercheck import check

    catalogue = cached_catalogue()
    report = check(roster, labour_law=False)
    text = render_text(report, roster, catalogue)
    assert "001_77567c317f0dbd0c.txt" not in text
    assert "Bron: Product- en tarievenlijst Beschermd Thuis" in text
    assert "(15N12-day-presence)" in text  # the id stays beside the title, for the JSON and the docs
    assert summary_line(report).startswith("Roostertoets rooster.xlsx: VOLDOET NIET — ")
    assert isinstance(report, Report)
