"""The command line as a new user meets it (OUTPUT.md rev. 2, "Output files"; issue 14):
usage errors the click way, --version, the format from -o, -o -, --quiet, completion,
one-line summaries, exit codes in --help. Run as a subprocess against the typer that
is installed, with this worktree's package first on the path."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_rosters" / "tarieven-15n.xlsx"  # a March roster with violations


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from rostercheck.cli import main; main()", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", **(env or {})},
        timeout=300,
    )


def _usage_error(p: subprocess.CompletedProcess, command: str) -> None:
    assert p.returncode == 2, p.stderr
    assert p.stdout == ""
    assert f"Usage: rostercheck {command}" in p.stderr
    assert f"Try 'rostercheck {command} --help' for help." in p.stderr
    assert "Error:" in p.stderr
    # never a Python class name or "could not process the input"
    assert not re.search(r"\b(MissingParameter|NoSuchOption|BadParameter|UsageError|Traceback)\b", p.stderr)
    assert "could not process" not in p.stderr


def test_typer_is_the_version_pyproject_allows():
    """Typer 0.29 bundles its own copy of click; the CLI relies on typer's own
    exception handling and never imports click. pyproject pins the series tested."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    bounds = re.search(r'"typer>=([\d.]+),<([\d.]+)"', pyproject)
    assert bounds, "typer must have a lower bound and an upper guard"
    installed = tuple(int(x) for x in version("typer").split(".")[:2])
    low = tuple(int(x) for x in bounds.group(1).split(".")[:2])
    high = tuple(int(x) for x in bounds.group(2).split(".")[:2])
    assert low <= installed < high
    assert "import click" not in (ROOT / "rostercheck" / "cli.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, command, says",
    [
        (["check"], "check", "Missing argument 'ROSTER'"),
        (["check", str(SAMPLE), "--format", "pdf"], "check", "'pdf' is not one of"),
        (["check", str(SAMPLE), "--bogus"], "check", "No such option: --bogus"),
        (["audit", str(ROOT / "sample_rosters")], "audit", "Missing option '-o'"),
        (["fix", str(SAMPLE)], "fix", "Missing option '-o'"),
        (["check", str(SAMPLE), "--format", "json", "-o", "r.xlsx"], "check", "contradicts"),
        (["check", str(SAMPLE), "-o", "r.csv"], "check", "this command writes text, json, xlsx, html"),
        (["check", str(SAMPLE), "-o", "rapport.pdf"], "check", "cannot tell the format"),
        (["audit", str(ROOT / "sample_rosters"), "-o", "a.txt"], "audit", "this command writes"),
        (["whatif", str(SAMPLE), "--scenario", "s.yml", "-o", "w.xlsx"], "whatif", "this command writes text, json"),
    ],
)
def test_usage_errors_print_usage_and_help_hint_and_exit_2(tmp_path, args, command, says):
    p = run(*args, cwd=tmp_path)
    _usage_error(p, command)
    assert says in p.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_unknown_command_is_a_usage_error():
    p = run("chek")
    assert p.returncode == 2 and "Usage: rostercheck" in p.stderr and "No such command 'chek'" in p.stderr


def test_version():
    from rostercheck import __version__

    p = run("--version")
    assert p.returncode == 0 and p.stdout == f"rostercheck {__version__}\n"


def test_help_documents_exit_codes():
    for args in ([], ["check"], ["audit"], ["fix"], ["whatif"]):
        p = run(*args, "--help")
        assert p.returncode == 0
        text = " ".join(p.stdout.split())
        assert "Exit codes: 0 ran, no norm violated" in text and "2 the input or the norm files could not be read" in text


def test_format_from_the_output_extension(tmp_path):
    for name, check in [
        ("r.json", lambda b: json.loads(b)["format"] == "rostercheck-report/1"),
        ("r.xlsx", lambda b: b[:2] == b"PK" and "xl/workbook.xml" in zipfile.ZipFile(tmp_path / "r.xlsx").namelist()),
        ("r.html", lambda b: b.startswith(b"<!DOCTYPE html>")),
        ("r.txt", lambda b: b.startswith("Roostertoets: tarieven-15n.xlsx".encode())),
    ]:
        p = run("check", str(SAMPLE), "-o", name, cwd=tmp_path)
        assert p.returncode == 1, p.stderr  # the sample violates norms
        assert check((tmp_path / name).read_bytes()), name
        # the report is in the file: the one-line summary, naming it, is on stdout
        assert p.stdout == f"Roostertoets tarieven-15n.xlsx: VOLDOET NIET — 7 overtredingen, 1 waarschuwing, 0 ter informatie -> {name}\n"
        assert p.stderr == ""


def test_format_given_and_extension_agree(tmp_path):
    p = run("check", str(SAMPLE), "--format", "json", "-o", "r.json", "-q", cwd=tmp_path)
    assert p.returncode == 1 and p.stderr == p.stdout == "" and json.loads((tmp_path / "r.json").read_text())["compliant"] is False


def test_dash_is_standard_output_and_quiet_silences_the_summary(tmp_path):
    p = run("check", str(SAMPLE), "-o", "-", "--format", "json", cwd=tmp_path)
    assert p.returncode == 1
    assert json.loads(p.stdout)["summary"] == {"errors": 7, "warnings": 1, "info": 0}
    assert p.stderr.startswith("Roostertoets tarieven-15n.xlsx: VOLDOET NIET") and "->" not in p.stderr
    assert not (tmp_path / "-").exists()
    q = run("check", str(SAMPLE), "-o", "-", "--format", "json", "--quiet", cwd=tmp_path)
    assert q.returncode == 1 and q.stderr == "" and q.stdout == p.stdout


