from datetime import datetime

import pytest
from pydantic import ValidationError

from rostercheck.model import Level, Period, Shift, ShiftKind
from rostercheck.testing import roster_from_spec


def test_levels_are_ordered():
    assert Level.WO.at_least(Level.HBO)
    assert Level.HBO.at_least(Level.MBO4)
    assert not Level.MBO4.at_least(Level.HBO)


def test_night_shift_over_start_of_summer_time_counts_real_hours():
    # 29 March 2026 02:00 -> 03:00: a 22:00-07:00 night is 8 real hours, not 9
    r = roster_from_spec(
        {
            "period": "2026-03-28..2026-03-29",
            "locations": ["L1 tarieven-15n"],
            "employees": ["E1 HBO"],
            "shifts": ["E1 L1 2026-03-28 22:00-07:00 waakdienst"],
        }
    )
    assert r.shifts[0].hours == 8.0


def test_shifts_are_clipped_to_the_period_but_kept_whole_in_the_model():
    r = roster_from_spec(
        {
            "period": "2026-03-02..2026-03-02",
            "locations": ["L1 tarieven-15n"],
            "employees": ["E1 HBO"],
            "shifts": ["E1 L1 2026-03-02 22:00-07:00 waakdienst", "E1 L1 2026-03-05 07:00-15:00 aanwezig"],
        }
    )
    clipped = r.clipped_shifts()
    assert [(s.start, s.end) for s in clipped] == [(datetime(2026, 3, 2, 22), datetime(2026, 3, 3, 0))]
    assert r.shifts[0].end == datetime(2026, 3, 3, 7)


def test_zero_length_shift_is_refused():
    with pytest.raises(ValidationError):
        Shift(employee="E1", location="L1", start=datetime(2026, 3, 2, 7), end=datetime(2026, 3, 2, 7), kind=ShiftKind.PRESENT)


def test_period_blocks_are_calendar_months():
    p = Period(start=datetime(2026, 1, 15), end=datetime(2026, 3, 10))
    assert p.blocks() == [
        (datetime(2026, 1, 15), datetime(2026, 2, 1)),
        (datetime(2026, 2, 1), datetime(2026, 3, 1)),
        (datetime(2026, 3, 1), datetime(2026, 3, 10)),
    ]


def test_deliveries_are_the_locations_rows_of_a_product_with_clients_in_input_order():
    # Roster.deliveries (what checks.scope asks per location and product): the rows a
    # filter over products_at gives, the product's id in any case, none without clients
    import random
    from datetime import date

    from rostercheck.checks import scope
    from rostercheck.model import ProductAssignment

    rng = random.Random(7)
    rows = [ProductAssignment(location=rng.choice(["L1", "L2", "L3"]), product=rng.choice(["15N12", "15n12", "BW-M", "x"]),
                              clients=rng.choice([0, 0, 1, 4]), valid_from=rng.choice([None, date(2026, 3, d)]),
                              valid_until=None) for d in range(1, 29) for _ in range(3)]
    roster = roster_from_spec({"period": "2026-03-01..2026-03-31", "locations": ["L1 demo", "L2 demo", "L3 demo", "L4 demo"],
                               "products": [], "employees": [], "shifts": []}).model_copy(update={"products": tuple(rows)})
    for loc in ("L1", "L2", "L3", "L4"):
        for product in ("15N12", "15n12", "bw-m", "X", "none"):
            want = [a for a in roster.products_at(loc) if a.product.lower() == product.lower() and a.clients > 0]
            assert list(roster.deliveries(loc, product)) == want
            assert scope.assignments(roster, loc, [product]) == want
            assert scope.assignments(roster, loc, (product, "none")) == want
    assert sum(len(roster.deliveries(loc, "15N12")) for loc in ("L1", "L2", "L3")) > 10
