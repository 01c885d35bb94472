"""Why each change: one Dutch sentence a planner understands (OUTPUT.md rev. 2, "Fix output").

What changes, when, which norm by its title (not its key), and why this person; a
shift's note is never carried to another person without saying so.
"""

from __future__ import annotations

from rostercheck import wording
from rostercheck.checks._common import nl_block, nl_span
from rostercheck.fix.requirements import Requirements
from rostercheck.fix.result import Change
from rostercheck.model import Roster, Shift
from rostercheck.normsets import Catalogue

KIND_NL = {
    "aanwezig": "dienst (aanwezig)",
    "waakdienst": "waakdienst",
    "slaapdienst": "slaapdienst",
    "beschikbaar": "beschikbaarheidsdienst",
    "bereikbaar": "bereikbaarheidsdienst",
    "ambulant": "ambulante dienst",
}


def norm_titles(reqs: Requirements, catalogue: Catalogue) -> dict[str, str]:
    """Requirement key -> the norm's title with its window or block, as a planner reads it."""
    out: dict[str, str] = {}
    for q in reqs.coverage:
        out[q.key] = f"{q.norm.title} ({nl_span(q.start, q.end)})"
    for q in reqs.share:
        out[q.key] = f"{q.norm.title} ({q.product}, {nl_block(q.start, q.end)})"
    for q in reqs.level:
        out[q.key] = q.norm.title
    for q in reqs.role:
        out[q.key] = q.norm.title
    for q in reqs.labour_law:
        ns = catalogue.get(q.norm_set)
        norm = next((n for n in ns.norms if n.id == q.norm_id), None) if ns is not None else None
        out[q.key] = f"{norm.title if norm is not None else q.norm_id} ({q.employee})"
    return out


def _kind(s: Shift) -> str:
    return KIND_NL.get(s.kind.value, s.kind.value)


def _who(roster: Roster, employee: str) -> str:
    e = roster.employee_by_id.get(employee)
    return f"{employee} ({e.level.value})" if e is not None else employee


def reason(ch: Change, roster: Roster, titles: dict[str, str]) -> str:
    """One sentence: what, when, which norm by its title, why this person."""
    names = [titles.get(k, k) for k in ch.norms]
    norm = ("voor de norm " + "; ".join(f"'{n}'" for n in names)) if names else "als onderdeel van de oplossing"
    b, a = ch.before, ch.after
    if b is None and a is not None:
        return (f"Nieuwe {_kind(a)} voor {_who(roster, a.employee)} op {nl_span(a.start, a.end)} ({wording.hours(ch.added_hours)} "
                f"extra), {norm}; {a.employee} is dan vrij, niet met verlof en heeft nog uren binnen contract en overwerk.")
    if a is None and b is not None:
        if ch.vacancy_level:
            return (f"De {_kind(b)} van {_who(roster, b.employee)} op {nl_span(b.start, b.end)} vervalt, {norm}: "
                    f"{b.employee} mag deze dienst niet draaien en geen vrije collega kan hem overnemen, "
                    f"dus blijft hij open voor iemand van minstens {ch.vacancy_level} ({wording.hours(ch.added_hours)}).")
        return f"De {_kind(b)} van {_who(roster, b.employee)} op {nl_span(b.start, b.end)} vervalt, {norm}."
    assert a is not None and b is not None
    if ch.kind == "reassign":
        text = (f"De {_kind(b)} op {nl_span(b.start, b.end)} gaat van {b.employee} naar {_who(roster, a.employee)}, "
                f"{norm}; {a.employee} is dan vrij en telt mee voor die norm")
        if b.note:
            text += f" (de opmerking '{b.note}' hoorde bij {b.employee} en is niet overgenomen)"
        return text + "."
    if ch.kind == "rekind":
        return (f"De {_kind(b)} van {_who(roster, b.employee)} op {nl_span(b.start, b.end)} wordt een {_kind(a)}"
                f"{f' ({wording.hours(ch.added_hours)} extra)' if ch.added_hours else ''}, {norm}.")
    return (f"De {_kind(b)} van {_who(roster, b.employee)} op {nl_span(b.start, b.end)} wordt {nl_span(a.start, a.end)}"
            f"{f' ({wording.hours(ch.added_hours)} extra)' if ch.added_hours else ''}, {norm}.")
