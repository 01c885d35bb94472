"""Small norm sets and rosters for the fixer tests (hand-worked cases)."""

from __future__ import annotations

from rostercheck.normsets import Catalogue
from rostercheck.normsets.schema import NormSet

SRC = {"document": "001_77567c317f0dbd0c.txt", "section": "test", "quote": "test"}


def norm_set(norms: list[dict], set_id: str = "fixtest") -> NormSet:
    full = []
    for n in norms:
        full.append({"title": n["id"] + " norm", "products": ["P1"], "severity": "error", "source": SRC, **n})
    return NormSet.model_validate({
        "id": set_id, "title": "Fixer test set", "document": "test.txt",
        "products": [{"id": "P1", "name": "Testproduct", "source": SRC}],
        "norms": full,
    })


def catalogue(*norms: dict) -> Catalogue:
    return Catalogue([norm_set(list(norms))])


DAY = {"id": "day", "check": "coverage",
       "params": {"window": {"start": "07:00", "end": "22:00"}, "presence": "awake_on_site"}}
NIGHT = {"id": "night", "check": "coverage",
         "params": {"window": {"start": "22:00", "end": "07:00"}, "presence": "on_site"}}
NIGHT_15 = {"id": "night15", "check": "coverage",
            "params": {"window": {"start": "22:00", "end": "07:00"}, "presence": "on_site_within", "response_min": 15}}
HBO_SHARE = {"id": "hbo-share", "check": "share", "params": {"min_level": "HBO", "min_share": 0.6}}
NIGHT_HBO = {"id": "night-hbo", "check": "coverage",
             "params": {"window": {"start": "22:00", "end": "07:00"}, "presence": "on_site", "min_level": "HBO"}}


def week(days=range(2, 9)) -> list[str]:
    return [f"2026-03-{d:02d}" for d in days]


def spec(employees: list[str], shifts: list[str], travel: list[str] = (), period: str = "2026-03-02..2026-03-08") -> dict:
    return {
        "period": period,
        "locations": ["L1 fixtest"],
        "products": ["L1 P1 6"],
        "employees": employees,
        "shifts": shifts,
        "travel": list(travel),
    }
