"""The ``rostercheck`` command line (OUTPUT.md): an interface over the core, never the reverse.

Heavy modules (OR-Tools, FastAPI, openpyxl writers) are imported inside the
command that needs them, so ``rostercheck check`` starts fast.
Exit codes: 0 compliant, 1 a norm violated, 2 input or norm files unreadable, or a
usage error.

Usage errors (a missing argument, an unknown option or value) are printed by typer
in click's way — the usage line, a hint to ``--help``, exit 2. Typer 0.29 bundles
its own copy of click, so this module never imports ``click`` itself: an exception
class of the separately installed click would not match what typer raises. Typer's
own ``typer.Exit``/``typer.BadParameter`` are used throughout, and typer runs in its
standalone mode, which prints usage errors itself.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:
    from rostercheck.errors import RosterInputError

EXIT_CODES_HELP = (
    "Exit codes: 0 ran, no norm violated (warnings allowed); 1 ran, at least one norm violated "
    "(fix: no compliant roster found; audit: a roster violates a norm or is unreadable); "
    "2 the input or the norm files could not be read, or a usage error."
)

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain click output: usage errors and help read the same in a terminal, a pipe and a log.
    rich_markup_mode=None,
    help="Checks staff rosters against the staffing norms of Dutch municipal care contracts.",
    epilog=EXIT_CODES_HELP,
)
users_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Accounts of the upload service.")
app.add_typer(users_app, name="users")
mapping_app = typer.Typer(no_args_is_help=True, help="Mapping files for a planning system's own export layout.")
app.add_typer(mapping_app, name="mapping")

EXIT_OK, EXIT_VIOLATION, EXIT_INPUT = 0, 1, 2


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    xlsx = "xlsx"
    html = "html"


class AuditFormat(str, Enum):
    xlsx = "xlsx"
    html = "html"
    csv = "csv"
    json = "json"
    parquet = "parquet"


class WhatifFormat(str, Enum):
    text = "text"
    json = "json"


class FixObjective(str, Enum):
    changes = "changes"
    cost = "cost"


class Cao(str, Enum):
    none = "none"
    gehandicaptenzorg = "gehandicaptenzorg"
    ggz = "ggz"
    sociaal_werk = "sociaal-werk"


NormsOption = typer.Option(None, "--norms", help="Folder of norm sets (default: the shipped norms/).", show_default=False)
MappingOption = typer.Option(None, "--mapping", help="Mapping file (YAML) for a planning system's export layout; see README.", show_default=False)


def _mapping(path: Optional[Path]):
    if path is None:
        return None
    from rostercheck.workbook import load_mapping

    return load_mapping(path)


def _catalogue(norms: Optional[Path]):
    from rostercheck.normsets import load_catalogue

    return load_catalogue(norms)


STDOUT = "-"
# Which format an output file's extension names (OUTPUT.md rev. 2, "Output files").
EXTENSION_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".parquet": "parquet",
}
BINARY_FORMATS = {"xlsx", "parquet"}


def output_format(given: Optional[str], output: Optional[Path], allowed: tuple[str, ...], default: str) -> str:
    """The format to write: ``--format`` if given, else the one ``-o``'s extension names,
    else ``default``. A contradiction (``--format json -o r.xlsx``) or an extension this
    command cannot write is a usage error, never a file of the wrong kind."""
    if output is None or str(output) == STDOUT:
        return given or default
    suffix = output.suffix.lower()
    implied = EXTENSION_FORMATS.get(suffix)
    if given is not None:
        if implied is not None and implied != given:
            raise typer.BadParameter(
                f"--format {given} contradicts the extension of {output} ({implied}); "
                f"drop --format or name the file *.{given if given != 'text' else 'txt'}",
                param_hint="'-o' / '--output'",
            )
        return given
    if implied is None:
        raise typer.BadParameter(
            f"cannot tell the format from {output!s} (extension {suffix or 'none'}); "
            f"name the file {', '.join('*.' + ('txt' if f == 'text' else f) for f in allowed)} or give --format",
            param_hint="'-o' / '--output'",
        )
    if implied not in allowed:
        raise typer.BadParameter(
            f"{output} is {implied}; this command writes {', '.join(allowed)}", param_hint="'-o' / '--output'"
        )
    return implied


def _to_stdout(output: Optional[Path]) -> bool:
    return output is None or str(output) == STDOUT


def _refuse_binary_on_terminal(fmt: str, output: Optional[Path]) -> None:
    if fmt in BINARY_FORMATS and _to_stdout(output) and sys.stdout.isatty():
        raise typer.BadParameter(
            f"--format {fmt} writes a binary file: give -o FILE.{fmt}, or -o - into a pipe",
            param_hint="'-o' / '--output'",
        )


def _rendered(fmt: str, report, model, catalogue, pseudonymise: bool) -> str | bytes:
    """The report in the format asked for: text, or the workbook's bytes."""
    if fmt == "json":
        return report.to_json()
    if fmt == "text":
        from rostercheck.report.text import render_text

        return render_text(report, model, catalogue)
    if fmt == "xlsx":
        from rostercheck.report.xlsx import xlsx_report_bytes

        return xlsx_report_bytes(report, model, pseudonymise=pseudonymise, catalogue=catalogue)
    from rostercheck.report.html import render_html

    return render_html(report, model, pseudonymise=pseudonymise, catalogue=catalogue)


