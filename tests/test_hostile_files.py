"""Hostile and unsupported files are refused with one clear sentence, in bounded memory.

Each test builds its file in tmp_path. The reads that would be dangerous without the
pre-scan run in a subprocess with an address-space limit, so a regression aborts that
child (calamine's Rust OOM abort cannot be caught) instead of the test run.
"""

import io
import subprocess
import sys
import zipfile

import pytest

from hostile_builders import BILLION_LAUGHS, ODS_HEAD as _ODS_HEAD, ODS_TAIL as _ODS_TAIL
from hostile_builders import cfb as _cfb, ods_bytes as _ods_bytes, rewrite_zip as _rewrite_zip, run_limited as _run_limited, sheet_part as _sheet_part

from rostercheck.errors import RosterInputError
from rostercheck.workbook import Limits, read_roster, read_roster_bytes
from rostercheck.workbook.samples import base_sheets, write_sheets_xlsx


def _refused(fn, *args, **kw) -> str:
    with pytest.raises(RosterInputError) as exc:
        fn(*args, **kw)
    (err,) = exc.value.errors  # one error: the file is not read at all
    message = err.message
    assert "\n" not in message and message.endswith(".")
    return err.type


@pytest.fixture
def good_xlsx(tmp_path) -> bytes:
    return write_sheets_xlsx(tmp_path / "ok.xlsx", base_sheets()).read_bytes()


def test_far_away_cell_is_refused_before_calamine_allocates(tmp_path, good_xlsx):
    # One cell at XFD1048576 makes calamine allocate 17 billion cells (measured:
    # "memory allocation of 549687656576 bytes failed", process aborted).
    name, xml = _sheet_part(good_xlsx)
    xml = xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    path = tmp_path / "far.xlsx"
    path.write_bytes(_rewrite_zip(good_xlsx, {name: xml.encode()}))
    proc = _run_limited(f"""
        from pathlib import Path
        from rostercheck.errors import RosterInputError
        from rostercheck.workbook import read_roster
        try:
            read_roster(Path({str(path)!r}))
        except RosterInputError as exc:
            print(exc.errors[0].type)
    """)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.strip() == "sheet_too_large"


def test_dimension_tag_claiming_a_million_rows_is_harmless(tmp_path, good_xlsx):
    name, xml = _sheet_part(good_xlsx)
    start = xml.index("<dimension ref=")
    end = xml.index("/>", start) + 2
    xml = xml[:start] + '<dimension ref="A1:XFD1048576"/>' + xml[end:]
    path = tmp_path / "dim.xlsx"
    path.write_bytes(_rewrite_zip(good_xlsx, {name: xml.encode()}))
    assert len(read_roster(path).shifts) == 4  # calamine sizes by cells, not by the tag


def test_zip_bomb_refused_before_inflating(tmp_path, good_xlsx):
    bomb = _rewrite_zip(good_xlsx, {"xl/media/padding.xml": b"\0" * (200 << 20)})
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    assert path.stat().st_size < 1 << 20
    assert _refused(read_roster, path) == "zip_bomb"


def test_total_uncompressed_size_cap(tmp_path, good_xlsx):
    noise = bytes(range(256)) * 4096  # 1 MB that compresses badly: no ratio alarm
    big = _rewrite_zip(good_xlsx, {f"xl/media/n{i}.bin": noise for i in range(6)})
    assert _refused(read_roster_bytes, big, "x.xlsx", limits=Limits(max_uncompressed_bytes=5 << 20)) == "zip_bomb"


def test_lying_zip_entry_size_is_caught_while_streaming(good_xlsx):
    # The central directory declares 100 bytes for a sheet that inflates much larger.
    name, xml = _sheet_part(good_xlsx)
    data = bytearray(_rewrite_zip(good_xlsx, {name: xml.encode() + b" " * 100_000}))
    idx = 0
    while data[idx + 46 : idx + 46 + len(name)] != name.encode():
        idx = data.find(b"PK\x01\x02", idx + 1)
    data[idx + 24 : idx + 28] = (100).to_bytes(4, "little")  # uncompressed size
    assert _refused(read_roster_bytes, bytes(data), "x.xlsx") in ("zip_bomb", "unsupported_file")


def test_entity_expansion_in_shared_strings_refused(tmp_path, good_xlsx):
    sst = BILLION_LAUGHS + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    data = _rewrite_zip(good_xlsx, {"xl/sharedStrings.xml": sst.encode()})
    assert _refused(read_roster_bytes, data, "x.xlsx") == "unsafe_xml"


