"""Hostile input end to end: through the command line (a subprocess, as a user runs it)
and the web app, not only the reader (tests/test_hostile_files.py covers that level).

Every case ends in exit code 2 with one clear sentence on stderr, or in a correct
result; never a traceback. The dangerous ones run with an address-space limit
(``RLIMIT_AS`` 1.5 GB, set in the child before it starts) and a timeout, so a
regression aborts the child instead of the test run or the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hostile_builders import BILLION_LAUGHS, ODS_HEAD, ODS_TAIL, cfb, ods_bytes, rewrite_zip, sheet_part

from rostercheck.cells import _FORMULA_TRIGGERS
from rostercheck.testing import roster_from_spec
from rostercheck.workbook import write_roster_xlsx
from rostercheck.workbook.samples import base_sheets, write_sheets_xlsx

MEM_LIMIT = 1500 << 20
CLI = [sys.executable, "-c", "from rostercheck.cli import main; main()"]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEM_LIMIT, MEM_LIMIT))


def run_cli(*args: str, timeout: float = 120, limit: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout,
        preexec_fn=_limit_memory if limit else None, cwd=cwd,
    )


def assert_refused(proc: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 2, no traceback, and exactly one input error: the file is not read at all."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    lines = [line.strip() for line in proc.stderr.splitlines() if line.strip()]
    assert lines[0] == "Het rooster kon niet worden gelezen: 1 invoerfout.", lines
    (sentence,) = lines[1:]
    assert sentence.endswith(".") and len(sentence) < 400, sentence
    for word in words:
        assert word in sentence, (word, sentence)
    return sentence


def assert_ran(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def good_xlsx(tmp_path) -> bytes:
    return write_sheets_xlsx(tmp_path / "ok.xlsx", real_sheets()).read_bytes()


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- entity expansion, external entities ---------------------------------------------


def test_billion_laughs_in_shared_strings(tmp_path, good_xlsx):
    sst = BILLION_LAUGHS + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    path = _file(tmp_path, "lol.xlsx", rewrite_zip(good_xlsx, {"xl/sharedStrings.xml": sst.encode()}))
    assert_refused(run_cli("check", path, "--format", "json"), "DTD")


MARKER = "GEHEIM-7f3a9c-XXE-MARKER"


def _xxe_files(tmp_path: Path, good_xlsx: bytes) -> dict[str, Path]:
    """A file:// entity pointing at a temp file with a marker, in every place it could be read."""
    secret = tmp_path / "secret.txt"
    secret.write_text(MARKER)
    doctype = f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    name, xml = sheet_part(good_xlsx)
    head, body = xml.split("?>", 1) if xml.startswith("<?xml") else ("", xml)
    sheet = (head + "?>" if head else "") + doctype + body.replace("ruil met E1", "&xxe;")
    sst = ('<?xml version="1.0"?>' + doctype + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           'count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>')
    core = '<?xml version="1.0"?>' + doctype + "<cp:coreProperties><dc:title>&xxe;</dc:title></cp:coreProperties>"
    ods = ODS_HEAD.replace("?>", "?>" + doctype, 1) + '<table:table-row><table:table-cell office:value-type="string"><text:p>&xxe;</text:p></table:table-cell></table:table-row>' + ODS_TAIL
    return {
        "sheet": _file(tmp_path, "xxe-sheet.xlsx", rewrite_zip(good_xlsx, {name: sheet.encode()})),
        "shared": _file(tmp_path, "xxe-sst.xlsx", rewrite_zip(good_xlsx, {"xl/sharedStrings.xml": sst.encode()})),
        "props": _file(tmp_path, "xxe-core.xlsx", rewrite_zip(good_xlsx, {"docProps/core.xml": core.encode()})),
        "ods": _file(tmp_path, "xxe.ods", ods_bytes(ods)),
    }


@pytest.mark.parametrize("fmt", ["json", "xlsx", "html", "text"])
def test_xxe_marker_appears_nowhere(tmp_path, good_xlsx, fmt):
    for where, path in _xxe_files(tmp_path, good_xlsx).items():
        out = tmp_path / f"out-{where}.{fmt}"
        proc = run_cli("check", path, "--format", fmt, "-o", out)
        assert_refused(proc)
        assert MARKER not in proc.stdout + proc.stderr, where
        if out.exists():  # nothing should be written; if it is, the marker is not in it
            assert MARKER.encode() not in out.read_bytes(), where