def _write_or_print(text: str, out: Optional[Path]) -> None:
    if _to_stdout(out):
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def _write_bytes(data: bytes, out: Optional[Path]) -> None:
    if _to_stdout(out):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        out.write_bytes(data)


def _say(line: str, quiet: bool, output: Optional[Path]) -> None:
    """The one-line summary a scheduled job logs: on stdout when the report went to a
    file, on stderr when the report itself is on stdout (so a pipe gets the report only)."""
    if not quiet:
        typer.echo(line if _to_stdout(output) else f"{line} -> {output}", err=_to_stdout(output))


def _version(value: bool) -> None:
    if value:
        from rostercheck import __version__

        typer.echo(f"rostercheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Checks staff rosters against the staffing norms of Dutch municipal care contracts."""


QuietOption = typer.Option(False, "--quiet", "-q", help="No summary line on stderr; the exit code still tells the result.")


@app.command(epilog=EXIT_CODES_HELP)
def check(
    roster: Path = typer.Argument(..., metavar="ROSTER", help="Roster workbook (.xlsx, .ods), CSV folder or .zip of CSV files."),
    format: Optional[ReportFormat] = typer.Option(
        None, "--format", "-f", help="Report format [default: from the -o extension, else text].", show_default=False
    ),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Write the report here (- for standard output); the extension picks the format."
    ),
    period: Optional[str] = typer.Option(None, "--period", help="A month 2026-03 or a range 2026-03-02..2026-03-29."),
    skip_bad_rows: bool = typer.Option(False, "--skip-bad-rows", help="Skip unreadable rows (each is listed) instead of stopping."),
    pseudonymise: bool = typer.Option(False, "--pseudonymise", help="Show employee ids only, never names (for third parties)."),
    labour_law: bool = typer.Option(True, "--labour-law/--no-labour-law", help="Also check the Working Hours Act (Arbeidstijdenwet)."),
    cao: Cao = typer.Option(Cao.none, "--cao", help="Collective agreement whose working-time rules apply on top of the law."),
    quiet: bool = QuietOption,
    norms: Optional[Path] = NormsOption,
    mapping: Optional[Path] = MappingOption,
) -> None:
    """Check a roster against the norm sets its locations name."""
    global _SKIP_TEARDOWN
    fmt = output_format(format.value if format else None, output, tuple(f.value for f in ReportFormat), "text")
    _refuse_binary_on_terminal(fmt, output)
    from rostercheck import overlap

    # On a large roster the second core pre-scans the file while this process's child
    # reads it (rostercheck.overlap), the Begeleiding sheet is read in a child of that
    # one, and the checks are shared (rostercheck.checks.parallel); same report.
    workers = overlap.default_workers()
    # (Not with --mapping: its sheets are named otherwise.)
    code = overlap.run(roster, workers, first=lambda: _catalogue(norms)) if mapping is None else None
    if code is not None:  # the child checked the roster; what it printed is passed on
        _SKIP_TEARDOWN = True
        raise typer.Exit(code)
    from rostercheck.checker import CheckOptions, LawAhead, check_roster
    from rostercheck.workbook import read_roster

    catalogue = _catalogue(norms)
    the_mapping = _mapping(mapping)
    options = CheckOptions(labour_law=labour_law, cao=cao.value, workers=workers)
    ahead = LawAhead(catalogue, options)  # the law, judged while a child reads Begeleiding
    # The roster lives until the process ends: keep its records out of the cyclic
    # collector's generations, which it would otherwise walk again and again while
    # the checks allocate (measured: a third of the labour-law time on a large roster).
    # Reading and the checks build no reference cycles worth collecting in a process
    # this short, so the collector is off from here on: read_roster turns it back on
    # only if it was on, and its first round would then walk every record just read
    # (0.15 s on 140k shifts); after reading they are frozen out of its sight.
    import gc

    gc.disable()
    model = read_roster(roster, catalogue=catalogue, period=period, skip_bad_rows=skip_bad_rows, workers=workers,
                        mapping=the_mapping, prescanned=overlap.in_child(), meanwhile=ahead)
    if period is not None:
        from rostercheck.checker import empty_period_note

        empty = empty_period_note(model)
        if empty is not None:  # a period the roster does not cover is a mistake in the command, not a finding
            raise typer.BadParameter(empty, param_hint="'--period'")
    gc.freeze()
    report = check_roster(model, catalogue, options, ahead)
    # Made while the parent's pre-scan may still run (on a large file it does, after the
    # checks), and written only once it has accepted the file.
    rendered = _rendered(fmt, report, model, catalogue, pseudonymise)
    overlap.await_approval()
    if isinstance(rendered, bytes):
        _write_bytes(rendered, output)
    else:
        _write_or_print(rendered, output)
    if not _to_stdout(output) or fmt != "text":
        from rostercheck.report.text import summary_line

        _say(summary_line(report), quiet, output)
    _SKIP_TEARDOWN = True
    raise typer.Exit(EXIT_OK if report.compliant else EXIT_VIOLATION)


