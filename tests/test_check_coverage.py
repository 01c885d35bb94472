"""Coverage: small rosters that pass and fail, with the expected findings written out."""

from datetime import datetime

from _check_helpers import norm, norm_set, pick, run, run_findings

from rostercheck.checks.coverage import CoverageSegment, coverage_profile
from rostercheck.normsets import Catalogue

NIGHT_15 = norm(
    "night-15", "coverage",
    {"window": {"start": "22:00", "end": "07:00"}, "presence": "on_site_within", "response_min": 15, "min_level": "MBO-4"},
)
ALWAYS_ON_SITE = norm("always", "coverage", {"window": {}, "presence": "on_site"})
DAY_AWAKE = norm("day", "coverage", {"window": {"start": "07:00", "end": "22:00"}, "presence": "awake_on_site"})

BASE = {"period": "2026-03-02..2026-03-04", "products": ["L1 P1 5"]}


def cov(start, end, measured=0, required=1, severity="error", norm="night-15"):
    return {
        "check": "coverage", "severity": severity, "norm": norm, "product": "P1", "location": "L1",
        "start": start, "end": end, "measured": measured, "required": required, "unit": "staff",
    }


def test_covered_nights_pass():
    spec = BASE | {
        "employees": ["E1 MBO-4", "E2 HBO"],
        "shifts": [
            "E2 L1 2026-03-01 22:00-07:00 slaapdienst",  # the night before the period: covers 2 March 00:00-07:00
            "E1 L1 2026-03-02 22:00-07:00 slaapdienst",
            "E2 L1 2026-03-03 22:00-07:00 beschikbaar resp=15",
            "E1 L1 2026-03-04 22:00-07:00 waakdienst",
        ],
    }
    assert run(norm_set(NIGHT_15), spec) == []


def test_one_finding_per_uncovered_night_clipped_to_the_period():
    # day shifts only: each night is its own window (07:00-22:00 separates them);
    # the night that started on 1 March is checked from the period start (2 March
    # 00:00), the last night is cut at the period end (4 March 24:00)
    spec = BASE | {
        "employees": ["E1 HBO"],
        "shifts": [f"E1 L1 2026-03-0{d} 07:00-22:00 aanwezig" for d in (2, 3, 4)],
    }
    assert pick(run(norm_set(NIGHT_15), spec)) == [
        cov("2026-03-02T00:00", "2026-03-02T07:00"),
        cov("2026-03-02T22:00", "2026-03-03T07:00"),
        cov("2026-03-03T22:00", "2026-03-04T07:00"),
        cov("2026-03-04T22:00", "2026-03-05T00:00"),
    ]


def test_partial_gap_has_minute_precision_and_a_planner_message():
    spec = BASE | {
        "period": "2026-03-04..2026-03-05",
        "employees": ["E1 HBO"],
        "shifts": [
            "E1 L1 2026-03-03 22:00-07:00 slaapdienst",
            "E1 L1 2026-03-04 22:00-23:00 slaapdienst",
            "E1 L1 2026-03-05 02:30-07:00 slaapdienst",
            "E1 L1 2026-03-05 22:00-07:00 slaapdienst",
        ],
    }
    found = run(norm_set(NIGHT_15), spec)
    assert pick(found) == [cov("2026-03-04T23:00", "2026-03-05T02:30")]
    assert found[0]["message"] == (
        "Geen professional (≥ MBO-4) op de locatie of binnen 15 minuten ter plaatse "
        "van wo 4 mrt 23:00 tot do 5 mrt 02:30."
    )


def test_24_7_gaps_merge_across_midnight():
    spec = BASE | {
        "period": "2026-03-02..2026-03-03",
        "employees": ["E1 MBO-2"],
        "shifts": ["E1 L1 2026-03-02 07:00-23:00 aanwezig", "E1 L1 2026-03-03 07:00-23:00 aanwezig"],
    }
    assert pick(run(norm_set(ALWAYS_ON_SITE), spec)) == [
        cov("2026-03-02T00:00", "2026-03-02T07:00", norm="always"),
        cov("2026-03-02T23:00", "2026-03-03T07:00", norm="always"),
        cov("2026-03-03T23:00", "2026-03-04T00:00", norm="always"),
    ]


def test_a_week_without_anyone_is_one_finding_for_a_24_7_norm():
    spec = {"period": "2026-03-02..2026-03-08", "products": ["L1 P1 5"], "employees": ["E1 HBO"], "shifts": []}
    assert pick(run(norm_set(ALWAYS_ON_SITE), spec)) == [cov("2026-03-02T00:00", "2026-03-09T00:00", norm="always")]


