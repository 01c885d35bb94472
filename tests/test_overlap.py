"""``rostercheck check`` with the pre-scan in the parent and the reading in a child
(rostercheck.overlap): the user sees exactly what the serial check shows.

Every case runs the command twice as a user would, in its own process: once with the
overlap forced on a file of any size (``ROSTERCHECK_OVERLAP_MIN_BYTES=0``), once
serial (``ROSTERCHECK_WORKERS=1``), and compares standard output, standard error,
exit code and any file written, byte for byte.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.hostile_builders import rewrite_zip

SAMPLES = Path(__file__).resolve().parent.parent / "sample_rosters"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "libreoffice"


def _run(args: list[str], overlap: bool, prelude: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("ROSTERCHECK_WORKERS", None)
    if overlap:
        env["ROSTERCHECK_OVERLAP_MIN_BYTES"] = "0"
    else:
        env["ROSTERCHECK_WORKERS"] = "1"
    code = prelude + "from rostercheck.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=300)


def _same(args: list[str], prelude: str = "") -> subprocess.CompletedProcess:
    serial = _run(args, overlap=False)
    both = _run(args, overlap=True, prelude=prelude)
    assert both.returncode == serial.returncode, both.stderr[-2000:]
    assert both.stderr == serial.stderr
    assert both.stdout == serial.stdout
    return serial


def _same_marked(args: list[str], prelude: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, str | None]:
    """``_same``, with the file the prelude's marks go to named by ROSTERCHECK_TEST_MARK:
    (the serial run, what the marks wrote, None if nothing)."""
    mark = tmp_path / "mark"
    os.environ["ROSTERCHECK_TEST_MARK"] = str(mark)
    try:
        proc = _same(args, prelude=prelude)
    finally:
        del os.environ["ROSTERCHECK_TEST_MARK"]
    return proc, mark.read_text() if mark.exists() else None


@pytest.mark.parametrize("name", ["tarieven-15n.xlsx", "bijlage5.xlsx", "grid-tarieven-15n.xlsx", "zou-segment-b.xlsx"])
def test_json_report_is_the_serial_one(name):
    proc = _same(["check", str(SAMPLES / name), "--format", "json"])
    assert proc.stdout.startswith(b"{") and proc.returncode in (0, 1)


# Marks in the file named by ROSTERCHECK_TEST_MARK: at the first fork (the overlap's),
# whether pydantic and numpy were imported yet; "ahead" when the reader took the Diensten sheet
# parsed ahead; "child" when the child got as far as waiting for the pre-scan's verdict
# (so the report shown is the child's, not the parent's serial fallback). The reader's
# module takes ``take_ahead`` from ``beside`` when it is imported, after the fork.
CHILD_MARKS = (
    "import os, sys, rostercheck.overlap as o, rostercheck.workbook.beside as b; "
    "mark = lambda text: open(os.environ['ROSTERCHECK_TEST_MARK'], 'a').write(text + '\\n'); "
    "os.register_at_fork(before=lambda: mark(f'fork pydantic={\"pydantic\" in sys.modules} numpy={\"numpy\" in sys.modules}')); "
    "wait = o.await_approval; o.await_approval = lambda: (o.in_child() and mark('child'), wait())[1]; "
    "take = b.take_ahead; b.take_ahead = lambda path: (lambda got: (got is not None and mark('ahead'), got)[1])(take(path)); "
)


def test_the_child_reads_and_checks_and_forks_before_pydantic(tmp_path):
    # The reader is forked before the records, the errors and pydantic are imported
    # (rostercheck.overlap decides on the file with the light modules only), the
    # Diensten sheet it parses ahead is the one it reads, and the report shown is the
    # child's (a child that failed would be replaced by the serial check unseen).
    _, marks = _same_marked(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json"], CHILD_MARKS, tmp_path)
    lines = marks.split("\n")
    assert lines[0] == "fork pydantic=False numpy=False", lines
    assert "ahead" in lines and "child" in lines, lines


@pytest.mark.parametrize(
    "argv, roster",
    [
        (["check", "r.xlsx"], "r.xlsx"),
        (["check", "r.xlsx", "--format", "json", "-o", "out.html", "--period=2026-03", "--no-labour-law", "-q"], "r.xlsx"),
        (["check", "--format", "json", "--cao", "ggz", "--norms", "normen", "r.xlsx", "--skip-bad-rows"], "r.xlsx"),
        (["check", "-o", "-", "r.xlsx"], "r.xlsx"),
        (["check", "r.xlsx", "--mapping", "m.yml"], None),  # its sheets are named otherwise
        (["check", "r.xlsx", "--help"], None),
        (["check", "r.xlsx", "--format"], None),  # the value is missing: typer says so
        (["check", "r.xlsx", "--what", "x"], None),  # an option this reading does not know
        (["check", "a.xlsx", "b.xlsx"], None),
        (["check"], None),
        (["fix", "r.xlsx"], None),
        ([], None),
    ],
)
def test_the_early_start_reads_only_a_plain_check_line(argv, roster):
    from rostercheck.overlap import _roster_of_check

    assert _roster_of_check(argv) == (Path(roster) if roster else None)


# The pid of every child forked, one per line, in the file named by ROSTERCHECK_TEST_MARK.
FORKED = (
    "import os; os.register_at_fork(after_in_child=lambda: open(os.environ['ROSTERCHECK_TEST_MARK'], 'a')"
    ".write(f'{os.getpid()}\\n')); "
)


def _forked(args: list[str], prelude: str, tmp_path: Path) -> list[int]:
    _, marks = _same_marked(args, prelude, tmp_path)
    return [int(line) for line in marks.split()] if marks is not None else []


def test_a_line_typer_refuses_stops_the_early_child(tmp_path):
    # The early reading takes "pdf" for the format's value; typer refuses it (exit 2,
    # usage) as serially, and the child forked at the start is gone when the command ends.
    forked = _forked(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "pdf"], FORKED, tmp_path)
    assert len(forked) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(forked[0], 0)


def test_an_early_child_for_another_roster_is_stopped_and_the_right_one_started(tmp_path):
    # Should the early reading ever name another file than typer does, run() stops that
    # child and forks one for the roster typer read: the report is the serial one.
    other = SAMPLES / "bijlage5.xlsx"
    prelude = FORKED + f"import rostercheck.overlap as o; o._roster_of_check = lambda argv: __import__('pathlib').Path({str(other)!r}); "
    forked = _forked(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json"], prelude, tmp_path)
    assert len(forked) >= 2  # the early child, the right one (and the checks' own children)
    with pytest.raises(ProcessLookupError):
        os.kill(forked[0], 0)


def test_text_report_and_summary_are_the_serial_ones():
    proc = _same(["check", str(SAMPLES / "oost-veluwe-2024.xlsx")])
    assert b"Roostertoets" in proc.stdout


def test_report_file_is_written_only_as_the_serial_one(tmp_path):
    out = tmp_path / "rapport.html"
    serial = _run(["check", str(SAMPLES / "tarieven-15n.xlsx"), "-o", str(out)], overlap=False)
    written = out.read_bytes()
    out.unlink()
    both = _run(["check", str(SAMPLES / "tarieven-15n.xlsx"), "-o", str(out)], overlap=True)
    assert (both.returncode, both.stdout, both.stderr) == (serial.returncode, serial.stdout, serial.stderr)
    assert out.read_bytes() == written


def test_input_errors_are_the_serial_ones():
    proc = _same(["check", str(FIXTURES / "whole-hours.xlsx")])
    assert proc.returncode == 2 and b"invoerfout" in proc.stderr


def test_a_period_outside_the_roster_is_the_serial_usage_error():
    proc = _same(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--period", "2031-01"])
    assert proc.returncode == 2


def _hostile(tmp_path: Path, what: str) -> Path:
    data = (SAMPLES / "tarieven-15n.xlsx").read_bytes()
    with zipfile.ZipFile(SAMPLES / "tarieven-15n.xlsx") as zf:
        part = max((n for n in zf.namelist() if n.startswith("xl/worksheets/")), key=lambda n: zf.getinfo(n).file_size)
        xml = zf.read(part).decode()
    if what == "dtd":
        dtd = '<!DOCTYPE x [<!ENTITY a "b">]>'
        xml = xml.replace("?>", "?>" + dtd, 1) if "?>" in xml else dtd + xml
    else:  # one cell far away: calamine would allocate 15 billion cells
        xml = xml.replace("</sheetData>", '<row r="900000"><c r="XFD900000" t="n"><v>1</v></c></row></sheetData>', 1)
    path = tmp_path / f"{what}.xlsx"
    path.write_bytes(rewrite_zip(data, {part: xml.encode()}))
    return path


@pytest.mark.parametrize("what", ["dtd", "far"])
def test_a_hostile_file_is_refused_as_serially_whatever_the_child_did(what, tmp_path):
    proc = _same(["check", str(_hostile(tmp_path, what)), "--format", "json"])
    assert proc.returncode == 2 and proc.stdout == b""
    assert b"Traceback" not in proc.stderr and b"memory allocation" not in proc.stderr


def test_a_child_that_dies_is_replaced_by_the_serial_check():
    # The child is killed as soon as it exists: the parent checks the roster itself.
    prelude = (
        "import os, signal, rostercheck.overlap as o; become = o._become_child; "
        "o._become_child = lambda *a: (become(*a), os.kill(os.getpid(), signal.SIGKILL)); "
    )
    _same(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json"], prelude=prelude)


# --- Begeleiding read in a grandchild (workbook/support_child.py) -------------------

# Forces the Begeleiding child on a small sheet, and leaves a mark in the file named by
# ROSTERCHECK_TEST_MARK when the child's rows were used (so the test knows it ran).
SUPPORT_CHILD = (
    "import os, rostercheck.workbook.support_child as sc; sc.MIN_BYTES = 0; result = sc.SupportInChild.result; "
    "sc.SupportInChild.result = lambda self, r: (lambda got: (got is not None and open(os.environ['ROSTERCHECK_TEST_MARK'], 'a').write('used\\n'), got)[1])(result(self, r)); "
)


def _same_with_support_child(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    proc, marks = _same_marked(args, SUPPORT_CHILD, tmp_path)
    assert marks == "used\n"
    return proc


def test_begeleiding_read_in_a_child_gives_the_serial_report(tmp_path):
    proc = _same_with_support_child(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json"], tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith(b"{")


# ... and the labour law judged while that child reads (checker.LawAhead): a mark
# "law" when check_roster took the law judged ahead.
LAW_AHEAD = SUPPORT_CHILD + (
    "import rostercheck.checker as ch; take = ch.LawAhead.take; "
    "ch.LawAhead.take = lambda self, sets, roster: (lambda got: (got is not None and open(os.environ['ROSTERCHECK_TEST_MARK'], 'a').write('law\\n'), got)[1])(take(self, sets, roster)); "
)


@pytest.mark.parametrize("extra", [[], ["--cao", "ggz"], ["--period", "2026-03-02..2026-03-15"]], ids=["law", "ggz", "period"])
def test_the_law_judged_while_begeleiding_is_read_gives_the_serial_report(extra, tmp_path):
    proc, marks = _same_marked(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json", *extra], LAW_AHEAD, tmp_path)
    assert sorted(marks.split()) == ["law", "used"]
    assert proc.returncode == 1 and b'"labour_law_regimes"' in proc.stdout


def test_a_begeleiding_child_that_dies_is_replaced_by_the_serial_read():
    prelude = (
        "import os, signal, rostercheck.workbook.support_child as sc; sc.MIN_BYTES = 0; start = sc.SupportInChild.start; "
        "sc.SupportInChild.start = classmethod(lambda cls, r, book: (lambda c: (c and os.kill(c.pid, signal.SIGKILL), c)[1])(start.__func__(cls, r, book))); "
    )
    _same(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json"], prelude=prelude)


def _broken_support(tmp_path: Path) -> Path:
    import openpyxl

    wb = openpyxl.load_workbook(SAMPLES / "tarieven-15n.xlsx")
    ws = wb["Begeleiding"]
    ws["B5"] = "L99"  # unknown location
    ws["C9"] = "15N99"  # unknown product
    ws["E12"] = "veel"  # hours not a number
    ws["D20"] = None  # date missing
    ws["G30"] = "E99999"  # unknown employee
    path = tmp_path / "kapot.xlsx"
    wb.save(path)
    return path


def test_begeleiding_problems_from_the_child_are_the_serial_ones(tmp_path):
    proc = _same_with_support_child(["check", str(_broken_support(tmp_path))], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count(b"Begeleiding") >= 5


def test_begeleiding_rows_skipped_in_the_child_are_the_serial_ones(tmp_path):
    proc = _same_with_support_child(["check", str(_broken_support(tmp_path)), "--skip-bad-rows", "--format", "json"], tmp_path)
    assert proc.stdout.count(b"skipped-row") >= 5


def test_broken_norm_files_come_before_a_refused_workbook(tmp_path):
    # Serially the norm sets are loaded before the roster is read: their error comes first.
    norms = tmp_path / "norms"
    norms.mkdir()
    (norms / "kapot.yml").write_text("id: [niet af\n")
    proc = _same(["check", str(_hostile(tmp_path, "dtd")), "--norms", str(norms)])
    assert proc.returncode == 2 and b"norm" in proc.stderr


def test_broken_norm_files_with_a_workbook_the_pre_scan_accepts_are_the_serial_error(tmp_path):
    # The parent loads the norm sets only before a refusal; with a file it accepts, the
    # child's own loading gives the error, as serially.
    norms = tmp_path / "norms"
    norms.mkdir()
    (norms / "kapot.yml").write_text("id: [niet af\n")
    proc = _same(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--norms", str(norms)])
    assert proc.returncode == 2 and b"norm" in proc.stderr


@pytest.mark.parametrize("how", ["inline", "rich", "shared"])
def test_a_cell_too_long_is_refused_as_serially(how, tmp_path):
    # The child measures cells only where the file's bytes allow a text that long;
    # each way of writing one must still be found.
    data = (SAMPLES / "tarieven-15n.xlsx").read_bytes()
    with zipfile.ZipFile(SAMPLES / "tarieven-15n.xlsx") as zf:
        part = next(n for n in zf.namelist() if n.startswith("xl/worksheets/") and b"Team" in zf.read(n))
        xml = zf.read(part).decode()
        names = zf.namelist()
    half = "x" * 20_000
    changes = {}
    if how == "inline":
        cell = f'<c r="Z2" t="inlineStr"><is><t>{half}{half}</t></is></c>'
    elif how == "rich":  # two runs of 20,000: each short, together too long
        cell = f'<c r="Z2" t="inlineStr"><is><r><t>{half}</t></r><r><t>{half}</t></r></is></c>'
    else:
        assert "xl/sharedStrings.xml" not in names
        cell = '<c r="Z2" t="s"><v>0</v></c>'
        changes["xl/sharedStrings.xml"] = (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            f"<si><r><t>{half}</t></r><r><t>{half}</t></r></si></sst>"
        ).encode()
        changes["[Content_Types].xml"] = None
    end = xml.index("</row>")
    changes[part] = (xml[:end] + cell + xml[end:]).encode()
    path = tmp_path / f"lang-{how}.xlsx"
    path.write_bytes(_with_shared_strings(data, changes))
    proc = _same(["check", str(path)])
    assert proc.returncode == 2 and b"32767" in proc.stderr


def _with_shared_strings(data: bytes, changes: dict) -> bytes:
    """``rewrite_zip``, and when a shared-strings part is added, the content type and
    the workbook relation that make calamine read it."""
    if changes.pop("[Content_Types].xml", "") is None:
        with zipfile.ZipFile(__import__("io").BytesIO(data)) as zf:
            types = zf.read("[Content_Types].xml").decode()
            rels = zf.read("xl/_rels/workbook.xml.rels").decode()
        types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        rels = rels.replace("</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        changes["[Content_Types].xml"] = types.encode()
        changes["xl/_rels/workbook.xml.rels"] = rels.encode()
    return rewrite_zip(data, changes)


# --- the sheet parsed ahead is read as the parent's pre-scan finds it ---------------
#
# The child reads the sheet it parsed ahead (Diensten) as holding no formula without a
# stored value and no text that may be too long, without scanning it; the parent's
# pre-scan scans it anyway and accepts the child's reading only when that holds, else it
# checks the roster itself. A mark per check: what supervise returned (the child's exit
# code, or None: the parent checked it).
SUPERVISED = (
    "import os, rostercheck.overlap as o; sup = o._Child.supervise; "
    "o._Child.supervise = lambda self, *a: (lambda got: (open(os.environ['ROSTERCHECK_TEST_MARK'], 'a').write(f'{got}\\n'), got)[1])(sup(self, *a)); "
)


def _supervised(args: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess, list[str]]:
    proc, marks = _same_marked(args, SUPERVISED, tmp_path)
    return proc, marks.split()


def _diensten_changed(tmp_path: Path, name: str, change) -> Path:
    from rostercheck.workbook.parts import sheet_parts

    data = (SAMPLES / "tarieven-15n.xlsx").read_bytes()
    with zipfile.ZipFile(SAMPLES / "tarieven-15n.xlsx") as zf:
        part = sheet_parts(zf)["Diensten"]
        xml = zf.read(part).decode()
    path = tmp_path / name
    path.write_bytes(rewrite_zip(data, {part: change(xml).encode()}))
    return path


def _e3_formula_without_value(xml: str) -> str:
    """E3's end time as a formula no program has calculated."""
    return re.sub(r'<c r="E3" s="2" t="n"><v>[^<]*</v></c>', '<c r="E3" s="2"><f>D3+TIME(8,0,0)</f></c>', xml, count=1)


