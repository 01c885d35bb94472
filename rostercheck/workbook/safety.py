"""Deciding what a file is by its bytes, and refusing hostile files before parsing them.

Uploads come from the web, so nothing is trusted: the format is decided by magic
bytes (never the extension), and every zip-based workbook is inspected *before*
python-calamine sees it, because calamine has no limits of its own:

- a cell written at ``XFD1048576`` makes calamine allocate the whole dense range
  (rows x columns) and the process aborts (Rust OOM, not an exception). A
  ``<dimension ref="A1:XFD1048576">`` tag alone is harmless (measured: calamine
  sizes the range by the cells, not by the tag), so the pre-scan counts the cell
  references themselves;
- ODS ``number-rows-repeated`` / ``number-columns-repeated`` on cells with content
  are expanded cell by cell (a million repeated rows measured at ~200 MB);
- a zip bomb would be inflated without a cap.

Workbooks never need a DTD, so any ``<!DOCTYPE``/``<!ENTITY`` in a workbook part is
refused outright (entity expansion, XXE), whatever the parser would do with it.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rostercheck.errors import RosterInputError


@dataclass(frozen=True)
class Limits:
    """Bounds on what a roster file may make the reader do (all configurable)."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_uncompressed_bytes: int = 400 * 1024 * 1024  # all zip entries together
    max_entry_ratio: float = 200.0  # uncompressed / compressed, for entries over 1 MB
    max_entries: int = 2000
    max_cells: int = 5_000_000  # rows x columns of the largest sheet range
    max_cell_chars: int = 32_767  # Excel's own cell limit
    # Text that cells referring to shared strings expand to, all sheets together:
    # each such cell gets its own copy of the string (in calamine and in Python).
    max_shared_text_bytes: int = 100 * 1024 * 1024


DEFAULT_LIMITS = Limits()

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_SUPPORTED = "een .xlsx-, .xlsm- of .ods-werkboek, of een map of .zip met CSV-bestanden"


def refuse(kind: str, message: str) -> RosterInputError:
    """One clear sentence for a file that is not read at all."""
    # The errors (pydantic models) only when a file is refused: deciding what a file
    # is and which sheet to parse ahead imports no pydantic (rostercheck.overlap).
    from rostercheck.errors import InputError, RosterInputError

    return RosterInputError([InputError(type=kind, message=message)])


def sniff(head: bytes) -> str:
    """``zip`` or ``csv`` from the first bytes; anything else is refused here."""
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head.startswith(_CFB_MAGIC):
        raise refuse(
            "unsupported_file",
            "Dit is een oud Excel-bestand (.xls) of een beveiligd/versleuteld werkboek; "
            "sla het op als .xlsx zonder wachtwoord en probeer het opnieuw.",
        )
    if head and _looks_like_text(head):
        return "csv"
    raise refuse("unsupported_file", f"Dit bestand is geen rooster: verwacht {_SUPPORTED}.")


def refuse_cfb(data: bytes) -> RosterInputError:
    """An OLE/CFB container: an encrypted OOXML workbook or a legacy binary .xls."""
    if _ENCRYPTED_STREAM in data:
        return refuse(
            "encrypted_file",
            "Dit werkboek is met een wachtwoord versleuteld; sla het op zonder wachtwoord en probeer het opnieuw.",
        )
    return refuse(
        "unsupported_file",
        "Dit is een oud Excel-bestand (.xls); sla het op als .xlsx en probeer het opnieuw.",
    )


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control == 0


def check_size(size: int, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise refuse(
            "file_too_large",
            f"Het bestand is te groot ({size / 1e6:.1f} MB; de grens is {limits.max_file_bytes / 1e6:.0f} MB).",
        )


def open_zip(stream: IO[bytes], limits: Limits) -> zipfile.ZipFile:
    """Open a zip and check every entry's declared sizes before anything is inflated."""
    try:
        zf = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):  # (a version byte it does not know)
        raise refuse("unsupported_file", f"Dit bestand is een beschadigd zip-bestand, geen {_SUPPORTED}.") from None
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise refuse("zip_bomb", f"Het zip-bestand bevat te veel delen ({len(infos)}); het wordt niet gelezen.")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse("encrypted_file", "Het zip-bestand is met een wachtwoord beveiligd; het wordt niet gelezen.")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.max_entry_ratio:
            raise refuse(
                "zip_bomb",
                f"Het bestand is verdacht sterk gecomprimeerd ({info.filename}: {ratio:.0f}x); het wordt niet uitgepakt.",
            )
        if total > limits.max_uncompressed_bytes:
            raise refuse(
                "zip_bomb",
                f"Het bestand is uitgepakt groter dan {limits.max_uncompressed_bytes / 1e6:.0f} MB; het wordt niet uitgepakt.",
            )
    return zf