@app.command(epilog=EXIT_CODES_HELP)
def fix(
    roster: Path = typer.Argument(..., metavar="ROSTER", help="Roster workbook to fix."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the fixed roster: the planner's own workbook edited (long form, or grid with the long form next to it as NAME-diensten.xlsx)."),
    time_limit: float = typer.Option(30.0, "--time-limit", help="Seconds for the whole command, reading to writing."),
    workers: int = typer.Option(2, "--workers", help="Parts of the roster solved at once (one solver process each)."),
    seed: int = typer.Option(0, "--seed", help="Solver random seed (fixed for reproducible answers)."),
    period: Optional[str] = typer.Option(None, "--period", help="A month 2026-03 or a range 2026-03-02..2026-03-29."),
    labour_law: bool = typer.Option(True, "--labour-law/--no-labour-law", help="Respect the Working Hours Act as hard constraints."),
    cao: Cao = typer.Option(Cao.none, "--cao"),
    objective: FixObjective = typer.Option(
        FixObjective.changes, "--objective",
        help="changes: fewest violations, then changes, then added hours (default); cost: weighted cost of added hours."),
    norms: Optional[Path] = NormsOption,
    mapping: Optional[Path] = MappingOption,
) -> None:
    """Propose the smallest set of changes that makes the roster compliant."""
    import time

    started = time.monotonic()  # the time limit bounds the whole command (OUTPUT.md rev. 2)
    from rostercheck.fix import FixOptions, fix_roster, print_fix_summary, write_fixed_roster, write_reserve
    from rostercheck.fix.output import print_written
    from rostercheck.workbook import read_roster

    catalogue = _catalogue(norms)
    read_started = time.monotonic()
    model = read_roster(roster, catalogue=catalogue, period=period, mapping=_mapping(mapping))
    reserve, note = write_reserve(time.monotonic() - read_started, time_limit)
    if note:
        typer.echo(note, err=True)
    result = fix_roster(
        model,
        catalogue,
        FixOptions(time_limit=time_limit, workers=workers, seed=seed, labour_law=labour_law, cao=cao.value,
                   objective=objective.value, started=started, reserve=reserve),
    )
    written = write_fixed_roster(result, model, output, source=roster, catalogue=catalogue, mapped=mapping is not None)
    print_fix_summary(result)
    print_written(written)
    raise typer.Exit(EXIT_OK if result.compliant else EXIT_VIOLATION)


@app.command(epilog=EXIT_CODES_HELP)
def audit(
    folder: Path = typer.Argument(..., metavar="FOLDER", help="Folder of rosters (many providers, many months)."),
    output: Path = typer.Option(
        ..., "-o", "--output",
        help="Audit summary to write (.xlsx, .html, .csv, .json, .parquet; - for standard output with --format).",
    ),
    format: Optional[AuditFormat] = typer.Option(
        None, "--format", "-f", help="Summary format [default: from the -o extension].", show_default=False
    ),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0: one per core)."),
    pseudonymise: bool = typer.Option(True, "--pseudonymise/--with-names", help="Staff ids only (default for audits)."),
    quiet: bool = QuietOption,
    norms: Optional[Path] = NormsOption,
) -> None:
    """Check every roster in a folder and write one summary.

    The .csv has one row per roster x location x month; the .json holds those rows,
    every finding of every roster, and the input errors of unreadable rosters.
    """  # fmt: skip
    fmt = output_format(format.value if format else None, output, tuple(f.value for f in AuditFormat), "xlsx")
    if _to_stdout(output) and format is None:
        raise typer.BadParameter("with -o - give --format (csv, json, ...)", param_hint="'--format'")
    _refuse_binary_on_terminal(fmt, output)
    if fmt == "parquet":
        from rostercheck.report.audit_tables import ParquetUnavailable, require_parquet

        try:
            require_parquet()
        except ParquetUnavailable as exc:
            raise typer.BadParameter(str(exc), param_hint="'-o' / '--output'") from None
    from rostercheck.report.audit import run_audit

    result = run_audit(folder, None if _to_stdout(output) else output, fmt=fmt, jobs=jobs, pseudonymise=pseudonymise,
                       norms_dir=norms, stdout=_to_stdout(output))  # fmt: skip
    if result.outcomes:
        _say(result.summary_line(), quiet, output)
    raise typer.Exit(result.exit_code)


