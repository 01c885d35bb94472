"""rostercheck: checks care-provider staff rosters against municipal staffing norms.

The Python API (documented in the README, "Python API")::

    from rostercheck import check
    report = check("rooster.xlsx")          # a Report (rostercheck.findings)
    report.compliant, report.counts()       # False, {"errors": 3, "warnings": 1, "info": 0}
    report.to_json()                         # the JSON report, rostercheck-report/1

    from rostercheck import read_roster, fix
    roster = read_roster("rooster.xlsx", period="2026-03")
    result = fix(roster, time_limit=20)      # a FixResult: changes, fixed_roster, proven_optimal

Input errors raise :class:`RosterInputError` (every error with sheet, row and
column); invalid norm files raise :class:`NormFileError`. The heavy modules
(OR-Tools, openpyxl) load only when a function needs them, so ``import
rostercheck`` stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rostercheck.errors import NormFileError, RosterInputError
    from rostercheck.findings import Finding, Report
    from rostercheck.fix import FixResult
    from rostercheck.model import Roster

__version__ = "0.1.0"

__all__ = [
    "check",
    "fix",
    "read_roster",
    "report_schema",
    "Report",
    "Finding",
    "Roster",
    "FixResult",
    "RosterInputError",
    "NormFileError",
    "__version__",
]


def read_roster(
    path: str | Path, *, period: str | None = None, norms: str | Path | None = None, skip_bad_rows: bool = False
) -> "Roster":
    """Read a roster workbook (.xlsx, .ods), CSV folder or .zip of CSV files (FORMAT.md).

    ``period``: a month ``"2026-03"`` or a range ``"2026-03-02..2026-03-29"``; it
    overrides the ``Periode`` sheet, as ``--period`` does. ``norms``: a folder of norm
    sets instead of the shipped ones. Raises :class:`RosterInputError`."""
    from rostercheck.normsets import cached_catalogue
    from rostercheck.workbook import read_roster as _read

    catalogue = cached_catalogue(str(norms) if norms is not None else None)
    return _read(Path(path), catalogue=catalogue, period=period, skip_bad_rows=skip_bad_rows)


def check(
    roster: "str | Path | Roster",
    *,
    period: str | None = None,
    labour_law: bool = True,
    cao: str = "none",
    norms: str | Path | None = None,
) -> "Report":
    """Check a roster (a path, or a :class:`Roster` from :func:`read_roster`) against
    the norm sets its locations name, and the Working Hours Act unless ``labour_law``
    is false. ``cao``: ``none``, ``gehandicaptenzorg``, ``ggz`` or ``sociaal-werk``.
    Returns the :class:`Report` whose ``to_json()`` is ``rostercheck check --format json``."""
    from rostercheck.checker import CheckOptions, check_roster
    from rostercheck.normsets import cached_catalogue

    catalogue = cached_catalogue(str(norms) if norms is not None else None)
    if isinstance(roster, (str, Path)):
        roster = read_roster(roster, period=period, norms=norms)
    elif period is not None:
        raise ValueError("period applies when reading: read_roster(path, period=...) or check(path, period=...)")
    return check_roster(roster, catalogue, CheckOptions(labour_law=labour_law, cao=cao))


def fix(
    roster: "str | Path | Roster",
    *,
    time_limit: float = 30.0,
    period: str | None = None,
    labour_law: bool = True,
    cao: str = "none",
    norms: str | Path | None = None,
    **options: Any,
) -> "FixResult":
    """Propose the smallest set of changes that makes the roster compliant (OUTPUT.md,
    "Fix output"). Further keyword arguments are fields of
    :class:`rostercheck.fix.FixOptions` (``seed``, ``workers``, ...). The result's
    ``fixed_roster`` is the changed roster; ``changes`` lists what changed and why."""
    from rostercheck.fix import FixOptions, fix_roster
    from rostercheck.normsets import cached_catalogue

    catalogue = cached_catalogue(str(norms) if norms is not None else None)
    if isinstance(roster, (str, Path)):
        roster = read_roster(roster, period=period, norms=norms)
    elif period is not None:
        raise ValueError("period applies when reading: read_roster(path, period=...) or fix(path, period=...)")
    return fix_roster(roster, catalogue, FixOptions(time_limit=time_limit, labour_law=labour_law, cao=cao, **options))


def report_schema() -> dict:
    """The JSON Schema of ``rostercheck-report/1`` that ships with the package."""
    from rostercheck.schema import load_report_schema

    return load_report_schema()


def __getattr__(name: str) -> Any:
    # The models and errors on first use, so that importing the package (or any module
    # of it) loads no pydantic: ``rostercheck check`` forks its reader before that.
    if name in ("NormFileError", "RosterInputError"):
        from rostercheck import errors

        return getattr(errors, name)
    if name in ("Report", "Finding"):
        from rostercheck import findings

        return getattr(findings, name)
    if name == "Roster":
        from rostercheck.model import Roster

        return Roster
    if name == "FixResult":
        from rostercheck.fix.result import FixResult

        return FixResult
    raise AttributeError(f"module 'rostercheck' has no attribute {name!r}")
