"""Writing and printing a fix: the planner's workbook edited (long form: ``fix.workbook``; grid form:
``fix.grid_workbook``, with the long form next to it) or the long form written, plus ``Wijzigingen``."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from rostercheck import wording
from rostercheck.checks._common import nl_span
from rostercheck.findings import iso_minute
from rostercheck.fix.reasons import reason
from rostercheck.fix.result import CHANGE_WORDS, Change, FixResult
from rostercheck.fix.workbook import edit_copy
from rostercheck.model import Roster, Shift

CHANGES_SHEET = "Wijzigingen"
UNFIXABLE_SHEET = "Niet opgelost"
CHANGES_HEADERS = [
    "actie", "wijziging", "locatie", "datum",
    "medewerker_voor", "begin_voor", "eind_voor", "soort_voor",
    "medewerker_na", "begin_na", "eind_na", "soort_na",
    "extra_uren", "normen", "kosten (punten)", "reden",
]
IN_GRID_HEADER = "in het rooster"  # grid-form input only: whether the Rooster sheet holds the change
LONG_FORM_SUFFIX = "-diensten"  # grid-form input: the long form next to the grid (out.xlsx -> out-diensten.xlsx)
UNFIXABLE_HEADERS = ["controle", "norm", "locatie", "begin", "eind", "wat ontbreekt", "uren", "niveau"]


def _clock(s: Shift | None, attr: str) -> str:
    # An end at or before the begin is the next day (FORMAT.md), so HH:MM is enough.
    return "" if s is None else getattr(s, attr).strftime("%H:%M")


def change_row(ch: Change, titles: dict[str, str] | None = None, why: str = "") -> list:
    b, a = ch.before, ch.after
    s = a or b
    if ch.vacancy_level:  # the shift stays, open, for someone of the level it needs
        after = [f"vacature ≥ {ch.vacancy_level}", _clock(b, "start"), _clock(b, "end"), b.kind.value]
    else:
        after = [a.employee if a else "", _clock(a, "start"), _clock(a, "end"), a.kind.value if a else ""]
    titles = titles or {}
    return [
        ch.action,
        CHANGE_WORDS.get(ch.kind, ch.kind),
        s.location,
        s.start.date(),
        b.employee if b else "", _clock(b, "start"), _clock(b, "end"), b.kind.value if b else "",
        *after,
        wording.hours(ch.added_hours),
        "; ".join(titles.get(k, k) for k in ch.norms),
        ch.cost,
        why,
    ]


# Writing the fixed workbook (openpyxl reads and writes every cell of the planner's file)
# takes about twenty times as long as reading the roster did: measured 0.03 s -> 0.73 s
# (HGV month), 0.33 s -> 7.4 s (30 locations), 1.34 s -> 25.4 s (100 locations). Kept
# back from the solver, with some margin, so the time limit bounds the whole command; at
# most half of the limit.
WRITE_SECONDS_PER_READ_SECOND = 25
MAX_WRITE_SHARE = 0.5


def write_reserve(read_seconds: float, time_limit: float) -> tuple[float, str | None]:
    """Seconds of the time limit to keep for writing the fixed workbook, and a note for the
    planner when writing alone is expected to take more than its share of the limit."""
    need = WRITE_SECONDS_PER_READ_SECOND * read_seconds
    reserve = min(need, MAX_WRITE_SHARE * time_limit)
    if need <= reserve:
        return reserve, None
    return reserve, (f"Let op: het wegschrijven van deze werkmap kost naar schatting {wording.number(need, 0)} seconden; "
                     f"met --time-limit {wording.number(time_limit, 0)} blijft er weinig tijd over om te rekenen en loopt "
                     "de opdracht uit. Een ruimere --time-limit geeft een beter antwoord.")


@dataclass
class Written:
    """What ``write_fixed_roster`` wrote, for the command's text output."""

    path: Path
    long_form: Path | None = None  # grid input: the long form written next to the grid
    not_in_grid: list[str] = field(default_factory=list)  # changes the grid cannot hold, and why
    mismatches: list[str] = field(default_factory=list)  # the written grid read back differs (never expected)


def long_form_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).stem + LONG_FORM_SUFFIX + ".xlsx")