def test_level_care_relevance_and_response_time_decide_who_counts():
    spec = BASE | {
        "period": "2026-03-01..2026-03-03",
        "products": ["L1 P1 5 2026-03-02 2026-03-02"],  # only the night that starts on 2 March
        "employees": ["E1 MBO-3", "E2 HBO nz", "E3 HBO", "E4 MBO-4"],
        "travel": ["E4 L1 12"],
        "shifts": [
            "E1 L1 2026-03-02 22:00-23:00 slaapdienst",  # MBO-3: too low
            "E2 L1 2026-03-02 23:00-00:00 waakdienst",  # not care-relevant
            "E3 L1 2026-03-03 00:00-01:00 beschikbaar resp=20",  # 20 > 15 minutes
            "E3 L1 2026-03-03 01:00-04:00 beschikbaar resp=15",  # counts
            "E4 L1 2026-03-03 04:00-07:00 beschikbaar",  # Reistijden: 12 minutes, counts
        ],
    }
    roster, report = run_findings(norm_set(NIGHT_15), spec)
    assert pick([f.to_json_dict() for f in report.findings]) == [cov("2026-03-02T22:00", "2026-03-03T01:00")]
    f = report.findings[0]
    assert f.shift_refs == (0, 1, 2)
    assert f.details == (
        "E1: slaapdienst ma 2 mrt 22:00 – 23:00 — MBO-3 telt niet mee: minimaal MBO-4 voor dit product",
        "E2: waakdienst ma 2 mrt 23:00 – di 3 mrt 00:00 — HBO, niet zorgrelevant opgeleid, telt niet mee: "
        "alleen professionals (zorgrelevant) tellen",
        "E3: beschikbaar di 3 mrt 00:00 – 01:00 — telt niet: aanrijtijd 20 min, vereist ≤ 15 min",
    )
    # reading 1: the message itself says who was there and why they did not count
    assert f.message.endswith(
        " E1 (slaapdienst): MBO-3 telt niet mee: minimaal MBO-4 voor dit product."
        " E2 (waakdienst): HBO, niet zorgrelevant opgeleid, telt niet mee: alleen professionals (zorgrelevant) tellen."
    ), f.message


def test_sleeping_watch_does_not_count_as_awake():
    spec = BASE | {
        "period": "2026-03-02..2026-03-02",
        "employees": ["E1 HBO", "E2 HBO"],
        "shifts": ["E1 L1 2026-03-02 07:00-15:00 aanwezig", "E2 L1 2026-03-02 15:00-22:00 slaapdienst"],
    }
    assert pick(run(norm_set(DAY_AWAKE), spec)) == [cov("2026-03-02T15:00", "2026-03-02T22:00", norm="day")]


def test_one_person_with_overlapping_shifts_counts_once():
    two = norm("two", "coverage", {"window": {"start": "07:00", "end": "15:00"}, "presence": "on_site", "min_staff": 2})
    spec = BASE | {
        "period": "2026-03-02..2026-03-02",
        "employees": ["E1 HBO", "E2 HBO"],
        "shifts": [
            "E1 L1 2026-03-02 07:00-15:00 aanwezig",
            "E1 L1 2026-03-02 09:00-11:00 aanwezig",  # double entry: still one person
            "E2 L1 2026-03-02 12:00-15:00 aanwezig",
        ],
    }
    found = run(norm_set(two), spec)
    assert pick(found) == [cov("2026-03-02T07:00", "2026-03-02T12:00", measured=1, required=2, norm="two")]
    assert found[0]["message"] == (
        "Slechts 1 van de 2 vereiste professionals aanwezig op de locatie (slapende wacht telt mee) "
        "op ma 2 mrt van 07:00 tot 12:00."
    )


def test_lowest_count_is_measured_over_the_window():
    two = norm("two", "coverage", {"window": {"start": "07:00", "end": "15:00"}, "presence": "on_site", "min_staff": 2})
    spec = BASE | {
        "period": "2026-03-02..2026-03-02",
        "employees": ["E1 HBO", "E2 HBO"],
        "shifts": ["E1 L1 2026-03-02 07:00-10:00 aanwezig", "E2 L1 2026-03-02 13:00-15:00 aanwezig"],
    }
    assert pick(run(norm_set(two), spec)) == [cov("2026-03-02T07:00", "2026-03-02T15:00", measured=0, required=2, norm="two")]


