"""The checker and its registry: which norm runs where, determinism, the text report."""

import sys
import types
from importlib import import_module

import pytest
from _check_helpers import PRODUCTS, norm, norm_set, pick, run, run_findings

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.checks import LOCATION_CHECKS, run_employee_norm_sets
from rostercheck.findings import CheckKind
from rostercheck.normsets import Catalogue, NormSet
from rostercheck.report.text import render_text
from rostercheck.testing import roster_from_spec

NIGHT = norm("night", "coverage", {"window": {"start": "22:00", "end": "07:00"}, "presence": "on_site"})
NIGHT_P2 = norm("night-p2", "coverage", {"window": {"start": "22:00", "end": "07:00"}, "presence": "on_site"}, products=("P2",))
LEVEL = norm("level", "level", {"min_level": "MBO-4"})


@pytest.mark.parametrize("kind", [k for k in LOCATION_CHECKS if k != "client_hours"])
def test_every_check_module_documents_itself(kind):
    module = import_module(LOCATION_CHECKS[kind])
    doc = module.__doc__ or ""
    for part in ("What it checks", "Why", "Findings"):
        assert part in doc, f"{module.__name__} docstring lacks {part!r}"
    assert callable(module.check)


def test_only_norms_of_products_delivered_at_the_location_run():
    spec = {
        "period": "2026-03-02..2026-03-02",
        "locations": ["L1 testset", "L2 testset"],
        "products": ["L1 P1 5", "L2 P2 5", "L2 P1 0"],  # 0 clients: not delivered
        "employees": ["E1 MBO-3"],
        "shifts": ["E1 L2 2026-03-02 07:00-15:00 aanwezig"],
    }
    # each night norm also checks the period's first morning (the night of 1 March)
    assert pick(run(norm_set(NIGHT, NIGHT_P2, LEVEL), spec), "location", "norm", "start", "end") == [
        {"location": "L1", "norm": "night", "start": "2026-03-02T00:00", "end": "2026-03-02T07:00"},
        {"location": "L1", "norm": "night", "start": "2026-03-02T22:00", "end": "2026-03-03T00:00"},
        {"location": "L2", "norm": "night-p2", "start": "2026-03-02T00:00", "end": "2026-03-02T07:00"},
        {"location": "L2", "norm": "night-p2", "start": "2026-03-02T22:00", "end": "2026-03-03T00:00"},
    ]


def test_each_location_uses_its_own_norm_set():
    other = NormSet.model_validate({
        "id": "other", "title": "Other", "document": "001_77567c317f0dbd0c.txt", "products": PRODUCTS,
        "norms": [LEVEL],
    })
    spec = {
        "period": "2026-03-02..2026-03-02",
        "locations": ["L1 testset", "L2 other"],
        "products": ["L1 P1 5", "L2 P1 5"],
        "employees": ["E1 MBO-3"],
        "shifts": ["E1 L1 2026-03-02 07:00-15:00 aanwezig", "E1 L2 2026-03-03 07:00-15:00 aanwezig"],
    }
    roster = roster_from_spec(spec)
    report = check_roster(roster, Catalogue([norm_set(NIGHT), other]), CheckOptions(labour_law=False))
    assert [(f.location, f.norm_set, f.norm) for f in report.findings] == [("L1", "testset", "night")] * 2
    assert report.norm_sets == ["testset", "other"]


def test_employee_sets_go_to_the_labour_law_module_together(monkeypatch):
    calls = []
    fake = types.ModuleType("rostercheck.checks.labour_law")
    fake.check_employee_sets = lambda sets, roster: calls.append(([s.id for s in sets], roster.source_name)) or []
    fake.labour_law_regimes = lambda sets, roster: []
    monkeypatch.setitem(sys.modules, "rostercheck.checks.labour_law", fake)
    law = NormSet.model_validate({
        "id": "arbeidstijdenwet", "title": "ATW", "document": "law", "scope": "employee", "norms": [],
    })
    cao = NormSet.model_validate({
        "id": "cao-ggz", "title": "CAO GGZ", "document": "cao", "scope": "employee", "overlays": "arbeidstijdenwet", "norms": [],
    })
    roster = roster_from_spec({"period": "2026-03-02..2026-03-02", "locations": ["L1 testset"], "shifts": []}, name="r.xlsx")
    assert run_employee_norm_sets([law], roster) == []
    report = check_roster(roster, Catalogue([norm_set(), law, cao]), CheckOptions(labour_law=True, cao="ggz"))
    # law and overlay in one call, so an overlay's `replaces` can be honoured
    assert report.findings == [] and calls == [(["arbeidstijdenwet"], "r.xlsx"), (["arbeidstijdenwet", "cao-ggz"], "r.xlsx")]