def zip_kind(zf: zipfile.ZipFile) -> str:
    """``xlsx``, ``ods`` or ``csvzip``, from the zip's contents."""
    names = {n.lower(): n for n in zf.namelist()}
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise refuse("unsupported_file", "Binaire Excel-werkboeken (.xlsb) worden niet gelezen; sla het op als .xlsx.")
    if "mimetype" in names and read_entry(zf, names["mimetype"], 200).strip() == _ODS_MIME:
        return "ods"
    if "content.xml" in names and b"opendocument.spreadsheet" in read_entry(zf, names["content.xml"], 4096):
        return "ods"
    if any(n.endswith(".csv") and not _ignored_member(n) for n in names):
        return "csvzip"
    raise refuse("unsupported_file", f"Dit zip-bestand is geen rooster: verwacht {_SUPPORTED}.")


def _ignored_member(lower_name: str) -> bool:
    base = lower_name.rsplit("/", 1)[-1]
    return lower_name.startswith("__macosx/") or base.startswith(".")


def read_entry(zf: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """At most ``cap`` bytes of an entry, read in chunks (the declared size may lie)."""
    out = bytearray()
    try:
        with zf.open(name) as fh:
            while len(out) <= cap:
                chunk = fh.read(min(1 << 16, cap + 1 - len(out)))
                if not chunk:
                    break
                out += chunk
    except _ZIP_READ_ERRORS:
        raise _refuse_broken_zip() from None
    if len(out) > cap:
        raise refuse("zip_bomb", f"Een deel van het bestand ({name}) is groter dan toegestaan; het wordt niet gelezen.")
    return bytes(out)


_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
# The r="..." attribute of cells (r="B12") and rows (r="12"), written any way XML
# allows (spaces around "=", single quotes). Any number of letters and digits:
# calamine does not stop at XFD or row 1048576, so neither may the scan. A bare
# "r" also matches the end of other attribute names, which can only make the bound
# larger. Two single-group patterns into sets: measured 0.5 s on a 100 MB sheet,
# against 1 s for one pattern building a tuple per cell.
_REF_COLUMN = re.compile(rb"r\s*=\s*[\"']([A-Za-z]+)[0-9]")
_REF_ROW = re.compile(rb"r\s*=\s*[\"'][A-Za-z]*([0-9]+)")
_ROW_OPEN = re.compile(rb"<row\b")


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


def _chunk_extent(chunk: bytes) -> tuple[int, int]:
    """The largest row number and column number any r="..." in the chunk names."""
    cols = set(_REF_COLUMN.findall(chunk))
    rows = set(_REF_ROW.findall(chunk))
    max_col = max((_col_number(c) for c in cols), default=0)
    max_row = max((int(r) for r in rows), default=0)
    return max_row, max_col


def _col_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _greater_number(limit: int) -> str:
    """A regex for a decimal number (leading zeros allowed) greater than ``limit``."""
    d = str(limit)
    alts = [f"[1-9][0-9]{{{len(d)},}}"]
    for i, ch in enumerate(d):
        if ch != "9":
            alts.append(f"{d[:i]}[{int(ch) + 1}-9][0-9]{{{len(d) - i - 1}}}")
    return "0*(?:" + "|".join(alts) + ")(?![0-9])"


def _greater_letters(limit: int) -> str:
    """A regex for column letters (either case) naming a column after number ``limit``."""
    s = _col_letters(limit) if limit > 0 else ""
    alts = [f"[A-Za-z]{{{len(s) + 1},}}"]
    for i, ch in enumerate(s):
        if ch != "Z":
            prefix = "".join(f"[{c}{c.lower()}]" for c in s[:i])
            nxt = chr(ord(ch) + 1)
            alts.append(f"{prefix}[{nxt}-Z{nxt.lower()}-z][A-Za-z]{{{len(s) - i - 1}}}")
    return "(?:" + "|".join(alts) + ")[0-9]"


_BEYOND: dict[tuple[int, int], re.Pattern] = {}


def _beyond(max_row: int, max_col: int) -> re.Pattern:
    """Any r="..." naming a row after ``max_row`` or a column after ``max_col``.

    Built to match everywhere :func:`_chunk_extent` would find a larger row or
    column (it may match more: then the exact scan runs)."""
    key = (max_row, max_col)
    pat = _BEYOND.get(key)
    if pat is None:
        if len(_BEYOND) > 256:
            _BEYOND.clear()
        ref = r"r\s*=\s*[\"']"
        pat = _BEYOND[key] = re.compile(
            f"{ref}(?:[A-Za-z]*{_greater_number(max_row)}|{_greater_letters(max_col)})".encode()
        )
    return pat


def _chunk_extent_fast(chunk: bytes, max_row: int, max_col: int) -> tuple[int, int]:
    """The largest row and column named in the chunk or already known, whichever is larger.

    A chunk written as spreadsheet programs write (``r="B12"``) is read with array
    operations (:func:`rostercheck.workbook.extent.chunk_extent`: 0.24 s against 0.70 s
    for this function's regexes on the 62 MB Diensten sheet of a year's roster). Else:
    a sheet's cells come in order, so the last refs of a chunk usually hold its
    largest row and column: those are read exactly from the chunk's tail, and one
    search that allocates nothing confirms no ref anywhere in the chunk names more
    (measured: 0.15 s against 0.8 s for reading every ref of a 160 MB sheet). If
    one does, the whole chunk is read exactly."""
    from rostercheck.workbook.extent import chunk_extent  # numpy: not before the reader is forked

    exact = chunk_extent(chunk)
    if exact is not None:
        return max(max_row, exact[0]), max(max_col, exact[1])
    r, c = _chunk_extent(chunk[-512:])
    max_row, max_col = max(max_row, r), max(max_col, c)
    if _beyond(max_row, max_col).search(chunk) is None:
        return max_row, max_col
    r, c = _chunk_extent(chunk)
    return max(max_row, r), max(max_col, c)


def _stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits):
    """Yield an entry's bytes in overlapping chunks, with a hard cap on what is inflated."""
    cap = min(limits.max_uncompressed_bytes, info.file_size)
    seen, tail = 0, b""
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                seen += len(chunk)
                if seen > cap:
                    raise refuse("zip_bomb", f"Een deel van het bestand ({info.filename}) is groter dan opgegeven; het wordt niet gelezen.")
                # Keep a tail so a tag split over two chunks is still seen whole.
                yield tail + chunk
                tail = chunk[-256:]
    except _ZIP_READ_ERRORS:  # (zipfile's own: nothing else here raises these)
        raise _refuse_broken_zip() from None