def test_unknown_response_time_is_a_warning_not_a_pass():
    spec = BASE | {
        "period": "2026-03-01..2026-03-03",
        "products": ["L1 P1 5 2026-03-02 2026-03-02"],
        "employees": ["E1 HBO"],
        "shifts": ["E1 L1 2026-03-02 23:00-07:00 beschikbaar"],  # no resp=, no Reistijden
    }
    roster, report = run_findings(norm_set(NIGHT_15), spec)
    assert pick([f.to_json_dict() for f in report.findings]) == [
        cov("2026-03-02T22:00", "2026-03-02T23:00"),
        cov("2026-03-02T23:00", "2026-03-03T07:00", severity="warning") | {"check": "input"},  # data missing
    ]
    assert report.findings[1].shift_refs == (0,)
    assert report.findings[1].message.startswith("Niet te controleren: van ma 2 mrt 23:00 tot di 3 mrt 07:00")
    assert report.compliant is False  # the first hour is a plain gap


def test_norm_applies_only_on_days_the_product_is_delivered():
    # P1 delivered from 3 March; the night that starts on 4 March belongs to 4 March
    # even though it ends on 5 March, when P1 has stopped.
    spec = {
        "period": "2026-03-02..2026-03-05",
        "products": ["L1 P1 5 2026-03-03 2026-03-04"],
        "employees": ["E1 HBO"],
        "shifts": [],
    }
    assert pick(run(norm_set(NIGHT_15), spec)) == [
        cov("2026-03-03T22:00", "2026-03-04T07:00"),
        cov("2026-03-04T22:00", "2026-03-05T07:00"),
    ]


def test_weekday_window_and_other_locations_do_not_count():
    weekend = norm("weekend", "coverage", {"window": {"days": ["sat", "sun"], "start": "10:00", "end": "12:00"}, "presence": "on_duty"})
    spec = {
        "period": "2026-03-06..2026-03-09",  # fri..mon
        "locations": ["L1 testset", "L2 testset"],
        "products": ["L1 P1 5"],
        "employees": ["E1 HBO"],
        "shifts": ["E1 L2 2026-03-07 10:00-12:00 aanwezig", "E1 L1 2026-03-08 09:00-13:00 ambulant"],
    }
    assert pick(run(norm_set(weekend), spec)) == [cov("2026-03-07T10:00", "2026-03-07T12:00", norm="weekend")]


def test_phone_shift_counts_for_reachability_only():
    reach = norm("reach", "coverage", {"window": {}, "presence": "reachable"})
    spec = BASE | {
        "period": "2026-03-02..2026-03-02",
        "employees": ["E1 HBO"],
        "shifts": ["E1 L1 2026-03-02 00:00-00:00 bereikbaar"],
    }
    assert run(norm_set(reach), spec) == []
    assert pick(run(norm_set(ALWAYS_ON_SITE), spec)) == [cov("2026-03-02T00:00", "2026-03-03T00:00", norm="always")]


def test_toeslag_without_its_base_product_is_an_error():
    spec = {
        "period": "2026-03-02..2026-03-08",
        "products": ["L1 W 5", "L1 P2 5 2026-03-04 2026-03-05"],
        "employees": [],
        "shifts": [],
    }
    assert pick(run(norm_set(), spec), "check", "severity", "norm", "product", "start", "end", "measured", "required", "unit") == [
        {"check": "coverage", "severity": "error", "norm": "W-requires-one-of", "product": "W",
         "start": "2026-03-02T00:00", "end": "2026-03-04T00:00", "measured": 0, "required": 1, "unit": "product"},
        {"check": "coverage", "severity": "error", "norm": "W-requires-one-of", "product": "W",
         "start": "2026-03-06T00:00", "end": "2026-03-09T00:00", "measured": 0, "required": 1, "unit": "product"},
    ]


def test_coverage_profile_is_the_same_timeline():
    spec = BASE | {
        "period": "2026-03-01..2026-03-03",
        "products": ["L1 P1 5 2026-03-02 2026-03-02"],
        "employees": ["E1 HBO", "E2 HBO"],
        "shifts": ["E1 L1 2026-03-02 22:00-01:00 slaapdienst", "E2 L1 2026-03-03 02:00-07:00 beschikbaar"],
    }
    ns = norm_set(NIGHT_15, DAY_AWAKE)
    roster, _ = run_findings(ns, spec)
    assert coverage_profile(roster, Catalogue([ns]), "L1") == [
        CoverageSegment("night-15", datetime(2026, 3, 2, 22), datetime(2026, 3, 3, 1), "ok", 1, 1),
        CoverageSegment("night-15", datetime(2026, 3, 3, 1), datetime(2026, 3, 3, 2), "short", 0, 1),
        CoverageSegment("night-15", datetime(2026, 3, 3, 2), datetime(2026, 3, 3, 7), "unknown", 0, 1),
        CoverageSegment("day", datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 22), "short", 0, 1),
    ]


