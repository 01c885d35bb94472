"""Every accepted file form as the same thing: named sheet tables of raw cell values.

A :class:`SheetTable` keeps where its cells sit in the spreadsheet (first row number,
first column index) so every input error can name the exact cell. Workbooks are read
with python-calamine (values only, fast); CSV with the standard library, sniffing the
separator and the encoding (UTF-8 with or without BOM, else Windows-1252).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import python_calamine as calamine

from rostercheck.errors import InputError, RosterInputError
from rostercheck.workbook.safety import (
    DEFAULT_LIMITS,
    Limits,
    check_size,
    open_zip,
    prescan_ods,
    prescan_xlsx,
    read_entry,
    refuse,
    refuse_cfb,
    sniff,
    zip_kind,
)


@dataclass
class SheetTable:
    name: str  # as in the file: the sheet name, or the CSV file name without .csv
    rows: list[list]  # raw cell values; rows[0] is spreadsheet row ``first_row``
    first_row: int = 1  # spreadsheet row number of rows[0]
    first_col: int = 0  # 0-based column index of rows[i][0]


def column_letter(index: int) -> str:
    """0-based column index to the spreadsheet's letters (0 -> A, 27 -> AB)."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


class Workbook:
    """Sheet names and a loader per sheet; sheets are only parsed when asked for."""

    def __init__(self, names: list[str], loader: Callable[[str], SheetTable], limits: Limits):
        self.sheet_names = names
        self._loader = loader
        self._limits = limits

    def table(self, name: str) -> SheetTable:
        table = self._loader(name)
        _check_cell_lengths(table, self._limits)
        return table


def _check_cell_lengths(table: SheetTable, limits: Limits) -> None:
    cap = limits.max_cell_chars
    for i, row in enumerate(table.rows):
        for j, v in enumerate(row):
            if type(v) is str and len(v) > cap:
                cell = f"{column_letter(table.first_col + j)}{table.first_row + i}"
                raise RosterInputError(
                    [
                        InputError(
                            type="cell_too_long",
                            sheet=table.name,
                            row=table.first_row + i,
                            column=column_letter(table.first_col + j),
                            message=f"Cel {table.name}!{cell} bevat {len(v)} tekens, meer dan de {cap} die een spreadsheetcel mag hebben; het bestand wordt niet gelezen.",
                        )
                    ]
                )


# --- opening -----------------------------------------------------------------


def open_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv" and not p.name.startswith("."))
        if not files:
            raise refuse("missing_sheet", f"De map {path.name} bevat geen CSV-bestanden (verwacht locaties.csv, diensten.csv, ...).")
        check_size(sum(p.stat().st_size for p in files), limits)
        return _csv_workbook({p.stem: (lambda p=p: p.read_bytes()) for p in files}, limits)
    if not path.is_file():
        raise refuse("missing_file", f"Het bestand {path.name} bestaat niet.")
    check_size(path.stat().st_size, limits)
    with path.open("rb") as fh:
        head = fh.read(8192)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise refuse_cfb(path.read_bytes())
    kind = sniff(head)
    if kind == "csv":
        raise _single_csv()
    return _open_zip_source(lambda: path.open("rb"), lambda: calamine.CalamineWorkbook.from_path(str(path)), limits)


def open_bytes(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    check_size(len(data), limits)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise refuse_cfb(data)
    kind = sniff(data[:8192])
    if kind == "csv":
        raise _single_csv()
    return _open_zip_source(
        lambda: io.BytesIO(data), lambda: calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)), limits
    )


def _single_csv() -> RosterInputError:
    return refuse(
        "unsupported_file",
        "Eén CSV-bestand is geen rooster; lever een map of .zip met de CSV-bestanden per blad (locaties.csv, diensten.csv, ...).",
    )


def _open_zip_source(stream_factory, calamine_factory, limits: Limits) -> Workbook:
    stream = stream_factory()
    zf = open_zip(stream, limits)
    kind = zip_kind(zf)
    if kind == "csvzip":
        members = {}
        for info in zf.infolist():
            lower = info.filename.lower()
            base = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or not lower.endswith(".csv") or lower.startswith("__macosx/") or base.startswith("."):
                continue
            members[base[:-4]] = lambda info=info: read_entry(zf, info.filename, limits.max_uncompressed_bytes)
        return _csv_workbook(members, limits)
    if kind == "xlsx":
        prescan_xlsx(zf, limits)
    else:
        prescan_ods(zf, limits)
    zf.close()
    try:
        book = calamine_factory()
        names = [m.name for m in book.sheets_metadata]
    except Exception:  # calamine's own errors: a damaged or password-protected workbook
        raise refuse("unsupported_file", "Het werkboek is beschadigd of beveiligd en kan niet worden gelezen.") from None

    def load(name: str) -> SheetTable:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python()
            start = sheet.start or (0, 0)
        except Exception:
            raise refuse("unsupported_file", f"Het werkblad {name!r} is beschadigd en kan niet worden gelezen.") from None
        return SheetTable(name=name, rows=rows, first_row=start[0] + 1, first_col=start[1])

    return Workbook(names, load, limits)


# --- CSV ---------------------------------------------------------------------


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (what Excel on Windows saves)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """``;`` or ``,`` (or tab), by the header line, which holds no decimal commas."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_csv(name: str, data: bytes) -> SheetTable:
    text = decode_csv(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        rows = [list(r) for r in reader]
    except csv.Error as exc:
        raise refuse("bad_csv", f"{name}.csv is geen geldig CSV-bestand: {exc}.") from None
    return SheetTable(name=name, rows=rows)


def _csv_workbook(members: dict[str, Callable[[], bytes]], limits: Limits) -> Workbook:
    return Workbook(list(members), lambda name: parse_csv(name, members[name]()), limits)
