"""The parts of an .xlsx: which XML part holds which sheet, and how large it is."""

from __future__ import annotations

import zipfile
from pathlib import Path

from rostercheck.workbook.layout import SUPPORT, find_sheet
from rostercheck.workbook.safety import DEFAULT_LIMITS, Limits, open_zip, read_entry


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part (``xl/worksheets/sheetN.xml``), from the workbook's own
    parts (read after the pre-scan refused any DTD; with defusedxml all the same)."""
    from defusedxml.ElementTree import fromstring

    names = {n.lower(): n for n in zf.namelist()}
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    pkg = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    workbook = fromstring(read_entry(zf, names["xl/workbook.xml"], 1 << 20))
    rels = fromstring(read_entry(zf, names["xl/_rels/workbook.xml.rels"], 1 << 20))
    targets = {}
    for rel in rels.iter(pkg + "Relationship"):
        target = rel.get("Target", "")
        target = target[1:] if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = names.get(target.lower())
    return {el.get("name"): targets.get(el.get(rel_ns + "id")) for el in workbook.iter(main + "sheet")}


def support_sheet_part(zf: zipfile.ZipFile) -> tuple[str | None, str | None]:
    """The Begeleiding sheet's name and its part (read before the pre-scan: any
    trouble here and the serial pre-scan runs instead)."""
    sheets = sheet_parts(zf)

    class _Names:
        sheet_names = list(sheets)

    name = find_sheet(_Names, SUPPORT)
    part = sheets.get(name) if name is not None else None
    if part is None or list(sheets.values()).count(part) != 1:
        return None, None
    return name, part


def sheet_sizes(path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, tuple[str, int]]:
    """Sheet name -> its part and the part's bytes, of a workbook file ({} if anything is odd)."""
    try:
        with path.open("rb") as fh:
            zf = open_zip(fh, limits)
            return {name: (part, zf.getinfo(part).file_size) for name, part in sheet_parts(zf).items() if part}
    except Exception:
        return {}