def test_the_night_that_started_before_the_period_is_checked_on_its_first_morning():
    # A March roster: 1 March 00:00-07:00 belongs to the night of 28 February. The
    # 24/7 norms check those minutes, so the night norms must too (clipped).
    spec = {"period": "2026-03-02..2026-03-02", "products": ["L1 P1 5"], "employees": ["E1 HBO"],
            "shifts": ["E1 L1 2026-03-02 22:00-07:00 slaapdienst"]}
    assert pick(run(norm_set(NIGHT_15), spec)) == [cov("2026-03-02T00:00", "2026-03-02T07:00")]
    spec["shifts"].append("E1 L1 2026-03-01 22:00-07:00 slaapdienst")
    assert run(norm_set(NIGHT_15), spec) == []
    # a product that starts on the period's first day has no night before it
    spec = spec | {"period": "2026-03-01..2026-03-02", "products": ["L1 P1 5 2026-03-02"], "shifts": spec["shifts"][:1]}
    assert run(norm_set(NIGHT_15), spec) == []


def test_array_runs_equal_the_piecewise_sweep():
    """The check's runs (whole-array operations) are the heat map's sweep, joined by status."""
    import random

    from rostercheck.checks import coverage as C
    from rostercheck.testing import roster_from_spec

    rng = random.Random(7)
    kinds = ["aanwezig", "waakdienst", "slaapdienst", "beschikbaar", "beschikbaar resp=10", "beschikbaar resp=30", "bereikbaar", "ambulant"]
    norms = [NIGHT_15, ALWAYS_ON_SITE, DAY_AWAKE, norm("two", "coverage", {"window": {"start": "07:00", "end": "22:00"}, "presence": "on_site", "min_staff": 2})]
    ns = norm_set(*norms)
    for _ in range(60):
        shifts = []
        for _ in range(rng.randint(0, 14)):
            day = rng.randint(1, 5)
            a, b = rng.randint(0, 47) * 30, rng.randint(1, 47) * 30
            if a == b:
                continue
            shifts.append(f"E{rng.randint(1, 3)} L1 2026-03-0{day} {a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d} {rng.choice(kinds)}")
        spec = BASE | {"locations": ["L1 testset"], "employees": ["E1 MBO-4", "E2 HBO", "E3 MBO-2"], "shifts": shifts}
        roster = roster_from_spec(spec)
        for n in ns.norms:
            old = C._runs(C._pieces(n, roster, "L1", C.shifts_at(roster, "L1")), n.params.min_staff)
            assert C._runs_of(n, roster, ["L1"]) == {"L1": old}


def test_one_sweep_over_several_locations_equals_one_sweep_each():
    """Swept together (each location on its own stretch of one time line), the
    locations' runs are each location's piecewise sweep: nothing of one location
    reaches another, also where an employee works at two of them, a location's
    product starts late or a location has no counting shift at all. Around the
    clock changes too (March: the spring hour)."""
    import random

    from rostercheck.checks import coverage as C
    from rostercheck.testing import roster_from_spec

    rng = random.Random(11)
    kinds = ["aanwezig", "waakdienst", "slaapdienst", "beschikbaar", "beschikbaar resp=10", "beschikbaar resp=30", "bereikbaar"]
    norms = [NIGHT_15, ALWAYS_ON_SITE, DAY_AWAKE, norm("two", "coverage", {"window": {"start": "07:00", "end": "22:00"}, "presence": "on_site", "min_staff": 2})]
    ns = norm_set(*norms)
    locations = ["L1", "L2", "L3", "L4"]
    for period in ("2026-03-02..2026-03-04", "2026-03-28..2026-03-30"):
        first = int(period[8:10])
        for _ in range(40):
            shifts = []
            for _ in range(rng.randint(0, 24)):
                day = first + rng.randint(-1, 2)
                a, b = rng.randint(0, 47) * 30, rng.randint(1, 47) * 30
                if a == b:
                    continue
                shifts.append(f"E{rng.randint(1, 4)} {rng.choice(locations)} 2026-03-{day:02d} "
                              f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d} {rng.choice(kinds)}")
            products = ["L1 P1 5", "L2 P1 3", f"L3 P1 2 2026-03-{first + 1:02d}", "L4 P1 1"]
            spec = {"period": period, "products": products, "locations": [f"{loc} testset" for loc in locations],
                    "employees": ["E1 MBO-4", "E2 HBO", "E3 MBO-2", "E4 MBO-4"], "shifts": shifts}
            roster = roster_from_spec(spec)
            for n in ns.norms:
                together = C._runs_of(n, roster, locations)
                for loc in locations:
                    alone = C._runs(C._pieces(n, roster, loc, C.shifts_at(roster, loc)), n.params.min_staff)
                    assert together[loc] == alone, (period, n.id, loc)