def test_text_report_on_stdout_has_no_extra_summary():
    p = run("check", str(SAMPLE))
    assert p.returncode == 1 and p.stderr == ""
    assert "Resultaat:    VOLDOET NIET — 7 overtredingen, 1 waarschuwing, 0 ter informatie" in p.stdout


def test_period_without_shifts_says_so(tmp_path):
    p = run("check", str(SAMPLE), "--period", "2026-04", "-o", "r.json", cwd=tmp_path)
    _usage_error(p, "check")
    assert "De periode 01-04-2026 t/m 30-04-2026 bevat geen diensten" in p.stderr
    assert "de diensten in het rooster lopen van 28-02-2026 22:00 tot 01-04-2026 07:30" in p.stderr
    assert not (tmp_path / "r.json").exists()


def test_nothing_outside_the_period_is_reported():
    p = run("check", str(SAMPLE), "--period", "2026-03-30..2026-04-05", "--format", "json", "-q")
    doc = json.loads(p.stdout)
    assert doc["period"] == {"start": "2026-03-30T00:00", "end": "2026-04-06T00:00"}
    assert doc["findings"]
    for f in doc["findings"]:
        assert f["end"] > "2026-03-30T00:00" and f["start"] < "2026-04-06T00:00", f


def test_input_errors_still_exit_2_with_sheet_row_column(tmp_path):
    bad = tmp_path / "leeg.xlsx"
    bad.write_text("geen werkmap")
    p = run("check", str(bad))
    assert p.returncode == 2 and "Usage:" not in p.stderr and "Traceback" not in p.stderr
    assert p.stderr.strip()


def test_audit_writes_csv_and_prints_one_line(tmp_path):
    folder = tmp_path / "roosters"
    folder.mkdir()
    (folder / "maart.xlsx").write_bytes(SAMPLE.read_bytes())
    p = run("audit", str(folder), "-o", str(tmp_path / "audit.csv"), "-j", "1")
    assert p.returncode == 1, p.stderr
    assert p.stdout == f"Audit: 1 rooster: 0 voldoen, 1 voldoet niet, 0 onleesbaar -> {tmp_path / 'audit.csv'}\n"
    assert (tmp_path / "audit.csv").read_text(encoding="utf-8").startswith("provider,file,location,month,")
    assert (tmp_path / "audit.findings.csv").exists()
    # to standard output: the table on stdout, the summary on stderr
    s = run("audit", str(folder), "-o", "-", "--format", "json", "-j", "1")
    assert s.returncode == 1 and json.loads(s.stdout)[0]["file"] == "maart.xlsx"
    assert s.stderr.startswith("Audit: 1 rooster:")
    quiet = run("audit", str(folder), "-o", str(tmp_path / "stil.json"), "-j", "1", "--quiet")
    assert quiet.returncode == 1 and quiet.stderr == quiet.stdout == ""


def test_audit_to_stdout_needs_a_format(tmp_path):
    _usage_error(run("audit", str(ROOT / "sample_rosters"), "-o", "-", cwd=tmp_path), "audit")


def test_shell_completion():
    # --show-completion detects the shell it runs under: start it from bash, as a user would
    p = subprocess.run(["bash", "-c", f'"{sys.executable}" -c "from rostercheck.cli import main; main()" --show-completion; exit $?'],
                       cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)  # fmt: skip
    assert p.returncode == 0 and "_rostercheck_completion" in p.stdout, p.stderr
    c = run(env={"_ROSTERCHECK_COMPLETE": "complete_bash", "COMP_WORDS": "rostercheck ch", "COMP_CWORD": "1"})
    assert c.returncode == 0 and "check" in c.stdout.split()


def test_whatif_prints_a_summary_and_writes_json(tmp_path):
    from rostercheck.testing import roster_from_spec
    from rostercheck.workbook import write_roster_xlsx

    shifts = []
    for d in range(2, 9):
        day = f"2026-03-{d:02d}"
        shifts += [f"E1 L1 {day} 07:00-15:00 aanwezig", f"E2 L1 {day} 15:00-22:00 aanwezig",
                   f"E3 L1 {day} 22:00-07:00 slaapdienst"]  # fmt: skip
    roster = roster_from_spec({
        "period": "2026-03-02..2026-03-08", "locations": ["L1 tarieven-15n"], "products": ["L1 15N12 6"],
        "employees": ["E1 HBO", "E2 MBO-4", "E3 MBO-4", "E4 MBO-4"], "shifts": shifts,
    }, name="rooster.xlsx")  # fmt: skip
    write_roster_xlsx(roster, tmp_path / "rooster.xlsx")
    (tmp_path / "s.yml").write_text("leave: {employee: E3, from: 2026-03-05}\nfix: false\n", encoding="utf-8")
    p = run("whatif", "rooster.xlsx", "--scenario", "s.yml", "-o", "w.json", "--time-limit", "5", cwd=tmp_path)
    assert p.returncode in (0, 1), p.stderr
    doc = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    assert doc["format"] == "rostercheck-whatif/1"
    line = p.stdout.strip()
    assert line.startswith("Wat-als s.yml op rooster.xlsx: voor ") and line.endswith("-> w.json")
    assert "\n" not in line
    # the outcome on stdout: the summary goes to stderr
    t = run("whatif", "rooster.xlsx", "--scenario", "s.yml", "--time-limit", "5", cwd=tmp_path)
    assert t.stdout.startswith("Scenario s.yml op rooster.xlsx") and t.stderr.startswith("Wat-als s.yml")
