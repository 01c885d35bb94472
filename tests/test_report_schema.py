"""The JSON Schema of rostercheck-report/1 ships with the package, is generated from the
document models (never edited by hand), and every report validates against it
(OUTPUT.md rev. 2); the Python API of the README works as written."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from report_samples import hostile_report, marker_report

import rostercheck
from rostercheck.schema import SCHEMA_FILE, load_report_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "sample_rosters").iterdir() if p.suffix == ".xlsx" or p.is_dir())


@pytest.fixture(scope="module")
def validator():
    schema = load_report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_the_generated_one():
    committed = (ROOT / "rostercheck" / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "regenerate with: python -m rostercheck.schema"


def test_schema_ships_inside_the_package():
    assert (Path(rostercheck.__file__).parent / "schemas" / SCHEMA_FILE).is_file()
    assert rostercheck.report_schema()["title"] == "rostercheck-report/1"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_report_validates(validator, sample):
    doc = json.loads(rostercheck.check(sample).to_json())
    validator.validate(doc)
    assert doc["findings"]  # the samples all have findings: the finding schema is exercised


def test_reports_with_employees_and_hostile_text_validate(validator):
    for roster, report in (hostile_report(), marker_report()):
        doc = report.to_json_dict()
        validator.validate(doc)
        assert any("employee" in f for f in doc["findings"])


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("summary"),
        lambda d: d.update(format="rostercheck-report/2"),
        lambda d: d["findings"][0].update(start="2026-03-04 23:00"),
        lambda d: d["findings"][0].update(check="staffing"),
        lambda d: d["findings"][0].update(extra=1),
        lambda d: d["findings"][0]["source"].pop("quote"),
    ],
)
def test_schema_refuses_what_the_contract_forbids(validator, breakage):
    doc = json.loads(rostercheck.check(ROOT / "sample_rosters" / "tarieven-15n.xlsx").to_json())
    breakage(doc)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(doc)


def test_python_api_as_the_readme_shows_it():
    from rostercheck import Report, check, read_roster

    report = check(str(ROOT / "sample_rosters" / "tarieven-15n.xlsx"))
    assert isinstance(report, Report)
    assert report.compliant is False and report.counts() == {"errors": 7, "warnings": 1, "info": 0}
    roster = read_roster(ROOT / "sample_rosters" / "tarieven-15n.xlsx", period="2026-03-09..2026-03-15")
    week = check(roster, labour_law=False)
    assert (week.period_start.day, week.period_end.day) == (9, 16)
    assert all(f.check.value != "labour_law" for f in week.findings)
    assert {"check", "fix", "read_roster", "Report", "Finding", "Roster", "FixResult"} <= set(rostercheck.__all__)
    with pytest.raises(rostercheck.RosterInputError):
        check(ROOT / "README.md")