def prescan_xlsx(zf: zipfile.ZipFile, limits: Limits, *, skip: str | None = None, only: str | None = None, blank_formulas: dict[str, set[str]] | None = None,
                 long_texts: dict[str, bool] | None = None) -> int:
    """Refuse DTDs in any XML part and sheets whose cells span more than ``max_cells``.

    ``skip``/``only``: leave out, or scan nothing but, that one part (the pre-scan of
    the largest sheet runs in a child while the parent scans the rest, see
    ``beside.ParallelScan``). Returns the shared text the scanned cells refer to.
    ``blank_formulas``: filled with part -> cell refs of formulas that hold no
    stored value (calamine gives those as empty cells). ``long_texts``: filled with
    sheet part -> whether a cell of it may hold too long a text of its own, for every
    sheet part scanned (what :func:`sheet_scan` says of it)."""
    try:
        return _prescan_xlsx(zf, limits, skip, only, blank_formulas, long_texts)
    except _BROKEN_ZIP:
        raise _refuse_broken_zip() from None


# A bad CRC, a size that does not match, an unknown compression method.
_BROKEN_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)
# What zipfile itself raises reading an entry of a damaged file: those, and a ValueError
# for a header offset that points before the file ("negative seek value", found by
# tests/test_fuzz.py). Caught only around zipfile's own calls.
_ZIP_READ_ERRORS = (*_BROKEN_ZIP, ValueError)


def _refuse_broken_zip() -> RosterInputError:
    return refuse("unsupported_file", "Het werkboek is beschadigd (het zip-bestand klopt niet) en kan niet worden gelezen.")