# --- real minutes across the clock changes (OUTPUT.md rev. 2) ----------------------------

def test_clock_maps_wall_minutes_to_real_minutes_and_back():
    from rostercheck.checks._common import Clock

    march = Clock(datetime(2026, 3, 1), datetime(2026, 4, 1))
    base = datetime(2026, 3, 1)

    def wall(text):
        return int((datetime.fromisoformat(text) - base).total_seconds()) // 60

    # 29 March 02:00-03:00 does not exist: every wall minute in it is the moment of the jump
    assert march.real(wall("2026-03-29T01:59")) == wall("2026-03-29T01:59")
    assert march.real(wall("2026-03-29T02:00")) == march.real(wall("2026-03-29T02:59")) == march.real(wall("2026-03-29T03:00"))
    assert march.real(wall("2026-03-29T03:00")) == wall("2026-03-29T03:00") - 60
    assert march.real(wall("2026-03-29T07:00")) - march.real(wall("2026-03-28T22:00")) == 8 * 60
    assert march.wall(march.real(wall("2026-03-29T03:00"))) == wall("2026-03-29T03:00")
    october = Clock(datetime(2026, 10, 1), datetime(2026, 11, 1))
    base = datetime(2026, 10, 1)
    # 25 October 02:00-03:00 occurs twice: 02:30 is its first occurrence; 03:00 is 90 real minutes later
    assert october.real(wall("2026-10-25T03:00")) - october.real(wall("2026-10-25T02:30")) == 90
    assert october.real(wall("2026-10-25T07:00")) - october.real(wall("2026-10-24T22:00")) == 10 * 60
    second_0215 = october.real(wall("2026-10-25T02:15")) + 60
    assert october.wall(second_0215) == wall("2026-10-25T02:15")  # reported in wall-clock time
    assert Clock(datetime(2026, 5, 1), datetime(2026, 6, 1)).changes == ()
    assert [c[1:] for c in Clock(datetime(2026, 1, 1), datetime(2027, 1, 1)).changes] == [(0, 60), (60, 0)]


def test_the_missing_spring_hour_is_never_a_finding():
    spec = BASE | {
        "period": "2026-03-27..2026-03-29",
        "products": ["L1 P1 5 2026-03-28 2026-03-28"],
        "employees": ["E1 HBO"],
        "shifts": ["E1 L1 2026-03-28 22:00-02:00 slaapdienst", "E1 L1 2026-03-29 03:00-07:00 slaapdienst"],
    }
    assert run(norm_set(NIGHT_15), spec) == []
    spec["shifts"] = ["E1 L1 2026-03-28 22:00-02:00 slaapdienst", "E1 L1 2026-03-29 03:01-07:00 slaapdienst"]
    assert pick(run(norm_set(NIGHT_15), spec)) == [cov("2026-03-29T03:00", "2026-03-29T03:01")]


def test_the_repeated_autumn_hour_must_be_covered_both_times():
    spec = BASE | {
        "period": "2026-10-23..2026-10-25",
        "products": ["L1 P1 5 2026-10-24 2026-10-24"],
        "employees": ["E1 HBO", "E2 HBO"],
        # E1 leaves at the first 02:59; E2 comes at 03:00, after the second pass of 02:00-03:00
        "shifts": ["E1 L1 2026-10-24 22:00-02:59 slaapdienst", "E2 L1 2026-10-25 03:00-07:00 slaapdienst"],
    }
    found = run(norm_set(NIGHT_15), spec)
    assert pick(found) == [cov("2026-10-25T02:59", "2026-10-25T03:00")]
    assert "61 minuten" in found[0]["message"]


