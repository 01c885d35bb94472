"""The screens over many employees (rostercheck.checks.labour_law.bulk) never hide a
finding: where a rule's twin says an employee has nothing to report, the rule itself
reports nothing, for every norm of the law and of each CAO, on random rosters that
break the rules often and straddle the clock changes; every check gives the same
findings with the screens as without; and each twin clears right up to its rule's
limit and stands aside one minute past it."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from rostercheck.checks.labour_law import (
    RULES,
    Ctx,
    build_timeline,
    bulk,
    check_employee_sets,
    check_employee_sets_part,
    effective_norms,
    regime_of,
)
from rostercheck.checks.labour_law.regimes import applies
from rostercheck.checks.labour_law.timeline import employee_shifts, forget
from rostercheck.model import Employee, Location, Period, PeriodSource, Roster, Shift, ShiftKind
from rostercheck.normsets.loader import load_catalogue

P, N, S, A, C, T = (ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP, ShiftKind.AMBULANT,
                    ShiftKind.ON_CALL, ShiftKind.PHONE)
CAOS = [None, "cao-gehandicaptenzorg", "cao-ggz", "cao-sociaal-werk"]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def _sets(catalogue, cao):
    return [catalogue.get("arbeidstijdenwet")] + ([catalogue.get(cao)] if cao else [])


def _at(day: date, minute: int) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute)


def _employee_shifts(rng: random.Random, employee: str, style: str) -> list[Shift]:
    """One employee's shifts: a regular pattern (most pass every rule, some only
    just), or a wild one that breaks rules, around the clock changes of 2026."""
    first = rng.choice([date(2026, 3, 2), date(2026, 10, 5), date(2026, 6, 1), date(2025, 12, 22)])
    out: list[Shift] = []

    def add(start: datetime, minutes: int, kind: ShiftKind) -> None:
        out.append(Shift(employee=employee, location=rng.choice(["L1", "L2"]), start=start,
                         end=start + timedelta(minutes=minutes), kind=kind))

    weeks = rng.choice([1, 2, 4, 6, 17, 30])
    if style == "calm":  # what most staff work: five days, a night on call a week, or a few nights
        start = rng.choice([7 * 60, 9 * 60, 15 * 60])
        nights = rng.random() < 0.4
        for d in range(7 * weeks):
            day = first + timedelta(days=d)
            if nights and d % 7 < 3:
                add(_at(day, 23 * 60), 480, rng.choice([N, S]))
            elif not nights and day.weekday() < 5 and rng.random() < 0.9:
                add(_at(day, start), rng.choice([480, 510]), rng.choice([P, A]))
                if day.weekday() == 2 and rng.random() < 0.5:
                    add(_at(day, start + 600), 300, C)
    elif style == "day":  # days of about eight hours, some long weeks, some on call after
        for d in range(7 * weeks):
            day = first + timedelta(days=d)
            if rng.random() < (0.75 if day.weekday() < 5 else 0.3):
                start = rng.choice([7 * 60, 9 * 60, 14 * 60, 15 * 60])
                add(_at(day, start), rng.choice([480, 480, 510, 540, 600, 720, 721]), rng.choice([P, P, A]))
                if rng.random() < 0.3:
                    add(_at(day, start + 600), rng.choice([300, 840, 900]), rng.choice([C, C, T]))
    elif style == "night":  # series of nights, sleeping watches, rests near 14 and 46 hours
        day = first
        while day < first + timedelta(days=7 * weeks):
            run = rng.choice([1, 2, 3, 4, 5, 7, 8])
            for _ in range(run):
                add(_at(day, rng.choice([22 * 60, 23 * 60])), rng.choice([480, 540, 570, 600, 660, 720]), rng.choice([N, N, S]))
                day += timedelta(days=1)
            day += timedelta(days=rng.choice([0, 1, 1, 2, 3]))
            if rng.random() < 0.3:
                add(_at(day, rng.choice([7 * 60, 15 * 60])), 480, P)
                day += timedelta(days=1)
    else:  # wild: anything, in or next to the hour a clock change skips or repeats
        day = first
        for _ in range(rng.randrange(1, 60)):
            day += timedelta(days=rng.choice([0, 1, 1, 1, 2, 3]))
            if rng.random() < 0.15:
                start = _at(day, rng.choice([60, 120, 120, 180]) + rng.choice([0, 30, 59]))
            else:
                start = _at(day, rng.randrange(0, 1440, 15))
            add(start, rng.choice([240, 480, 600, 720, 780, 960, 1440, 1800]) + rng.choice([0, 0, 1, 30]),
                rng.choice([P, P, P, N, S, A, C, T]))
    return out or [Shift(employee=employee, location="L1", start=_at(first, 420), end=_at(first, 900), kind=P)]


def _roster(seed: int, n: int = 60, styles=("calm", "calm", "day", "night", "wild")) -> Roster:
    rng = random.Random(seed)
    shifts: list[Shift] = []
    employees = []
    for k in range(n):
        e = f"E{k:03d}"
        employees.append(Employee(id=e, name=e, level="HBO", presence_shift_consent=rng.random() < 0.3))
        shifts.extend(_employee_shifts(rng, e, rng.choice(styles)))
    rng.shuffle(shifts)
    start = min(s.start for s in shifts)
    end = max(s.end for s in shifts)
    return Roster.model_construct(
        source_name=f"random-{seed}", period=Period(start=start, end=end, source=PeriodSource.DERIVED),
        locations=(Location(id="L1", name="L1", norm_set="tarieven-15n"), Location(id="L2", name="L2", norm_set="tarieven-15n")),
        products=(), employees=tuple(employees), shifts=tuple(shifts), travel_times=(), support=None, clients=None,
        absences=(), form="long", grid=None, columns={}, skipped=(), notices=(),
    )


def _without_bulk(monkeypatch, fn):
    monkeypatch.setattr(bulk, "ENABLED", False)
    try:
        return fn()
    finally:
        monkeypatch.setattr(bulk, "ENABLED", True)


@pytest.mark.parametrize("cao", CAOS)
def test_a_twin_clears_only_employees_its_rule_has_nothing_on(catalogue, cao):
    sets = _sets(catalogue, cao)
    cao_title = next((s.title for s in sets if s.overlays is not None), None)
    judged = cleared = 0
    for seed in range(6):
        roster = _roster(seed * 7 + len(cao or ""))
        consent = {e.id: e.presence_shift_consent for e in roster.employees}
        items = employee_shifts(roster)
        staff = bulk.Staffing(items)
        for s, n in effective_norms(sets):
            twin = bulk.TWINS.get(n.params.rule)
            silent = twin(staff, n.params.typed) if twin is not None else None
            if silent is None:
                continue
            for k, (e, shifts) in enumerate(items):
                if not staff.plain[k]:
                    continue
                tl = build_timeline(e, shifts)
                regime = regime_of(tl.sleep_shifts, cao_title, consent[e])
                if not applies(n.regimes, regime):
                    continue
                found = RULES[n.params.rule](Ctx(n, s.id, tl, regime=regime))
                judged += 1
                if silent[k]:
                    cleared += 1
                    assert found == [], (n.id, e, [f.message for f in found])
        forget(roster)
    assert cleared > judged // 3 and judged - cleared > judged // 20  # both answers, often


@pytest.mark.parametrize("cao", CAOS)
def test_every_check_gives_the_same_findings_with_and_without_the_screens(catalogue, cao, monkeypatch):
    sets = _sets(catalogue, cao)
    total = 0
    for seed in range(4):
        roster = _roster(100 + seed, n=80)
        with_bulk = check_employee_sets(sets, roster)
        parts = [f for part in range(3) for f in check_employee_sets_part(sets, roster, part, 3)]
        forget(roster)
        without = _without_bulk(monkeypatch, lambda: check_employee_sets(sets, roster))
        forget(roster)
        assert [f.model_dump() for f in with_bulk] == [f.model_dump() for f in without]
        assert sorted(f.model_dump_json() for f in parts) == sorted(f.model_dump_json() for f in without)
        total += len(without)
    assert total > 0


def test_a_roster_too_long_for_the_arrays_is_left_to_the_rules(catalogue, monkeypatch):
    sets = _sets(catalogue, None)
    roster = _roster(7, n=60, styles=("calm",))
    rules = [(n.params.rule, n.params.typed, n.regimes) for _, n in effective_norms(sets)]
    regime = lambda sleeps, e: regime_of(sleeps, None, False)  # noqa: E731
    assert bulk.cleared(employee_shifts(roster), rules, regime, applies)
    want = [f.model_dump() for f in check_employee_sets(sets, roster)]
    monkeypatch.setattr(bulk, "MAX_CELLS", 10)
    assert bulk.cleared(employee_shifts(roster), rules, regime, applies) == set()
    assert [f.model_dump() for f in check_employee_sets(sets, roster)] == want


@pytest.mark.parametrize("cao", CAOS)
def test_a_few_staff_get_the_same_findings_through_the_screens(catalogue, cao, monkeypatch):
    # a few staff with many shifts go through the screens (MIN_SHIFTS; a long roster's
    # slices in the parallel check): here every set of one to five, however few its
    # shifts, with styles of one kind only (no on-call shift, no night at all)
    import random

    monkeypatch.setattr(bulk, "MIN_SHIFTS", 0)
    sets = _sets(catalogue, cao)
    total = 0
    for seed in range(30):
        rng = random.Random(seed)
        styles = rng.choice([("calm",), ("day",), ("night",), ("wild",), ("calm", "day", "night", "wild")])
        roster = _roster(10_000 + seed, n=rng.choice([1, 1, 2, 3, 5]), styles=styles)
        through = check_employee_sets(sets, roster)
        forget(roster)
        without = _without_bulk(monkeypatch, lambda: check_employee_sets(sets, roster))
        forget(roster)
        assert [f.model_dump() for f in through] == [f.model_dump() for f in without], (seed, styles)
        total += len(without)
    assert total > 0


def test_most_regular_staff_are_cleared(catalogue):
    roster = _roster(3, n=200, styles=("calm",))
    items = employee_shifts(roster)
    sets = _sets(catalogue, None)
    rules = [(n.params.rule, n.params.typed, n.regimes) for _, n in effective_norms(sets)]
    got = bulk.cleared(items, rules, lambda sleeps, e: regime_of(sleeps, None, False), applies)
    assert len(got) > len(items) * 3 // 4


def test_few_employees_with_few_shifts_are_left_to_the_rules(catalogue):
    # screened: MIN_EMPLOYEES employees, or fewer holding MIN_SHIFTS shifts together
    # (a slice of a long roster's staff); left to the rules: fewer with fewer shifts
    sets = _sets(catalogue, None)
    rules = [(n.params.rule, n.params.typed, n.regimes) for _, n in effective_norms(sets)]

    def cleared(items):
        return bulk.cleared(items, rules, lambda s, e: regime_of(s, None, False), applies)

    items = employee_shifts(_roster(4, n=bulk.MIN_EMPLOYEES + 8, styles=("calm",)))
    assert len(cleared(items[:bulk.MIN_EMPLOYEES])) > bulk.MIN_EMPLOYEES // 2
    few = items[:bulk.MIN_EMPLOYEES - 1]
    total = sum(len(shifts) for _, shifts in few)
    assert total >= bulk.MIN_SHIFTS and len(cleared(few)) > len(few) // 2

    def cut(total):  # the same staff, their shifts cut to this many together
        out, left = [], total
        for employee, shifts in few:
            out.append((employee, shifts[:left]))
            left -= len(out[-1][1])
        assert sum(len(shifts) for _, shifts in out) == total
        return out

    assert cleared(cut(bulk.MIN_SHIFTS))  # exactly at the limit: screened
    assert cleared(cut(bulk.MIN_SHIFTS - 1)) == set()  # one fewer: left to the rules


# --- each twin at its limit and one minute past it ------------------------------------


def _staff(*employees: list[tuple[datetime, int, ShiftKind]]) -> bulk.Staffing:
    """Staffing of these employees (start, minutes, kind), with enough quiet others."""
    items = []
    for k, shifts in enumerate(employees):
        items.append((f"E{k}", [(i, Shift(employee=f"E{k}", location="L1", start=a, end=a + timedelta(minutes=m), kind=kd))
                                for i, (a, m, kd) in enumerate(shifts)]))
    return bulk.Staffing(items)


def _norm(catalogue, norm_id: str):
    return next(n for n in catalogue.get("arbeidstijdenwet").norms if n.id == norm_id)


def _silent(catalogue, norm_id: str, *employees) -> list[bool]:
    n = _norm(catalogue, norm_id)
    return bulk.TWINS[n.params.rule](_staff(*employees), n.params.typed).tolist()


MON = datetime(2026, 5, 4)  # a Monday, far from the clock changes


def test_shift_and_week_lengths_at_their_limits(catalogue):
    # atw-shift-length: 12 h of work in a dienst
    assert _silent(catalogue, "atw-shift-length", [(MON + timedelta(hours=7), 720, P)], [(MON + timedelta(hours=7), 721, P)]) == [True, False]
    # atw-week-hours: 60 h in a calendar week (five days of 12 h; the last a minute longer)
    week = [(MON + timedelta(days=d, hours=7), 720, P) for d in range(5)]
    longer = week[:-1] + [(MON + timedelta(days=4, hours=7), 721, P)]
    assert _silent(catalogue, "atw-week-hours", week, longer) == [True, False]
    # a block over Sunday midnight: its minutes in each week
    over = [(MON + timedelta(days=d, hours=7), 600, P) for d in range(5)] + [(MON + timedelta(days=6, hours=14), 600, P)]
    assert _silent(catalogue, "atw-week-hours", over) == [True]


def test_rests_at_their_limits(catalogue):
    def two(gap: int, first: int = 480):
        a = MON + timedelta(hours=7)
        return [(a, first, P), (a + timedelta(minutes=first + gap), 480, P)]

    # daily rest: 11 h between blocks and blocks of at most 13 h
    assert _silent(catalogue, "atw-daily-rest", two(660), two(659), two(660, first=780), two(660, first=781)) == [True, False, True, False]
    # weekly rest: no stretch without 36 h of rest longer than 7×24 h − 36 h = 132 h
    days = [(MON + timedelta(days=d, hours=7), 480, P) for d in range(6)]  # 07:00 Mon to 15:00 Sat: 128 h
    assert _silent(catalogue, "atw-weekly-rest", days) == [True]
    stretch = days + [(MON + timedelta(days=6, hours=7), 240, P)]  # to 11:00 Sun: 148 h
    assert _silent(catalogue, "atw-weekly-rest", stretch) == [False]
    edge = days[:5] + [(MON + timedelta(days=5, hours=7), 720, P)]  # 07:00 Mon to 19:00 Sat: 132 h
    over = days[:5] + [(MON + timedelta(days=5, hours=7), 721, P)]
    assert _silent(catalogue, "atw-weekly-rest", edge, over) == [True, False]


def test_nights_at_their_limits(catalogue):
    def nights(count: int, rest_after: int, length: int = 480, hour: int = 23):
        out = [(MON + timedelta(days=d, hours=hour), length, N) for d in range(count)]
        last_end = out[-1][0] + timedelta(minutes=length)
        return out + [(last_end + timedelta(minutes=rest_after), 480, P)]

    # a nachtdienst: more than 60 minutes between 00:00 and 06:00
    short = [(MON + timedelta(hours=22, minutes=59), 61, N)]  # 22:59-00:00: no minute of night
    assert _silent(catalogue, "atw-night-rest", short + [(MON + timedelta(days=1, hours=1), 480, P)]) == [True]
    # night rest: 14 h after a nachtdienst
    assert _silent(catalogue, "atw-night-rest", nights(1, 14 * 60), nights(1, 14 * 60 - 1)) == [True, False]
    # night series rest: 46 h after three or more (nights 02:00-10:00: what follows starts
    # after 06:00, a day shift, not one more night of the series)
    assert _silent(catalogue, "atw-night-series-rest", nights(3, 46 * 60, hour=2), nights(3, 46 * 60 - 1, hour=2),
                   nights(2, 20 * 60, hour=2)) == [True, False, True]
    # ... and a shift at 04:59 after the series is a nachtdienst itself (61 minutes before
    # 06:00): the series goes on, and ends with the data
    assert _silent(catalogue, "atw-night-series-rest", nights(3, 46 * 60 - 1)) == [True]
    # consecutive: 7 diensten in a series holding a nachtdienst
    assert _silent(catalogue, "atw-night-consecutive", nights(6, 23 * 60), nights(7, 23 * 60), nights(6, 24 * 60)) == [True, False, True]
    # night shift length: 10 h of work, 12 h as an extended night (its counts and rest:
    # test_long_nights_at_their_limits)
    assert _silent(catalogue, "atw-night-shift-length", nights(1, 24 * 60, 600), nights(1, 24 * 60, 601),
                   nights(1, 24 * 60, 720), nights(1, 24 * 60, 721)) == [True, True, True, False]
    # late nights: 36 in 16 weeks (counted by start)
    many = [(MON + timedelta(days=2 * d, hours=23), 480, N) for d in range(36)]
    assert _silent(catalogue, "atw-night-count-16-weeks", many, many + [(MON + timedelta(days=72, hours=23), 480, N)]) == [True, False]


def test_on_call_at_its_limits(catalogue):
    def calls(days: list[int], hours: int = 15):
        return [(MON + timedelta(days=d, hours=17), hours * 60, C) for d in days]

    # 14 days with on-call in 28
    assert _silent(catalogue, "atw-on-call-days", calls(list(range(0, 28, 2)))) == [True]
    assert _silent(catalogue, "atw-on-call-days", calls(list(range(0, 28, 2)) + [27])) == [False]
    # a night on call 17:00-08:00 is one day; to 00:00 two days later it is two
    assert _silent(catalogue, "atw-on-call-days", calls(list(range(0, 28, 2)), hours=31)) == [False]
    # 13 h of work in 24 h with on-call
    work = [(MON + timedelta(hours=7), 780, A)] + calls([0], hours=6)
    assert _silent(catalogue, "atw-on-call-work", work, [(MON + timedelta(hours=7), 781, A)] + calls([0], hours=6)) == [True, False]
    split = [(MON + timedelta(hours=7), 390, A), (MON + timedelta(hours=22), 390, A)] + calls([1], hours=2)  # 13 h in 21.5 h
    assert _silent(catalogue, "atw-on-call-work", split) == [True]
    # free: two 48 h stretches in every 28×24 h holding on-call (the rest of a month on call
    # every other night leaves none)
    busy = calls(list(range(0, 40, 2)), hours=38)
    assert _silent(catalogue, "atw-on-call-free-48h", busy) == [False]
    free = calls([0, 7, 14, 21])  # a night on call a week: long free stretches between
    assert _silent(catalogue, "atw-on-call-free-48h", free) == [True]


def test_sundays_at_their_limit_in_every_window_of_a_year(catalogue):
    # 39 worked Sundays in any 52 consecutive (13 free, ATW 5:6 lid 3), over two years:
    # 39 worked, 13 free, 39 worked -- 78 in all, 39 in every year's window.
    def sundays(weeks: list[int]):
        return [(MON + timedelta(days=6 + 7 * w, hours=7), 480, P) for w in weeks]

    two_years = list(range(39)) + list(range(52, 91))
    one_more = two_years + [45]  # a 40th in the first window
    shifted = list(range(39)) + list(range(51, 90))  # the second run a week early: 40 in [12, 63]
    assert _silent(catalogue, "atw-free-sundays", sundays(two_years), sundays(one_more), sundays(shifted),
                   sundays(list(range(39))), sundays(list(range(40)))) == [True, False, False, True, False]
    # a night over Saturday to Sunday touches the Sunday; one ending at 00:00 does not
    saturday = MON + timedelta(days=5, hours=22)
    assert _silent(catalogue, "atw-free-sundays", [(saturday + timedelta(days=7 * w), 120, N) for w in range(40)],
                   [(saturday + timedelta(days=7 * w), 121, N) for w in range(40)]) == [True, False]


def _sunday_worker(rng: random.Random, employee: str) -> list[Shift]:
    """Two years of mostly Sundays (and some nights into them), with free runs."""
    out = []
    week = 0
    first = datetime(2025, 1, 5, 7)  # a Sunday
    while week < 104:
        run = rng.choice([13, 26, 39, 45, 52])
        for w in range(week, min(week + run, 104)):
            start = first + timedelta(days=7 * w) + (timedelta(hours=-9) if rng.random() < 0.2 else timedelta(0))
            out.append(Shift(employee=employee, location="L1", start=start, end=start + timedelta(minutes=rng.choice([480, 540, 600])),
                             kind=rng.choice([P, P, P, P, N, A, C, T])))
        week += run + rng.choice([1, 6, 12, 13, 14, 20])
    return out


def test_the_sunday_twin_never_hides_a_finding_over_two_years(catalogue):
    n = _norm(catalogue, "atw-free-sundays")
    judged = cleared = 0
    for seed in range(3):
        rng = random.Random(seed)
        items = [(f"E{k:03d}", [(i, s) for i, s in enumerate(_sunday_worker(rng, f"E{k:03d}"))]) for k in range(40)]
        staff = bulk.Staffing(items)
        silent = bulk.TWINS["sundays_worked"](staff, n.params.typed)
        for k, (e, shifts) in enumerate(items):
            if not staff.plain[k]:
                continue
            found = RULES["sundays_worked"](Ctx(n, "arbeidstijdenwet", build_timeline(e, shifts), regime=regime_of(0, None, False)))
            judged += 1
            if silent[k]:
                cleared += 1
                assert found == [], (e, [f.message for f in found])
    assert cleared > judged // 4 and judged - cleared > judged // 10, (cleared, judged)


def test_long_nights_at_their_limits(catalogue):
    # ATW 5:8 lid 3: a nachtdienst of more than 10 h (up to 12 h) 5x in 14x24 h and 22x in
    # 52 weeks, each followed by 12 h of rest. Nights of 11 h from 22:00, then days off.
    def long_nights(days: list[int], length: int = 660, rest_then: int | None = None):
        out = [(MON + timedelta(days=d, hours=22), length, N) for d in days]
        if rest_then is not None:
            end = out[-1][0] + timedelta(minutes=length)
            out.append((end + timedelta(minutes=rest_then), 480, P))
        return out

    five = [0, 3, 6, 9, 12]
    assert _silent(catalogue, "atw-night-shift-length", long_nights(five), long_nights(five + [13]),
                   long_nights([0, 3, 6, 9, 12, 14]),  # the sixth 14x24 h after the first: a new window
                   long_nights([0], 720), long_nights([0], 721),
                   long_nights([0], rest_then=720), long_nights([0], rest_then=719)) == [True, False, True, True, False, True, False]
    # 22 in 52 weeks: one every 16 days is 22 in 336 days, 23 in 352
    every = [16 * k for k in range(22)]
    assert _silent(catalogue, "atw-night-shift-length", long_nights(every), long_nights(every + [16 * 22]),
                   long_nights(every + [16 * 22 + 30])) == [True, False, True]
