"""The ``rostercheck`` command line (OUTPUT.md): an interface over the core, never the reverse.

Heavy modules (OR-Tools, FastAPI, openpyxl writers) are imported inside the
command that needs them, so ``rostercheck check`` starts fast.
Exit codes: 0 compliant, 1 a norm violated, 2 input or norm files unreadable.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from rostercheck.errors import NormFileError, RosterInputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Checks staff rosters against the staffing norms of Dutch municipal care contracts.",
)
users_app = typer.Typer(no_args_is_help=True, help="Accounts of the upload service.")
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


def _write_or_print(text: str, out: Optional[Path]) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


@app.command()
def check(
    roster: Path = typer.Argument(..., help="Roster workbook (.xlsx, .ods), CSV folder or .zip of CSV files."),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="Report format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report here (required for xlsx)."),
    period: Optional[str] = typer.Option(None, "--period", help="A month 2026-03 or a range 2026-03-02..2026-03-29."),
    skip_bad_rows: bool = typer.Option(False, "--skip-bad-rows", help="Skip unreadable rows (each is listed) instead of stopping."),
    pseudonymise: bool = typer.Option(False, "--pseudonymise", help="Show employee ids only, never names (for third parties)."),
    labour_law: bool = typer.Option(True, "--labour-law/--no-labour-law", help="Also check the Working Hours Act (Arbeidstijdenwet)."),
    cao: Cao = typer.Option(Cao.none, "--cao", help="Collective agreement whose working-time rules apply on top of the law."),
    norms: Optional[Path] = NormsOption,
    mapping: Optional[Path] = MappingOption,
) -> None:
    """Check a roster against the norm sets its locations name."""
    from rostercheck.checker import CheckOptions, check_roster
    from rostercheck.workbook import read_roster

    catalogue = _catalogue(norms)
    # On a large roster a second core pre-scans the Begeleiding sheet while the rest
    # is read, and shares the checks (rostercheck.checks.parallel); same report.
    workers = min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
    model = read_roster(roster, catalogue=catalogue, period=period, skip_bad_rows=skip_bad_rows, workers=workers, mapping=_mapping(mapping))
    # The roster lives until the process ends: keep its records out of the cyclic
    # collector's generations, which it would otherwise walk again and again while
    # the checks allocate (measured: a third of the labour-law time on a large roster).
    # The checks build no reference cycles worth collecting in a process this short,
    # so the collector stays off for the rest of it (another 0.7 s on 120k shifts).
    import gc

    gc.freeze()
    gc.disable()
    report = check_roster(model, catalogue, CheckOptions(labour_law=labour_law, cao=cao.value, workers=workers))
    if format is ReportFormat.json:
        _write_or_print(report.to_json(), output)
    elif format is ReportFormat.text:
        from rostercheck.report.text import render_text

        _write_or_print(render_text(report, model), output)
    elif format is ReportFormat.xlsx:
        if output is None:
            raise typer.BadParameter("--format xlsx needs -o REPORT.xlsx", param_hint="-o")
        from rostercheck.report.xlsx import write_xlsx_report

        write_xlsx_report(report, model, output, pseudonymise=pseudonymise, catalogue=catalogue)
    else:
        from rostercheck.report.html import render_html

        _write_or_print(render_html(report, model, pseudonymise=pseudonymise, catalogue=catalogue), output)
    global _SKIP_TEARDOWN
    _SKIP_TEARDOWN = True
    raise typer.Exit(EXIT_OK if report.compliant else EXIT_VIOLATION)


@app.command()
def fix(
    roster: Path = typer.Argument(..., help="Roster workbook to fix."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the fixed roster (long form .xlsx)."),
    time_limit: float = typer.Option(30.0, "--time-limit", help="Seconds the solver may search."),
    workers: int = typer.Option(2, "--workers", help="Solver worker threads."),
    seed: int = typer.Option(0, "--seed", help="Solver random seed (fixed for reproducible answers)."),
    period: Optional[str] = typer.Option(None, "--period", help="A month 2026-03 or a range 2026-03-02..2026-03-29."),
    labour_law: bool = typer.Option(True, "--labour-law/--no-labour-law", help="Respect the Working Hours Act as hard constraints."),
    cao: Cao = typer.Option(Cao.none, "--cao"),
    norms: Optional[Path] = NormsOption,
    mapping: Optional[Path] = MappingOption,
) -> None:
    """Propose the smallest set of changes that makes the roster compliant."""
    from rostercheck.fix import FixOptions, fix_roster, print_fix_summary, write_fixed_roster
    from rostercheck.workbook import read_roster

    catalogue = _catalogue(norms)
    model = read_roster(roster, catalogue=catalogue, period=period, mapping=_mapping(mapping))
    result = fix_roster(
        model,
        catalogue,
        FixOptions(time_limit=time_limit, workers=workers, seed=seed, labour_law=labour_law, cao=cao.value),
    )
    write_fixed_roster(result, model, output)
    print_fix_summary(result)
    raise typer.Exit(EXIT_OK if result.compliant else EXIT_VIOLATION)


@app.command()
def audit(
    folder: Path = typer.Argument(..., help="Folder of rosters (many providers, many months)."),
    output: Path = typer.Option(..., "-o", "--output", help="Audit summary to write."),
    format: AuditFormat = typer.Option(AuditFormat.xlsx, "--format", "-f"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0: one per core)."),
    pseudonymise: bool = typer.Option(True, "--pseudonymise/--with-names", help="Staff ids only (default for audits)."),
    norms: Optional[Path] = NormsOption,
) -> None:
    """Check every roster in a folder and write one summary."""
    from rostercheck.report.audit import run_audit

    result = run_audit(folder, output, fmt=format.value, jobs=jobs, pseudonymise=pseudonymise, norms_dir=norms)
    raise typer.Exit(result.exit_code)


@app.command()
def whatif(
    roster: Path = typer.Argument(..., help="Roster workbook."),
    scenario: Path = typer.Option(..., "--scenario", help="Scenario file (YAML), see README."),
    time_limit: float = typer.Option(30.0, "--time-limit"),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text or json."),
    norms: Optional[Path] = NormsOption,
) -> None:
    """Recompute compliance and the cheapest fix under a changed situation."""
    from rostercheck.whatif import run_whatif

    catalogue = _catalogue(norms)
    code = run_whatif(roster, scenario, catalogue, time_limit=time_limit, fmt=format.value)
    raise typer.Exit(code)


@app.command()
def template(output: Path = typer.Option(..., "-o", "--output", help="Where to write the empty roster workbook.")) -> None:
    """Write an empty roster workbook with the sheets, headers and drop-down lists of FORMAT.md."""
    from rostercheck.workbook.template import write_template

    write_template(output, _catalogue(None))
    typer.echo(f"Sjabloon geschreven: {output}")


@app.command("norms")
def norms_cmd(
    norm_set: Optional[str] = typer.Argument(None, help="A norm set id; without it, all sets are listed."),
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
) -> None:
    """Run the upload page and its HTTP API."""
    from rostercheck.web.server import run_server

    run_server(host=host, port=port, data_dir=data)


@users_app.command("add")
def users_add(
    name: str = typer.Argument(...),
    org: str = typer.Option(..., "--org"),
    role: str = typer.Option(..., "--role", help="provider or auditor"),
    data: Optional[Path] = typer.Option(None, "--data"),
) -> None:
    """Make an account and print its API token (shown once)."""
    from rostercheck.web.accounts import add_user_cli

    add_user_cli(name=name, org=org, role=role, data_dir=data)


@app.command()
def purge(
    older_than: int = typer.Option(..., "--older-than", help="Delete uploads older than this many days."),
    data: Optional[Path] = typer.Option(None, "--data"),
) -> None:
    """Delete uploads, results and reports older than DAYS, and say what was deleted."""
    from rostercheck.web.retention import purge_cli

    purge_cli(older_than_days=older_than, data_dir=data)


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
    """Entry point: input problems exit 2 with every error listed, never a traceback."""
    try:
        # Without standalone mode click *returns* the code of a typer.Exit instead of raising it.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            _exit(code)
        if _SKIP_TEARDOWN:
            _exit(0)
    except RosterInputError as exc:
        _print_input_errors(exc)
        sys.exit(EXIT_INPUT)
    except NormFileError as exc:
        print("De normbestanden zijn ongeldig / the norm files are invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        sys.exit(EXIT_INPUT)
    except typer.Exit as exc:
        _exit(exc.exit_code)
    except typer.Abort:
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # click usage errors and anything unforeseen
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(EXIT_INPUT)
        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if os.environ.get("ROSTERCHECK_DEBUG"):
            raise
        print(f"rostercheck: could not process the input: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(EXIT_INPUT)


def _print_input_errors(exc: RosterInputError) -> None:
    from rostercheck.report.input_errors import input_error_lines

    n = len(exc.errors)
    print(f"Het rooster kon niet worden gelezen: {n} invoerfout{'en' if n != 1 else ''}.", file=sys.stderr)
    for line in input_error_lines(exc.errors):
        print(f"  {line}", file=sys.stderr)

if __name__ == "__main__":
    main()
