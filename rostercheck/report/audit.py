"""The audit: every roster in a folder (many providers, many months), one summary.

What counts as a roster
    Every ``.xlsx``, ``.xlsm``, ``.ods`` and ``.zip`` file anywhere under FOLDER, and
    every sub-folder that holds ``.csv`` files (a roster in CSV form; it is not
    searched further). Hidden files and Excel's lock files (``~$…``) are skipped,
    and so is the audit's own output file.

Provider (aanbieder)
    The first sub-folder under FOLDER the roster lies in
    (``FOLDER/zorg-a/2026-03.xlsx`` → ``zorg-a``). A roster lying directly in FOLDER
    is named after its file name up to the first ``_``
    (``FOLDER/zorg-a_2026-03.xlsx`` → ``zorg-a``; no ``_``: the whole stem).

One row per roster × location × calendar month of the roster's period
    compliant (no violated norm), violations per check kind, warnings, the HBO
    share (working hours — aanwezig, waakdienst, ambulant — by staff of level HBO
    or WO, over all working hours at the location in that month, shifts clipped
    to the month and the period), and the number of findings. A finding belongs
    to the month in which it starts (clamped to the period); a finding without a
    location (working-time law) belongs to the locations of the shifts it names,
    else to a row "(alle locaties)". Working-time law is checked when the norms
    folder holds the ``arbeidstijdenwet`` set, as ``rostercheck check`` does.

A roster that cannot be read appears as one row "onleesbaar" with the number of
input errors, and every error is listed on the sheet ``Invoerfouten``; the run goes
on with the other rosters.

Exit codes (:attr:`AuditResult.exit_code`)
    ``0`` every roster was read and none violates a norm; ``1`` at least one roster
    violates a norm *or* could not be read (the audit ran, but not everything is in
    order); ``2`` the norm files are invalid, the folder holds no roster, or not a
    single roster could be read.

Pseudonymised by default: the audit writes employee ids only (it names no one in its
rows at all); an input error about a name cell does not repeat the cell's value.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rostercheck.errors import NormFileError, RosterInputError
from rostercheck.findings import CheckKind, Finding, Report, Severity
from rostercheck.model import Level, Roster, elapsed_hours, shift_rows

ROSTER_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".zip"}
ALL_LOCATIONS = "(alle locaties)"
_NAME_COLUMNS = {"naam", "name"}


@dataclass
class AuditRow:
    provider: str
    file: str
    location: str
    month: str  # "2026-03"
    compliant: bool
    errors: dict[str, int]  # check kind -> violations (severity error)
    warnings: int
    hbo_share: float | None  # None: no working hours
    working_hours: float
    findings: int


@dataclass
class RosterOutcome:
    provider: str
    file: str  # path relative to the audit folder
    readable: bool
    rows: list[AuditRow] = field(default_factory=list)
    input_errors: list[dict] = field(default_factory=list)  # sheet, row, column, message
    compliant: bool | None = None
    findings: list[dict] = field(default_factory=list)  # the report's findings, JSON form (OUTPUT.md)

    @property
    def violated(self) -> bool:
        return self.readable and not self.compliant


@dataclass
class AuditResult:
    exit_code: int
    output: Path | None
    outcomes: list[RosterOutcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why nothing could be audited

    @property
    def rows(self) -> list[AuditRow]:
        return [r for o in self.outcomes for r in o.rows]

    @property
    def unreadable(self) -> list[RosterOutcome]:
        return [o for o in self.outcomes if not o.readable]

    def summary_line(self) -> str:
        """'12 roosters: 9 voldoen, 2 voldoen niet, 1 onleesbaar' (what a scheduled job logs)."""
        from rostercheck.wording import count

        readable = [o for o in self.outcomes if o.readable]
        good = sum(1 for o in readable if o.compliant)
        return (
            f"Audit: {count(len(self.outcomes), 'rooster', 'roosters')}: {good} "
            f"{'voldoet' if good == 1 else 'voldoen'}, {len(readable) - good} "
            f"{'voldoet' if len(readable) - good == 1 else 'voldoen'} niet, "
            f"{len(self.outcomes) - len(readable)} onleesbaar"
        )


# --- finding the rosters ----------------------------------------------------------


def discover(folder: Path, exclude: Path | None = None) -> list[Path]:
    """Every roster under ``folder`` (files and CSV folders), sorted by relative path."""
    folder = Path(folder)
    found: list[Path] = []
    skip = exclude.resolve() if exclude is not None else None
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        visible = [f for f in filenames if not f.startswith((".", "~$"))]
        if any(f.lower().endswith(".csv") for f in visible):
            found.append(here)
            dirnames[:] = []  # a CSV folder is one roster; its files are its sheets
            continue
        for f in sorted(visible):
            p = here / f
            if p.suffix.lower() in ROSTER_SUFFIXES and (skip is None or p.resolve() != skip):
                found.append(p)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def provider_of(folder: Path, roster_path: Path) -> str:
    rel = roster_path.relative_to(folder)
    if len(rel.parts) > 1:
        return rel.parts[0]
    if rel.parts == ():  # FOLDER itself is a CSV folder
        return folder.resolve().name
    stem = rel.name if roster_path.is_dir() else rel.stem
    return stem.split("_", 1)[0] or stem


# --- one roster -------------------------------------------------------------------


def _month_key(t: datetime) -> str:
    return f"{t.year:04d}-{t.month:02d}"


def _months(roster: Roster) -> list[tuple[str, datetime, datetime]]:
    out, cur, end = [], roster.period.start, roster.period.end
    while cur < end:
        nxt = datetime(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
        out.append((_month_key(cur), cur, min(nxt, end)))
        cur = nxt
    return out


def _finding_locations(f: Finding, roster: Roster) -> list[str]:
    if f.location is not None:
        return [f.location]
    shifts = shift_rows(roster.shifts)
    locs = sorted({shifts[i].location for i in f.shift_refs if 0 <= i < len(shifts)})
    return locs or [ALL_LOCATIONS]


def audit_rows(roster: Roster, report: Report, provider: str, file: str) -> list[AuditRow]:
    """The audit rows of one checked roster: one per location × calendar month."""
    months = _months(roster)
    if not months:
        return []
    keys = [m[0] for m in months]
    per_row: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in report.findings:
        key = _month_key(min(max(f.start, roster.period.start), months[-1][1]))
        key = key if key in keys else keys[0]
        for loc in _finding_locations(f, roster):
            per_row[(loc, key)].append(f)
    locations = sorted(loc.id for loc in roster.locations)
    if any(loc == ALL_LOCATIONS for loc, _ in per_row):
        locations.append(ALL_LOCATIONS)
    employees = roster.employee_by_id
    rows = []
    for loc in locations:
        for key, m_start, m_end in months:
            if loc == ALL_LOCATIONS and (loc, key) not in per_row:
                continue
            total = hbo = 0.0
            for s in shift_rows(roster.shifts):
                if s.location != loc or not s.kind.working_time:
                    continue
                a, b = max(s.start, m_start), min(s.end, m_end)
                if b <= a:
                    continue
                h = elapsed_hours(a, b)
                total += h
                emp = employees.get(s.employee)
                if emp is not None and emp.level.at_least(Level.HBO):
                    hbo += h
            found = per_row.get((loc, key), [])
            errors = {k.value: 0 for k in CheckKind}
            for f in found:
                if f.severity is Severity.ERROR:
                    errors[f.check.value] += 1
            rows.append(
                AuditRow(
                    provider=provider,
                    file=file,
                    location=loc,
                    month=key,
                    compliant=not any(errors.values()),
                    errors=errors,
                    warnings=sum(1 for f in found if f.severity is Severity.WARNING),
                    hbo_share=(hbo / total) if total > 0 else None,
                    working_hours=round(total, 2),
                    findings=len(found),
                )
            )
    return rows


def _error_dict(err, pseudonymise: bool) -> dict:
    message = err.message
    if pseudonymise and (err.column or "").strip().lower() in _NAME_COLUMNS and err.value:
        message = message.replace(err.value, "…")
    return {"sheet": err.sheet, "row": err.row, "column": err.column, "message": message, "where": err.where}


def audit_one(path: str, rel: str, provider: str, norms_dir: str | None, pseudonymise: bool) -> RosterOutcome:
    """Read and check one roster (runs in a worker process). Never raises."""
    from rostercheck.checker import LABOUR_LAW_SET, CheckOptions, check_roster
    from rostercheck.normsets import cached_catalogue
    from rostercheck.workbook import read_roster

    try:
        catalogue = cached_catalogue(norms_dir)
        roster = read_roster(Path(path), catalogue=catalogue)
        report = check_roster(roster, catalogue, CheckOptions(labour_law=catalogue.get(LABOUR_LAW_SET) is not None))
    except RosterInputError as exc:
        return RosterOutcome(provider, rel, readable=False, input_errors=[_error_dict(e, pseudonymise) for e in exc.errors])
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the audit
        return RosterOutcome(
            provider,
            rel,
            readable=False,
            input_errors=[{"sheet": None, "row": None, "column": None, "where": "",
                           "message": f"kon niet worden verwerkt: {type(exc).__name__}: {exc}"}],
        )  # fmt: skip
    findings = report.to_json_dict()["findings"]
    if pseudonymise:  # messages may name people; the audit's tables carry ids only
        from rostercheck.report.pseudonym import Pseudonymiser

        scrub = Pseudonymiser(roster, True)
        for f in findings:
            f["message"] = scrub.text(f["message"])
    return RosterOutcome(provider, rel, readable=True, rows=audit_rows(roster, report, provider, rel),
                         compliant=report.compliant, findings=findings)  # fmt: skip


# --- the run ----------------------------------------------------------------------


def _progress(total: int):
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty() or total == 0:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("Audit"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        TextColumn("{task.fields[current]}"), console=Console(stderr=True), transient=False,
    )  # fmt: skip
    return progress


AUDIT_FORMATS = ("xlsx", "html", "csv", "json", "parquet")


def run_audit(
    folder: Path,
    output: Path | None,
    *,
    fmt: str = "xlsx",
    jobs: int = 0,
    pseudonymise: bool = True,
    norms_dir: Path | None = None,
    stdout: bool = False,
) -> AuditResult:
    """Audit every roster under ``folder`` and write the summary to ``output`` (or to
    standard output with ``stdout``) as xlsx, html, csv, json or parquet."""
    if fmt not in AUDIT_FORMATS:
        raise ValueError(f"unknown audit format {fmt!r}: {', '.join(AUDIT_FORMATS)}")
    if fmt == "parquet":
        from rostercheck.report.audit_tables import require_parquet

        require_parquet()  # before any work: the library is an extra
    folder = Path(folder)
    output = Path(output) if output is not None else None
    from rostercheck.normsets import load_catalogue

    try:
        load_catalogue(norms_dir)  # invalid norms: stop before any work, naming file and key
    except NormFileError as exc:
        print("De normbestanden zijn ongeldig / the norm files are invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return AuditResult(exit_code=2, output=None, problems=list(exc.problems))
    if not folder.is_dir():
        msg = f"Map niet gevonden: {folder}"
        print(msg, file=sys.stderr)
        return AuditResult(exit_code=2, output=None, problems=[msg])
    paths = discover(folder, exclude=output)
    tasks = [
        (str(p), p.relative_to(folder).as_posix() or p.name, provider_of(folder, p),
         str(norms_dir) if norms_dir else None, pseudonymise)
        for p in paths
    ]  # fmt: skip
    outcomes = _run(tasks, jobs)
    outcomes.sort(key=lambda o: (o.provider, o.file))
    result = AuditResult(exit_code=_exit_code(outcomes), output=output, outcomes=outcomes)
    if not outcomes:
        result.problems.append(f"Geen roosters gevonden in {folder}")
        print(result.problems[-1], file=sys.stderr)
    target = sys.stdout.buffer if stdout or output is None else output
    if fmt == "xlsx":
        write_audit_xlsx(result, target, folder=folder, pseudonymise=pseudonymise)
    elif fmt == "html":
        _write_text(render_audit_html(result, folder=folder, pseudonymise=pseudonymise), target)
    else:
        from rostercheck.report import audit_tables

        audit_tables.write(result, target, fmt)
    return result


def _write_text(text: str, target) -> None:
    if isinstance(target, Path):
        target.write_text(text, encoding="utf-8")
    else:
        target.write(text.encode("utf-8"))
        target.flush()


def _exit_code(outcomes: list[RosterOutcome]) -> int:
    if not any(o.readable for o in outcomes):
        return 2
    if any(o.violated or not o.readable for o in outcomes):
        return 1
    return 0


def _pool_context():
    """``fork`` where the platform has it: workers start at once and need no importable
    ``__main__``; the progress bar's thread is started only after they are forked.
    Elsewhere ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _crashed(t: tuple, exc: BaseException) -> RosterOutcome:
    return RosterOutcome(t[2], t[1], readable=False, input_errors=[
        {"sheet": None, "row": None, "column": None, "where": "",
         "message": f"kon niet worden verwerkt: {type(exc).__name__}: {exc}"}])  # fmt: skip


