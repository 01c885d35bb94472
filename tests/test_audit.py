"""The audit: every roster in a folder, one row per roster × location × month,
unreadable rosters listed with their errors, parallel workers, xlsx or html."""

import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.normsets import cached_catalogue
from rostercheck.report.audit import (
    ALL_LOCATIONS,
    AuditRow,
    RosterOutcome,
    _exit_code,
    audit_rows,
    discover,
    provider_of,
    run_audit,
)
from rostercheck.testing import roster_from_spec
from rostercheck.workbook import read_roster, write_roster_xlsx


def _spec(first: date, days: int, loc: str = "L1", evening: bool = True) -> dict:
    shifts = []
    for i in range(days):
        d = first + timedelta(days=i)
        shifts.append(f"E1 {loc} {d} 07:00-15:00 ambulant")  # HBO: 8 hours a day
        if evening:
            shifts.append(f"E2 {loc} {d} 15:00-22:00 ambulant")  # MBO-4: 7 hours a day
    return {
        "period": f"{first}..{first + timedelta(days=days - 1)}",
        "locations": [f"{loc} oost-veluwe-2024"],
        "products": [f"{loc} IHT-P 4"],
        "employees": ["E1 HBO regisseur", "E2 MBO-4"],
        "shifts": shifts,
    }


def _named(spec: dict, name: str):
    r = roster_from_spec(spec, name=name)
    employees = tuple(e.model_copy(update={"name": f"Naam{e.id}Geheim"}) for e in r.employees)
    fields = {k: getattr(r, k) for k in type(r).model_fields}
    return type(r)(**{**fields, "employees": employees})


def _write_csv_roster(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "locaties.csv").write_text("locatie;naam;normenkader\nL9;Huis aan de Dijk;oost-veluwe-2024\n", encoding="utf-8")
    (folder / "producten.csv").write_text("locatie;product;clienten\nL9;IHT-P;3\n", encoding="utf-8")
    (folder / "medewerkers.csv").write_text(
        "medewerker;naam;niveau\nE7;NaamE7Geheim;HBO\nE8;NaamE8Geheim;MBO-4\n", encoding="utf-8"
    )
    (folder / "periode.csv").write_text("van;tot\n2026-03-02;2026-03-02\n", encoding="utf-8")
    (folder / "diensten.csv").write_text(
        "medewerker;locatie;datum;begin;eind;soort\n"
        "E7;L9;2026-03-02;07:00;13:00;ambulant\nE8;L9;2026-03-02;13:00;22:00;ambulant\n",
        encoding="utf-8",
    )