def write_fixed_roster(result: FixResult, original_roster: Roster, path: Path, source: Path | None = None,
                       catalogue=None, mapped: bool = False) -> Written:
    """The fixed workbook. Where the input is a long-form .xlsx: the planner's own file
    edited (``fix.workbook.edit_copy``). Where it is a grid-form .xlsx: the planner's own
    file with the grid's cells edited (``fix.grid_workbook``) at ``path``, and the long
    form, which holds every change, next to it (``long_form_path``). Otherwise the long
    form written from the fixed roster (untouched rows and unknown columns as they were).
    ``mapped``: the input was read through a mapping file (``--mapping``), whose grid
    codes are not the planner's own: the grid is then not written back.
    ``Wijzigingen`` comes first."""
    from rostercheck.workbook import write_roster_xlsx

    path = Path(path)
    reasons = [reason(ch, original_roster, result.norm_titles) for ch in result.changes]
    rows = [change_row(ch, result.norm_titles, why) for ch, why in zip(result.changes, reasons)]
    extra = _unfixable_sheet(result)
    if source is not None and original_roster.form == "long" and edit_copy(
            Path(source), path, result.changes, reasons, [(CHANGES_SHEET, CHANGES_HEADERS, rows), *extra]):
        return Written(path)
    if source is not None and not mapped and original_roster.form == "grid" and _grid_source(Path(source), original_roster):
        return _write_grid(result, original_roster, path, Path(source), reasons, rows, extra, catalogue)
    roster = result.fixed_roster
    if not roster.columns and original_roster.columns:
        roster = roster.model_copy(update={"columns": original_roster.columns})
    sheets = [(CHANGES_SHEET, CHANGES_HEADERS, rows), *extra]
    write_roster_xlsx(roster, path, extra_sheets=sheets)
    _sheets_first(path, [name for name, _, _ in sheets])
    return Written(path)


def _unfixable_sheet(result: FixResult) -> list:
    if not result.unfixable:
        return []
    return [(UNFIXABLE_SHEET, UNFIXABLE_HEADERS, [
        [u.check, result.norm_titles.get(u.norm, u.norm), u.location or "", iso_minute(u.start), iso_minute(u.end),
         u.message, wording.hours(u.missing_hours) if u.missing_hours is not None else "", u.missing_level or ""]
        for u in result.unfixable
    ])]


def _grid_source(source: Path, roster: Roster) -> bool:
    """The planner's grid can be edited: an .xlsx/.xlsm holding the grid sheet as read
    (not a CSV folder, an .ods or a mapped export)."""
    if roster.grid is None or source.suffix.lower() not in (".xlsx", ".xlsm") or not source.is_file():
        return False
    from openpyxl import load_workbook

    wb = load_workbook(source, read_only=True)
    try:
        return roster.grid.sheet in wb.sheetnames
    finally:
        wb.close()


def _write_grid(result: FixResult, original: Roster, path: Path, source: Path, reasons: list[str], rows: list[list],
                extra: list, catalogue) -> Written:
    """The grid workbook at ``path`` and the long form next to it; the Wijzigingen sheet
    of both says per change whether the grid holds it."""
    from rostercheck.fix.grid_workbook import grid_cell_texts, plan_grid, verify_grid, with_grid_codes, write_grid_copy
    from rostercheck.workbook import write_roster_xlsx

    long_path = long_form_path(path)
    plan = plan_grid(result.changes, reasons, original, result.fixed_roster, grid_cell_texts(source, original.grid), catalogue,
                     long_name=long_path.name)
    marks, not_in_grid = [], []
    for ch, g in zip(result.changes, plan.changes):
        if g.in_grid:
            marks.append(f"ja: {plan.layout.sheet}!{g.where()}")
        else:
            marks.append(f"nee: {g.why_not}; de lange vorm ({long_path.name}) heeft deze wijziging")
            not_in_grid.append(f"{describe_change(ch, norms=False)}: {g.why_not}")
    sheets = [(CHANGES_SHEET, [*CHANGES_HEADERS, IN_GRID_HEADER], [[*r, m] for r, m in zip(rows, marks)]), *extra]
    write_grid_copy(source, path, plan, sheets)
    fixed = with_grid_codes(result.fixed_roster, result.changes, plan.changes)
    if not fixed.columns and original.columns:
        fixed = fixed.model_copy(update={"columns": original.columns})
    write_roster_xlsx(fixed, long_path, extra_sheets=sheets)
    _sheets_first(long_path, [name for name, _, _ in sheets])
    return Written(path, long_path, not_in_grid, verify_grid(path, plan, catalogue))