def _run(tasks: list[tuple], jobs: int) -> list[RosterOutcome]:
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    workers = max(1, min(workers, len(tasks)))
    outcomes: list[RosterOutcome] = []
    progress = task_id = None

    def start_progress() -> None:
        nonlocal progress, task_id
        progress = _progress(len(tasks))
        if progress is not None:
            progress.start()
            task_id = progress.add_task("audit", total=len(tasks), current="")

    def done(o: RosterOutcome) -> None:
        outcomes.append(o)
        if progress is not None:
            progress.update(task_id, advance=1, current=o.file)

    try:
        if workers == 1:
            start_progress()
            for t in tasks:
                done(audit_one(*t))
        else:
            with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
                futures = {pool.submit(audit_one, *t): t for t in tasks}  # forks the workers
                start_progress()
                for fut in as_completed(futures):
                    try:
                        done(fut.result())
                    except Exception as exc:  # noqa: BLE001 - a crashed worker: that roster is unreadable
                        done(_crashed(futures[fut], exc))
    finally:
        if progress is not None:
            progress.stop()
    return outcomes


# --- writing the summary ----------------------------------------------------------

KIND_ORDER = list(CheckKind)


def _summary_rows(result: AuditResult) -> list[dict]:
    """Rows as the xlsx and html outputs show them (unreadable rosters included)."""
    out = []
    for o in result.outcomes:
        if not o.readable:
            n = len(o.input_errors)
            first = o.input_errors[0] if o.input_errors else None
            note = f"{n} invoerfout{'en' if n != 1 else ''}"
            if first:
                note += f"; eerste: {(first['where'] + ': ') if first['where'] else ''}{first['message']}"
            out.append({"provider": o.provider, "file": o.file, "location": "–", "month": "–", "status": "onleesbaar",
                        "errors": None, "warnings": None, "hbo_share": None, "working_hours": None,
                        "findings": None, "note": note})  # fmt: skip
            continue
        if not o.rows:
            out.append({"provider": o.provider, "file": o.file, "location": "–", "month": "–",
                        "status": "ja" if o.compliant else "nee", "errors": None, "warnings": None,
                        "hbo_share": None, "working_hours": None, "findings": 0,
                        "note": "geen locaties of lege periode"})  # fmt: skip
        for r in o.rows:
            out.append({"provider": r.provider, "file": r.file, "location": r.location, "month": r.month,
                        "status": "ja" if r.compliant else "nee", "errors": r.errors, "warnings": r.warnings,
                        "hbo_share": r.hbo_share, "working_hours": r.working_hours, "findings": r.findings,
                        "note": ""})  # fmt: skip
    return out


