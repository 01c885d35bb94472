"""``rostercheck norms``: the norm sets as a reader sees them, with their citations.

The norm files are the authority; this only puts their parameters into words, so
a contract manager can check every norm against the document it quotes.
"""

from __future__ import annotations

import textwrap

from rostercheck import wording
from rostercheck.normsets.loader import Catalogue
from rostercheck.normsets.schema import (
    ClientHoursMeasure,
    ClientHoursParams,
    CoverageParams,
    Judge,
    LabourLawParams,
    LevelParams,
    NormSet,
    Presence,
    RoleParams,
    ShareParams,
    Window,
    WEEKDAYS,
)

_PRESENCE = {
    Presence.AWAKE_ON_SITE: "wakker op de locatie (aanwezig, waakdienst)",
    Presence.ON_SITE: "op de locatie (aanwezig, waakdienst, slaapdienst)",
    Presence.ON_SITE_WITHIN: "op de locatie of beschikbaar binnen {response} minuten",
    Presence.ON_DUTY: "in dienst (op de locatie, ambulant of beschikbaar)",
    Presence.REACHABLE: "bereikbaar (telefonisch binnen 5 minuten; elke dienst)",
}

_MEASURE = {
    ClientHoursMeasure.INDIVIDUAL_HOURS_PER_WEEK: "uur individuele begeleiding per cliënt per week",
    ClientHoursMeasure.GROUP_HOURS_PER_WEEK: "uur groepsbegeleiding per cliënt per week",
    ClientHoursMeasure.SUPPORT_HOURS_PER_WEEK: "uur ondersteuning per cliënt per week",
    ClientHoursMeasure.CONTACTS_PER_WEEK: "individuele contactmomenten per cliënt per week",
    ClientHoursMeasure.INDIRECT_SHARE: "aandeel indirecte tijd in de cliëntgebonden tijd",
    ClientHoursMeasure.DIGITAL_SHARE: "aandeel digitaal contact in de directe tijd",
    ClientHoursMeasure.DAGDEEL_HOURS: "uur per cliënt per dag",
    ClientHoursMeasure.DIGITAL_HOURS_PER_DAY: "uur digitale ondersteuning per cliënt per dag",
    ClientHoursMeasure.ON_SITE_HOURS_PER_CLIENT_DAY: "uur aanwezige inzet op de locatie per cliënt per dag, per roosterperiode",
}

_WIDTH = 100


def render_norm_sets(catalogue: Catalogue) -> str:
    lines: list[str] = []
    location_sets = catalogue.location_sets()
    lines.append(f"Normenkaders per locatie ({len(location_sets)})")
    lines.append("")
    for s in location_sets:
        lines.append(f"{s.id}  {s.title}")
        if s.region:
            lines.append(f"    regio:    {s.region}")
        lines.append(f"    document: {s.document}" + (f" ({s.date})" if s.date else ""))
        lines.append(f"    normen:   {len(s.norms)}, niet getoetst: {len(s.unchecked)}")
        lines.append("    producten:")
        width = max((len(p.id) for p in s.products), default=0)
        for p in s.products:
            lines.append(f"      {p.id.ljust(width)}  {p.name}")
        lines.append("")
    employee_sets = catalogue.employee_sets()
    if employee_sets:
        lines.append(f"Normenkaders per medewerker ({len(employee_sets)})")
        lines.append("")
        for s in employee_sets:
            extra = f" (aanvulling op {s.overlays})" if s.overlays else ""
            lines.append(f"{s.id}  {s.title}{extra}")
            lines.append(f"    document: {s.document}, normen: {len(s.norms)}")
        lines.append("")
    lines.append("Eén kader met bronvermelding: rostercheck norms <id>")
    return "\n".join(lines) + "\n"


def render_norm_set(norm_set: NormSet) -> str:
    s = norm_set
    lines = [f"{s.id}  {s.title}"]
    if s.region:
        lines.append(f"regio:    {s.region}")
    lines.append(f"document: {s.document}" + (f" ({s.date})" if s.date else ""))
    lines.append(f"geldt:    {'per locatie (Locaties.normenkader)' if s.scope == 'location' else 'per medewerker'}")
    if s.products:
        lines.append("")
        lines.append("Producten")
        width = max(len(p.id) for p in s.products)
        for p in s.products:
            extra = f"; alleen met {' of '.join(p.requires_one_of)} op dezelfde locatie" if p.requires_one_of else ""
            aliases = f" (ook: {', '.join(p.aliases)})" if p.aliases else ""
            lines.append(f"  {p.id.ljust(width)}  {p.name}{aliases}{extra}")
    lines.append("")
    lines.append(f"Normen ({len(s.norms)})")
    for n in s.norms:
        lines.append("")
        lines.append(f"  {n.id}  [{n.check}, {n.severity.value}]")
        lines.extend(_wrap(n.title, "    "))
        if n.products:
            lines.extend(_wrap("producten: " + ", ".join(n.products), "    "))
        lines.extend(_wrap("eis: " + describe_params(n.params), "    "))
        if n.interpretation:
            lines.extend(_wrap("lezing: " + n.interpretation, "    "))
        lines.extend(_wrap(f"bron: {n.source.document}, {n.source.section}", "    "))
        lines.extend(_wrap(f"\u201c{n.source.quote}\u201d", "      "))
    if s.unchecked:
        lines.append("")
        lines.append(f"Niet uit een rooster te toetsen ({len(s.unchecked)})")
        for u in s.unchecked:
            lines.append("")
            lines.append(f"  {u.id}  {u.title}")
            lines.extend(_wrap("waarom niet: " + u.reason, "    "))
            lines.extend(_wrap(f"bron: {u.source.document}, {u.source.section}", "    "))
            lines.extend(_wrap(f"\u201c{u.source.quote}\u201d", "      "))
    return "\n".join(lines) + "\n"


