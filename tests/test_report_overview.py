"""Reports at any size (issue 14): a location × month overview, heat maps only where
there are coverage findings once the roster is larger than a few location-months, and
an Excel shifts sheet limited to the flagged shifts on a very large roster."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook

from rostercheck.findings import CheckKind, Finding, Report, Severity, Source
from rostercheck.normsets import cached_catalogue
from rostercheck.report import overview as overview_module
from rostercheck.report import xlsx as xlsx_module
from rostercheck.report.html import render_html
from rostercheck.report.overview import build_overview
from rostercheck.testing import roster_from_spec

SOURCE = Source(document="001_77567c317f0dbd0c.txt", section="5", quote="q")


@pytest.fixture(scope="module")
def two_months():
    shifts = [f"E1 L1 2026-03-{d:02d} 07:00-15:00 aanwezig" for d in range(2, 6)]
    shifts += [f"E2 L2 2026-04-{d:02d} 07:00-15:00 aanwezig" for d in range(6, 9)]
    roster = roster_from_spec({
        "period": "2026-03-01..2026-04-30", "locations": ["L1 tarieven-15n", "L2 tarieven-15n"],
        "products": ["L1 15N12 6", "L2 15N12 6"], "employees": ["E1 HBO", "E2 MBO-4"], "shifts": shifts,
    }, name="rooster.xlsx")  # fmt: skip
    gap = Finding(check=CheckKind.COVERAGE, severity=Severity.ERROR, norm="15N12-day-presence", norm_set="tarieven-15n",
                  product="15N12", location="L1", start=datetime(2026, 3, 3, 15), end=datetime(2026, 3, 3, 23, 30),
                  measured=0, required=1, unit="staff", message="Geen professional aanwezig.", source=SOURCE,
                  shift_refs=(1,))  # fmt: skip
    late = gap.model_copy(update={"check": CheckKind.LABOUR_LAW, "location": None, "employee": "E2", "norm": "atw",
                                  "start": datetime(2026, 4, 6, 7), "end": datetime(2026, 4, 6, 15), "shift_refs": (5,)})  # fmt: skip
    report = Report(roster="rooster.xlsx", period_start=roster.period.start, period_end=roster.period.end,
                    findings=[gap, late], norm_sets=["tarieven-15n"])  # fmt: skip
    return roster, report


def test_overview_counts_per_location_and_month_in_real_hours(two_months, monkeypatch):
    roster, report = two_months
    monkeypatch.setattr(overview_module, "DETAIL_ALL_UP_TO", 0)
    ov = build_overview(report, roster, cached_catalogue())
    assert [m.key for m in ov.months] == ["2026-03", "2026-04"]
    l1, l2 = ov.rows
    assert [(c.errors, c.warnings, c.short_hours, c.detail) for c in l1.cells] == [(1, 0, 8.5, True), (0, 0, 0.0, False)]
    # a finding without a location is not a coverage map's business
    assert [c.detail for c in l2.cells] == [False, False] and l2.maps == []
    assert len(l1.maps) == 1 and l1.maps[0].days[0].isoformat() == "2026-03-01" and len(l1.maps[0].days) == 31
    assert l1.maps[0].short_hours == 8.5  # 15:00-23:30, not the nine hour cells it touches
    assert [f.employee for f in ov.unplaced] == ["E2"]


def test_small_roster_draws_every_location_month(two_months):
    roster, report = two_months
    ov = build_overview(report, roster, cached_catalogue())
    assert ov.detail_all and [len(r.maps) for r in ov.rows] == [2, 2]


def test_html_overview_links_to_the_only_map(two_months, monkeypatch):
    roster, report = two_months
    monkeypatch.setattr(overview_module, "DETAIL_ALL_UP_TO", 0)
    page = render_html(report, roster)
    assert page.count("<svg") == 1 and 'id="map-L1-2026-03"' in page and 'href="#map-L1-2026-03"' in page
    assert "Overzicht per locatie en maand" in page and ">8,5<" in page
    assert "L1, maart 2026: 1 overtreding, 0 waarschuwingen, 8,5 uur tekort" in page
    # on paper there is nothing to hover over
    assert '<span class="screen"> Beweeg over een vakje voor de details.</span>' in page
    assert ".screen { display: none; }" in page


def test_xlsx_lists_only_flagged_shifts_on_a_very_large_roster(two_months, monkeypatch, tmp_path):
    roster, report = two_months
    monkeypatch.setattr(xlsx_module, "FULL_SHIFTS_UP_TO", 3)
    path = tmp_path / "r.xlsx"
    xlsx_module.write_xlsx_report(report, roster, path)
    wb = load_workbook(path)
    ws = wb["Diensten"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert [r["dienst nr"] for r in rows] == [2, 6]  # input order, 1-based
    summary = [r[0] for r in wb["Samenvatting"].iter_rows(values_only=True) if r[0]]
    assert any(str(v).startswith("Het blad Diensten toont alleen de 2 diensten") for v in summary)
    findings = wb["Bevindingen"]
    fheader = [c.value for c in findings[1]]
    link_col = fheader.index("Diensten (rij)") + 1
    # findings sorted as in the JSON (no location first): E2's shift is row 3, E1's row 2
    assert [findings.cell(row=r, column=link_col).value for r in (2, 3)] == ["3", "2"]
    assert findings.cell(row=3, column=link_col).hyperlink.location == "'Diensten'!A2"
