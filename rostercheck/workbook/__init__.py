"""Reading and writing roster workbooks (FORMAT.md): every form planners keep.

``read_roster`` takes .xlsx/.xlsm/.ods, a folder of CSV files or a .zip of CSV files;
``read_roster_bytes`` does the same for an upload, deciding the format by content.
Both raise :class:`~rostercheck.errors.RosterInputError` with every problem at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rostercheck.workbook.files import read_roster, read_roster_bytes
    from rostercheck.workbook.mapping import Mapping, load_mapping
    from rostercheck.workbook.safety import Limits
    from rostercheck.workbook.write import write_roster_xlsx

__all__ = ["Limits", "Mapping", "load_mapping", "read_roster", "read_roster_bytes", "write_roster_xlsx"]

# Each name from its module on first use: importing a part of the package (the sheet
# layout, the safety checks) then loads no more than that part needs. ``rostercheck
# check`` forks its reader early (rostercheck.overlap), before the records, the
# checks and pydantic are imported; the writer needs openpyxl (~0.2 s), which
# ``check`` never does; YAML is only needed with --mapping.
_WHERE = {
    "read_roster": "files",
    "read_roster_bytes": "files",
    "Limits": "safety",
    "write_roster_xlsx": "write",
    "Mapping": "mapping",
    "load_mapping": "mapping",
}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
