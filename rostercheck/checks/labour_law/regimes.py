"""Which working-time regime judges an employee, and why.

The law arranges three regimes, and the roster plus the chosen collective
agreement (``--cao``) decide which one applies to each employee:

``atw``
    No collective agreement. The general rules of the Arbeidstijdenwet. A
    ``slaapdienst`` is ordinary work here: an aanwezigheidsdienst with its own
    rules "wordt ... uitsluitend bij collectieve regeling ... opgelegd" (ATB 4.8:1
    lid 2), so without one the sleeping watch is judged as the working time it is
    (5:7, and as a nachtdienst by 5:8 when it holds more than an hour between 00:00
    and 06:00). On-call shifts (``beschikbaar``, ``bereikbaar``) are consignatie
    (5:9); a bereikbaarheidsdienst also needs a collective agreement (5.19:3 lid 1).
``atw-zorg``
    A collective agreement and no sleeping watch. The general rules, with the
    care paragraph ATB §5.19 ("verpleging en verzorging", whose definition in
    ATB 1:1 includes "de begeleiding ... van personen in verband met hun
    lichamelijke of geestelijke gesteldheid" — the work of these providers): daily
    rest by 5.19:2 instead of 5:3 lid 2; a ``beschikbaar`` shift is a
    bereikbaarheidsdienst (5.19:3), a ``bereikbaar`` shift remains consignatie;
    all special duties together are capped (5.19:4).
``atb-4.8`` / ``atb-4.8:2``
    A collective agreement and at least one ``slaapdienst`` of the employee in
    the roster: the aanwezigheidsdienst of ATB 4.8:1, under which "De artikelen
    5:3, tweede lid, 5:5, tweede lid, 5:7, tweede tot en met vierde lid, en 5:8
    van de wet zijn niet van toepassing" (lid 1); its own rules (lid 3, with the
    lid 5 exceptions) apply instead, and §5.19:3–4 still do. ``atb-4.8:2`` where
    the employee gave written consent (``Medewerkers.instemming_aanwezigheidsdienst``):
    an average of 60 h instead of 48 h per 26 weeks.

Whether sleeping watches are "regelmatig of voor een aanzienlijk deel" of the
work (4.8:1 lid 1) cannot be seen in one roster: one sleeping watch in the
roster is read as enough (the planner rosters sleeping watches for this person).

A norm says in which regimes it applies (``regimes:`` in the norm file; absent =
all). The fixer evaluates an employee through the same function, so a proposal
is judged under the regime in force.
"""

from __future__ import annotations

from dataclasses import dataclass

ATW, ATW_CARE, PRESENCE, PRESENCE_CONSENT = "atw", "atw-zorg", "atb-4.8", "atb-4.8:2"
REGIMES = (ATW, ATW_CARE, PRESENCE, PRESENCE_CONSENT)


@dataclass(frozen=True)
class Regime:
    name: str
    reason: str

    @property
    def collective(self) -> bool:
        """A collective agreement is in force (the ATB regimes "bij collectieve regeling")."""
        return self.name != ATW

    @property
    def presence(self) -> bool:
        return self.name in (PRESENCE, PRESENCE_CONSENT)


def regime_of(sleeps: int, cao: str | None, consent: bool) -> Regime:
    """The regime for one employee with ``sleeps`` slaapdiensten in the roster.
    ``cao`` is the title of the collective agreement in force (None: none);
    ``consent`` is ATB 4.8:2 written consent."""
    if cao is None:
        why = "geen cao gekozen: de algemene regels van de Arbeidstijdenwet"
        if sleeps:
            why += (f"; {sleeps} slaapdienst(en) tellen als gewone arbeid, want een aanwezigheidsdienst "
                    "(ATB 4.8:1) kan alleen bij collectieve regeling")
        if consent:
            why += "; de instemming met aanwezigheidsdiensten (ATB 4.8:2) telt niet zonder cao"
        return Regime(ATW, why + ".")
    if not sleeps:
        return Regime(ATW_CARE, f"{cao}, geen slaapdienst in het rooster: de Arbeidstijdenwet met de zorgparagraaf "
                                "ATB §5.19 (dagelijkse rust 5.19:2, bereikbaarheidsdiensten 5.19:3, cumulatie 5.19:4).")
    base = (f"{cao} en {sleeps} slaapdienst(en) in het rooster: aanwezigheidsdiensten volgens ATB 4.8:1, "
            "in plaats van ATW 5:3 lid 2, 5:5 lid 2, 5:7 lid 2-4 en 5:8; ATB 5.19:3-4 blijven gelden")
    if consent:
        return Regime(PRESENCE_CONSENT, base + "; met schriftelijke instemming (ATB 4.8:2): gemiddeld ten hoogste "
                                               "60 uur per week per 26 weken.")
    return Regime(PRESENCE, base + "; zonder schriftelijke instemming (ATB 4.8:2): gemiddeld ten hoogste 48 uur per week per 26 weken.")


def applies(norm_regimes: tuple[str, ...] | None, regime: Regime) -> bool:
    return norm_regimes is None or regime.name in norm_regimes
