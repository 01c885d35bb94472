"""When no full fix exists: which norms in which windows cannot be met, and what is missing.

Read from the penalty variables of the solved model, so each explanation names the
norm, location and window it comes from; in Dutch, for the planner.
"""

from __future__ import annotations

from rostercheck.checks._common import nl_block, nl_hours, nl_percent, nl_span, staff_word
from rostercheck.fix.build import Built, Penalty
from rostercheck.fix.result import Unfixable
from rostercheck.model import Level

_PRESENCE_NL = {
    "awake_on_site": "wakker aanwezig",
    "on_site": "aanwezig",
    "on_site_within": "ter plaatse binnen de aanrijtijd",
    "on_duty": "in dienst",
    "reachable": "bereikbaar",
}


def _value(p: Penalty, values: list[int]) -> int:
    if p.var is None:
        return p.constant
    return values[p.var.Index()]


def explain_unmet(built: Built, values: list[int], failed_variables: set[int] = frozenset()) -> list[Unfixable]:
    """The model's own account of what stays unmet. Penalties of a part the solver gave no
    answer for are left out: nothing is known about them but that the search stopped
    (the checker's findings for that part are listed as left standing)."""
    out: list[Unfixable] = []
    runs: list[list] = []  # coverage: [penalty, start, end, missing]
    for p in built.penalties:
        if p.var is not None and p.var.Index() in failed_variables:
            continue
        v = _value(p, values)
        if v <= 0:
            continue
        if p.check == "coverage":
            if runs and runs[-1][0].req_key == p.req_key and runs[-1][2] == p.start and runs[-1][3] == v:
                runs[-1][2] = p.end
            else:
                runs.append([p, p.start, p.end, v])
        elif p.check == "share":
            out.append(_share(built, p, values, v))
        elif p.check == "level":
            who = staff_word(True, Level(p.level))
            out.append(Unfixable(
                "level", p.norm_id, p.location, p.start, p.end,
                f"dienst van {p.extra['employee']} op {nl_span(p.start, p.end)} ({p.extra['title']}): geen {who} vrij "
                f"om deze dienst over te nemen; een {who} voor {nl_hours(p.unit_minutes / 60)} uur zou dit oplossen",
                missing_hours=p.unit_minutes / 60, missing_level=p.level))
        elif p.check == "role":
            lvl = f" (≥ {p.extra['min_level']})" if p.extra.get("min_level") else ""
            out.append(Unfixable(
                "role", p.norm_id, p.location, p.start, p.end,
                f"{v} medewerker(s) met de rol {p.level}{lvl} te weinig ingeroosterd op {p.location} "
                f"({p.extra['title']}); niemand met die rol is vrij voor een dienst daar",
                missing_level=p.level))
        elif p.check == "labour_law":
            if not p.extra["refs"]:
                why = "de diensten liggen buiten de periode van het rooster"
            else:
                why = ("geen vrije, bevoegde collega om een van de diensten over te nemen en geen verschuiving "
                       "of vervanging die dit oplost zonder een andere norm te breken")
            out.append(Unfixable("labour_law", p.norm_id, p.location or None, p.start, p.end,
                                 f"arbeidstijden van {p.extra['employee']}: {why}; {p.extra['message']}"))
    for p, a, b, missing in runs:
        hours = (b - a).total_seconds() / 3600
        who = staff_word(True, Level(p.level))
        extra = "een extra dienst" if hours <= 12 else "extra diensten"
        if missing > 1:
            extra = f"{missing} extra diensten"
        presence = _PRESENCE_NL.get(p.extra.get("presence"), "")
        out.append(Unfixable(
            "coverage", p.norm_id, p.location, a, b,
            f"geen {who} vrij ({presence}) op {nl_span(a, b)} op {p.location} ({p.extra['title']}); "
            f"{extra} van {nl_hours(hours)} uur {p.level} zou dit oplossen",
            missing_hours=hours * missing, missing_level=p.level))
    return out


def _share(built: Built, p: Penalty, values: list[int], v: int) -> Unfixable:
    cands = built.pool.cands
    q = t = 0
    for cid, minutes, qual in p.extra["terms"]:
        if built.value_of(values, cands[cid]):
            t += minutes
            q += minutes if qual else 0
    bound = p.extra["bound"]
    share = q / t if t else 0.0
    if p.extra["sign"] > 0:
        need = max(0.0, (bound * t - q) / (1 - bound)) / 60 if bound < 1 else (t - q) / 60
        # Said as it is: hours of that level to add, by a colleague with room or an open
        # shift (vacature); the fixer never cuts the care others give to reach a share.
        what = (f"{nl_hours(need)} uur extra door {staff_word(True, Level(p.level), plural=True)} "
                f"(of een open dienst/vacature {p.level}) zou dit oplossen")
        head = "te laag"
    else:
        need = max(0.0, (q - bound * t) / bound) / 60
        what = f"{nl_hours(need)} uur extra door andere medewerkers zou dit oplossen"
        head = "te hoog"
    return Unfixable(
        "share", p.norm_id, p.location, p.start, p.end,
        f"aandeel {p.level} op {p.location} in {nl_block(p.start, p.end)} {head}: {nl_percent(share)}, "
        f"norm {nl_percent(bound)} ({p.extra['title']}); niemand vrij om diensten over te nemen; {what}",
        missing_hours=need, missing_level=p.level)
