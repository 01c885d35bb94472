"""The Excel report: every finding, the roster with its flagged shifts, a coverage
sheet per location, no formula from the input, and no names when pseudonymised."""

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from report_samples import FORMULAS, LOCATION, MARKERS, hostile_report, marker_report

from rostercheck.findings import CheckKind
from rostercheck.report.heatmap import OK, SHORT, UNKNOWN, HourNote, grid
from rostercheck.report.xlsx import FILL_ERROR_ROW, FILL_OK, FILL_SHORT, FILL_UNKNOWN, write_xlsx_report

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    roster, report = hostile_report()
    path = tmp_path_factory.mktemp("xlsx") / "rapport.xlsx"
    write_xlsx_report(report, roster, path)
    return roster, report, load_workbook(path)


def _cells(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                yield ws, c


def test_no_cell_is_a_formula_and_no_text_starts_with_a_trigger(hostile):
    _, _, wb = hostile
    seen_escaped = set()
    for ws, c in _cells(wb):
        assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value!r}"
        if isinstance(c.value, str):
            assert not c.value.startswith(TRIGGERS), f"{ws.title}!{c.coordinate}: {c.value!r}"
            if c.value.startswith("'"):
                seen_escaped.add(c.value[1:])
    # the crafted names and notes are there, escaped, not dropped
    for text in ['=HYPERLINK("http://evil.example/x","klik")', "@SUM(A1:A9)", "+1", "-1+2", "\tTab"]:
        assert text in seen_escaped
    assert "<script>alert(1)</script>" in {c.value for _, c in _cells(wb)}


def test_sheets_headers_and_print_setup(hostile):
    _, _, wb = hostile
    assert wb.sheetnames == ["Samenvatting", "Overzicht", "Bevindingen", "Diensten", f"Dekking {LOCATION}", "Dekking L2"]
    for name in ["Overzicht", "Bevindingen", "Diensten", f"Dekking {LOCATION}"]:
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        # fitToWidth absent means 1 (the OOXML default); fitToHeight 0: as many pages down as needed
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
        assert ws.page_setup.fitToHeight == 0
        assert ws.freeze_panes is not None and ws.auto_filter.ref
        assert ws.print_title_rows
    assert wb["Bevindingen"].freeze_panes == "A2"
    assert wb["Bevindingen"].print_title_rows == "$1:$1"


def test_findings_sheet_prints_few_wrapped_columns_with_sized_rows(hostile):
    _, report, wb = hostile
    ws = wb["Bevindingen"]
    # The printable part: seven columns, one page wide in landscape; the data columns follow outside it.
    assert [c.value for c in ws[1]][:7] == ["Ernst", "Locatie", "Venster", "Norm", "Toelichting", "Gemeten / vereist", "Bron"]
    assert ws.print_area == f"'Bevindingen'!$A$1:$G${len(report.findings) + 1}"
    assert ws.column_dimensions["E"].width >= 50
    assert sum(ws.column_dimensions[c].width for c in "ABCDEFG") < 200  # about 9 pt on A4 landscape
    for row in ws.iter_rows(min_row=2, max_col=7):
        assert all(c.alignment.wrap_text for c in row[1:])
        longest = max(len(str(c.value or "")) for c in row[2:7])
        if longest > 60:  # wraps: the row is as tall as its text, so wrapped rows never overlap
            assert ws.row_dimensions[row[0].row].height >= 30


def test_summary_states_verdict_period_and_counts(hostile):
    _, report, wb = hostile
    ws = wb["Samenvatting"]
    pairs = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert pairs["Oordeel"] == "Voldoet NIET aan de normen"
    assert pairs["Periode"] == "02-03-2026 t/m 15-03-2026"
    assert pairs["Periode bepaald"] == "uit het blad Periode"
    assert pairs["Overtredingen"] == report.counts()["errors"]
    assert pairs["Waarschuwingen"] == report.counts()["warnings"] == 4
    assert pairs["Normenkaders"] == "tarieven-15n, oost-veluwe-2024"
    rows = list(ws.iter_rows(values_only=True))
    coverage_row = next(r for r in rows if r[1] == "coverage")
    n_cov_err = sum(1 for f in report.findings if f.check is CheckKind.COVERAGE and f.severity.value == "error")
    assert coverage_row[:3] == ("Bezetting", "coverage", n_cov_err)
    assert next(r for r in rows if r[1] == "labour_law")[2] == 1
    assert "'=1+1 opmerking" in [r[0] for r in rows]


