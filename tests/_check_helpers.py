"""A small norm set built in code for the check-kind tests (independent of norms/)."""

from __future__ import annotations

from typing import Any

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.normsets import Catalogue, NormSet
from rostercheck.testing import roster_from_spec

SRC = {"document": "001_77567c317f0dbd0c.txt", "section": "5", "quote": "binnen 15 minuten"}
PRODUCTS = [
    {"id": "P1", "name": "Product een", "source": SRC},
    {"id": "P2", "name": "Product twee", "source": SRC},
    {"id": "W", "name": "Toeslag wakende wacht", "requires_one_of": ["P1", "P2"], "source": SRC},
]


def norm(id: str, check: str, params: dict[str, Any], products=("P1",), severity: str = "error") -> dict:
    return {
        "id": id, "title": f"test norm {id}", "products": list(products), "check": check,
        "severity": severity, "source": SRC, "params": params,
    }


def norm_set(*norms: dict, products=PRODUCTS) -> NormSet:
    return NormSet.model_validate(
        {"id": "testset", "title": "Test", "document": "001_77567c317f0dbd0c.txt", "products": products, "norms": list(norms)}
    )


def run(ns: NormSet, spec: dict) -> list[dict]:
    """Check a roster spec against the set; the findings as JSON dicts, in report order."""
    spec = {"locations": ["L1 testset"], **spec}
    roster = roster_from_spec(spec)
    report = check_roster(roster, Catalogue([ns]), CheckOptions(labour_law=False))
    return [f.to_json_dict() for f in report.findings]


def run_findings(ns: NormSet, spec: dict):
    spec = {"locations": ["L1 testset"], **spec}
    roster = roster_from_spec(spec)
    return roster, check_roster(roster, Catalogue([ns]), CheckOptions(labour_law=False))


def pick(findings: list[dict], *keys: str) -> list[dict]:
    keys = keys or ("check", "severity", "norm", "product", "location", "start", "end", "measured", "required", "unit")
    return [{k: f[k] for k in keys if k in f} for f in findings]  # absent keys stay absent
