"""When no full fix exists: which norms in which windows cannot be met, and what is missing.

Read from the penalty variables of the solved model, so each explanation names the
norm, location and window it comes from; what blocks it is then checked against the
roster person by person (``blocks``), in Dutch, for the planner.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from rostercheck.checks._common import nl_block, nl_hours, nl_percent, nl_span, staff_word
from rostercheck.fix.blocks import Blocks, extra_shift_level
from rostercheck.fix.build import Built, Penalty
from rostercheck.fix.result import Unfixable
from rostercheck.model import Level, ShiftKind

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


CUT_SHORT = ("niet opgelost binnen de tijdslimiet: de zoektocht werd afgebroken voordat bewezen was dat het "
             "niet kan; een ruimere --time-limit kan dit oplossen")


def explain_unmet(built: Built, values: list[int], failed_variables: set[int] = frozenset(),
                  law_sets=(), deadline: float | None = None, unproven_variables: set[int] = frozenset()) -> list[Unfixable]:
    """The model's own account of what stays unmet. Penalties of a part the solver gave no
    answer for are left out: nothing is known about them but that the search stopped
    (the checker's findings for that part are listed as left standing)."""
    out: list[Unfixable] = []
    runs: list[list] = []  # coverage: [penalty, start, end, missing]
    blocks = Blocks(built.pool, law_sets, deadline)
    for p in built.penalties:
        if p.var is not None and p.var.Index() in failed_variables:
            continue
        v = _value(p, values)
        if v <= 0:
            continue
        if p.var is not None and p.var.Index() in unproven_variables:
            # The search of this part stopped before its violations were proven minimal:
            # nothing is known to block this, so nothing is claimed.
            what = p.extra.get("title") or p.norm_id
            who = f"{p.extra['employee']}: " if p.check == "labour_law" else ""
            last = out[-1] if out else None
            if (p.check == "coverage" and last is not None and last.message.endswith(CUT_SHORT)
                    and (last.check, last.norm, last.location, last.end) == (p.check, p.norm_id, p.location, p.start)):
                out[-1] = Unfixable(p.check, p.norm_id, p.location, last.start, p.end,
                                    f"{what} op {p.location} ({nl_span(last.start, p.end)}): {CUT_SHORT}",
                                    missing_level=p.level)
                continue
            out.append(Unfixable(p.check, p.norm_id, p.location or None, p.start, p.end,
                                 f"{who}{what} op {p.location} ({nl_span(p.start, p.end)}): {CUT_SHORT}",
                                 missing_level=p.level if p.check in ("coverage", "level", "share") else None))
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
            req = p.extra["req"]
            why = blocks.explain(p.location, p.start, p.end, p.extra["kind"], req.qualifies, who)
            out.append(Unfixable(
                "level", p.norm_id, p.location, p.start, p.end,
                f"dienst van {p.extra['employee']} op {nl_span(p.start, p.end)} ({p.extra['title']}): {why}; "
                f"een {who} voor {nl_hours(p.unit_minutes / 60)} uur zou dit oplossen",
                missing_hours=p.unit_minutes / 60, missing_level=p.level))
        elif p.check == "role":
            lvl = f" (≥ {p.extra['min_level']})" if p.extra.get("min_level") else ""
            out.append(Unfixable(
                "role", p.norm_id, p.location, p.start, p.end,
                f"{v} medewerker(s) met de rol {p.level}{lvl} te weinig ingeroosterd op {p.location} "
                f"({p.extra['title']}); {_role_block(blocks, p)}",
                missing_level=p.level))
        elif p.check == "labour_law":
            if not p.extra["refs"]:
                why = "de diensten liggen buiten de periode van het rooster"
            else:
                why = _law_block(blocks, p)
            out.append(Unfixable("labour_law", p.norm_id, p.location or None, p.start, p.end,
                                 f"arbeidstijden van {p.extra['employee']}: {why}; {p.extra['message']}"))
    for p, a, b, missing in runs:
        hours = (b - a).total_seconds() / 3600
        params = p.extra["params"]
        who = staff_word(params.care_relevant, Level(p.level))
        level = extra_shift_level(built.pool, p.location, a, Level(p.level))
        extra = "een extra dienst" if hours <= 12 else "extra diensten"
        if missing > 1:
            extra = f"{missing} extra diensten"
        presence = _PRESENCE_NL.get(p.extra.get("presence"), "")
        kind = _probe_kind(params.presence.value)

        def qualifies(e, params=params, kind=kind, loc=p.location):
            if params.care_relevant and not e.care_relevant or not e.level.at_least(params.min_level):
                return False
            if kind is ShiftKind.ON_CALL:
                travel = built.pool.travel.get((e.id, loc))
                return travel is not None and travel <= (params.response_min or 0)
            return True

        why = blocks.explain(p.location, a, b, kind, qualifies, who + (f" binnen {params.response_min} minuten"
                                                                        if kind is ShiftKind.ON_CALL else ""))
        out.append(Unfixable(
            "coverage", p.norm_id, p.location, a, b,
            f"{nl_span(a, b)} op {p.location} niet gedekt ({presence}; {p.extra['title']}): {why}; "
            f"{extra} van {nl_hours(hours)} uur {level.value} zou dit oplossen",
            missing_hours=hours * missing, missing_level=level.value))
    return out


# Shifts of a working-time error whose takers are looked at one by one in the explanation.
MAX_EXPLAINED_SHIFTS = 2


def _law_block(blocks: Blocks, p: Penalty) -> str:
    """Why none of the error's shifts could go to a colleague, checked person by person for
    the shifts in the middle of the error (those whose loss would break it up most)."""
    roster = blocks.pool.roster
    employee = blocks.pool.emp.get(p.extra["employee"])
    refs = [i for i in p.extra["refs"] if roster.shifts[i].employee == p.extra["employee"]]
    if employee is None or not refs:
        return "geen wijziging gevonden die dit oplost zonder een andere norm te breken"
    def colleague(e) -> bool:
        return (e.id != employee.id and e.level.at_least(employee.level)
                and (e.care_relevant or not employee.care_relevant))

    if not any(colleague(e) for e in roster.employees):
        return ("geen van de diensten kan vervallen zonder een andere norm te breken, en er is geen andere "
                f"medewerker (≥ {employee.level.value}) op de personeelslijst om er een over te nemen")
    mid = len(refs) // 2
    picked = sorted(refs[max(0, mid - MAX_EXPLAINED_SHIFTS // 2):][:MAX_EXPLAINED_SHIFTS])
    parts = []
    for i in picked:
        s = roster.shifts[i]
        who = f"collega (≥ {employee.level.value})"
        parts.append(f"de dienst {nl_span(s.start, s.end)} op {s.location}: "
                     f"{blocks.explain(s.location, s.start, s.end, s.kind, colleague, who)}")
    more = f" (en {len(refs) - len(picked)} andere diensten van deze fout)" if len(refs) > len(picked) else ""
    return ("geen van de diensten kan naar een collega of vervallen zonder een andere norm te breken; "
            + "; ".join(parts) + more)


def _probe_kind(presence: str) -> ShiftKind:
    """The kind of an extra shift the explanation tries people on (the least demanding that counts)."""
    return {"reachable": ShiftKind.PHONE, "on_site_within": ShiftKind.ON_CALL, "on_duty": ShiftKind.ON_CALL}.get(
        presence, ShiftKind.PRESENT)


def _role_block(blocks: Blocks, p: Penalty) -> str:
    """Whether anyone has the role at all, and if so why none of them can get a shift there."""
    req = p.extra["req"]
    holders = [e for e in blocks.pool.roster.employees if req.holder(e)]
    if not holders:
        return f"niemand op de personeelslijst heeft de rol {p.level}"
    reasons = []
    for e in holders:
        day_reasons = []
        for day in blocks.pool.roster.period.days():
            a = datetime.combine(day, time(9))
            why = blocks.why_not(e, p.location, a, a + timedelta(hours=8), ShiftKind.PRESENT)
            if why is None:
                break
            day_reasons.append(why)
        else:
            reasons.append(day_reasons[0] if day_reasons else f"{e.id} kan er geen dienst bij krijgen")
            continue
        reasons.append(f"{e.id} is wel eens vrij, maar daarmee blijft een andere norm of regel open")
    return "; ".join(reasons)


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
