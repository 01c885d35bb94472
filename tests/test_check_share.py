"""Share: per block, per product, real elapsed working hours; expected findings written out."""

from _check_helpers import norm, norm_set, pick, run

HBO_HALF = norm("hbo-share", "share", {"min_level": "HBO", "min_share": 0.5})
KEYS = ("check", "severity", "norm", "product", "location", "start", "end", "measured", "required", "unit")


def share(start, end, measured, required=0.5, severity="error", product="P1", norm="hbo-share"):
    return {
        "check": "share", "severity": severity, "norm": norm, "product": product, "location": "L1",
        "start": start, "end": end, "measured": measured, "required": required, "unit": "share",
    }


WEEK = {"period": "2026-03-02..2026-03-08", "products": ["L1 P1 5"], "employees": ["H HBO", "M MBO-4", "N WO nz", "S MBO-3"]}


def test_exactly_half_passes_and_sleeping_hours_do_not_count():
    spec = WEEK | {"shifts": [
        "H L1 2026-03-02 07:00-15:00 aanwezig",
        "M L1 2026-03-02 15:00-23:00 aanwezig",
        "S L1 2026-03-02 23:00-07:00 slaapdienst",  # not working hours: not in the denominator
    ]}
    assert run(norm_set(HBO_HALF), spec) == []


def test_share_below_minimum_over_the_block():
    spec = WEEK | {"shifts": [
        "H L1 2026-03-02 07:00-11:00 ambulant",
        "M L1 2026-03-03 07:00-15:00 aanwezig",
        "N L1 2026-03-04 07:00-11:00 aanwezig",  # WO but not care-relevant: denominator only
    ]}
    found = run(norm_set(HBO_HALF), spec)
    assert pick(found, *KEYS) == [share("2026-03-02T00:00", "2026-03-09T00:00", 0.25)]
    assert found[0]["message"] == (
        "Aandeel inzet door professionals (≥ HBO) bij P1 in ma 2 mrt – zo 8 mrt is 25% (minimaal 50%): 4,0 van 16,0 uur."
    )


def test_calendar_months_are_separate_blocks_and_shifts_split_at_the_boundary():
    # 31 March 22:00 - 1 April 07:00: 2 hours in March, 7 in April
    spec = {
        "period": "2026-03-30..2026-04-01",
        "products": ["L1 P1 5"],
        "employees": ["H HBO", "M MBO-4"],
        "shifts": [
            "H L1 2026-03-31 22:00-07:00 waakdienst",
            "M L1 2026-03-31 20:00-22:00 aanwezig",
            "M L1 2026-04-01 07:00-19:00 aanwezig",
        ],
    }
    found = run(norm_set(HBO_HALF), spec)
    assert pick(found, *KEYS) == [share("2026-04-01T00:00", "2026-04-02T00:00", 0.3684)]  # 7 / 19
    assert "april 2026" not in found[0]["message"]  # a partial month is named by its days


def test_whole_month_is_named_and_real_hours_count_over_summer_time():
    # 28/29 March 2026: the night is 8 real hours, not 9
    spec = {
        "period": "2026-03-01..2026-03-31",
        "products": ["L1 P1 5"],
        "employees": ["H HBO", "M MBO-4"],
        "shifts": ["H L1 2026-03-28 22:00-07:00 waakdienst", "M L1 2026-03-29 07:00-16:00 aanwezig"],
    }
    found = run(norm_set(HBO_HALF), spec)
    assert pick(found, *KEYS) == [share("2026-03-01T00:00", "2026-04-01T00:00", 0.4706)]  # 8 / 17
    assert found[0]["message"].endswith("in maart 2026 is 47,06% (minimaal 50%): 8,0 van 17,0 uur.")


def test_product_attribution_per_shift():
    both = norm("hbo-share", "share", {"min_level": "HBO", "min_share": 0.5}, products=("P1", "P2"))
    spec = WEEK | {
        "products": ["L1 P1 5", "L1 P2 3"],
        "shifts": [
            "H L1 2026-03-02 07:00-15:00 aanwezig product=P2",  # P2 only
            "M L1 2026-03-03 07:00-15:00 aanwezig",  # no product: both P1 and P2
        ],
    }
    assert pick(run(norm_set(both), spec), *KEYS) == [share("2026-03-02T00:00", "2026-03-09T00:00", 0)]  # P1: 0 of 8