def test_xxe_upload_to_the_web_app(tmp_path, good_xlsx):
    from web_support import Accounts, make_client, real_core_with_slow_fix

    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(0))
    for where, path in _xxe_files(tmp_path, good_xlsx).items():
        r = client.post("/api/rosters", files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
                        headers=Accounts.bearer(acc.a))
        assert r.status_code == 422, (where, r.status_code)
        assert MARKER not in r.text
    listing = client.get("/api/rosters", headers=Accounts.bearer(acc.a))
    assert MARKER not in listing.text
    for upload in listing.json()["rosters"]:  # kept as refused uploads, with their errors
        assert upload["status"] != "checked"
        assert MARKER not in client.get(f"/api/rosters/{upload['id']}", headers=Accounts.bearer(acc.a)).text


# --- bombs and lying sizes ---------------------------------------------------------------


def test_zip_bomb(tmp_path, good_xlsx):
    path = _file(tmp_path, "bomb.xlsx", rewrite_zip(good_xlsx, {"xl/media/padding.xml": b"\0" * (300 << 20)}))
    assert path.stat().st_size < 1 << 20
    assert_refused(run_cli("check", path), "uitgepakt")


def test_shared_strings_bomb_one_long_string_in_many_cells(tmp_path, good_xlsx):
    # 60k cells that all point at one 30k-character shared string: a 0.3 MB file that
    # expands to 1.8 GB of text (measured before the guard: calamine aborted the process).
    name, xml = sheet_part(good_xlsx)
    cells = "".join(f'<row r="{r}"><c r="J{r}" t="s"><v>0</v></c></row>' for r in range(10, 60_010))
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
           f"<si><t>{'x' * 30_000}</t></si></sst>")
    data = rewrite_zip(good_xlsx, {name: xml.replace("</sheetData>", cells + "</sheetData>").encode(),
                                   "xl/sharedStrings.xml": sst.encode()})
    path = _file(tmp_path, "sst-bomb.xlsx", data)
    assert path.stat().st_size < 1 << 20
    assert_refused(run_cli("check", path), "gedeelde tekst")


def test_shared_strings_bomb_huge_table_of_repeated_strings(tmp_path, good_xlsx):
    items = "<si><t>herhaling herhaling herhaling</t></si>" * 3_000_000
    sst = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>'
    path = _file(tmp_path, "sst-huge.xlsx", rewrite_zip(good_xlsx, {"xl/sharedStrings.xml": sst.encode()}))
    assert_refused(run_cli("check", path))


def test_dimension_tag_claiming_a_million_rows_gives_the_normal_result(tmp_path, good_xlsx):
    name, xml = sheet_part(good_xlsx)
    start = xml.index("<dimension ref=")
    xml = xml[:start] + '<dimension ref="A1:XFD1048576"/>' + xml[xml.index("/>", start) + 2:]
    plain = assert_ran(run_cli("check", _file(tmp_path, "plain.xlsx", good_xlsx), "--format", "json"))
    dim = assert_ran(run_cli("check", _file(tmp_path, "dim.xlsx", rewrite_zip(good_xlsx, {name: xml.encode()})),
                             "--format", "json", timeout=60))
    assert dim["findings"] == plain["findings"]


def test_far_away_cell_through_the_cli(tmp_path, good_xlsx):
    name, xml = sheet_part(good_xlsx)
    xml = xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    assert_refused(run_cli("check", _file(tmp_path, "far.xlsx", rewrite_zip(good_xlsx, {name: xml.encode()}))), "rijen")


def test_cell_refs_in_single_quotes_do_not_dodge_the_scan(tmp_path, good_xlsx):
    name, xml = sheet_part(good_xlsx)
    xml = xml.replace("</sheetData>", "<row r = '1048576'><c r = 'XFD1048576' t='inlineStr'><is><t>x</t></is></c></row></sheetData>")
    assert_refused(run_cli("check", _file(tmp_path, "far2.xlsx", rewrite_zip(good_xlsx, {name: xml.encode()}))), "rijen")


# --- files that are not rosters ------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, word",
    [
        ("geheim.xlsx", cfb(True), "wachtwoord"),
        ("oud.xls", cfb(False), ".xls"),
        ("oud.xlsx", cfb(False), ".xls"),
        ("rooster.xlsx", Path(sys.executable).read_bytes()[:65536], "geen rooster"),
        ("rooster.ods", b"MZ\x90\x00" + bytes(range(256)) * 8, "geen rooster"),
        ("leeg.xlsx", b"", "geen rooster"),
    ],
)
def test_not_a_roster(tmp_path, name, data, word):
    assert_refused(run_cli("check", _file(tmp_path, name, data)), word)


