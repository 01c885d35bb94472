"""The pre-scan of a workbook file: everything the reader checks of it before
python-calamine sees it, without the records and pydantic (``rostercheck.overlap``'s
parent runs it while its child reads the file, and imports no more than this)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rostercheck.workbook.beside import prescan_xlsx_file
from rostercheck.workbook.safety import DEFAULT_LIMITS, Limits, check_size, open_zip, prescan_ods, refuse, refuse_cfb, sniff, zip_kind

if TYPE_CHECKING:
    from rostercheck.errors import RosterInputError


def prescan_path(path: Path, limits: Limits = DEFAULT_LIMITS, *, workers: int = 1) -> dict[str, tuple[set[str], bool]]:
    """Everything ``sources.open_path`` checks of a workbook file before python-calamine
    sees it, and nothing more: raises the refusal ``open_path`` would raise. Returns
    what ``safety.sheet_scan`` says of each sheet part of an .xlsx it scanned itself
    (part -> the refs of formulas without a stored value, whether a text may be too
    long): ``rostercheck.overlap`` holds the reading child to it."""
    check_workbook_file(path, limits)
    zf = open_zip(path.open("rb"), limits)
    blank: dict[str, set[str]] = {}
    long_texts: dict[str, bool] = {}
    try:
        kind = zip_kind(zf)
        if kind == "xlsx":
            pending = prescan_xlsx_file(zf, lambda: path.open("rb"), limits, workers, blank, long_texts)
            if pending is not None:
                pending.result()
        elif kind != "csvzip":
            prescan_ods(zf, limits, {})
    finally:
        zf.close()
    return {part: (blank.get(part, set()), long_text) for part, long_text in long_texts.items()}


def check_workbook_file(path: Path, limits: Limits) -> None:
    """Refuse a path that is no workbook file: missing, too large, an encrypted or
    legacy binary workbook, or plain text."""
    if not path.is_file():
        raise refuse("missing_file", f"Het bestand {path.name} bestaat niet.")
    check_size(path.stat().st_size, limits)
    with path.open("rb") as fh:
        head = fh.read(8192)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise refuse_cfb(path.read_bytes())
    kind = sniff(head)
    if kind == "csv":
        raise single_csv()


def single_csv() -> RosterInputError:
    """The refusal of a lone CSV file (or any plain text) where a workbook was expected."""
    return refuse(
        "unsupported_file",
        # Also what a junk text file renamed .xlsx gets: say what it is, not only "CSV".
        "Dit bestand bevat platte tekst (een los CSV-bestand?), geen werkmap (.xlsx, .xlsm, .ods) of .zip; "
        "lever een rooster in CSV-vorm als map of .zip met de CSV-bestanden per blad (locaties.csv, diensten.csv, ...).",
    )