def test_max_share_and_four_week_blocks():
    wo_cap = norm("wo-cap", "share", {"min_level": "WO", "max_share": 0.1, "block": "4weeks"}, severity="info")
    spec = {
        "period": "2026-03-02..2026-04-05",  # 5 weeks: a 4-week block and a 1-week rest
        "products": ["L1 P1 5"],
        "employees": ["W WO", "M MBO-4"],
        "shifts": ["W L1 2026-03-03 07:00-09:00 aanwezig", "M L1 2026-03-03 09:00-17:00 aanwezig",
                   "M L1 2026-03-31 09:00-17:00 aanwezig"],
    }
    assert pick(run(norm_set(wo_cap), spec), *KEYS) == [
        share("2026-03-02T00:00", "2026-03-30T00:00", 0.2, required=0.1, severity="info", norm="wo-cap"),
    ]


def test_no_working_hours_cannot_be_verified():
    spec = WEEK | {"shifts": ["S L1 2026-03-02 22:00-07:00 slaapdienst"]}
    found = run(norm_set(HBO_HALF), spec)
    assert pick(found, *KEYS) == [share("2026-03-02T00:00", "2026-03-09T00:00", None, severity="warning") | {"check": "input"}]
    assert found[0]["message"].startswith("Niet te controleren: geen inzet-uren")


def test_blocks_without_the_product_are_not_checked():
    spec = {
        "period": "2026-03-30..2026-04-03",
        "products": ["L1 P1 5 2026-04-01"],
        "employees": ["M MBO-4"],
        "shifts": ["M L1 2026-03-30 07:00-15:00 aanwezig", "M L1 2026-04-01 07:00-15:00 aanwezig"],
    }
    assert pick(run(norm_set(HBO_HALF), spec), *KEYS) == [share("2026-04-01T00:00", "2026-04-04T00:00", 0)]


def test_a_share_just_below_its_bound_is_never_shown_as_the_bound():
    from rostercheck.checks._common import nl_percent, share_measured

    assert nl_percent(0.4995, apart_from=0.5) == "49,95%"
    assert nl_percent(0.49996, apart_from=0.5) == "49,996%"
    assert nl_percent(0.5, apart_from=0.5) == "50%"
    assert nl_percent(0.5263) == "52,63%"
    assert nl_percent(0.1) == "10%"
    assert share_measured(0.49996, 0.5) == 0.4999  # not 0.5: the JSON shows the shortfall too
    assert share_measured(0.4995, 0.5) == 0.4995
    assert share_measured(0.10004, 0.1) == 0.1001  # above a maximum stays above it
    assert share_measured(0.52631, 0.6) == 0.5263


def test_a_maximum_is_met_exactly_and_broken_one_minute_over():
    wo_cap = norm("wo-cap", "share", {"min_level": "WO", "max_share": 0.1}, severity="info")
    spec = {"period": "2026-03-02..2026-03-02", "products": ["L1 P1 5"], "employees": ["W WO", "M MBO-4"]}
    # 60 of 600 minutes by WO: exactly 10 %, met
    exact = spec | {"shifts": ["W L1 2026-03-02 07:00-08:00 aanwezig", "M L1 2026-03-02 08:00-17:00 aanwezig"]}
    assert run(norm_set(wo_cap), exact) == []
    # 61 of 600 minutes: 10,17 %, above the maximum; measured stays above 0.1
    over = spec | {"shifts": ["W L1 2026-03-02 07:00-08:01 aanwezig", "M L1 2026-03-02 08:01-17:00 aanwezig"]}
    found = run(norm_set(wo_cap), over)
    assert pick(found, *KEYS) == [
        share("2026-03-02T00:00", "2026-03-03T00:00", 0.1017, required=0.1, severity="info", norm="wo-cap")
    ]
    assert "is 10,17% (maximaal 10%)" in found[0]["message"]
