"""Reading a roster from a file or an upload: the format by its bytes, every form
FORMAT.md accepts, every problem at once (:class:`~rostercheck.errors.RosterInputError`)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rostercheck.model import Roster
from rostercheck.normsets import Catalogue
from rostercheck.workbook.read import build_roster
from rostercheck.workbook.safety import DEFAULT_LIMITS, Limits
from rostercheck.workbook.sources import open_bytes, open_path

if TYPE_CHECKING:
    from rostercheck.workbook.mapping import Mapping


@contextmanager
def _no_gc():
    """Reading builds hundreds of thousands of records and no reference cycles: the
    cyclic collector would only walk the growing heap again and again (measured: a
    third of the reading time on a 100-location year). Restored afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_roster(
    path: Path,
    *,
    catalogue: Catalogue | None = None,
    period: str | None = None,
    skip_bad_rows: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    workers: int = 1,
    mapping: Mapping | None = None,
    prescanned: bool = False,
    meanwhile=None,
) -> Roster:
    """Read a roster in any accepted form; ``period`` is ``--period`` (overrides ``Periode``).

    ``workers`` 2: a large workbook's Begeleiding sheet is pre-scanned in a forked
    child while the rest is read (``beside.ParallelScan``; same result).
    ``mapping``: a planning system's export read through a mapping file (``--mapping``).
    ``prescanned``: only in a process whose parent pre-scans the file meanwhile and
    withholds this one's output unless the file passes (``rostercheck.overlap``).
    ``meanwhile``: work for the time a child reads the Begeleiding sheet (``build_roster``)."""
    path = Path(path)
    with _no_gc():
        book = open_path(path, limits, workers=workers, prescanned=prescanned)
        if mapping is not None:
            from rostercheck.workbook.mapping import MappedWorkbook

            book = MappedWorkbook(book, mapping)
        try:
            roster = build_roster(book, path.name, catalogue=catalogue, period=period, skip_bad_rows=skip_bad_rows,
                                  meanwhile=meanwhile)
        except BaseException:
            book.finish()  # a refusal by the pre-scan comes first, as when it runs before reading
            raise
        book.finish()
        return roster


def read_roster_bytes(
    data: bytes,
    filename: str,
    *,
    catalogue: Catalogue | None = None,
    period: str | None = None,
    skip_bad_rows: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    mapping: Mapping | None = None,
) -> Roster:
    """An uploaded roster: the format is decided by the bytes, never by ``filename``."""
    with _no_gc():
        book = open_bytes(data, limits)
        if mapping is not None:
            from rostercheck.workbook.mapping import MappedWorkbook

            book = MappedWorkbook(book, mapping)
        return build_roster(book, Path(filename).name or "upload", catalogue=catalogue, period=period, skip_bad_rows=skip_bad_rows)