def _write_broken(path: Path) -> None:
    """A workbook with the sheets but a date nobody can read and an unknown employee."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Locaties"
    ws.append(["locatie", "normenkader"])
    ws.append(["L1", "oost-veluwe-2024"])
    ws = wb.create_sheet("Producten")
    ws.append(["locatie", "product", "clienten"])
    ws.append(["L1", "IHT-P", 3])
    ws = wb.create_sheet("Medewerkers")
    ws.append(["medewerker", "niveau"])
    ws.append(["E1", "HBO"])
    ws = wb.create_sheet("Diensten")
    ws.append(["medewerker", "locatie", "datum", "begin", "eind", "soort"])
    ws.append(["E1", "L1", "32-13-2026", "07:00", "15:00", "aanwezig"])
    wb.save(path)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("audit") / "roosters"
    (root / "zorg-a").mkdir(parents=True)
    # a month with gaps in the evenings: violations
    write_roster_xlsx(_named(_spec(date(2026, 3, 2), 7, evening=False), "maart.xlsx"), root / "zorg-a" / "maart.xlsx")
    # a roster across two months
    write_roster_xlsx(_named(_spec(date(2026, 3, 30), 4), "wissel.xlsx"), root / "zorg-a" / "wissel.xlsx")
    _write_csv_roster(root / "zorg-b" / "maart-csv")
    with zipfile.ZipFile(root / "zorg-b" / "maart-zip.zip", "w") as zf:  # the same roster, zipped
        for f in sorted((root / "zorg-b" / "maart-csv").iterdir()):
            zf.write(f, f.name)
    _write_broken(root / "zorg-b" / "kapot.xlsx")
    write_roster_xlsx(_named(_spec(date(2026, 3, 2), 3, loc="Z1"), "x.xlsx"), root / "zorg-c_2026-03.xlsx")
    (root / "zorg-a" / "lees-mij.txt").write_text("geen rooster")
    (root / "zorg-a" / "~$maart.xlsx").write_bytes(b"lock file")
    return root


def test_discover_and_provider_names(folder):
    found = [p.relative_to(folder).as_posix() for p in discover(folder)]
    assert found == [
        "zorg-a/maart.xlsx",
        "zorg-a/wissel.xlsx",
        "zorg-b/kapot.xlsx",
        "zorg-b/maart-csv",
        "zorg-b/maart-zip.zip",
        "zorg-c_2026-03.xlsx",
    ]
    providers = [provider_of(folder, folder / f) for f in found]
    assert providers == ["zorg-a", "zorg-a", "zorg-b", "zorg-b", "zorg-b", "zorg-c"]


@pytest.fixture(scope="module")
def audited(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "audit.xlsx"
    result = run_audit(folder, out, jobs=2)
    return result, out


def _table(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_every_roster_appears_once_per_location_and_month(audited):
    result, out = audited
    assert result.exit_code == 1  # violations and an unreadable roster
    wb = load_workbook(out)
    assert wb.sheetnames == ["Overzicht", "zorg-a", "zorg-b", "zorg-c", "Invoerfouten", "Toelichting"]
    rows = _table(wb["Overzicht"])
    keys = [(r["Aanbieder"], r["Bestand"], r["Locatie"], r["Maand"]) for r in rows]
    assert keys == [
        ("zorg-a", "zorg-a/maart.xlsx", "L1", "2026-03"),
        ("zorg-a", "zorg-a/wissel.xlsx", "L1", "2026-03"),
        ("zorg-a", "zorg-a/wissel.xlsx", "L1", "2026-04"),
        ("zorg-b", "zorg-b/kapot.xlsx", "–", "–"),
        ("zorg-b", "zorg-b/maart-csv", "L9", "2026-03"),
        ("zorg-b", "zorg-b/maart-zip.zip", "L9", "2026-03"),
        ("zorg-c", "zorg-c_2026-03.xlsx", "Z1", "2026-03"),
    ]
    assert [r["Aanbieder"] for r in _table(wb["zorg-b"])] == ["zorg-b"] * 3


def test_rows_agree_with_the_checker(audited, folder):
    result, out = audited
    rows = {(r["Bestand"], r["Maand"]): r for r in _table(load_workbook(out)["Overzicht"])}
    catalogue = cached_catalogue()
    report = check_roster(
        read_roster(folder / "zorg-a" / "maart.xlsx", catalogue=catalogue),
        catalogue,
        CheckOptions(labour_law=catalogue.get("arbeidstijdenwet") is not None),
    )
    row = rows[("zorg-a/maart.xlsx", "2026-03")]
    assert row["Voldoet"] == "nee"
    errors = [f for f in report.findings if f.severity.value == "error"]
    assert row["Bezetting (coverage)"] == sum(1 for f in errors if f.check.value == "coverage") > 0
    assert row["Bevindingen"] == len(report.findings)
    assert row["HBO-aandeel"] == 1.0  # only the HBO day shifts were worked
    # 8 HBO hours of 15 a day, in both months
    assert rows[("zorg-a/wissel.xlsx", "2026-03")]["HBO-aandeel"] == pytest.approx(8 / 15)
    assert rows[("zorg-a/wissel.xlsx", "2026-03")]["Werkuren"] == 30
    assert rows[("zorg-a/wissel.xlsx", "2026-04")]["Werkuren"] == 30
    assert rows[("zorg-b/maart-csv", "2026-03")]["HBO-aandeel"] == pytest.approx(6 / 15)
    csv, zipped = rows[("zorg-b/maart-csv", "2026-03")], rows[("zorg-b/maart-zip.zip", "2026-03")]
    assert {k: v for k, v in csv.items() if k != "Bestand"} == {k: v for k, v in zipped.items() if k != "Bestand"}


def test_unreadable_roster_is_listed_with_its_errors(audited):
    result, out = audited
    wb = load_workbook(out)
    broken = next(r for r in _table(wb["Overzicht"]) if r["Bestand"] == "zorg-b/kapot.xlsx")
    assert broken["Voldoet"] == "onleesbaar"
    assert "invoerfout" in broken["Opmerking"] and "32-13-2026" in broken["Opmerking"]
    errors = _table(wb["Invoerfouten"])
    assert errors and all(e["Bestand"] == "zorg-b/kapot.xlsx" for e in errors)
    assert any(e["Blad"] == "Diensten" and e["Rij"] == 2 for e in errors)
    assert [o.file for o in result.unreadable] == ["zorg-b/kapot.xlsx"]


def test_audit_names_no_employee(audited):
    _, out = audited
    wb = load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                assert "Geheim" not in str(v)
    ws = wb["Overzicht"]
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref and ws.page_setup.orientation == "landscape"
    assert ws.cell(row=2, column=[c.value for c in ws[1]].index("HBO-aandeel") + 1).number_format == "0.0%"


def test_html_audit(folder, tmp_path):
    out = tmp_path / "audit.html"
    result = run_audit(folder, out, fmt="html", jobs=1)
    page = out.read_text(encoding="utf-8")
    assert result.exit_code == 1
    for name in ("zorg-a/maart.xlsx", "zorg-a/wissel.xlsx", "zorg-b/kapot.xlsx", "zorg-b/maart-csv", "zorg-b/maart-zip.zip",
                 "zorg-c_2026-03.xlsx"):  # fmt: skip
        assert name in page
    assert "Onleesbare roosters" in page and "32-13-2026" in page
    assert "<script" not in page and "Geheim" not in page
    assert '<td class="st-onleesbaar">onleesbaar</td>' in page


def test_exit_code_two_when_nothing_can_be_read(tmp_path):
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = run_audit(empty, tmp_path / "a.xlsx", jobs=1)
    assert result.exit_code == 2 and result.problems
    assert (tmp_path / "a.xlsx").exists()  # the empty summary says so
    bad = tmp_path / "kapot"
    bad.mkdir()
    _write_broken(bad / "x.xlsx")
    assert run_audit(bad, tmp_path / "b.xlsx", jobs=1).exit_code == 2


def test_exit_code_two_for_invalid_norms(tmp_path, folder):
    norms = tmp_path / "norms"
    norms.mkdir()
    (norms / "kapot.yml").write_text("id: kapot\ntitle: x\n", encoding="utf-8")
    result = run_audit(folder, tmp_path / "a.xlsx", jobs=1, norms_dir=norms)
    assert result.exit_code == 2 and any("kapot.yml" in p for p in result.problems)


def _row(compliant: bool) -> AuditRow:
    return AuditRow("p", "f", "L1", "2026-03", compliant, {}, 0, None, 0.0, 0)


def test_exit_code_rules():
    ok = RosterOutcome("p", "a.xlsx", readable=True, rows=[_row(True)], compliant=True)
    bad = RosterOutcome("p", "b.xlsx", readable=True, rows=[_row(False)], compliant=False)
    unreadable = RosterOutcome("p", "c.xlsx", readable=False, input_errors=[{"message": "x"}])
    assert _exit_code([ok]) == 0
    assert _exit_code([ok, bad]) == 1
    assert _exit_code([ok, unreadable]) == 1
    assert _exit_code([unreadable]) == 2
    assert _exit_code([]) == 2


def test_a_finding_without_location_goes_to_the_locations_of_its_shifts():
    from rostercheck.findings import CheckKind, Finding, Report, Severity, Source

    r = roster_from_spec(_spec(date(2026, 3, 2), 2))
    src = Source(document="atw", section="5:7", quote="q")
    common = dict(check=CheckKind.LABOUR_LAW, severity=Severity.ERROR, norm="n", norm_set="arbeidstijdenwet",
                  product=None, location=None, measured=1, required=0, unit="hours", message="m", source=src)  # fmt: skip
    report = Report(
        roster="x", period_start=r.period.start, period_end=r.period.end,
        findings=[Finding(start=r.shifts[0].start, end=r.shifts[0].end, shift_refs=(0,), **common),
                  Finding(start=r.period.start, end=r.period.end, **common)],
    )  # fmt: skip
    rows = audit_rows(r, report, "p", "x.xlsx")
    assert [(x.location, x.errors["labour_law"]) for x in rows] == [("L1", 1), (ALL_LOCATIONS, 1)]
    assert rows[0].compliant is False and rows[0].hbo_share == pytest.approx(16 / 30)


# --- the audit for machines (issue 14): csv, json (parquet where pyarrow is installed) ---


@pytest.fixture(scope="module")
def machine_audits(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("machine")
    return {fmt: (run_audit(folder, out / f"audit.{fmt}", fmt=fmt, jobs=1), out / f"audit.{fmt}") for fmt in ("csv", "json")}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_machine_audit_loads_into_pandas_without_options(machine_audits, fmt):
    pd = pytest.importorskip("pandas")
    result, path = machine_audits[fmt]
    read = pd.read_csv if fmt == "csv" else pd.read_json
    rows = read(path)
    # one row per roster x location x month, plus one per unreadable roster
    expected = [(r.file, r.location, r.month) for r in result.rows]
    readable = rows[rows["status"] != "onleesbaar"]
    assert list(zip(readable["file"], readable["location"], readable["month"])) == expected
    assert list(rows.loc[rows["status"] == "onleesbaar", "file"]) == ["zorg-b/kapot.xlsx"]
    assert rows.loc[rows["status"] == "onleesbaar", "input_errors"].iloc[0] >= 1
    maart = readable[(readable["file"] == "zorg-a/maart.xlsx")].iloc[0]
    assert maart["errors"] == sum(next(r for r in result.rows if r.file == "zorg-a/maart.xlsx").errors.values())
    assert maart["errors"] == maart[[c for c in rows.columns if c.startswith("errors_")]].sum()
    assert bool(maart["compliant"]) is False and maart["status"] == "nee"
    assert rows["hbo_share"].dropna().between(0, 1).all()
    assert {"provider", "working_hours", "warnings", "findings"} <= set(rows.columns)

    findings = read(path.with_name(f"audit.findings.{fmt}"))
    total = sum(len(o.findings) for o in result.outcomes)
    assert len(findings) == total > 0
    assert {"provider", "file", "check", "severity", "norm", "start", "end", "message", "source_document"} <= set(findings.columns)
    # per roster, the findings-level table agrees with the per-row counts
    for file, n in readable.groupby("file")["findings"].sum().items():
        assert (findings["file"] == file).sum() >= min(n, 1)
    assert "Geheim" not in findings.to_string() and "Geheim" not in rows.to_string()


def test_machine_audit_csv_is_utf8_comma_and_formula_safe(machine_audits):
    _, path = machine_audits["csv"]
    head = path.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("provider,file,location,month,status,compliant,errors_coverage")
    for line in path.with_name("audit.findings.csv").read_text(encoding="utf-8").splitlines():
        for cell in line.split(","):
            assert not cell.strip('"').startswith(("=", "+", "@"))


def test_parquet_audit_where_pyarrow_is_installed(folder, tmp_path):
    pytest.importorskip("pyarrow")
    import pandas as pd

    run_audit(folder, tmp_path / "a.parquet", fmt="parquet", jobs=1)
    assert len(pd.read_parquet(tmp_path / "a.parquet")) > 0
    assert len(pd.read_parquet(tmp_path / "a.findings.parquet")) > 0


def test_parquet_without_pyarrow_is_refused_before_any_work(folder, tmp_path, monkeypatch):
    import importlib.util

    from rostercheck.report.audit_tables import ParquetUnavailable

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    with pytest.raises(ParquetUnavailable, match="pip install"):
        run_audit(folder, tmp_path / "a.parquet", fmt="parquet", jobs=1)
    assert not (tmp_path / "a.parquet").exists()


def test_summary_line_counts_rosters(audited):
    result, _ = audited
    assert [o.compliant for o in result.outcomes if o.readable] == [False] * 5
    assert result.summary_line() == "Audit: 6 roosters: 0 voldoen, 5 voldoen niet, 1 onleesbaar"
