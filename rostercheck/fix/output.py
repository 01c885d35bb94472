"""Writing and printing a fix: the changed roster in long form plus the sheet ``Wijzigingen``."""

from __future__ import annotations

import sys
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


def write_fixed_roster(result: FixResult, original_roster: Roster, path: Path, source: Path | None = None) -> None:
    """The fixed workbook: the planner's own file edited (``fix.workbook.edit_copy``) where
    the input is a long-form .xlsx, else the long form written from the fixed roster
    (untouched rows and unknown columns as they were). ``Wijzigingen`` comes first."""
    from rostercheck.workbook import write_roster_xlsx

    reasons = [reason(ch, original_roster, result.norm_titles) for ch in result.changes]
    sheets = [(CHANGES_SHEET, CHANGES_HEADERS,
               [change_row(ch, result.norm_titles, why) for ch, why in zip(result.changes, reasons)])]
    if result.unfixable:
        sheets.append((UNFIXABLE_SHEET, UNFIXABLE_HEADERS, [
            [u.check, result.norm_titles.get(u.norm, u.norm), u.location or "", iso_minute(u.start), iso_minute(u.end),
             u.message, wording.hours(u.missing_hours) if u.missing_hours is not None else "", u.missing_level or ""]
            for u in result.unfixable
        ]))
    if source is not None and original_roster.form == "long" and edit_copy(Path(source), Path(path), result.changes, reasons, sheets):
        return
    roster = result.fixed_roster
    if not roster.columns and original_roster.columns:
        roster = roster.model_copy(update={"columns": original_roster.columns})
    write_roster_xlsx(roster, Path(path), extra_sheets=sheets)
    _sheets_first(Path(path), [name for name, _, _ in sheets])


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


def describe_change(ch: Change, titles: dict[str, str] | None = None) -> str:
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
    if ch.norms:
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