@app.command(epilog=EXIT_CODES_HELP)
def whatif(
    roster: Path = typer.Argument(..., metavar="ROSTER", help="Roster workbook."),
    scenario: Path = typer.Option(..., "--scenario", help="Scenario file (YAML), see README."),
    time_limit: float = typer.Option(30.0, "--time-limit"),
    format: Optional[WhatifFormat] = typer.Option(
        None, "--format", "-f", help="text or json [default: from the -o extension, else text].", show_default=False
    ),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the outcome here (- for standard output)."),
    quiet: bool = QuietOption,
    norms: Optional[Path] = NormsOption,
) -> None:
    """Recompute compliance and the cheapest fix under a changed situation."""
    import io
    import json

    fmt = output_format(format.value if format else None, output, tuple(f.value for f in WhatifFormat), "text")
    from rostercheck.whatif import _text as whatif_text
    from rostercheck.whatif import run_whatif

    catalogue = _catalogue(norms)
    buffer = io.StringIO()
    code = run_whatif(roster, scenario, catalogue, time_limit=time_limit, fmt="json", out=buffer)
    if buffer.getvalue():
        doc = json.loads(buffer.getvalue())
        _write_or_print(buffer.getvalue() if fmt == "json" else whatif_text(doc), output)
        from rostercheck.report.text import whatif_summary_line

        _say(whatif_summary_line(doc), quiet, output)
    raise typer.Exit(code)