def print_written(w: Written, out: TextIO | None = None) -> None:
    """Where the fix went; for a grid input, which changes the grid does not hold."""
    out = out or sys.stdout
    if w.long_form is None:
        return
    print(f"Rooster (eigen werkboek, codes bijgewerkt): {w.path}", file=out)
    print(f"Lange vorm (Diensten, alle wijzigingen; dit is het contract): {w.long_form}", file=out)
    if w.not_in_grid:
        print(f"Niet in het rooster te zetten ({len(w.not_in_grid)}); de lange vorm heeft ze wel, "
              "het Rooster-blad toont daar nog de oude situatie (oranje cellen):", file=out)
        for line in w.not_in_grid:
            print(f"  - {line}", file=out)
        print(f"Het Rooster-blad van {w.path.name} alleen geeft dus niet het opgeloste rooster; {w.long_form.name} wel.", file=out)
    else:
        print("Alle wijzigingen staan in het rooster; rooster en lange vorm zijn gelijk.", file=out)
    if w.mismatches:
        print("Let op: het geschreven rooster geeft bij opnieuw inlezen niet wat het moet geven; "
              "gebruik de lange vorm:", file=out)
        for line in w.mismatches:
            print(f"  - {line}", file=out)


def _sheets_first(path: Path, names: list[str]) -> None:
    """Move the fixer's sheets to the front (a planner opens the workbook on Wijzigingen)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    order = [wb[n] for n in names if n in wb.sheetnames]
    wb._sheets = order + [ws for ws in wb._sheets if ws not in order]  # noqa: SLF001 - openpyxl has no public reorder
    wb.active = 0
    for ws in wb.worksheets[1:]:
        ws.sheet_view.tabSelected = False
    wb.save(path)


def describe_change(ch: Change, titles: dict[str, str] | None = None, norms: bool = True) -> str:
    titles = titles or {}

    def show(s: Shift) -> str:
        return f"{s.employee} {s.location} {nl_span(s.start, s.end)} {s.kind.value}"

    if ch.before is None:
        text = f"toevoegen: {show(ch.after)}"
    elif ch.after is None:
        text = f"verwijderen: {show(ch.before)}"
        if ch.vacancy_level:
            text += f" -> open dienst (vacature) ≥ {ch.vacancy_level}, {wording.hours(ch.added_hours)}"
    else:
        text = f"wijzigen ({CHANGE_WORDS.get(ch.kind, ch.kind)}): {show(ch.before)} -> {show(ch.after)}"
    if ch.norms and norms:
        text += f"  [normen: {', '.join(titles.get(k, k) for k in ch.norms)}]"
    return text


OBJECTIVE_NL = {
    "changes": "zo min mogelijk normschendingen, dan zo min mogelijk wijzigingen, dan zo min mogelijk extra uren",
    "cost": "zo min mogelijk normschendingen, dan de laagste kosten (extra uren gewogen naar niveau en soort dienst)",
}


def print_fix_summary(result: FixResult, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    counts = {}
    for ch in result.changes:
        counts[ch.action] = counts.get(ch.action, 0) + 1
    detail = ", ".join(f"{n} {a}" for a, n in sorted(counts.items()))
    print(f"Doel: {OBJECTIVE_NL.get(result.objective_name, result.objective_name)} "
          f"(--objective {result.objective_name})", file=out)
    print(f"Wijzigingen: {len(result.changes)}" + (f" ({detail})" if detail else ""), file=out)
    extra = f" (waarvan {wording.hours(result.open_hours)} in open diensten/vacatures)" if result.open_hours else ""
    print(f"Extra uren: {wording.hours(result.added_hours)}{extra}", file=out)
    if result.proven_optimal:
        print("Bewezen optimaal: ja", file=out)
    elif result.solver_proven and not result.compliant:
        print("Bewezen optimaal: nee (de solver vond zijn optimum, maar het rooster voldoet daarmee nog niet)", file=out)
    else:
        gap = "onbekend" if result.gap == float("inf") else wording.percent(result.gap, 1)
        print(f"Bewezen optimaal: nee (beste oplossing binnen de tijdslimiet; gap {gap})", file=out)
    verdict = "ja" if result.compliant else "nee"
    print(f"Rooster voldoet na de wijzigingen: {verdict}", file=out)
    for ch in result.changes:
        print(f"  - {describe_change(ch, result.norm_titles)}", file=out)
    if result.unfixable:
        print("Niet op te lossen binnen de regels:", file=out)
        for u in result.unfixable:
            print(f"  - {u.norm}: {u.message}", file=out)
    for note in result.notes:
        print(f"Let op: {note}", file=out)
