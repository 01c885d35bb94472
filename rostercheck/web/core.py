"""The web service's one door into the core: read, check, report, fix.

The service never imports the reader or the checker anywhere else, so the tests can
hand :func:`rostercheck.web.app.create_app` a :class:`Core` of their own, and the
import of OR-Tools and the report writers waits until something needs them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Callable

from rostercheck.findings import Report
from rostercheck.model import Roster, Shift


@dataclass
class Core:
    read: Callable[[bytes, str], Roster]  # raises RosterInputError
    check: Callable[[Roster, str], Report]  # (roster, cao: CheckOptions.cao)
    write_xlsx: Callable[[Report, Roster, Path, bool], None]  # (report, roster, path, pseudonymise)
    render_html: Callable[[Report, Roster, bool], str]
    fix: Callable[[Roster, float], Any]  # (roster, time limit) -> FixResult
    write_fixed: Callable[[Any, Roster, Path], None]


def default_core() -> Core:
    def read(data: bytes, filename: str) -> Roster:
        from rostercheck.normsets import cached_catalogue
        from rostercheck.workbook import read_roster_bytes

        return read_roster_bytes(data, filename, catalogue=cached_catalogue())

    def check(roster: Roster, cao: str = "none") -> Report:
        from rostercheck.checker import CheckOptions, check_roster
        from rostercheck.normsets import cached_catalogue

        return check_roster(roster, cached_catalogue(), CheckOptions(cao=cao))

    def write_xlsx(report: Report, roster: Roster, path: Path, pseudonymise: bool) -> None:
        from rostercheck.normsets import cached_catalogue
        from rostercheck.report.xlsx import write_xlsx_report

        write_xlsx_report(report, roster, path, pseudonymise=pseudonymise, catalogue=cached_catalogue())

    def render_html(report: Report, roster: Roster, pseudonymise: bool) -> str:
        from rostercheck.normsets import cached_catalogue
        from rostercheck.report.html import render_html as render

        return render(report, roster, pseudonymise=pseudonymise, catalogue=cached_catalogue())

    def fix(roster: Roster, time_limit: float) -> Any:
        from rostercheck.fix import FixOptions, fix_roster
        from rostercheck.normsets import cached_catalogue

        # One solver worker: the service shares its cores with the requests it serves.
        return fix_roster(roster, cached_catalogue(), FixOptions(time_limit=time_limit, workers=1))

    def write_fixed(result: Any, roster: Roster, path: Path) -> None:
        from rostercheck.fix import write_fixed_roster

        write_fixed_roster(result, roster, path)

    return Core(read, check, write_xlsx, render_html, fix, write_fixed)


def fix_summary(result: Any) -> dict[str, Any]:
    """The JSON form of a FixResult: the figures the ``fix`` command prints, plus the changes."""
    changes = list(getattr(result, "changes", []) or [])
    return {
        "compliant": bool(getattr(result, "compliant", False)),
        "changes": [jsonable(c) for c in changes],
        "change_count": len(changes),
        "added_hours": jsonable(getattr(result, "added_hours", None)),
        "proven_optimal": bool(getattr(result, "proven_optimal", False)),
        "gap": jsonable(getattr(result, "gap", None)),
    }


def jsonable(value: Any) -> Any:
    """Plain JSON data from the fixer's objects (pydantic models, dataclasses, enums, times)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Shift):
        # A planner reads a shift as who, where, when, what; the rest is bookkeeping.
        out = {
            "employee": value.employee,
            "location": value.location,
            "start": jsonable(value.start),
            "end": jsonable(value.end),
            "kind": value.kind.value,
        }
        if value.product:
            out["product"] = value.product
        if value.note:
            out["note"] = value.note
        return out
    if hasattr(value, "to_json_dict"):
        return jsonable(value.to_json_dict())
    if hasattr(value, "model_dump"):
        return jsonable(value.model_dump(mode="json"))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    return str(value)