def _prescan_xlsx(zf: zipfile.ZipFile, limits: Limits, skip: str | None = None, only: str | None = None, blank_formulas: dict[str, set[str]] | None = None,
                  long_texts: dict[str, bool] | None = None) -> int:
    sizes = _shared_string_sizes(zf, limits)
    shared_text = 0
    window = (limits.max_cell_chars + 1) // 4
    for info in zf.infolist():
        name = info.filename.lower()
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        if info.filename == skip or (only is not None and info.filename != only):
            continue
        is_sheet = name.startswith("xl/worksheets/")
        max_row = max_col = rows = 0
        # (sheet_scan's verdict: parts not named .xml may hold anything)
        long_text = long_texts is None or not name.endswith(".xml")
        for chunk in _stream(zf, info, limits):
            # "!" is rare in a workbook part; "<" is on every few bytes (slow to scan for "<!").
            if b"!" in chunk and b"<!" in chunk and _DTD.search(chunk):
                raise _refuse_dtd()
            if is_sheet:
                rows += len(_ROW_OPEN.findall(chunk[256:] if rows else chunk))
                max_row, max_col = _chunk_extent_fast(chunk, max_row, max_col)
                if blank_formulas is not None and b"<f" in chunk:
                    refs = _blank_formula_refs(chunk)
                    if refs:
                        blank_formulas.setdefault(info.filename, set()).update(r.decode() for r in refs)
                if not long_text:
                    long_text = _may_hold_long_text(chunk, window)
                if sizes:
                    shared_text += sum(sizes[int(i)] * n for i, n in Counter(_SHARED_CELL.findall(chunk)).items() if int(i) < len(sizes))
                    if shared_text > limits.max_shared_text_bytes:
                        raise refuse(
                            "shared_strings_bomb",
                            f"De cellen van het werkboek verwijzen samen naar meer dan {limits.max_shared_text_bytes / 1e6:.0f} MB "
                            "aan gedeelde tekst (dezelfde lange tekst in heel veel cellen); het wordt niet gelezen.",
                        )
        if is_sheet:
            _check_extent(max(max_row, rows), max_col, limits)
            if long_texts is not None:
                long_texts[info.filename] = long_text
    return shared_text


def sheet_scan(zf: zipfile.ZipFile, part: str, limits: Limits) -> tuple[set[str], bool]:
    """What :func:`prescan_xlsx` puts in ``blank_formulas`` for one sheet part, found
    alone (another process runs the rest of the pre-scan, ``rostercheck.overlap``),
    and whether a cell of it may hold more than ``max_cell_chars`` characters of its
    own text (False: none can; shared strings are judged by :func:`longest_shared_string`)."""
    found: set[str] = set()
    long_text = False
    lower = part.lower()
    if not (lower.startswith("xl/worksheets/") and lower.endswith(".xml")):
        return found, True
    window = (limits.max_cell_chars + 1) // 4
    try:
        for chunk in _stream(zf, zf.getinfo(part), limits):
            if b"<f" in chunk:
                found.update(r.decode() for r in _blank_formula_refs(chunk))
            if not long_text:
                long_text = _may_hold_long_text(chunk, window)
    except (*_BROKEN_ZIP, KeyError):
        raise _refuse_broken_zip() from None
    return found, long_text


# A run of rich text (<r><t>..</t></r>): an inline string split into runs, each short.
_RICH_RUN = re.compile(rb"<r[\s/>]")


def _may_hold_long_text(chunk: bytes, window: int) -> bool:
    """Whether the chunk may hold part of a text longer than 4 x ``window`` bytes (a
    cell's text is never longer in characters than in bytes). Such a text has no "<"
    in it, and at least half of it lies in one of the two chunks it may be split
    over (they overlap), so one of the aligned windows of that chunk lies wholly inside
    it: a window without "<" says "maybe"; so does rich text, whose runs may add up."""
    find = chunk.find
    for k in range(0, len(chunk) - window + 1, window):
        if find(b"<", k, k + window) < 0:
            return True
    return _RICH_RUN.search(chunk) is not None


def longest_shared_string(zf: zipfile.ZipFile, limits: Limits) -> int:
    """The bytes of the largest shared string (an upper bound on its characters)."""
    return max(_shared_string_sizes(zf, limits), default=0)


# A cell with a formula: <c r="B2"><f>A2+1</f><v>3</v></c>; without <v> it holds no value.
# openpyxl writes <v/> (an empty value that is no result); Excel writes an empty text
# result as t="str" with <v></v>, which is a value.
_FORMULA_CELL = re.compile(rb"""<c\b([^>]*?\br\s*=\s*["']([A-Z]{1,3}[0-9]{1,7})["'][^>]*)(?<!/)>((?:(?!</c>).)*?<f\b(?:(?!</c>).)*?)</c>""", re.S)
_STORED_VALUE = re.compile(rb"<v>[^<]")
_TEXT_RESULT = re.compile(rb"""\bt\s*=\s*["']str["']""")


def _blank_formula_refs(chunk: bytes) -> list[bytes]:
    return [
        ref for attrs, ref, inner in _FORMULA_CELL.findall(chunk)
        if not _STORED_VALUE.search(inner) and not (_TEXT_RESULT.search(attrs) and b"<v" in inner)
    ]