def test_require_is_validated_when_the_norm_set_is_loaded():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="require"):
        norm_set(norm("x", "coverage", {"window": {}, "presence": "on_site", "require": "sometimes"}))
    with pytest.raises(ValidationError, match="care_relevant"):
        norm_set(norm("r", "role", {"role": "regisseur", "care_relevant": "misschien"}))


def test_some_moment_each_weekday_window_and_its_edges():
    once = norm("once", "coverage", {
        "window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "07:00", "end": "22:00"},
        "presence": "awake_on_site", "min_level": "MBO-4", "require": "some_moment",
    }, severity="warning")
    spec = {
        "period": "2026-03-02..2026-03-08", "products": ["L1 P1 5"], "employees": ["E1 MBO-4", "E2 MBO-4"],
        "shifts": [
            "E1 L1 2026-03-02 06:00-07:01 aanwezig",  # one minute inside the window: counts
            "E1 L1 2026-03-03 21:59-23:00 aanwezig",  # the last minute: counts
            "E1 L1 2026-03-04 06:00-07:00 aanwezig",  # ends at the window's start: does not
            "E2 L1 2026-03-05 10:00-11:00 beschikbaar resp=5",  # not on site
            "E1 L1 2026-03-06 10:00-11:00 aanwezig",
            "E1 L1 2026-03-07 10:00-11:00 aanwezig",  # Saturday: not asked
        ],
    }
    got = pick(run(norm_set(once), spec))
    assert got == [
        cov("2026-03-04T07:00", "2026-03-04T22:00", severity="warning", norm="once"),
        cov("2026-03-05T07:00", "2026-03-05T22:00", severity="warning", norm="once"),
    ]
    # two staff at some moment: min_staff counts at one minute, not over the day
    twice = norm("twice", "coverage", {
        "window": {"days": ["mon"], "start": "07:00", "end": "22:00"}, "presence": "awake_on_site",
        "min_staff": 2, "require": "some_moment",
    })
    spec2 = {"period": "2026-03-02..2026-03-02", "products": ["L1 P1 5"], "employees": ["E1 MBO-4", "E2 MBO-4"],
             "shifts": ["E1 L1 2026-03-02 08:00-12:00 aanwezig", "E2 L1 2026-03-02 12:00-16:00 aanwezig"]}
    assert pick(run(norm_set(twice), spec2)) == [cov("2026-03-02T07:00", "2026-03-02T22:00", measured=1, required=2, norm="twice")]
    spec2["shifts"][1] = "E2 L1 2026-03-02 11:59-16:00 aanwezig"
    assert run(norm_set(twice), spec2) == []


def test_joined_per_employee_is_merge_per_employee():
    """checks.intervals.union_per_employee: every employee's intervals joined as
    ``merge`` joins them (touching ones too), whatever the order they come in."""
    import random

    import numpy as np

    from rostercheck.checks._common import merge
    from rostercheck.checks.intervals import union_per_employee

    rng = random.Random(11)
    for _ in range(300):
        rows = [(rng.randrange(4), a, a + rng.randrange(0, 40)) for a in (rng.randrange(0, 200) for _ in range(rng.randrange(0, 30)))]
        emp = np.asarray([e for e, _, _ in rows], dtype=np.int64)
        a_s, b_s = union_per_employee(emp, np.asarray([a for _, a, _ in rows], dtype=np.int64), np.asarray([b for _, _, b in rows], dtype=np.int64))
        expected = sorted(iv for e in range(4) for iv in merge([(a, b) for x, a, b in rows if x == e]))
        assert sorted(zip(a_s.tolist(), b_s.tolist())) == expected


def test_sorted_unique_is_numpys_unique():
    """checks.intervals.sorted_unique: ``np.unique`` by sorting (NumPy 2.3 and later
    answer it from a hash table, many times slower on a year's distinct minutes),
    the same values in the same order and dtype, empty and single arrays included."""
    import random

    import numpy as np

    from rostercheck.checks.intervals import sorted_unique

    rng = random.Random(5)
    for n in [0, 1, 2, 3, 10, 1000]:
        for _ in range(20):
            values = np.asarray([rng.randrange(-50, 50 + n) for _ in range(n)], dtype=np.int64)
            got, expected = sorted_unique(values), np.unique(values)
            assert got.dtype == expected.dtype and got.tolist() == expected.tolist()
    values = np.arange(10)[::-1].copy()
    sorted_unique(values)
    assert values.tolist() == list(range(9, -1, -1))  # the argument is left as it was