def test_ods_with_a_million_repeated_rows_of_content(tmp_path):
    row = ('<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="100" '
           'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
    assert_refused(run_cli("check", _file(tmp_path, "rep.ods", ods_bytes(ODS_HEAD + row + ODS_TAIL))))


def test_zip_with_a_password(tmp_path, good_xlsx):
    data = bytearray(good_xlsx)
    idx = data.find(b"PK\x01\x02")
    while idx >= 0:  # mark every central-directory entry encrypted
        data[idx + 8] |= 1
        idx = data.find(b"PK\x01\x02", idx + 4)
    assert_refused(run_cli("check", _file(tmp_path, "pw.xlsx", bytes(data))), "wachtwoord")


# --- dates: day first, never swapped, impossible ones rejected with their row ------------------


def _with_shift_dates(tmp_path: Path, *dates: str) -> Path:
    sheets = real_sheets()
    rows = sheets["Diensten"]
    for i, d in enumerate(dates):
        rows[1 + i][2] = d
    return write_sheets_xlsx(tmp_path / "dates.xlsx", sheets)


def test_ambiguous_dutch_date_is_day_first(tmp_path):
    from rostercheck.workbook import read_roster

    roster = read_roster(_with_shift_dates(tmp_path, "1-3-2026", "01-03-2026", "2026-03-01"))
    assert [s.start.date() for s in roster.shifts[:3]] == [date(2026, 3, 1)] * 3
    report = assert_ran(run_cli("check", _with_shift_dates(tmp_path, "1-3-2026", "3-1-2026"), "--format", "json"))
    assert report["period"]["start"] == "2026-01-03T22:00"  # 3-1-2026 is 3 January: the earliest shift (22:00)


@pytest.mark.parametrize("bad", ["31-02-2026", "2026-13-01", "29-02-2026", "13/13/2026", "2026-02-30", "3 januari 2026"])
def test_impossible_date_is_rejected_with_its_row(tmp_path, bad):
    proc = run_cli("check", _with_shift_dates(tmp_path, "2-3-2026", bad))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "1 invoerfout" in proc.stderr
    assert "Diensten" in proc.stderr and "3" in proc.stderr and bad in proc.stderr, proc.stderr


# --- encodings and separators ---------------------------------------------------------------


def _names_roster():
    roster = roster_from_spec({
        "period": "2026-03-02..2026-03-02",
        "locations": ["L1 tarieven-15n"],
        "products": ["L1 15N13 6"],
        "employees": ["E1 HBO", "E2 MBO-4"],
        "shifts": ["E1 L1 2026-03-02 07:00-15:00 aanwezig", "E2 L1 2026-03-02 15:00-23:00 aanwezig"],
    }, "namen")
    names = ["José Müller", "Zoë Ørsted-Çelik"]
    return roster.model_copy(update={"employees": tuple(e.model_copy(update={"name": n}) for e, n in zip(roster.employees, names))})


@pytest.mark.parametrize("encoding, delimiter, bom", [("utf-8", ",", False), ("utf-8", ";", True), ("cp1252", ";", False)])
def test_csv_encodings_and_separators_give_the_same_findings(tmp_path, encoding, delimiter, bom):
    from benchmarks.generate import write_csv_folder

    roster = _names_roster()
    xlsx = tmp_path / "namen.xlsx"
    write_roster_xlsx(roster, xlsx)
    folder = tmp_path / "csv"
    write_csv_folder(roster, folder, delimiter=delimiter, encoding=encoding)
    if bom:
        for f in folder.glob("*.csv"):
            f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    want = assert_ran(run_cli("check", xlsx, "--format", "json"))
    got = assert_ran(run_cli("check", folder, "--format", "json"))
    assert got["findings"] == want["findings"]


# --- formula injection in everything the tool writes --------------------------------------------

TRIGGERS = ["=HYPERLINK(\"http://x\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\t=1", "=cmd|' /C calc'!A0"]


def _formula_roster():
    roster = roster_from_spec({
        "period": "2026-03-02..2026-03-02",
        "locations": ["=L1 tarieven-15n"],
        "products": ["=L1 15N13 6"],
        "employees": ["=E1 MBO-3 nz", "+E2 MBO-2"],
        "shifts": ["=E1 =L1 2026-03-02 07:00-15:00 aanwezig", "+E2 =L1 2026-03-02 15:00-23:00 aanwezig"],
        "support": ["=C1 =L1 15N13 2026-03-02 1.5 individueel"],
    }, "formules")
    t = iter(TRIGGERS * 3)
    return roster.model_copy(update={
        "locations": tuple(loc.model_copy(update={"name": next(t), "extra": {"team": next(t)}}) for loc in roster.locations),
        "employees": tuple(e.model_copy(update={"name": next(t), "extra": {"notitie": next(t)}}) for e in roster.employees),
        "shifts": tuple(s.model_copy(update={"note": next(t), "extra": {"team": next(t)}}) for s in roster.shifts),
    })


def _assert_no_formulas(path: Path) -> int:
    wb = openpyxl.load_workbook(path)
    cells = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (path.name, ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    cells += 1
                    assert not c.value.startswith(_FORMULA_TRIGGERS), (path.name, ws.title, c.coordinate, c.value)
    return cells


def test_formula_triggers_are_text_in_every_export(tmp_path):
    roster = _formula_roster()
    src = tmp_path / "formules.xlsx"
    write_roster_xlsx(roster, src)  # the writer the fixer and the template use
    assert _assert_no_formulas(src)
    report_xlsx, report_html = tmp_path / "report.xlsx", tmp_path / "report.html"
    for fmt, out in (("xlsx", report_xlsx), ("html", report_html)):
        proc = run_cli("check", src, "--format", fmt, "-o", out)
        assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert _assert_no_formulas(report_xlsx)
    html = report_html.read_text()
    assert "<script" not in html.lower()
    folder = tmp_path / "audit-in"
    folder.mkdir()
    (folder / "formules.xlsx").write_bytes(src.read_bytes())
    audit = tmp_path / "audit.xlsx"
    proc = run_cli("audit", folder, "-o", audit, "--jobs", "1")
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert _assert_no_formulas(audit)
    # Read back, the text is the planner's text (the protecting apostrophe comes off).
    from rostercheck.workbook import read_roster

    back = read_roster(src)
    assert {e.name for e in back.employees} == {e.name for e in roster.employees}
    assert {s.note for s in back.shifts} == {s.note for s in roster.shifts}


def test_formula_triggers_in_the_fixed_roster(tmp_path):
    pytest.importorskip("ortools", reason="the fixer needs OR-Tools")
    src = tmp_path / "formules.xlsx"
    write_roster_xlsx(_formula_roster(), src)
    fixed = tmp_path / "fixed.xlsx"
    proc = run_cli("fix", src, "-o", fixed, "--time-limit", "5", limit=False, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert _assert_no_formulas(fixed)


# --- the fixer on a roster nobody can fix ---------------------------------------------------------


def test_fixer_on_an_impossible_roster_returns_within_its_time_limit(tmp_path):
    pytest.importorskip("ortools", reason="the fixer needs OR-Tools")
    # Herstelgericht verblijf needs half of the working hours by HBO staff and an HBO
    # regisseur; the team is MBO only, and the fixer does not hire.
    roster = roster_from_spec({
        "period": "2026-03-02..2026-03-08",
        "locations": ["L1 oost-veluwe-2024"],
        "products": ["L1 HGV 8"],
        "employees": ["E1 MBO-2", "E2 MBO-3", "E3 MBO-3 nz"],
        "shifts": [f"E{1 + d % 3} L1 2026-03-0{2 + d} 07:00-15:00 aanwezig" for d in range(7)],
    }, "onmogelijk")
    src = tmp_path / "onmogelijk.xlsx"
    write_roster_xlsx(roster, src)
    t = time.monotonic()
    proc = run_cli("fix", src, "-o", tmp_path / "fixed.xlsx", "--time-limit", "2", limit=False, timeout=60)
    elapsed = time.monotonic() - t
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-1000:], proc.stderr[-1000:])
    assert elapsed < 2 + 15, elapsed  # the time limit plus start-up and building the model


# --- uploads: size limits are in tests/test_web_api.py; here the web refuses hostile bytes --------


@pytest.mark.parametrize("kind", ["bomb", "laughs", "exe"])
def test_hostile_uploads_are_422_with_one_sentence(tmp_path, good_xlsx, kind):
    from web_support import Accounts, make_client, real_core_with_slow_fix

    data = {
        "bomb": rewrite_zip(good_xlsx, {"xl/media/padding.xml": b"\0" * (300 << 20)}),
        "laughs": rewrite_zip(good_xlsx, {"xl/sharedStrings.xml": (BILLION_LAUGHS + "<sst><si><t>&lol9;</t></si></sst>").encode()}),
        "exe": Path(sys.executable).read_bytes()[:65536],
    }[kind]
    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(0))
    r = client.post("/api/rosters", files={"file": ("r.xlsx", data, "application/octet-stream")}, headers=Accounts.bearer(acc.a))
    assert r.status_code == 422
    assert "Traceback" not in r.text


# --- helpers --------------------------------------------------------------------------------------


def real_sheets() -> dict[str, list[list]]:
    """base_sheets() (a small valid roster with mixed value forms) on a shipped norm set."""
    sheets = base_sheets()
    sheets["Locaties"] = [row if i == 0 else [row[0], row[1], "tarieven-15n"] for i, row in enumerate(sheets["Locaties"])]
    sheets["Producten"] = [[c if c != "bw middel" else "15N12" for c in row] for row in sheets["Producten"]]
    return sheets