def write_audit_xlsx(result: AuditResult, output: Path, *, folder: Path, pseudonymise: bool) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from rostercheck.report.sheets import (
        FILL_OK,
        FILL_SHORT,
        FILL_UNKNOWN,
        _header,
        _print_setup,
        _sheet_title,
        _widths,
        text,
    )
    from rostercheck.wording import CHECK_LABELS

    headers = ["Aanbieder", "Bestand", "Locatie", "Maand", "Voldoet"]
    headers += [f"{CHECK_LABELS[k]} ({k.value})" for k in KIND_ORDER]
    headers += ["Waarschuwingen", "HBO-aandeel", "Werkuren", "Bevindingen", "Opmerking"]
    rows = _summary_rows(result)

    def table(ws, subset: list[dict]) -> None:
        _header(ws, 1, headers)
        for i, d in enumerate(subset, start=2):
            values = [text(d["provider"]), text(d["file"]), text(d["location"]), d["month"], d["status"]]
            values += [(d["errors"][k.value] if d["errors"] else None) for k in KIND_ORDER]
            values += [d["warnings"], d["hbo_share"], d["working_hours"], d["findings"], text(d["note"]) or None]
            for col, v in enumerate(values, start=1):
                c = ws.cell(row=i, column=col, value=v)
                if headers[col - 1] == "HBO-aandeel":
                    c.number_format = "0.0%"
            status = ws.cell(row=i, column=5)
            status.fill = {"ja": FILL_OK, "nee": FILL_SHORT}.get(d["status"], FILL_UNKNOWN)
            for col in range(6, 6 + len(KIND_ORDER)):
                c = ws.cell(row=i, column=col)
                if c.value:
                    c.fill = FILL_SHORT
        ws.freeze_panes = "C2"
        ws.auto_filter.ref = f"A1:{_col(len(headers))}{max(len(subset) + 1, 1)}"
        _widths(ws, 1, maximum=40)
        for col in range(6, 6 + len(KIND_ORDER)):
            ws.column_dimensions[_col(col)].width = 13
        ws.column_dimensions[_col(len(headers))].width = 70
        ws.row_dimensions[1].height = 32
        _print_setup(ws, 1)

    wb = Workbook()
    ws = wb.active
    ws.title = "Overzicht"
    table(ws, rows)
    for provider in sorted({d["provider"] for d in rows}):
        table(wb.create_sheet(_sheet_title(wb, provider)), [d for d in rows if d["provider"] == provider])

    ws = wb.create_sheet(_sheet_title(wb, "Invoerfouten"))
    err_headers = ["Aanbieder", "Bestand", "Blad", "Rij", "Kolom", "Fout"]
    _header(ws, 1, err_headers)
    r = 1
    for o in result.unreadable:
        for e in o.input_errors:
            r += 1
            for col, v in enumerate(
                [text(o.provider), text(o.file), text(e["sheet"]), e["row"], text(e["column"]), text(e["message"])],
                start=1,
            ):
                ws.cell(row=r, column=col, value=v)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:F{max(r, 1)}"
    _widths(ws, 1, maximum=90)
    _print_setup(ws, 1)

    ws = wb.create_sheet("Toelichting")
    readable = [o for o in result.outcomes if o.readable]
    lines = [
        ("Map", text(str(folder))),
        ("Roosters", len(result.outcomes)),
        ("Voldoen", sum(1 for o in readable if o.compliant)),
        ("Voldoen niet", sum(1 for o in readable if not o.compliant)),
        ("Onleesbaar", len(result.unreadable)),
        ("Namen van medewerkers", "weggelaten (alleen personeelsnummers)" if pseudonymise else "niet gebruikt in het overzicht"),
        ("Aanbieder", "de eerste map onder de auditmap; een bestand direct in de auditmap: de bestandsnaam tot de eerste '_'"),
        ("Rij", "één rij per rooster × locatie × kalendermaand van de periode van het rooster"),
        ("Voldoet", "ja: geen enkele norm overtreden in die maand op die locatie; onleesbaar: zie Invoerfouten"),
        ("Overtredingen per controle", "aantal bevindingen met ernst 'overtreding', per soort controle"),
        ("HBO-aandeel", "werkuren (aanwezig, waakdienst, ambulant) door medewerkers met niveau HBO of WO / alle werkuren"),
        ("Bevindingen", "alle bevindingen: overtredingen, waarschuwingen en ter informatie"),
    ]
    ws["A1"] = "Audit van roosters"
    ws["A1"].font = Font(bold=True, size=14)
    for i, (k, v) in enumerate(lines, start=3):
        ws.cell(row=i, column=1, value=k).font = Font(bold=True)
        ws.cell(row=i, column=2, value=v)
    for msg in result.problems:
        i += 1
        ws.cell(row=i, column=1, value="Let op").font = Font(bold=True)
        ws.cell(row=i, column=2, value=text(msg))
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100
    _print_setup(ws, None)
    wb.save(output)


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def render_audit_html(result: AuditResult, *, folder: Path, pseudonymise: bool) -> str:
    from rostercheck.report.html import environment
    from rostercheck.wording import CHECK_LABELS, percent

    rows = _summary_rows(result)
    for d in rows:
        d["share_text"] = percent(d["hbo_share"]) if d["hbo_share"] is not None else "–"
    providers = []
    for provider in sorted({d["provider"] for d in rows}):
        subset = [d for d in rows if d["provider"] == provider]
        files = {d["file"] for d in subset}
        bad = {d["file"] for d in subset if d["status"] != "ja"}
        providers.append({"name": provider, "rows": subset, "files": len(files), "bad": len(bad)})
    readable = [o for o in result.outcomes if o.readable]
    return environment().get_template("audit.html.j2").render(
        folder=str(folder),
        providers=providers,
        kinds=[{"code": k.value, "label": CHECK_LABELS[k]} for k in KIND_ORDER],
        unreadable=result.unreadable,
        total=len(result.outcomes),
        compliant=sum(1 for o in readable if o.compliant),
        violated=sum(1 for o in readable if not o.compliant),
        problems=result.problems,
        pseudonymise=pseudonymise,
    )