@app.command()
def template(output: Path = typer.Option(..., "-o", "--output", help="Where to write the empty roster workbook.")) -> None:
    """Write an empty roster workbook with the sheets, headers and drop-down lists of FORMAT.md."""
    from rostercheck.workbook.template import write_template

    write_template(output, _catalogue(None))
    typer.echo(f"Sjabloon geschreven: {output}")


@app.command("norms")
def norms_cmd(
    norm_set: Optional[str] = typer.Argument(None, metavar="NORM_SET", help="A norm set id; without it, all sets are listed."),
    norms: Optional[Path] = NormsOption,
) -> None:
    """List the norm sets and their products, or show one set with citations."""
    from rostercheck.report.norms import render_norm_set, render_norm_sets

    catalogue = _catalogue(norms)
    if norm_set is None:
        sys.stdout.write(render_norm_sets(catalogue))
        return
    found = catalogue.get(norm_set)
    if found is None:
        known = ", ".join(s.id for s in catalogue)
        typer.echo(f"Onbekend normenkader {norm_set!r}; bekend: {known}", err=True)
        raise typer.Exit(EXIT_INPUT)
    sys.stdout.write(render_norm_set(found))


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    data: Optional[Path] = typer.Option(None, "--data", help="Data folder (database, uploads)."),
    database_url: Optional[str] = typer.Option(None, "--database-url", envvar="ROSTERCHECK_DATABASE_URL",
                                               help="SQLAlchemy URL (e.g. postgresql+psycopg://...); default SQLite in the data folder."),
    secure_cookies: bool = typer.Option(False, "--secure-cookies", help="Mark cookies Secure (behind an HTTPS proxy)."),
    forwarded_allow_ips: Optional[str] = typer.Option(None, "--forwarded-allow-ips", help="Trust X-Forwarded-For from these proxy addresses."),
    fix_workers: int = typer.Option(1, "--fix-workers", min=1, help="Fixes solved at once."),
    fix_time_limit: float = typer.Option(30.0, "--fix-time-limit", min=1, help="Seconds one fix may search."),
) -> None:
    """Run the upload page and its HTTP API (put it behind an HTTPS proxy: docs/deploy.md)."""
    from rostercheck.web.server import run_server

    run_server(host=host, port=port, data_dir=data, database_url=database_url, secure_cookies=secure_cookies,
               forwarded_allow_ips=forwarded_allow_ips, fix_workers=fix_workers, fix_time_limit=fix_time_limit)


DatabaseUrlOption = typer.Option(None, "--database-url", envvar="ROSTERCHECK_DATABASE_URL",
                                 help="SQLAlchemy URL of the service's database (default: SQLite in the data folder).")


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., metavar="NAME"),
    org: str = typer.Option(..., "--org"),
    role: str = typer.Option(..., "--role", help="provider or auditor"),
    data: Optional[Path] = typer.Option(None, "--data"),
    database_url: Optional[str] = DatabaseUrlOption,
) -> None:
    """Make an account and print its API token (shown once)."""
    from rostercheck.web.accounts import add_user_cli

    add_user_cli(name=name, org=org, role=role, data_dir=data, database_url=database_url)


@users_app.command("list")
def users_list(data: Optional[Path] = typer.Option(None, "--data"), database_url: Optional[str] = DatabaseUrlOption) -> None:
    """List accounts: organisation, role, active or revoked, open sessions (never tokens)."""
    from rostercheck.web.accounts import list_cli

    list_cli(data_dir=data, database_url=database_url)


@users_app.command("rotate")
def users_rotate(name: str = typer.Argument(...), data: Optional[Path] = typer.Option(None, "--data"),
                 database_url: Optional[str] = DatabaseUrlOption) -> None:
    """Give an account a new token (printed once); the old token and its sessions stop working."""
    from rostercheck.web.accounts import rotate_cli

    rotate_cli(name, data_dir=data, database_url=database_url)


@users_app.command("revoke")
def users_revoke(name: str = typer.Argument(...), data: Optional[Path] = typer.Option(None, "--data"),
                 database_url: Optional[str] = DatabaseUrlOption) -> None:
    """Revoke an account: its token stops working and its sessions end at once."""
    from rostercheck.web.accounts import revoke_cli

    revoke_cli(name, data_dir=data, database_url=database_url)