def test_every_finding_is_a_row_with_window_values_and_citation(hostile):
    roster, report, wb = hostile
    ws = wb["Bevindingen"]
    header = [c.value for c in ws[1]]
    assert header[7:16] == ["Van", "Tot", "Gemeten", "Vereist", "Eenheid", "Controle", "Check", "Norm-id", "Normenkader"]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == len(report.findings)
    gap = next(r for r in rows if r["Norm-id"] == "15N12-day-presence" and r["Van"] == datetime(2026, 3, 5, 15))
    assert gap["Locatie"] == "'@Noord" and gap["Product"] == "15N12"
    assert gap["Tot"] == datetime(2026, 3, 5, 22)
    assert gap["Venster"] == "do 5 mrt 15:00 – 22:00"
    assert (gap["Gemeten"], gap["Vereist"], gap["Eenheid"]) == (0, 1, "medewerkers")
    assert gap["Gemeten / vereist"] == "0 medewerkers / 1 medewerker"
    assert gap["Controle"] == "Bezetting" and gap["Check"] == "coverage" and gap["Ernst"] == "Overtreding"
    # Planner text names the norm and the document by title; the ids stay in their own columns.
    assert gap["Norm"] != gap["Norm-id"] and gap["Norm"]
    assert gap["Document"].endswith(".txt") and gap["Citaat"]
    assert not gap["Bron"].startswith(gap["Document"]) and "Product- en tarievenlijst" in gap["Bron"]
    atw = next(r for r in rows if r["Check"] == "labour_law")
    assert atw["Medewerker"] == "E2 (<script>alert(1)</script>)"
    assert atw["Document"] == "'=cmd|' /C calc'!A0"
    assert atw["Toelichting"] == "'-dienst van <script>alert(1)</script>"
    e2_row = next(i for i, s in enumerate(roster.shifts) if s.employee == "E2") + 2
    assert atw["Diensten (rij)"] == str(e2_row)
    link = ws.cell(row=rows.index(atw) + 2, column=len(header)).hyperlink
    assert link.location == f"'Diensten'!A{e2_row}" or link.target == f"#'Diensten'!A{e2_row}"
    assert "Beweeg" not in "".join(str(c.value) for _, c in _cells(wb))  # nothing on paper asks to hover


def test_shifts_sheet_is_the_long_form_with_flagged_shifts_and_comments(hostile):
    roster, _, wb = hostile
    ws = wb["Diensten"]
    header = [c.value for c in ws[1]]
    assert header == [
        "medewerker", "naam", "locatie", "datum", "begin", "eind", "soort", "product",
        "aanrijtijd_min", "opmerking", "bevindingen", "dienst nr",
    ]  # fmt: skip
    assert ws.max_row == len(roster.shifts) + 1
    e2 = next(i for i, s in enumerate(roster.shifts) if s.employee == "E2")
    r = e2 + 2
    assert ws.cell(row=r, column=1).value == "E2"
    assert ws.cell(row=r, column=4).value == datetime(2026, 3, 2)
    assert (ws.cell(row=r, column=5).number_format, ws.cell(row=r, column=6).number_format) == ("hh:mm", "hh:mm")
    assert ws.cell(row=r, column=1).fill.fgColor.rgb.endswith(FILL_ERROR_ROW.fgColor.rgb[-6:])
    comment = ws.cell(row=r, column=1).comment.text
    assert "Arbeidstijden (labour_law)" in comment and "norm atw-max-shift" in comment
    assert "Arbeidstijden (labour_law)" in ws.cell(row=r, column=11).value
    # a shift nobody flagged: no fill, no comment
    e5 = next(i for i, s in enumerate(roster.shifts) if s.employee == "E5") + 2
    assert ws.cell(row=e5, column=1).comment is None


