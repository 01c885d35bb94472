"""Every accepted file form as the same thing: named sheet tables of raw cell values.

A :class:`SheetTable` keeps where its cells sit in the spreadsheet (first row number,
first column index) so every input error can name the exact cell. Workbooks are read
with python-calamine (values only, fast); CSV with the standard library, sniffing the
separator and the encoding (UTF-8 with or without BOM, else Windows-1252).
"""

from __future__ import annotations

import csv
import io
from itertools import chain
from pathlib import Path
from typing import Callable

import python_calamine as calamine

from rostercheck.errors import InputError, RosterInputError
from rostercheck.workbook.beside import AheadParse, Background, ParallelScan, prescan_xlsx_file, take_ahead
from rostercheck.workbook.parts import sheet_parts
from rostercheck.workbook.prescan import check_workbook_file, single_csv
from rostercheck.workbook.safety import (
    DEFAULT_LIMITS,
    Limits,
    longest_shared_string,
    check_size,
    open_zip,
    prescan_ods,
    read_entry,
    refuse,
    refuse_cfb,
    sheet_scan,
    sniff,
    zip_kind,
)
from rostercheck.workbook.table import NO_VALUE, SheetTable, column_index, column_letter




class Workbook:
    """Sheet names and a loader per sheet; sheets are only parsed when asked for."""

    def __init__(self, names: list[str], loader: Callable[[str], SheetTable], limits: Limits):
        self.sheet_names = names
        self._loader = loader
        self._limits = limits
        self._pending: ParallelScan | None = None  # a sheet's pre-scan still running in a child
        self.csv_names = False  # CSV files: a sheet may be named <anything>-<Sheet>
        # Another process pre-scans this .xlsx and withholds what is read unless it
        # passes (rostercheck.overlap): a sheet may then be parsed in a child too.
        self.prescanned = False
        self.part_bytes: dict[str, int] = {}  # sheet name -> its part's bytes (.xlsx)
        self.reopen: Callable[[], None] | None = None  # in a forked child: a file handle of its own

    def table(self, name: str) -> SheetTable:
        if self._pending is not None and name == self._pending.sheet:
            self.finish()
        table = self._loader(name)
        if not table.texts_within_limit:
            _check_cell_lengths(table, self._limits)
        return table

    def finish(self) -> None:
        """Wait for a pre-scan still running; raise its refusal if it refused the file.
        The reader calls this when it is done, and before reporting any error of its
        own (a refused file is refused before anything else is said about it)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()


def _check_cell_lengths(table: SheetTable, limits: Limits) -> None:
    cap = limits.max_cell_chars
    texts = [v for v in chain.from_iterable(table.rows) if v.__class__ is str]
    if max(map(len, texts), default=0) <= cap:  # the common case, without a loop per row
        return
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


def open_path(path: Path, limits: Limits = DEFAULT_LIMITS, *, workers: int = 1, prescanned: bool = False) -> Workbook:
    """``prescanned``: another process runs the whole pre-scan of this file at the same
    time and withholds everything read here if it refuses the file (``rostercheck.overlap``);
    only what the reader needs of the pre-scan is done here."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv" and not p.name.startswith("."))
        if not files:
            raise refuse("missing_sheet", f"De map {path.name} bevat geen CSV-bestanden (verwacht locaties.csv, diensten.csv, ...).")
        check_size(sum(p.stat().st_size for p in files), limits)
        return _csv_workbook({p.stem: (lambda p=p: p.read_bytes()) for p in files}, limits)
    check_workbook_file(path, limits)
    ahead = take_ahead(path) if prescanned else None
    return _open_zip_source(
        lambda: path.open("rb"), lambda: calamine.CalamineWorkbook.from_path(str(path)), limits, workers, prescanned, ahead
    )


def open_bytes(data: bytes, limits: Limits = DEFAULT_LIMITS, *, workers: int = 1) -> Workbook:
    check_size(len(data), limits)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise refuse_cfb(data)
    kind = sniff(data[:8192])
    if kind == "csv":
        raise single_csv()
    return _open_zip_source(
        lambda: io.BytesIO(data), lambda: calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)), limits, workers
    )