def describe_params(params: object) -> str:
    """A norm's parameters in words (Dutch, as a planner reads them)."""
    if isinstance(params, CoverageParams):
        who = _PRESENCE[params.presence].format(response=params.response_min)
        staff = "minimaal 1 professional" if params.min_staff == 1 else f"minimaal {params.min_staff} professionals"
        level = "" if params.min_level.value == "MBO-2" else f" van minimaal {params.min_level.value}"
        care = "" if params.care_relevant else " (ook niet-zorgrelevant opgeleid)"
        once = ", op enig moment van elk venster" if params.require == "some_moment" else ""
        return f"{staff}{level}{care} {who}, {describe_window(params.window)}{once}"
    if isinstance(params, ShareParams):
        parts = []
        if params.min_share is not None:
            parts.append(f"minimaal {_pct(params.min_share)}")
        if params.max_share is not None:
            parts.append(f"maximaal {_pct(params.max_share)}")
        block = {"month": "per kalendermaand", "4weeks": "per blok van 4 weken", None: "per roosterperiode"}[params.block]
        return f"{' en '.join(parts)} van de gewerkte uren door professionals van minimaal {params.min_level.value}, {block}"
    if isinstance(params, LevelParams):
        who = "een professional" if params.care_relevant else "een medewerker"
        text = f"elk gewerkt uur door {who} van minimaal {params.min_level.value}"
        if params.min_experience_years:
            text += f" met minimaal {_num(params.min_experience_years)} jaar ervaring met de doelgroep"
        return text
    if isinstance(params, RoleParams):
        level = f" van minimaal {params.min_level.value}" if params.min_level else ""
        care = ", zorgrelevant opgeleid" if params.care_relevant else ""
        where = "met een dienst op de locatie in de periode" if params.rostered else "op de medewerkerslijst"
        return (f"minimaal {params.min_count} medewerker(s) met de rol {params.role.value}{level}{care}, {where}; "
                f"elke op de locatie ingeroosterde houder van de rol moet daaraan voldoen")
    if isinstance(params, ClientHoursParams):
        return _client_hours(params)
    if isinstance(params, LabourLawParams):
        limits = ", ".join(f"{k} {v}" for k, v in params.limits.items())
        return f"regel {params.rule}" + (f" ({limits})" if limits else "")
    return str(params)


def describe_window(w: Window) -> str:
    if w.always:
        return "24 uur per dag, 7 dagen per week"
    if len(w.days) == 7:
        days = "elke dag"
    else:
        days = ", ".join(d for d in WEEKDAYS if d in w.days)
    end = "24:00" if w.end == "24:00" else w.end.strftime("%H:%M")  # type: ignore[union-attr]
    text = f"{days} {w.start.strftime('%H:%M')}-{end}"
    if w.crosses_midnight:
        text += " (tot de volgende ochtend)"
    if w.interpretation:
        text += f" [{w.interpretation}]"
    return text


def _client_hours(p: ClientHoursParams) -> str:
    what = _MEASURE[p.measure]
    if p.measure is ClientHoursMeasure.DAGDEEL_HOURS:
        bands = " of ".join(f"{_num(lo)}-{_num(hi)}" for lo, hi in p.bands or ())
        return f"{bands} {what} (Begeleiding-blad)"
    share = p.measure in (ClientHoursMeasure.INDIRECT_SHARE, ClientHoursMeasure.DIGITAL_SHARE)
    fmt = _pct if share else _num
    parts = []
    if p.min is not None:
        parts.append(f"minimaal {fmt(p.min)}")
    if p.max is not None:
        parts.append(f"maximaal {fmt(p.max)}")
    text = f"{' en '.join(parts)} {what}"
    if p.judge is Judge.AVERAGE:
        week = "een losse week erboven: informatie" if share else "een losse week eronder: waarschuwing"
        text += f", gemiddeld per cliënt over de dagen waarop die het product heeft ({week})"
    if p.group_exchange:
        above = f" boven {_num(p.group_included)}" if p.group_included else ""
        text += f"; groepsuren{above} tellen 1 op {_num(p.group_exchange)} als individuele uren"
    if p.kinds:
        text += f"; soorten: {', '.join(k.value for k in p.kinds)}"
    if p.measure is ClientHoursMeasure.ON_SITE_HOURS_PER_CLIENT_DAY:
        return text + " (diensten en Producten-blad)"
    return text + " (Begeleiding-blad)"


def _pct(x: float) -> str:
    return wording.percent(x, decimals=2)


def _num(x: float | None) -> str:
    return wording.number(x) if x is not None else ""


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]