def test_same_input_gives_byte_identical_json_sorted_by_location_and_start():
    spec = {
        "period": "2026-03-02..2026-03-03",
        "locations": ["L2 testset", "L1 testset"],
        "products": ["L1 P1 5", "L2 P1 5"],
        "employees": ["E1 MBO-3"],
        "shifts": ["E1 L2 2026-03-03 07:00-15:00 aanwezig", "E1 L1 2026-03-02 07:00-15:00 aanwezig"],
    }
    ns = norm_set(NIGHT, LEVEL)
    a = check_roster(roster_from_spec(spec), Catalogue([ns]), CheckOptions(labour_law=False)).to_json()
    b = check_roster(roster_from_spec(spec), Catalogue([ns]), CheckOptions(labour_law=False)).to_json()
    assert a == b
    _, report = run_findings(ns, spec)
    assert [(f.location, f.start.isoformat(), f.check.value) for f in report.findings] == [
        ("L1", "2026-03-02T00:00:00", "coverage"),
        ("L1", "2026-03-02T07:00:00", "level"),
        ("L1", "2026-03-02T22:00:00", "coverage"),
        ("L1", "2026-03-03T22:00:00", "coverage"),
        ("L2", "2026-03-02T00:00:00", "coverage"),
        ("L2", "2026-03-02T22:00:00", "coverage"),
        ("L2", "2026-03-03T07:00:00", "level"),
        ("L2", "2026-03-03T22:00:00", "coverage"),
    ]


def test_text_report_groups_by_location_and_norm_and_cites_once():
    spec = {
        "period": "2026-03-02..2026-03-03",
        "products": ["L1 P1 5"],
        "employees": ["E1 MBO-3", "E2 HBO"],
        "shifts": [
            "E2 L1 2026-03-01 22:00-07:00 slaapdienst",  # the night before the period covers its first morning
            "E1 L1 2026-03-02 07:00-15:00 aanwezig",
            "E2 L1 2026-03-03 22:00-07:00 slaapdienst",
        ],
    }
    roster, report = run_findings(norm_set(NIGHT, LEVEL), spec)
    text = render_text(report, roster)
    assert text == (
        "Roostertoets: spec\n"
        "Periode:      ma 2 mrt 2026 t/m di 3 mrt 2026 (uit het blad Periode)\n"
        "Normenkaders: testset\n"
        "Resultaat:    VOLDOET NIET — 2 overtredingen, 0 waarschuwingen, 0 ter informatie\n"
        "\n"
        "Locatie L1 — normenkader testset\n"
        "================================\n"
        "  2 overtredingen\n"
        "\n"
        "  level — opleidingsniveau (level) — product P1\n"
        "  1 overtreding\n"
        "    ✗ E1: ma 2 mrt 07:00 – 15:00  (8,0 uur)\n"
        "      E1 (MBO-3) werkte ma 2 mrt 07:00 – 15:00 (8,0 uur) op L1: niveau MBO-3; vereist: professional (≥ MBO-4).\n"
        "  Bron: 001_77567c317f0dbd0c.txt, 5: “binnen 15 minuten” (normenkader testset)\n"
        "\n"
        "  night — bezetting (coverage) — product P1\n"
        "  1 overtreding\n"
        "    ✗ ma 2 mrt 22:00 – di 3 mrt 07:00  (gemeten 0 medewerkers, vereist 1 medewerker)\n"
        "      Geen professional aanwezig op de locatie (slapende wacht telt mee) van ma 2 mrt 22:00 tot di 3 mrt 07:00.\n"
        "  Bron: 001_77567c317f0dbd0c.txt, 5: “binnen 15 minuten” (normenkader testset)\n"
    )
    assert "\x1b[" not in text