def _open_zip_source(stream_factory, calamine_factory, limits: Limits, workers: int = 1, prescanned: bool = False,
                     ahead: tuple[str, AheadParse] | None = None) -> Workbook:
    stream = stream_factory()
    zf = open_zip(stream, limits)
    kind = zip_kind(zf)
    pending = None
    if kind == "csvzip":
        members = {}
        for info in zf.infolist():
            lower = info.filename.lower()
            base = info.filename.rsplit("/", 1)[-1]
            # (not info.is_dir(): it fails on the empty name of a damaged entry)
            if not lower.endswith(".csv") or lower.startswith("__macosx/") or base.startswith("."):
                continue
            members[base[:-4]] = lambda info=info: read_entry(zf, info.filename, limits.max_uncompressed_bytes)
        return _csv_workbook(members, limits)
    blank: dict[str, set[str]] | None = {}  # part -> refs of formulas with no stored value
    parts: dict[str, str] = {}  # sheet name -> part
    ods_merged: dict[str, list] = {}  # sheet name -> merged ranges (calamine gives none for .ods)
    shared_long = True
    if kind == "xlsx":
        if prescanned:
            blank = None  # found per sheet as it is loaded (the parent pre-scans the rest)
            shared_long = longest_shared_string(zf, limits) > limits.max_cell_chars
        else:
            pending = prescan_xlsx_file(zf, stream_factory, limits, workers, blank)
        if blank is None or blank or pending is not None:
            try:
                parts = sheet_parts(zf)
            except Exception:
                parts = {}
    else:
        prescan_ods(zf, limits, ods_merged)
    part_bytes = {info.filename: info.file_size for info in zf.infolist()}
    zf.close()
    try:
        book = calamine_factory()
        names = [m.name for m in book.sheets_metadata]
    except Exception:  # calamine's own errors: a damaged or password-protected workbook
        if pending is not None:
            pending.result()
        raise refuse("unsupported_file", "Het werkboek is beschadigd of beveiligd en kan niet worden gelezen.") from None

    def load(name: str) -> SheetTable:
        part = parts.get(name, "")
        finding = None
        parsed_ahead = ahead is not None and ahead[0] == name
        if blank is None and part and not parsed_ahead:
            # calamine parses without the GIL: the formulas are looked for meanwhile.
            finding = Background(lambda: _scan_sheet(stream_factory, part, limits))
        try:
            if parsed_ahead:
                sheet = ahead[1].result()  # parsed by its own calamine workbook, in a thread since start-up
            else:
                sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python()
            start = sheet.start or (0, 0)
            merged = sheet.merged_cell_ranges or ods_merged.get(name) or ()
        except Exception:
            if finding is not None:
                finding.result()
            raise refuse("unsupported_file", f"Het werkblad {name!r} is beschadigd en kan niet worden gelezen.") from None
        table = SheetTable(name=name, rows=rows, first_row=start[0] + 1, first_col=start[1])
        if merged:
            _spread_merged(table, merged, limits.max_cells)
        if blank is None and part and parsed_ahead:
            # The parent's pre-scan scans this sheet (the largest) too: it is read as
            # holding no formula without a value and no text too long, which the parent
            # checks before it accepts what is read here (else it reads the file itself:
            # overlap.py), rather than scanned a second time.
            refs = ()
            table.texts_within_limit = not shared_long
        elif finding is None:
            refs = blank.get(part, ()) if blank is not None else ()
        else:
            refs, long_text = finding.result()
            table.texts_within_limit = not (long_text or shared_long)
        if refs:
            _mark_blank_formulas(table, refs)
        return table

    def reopen() -> None:
        nonlocal book
        book = calamine_factory()

    workbook = Workbook(names, load, limits)
    workbook._pending = pending
    workbook.prescanned = prescanned and kind == "xlsx"
    workbook.part_bytes = {name: part_bytes.get(part, 0) for name, part in parts.items()}
    workbook.reopen = reopen
    if pending is not None and pending.sheet not in names:  # calamine names it otherwise: wait now
        workbook.finish()
    return workbook


def _scan_sheet(stream_factory, part: str, limits: Limits) -> tuple[set[str], bool]:
    """What the pre-scan finds of one sheet part's formulas without a stored value,
    when another process runs the rest of the pre-scan; and whether a cell may hold
    a text too long (``safety.sheet_scan``)."""
    zf = open_zip(stream_factory(), limits)
    try:
        return sheet_scan(zf, part, limits)
    finally:
        zf.close()


def _spread_merged(table: SheetTable, merged, max_cells: int) -> None:
    """FORMAT.md rev. 2: "the value of a merged range belongs to every cell of it"
    (a date merged over shift rows, a week header merged over dates). Only cells
    inside the sheet's read range are filled, and no more than ``max_cells`` in all
    (a hostile file could list the whole sheet as merged thousands of times)."""
    rows, r0, c0 = table.rows, table.first_row - 1, table.first_col
    height, width = len(rows), max((len(r) for r in rows), default=0)
    total = 0
    for (top, left), (bottom, right) in merged:
        down = min(bottom - r0, height - 1) - max(top - r0, 0) + 1
        across = min(right - c0, width - 1) - max(left - c0, 0) + 1
        if down > 0 and across > 0:
            total += down * across
    if total > max_cells:
        raise refuse(
            "sheet_too_large",
            f"Het werkblad {table.name!r} heeft samengevoegde cellen die samen meer dan {max_cells} cellen beslaan; het wordt niet gelezen.",
        )
    for (top, left), (bottom, right) in merged:
        i, j = top - r0, left - c0
        if not (0 <= i < len(rows) and 0 <= j < len(rows[i])):
            continue
        value = rows[i][j]
        for ri in range(max(i, 0), min(bottom - r0, len(rows) - 1) + 1):
            row = rows[ri]
            for cj in range(max(j, 0), min(right - c0, len(row) - 1) + 1):
                row[cj] = value


def _mark_blank_formulas(table: SheetTable, refs) -> None:
    r0, c0 = table.first_row - 1, table.first_col
    width = max((len(r) for r in table.rows), default=0)
    for ref in sorted(refs, key=lambda r: (int(r.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), len(r), r)):
        letters = ref.rstrip("0123456789")
        i, j = int(ref[len(letters):]) - 1 - r0, column_index(letters) - c0
        if i < 0 or j < 0 or j >= max(width, j + 1) or i >= len(table.rows) + 10_000:
            continue
        while len(table.rows) <= i:
            table.rows.append([""] * width)
        row = table.rows[i]
        if len(row) <= j:
            row.extend([""] * (j + 1 - len(row)))
        if row[j] == "" or row[j] is None:
            row[j] = NO_VALUE
            table.blank_formulas.append((i, j))


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
    book = Workbook(list(members), lambda name: parse_csv(name, members[name]()), limits)
    book.csv_names = True
    return book
