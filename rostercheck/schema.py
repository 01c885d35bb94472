"""The JSON Schema of the report (``rostercheck-report/1``), shipped in the package.

The schema is generated from :class:`rostercheck.findings.ReportDocument` and
committed as ``rostercheck/schemas/rostercheck-report-1.schema.json``, so users and
other tools read it without running Python; ``tests/test_report_schema.py`` fails
when the committed file and the models differ, and validates every sample report.

    python -m rostercheck.schema            # rewrite the committed file
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

SCHEMA_FILE = "rostercheck-report-1.schema.json"
SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def generate_report_schema() -> dict:
    from rostercheck.findings import ReportDocument

    schema = ReportDocument.model_json_schema()
    return {"$schema": SCHEMA_DRAFT, **schema}


def schema_text() -> str:
    return json.dumps(generate_report_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def load_report_schema() -> dict:
    """The committed schema, as shipped."""
    return json.loads(resources.files("rostercheck").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8"))


def main() -> None:
    target = Path(__file__).with_name("schemas") / SCHEMA_FILE
    target.write_text(schema_text(), encoding="utf-8")
    print(f"written {target}")


if __name__ == "__main__":
    main()