@users_app.command("org-settings")
def users_org_settings(
    org: str = typer.Argument(...),
    cao: Optional[Cao] = typer.Option(None, "--cao", help="Collective agreement applied to every check of this organisation's uploads."),
    data: Optional[Path] = typer.Option(None, "--data"),
    database_url: Optional[str] = DatabaseUrlOption,
) -> None:
    """Show or set an organisation's settings (the collective agreement its checks use)."""
    from rostercheck.web.accounts import org_settings_cli

    org_settings_cli(org, cao.value if cao is not None else None, data_dir=data, database_url=database_url)


@app.command()
def purge(
    older_than: int = typer.Option(..., "--older-than", help="Delete uploads older than this many days."),
    data: Optional[Path] = typer.Option(None, "--data"),
    database_url: Optional[str] = DatabaseUrlOption,
) -> None:
    """Delete uploads, results and reports older than DAYS (and uploads cut off while stored, expired sessions); say what was deleted."""
    from rostercheck.web.retention import purge_cli

    purge_cli(older_than_days=older_than, data_dir=data, database_url=database_url)


@mapping_app.command("suggest")
def mapping_suggest(
    export: Path = typer.Argument(..., help="A planning system's export (.xlsx, .ods, CSV folder or .zip)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the mapping here (default: stdout)."),
) -> None:
    """Write a first mapping from the export's sheet names and headers, to check and complete."""
    from rostercheck.workbook.mapping import suggest_mapping
    from rostercheck.workbook.sources import open_path

    book = open_path(export)
    text = suggest_mapping(book)
    book.finish()
    _write_or_print(text, output)


# Set by ``check`` once its report is written: the process then ends without
# freeing the roster object by object (measured: 0.8 s for a 100-location year;
# the checks' caches keep it until interpreter shutdown). Only main() acts on it.
_SKIP_TEARDOWN = False


def _exit(code: int) -> None:
    if _SKIP_TEARDOWN:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (BrokenPipeError, ValueError):  # the reader went away: nothing left to tell it
            pass
        os._exit(code)
    sys.exit(code)


def main() -> None:
    """Entry point: input problems exit 2 with every error listed, never a traceback.

    Typer runs standalone: it prints usage errors itself (usage line, hint to
    ``--help``, exit 2) and turns ``typer.Exit`` into ``SystemExit``.
    """
    # A large roster's reader is forked before the command line is parsed: it parses
    # the Diensten sheet while this process imports typer's and the checks' modules
    # (rostercheck.overlap). The errors' classes are imported when needed, not before.
    from rostercheck import overlap

    overlap.start_early(sys.argv[1:])
    try:
        _run_app()
    finally:
        overlap.abandon_early()


def _run_app() -> None:
    try:
        app(prog_name="rostercheck")
    except SystemExit as exc:
        code = exc.code
        _exit(code if isinstance(code, int) else (0 if code is None else EXIT_INPUT))
    except Exception as exc:
        from rostercheck.errors import NormFileError, RosterInputError

        if isinstance(exc, RosterInputError):
            _print_input_errors(exc)
            sys.exit(EXIT_INPUT)
        if isinstance(exc, NormFileError):
            print("De normbestanden zijn ongeldig / the norm files are invalid:", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            sys.exit(EXIT_INPUT)
        # anything unforeseen: one line, no traceback (ROSTERCHECK_DEBUG=1 shows it)
        if os.environ.get("ROSTERCHECK_DEBUG"):
            raise
        print(f"rostercheck: de invoer kon niet worden verwerkt: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(EXIT_INPUT)


def _print_input_errors(exc: RosterInputError) -> None:
    from rostercheck.report.input_errors import input_error_lines

    n = len(exc.errors)
    print(f"Het rooster kon niet worden gelezen: {n} invoerfout{'en' if n != 1 else ''}.", file=sys.stderr)
    for line in input_error_lines(exc.errors):
        print(f"  {line}", file=sys.stderr)

if __name__ == "__main__":
    main()