def test_xxe_in_sheet_refused(tmp_path, good_xlsx):
    name, xml = _sheet_part(good_xlsx)
    xml = xml.replace("?>", '?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1)
    if not xml.startswith("<?xml"):
        xml = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + xml
    assert _refused(read_roster_bytes, _rewrite_zip(good_xlsx, {name: xml.encode()}), "x.xlsx") == "unsafe_xml"


def test_openpyxl_uses_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_ods_repeated_rows_with_content_refused():
    row = '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="100" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
    assert _refused(read_roster_bytes, _ods_bytes(_ODS_HEAD + row + _ODS_TAIL), "x.ods") == "sheet_too_large"


def test_ods_trailing_empty_rows_are_fine():
    # LibreOffice writes a million empty repeated rows at the end of every sheet.
    rows = '<table:table-row><table:table-cell office:value-type="string"><text:p>locatie</text:p></table:table-cell></table:table-row>'
    rows += '<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    with pytest.raises(RosterInputError) as exc:
        read_roster_bytes(_ods_bytes(_ODS_HEAD + rows + _ODS_TAIL), "x.ods")
    assert "sheet_too_large" not in {e.type for e in exc.value.errors}  # read, then found incomplete


def test_ods_doctype_refused():
    content = _ODS_HEAD.replace("?>", "?>" + BILLION_LAUGHS.split("?>", 1)[1], 1) + _ODS_TAIL
    assert _refused(read_roster_bytes, _ods_bytes(content), "x.ods") == "unsafe_xml"


def test_encrypted_workbook_refused(tmp_path):
    path = tmp_path / "geheim.xlsx"
    path.write_bytes(_cfb(True))
    assert _refused(read_roster, path) == "encrypted_file"
    assert _refused(read_roster_bytes, _cfb(True), "geheim.xlsx") == "encrypted_file"


def test_legacy_xls_refused(tmp_path):
    path = tmp_path / "oud.xls"
    path.write_bytes(_cfb(False))
    assert _refused(read_roster, path) == "unsupported_file"


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01" + b"\0" * 200,
        b"\x89PNG\r\n\x1a\n" + b"\0" * 200,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)),
        b"",
    ],
)
def test_renamed_non_spreadsheet_refused(tmp_path, data):
    path = tmp_path / "rooster.xlsx"
    path.write_bytes(data)
    assert _refused(read_roster, path) == "unsupported_file"
    assert _refused(read_roster_bytes, data, "rooster.xlsx") == "unsupported_file"


def test_zip_without_a_workbook_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "hallo")
    assert _refused(read_roster_bytes, out.getvalue(), "rooster.xlsx") == "unsupported_file"


def test_single_csv_upload_refused():
    assert _refused(read_roster_bytes, b"medewerker;niveau\r\nE1;HBO\r\n", "medewerkers.csv") == "unsupported_file"


def test_cell_over_32767_characters_refused(tmp_path, good_xlsx):
    name, xml = _sheet_part(good_xlsx)
    long_text = "x" * 40_000
    xml = xml.replace("ruil met E1", long_text)
    assert long_text in xml
    with pytest.raises(RosterInputError) as exc:
        read_roster_bytes(_rewrite_zip(good_xlsx, {name: xml.encode()}), "x.xlsx")
    (err,) = exc.value.errors
    assert (err.type, err.sheet, err.row, err.column) == ("cell_too_long", "Diensten", 3, "I")


def test_oversized_file_refused(tmp_path, good_xlsx):
    path = tmp_path / "groot.xlsx"
    path.write_bytes(good_xlsx)
    assert _refused(read_roster, path, limits=Limits(max_file_bytes=1000)) == "file_too_large"
    assert _refused(read_roster_bytes, good_xlsx, "groot.xlsx", limits=Limits(max_file_bytes=1000)) == "file_too_large"


def test_cli_prints_one_sentence_and_exits_2(tmp_path):
    path = tmp_path / "plaatje.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    proc = subprocess.run(
        [sys.executable, "-c", "from rostercheck.cli import main; main()", "check", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "geen rooster" in proc.stderr


def test_merged_ranges_over_the_whole_sheet_many_times_are_refused(tmp_path):
    """Every merged range is spread to its cells (FORMAT.md rev. 2); a file listing the
    sheet as merged over and over would make that unbounded work: refused instead."""
    from openpyxl import Workbook

    from rostercheck.errors import RosterInputError
    from rostercheck.workbook import Limits, read_roster

    wb = Workbook()
    ws = wb.active
    ws.title = "Diensten"
    for r in range(1, 101):
        ws.append([f"x{r}"] * 20)
    for r in range(1, 91):  # overlapping ranges: 90 x 10 rows x 19 columns, far over the sheet's 2,000 cells
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 9, end_column=19)
    path = tmp_path / "m.xlsx"
    wb.save(path)
    with pytest.raises(RosterInputError) as exc:
        read_roster(path, limits=Limits(max_cells=2500))
    assert exc.value.errors[0].type == "sheet_too_large"
    assert "samengevoegde cellen" in exc.value.errors[0].message


@pytest.mark.parametrize("offset", [0, 1, 8191, 8192, 12_000, 16_383, 16_384, 20_000, 32_767])
def test_sheet_scan_sees_every_text_that_may_be_too_long(offset):
    # A text of 32,768 bytes (one more than a cell may hold) placed across the boundary
    # of the 1 MB pieces the scan reads, at every offset that matters to its windows.
    from rostercheck.workbook.safety import DEFAULT_LIMITS, sheet_scan

    cap = DEFAULT_LIMITS.max_cell_chars
    filler = b"<c r=\"A1\"><v>1</v></c>" * (((1 << 20) - offset) // 22 + 1)
    start = (1 << 20) - offset - len(b"<worksheet><sheetData><row r=\"1\">")
    head = b"<worksheet><sheetData><row r=\"1\">" + filler[:max(start, 0)]
    for length, expected in ((cap + 1, True), (cap // 4 - 1, False)):
        xml = head + b'<c r="B1" t="inlineStr"><is><t>' + b"x" * length + b"</t></is></c></row></sheetData></worksheet>"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("xl/worksheets/sheet1.xml", xml)
        with zipfile.ZipFile(buf) as zf:
            _, long_text = sheet_scan(zf, "xl/worksheets/sheet1.xml", DEFAULT_LIMITS)
        assert long_text is expected, (length, offset)


def test_sheet_scan_finds_no_long_text_in_a_plain_roster(good_xlsx):
    from rostercheck.workbook.safety import DEFAULT_LIMITS, sheet_scan

    with zipfile.ZipFile(io.BytesIO(good_xlsx)) as zf:
        parts = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        assert parts and all(sheet_scan(zf, p, DEFAULT_LIMITS) == (set(), False) for p in parts)
