"""Realistic generated rosters: a team's rotation per location, not random rows.

Every location gets a team sized to its products and the posts (diensten) those
products need, filled day by day the way a planner fills a rotation:

* 24/7 living (Beschermd Wonen, Herstelgericht verblijf, 15B01/15B03): vroeg
  07:00-15:30 and laat 14:30-22:30 on site, a night 22:00-07:30 as a sleeping watch
  (slaapdienst) or, with 15N16, an awake watch (waakdienst), with handovers.
* ambulant support with a response norm (Beschermd Thuis, Groepswonen, ...): day
  visits 09:00-17:00, a weekend visit shift, and an on-call line (beschikbaar)
  07:00-15:00 / 15:00-23:00 / 23:00-07:00 whose response time comes from the
  ``Reistijden`` sheet (only staff living close enough take on-call duty).
* intensive ambulant (IHT): early and late ambulant shifts every day (07:00-22:00
  on duty) and a phone night (bereikbaar) for 24/7 reachability.
* ambulant with a phone line only (02B03): office hours plus bereikbaar outside them.
* day care (Dagbesteding): 08:30-16:30 on weekdays.

A regisseur (HBO) works 09:00-17:00 Monday to Thursday at every location. The
staff mix meets the product's HBO share with a margin; roles the norms ask for
(spv, achterwacht, gedragswetenschapper) are given to team members.

The rotation respects the Working Hours Act as far as a roster shows it, treating
every shift (also on-call and phone duty) as time that is not rest: at least 11 h
between shifts, 14 h after a night, 46 h after three or more nights in a row, at
most 4 nights in a row and 5 days in a row, at most 12 h per shift, 36 h of
uninterrupted rest in every 7x24 h (checked exactly), at most 48 h of duty in any
180 h, and working hours per calendar week near the contract.

``gaps=N`` plants N realistic defects (:class:`Defect`), deterministic per seed.
Run ``python -m benchmarks.generate --samples sample_rosters/`` to regenerate the
sample rosters.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Iterable, Sequence

from rostercheck.model import (
    Employee,
    Level,
    Location,
    Period,
    ProductAssignment,
    Role,
    Roster,
    Shift,
    ShiftKind,
    SupportKind,
    SupportRecord,
    TravelTime,
)

# --------------------------------------------------------------------------- profiles


@dataclass(frozen=True)
class SupportPlan:
    """Realised support (Begeleiding) per client per week."""

    individual: float = 0.0  # individual hours per week
    contacts: int = 3  # individual contacts per week
    group: float = 0.0  # group hours per week (two sessions)
    indirect: float = 0.0  # indirect hours as a fraction of client-bound hours
    digital: float = 0.0  # share of the individual hours delivered digitally (one contact)
    dagdeel: bool = False  # Dagbesteding: 3.5 h per dagdeel, 7.5 h on a two-dagdeel day


@dataclass(frozen=True)
class Profile:
    """What a product asks of the roster, as far as the generator needs to know."""

    pattern: str  # "residential" | "ambulant" | "day"
    clients: int
    night: ShiftKind = ShiftKind.SLEEP  # residential night watch
    on_call_min: int | None = None  # ambulant: on-call line 24/7, on site within this many minutes
    day_evening: bool = False  # ambulant: on duty 07:00-22:00 every day, phone at night
    # ambulant (000 IHT-I, NORMS.md rev. 2 reading 6): someone who can come 24/7, so the
    # night line is on call (beschikbaar), not a phone
    crisis: bool = False
    # ambulant (004 Groepswonen/Geclusterd, reading 12): an awake professional on site
    # some time each weekday, so one weekday day shift is on site
    day_on_site: bool = False
    phone: bool = False  # ambulant: phone line (bereikbaar) outside office hours
    hbo_share: float = 0.0  # minimum share of working hours by HBO or higher
    wo_share: float = 0.0  # WO share assumed in the tariff
    min_level: Level = Level.MBO4
    min_experience: float | None = None
    roles: tuple[Role, ...] = ()
    support: SupportPlan | None = None
    surcharge: bool = False  # a surcharge on the location's first product, for the same clients


_R, _A, _D = "residential", "ambulant", "day"
_BW = dict(group=7.5, contacts=5)

PROFILES: dict[str, dict[str, Profile]] = {
    "tarieven-15n": {
        "15N02": Profile(_A, 14, on_call_min=90, support=SupportPlan(individual=2.5, contacts=2)),
        "15N03": Profile(_A, 12, on_call_min=90, support=SupportPlan(individual=5.0, contacts=3)),
        "15N04": Profile(_A, 10, on_call_min=90, support=SupportPlan(individual=7.5, contacts=4)),
        "15N17": Profile(_A, 12, on_call_min=90, support=SupportPlan(individual=2.5, contacts=2)),
        "15N11": Profile(_A, 10, on_call_min=45, support=SupportPlan(individual=5.0, **_BW)),
        "15N14": Profile(_A, 8, on_call_min=45, support=SupportPlan(individual=3.5, **_BW)),
        "15N15": Profile(_A, 8, on_call_min=45, support=SupportPlan(individual=6.0, **_BW)),
        "15N12": Profile(_R, 8, support=SupportPlan(individual=8.0, **_BW)),
        "15N13": Profile(_R, 10, support=SupportPlan(individual=12.0, **_BW)),
        # Toeslag wakende wacht: only together with 15N12/15N13, for the same clients; turns the night awake.
        "15N16": Profile(_R, 0, night=ShiftKind.AWAKE_NIGHT, surcharge=True),
    },
    "oost-veluwe-2024": {
        "IHT-P": Profile(_A, 16, day_evening=True, hbo_share=0.5, wo_share=0.1, roles=(Role.REGISSEUR,)),
        "IHT-I": Profile(_A, 12, day_evening=True, crisis=True, hbo_share=0.6, wo_share=0.1, roles=(Role.REGISSEUR,)),
        # 17 +- 2 clients: the 24/7 team's on-site hours fall in the tariff's 1,3-1,9 h agogisch
        # klimaat per client per day (000, 2)
        "HGV": Profile(_R, 17, hbo_share=0.5, wo_share=0.1, roles=(Role.REGISSEUR,),
                       support=SupportPlan(individual=4.2, contacts=4)),
        "TVV": Profile(_R, 17, hbo_share=0.5, wo_share=0.1, roles=(Role.REGISSEUR,),
                       support=SupportPlan(individual=4.0, contacts=4)),
    },
    "zou-segment-b": {
        "02B03": Profile(_A, 14, phone=True, hbo_share=0.2, roles=(Role.BACKUP,),
                         support=SupportPlan(individual=3.0, contacts=3, indirect=0.2, digital=0.1)),
        "02B04": Profile(_A, 8, min_level=Level.HBO, wo_share=0.1,
                         support=SupportPlan(individual=4.0, contacts=3, indirect=0.2, digital=0.1)),
        "02B05": Profile(_A, 10, min_level=Level.HBO, min_experience=3, wo_share=0.1,
                         roles=(Role.BEHAVIOURAL_SCIENTIST,),
                         support=SupportPlan(individual=5.0, contacts=3, indirect=0.2, digital=0.1)),
    },
    "bijlage5": {
        "BT": Profile(_A, 12, on_call_min=45),
        "DB-BASIS": Profile(_D, 12, support=SupportPlan(dagdeel=True)),
        "DB-PLUS": Profile(_D, 8, support=SupportPlan(dagdeel=True)),
        "IB-BASIS": Profile(_A, 15),
        "IB-PLUS": Profile(_A, 10),
    },
    "centraal-gelderland": {
        "15B01": Profile(_R, 10, roles=(Role.REGISSEUR,), support=SupportPlan(individual=7.0, contacts=5, group=5.5)),
        "15B02": Profile(_R, 10, roles=(Role.REGISSEUR,), support=SupportPlan(individual=7.0, contacts=5, group=5.5)),
        "15B03": Profile(_R, 8, roles=(Role.REGISSEUR, Role.SPV), support=SupportPlan(individual=9.5, contacts=5, group=6.0)),
        "15B04": Profile(_R, 8, roles=(Role.REGISSEUR, Role.SPV), support=SupportPlan(individual=9.5, contacts=5, group=6.0)),
        "15B17": Profile(_A, 10, day_on_site=True, on_call_min=30, roles=(Role.REGISSEUR,), support=SupportPlan(individual=5.0, contacts=4, group=3.0)),
        "15B21": Profile(_A, 10, day_on_site=True, on_call_min=30, roles=(Role.REGISSEUR,), support=SupportPlan(individual=6.5, contacts=4, group=3.5)),
        "15B23": Profile(_A, 8, day_on_site=True, on_call_min=30, roles=(Role.REGISSEUR,), support=SupportPlan(individual=8.0, contacts=5, group=3.75)),
        "15B09": Profile(_A, 12, on_call_min=30, roles=(Role.REGISSEUR,)),
        "15B33": Profile(_A, 10, day_on_site=True, on_call_min=30, roles=(Role.REGISSEUR,), support=SupportPlan(individual=5.5, contacts=4, group=2.0)),
    },
}

# Product combinations per location, cycled over the locations of a generated roster.
DEFAULT_MIX: dict[str, list[tuple[str, ...]]] = {
    "tarieven-15n": [("15N13",), ("15N12", "15N16"), ("15N03",)],
    "oost-veluwe-2024": [("HGV",), ("IHT-I",), ("IHT-P",)],
    "zou-segment-b": [("02B03",), ("02B05",), ("02B04",)],
    "bijlage5": [("BT", "DB-BASIS"), ("BT",), ("DB-PLUS", "IB-BASIS")],
    "centraal-gelderland": [("15B03",), ("15B01",), ("15B21",)],
}

# --------------------------------------------------------------------------- posts


@dataclass(frozen=True)
class Post:
    """A recurring shift a planner has to fill (a dienst in the rotation)."""

    code: str  # shift code, also used in the grid form
    start: int  # minutes after midnight of the day the shift starts
    end: int  # may be > 1440 (ends the next day)
    kind: ShiftKind
    weekdays: frozenset[int] = frozenset(range(7))
    regisseur_only: bool = False
    on_call_limit: int | None = None  # only staff with a travel time at most this (minus a margin)
    label: str = ""  # Dutch name, for the Dienstcodes sheet
    pattern: str = ""  # which kind of product the post serves (residential, ambulant, day)

    @property
    def hours(self) -> float:
        return (self.end - self.start) / 60


def _hm(h: int, m: int = 0) -> int:
    return h * 60 + m


WEEKDAYS, WEEKEND = frozenset(range(5)), frozenset({5, 6})


def location_posts(profiles: Sequence[Profile]) -> list[Post]:
    """The posts of a location delivering these products (one set of lines, however many products)."""
    posts: list[Post] = []
    residential = [p for p in profiles if p.pattern == _R]
    ambulant = [p for p in profiles if p.pattern == _A]
    day = [p for p in profiles if p.pattern == _D]
    regie_kind = ShiftKind.PRESENT if residential or day else ShiftKind.AMBULANT
    posts.append(Post("R" if regie_kind is ShiftKind.PRESENT else "RA", _hm(9), _hm(17), regie_kind,
                      frozenset(range(4)), regisseur_only=True, label="regie"))
    posts += _residential_posts(residential) + _ambulant_posts(ambulant) + _day_posts(day)
    return posts


def _residential_posts(residential: list[Profile]) -> list[Post]:
    posts: list[Post] = []
    if residential:
        awake = any(p.night is ShiftKind.AWAKE_NIGHT for p in residential)
        posts += [
            Post("V", _hm(7), _hm(15, 30), ShiftKind.PRESENT, label="vroeg"),
            Post("L", _hm(14, 30), _hm(22, 30), ShiftKind.PRESENT, label="laat"),
            Post("NW" if awake else "N", _hm(22), _hm(31, 30), ShiftKind.AWAKE_NIGHT if awake else ShiftKind.SLEEP,
                 label="wakende nacht" if awake else "slaapdienst"),
        ]
        if sum(p.clients for p in residential) >= 12:
            posts.append(Post("T", _hm(10), _hm(18, 30), ShiftKind.PRESENT, WEEKDAYS, label="tussendienst"))
    return [replace(p, pattern=_R) for p in posts]


def _ambulant_posts(ambulant: list[Profile]) -> list[Post]:
    posts: list[Post] = []
    if ambulant:
        n_day = max(1, round(sum(p.clients for p in ambulant) / 12))
        if any(p.day_on_site for p in ambulant):
            posts.append(Post("AG", _hm(9), _hm(17), ShiftKind.PRESENT, WEEKDAYS, label="aanwezig groep"))
            n_day -= 1
        posts += [Post("A", _hm(9), _hm(17), ShiftKind.AMBULANT, WEEKDAYS, label="ambulant dag")] * n_day
        limits = [p.on_call_min for p in ambulant if p.on_call_min]
        if any(p.day_evening for p in ambulant):
            posts += [
                Post("AV", _hm(7), _hm(15, 30), ShiftKind.AMBULANT, label="ambulant vroeg"),
                Post("AL", _hm(14), _hm(22, 30), ShiftKind.AMBULANT, label="ambulant laat"),
                Post("BCN", _hm(22), _hm(31, 30), ShiftKind.ON_CALL, label="beschikbaarheid nacht")
                if any(p.crisis for p in ambulant) else
                Post("BN", _hm(22), _hm(31, 30), ShiftKind.PHONE, label="bereikbaarheid nacht"),
            ]
        elif limits:
            limit = min(limits)
            posts += [
                Post("AW", _hm(9), _hm(17), ShiftKind.AMBULANT, WEEKEND, label="ambulant weekend"),
                Post("BDV", _hm(7), _hm(15), ShiftKind.ON_CALL, on_call_limit=limit, label="beschikbaarheid vroeg"),
                Post("BDL", _hm(15), _hm(23), ShiftKind.ON_CALL, on_call_limit=limit, label="beschikbaarheid laat"),
                Post("BDN", _hm(23), _hm(31), ShiftKind.ON_CALL, on_call_limit=limit, label="beschikbaarheid nacht"),
            ]
        elif any(p.phone for p in ambulant):
            posts += [
                Post("BA", _hm(17), _hm(23), ShiftKind.PHONE, label="bereikbaarheid avond"),
                Post("BNT", _hm(23), _hm(33), ShiftKind.PHONE, label="bereikbaarheid nacht"),
                Post("BW", _hm(9), _hm(17), ShiftKind.PHONE, WEEKEND, label="bereikbaarheid weekend"),
            ]
    return [replace(p, pattern=_A) for p in posts]


def _day_posts(day: list[Profile]) -> list[Post]:
    if not day:
        return []
    n_db = max(1, round(sum(p.clients for p in day) / 6))
    return [Post("DB", _hm(8, 30), _hm(16, 30), ShiftKind.PRESENT, WEEKDAYS, label="dagbesteding", pattern=_D)] * n_db


NIGHT_CODES = ("N", "NW", "BDN", "BN", "BCN", "BNT")


def is_night(start: int, end: int) -> bool:
    """Working-time law night shift: more than 1 h of it between 00:00 and 06:00."""
    overlap, d = 0, (start // 1440) * 1440
    while d < end:
        overlap += max(0, min(end, d + 360) - max(start, d))
        d += 1440
    return overlap > 60


# --------------------------------------------------------------------------- team and rotation

FIRST = ("Anouk", "Bram", "Charlotte", "Daan", "Esra", "Fleur", "Gijs", "Hanna", "Ilse", "Jeroen", "Kim", "Lotte",
         "Mohamed", "Noor", "Olaf", "Priya", "Quinten", "Romy", "Sanne", "Tim", "Ufuk", "Vera", "Wouter", "Yara",
         "Zeynep", "Bas", "Mirjam", "Sven", "Ayla", "Joost", "Femke", "Rik", "Zoë", "Noël", "Chloë", "Daniëlle")
LAST = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
        "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Yilmaz", "El Amrani",
        "van Dijk", "Kok", "Willems", "Postma", "Kramer", "Verhoeven", "Hoekstra", "Koster", "Çelik", "Ruël")
PLACES = ("De Linde", "Het Anker", "De Boog", "Veldzicht", "De Horst", "Het Baken", "De Wissel", "Klaverhof",
          "De Esch", "Het Veer", "De Beuk", "Zonnehoek", "De Brink", "Het Kompas", "De Meander", "Roosenburgh")
TOWNS = ("Apeldoorn", "Arnhem", "Ede", "Zutphen", "Epe", "Houten", "Zeist", "Staphorst", "Hasselt", "Doesburg",
         "Renkum", "Wageningen", "Nijkerk", "Barneveld", "Heerde", "Voorst")
NOTES = ("overdracht 14:30", "inwerken nieuwe collega", "MDO 13:00", "cliëntbespreking", "teamoverleg 10:00",
         "ruil met collega", "scholing BHV ochtend", "let op: medicatie-overdracht")


@dataclass
class _Worker:
    emp: Employee
    travel: int | None
    regisseur: bool
    spans: list[tuple[int, int]] = field(default_factory=list)  # (start, end) minutes, chronological
    nights: list[bool] = field(default_factory=list)
    series: int = 0  # nights in a row ending with the last shift
    load: float = 0.0
    days: set[int] = field(default_factory=set)
    week_hours: dict[int, float] = field(default_factory=dict)
    on_call_days: set[int] = field(default_factory=set)
    night_days: list[int] = field(default_factory=list)
    last_code: str = ""
    last_day: int = -99


@dataclass
class _Row:
    """A generated shift before it becomes a model :class:`Shift`."""

    emp: str
    loc: str
    start: int
    end: int
    post: Post
    product: str | None = None
    response: int | None = None
    note: str | None = None


class _Unfillable(Exception):
    pass


def _fits(w: _Worker, post: Post, day: int, s: int, t: int, week: int, night: bool) -> bool:
    if post.regisseur_only != w.regisseur:
        return False
    if post.on_call_limit is not None and (w.travel is None or w.travel > post.on_call_limit - 5):
        return False
    if w.spans:
        last_s, last_e = w.spans[-1]
        gap = s - last_e
        consecutive_night = night and w.nights[-1] and gap < 24 * 60
        need = 11 * 60
        if w.nights[-1]:
            need = 14 * 60
        if w.series >= 3 and not consecutive_night:
            need = 46 * 60
        if consecutive_night and w.series >= 4:
            return False
        if gap < need:
            return False
    if all(day - k in w.days for k in range(1, 6)):
        return False
    inzet = post.hours if post.kind.working_time else 0.0
    if w.emp.contract_hours is not None and w.week_hours.get(week, 0.0) + inzet > min(w.emp.contract_hours + 8, 44):
        return False
    lo = t - 180 * 60
    duty = (t - s) / 60
    for a, b in reversed(w.spans):
        if b <= lo:
            break
        duty += (b - max(a, lo)) / 60
    if duty > 48:
        return False
    if post.kind in (ShiftKind.ON_CALL, ShiftKind.PHONE):
        # consignatie: at most 14 days with on-call duty per 4 weeks (ATW 5:9); a night on
        # call touches two calendar days
        touched = set(range(s // 1440, (t - 1) // 1440 + 1))
        if len({d for d in w.on_call_days if d > day - 28} | touched) > 12:
            return False
    if night and sum(1 for d in w.night_days if d > day - 28) >= 8:
        return False
    return _weekly_rest_ok(w.spans, s, t)


def _weekly_rest_ok(spans: list[tuple[int, int]], s: int, t: int) -> bool:
    """36 h uninterrupted rest in every 7x24 h window that overlaps the new shift [s, t).

    Later shifts are not known yet; a window is checked again when its last shift is
    added, so every window is checked once with all its shifts. A rest gap [a, b)
    gives a window [w, w + 168 h) 36 h of rest when a - 132 h <= w <= b - 36 h; the
    windows overlapping the new shift (w in (s - 168 h, t)) must all be covered.
    """
    week, need = 168 * 60, 36 * 60
    i = len(spans)
    while i > 0 and spans[i - 1][1] > s - 2 * week:
        i -= 1
    prev_end = spans[i - 1][1] if i > 0 else -math.inf
    good: list[tuple[float, float]] = []
    for a, b in [*spans[i:], (s, t)]:
        if a - prev_end >= need:
            good.append((prev_end - (week - need), a - need))
        prev_end = b
    good.append((prev_end - (week - need), math.inf))
    reach: float = s - week
    for a, b in sorted(good):
        if a > reach:
            return False
        reach = max(reach, b)
        if reach >= t:
            return True
    return reach >= t


def _rotate(workers: list[_Worker], posts: list[Post], days: list[date], rng: random.Random, loc: str) -> list[_Row]:
    """Fill every post on every day with the fairest worker who may take it."""
    slots = []
    for i, d in enumerate(days):
        for j, p in enumerate(posts):
            if d.weekday() in p.weekdays:
                slots.append((i * 1440 + p.start, j, i, p))
    slots.sort(key=lambda x: (x[0], x[1]))
    weeks = [d.isocalendar()[0] * 100 + d.isocalendar()[1] for d in days]
    rows: list[_Row] = []
    for s, _, day, post in slots:
        t = day * 1440 + post.end
        night = is_night(s, t)
        week = weeks[day]

        def score(w: _Worker) -> float:
            sc = w.load / (w.emp.contract_hours or 32)
            if w.last_code == post.code and w.last_day == day - 1 and w.series < 3:
                sc -= 0.2  # keep a block of the same shift, as planners do
            return sc + rng.random() * 0.03

        for w in sorted(workers, key=score):
            if _fits(w, post, day, s, t, week, night):
                break
        else:
            raise _Unfillable(f"{loc}: nobody can take {post.code} on {days[day]}")
        consecutive_night = night and w.spans and w.nights[-1] and s - w.spans[-1][1] < 24 * 60
        w.series = (w.series + 1 if consecutive_night else 1) if night else 0
        w.spans.append((s, t))
        w.nights.append(night)
        w.days.add(day)
        weight = 1.0 if post.kind.working_time or post.kind is ShiftKind.SLEEP else 0.5
        w.load += post.hours * weight
        if post.kind.working_time:
            w.week_hours[week] = w.week_hours.get(week, 0.0) + post.hours
        if post.kind in (ShiftKind.ON_CALL, ShiftKind.PHONE):
            w.on_call_days.update(range(s // 1440, (t - 1) // 1440 + 1))
        if night:
            w.night_days.append(day)
        w.last_code, w.last_day = post.code, day
        rows.append(_Row(emp=w.emp.id, loc=loc, start=s, end=t, post=post))
    return rows


# --------------------------------------------------------------------------- defects


@dataclass(frozen=True)
class Defect:
    """A realistic planning defect planted in a generated roster.

    kind:
      ``night_gap``        the night post (slaapdienst, waakdienst, night on call or phone) on ``day`` is left open
      ``on_call_far``      the on-call night on ``day`` is taken by someone staying far away (aanrijtijd over the norm)
      ``hbo_dip``          HBO staff are on long-term leave for the month of ``day``; MBO-4 stand-ins take their shifts
      ``non_care_night``   the night on ``day`` is worked by an agency worker without a care diploma
      ``junior``           one team member's shifts in the month go to a stand-in of too low a level or experience
      ``dagdeel_off``      one client's Dagbesteding day on ``day`` is registered as 5 hours (no dagdeel band)
      ``quick_return``     a swap: whoever has the night of ``day`` also takes laat the next afternoon (7 h rest)
    """

    kind: str
    location: str
    day: date


DEFECT_KINDS = ("night_gap", "on_call_far", "hbo_dip", "non_care_night", "junior", "dagdeel_off", "quick_return")


# --------------------------------------------------------------------------- generation


def _month_start(text: str) -> date:
    y, m = text.split("-")[:2]
    return date(int(y), int(m), 1)


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def _mix(norm_set: str, products) -> list[tuple[str, ...]]:
    if products is None:
        return DEFAULT_MIX[norm_set]
    if isinstance(products, str):
        products = [products]
    out = []
    for item in products:
        out.append(tuple(item.split("+")) if isinstance(item, str) else tuple(item))
    return out


@dataclass
class _Loc:
    id: str
    name: str
    team: str
    products: tuple[str, ...]
    profiles: tuple[Profile, ...]
    clients: dict[str, int]
    posts: list[Post]
    workers: list[_Worker] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)


def _team(loc: _Loc, size: int, rng: random.Random, next_id) -> list[_Worker]:
    profs = loc.profiles
    min_level = max((p.min_level for p in profs), key=lambda lv: lv.rank)
    hbo_need = max(p.hbo_share for p in profs)
    wo_need = max(p.wo_share for p in profs)
    min_exp = max((p.min_experience or 0) for p in profs)
    roles = {r for p in profs for r in p.roles if r is not Role.REGISSEUR}
    on_call = min((p.on_call_min for p in profs if p.on_call_min), default=None)
    if min_level.at_least(Level.HBO):
        n_hbo = size
    elif hbo_need:
        n_hbo = math.ceil(min(1.0, hbo_need + 0.2) * size)
    else:
        n_hbo = max(1, round(size * 0.3))
    n_wo = max(1, math.ceil(0.15 * size)) if wo_need else (1 if Role.BEHAVIOURAL_SCIENTIST in roles else 0)
    workers = []
    # regisseur first: an HBO professional who directs, visible in the roster
    reg = Employee(id=next_id(), name=_name(rng), level=Level.HBO, roles=frozenset({Role.REGISSEUR}),
                   experience_years=float(rng.randint(max(5, int(min_exp) + 2), 20)), contract_hours=32.0)
    workers.append(_Worker(reg, _travel(rng, on_call), True))
    for k in range(size):
        if k < n_wo:
            level = Level.WO
        elif k < n_hbo:
            level = Level.HBO
        else:
            level = Level.MBO4
        r: set[Role] = set()
        if k == 0 and Role.BEHAVIOURAL_SCIENTIST in roles:
            r.add(Role.BEHAVIOURAL_SCIENTIST)
        if k == n_wo and Role.SPV in roles:
            r.add(Role.SPV)
        if k == n_wo and Role.BACKUP in roles:
            r.add(Role.BACKUP)
        exp = float(rng.randint(int(min_exp) + 1, 25)) if min_exp else float(rng.randint(1, 25))
        emp = Employee(id=next_id(), name=_name(rng), level=level, roles=frozenset(r), experience_years=exp,
                       contract_hours=float(rng.choice((24, 28, 32, 32, 36))))
        workers.append(_Worker(emp, _travel(rng, on_call), False))
    return workers


def _travel(rng: random.Random, on_call: int | None) -> int | None:
    if on_call is None:
        return None
    if rng.random() < 0.25:
        return rng.randint(on_call, on_call + 30)  # lives too far for the on-call line
    return rng.randint(5, max(6, on_call - 10))


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _team_size(posts: list[Post]) -> int:
    hours = sum(p.hours * len(p.weekdays) for p in posts if not p.regisseur_only)
    return math.ceil(hours / 30) + 1


def generate_roster(
    *,
    locations: int = 1,
    months: int = 1,
    start: str = "2026-03",
    norm_set: str = "tarieven-15n",
    products: Sequence[str | Sequence[str]] | str | None = None,
    staff_per_location: int | None = None,
    seed: int = 0,
    compliant: bool = True,
    gaps: int = 0,
    defects: Sequence[Defect] = (),
    source_name: str | None = None,
) -> Roster:
    """A roster of ``locations`` teams over ``months`` calendar months from ``start``.

    ``products`` lists product combinations, one per location, cycled ("15N12+15N16"
    or ("15N12", "15N16")); by default the norm set's typical mix. ``staff_per_location``
    is the starting team size (the rotation adds people if the posts cannot be filled
    within the working-time rules). ``compliant=False`` without ``gaps`` plants one
    defect per location; ``gaps=N`` plants N; ``defects`` plants exactly these.
    """
    rng = random.Random(f"{seed}:{norm_set}:{locations}:{months}:{start}")
    profiles = PROFILES[norm_set]
    first = _month_start(start)
    last = _add_months(first, months) - timedelta(days=1)
    days = [first - timedelta(days=1) + timedelta(days=i) for i in range((last - first).days + 2)]
    base = datetime.combine(days[0], datetime.min.time())
    width = max(2, len(str(locations)))
    mix = _mix(norm_set, products)
    counter = iter(range(10001, 10_000_000))
    next_id = lambda: f"E{next(counter)}"  # noqa: E731 - personnel numbers

    locs: list[_Loc] = []
    for i in range(locations):
        combo = mix[i % len(mix)]
        profs = tuple(profiles[p] for p in combo)
        clients = {p: max(0, profiles[p].clients + rng.randint(-2, 2)) for p in combo if not profiles[p].surcharge}
        clients |= {p: clients[combo[0]] for p in combo if profiles[p].surcharge}
        name = f"{PLACES[i % len(PLACES)]} {TOWNS[(i // len(PLACES) + i) % len(TOWNS)]}"
        loc = _Loc(id=f"L{i + 1:0{width}d}", name=name, team=f"Team {PLACES[i % len(PLACES)].split()[-1]}",
                   products=combo, profiles=profs, clients=clients, posts=location_posts(profs))
        size = staff_per_location or _team_size(loc.posts)
        for _attempt in range(8):
            team_rng = random.Random(f"{seed}:{loc.id}:{size}")
            loc.workers = _team(loc, size, team_rng, next_id)
            try:
                loc.rows = _rotate(loc.workers, loc.posts, days, team_rng, loc.id)
                break
            except _Unfillable:
                size += 1
        else:
            raise RuntimeError(f"{loc.id}: could not fill the rotation")
        locs.append(loc)

    if not defects:
        if not compliant and gaps == 0:
            gaps = locations
        defects = _choose_defects(locs, gaps, days[1:-1], random.Random(f"{seed}:gaps"))
    extra_employees: list[Employee] = []
    support_edits: list[Defect] = []
    by_id = {loc.id: loc for loc in locs}
    for k, d in enumerate(defects):
        loc = by_id[d.location]
        if d.kind == "dagdeel_off":
            support_edits.append(d)
            continue
        extra_employees += _plant(loc, d, days, next_id, random.Random(f"{seed}:defect:{k}"))

    # notes, and the product each shift serves where a location delivers several kinds
    note_rng = random.Random(f"{seed}:notes")
    for loc in locs:
        by_pattern = {prof.pattern: prod for prod, prof in zip(loc.products, loc.profiles) if not prof.surcharge}
        several = len({prof.pattern for prof in loc.profiles}) > 1
        # a month's roster shows the night that reaches into it, not the day before
        loc.rows = [r for r in loc.rows if r.end > 1440]
        for row in loc.rows:
            if several and row.post.pattern:
                row.product = by_pattern.get(row.post.pattern)
            if row.note is None and note_rng.random() < 0.03:
                row.note = note_rng.choice(NOTES)

    employees = [w.emp for loc in locs for w in loc.workers] + extra_employees
    shifts = []
    for loc in locs:
        for row in sorted(loc.rows, key=lambda r: (r.start, r.post.code, r.emp)):
            shifts.append(Shift(
                employee=row.emp, location=row.loc, start=base + timedelta(minutes=row.start),
                end=base + timedelta(minutes=row.end), kind=row.post.kind, product=row.product,
                response_min=row.response, note=row.note, code=row.post.code, extra={"team": loc.team},
            ))
    travel = [TravelTime(employee=w.emp.id, location=loc.id, minutes=w.travel)
              for loc in locs for w in loc.workers if w.travel is not None]
    support = _support(locs, first, last, support_edits, random.Random(f"{seed}:support"))
    return Roster(
        source_name=source_name or f"generated-{norm_set}-{locations}x{months}.xlsx",
        period=Period.from_dates(first, last),
        locations=tuple(Location(id=loc.id, name=loc.name, norm_set=norm_set) for loc in locs),
        products=tuple(ProductAssignment(location=loc.id, product=p, clients=loc.clients[p])
                       for loc in locs for p in loc.products),
        employees=tuple(employees),
        shifts=tuple(shifts),
        travel_times=tuple(travel),
        support=tuple(support) if any(p.support for loc in locs for p in loc.profiles) else None,
        columns={"Diensten": ("medewerker", "locatie", "datum", "begin", "eind", "soort", "product",
                              "aanrijtijd_min", "opmerking", "team")},
    )


def _applicable(loc: _Loc, kind: str) -> bool:
    codes = {p.code for p in loc.posts}
    if kind == "night_gap":
        return bool(codes & set(NIGHT_CODES))
    if kind == "on_call_far":
        return "BDN" in codes
    if kind == "hbo_dip":
        return max(p.hbo_share for p in loc.profiles) > 0
    if kind == "non_care_night":
        return bool(codes & {"N", "NW"})
    if kind == "junior":
        return any(p.min_level.at_least(Level.HBO) or p.min_experience for p in loc.profiles)
    if kind == "dagdeel_off":
        return any(p.support and p.support.dagdeel for p in loc.profiles)
    if kind == "quick_return":
        return "L" in codes and bool(codes & {"N", "NW"})
    return False


def _choose_defects(locs: list[_Loc], n: int, days: list[date], rng: random.Random) -> list[Defect]:
    out = []
    kinds = DEFECT_KINDS[:4]
    for i in range(n):
        loc = locs[(i * 7) % len(locs)] if len(locs) > 1 else locs[0]
        for k in range(len(kinds)):
            kind = kinds[(i + k) % len(kinds)]
            if _applicable(loc, kind):
                out.append(Defect(kind, loc.id, rng.choice(days[1:-1] or days)))
                break
    return out


def _minute(days: list[date], day: date) -> int:
    return (day - days[0]).days * 1440


def _plant(loc: _Loc, d: Defect, days: list[date], next_id, rng: random.Random) -> list[Employee]:
    """Change the generated rotation of ``loc`` to carry defect ``d``; returns new employees."""
    day0 = _minute(days, d.day)
    on_day = [r for r in loc.rows if day0 <= r.start < day0 + 1440]
    if d.kind in ("night_gap", "on_call_far", "non_care_night"):
        night = [r for r in on_day if r.post.code in NIGHT_CODES]
        if not night:
            raise ValueError(f"{d}: no night shift at {loc.id} on {d.day}")
        row = night[0]
        if d.kind == "night_gap":
            loc.rows.remove(row)
            return []
        if d.kind == "on_call_far":
            row.response = (row.post.on_call_limit or 30) + 25
            row.note = f"logeert buiten de regio, aanrijtijd {row.response} min"
            return []
        emp = Employee(id=next_id(), name=_name(rng), level=Level.MBO3, care_relevant=False,
                       extra={"opmerking": "uitzendkracht, diploma beveiliging"}, contract_hours=0.0)
        row.emp, row.note = emp.id, "invaller via uitzendbureau"
        return [emp]
    if d.kind == "quick_return":
        night = next(r for r in on_day if r.post.code in ("N", "NW"))
        late = next(r for r in loc.rows if r.post.code == "L" and day0 + 1440 <= r.start < day0 + 2880)
        late.emp, late.note = night.emp, f"ruil met {late.emp}"
        return []
    month = (d.day.year, d.day.month)
    in_month = [r for r in loc.rows if (days[r.start // 1440].year, days[r.start // 1440].month) == month]
    if d.kind == "hbo_dip":
        need = max(p.hbo_share for p in loc.profiles)
        by_emp = {w.emp.id: w for w in loc.workers}
        candidates = [w for w in loc.workers if not w.regisseur and w.emp.level is Level.HBO]
        new: list[Employee] = []
        for w in candidates:
            if _hbo_share(in_month, by_emp, new) < need - 0.03:
                break
            stand_in = Employee(id=next_id(), name=_name(rng), level=Level.MBO4, contract_hours=w.emp.contract_hours,
                                experience_years=float(rng.randint(1, 10)))
            for r in in_month:
                if r.emp == w.emp.id:
                    r.emp, r.note = stand_in.id, f"invalkracht, vervangt {w.emp.id}"
            new.append(stand_in)
        return new
    if d.kind == "junior":
        w = next(w for w in loc.workers if not w.regisseur and not w.emp.roles)
        stand_in = Employee(id=next_id(), name=_name(rng), level=Level.HBO, experience_years=1.0,
                            contract_hours=w.emp.contract_hours)
        if not any(p.min_experience for p in loc.profiles):
            stand_in = stand_in.model_copy(update={"level": Level.MBO4})
        for r in in_month:
            if r.emp == w.emp.id:
                r.emp, r.note = stand_in.id, f"vervangt {w.emp.id} (zwangerschapsverlof)"
        return [stand_in]
    raise ValueError(f"unknown defect kind {d.kind!r}")


def _hbo_share(rows: list[_Row], by_emp: dict[str, _Worker], new: list[Employee]) -> float:
    stand_ins = {e.id for e in new}
    total = hbo = 0.0
    for r in rows:
        if not r.post.kind.working_time:
            continue
        h = (r.end - r.start) / 60
        total += h
        if r.emp not in stand_ins and by_emp[r.emp].emp.level.at_least(Level.HBO):
            hbo += h
    return hbo / total if total else 1.0


def _support(locs: list[_Loc], first: date, last: date, edits: list[Defect], rng: random.Random) -> list[SupportRecord]:
    """Begeleiding rows: each client's contacts spread over every week, as a care plan schedules them.

    Without a ``Clienten`` sheet a client holds the product from their first to their
    last row (FORMAT.md rev. 2) and a week cut by the period is judged pro rata, so a
    compliant client has a row on the period's first and last day and gets the plan
    × days/7 in a partial week (rounded up to the hundredth, contacts up to whole ones).
    """
    out: list[SupportRecord] = []
    n_days = (last - first).days + 1
    all_days = [first + timedelta(days=i) for i in range(n_days)]
    weeks: list[list[date]] = []
    for day in all_days:
        if weeks and day.weekday() != 0:
            weeks[-1].append(day)
        else:
            weeks.append([day])
    odd = {(d.location, d.day) for d in edits}
    planted: set[tuple[str, date]] = set()
    for loc in locs:
        staff = [w.emp.id for w in loc.workers if not w.regisseur] or [loc.workers[0].emp.id]
        c = 0
        for product, prof in zip(loc.products, loc.profiles):
            plan = prof.support
            if plan is None:
                continue
            for k in range(loc.clients[product]):
                c += 1
                client = f"CL{loc.id[1:]}{c:02d}"
                mentor = staff[(c - 1) % len(staff)]

                def add(day: date, hours: float, kind: SupportKind, who: str | None = mentor) -> None:
                    out.append(SupportRecord(client=client, location=loc.id, product=product, day=day,
                                             hours=round(hours, 2), kind=kind, employee=who))

                if plan.dagdeel:
                    attend = sorted({k % 5, (k + 2) % 5, (k + 4) % 5})
                    for day in all_days:
                        wd = day.weekday()
                        if wd in attend:
                            hours = 7.5 if wd == attend[0] else 3.5
                            if (loc.id, day) in odd and (loc.id, day) not in planted:
                                planted.add((loc.id, day))  # the first client attending that day
                                hours = 5.0
                            add(day, hours, SupportKind.GROUP, None)
                    continue
                for week in weeks:
                    _support_week(plan, week, add)
    return out


def _up(x: float) -> float:
    return math.ceil(round(x * 100, 6)) / 100


def _support_week(plan: SupportPlan, week: list[date], add) -> None:
    """One client's rows in one week (or the part of it in the period): contacts on days
    spread from the week's first to its last day, the hours pro rata."""
    n = len(week)
    scale = n / 7
    # at least the week's first and last day, so the client's span is the whole period
    contacts = min(n, max(2, math.ceil(round(plan.contacts * scale, 6)))) if plan.individual else 0
    if contacts:
        days = [week[round(j * (n - 1) / (contacts - 1))] for j in range(contacts)] if contacts > 1 else week
        per = _up(plan.individual * scale / contacts)
        for j, day in enumerate(days):
            if plan.digital and j == len(days) - 1:
                dig = round(per * plan.digital * contacts, 2)
                if dig >= per:
                    dig = round(per / 2, 2)
                add(day, dig, SupportKind.DIGITAL)
                add(day, per - dig, SupportKind.INDIVIDUAL)
            else:
                add(day, per, SupportKind.INDIVIDUAL)
    if plan.group:
        sessions = [d for d in week if d.weekday() in (1, 3)] or [week[0]]
        for day in sessions:
            add(day, _up(plan.group * scale / len(sessions)), SupportKind.GROUP, None)
    if plan.indirect:
        add(week[n // 2], plan.indirect * (plan.individual + plan.group) * scale, SupportKind.INDIRECT)


# --------------------------------------------------------------------------- writing other forms


def sheet_rows(roster: Roster, *, decimal_comma: bool = False) -> dict[str, list[list]]:
    """The sheets other than the shifts, as header + rows (for the grid form and CSV folders)."""

    def num(x: float | int | None):
        if x is None:
            return ""
        if isinstance(x, float) and x.is_integer():
            x = int(x)
        return str(x).replace(".", ",") if decimal_comma else x

    sheets: dict[str, list[list]] = {
        "Periode": [["van", "tot"], [roster.period.start.date(), (roster.period.end - timedelta(days=1)).date()]],
        "Locaties": [["locatie", "naam", "normenkader"]] + [[x.id, x.name, x.norm_set] for x in roster.locations],
        "Producten": [["locatie", "product", "clienten"]] + [[p.location, p.product, p.clients] for p in roster.products],
        "Medewerkers": [["medewerker", "naam", "niveau", "zorgrelevant", "rollen", "ervaring_jaren", "contracturen"]]
        + [[e.id, e.name, e.level.value, "ja" if e.care_relevant else "nee", ", ".join(sorted(r.value for r in e.roles)),
            num(e.experience_years), num(e.contract_hours)] for e in roster.employees],
    }
    if roster.travel_times:
        sheets["Reistijden"] = [["medewerker", "locatie", "minuten"]] + [
            [t.employee, t.location, t.minutes] for t in roster.travel_times]
    if roster.support is not None:
        sheets["Begeleiding"] = [["client", "locatie", "product", "datum", "uren", "soort", "medewerker"]] + [
            [s.client, s.location, s.product, s.day, num(s.hours), s.kind.value, s.employee or ""]
            for s in roster.support]
    return sheets


def write_csv_folder(roster: Roster, folder: Path, *, delimiter: str = ";", encoding: str = "cp1252",
                     decimal_comma: bool = True) -> None:
    """The roster as Dutch Excel exports it: one ``;``-separated Windows-1252 file per sheet, dates d-m-yyyy."""
    folder.mkdir(parents=True, exist_ok=True)

    def cell(v):
        if isinstance(v, date):
            return f"{v.day}-{v.month}-{v.year}"
        return v

    sheets = sheet_rows(roster, decimal_comma=decimal_comma)
    shifts = [["medewerker", "locatie", "datum", "begin", "eind", "soort", "product", "aanrijtijd_min", "opmerking", "team"]]
    for s in roster.shifts:
        shifts.append([s.employee, s.location, s.start.date(), s.start.strftime("%H:%M"), s.end.strftime("%H:%M"), s.kind.value,
                       s.product or "", "" if s.response_min is None else s.response_min, s.note or "",
                       s.extra.get("team", "")])
    sheets["Diensten"] = shifts
    for name, rows in sheets.items():
        with (folder / f"{name.lower()}.csv").open("w", encoding=encoding, newline="") as fh:
            w = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
            for row in rows:
                w.writerow([cell(v) for v in row])


def write_grid_xlsx(roster: Roster, path: Path) -> None:
    """The roster in the grid form (``Rooster`` + ``Dienstcodes``), as many planners keep it in Excel."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    codes: dict[str, tuple] = {}
    cells: dict[tuple[str, str, date], list[str]] = {}
    places: dict[str, dict[str, None]] = {}  # employee -> the locations of their shifts, in order: a row each
    for s in roster.shifts:
        code = s.code or "X"
        key = (s.start.strftime("%H:%M"), s.end.strftime("%H:%M"), s.kind.value, s.response_min)
        if s.response_min is not None:
            code = f"{code}{s.response_min}"  # a separate code for a shift with its own response time
        if codes.setdefault(code, key) != key:
            raise ValueError(f"shift code {code} means two different shifts")
        cells.setdefault((s.employee, s.location, s.start.date()), []).append(code)
        places.setdefault(s.employee, {})[s.location] = None
    wb = Workbook()
    ws = wb.active
    ws.title = "Rooster"
    first = roster.period.start.date() - timedelta(days=1)
    last = (roster.period.end - timedelta(days=1)).date()
    dates = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    ws.append(["medewerker", "locatie"] + dates)
    for c in ws[1][2:]:
        c.number_format = "dd-mm"
    bold = Font(bold=True)
    for c in ws[1]:
        c.font = bold
    weekend = PatternFill("solid", fgColor="EEEEEE")
    weekend_columns = [j + 3 for j, d in enumerate(dates) if d.weekday() >= 5]
    row_no = 1
    for e in roster.employees:
        for loc in places.get(e.id, ()):
            ws.append([e.id, loc] + ["/".join(cells.get((e.id, loc, d), [])) or None for d in dates])
            row_no += 1  # (not ws.max_row: openpyxl counts every cell for it)
            for column in weekend_columns:
                ws.cell(row=row_no, column=column).fill = weekend
    ws.freeze_panes = "C2"
    dc = wb.create_sheet("Dienstcodes")
    dc.append(["code", "begin", "eind", "soort", "aanrijtijd_min"])
    for code, (b, e, kind, resp) in sorted(codes.items()):
        dc.append([code, b, e, kind, resp])
    for name, rows in sheet_rows(roster).items():
        sh = wb.create_sheet(name)
        for row in rows:
            sh.append(row)
        for c in sh[1]:
            c.font = bold
    wb.save(path)


# --------------------------------------------------------------------------- samples

SAMPLE_MONTH = "2026-03"


@dataclass(frozen=True)
class Sample:
    file: str
    norm_set: str
    products: tuple[str, ...]
    defects: tuple[tuple[str, str, str], ...]  # (kind, location, ISO day)
    seed: int = 1
    form: str = "long"  # long | grid | csv


SAMPLES: tuple[Sample, ...] = (
    Sample("tarieven-15n.xlsx", "tarieven-15n", ("15N13", "15N12+15N16", "15N03"),
           (("night_gap", "L01", "2026-03-12"), ("non_care_night", "L02", "2026-03-20"),
            ("on_call_far", "L03", "2026-03-25"), ("quick_return", "L01", "2026-03-17"))),
    Sample("oost-veluwe-2024.xlsx", "oost-veluwe-2024", ("HGV", "IHT-I", "IHT-P"),
           (("night_gap", "L01", "2026-03-08"), ("hbo_dip", "L02", "2026-03-15"))),
    Sample("zou-segment-b.xlsx", "zou-segment-b", ("02B03", "02B05"),
           (("night_gap", "L01", "2026-03-18"), ("junior", "L02", "2026-03-01"))),
    Sample("bijlage5.xlsx", "bijlage5", ("BT+DB-BASIS", "BT"),
           (("on_call_far", "L02", "2026-03-07"), ("dagdeel_off", "L01", "2026-03-10"))),
    Sample("centraal-gelderland.xlsx", "centraal-gelderland", ("15B03", "15B01", "15B21"),
           (("night_gap", "L02", "2026-03-21"), ("on_call_far", "L03", "2026-03-04"))),
)
# The grid form and the CSV folder hold the same rosters as two long-form samples, so
# the three forms can be seen (and tested) to give the same findings.
SAMPLES += (
    replace(SAMPLES[0], file="grid-tarieven-15n.xlsx", form="grid"),
    replace(SAMPLES[1], file="csv-oost-veluwe-2024", form="csv"),
)


def sample_roster(sample: Sample) -> Roster:
    return generate_roster(
        locations=len(sample.products), months=1, start=SAMPLE_MONTH, norm_set=sample.norm_set,
        products=list(sample.products), seed=sample.seed, source_name=sample.file,
        defects=[Defect(k, loc, date.fromisoformat(day)) for k, loc, day in sample.defects],
    )


def write_samples(folder: Path) -> list[Path]:
    from rostercheck.workbook import write_roster_xlsx

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sample in SAMPLES:
        roster = sample_roster(sample)
        path = folder / sample.file
        if sample.form == "grid":
            write_grid_xlsx(roster, path)
        elif sample.form == "csv":
            write_csv_folder(roster, path)
        else:
            write_roster_xlsx(roster, path)
        written.append(path)
    return written


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=Path, help="write the sample rosters into this folder")
    ap.add_argument("-o", "--output", type=Path, help="write one generated roster (.xlsx long form, or a folder: CSV)")
    ap.add_argument("--locations", type=int, default=1)
    ap.add_argument("--months", type=int, default=1)
    ap.add_argument("--start", default="2026-03")
    ap.add_argument("--norm-set", default="tarieven-15n")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--gaps", type=int, default=0)
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.samples:
        for p in write_samples(args.samples):
            print(p)
    if args.output:
        roster = generate_roster(locations=args.locations, months=args.months, start=args.start,
                                 norm_set=args.norm_set, seed=args.seed, gaps=args.gaps,
                                 source_name=args.output.name)
        if args.output.suffix.lower() == ".xlsx":
            from rostercheck.workbook import write_roster_xlsx

            write_roster_xlsx(roster, args.output)
        else:
            write_csv_folder(roster, args.output)
        print(f"{args.output}: {len(roster.shifts)} diensten, {len(roster.employees)} medewerkers")
    if not args.samples and not args.output:
        ap.error("give --samples FOLDER and/or -o FILE")


if __name__ == "__main__":
    main()