def _remark_in_i2(text: str):
    """A change putting ``text`` in I2 (opmerking)."""
    return lambda xml: xml.replace('<c r="J2" t="inlineStr">', f'<c r="I2" t="inlineStr"><is><t>{text}</t></is></c><c r="J2" t="inlineStr">', 1)


def test_the_childs_reading_is_taken_when_the_pre_scan_finds_the_sheet_plain(tmp_path):
    proc, marks = _supervised(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json"], tmp_path)
    assert marks == ["1"] and proc.returncode == 1


def test_the_parent_of_an_accepted_file_never_reads_the_norms_or_the_records(tmp_path):
    # It pre-scans and passes on what the child printed: the norm sets, the records and
    # the reader (0.1-0.2 s of CPU beside the child) it never needs.
    prelude = SUPERVISED + (
        "import sys; sup2 = o._Child.supervise; "
        "o._Child.supervise = lambda self, *a: (lambda got: (open(os.environ['ROSTERCHECK_TEST_MARK'], 'a').write("
        "' '.join(m for m in ('rostercheck.normsets', 'rostercheck.model', 'rostercheck.workbook.sources') if m in sys.modules) + '.\\n'), got)[1])(sup2(self, *a)); "
    )
    _, marks = _same_marked(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json"], prelude, tmp_path)
    assert marks.split() == ["1", "."]


def test_a_formula_without_value_in_the_sheet_parsed_ahead_is_read_by_the_parent(tmp_path):
    # The serial report names the cell.
    path = _diensten_changed(tmp_path, "formule.xlsx", _e3_formula_without_value)
    proc, marks = _supervised(["check", str(path)], tmp_path)
    assert marks == ["None"]
    assert proc.returncode == 2 and b"formule zonder berekende waarde" in proc.stderr and b"E3" in proc.stderr


def test_a_long_text_in_the_sheet_parsed_ahead_is_read_by_the_parent(tmp_path):
    # A remark of 20,000 characters: allowed (a cell holds 32,767), but the pre-scan
    # tells only that a text may be too long: the parent reads the file itself (and
    # measures it), with the same report.
    path = _diensten_changed(tmp_path, "lang.xlsx", _remark_in_i2("lang " * 4000))
    proc, marks = _supervised(["check", str(path), "--format", "json"], tmp_path)
    assert marks == ["None"] and proc.returncode == 1


def test_the_pre_scan_finds_of_each_sheet_what_the_reader_would_find(tmp_path):
    # What the parent holds the child to (prescan_path's per-part findings) is what the
    # child's own scan of a part says (safety.sheet_scan), on every workbook here.
    from rostercheck.workbook.safety import DEFAULT_LIMITS, open_zip, sheet_scan
    from rostercheck.workbook.prescan import prescan_path

    made = [
        _diensten_changed(tmp_path, "formule.xlsx", _e3_formula_without_value),
        _diensten_changed(tmp_path, "lang.xlsx", _remark_in_i2("x" * 20_000)),
    ]
    books = sorted(SAMPLES.glob("*.xlsx")) + sorted(Path(__file__).parent.glob("fixtures/**/*.xlsx")) + made
    seen = {True: 0, False: 0}
    formulas = 0
    for path in books:
        try:
            found = prescan_path(path, workers=1)
        except Exception:
            continue  # refused: the child's reading is never shown
        with path.open("rb") as fh:
            zf = open_zip(fh, DEFAULT_LIMITS)
            for part, got in found.items():
                if part.lower().endswith(".xml"):
                    assert got == sheet_scan(zf, part, DEFAULT_LIMITS), (path.name, part)
                    seen[got[1]] += 1
                    formulas += bool(got[0])
    assert seen[True] >= 1 and seen[False] >= 20 and formulas >= 1, (seen, formulas)


def test_the_pre_scan_waits_for_the_childs_parse(tmp_path):
    # While calamine parses Diensten in the child and the child imports and reads the
    # small sheets, the parent's pre-scan would only slow both: it starts once the child
    # says the sheet is parsed or it waits for it (a mark each, in order).
    prelude = (
        "import os, rostercheck.overlap as o, rostercheck.workbook.prescan as src; "
        "mark = lambda text: open(os.environ['ROSTERCHECK_TEST_MARK'], 'a').write(text + '\\n'); "
        "said = o._say_parsed; o._say_parsed = lambda fd: (mark('parsed'), said(fd)); "
        "scan = src.prescan_path; src.prescan_path = lambda *a, **k: (mark('prescan'), scan(*a, **k))[1]; "
    )
    _, marks = _same_marked(["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json"], prelude, tmp_path)
    assert marks.split() == ["parsed", "prescan"]


def test_the_command_entry_forks_before_typer_and_reports_as_the_cli(tmp_path):
    # ``rostercheck`` (rostercheck.entry, python -m rostercheck) forks the reader before
    # typer is imported; what it prints is what python -m rostercheck.cli prints.
    env = dict(os.environ, ROSTERCHECK_OVERLAP_MIN_BYTES="0", ROSTERCHECK_TEST_MARK=str(tmp_path / "mark"))
    env.pop("ROSTERCHECK_WORKERS", None)
    code = ("import os, sys; os.register_at_fork(before=lambda: open(os.environ['ROSTERCHECK_TEST_MARK'], 'a')"
            ".write(f'typer={\"typer\" in sys.modules}\\n')); import runpy; sys.argv[0] = 'rostercheck'; "
            "runpy.run_module('rostercheck', run_name='__main__')")
    args = ["check", str(SAMPLES / "tarieven-15n.xlsx"), "--format", "json"]
    entry = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=300)
    cli = _run(args, overlap=True)
    assert (entry.returncode, entry.stdout, entry.stderr) == (cli.returncode, cli.stdout, cli.stderr)
    assert (tmp_path / "mark").read_text().split()[0] == "typer=False"
