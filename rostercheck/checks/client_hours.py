"""The ``client_hours`` check kind: realised support per client, from the ``Begeleiding`` sheet.

What the documents ask for, per measure (``ClientHoursMeasure``):

- ``individual_hours_per_week``: individual support per client per week against a
  band (001: "individuele begeleiding per week 7-9 uur"; the lower bound is "het
  minimaal in te zetten aantal uren"). Where the document allows it, group hours
  are exchanged for individual hours ("6 groepsuren staan gelijk aan 1
  individueel uur": ``group_exchange: 6``); where group hours are already part
  of the product (``group_included``), only the group hours above that count.
- ``group_hours_per_week`` / ``support_hours_per_week``: group or all direct
  support per client per week; with ``aggregate: location_average`` the
  location's total over its clients (``Producten.clienten``) (004: "gemiddeld
  15 uur per week ondersteuning").
- ``contacts_per_week``: individual contacts per client per week (004: "wekelijks
  minstens drie individuele contactmomenten").
- ``indirect_share``: indirect hours over all client-bound hours, per client over
  the period (002, 1.7: "over het gehele traject").
- ``digital_share``: digital hours over direct hours, per client per week (002, 1.8).
- ``dagdeel_hours``: hours per client per day fall in one of the bands (003: a
  dagdeel is 3-4 hours, two dagdelen 7-8 hours).

Weekly measures use whole ISO weeks (Monday to Sunday) that lie inside the period
and on which the norm's product is delivered every day; the finding says when
partial weeks at the edges were left out. Without a ``Begeleiding`` sheet the norm
cannot be verified: one ``input`` warning per norm and location (OUTPUT.md: data
the check needed and did not have), never a silent pass.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from rostercheck.checks._common import active_days, support_at
from rostercheck.checks.scope import clients_on, first_active_product
from rostercheck.findings import CheckKind, Finding, Severity
from rostercheck.model import Roster, SupportKind, SupportRecord
from rostercheck.normsets.schema import ClientHoursMeasure, ClientHoursNorm, NormSet

M = ClientHoursMeasure
_DIRECT = (SupportKind.INDIVIDUAL, SupportKind.GROUP, SupportKind.DIGITAL)
# Digital contact is individual contact at a distance (002, 1.8: part of the
# direct client-bound time), so it counts as individual support and as a contact.
_INDIVIDUAL = (SupportKind.INDIVIDUAL, SupportKind.DIGITAL)

# Which kinds a measure counts when the norm does not say (``params.kinds``). For
# the two shares these are the kinds of the denominator.
DEFAULT_KINDS: dict[ClientHoursMeasure, tuple[SupportKind, ...]] = {
    M.INDIVIDUAL_HOURS_PER_WEEK: _INDIVIDUAL,
    M.GROUP_HOURS_PER_WEEK: (SupportKind.GROUP,),
    M.SUPPORT_HOURS_PER_WEEK: _DIRECT,
    M.CONTACTS_PER_WEEK: _INDIVIDUAL,
    M.INDIRECT_SHARE: tuple(SupportKind),  # "totale cliëntgebonden tijd": direct and indirect
    M.DIGITAL_SHARE: _DIRECT,  # "de totaal geïndiceerde ondersteuning (= direct cliëntgebonden tijd)"
    M.DAGDEEL_HOURS: _DIRECT,
}

UNITS = {
    M.INDIVIDUAL_HOURS_PER_WEEK: "hours/week",
    M.GROUP_HOURS_PER_WEEK: "hours/week",
    M.SUPPORT_HOURS_PER_WEEK: "hours/week",
    M.CONTACTS_PER_WEEK: "contacts/week",
    M.INDIRECT_SHARE: "share",
    M.DIGITAL_SHARE: "share",
    M.DAGDEEL_HOURS: "hours/day",
}

_WHAT = {
    M.INDIVIDUAL_HOURS_PER_WEEK: "uur individuele begeleiding",
    M.GROUP_HOURS_PER_WEEK: "uur groepsbegeleiding",
    M.SUPPORT_HOURS_PER_WEEK: "uur ondersteuning",
    M.CONTACTS_PER_WEEK: "individuele contactmomenten",
}

CANNOT_VERIFY = "kan niet worden geverifieerd: geen Begeleiding-blad"


def check(norm: ClientHoursNorm, norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    days = active_days(roster, location_id, norm.products)
    if not days:
        return []
    ctx = _Context(norm, norm_set, roster, location_id, days)
    if roster.support is None:
        # OUTPUT.md: data the check needed and did not have is an `input` finding
        return [ctx.finding(
            check=CheckKind.INPUT,
            severity=Severity.WARNING,
            start=roster.period.start,
            end=roster.period.end,
            product=first_active_product(roster, location_id, norm.products),
            measured=None,
            required=_bound(norm),
            message=f"{norm.title}: {CANNOT_VERIFY}.",
        )]
    measure = norm.params.measure
    if measure is M.DAGDEEL_HOURS:
        return ctx.dagdeel()
    if measure is M.INDIRECT_SHARE:
        return ctx.period_share()
    return ctx.weekly()


def _bound(norm: ClientHoursNorm) -> float | None:
    p = norm.params
    return p.min if p.min is not None else p.max


def full_weeks(days: list[date]) -> list[date]:
    """Mondays of the ISO weeks of which all seven days are in ``days``."""
    have = set(days)
    return sorted(
        d for d in have if d.weekday() == 0 and all(d + timedelta(n) in have for n in range(7))
    )


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


class _Context:
    def __init__(self, norm: ClientHoursNorm, norm_set: NormSet, roster: Roster, location_id: str, days: list[date]):
        self.norm, self.norm_set, self.roster, self.location = norm, norm_set, roster, location_id
        self.params = norm.params
        self.days = days
        self.kinds = self.params.kinds or DEFAULT_KINDS[self.params.measure]
        self._product_ids: dict[str, str] = {}
        wanted = {p.lower() for p in norm.products}
        day_set = set(days)
        at = support_at(roster, location_id)
        # Products as written, decided once per distinct text (not once per row).
        for text in {r.product for r in at}:
            self._product_id(text)
        pid = self._product_ids
        texts = {text for text, p in pid.items() if p.lower() in wanted}
        self.records: list[SupportRecord] = [r for r in at if r.product in texts and r.day in day_set]
        # Every (client, product) seen in the period: each is expected every full week.
        self.client_keys = sorted({(r.client, pid[r.product]) for r in self.records})

    def _product_id(self, text: str) -> str:
        """The norm set's id for a product as written (asked once per record: remembered)."""
        pid = self._product_ids.get(text)
        if pid is None:
            found = self.norm_set.product(text)
            pid = self._product_ids[text] = found.id if found else text
        return pid

    def finding(self, *, severity: Severity | None = None, start: datetime, end: datetime, product: str | None,
                measured: float | int | None, required: float | int | None, message: str,
                details: tuple[str, ...] = (), check: CheckKind = CheckKind.CLIENT_HOURS) -> Finding:
        return Finding(
            check=check,
            severity=severity or self.norm.severity,
            norm=self.norm.id,
            norm_set=self.norm_set.id,
            product=product,
            location=self.location,
            start=start,
            end=end,
            measured=measured,
            required=required,
            unit=UNITS[self.params.measure],
            message=message,
            source=self.norm.source,
            details=details,
        )

    def _violated(self, value: float) -> float | None:
        """The bound the value breaks, or None."""
        p = self.params
        if p.min is not None and value < p.min - 1e-9:
            return p.min
        if p.max is not None and value > p.max + 1e-9:
            return p.max
        return None

    # --- weekly measures -------------------------------------------------------
    def weekly(self) -> list[Finding]:
        weeks = full_weeks(self.days)
        counted = {w + timedelta(n) for w in weeks for n in range(7)}
        left_out = [d for d in self.days if d not in counted]
        note = ""
        if left_out:
            note = f" {len(left_out)} dag(en) in onvolledige weken (ma-zo) aan begin of eind van de periode zijn niet meegeteld."
        if not weeks:
            return [self.finding(
                check=CheckKind.INPUT,
                severity=Severity.WARNING,
                start=self.roster.period.start,
                end=self.roster.period.end,
                product=first_active_product(self.roster, self.location, self.norm.products),
                measured=None,
                required=_bound(self.norm),
                message=f"{self.norm.title}: kan niet worden geverifieerd: de periode bevat geen volledige week (ma-zo).",
            )]
        by_week: dict[date, list[SupportRecord]] = defaultdict(list)
        mondays: dict[date, date] = {}
        for r in self.records:  # one pass, not one per week
            mon = mondays.get(r.day)
            if mon is None:
                mon = mondays[r.day] = r.day - timedelta(r.day.weekday())
            by_week[mon].append(r)
        out: list[Finding] = []
        for monday in weeks:
            week_records = by_week.get(monday, [])
            if self.params.aggregate == "location_average":
                out.extend(self._week_average(monday, week_records, note))
            else:
                out.extend(self._week_per_client(monday, week_records, note))
        return out

    def _value(self, records: list[SupportRecord]) -> float:
        p, measure = self.params, self.params.measure
        if measure is M.CONTACTS_PER_WEEK:
            return float(sum(1 for r in records if r.kind in self.kinds and r.hours > 0))
        if measure is M.DIGITAL_SHARE:
            base = sum(r.hours for r in records if r.kind in self.kinds)
            digital = sum(r.hours for r in records if r.kind is SupportKind.DIGITAL)
            return digital / base if base else 0.0
        value = sum(r.hours for r in records if r.kind in self.kinds)
        if measure is M.INDIVIDUAL_HOURS_PER_WEEK and p.group_exchange:
            group = sum(r.hours for r in records if r.kind is SupportKind.GROUP)
            value += max(0.0, group - (p.group_included or 0.0)) / p.group_exchange
        return value

    def _week_per_client(self, monday: date, records: list[SupportRecord], note: str) -> list[Finding]:
        by_client: dict[tuple[str, str], list[SupportRecord]] = {key: [] for key in self.client_keys}
        pid = self._product_ids  # every product of self.records is in it
        for r in records:
            by_client[(r.client, pid[r.product])].append(r)
        out = []
        for (client, product), recs in sorted(by_client.items()):
            if self.params.measure is M.DIGITAL_SHARE and not recs:
                continue  # no support at all: no share to speak of
            value = self._value(recs)
            bound = self._violated(value)
            if bound is None:
                continue
            out.append(self.finding(
                start=_at(monday),
                end=_at(monday + timedelta(7)),
                product=product,
                measured=round(value, 4),
                required=bound,
                message=self._message(f"Cliënt {client}", value, bound, monday) + note,
            ))
        out.extend(self._missing_clients(monday, {client for client, _ in by_client}, note))
        return out

    def _missing_clients(self, monday: date, seen: set[str], note: str) -> list[Finding]:
        """Clients on the Producten sheet who have no record at all in the period:
        they cannot be named, but their count shows the record is incomplete."""
        p = self.params
        if p.measure is M.DIGITAL_SHARE or p.min is None or p.min <= 0:
            return []
        expected = min(clients_on(self.roster, self.location, self.norm.products, monday + timedelta(n)) for n in range(7))
        if len(seen) >= expected:
            return []
        missing = expected - len(seen)
        return [self.finding(
            severity=Severity.WARNING,
            start=_at(monday),
            end=_at(monday + timedelta(7)),
            product=first_active_product(self.roster, self.location, self.norm.products, monday),
            measured=0,
            required=p.min,
            message=(
                f"{missing} van de {expected} cliënten (Producten-blad) hebben in de periode geen enkele "
                f"regel in het Begeleiding-blad; in de week van {monday.isoformat()} is de norm voor hen "
                f"({_fmt(p.min)} {_WHAT.get(p.measure, '')}) niet gehaald of niet geregistreerd."
            ) + note,
        )]

    def _week_average(self, monday: date, records: list[SupportRecord], note: str) -> list[Finding]:
        week = [monday + timedelta(n) for n in range(7)]
        clients = sum(clients_on(self.roster, self.location, self.norm.products, d) for d in week) / 7
        if clients <= 0:
            return []
        value = self._value(records) / clients
        bound = self._violated(value)
        if bound is None:
            return []
        who = f"Gemiddeld over {_fmt(clients)} cliënten"
        return [self.finding(
            start=_at(monday),
            end=_at(monday + timedelta(7)),
            product=first_active_product(self.roster, self.location, self.norm.products, monday),
            measured=round(value, 4),
            required=bound,
            message=self._message(who, value, bound, monday) + note,
        )]

    def _message(self, who: str, value: float, bound: float, monday: date) -> str:
        p = self.params
        week = f"in de week van {monday.isoformat()}"
        if p.measure is M.DIGITAL_SHARE:
            return f"{who}: {_pct(value)} van de directe begeleiding was digitaal {week}; maximaal {_pct(bound)}."
        what = _WHAT[p.measure]
        side = "minimaal" if p.min is not None and bound == p.min else "maximaal"
        text = f"{who}: {_fmt(value)} {what} {week}; {side} {_fmt(bound)}."
        if p.measure is M.INDIVIDUAL_HOURS_PER_WEEK and p.group_exchange:
            extra = f"boven {_fmt(p.group_included)} " if p.group_included else ""
            text += f" Groepsuren {extra}tellen 1 op {_fmt(p.group_exchange)} mee."
        return text

    # --- share over the period ---------------------------------------------------
    def period_share(self) -> list[Finding]:
        by_client: dict[tuple[str, str], list[SupportRecord]] = defaultdict(list)
        for r in self.records:
            by_client[(r.client, self._product_id(r.product))].append(r)
        start, end = _at(self.days[0]), _at(self.days[-1] + timedelta(1))
        out = []
        for (client, product), recs in sorted(by_client.items()):
            total = sum(r.hours for r in recs if r.kind in self.kinds)
            if total <= 0:
                continue
            value = sum(r.hours for r in recs if r.kind is SupportKind.INDIRECT) / total
            bound = self._violated(value)
            if bound is None:
                continue
            out.append(self.finding(
                start=start,
                end=end,
                product=product,
                measured=round(value, 4),
                required=bound,
                message=(
                    f"Cliënt {client}: {_pct(value)} van de cliëntgebonden tijd in de periode was indirect; "
                    f"maximaal {_pct(bound)}."
                ),
            ))
        return out

    # --- dagdelen ------------------------------------------------------------------
    def dagdeel(self) -> list[Finding]:
        per_day: dict[tuple[str, str, date], float] = defaultdict(float)
        for r in self.records:
            if r.kind in self.kinds:
                per_day[(r.client, self._product_id(r.product), r.day)] += r.hours
        bands = self.params.bands or ()
        allowed = " of ".join(f"{_fmt(lo)}-{_fmt(hi)}" for lo, hi in bands)
        out = []
        for (client, product, day), hours in sorted(per_day.items()):
            if hours <= 0 or any(lo - 1e-9 <= hours <= hi + 1e-9 for lo, hi in bands):
                continue
            nearest = min((b for band in bands for b in band), key=lambda b: (abs(b - hours), b))
            out.append(self.finding(
                start=_at(day),
                end=_at(day + timedelta(1)),
                product=product,
                measured=round(hours, 4),
                required=nearest,
                message=(
                    f"Cliënt {client}: {_fmt(hours)} uur dagbesteding op {day.isoformat()}; "
                    f"een dag is {allowed} uur (één of twee dagdelen)."
                ),
            ))
        return out