def _rgb(cell) -> str:
    return cell.fill.fgColor.rgb[-6:]


def test_coverage_sheet_colours_hours_by_status(hostile):
    _, _, wb = hostile
    ws = wb[f"Dekking {LOCATION}"]
    assert ws.cell(row=4, column=1).value.startswith("maart 2026: ")  # a block per month
    assert [c.value for c in ws[5]][:3] == ["Dag", "00", "01"]
    assert ws.freeze_panes == "B6"
    days = [ws.cell(row=r, column=1).value for r in range(6, 20)]
    assert days[0] == "ma 02-03-2026" and days[-1] == "zo 15-03-2026"

    def cell(day: int, hour: int):
        return ws.cell(row=6 + (date(2026, 3, day) - date(2026, 3, 2)).days, column=2 + hour)

    assert _rgb(cell(5, 15)) == FILL_SHORT.fgColor.rgb[-6:] and cell(5, 15).value == "0/1"  # no evening shift
    assert "tekort" in cell(5, 15).comment.text and "15N12-day-presence" in cell(5, 15).comment.text
    assert _rgb(cell(4, 1)) == FILL_UNKNOWN.fgColor.rgb[-6:] and cell(4, 1).value == "?"  # on call, response unknown
    assert _rgb(cell(2, 10)) == FILL_OK.fgColor.rgb[-6:] and cell(2, 10).value in (None, "")
    # per-day total of short hours: 5 March 15:00-23:00 short (evening and reachability)
    assert ws.cell(row=6 + 3, column=26).value == 8


def test_pseudonymised_workbook_has_no_name_anywhere(tmp_path):
    roster, report = marker_report()
    plain, pseudo = tmp_path / "met-namen.xlsx", tmp_path / "pseudo.xlsx"
    write_xlsx_report(report, roster, plain)
    write_xlsx_report(report, roster, pseudo, pseudonymise=True)

    def texts(path):
        wb = load_workbook(path)
        out = []
        for _, c in _cells(wb):
            out.append(str(c.value) if c.value is not None else "")
            if c.comment is not None:
                out.append(c.comment.text)
        return "\n".join(out)

    shown, hidden = texts(plain), texts(pseudo)
    assert all(m in shown for m in MARKERS)  # the test would see a leak
    for m in MARKERS:
        assert m not in hidden
    assert "ruil met E1" in hidden  # a name in a note is replaced by the id
    assert "Dienst van E2 te lang" in hidden
    wb = load_workbook(pseudo)
    assert "naam" not in [c.value for c in wb["Diensten"][1]]


def test_grid_takes_the_worst_status_and_splits_at_midnight():
    days = [date(2026, 3, 2), date(2026, 3, 3)]
    notes = [
        HourNote("a", OK, datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 22), 1, 1),
        HourNote("b", SHORT, datetime(2026, 3, 2, 21, 45), datetime(2026, 3, 3, 2, 30), 0, 1),
        HourNote("c", UNKNOWN, datetime(2026, 3, 3, 2), datetime(2026, 3, 3, 4), 0, 1),
    ]
    rows = grid(days, notes)
    assert [c.status for c in rows[0][6:9]] == [None, OK, OK]
    assert rows[0][21].status == SHORT  # a short quarter makes the hour red
    assert rows[0][23].status == SHORT and rows[1][0].status == SHORT
    assert rows[1][2].status == SHORT  # short wins over unknown
    assert rows[1][3].status == UNKNOWN and rows[1][4].status is None
    tip = rows[0][21].tooltip({"b": "Nachtnorm"})
    assert tip.startswith("ma 02-03-2026 21:00–22:00: tekort")
    assert "b (Nachtnorm): tekort 0 van 1 (21:45–22:00)" in tip
    assert rows[0][21].short_text() == "0/1"


def test_formula_list_is_what_the_roster_holds():
    roster, _ = hostile_report()
    assert [e.name for e in roster.employees] == FORMULAS
