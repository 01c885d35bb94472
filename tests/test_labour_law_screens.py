"""The labour law's screens (rostercheck.checks.labour_law.screens) never change a
finding: each rule gives the same findings with its screen as without it, on
random timelines that break the rules often, straddle the clock changes and have
times inside the skipped and the repeated hour; and the screens' figures are the
exact ones the rules compute."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from rostercheck.checks.labour_law import RULES, Ctx, build_timeline, effective_norms, regime_of, screens
from rostercheck.checks.labour_law.hours import week_hours
from rostercheck.checks.labour_law.on_call import _on_call_days
from rostercheck.checks.labour_law.regimes import applies
from rostercheck.checks.labour_law.timeline import ON_CALL, PHONE, midnight, monday
from rostercheck.model import Shift, ShiftKind
from rostercheck.normsets.loader import load_catalogue

KINDS = [ShiftKind.PRESENT] * 6 + [ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP, ShiftKind.AMBULANT, ShiftKind.ON_CALL, ShiftKind.PHONE]


def _random_shifts(rng: random.Random, heavy: bool) -> list[Shift]:
    # Around the 2026 clock changes (29 March, 25 October) and the turn of the year.
    first = rng.choice([date(2026, 3, 1), date(2026, 10, 1), date(2025, 12, 20)])
    out, day = [], first
    for _ in range(rng.randrange(1, 70 if heavy else 40)):
        day += timedelta(days=rng.choice([0, 1, 1, 1, 2, 3] if heavy else [1, 1, 2, 3, 4, 7]))
        if rng.random() < 0.15:  # in or next to the hour a clock change skips or repeats
            start = datetime.combine(day, datetime.min.time()) + timedelta(hours=rng.choice([1, 2, 2, 3]), minutes=rng.choice([0, 30, 59]))
        else:
            start = datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randrange(0, 1440, 15))
        hours = rng.choice([4, 8, 8, 9, 10, 11, 12, 13, 14, 16, 24, 30] if heavy else [3, 4, 7, 8, 8])
        end = start + timedelta(hours=hours, minutes=rng.choice([0, 0, 1, 30]))
        out.append(Shift(employee="E1", location=rng.choice(["L1", "L2"]), start=start, end=end, kind=rng.choice(KINDS)))
    return out


def _findings(norm_sets, tl, consent: bool) -> list:
    cao = next((s.title for s in norm_sets if s.overlays is not None), None)
    regime = regime_of(tl.sleep_shifts, cao, consent)
    out = []
    for s, n in effective_norms(norm_sets):
        if applies(n.regimes, regime):
            ctx = Ctx(n, s.id, tl, regime=regime)
            out.extend(f.model_dump_json() if hasattr(f, "model_dump_json") else repr(f) for f in RULES[n.params.rule](ctx))
    return out


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.mark.parametrize("cao", [None, "cao-gehandicaptenzorg", "cao-ggz", "cao-sociaal-werk"])
def test_rules_give_the_same_findings_with_and_without_screens(catalogue, cao):
    rng = random.Random(hash(cao) & 0xFFFF if cao else 1)
    sets = [catalogue.get("arbeidstijdenwet")] + ([catalogue.get(cao)] if cao else [])
    found = 0
    for k in range(150):
        shifts = _random_shifts(rng, heavy=k % 2 == 0)
        items = list(enumerate(shifts))
        screened = build_timeline("E1", items)
        full = build_timeline("E1", items)
        full.plain = False  # every screen that rests on the order of times stands aside
        consent = k % 3 == 0
        with_screens = _findings(sets, screened, consent)
        assert with_screens == _findings(sets, full, consent)
        found += len(with_screens)
    assert found > 0  # the random rosters do break rules: the comparison is not of empty lists


def test_screen_figures_are_the_rules_figures():
    rng = random.Random(5)
    plain = 0
    for k in range(300):
        shifts = _random_shifts(rng, heavy=k % 2 == 0)
        tl = build_timeline("E1", list(enumerate(shifts)))
        minutes = screens.week_minutes(tl)
        if minutes is None:
            assert not tl.plain or not tl.blocks
            continue
        plain += 1
        first = monday(tl.blocks[0].start_wall.date())
        got = {first + timedelta(days=7 * w): m for w, m in enumerate(minutes) if m}
        assert got == {mon: v[0] for mon, v in week_hours(tl).items() if v[0]}
        sundays = set()
        for _, s in tl.shifts:
            if s.kind is ON_CALL or s.kind is PHONE:
                continue
            d = s.start.date()
            while midnight(d) < s.end:
                if d.weekday() == 6:
                    sundays.add(d)
                d += timedelta(days=1)
        assert screens.sundays_with_work(tl) == len(sundays)
        days = sorted(d.toordinal() for d in _on_call_days(tl.on_call))
        for window, cap in ((28, 14), (7, 3), (3, 1)):
            most = max((sum(1 for o in days if d <= o < d + window) for d in days), default=0)
            assert screens.on_call_days_hold(tl.on_call, window, cap) == (most <= cap)
    assert plain > 100


def test_a_time_in_the_skipped_hour_turns_the_screens_off():
    # 29 March 2026 02:30 does not exist on the clock: a shift starting then is
    # later on the wall clock than one starting at 02:00 but not in real time.
    shifts = [Shift(employee="E1", location="L1", start=datetime(2026, 3, 29, 2, 30), end=datetime(2026, 3, 29, 10, 0),
                    kind=ShiftKind.PRESENT)]
    tl = build_timeline("E1", list(enumerate(shifts)))
    assert not tl.plain
    assert screens.week_minutes(tl) is None
    assert not screens.daily_rest_holds(tl, 1440, 660)


def test_daily_rest_screen_at_its_bounds():
    def tl_of(length_min: int, gap_min: int):
        a = datetime(2026, 5, 4, 7, 0)
        b = a + timedelta(minutes=length_min)
        c = b + timedelta(minutes=gap_min)
        shifts = [Shift(employee="E1", location="L1", start=a, end=b, kind=ShiftKind.PRESENT),
                  Shift(employee="E1", location="L1", start=c, end=c + timedelta(hours=8), kind=ShiftKind.PRESENT)]
        return build_timeline("E1", list(enumerate(shifts)))

    assert screens.daily_rest_holds(tl_of(780, 660), 1440, 660)  # 13 h of work, 11 h of rest: proven
    assert not screens.daily_rest_holds(tl_of(781, 660), 1440, 660)  # one minute more work: not proven
    assert not screens.daily_rest_holds(tl_of(780, 659), 1440, 660)  # one minute less rest: not proven