def test_text_report_summarises_many_windows_and_says_when_compliant():
    spec = {"period": "2026-03-01..2026-03-31", "products": ["L1 P1 5"], "employees": [], "shifts": []}
    roster, report = run_findings(norm_set(NIGHT), spec)
    text = render_text(report, roster)
    assert "  32 overtredingen\n" in text  # 31 nights and the morning of 1 March
    assert text.count("Bron: ") == 1
    assert "    … en 20 meer (alle vensters: --format json, xlsx of html)\n" in text
    assert "    bijvoorbeeld (overtreding): Geen professional" in text
    ok_roster, ok_report = run_findings(norm_set(NIGHT), {**spec, "products": []})
    ok = render_text(ok_report, ok_roster)
    assert "Resultaat:    VOLDOET — 0 overtredingen" in ok
    assert ok.endswith("Geen bevindingen: het rooster voldoet aan alle normen die van toepassing zijn.\n")


def test_derived_period_is_explained_in_the_text_report():
    spec = {"locations": ["L1 testset"], "employees": ["E1 HBO"], "shifts": ["E1 L1 2026-03-02 07:00-15:00 aanwezig"]}
    roster = roster_from_spec(spec)
    report = check_roster(roster, Catalogue([norm_set(NIGHT)]), CheckOptions(labour_law=False))
    text = render_text(report, roster)
    assert "Periode:      ma 2 mrt 07:00 – 15:00 (afgeleid: van de eerste tot de laatste dienst)" in text
    assert "Opmerkingen:\n  - Geen Periode-blad" in text


def test_findings_point_at_the_input_shifts():
    spec = {
        "period": "2026-03-02..2026-03-02",
        "products": ["L1 P1 5"],
        "employees": ["E1 MBO-3", "E2 HBO"],
        "shifts": ["E2 L1 2026-03-02 07:00-15:00 aanwezig", "E1 L1 2026-03-02 15:00-23:00 aanwezig"],
    }
    _, report = run_findings(norm_set(LEVEL), spec)
    assert [(f.check, f.employee, f.shift_refs) for f in report.findings] == [(CheckKind.LEVEL, "E1", (1,))]


def test_skipped_rows_are_listed_as_input_warnings_in_the_json():
    # FORMAT.md: with --skip-bad-rows "every skipped row is listed in the report"
    roster = roster_from_spec({"period": "2026-03-02..2026-03-02", "locations": ["L1 testset"], "shifts": []})
    roster = roster.model_copy(update={"skipped": ("Diensten rij 7: ongeldige datum '31-02-2026'",)})
    report = check_roster(roster, Catalogue([norm_set()]), CheckOptions(labour_law=False))
    [f] = report.to_json_dict()["findings"]
    assert (f["check"], f["severity"], f["norm"], f["location"], f["unit"]) == ("input", "warning", "skipped-row", None, "row")
    assert f["message"] == "Rij overgeslagen (--skip-bad-rows): Diensten rij 7: ongeldige datum '31-02-2026'"
    assert report.compliant  # a warning, not a violation


@pytest.mark.parametrize("sample", ["tarieven-15n.xlsx", "oost-veluwe-2024.xlsx"])
def test_the_report_is_what_validating_its_parts_gives(sample):
    # check_roster builds its Report without validating it again: the same report as
    # Report(...) of the same parts, the findings sorted
    from pathlib import Path

    from rostercheck.checker import CheckOptions, check_roster
    from rostercheck.findings import Finding, Report
    from rostercheck.normsets import load_catalogue
    from rostercheck.workbook import read_roster

    catalogue = load_catalogue()
    roster = read_roster(Path(__file__).resolve().parent.parent / "sample_rosters" / sample, catalogue=catalogue)
    for options in (CheckOptions(labour_law=True), CheckOptions(labour_law=False)):
        report = check_roster(roster, catalogue, options)
        validated = Report(**{name: getattr(report, name) for name in Report.model_fields})
        assert report == validated and report.to_json() == validated.to_json()
        assert report.findings == sorted(report.findings, key=Finding.sort_key) and report.findings