# A cell of type "s" (shared string) and its index: <c r="A1" t="s"><v>12</v></c>.
_SHARED_CELL = re.compile(rb"""\bt\s*=\s*["']s["'][^>]*>\s*<v>\s*([0-9]{1,9})""")
_SHARED_ITEM = re.compile(rb"<si\b.*?</si>|<si\s*/>", re.S)


def _shared_string_sizes(zf: zipfile.ZipFile, limits: Limits) -> list[int]:
    """Bytes of each shared string (its <si> element, an upper bound on its text)."""
    for info in zf.infolist():
        if info.filename.lower() == "xl/sharedstrings.xml":
            data = read_entry(zf, info.filename, limits.max_uncompressed_bytes)
            if _DTD.search(data):
                raise _refuse_dtd()
            return [len(m) for m in _SHARED_ITEM.findall(data)]
    return []


def prescan_ods(zf: zipfile.ZipFile, limits: Limits, merged: dict[str, list] | None = None) -> None:
    """Refuse DTDs, and sheets whose repeated rows/cells with content exceed ``max_cells``.

    Trailing empty repeats (LibreOffice writes a million empty rows) cost nothing in
    calamine and are not counted; repeats of cells that hold a value are.
    ``merged``: filled with sheet name -> merged ranges ((top, left), (bottom, right)),
    0-based as calamine gives them for .xlsx (calamine has none for .ods).
    """
    from xml.etree.ElementTree import ParseError

    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import iterparse

    from rostercheck.errors import RosterInputError

    for name in zf.namelist():
        if not name.lower().endswith(".xml"):
            continue
        info = zf.getinfo(name)
        if name != "content.xml":
            for chunk in _stream(zf, info, limits):
                if _DTD.search(chunk):
                    raise _refuse_dtd()
            continue
        t = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
        office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
        try:
            with zf.open(info) as raw:
                capped = _CappedReader(raw, min(info.file_size, limits.max_uncompressed_bytes), name)
                row_pos = last_row = max_col = row_cols = 0
                row_has_content = False
                spans: list = []
                for event, el in iterparse(capped, events=("start", "end"), forbid_dtd=True):
                    tag = el.tag
                    if event == "start":
                        if tag == t + "table":
                            row_pos = last_row = max_col = 0
                            spans = merged.setdefault(el.get(t + "name", ""), []) if merged is not None else []
                        continue
                    if tag in (t + "table-cell", t + "covered-table-cell"):
                        if merged is not None and tag == t + "table-cell":
                            down = int(el.get(t + "number-rows-spanned", "1") or 1)
                            across = int(el.get(t + "number-columns-spanned", "1") or 1)
                            if down > 1 or across > 1:
                                spans.append(((row_pos, row_cols), (row_pos + down - 1, row_cols + across - 1)))
                        row_cols += int(el.get(t + "number-columns-repeated", "1") or 1)
                        if el.get(office + "value-type") is not None or len(el) > 0:
                            max_col = max(max_col, row_cols)
                            row_has_content = True
                        el.clear()
                    elif tag == t + "table-row":
                        row_pos += int(el.get(t + "number-rows-repeated", "1") or 1)
                        if row_has_content:
                            last_row = row_pos
                        row_has_content, row_cols = False, 0
                        el.clear()
                        _check_extent(last_row, max_col, limits)
        except RosterInputError:
            raise
        except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
            raise _refuse_dtd() from None
        # (LookupError: an XML declaration naming an encoding that does not exist)
        except (ParseError, ValueError, LookupError, zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            raise refuse("unsupported_file", "Het .ods-bestand is beschadigd (ongeldige XML).") from None



class _CappedReader(io.RawIOBase):
    def __init__(self, raw: IO[bytes], cap: int, name: str):
        self._raw, self._left, self._name = raw, cap, name

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # type: ignore[override]
        data = self._raw.read(len(buf))
        self._left -= len(data)
        if self._left < 0:
            raise refuse("zip_bomb", f"Een deel van het bestand ({self._name}) is groter dan opgegeven; het wordt niet gelezen.")
        buf[: len(data)] = data
        return len(data)


def _refuse_dtd() -> RosterInputError:
    return refuse(
        "unsafe_xml",
        "Het werkboek bevat een XML-DTD of entiteiten (mogelijk kwaadaardig); het wordt niet gelezen.",
    )


def _check_extent(rows: int, cols: int, limits: Limits) -> None:
    if rows * cols > limits.max_cells:
        raise refuse(
            "sheet_too_large",
            f"Een werkblad beslaat {rows} rijen x {cols} kolommen, meer dan de {limits.max_cells} cellen "
            "die worden gelezen; verwijder lege rijen en kolommen met inhoud ver buiten het rooster.",
        )
