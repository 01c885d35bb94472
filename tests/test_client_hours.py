"""client_hours: small Begeleiding records that pass and fail, with the findings written out.

2026-03-02 is a Monday; the period 2026-03-02..2026-03-08 is one whole ISO week.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from rostercheck.checks.client_hours import CANNOT_VERIFY, check
from rostercheck.findings import CheckKind, Severity
from rostercheck.normsets import load_catalogue
from rostercheck.testing import roster_from_spec

WEEK = "2026-03-02..2026-03-08"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def run(catalogue, set_id, norm_id, spec):
    norm_set = catalogue.get(set_id)
    norm = next(n for n in norm_set.norms if n.id == norm_id)
    roster = roster_from_spec({"period": WEEK, "locations": [f"L1 {set_id}"], **spec})
    return check(norm, norm_set, roster, "L1")


def test_no_support_sheet_is_one_warning_never_a_pass(catalogue):
    found = run(catalogue, "tarieven-15n", "15N12-individual-hours", {"products": ["L1 15N12 4"]})
    assert len(found) == 1
    f = found[0]
    assert (f.check, f.severity, f.product, f.location) == (CheckKind.INPUT, Severity.WARNING, "15N12", "L1")
    assert (f.start, f.end) == (datetime(2026, 3, 2), datetime(2026, 3, 9))
    assert f.measured is None and f.required == 7
    assert CANNOT_VERIFY in f.message


def test_norm_without_its_product_at_the_location_is_silent(catalogue):
    assert run(catalogue, "tarieven-15n", "15N12-individual-hours", {"products": ["L1 15N13 4"], "support": []}) == []


def test_individual_band_lower_bound_with_group_exchange_above_the_included_hours(catalogue):
    spec = {
        "products": ["L1 15N12 2"],
        "support": [
            # C1: 6 individual + 13 group; 6 group hours above the included 7 count as 1 -> 7: passes
            "C1 L1 15N12 2026-03-02 6 individueel",
            "C1 L1 15N12 2026-03-03 13 groep",
            # C2: 5 individual + 1 digital + 7 group (all included) -> 6 < 7: fails
            "C2 L1 15N12 2026-03-04 5 individueel",
            "C2 L1 15N12 2026-03-05 1 digitaal",
            "C2 L1 15N12 2026-03-05 7 groep",
        ],
    }
    found = run(catalogue, "tarieven-15n", "15N12-individual-hours", spec)
    assert [(f.severity, f.measured, f.required, f.unit, f.product) for f in found] == [
        (Severity.ERROR, 6.0, 7, "hours/week", "15N12")
    ]
    assert found[0].message.startswith("Cliënt C2: 6 uur individuele begeleiding in de week van 2026-03-02; minimaal 7.")
    assert (found[0].start, found[0].end) == (datetime(2026, 3, 2), datetime(2026, 3, 9))
    assert found[0].source.quote == "individuele begeleiding per week 7-9 uur."


def test_every_group_hour_is_exchanged_where_no_group_hours_are_included(catalogue):
    spec = {"products": ["L1 15N02 1"], "support": ["C1 L1 15N02 2026-03-02 1 individueel", "C1 L1 15N02 2026-03-03 6 groep"]}
    assert run(catalogue, "tarieven-15n", "15N02-individual-hours", spec) == []


def test_client_seen_in_the_period_but_not_this_week_counts_zero_and_partial_weeks_are_named(catalogue):
    norm_set = catalogue.get("tarieven-15n")
    norm = next(n for n in norm_set.norms if n.id == "15N02-individual-hours")
    roster = roster_from_spec({
        "period": "2026-03-01..2026-03-15",  # Sunday 1 March is a partial week
        "locations": ["L1 tarieven-15n"],
        "products": ["L1 15N02 1"],
        "support": ["C1 L1 15N02 2026-03-03 2.5 individueel"],
    })
    found = check(norm, norm_set, roster, "L1")
    assert [(f.start, f.measured, f.required) for f in found] == [(datetime(2026, 3, 9), 0, 2)]
    assert "1 dag(en) in onvolledige weken" in found[0].message


def test_clients_on_the_products_sheet_without_any_record_are_counted(catalogue):
    spec = {"products": ["L1 15N02 3"], "support": ["C1 L1 15N02 2026-03-02 2 individueel"]}
    found = run(catalogue, "tarieven-15n", "15N02-individual-hours", spec)
    assert [(f.severity, f.measured, f.required) for f in found] == [(Severity.WARNING, 0, 2)]
    assert found[0].message.startswith("2 van de 3 cliënten (Producten-blad)")


def test_no_whole_week_in_the_period_is_a_warning(catalogue):
    norm_set = catalogue.get("tarieven-15n")
    norm = next(n for n in norm_set.norms if n.id == "15N02-individual-hours")
    roster = roster_from_spec({
        "period": "2026-03-02..2026-03-03", "locations": ["L1 tarieven-15n"], "products": ["L1 15N02 1"],
        "support": ["C1 L1 15N02 2026-03-02 2 individueel"],
    })
    [f] = check(norm, norm_set, roster, "L1")
    assert f.severity is Severity.WARNING and "geen volledige week" in f.message


def test_location_average_support_hours(catalogue):
    passing = {"products": ["L1 15B01 2"], "support": [
        "C1 L1 15B01 2026-03-02 14 individueel", "C2 L1 15B01 2026-03-03 10 groep"]}
    assert run(catalogue, "centraal-gelderland", "BW-basis-support-hours", passing) == []
    failing = {"products": ["L1 15B01 2"], "support": [
        "C1 L1 15B01 2026-03-02 14 individueel", "C2 L1 15B01 2026-03-03 6 groep",
        "C2 L1 15B01 2026-03-03 4 indirect"]}  # indirect time is not support to the client
    [f] = run(catalogue, "centraal-gelderland", "BW-basis-support-hours", failing)
    assert (f.severity, f.measured, f.required, f.unit, f.product) == (Severity.WARNING, 10, 12, "hours/week", "15B01")
    assert f.message.startswith("Gemiddeld over 2 cliënten: 10 uur ondersteuning")


def test_contacts_per_week(catalogue):
    spec = {"products": ["L1 15B03 2"], "support": [
        "C1 L1 15B03 2026-03-02 1 individueel", "C1 L1 15B03 2026-03-04 1 digitaal", "C1 L1 15B03 2026-03-06 1 individueel",
        "C2 L1 15B03 2026-03-02 1 individueel", "C2 L1 15B03 2026-03-03 5 groep", "C2 L1 15B03 2026-03-05 1 individueel"]}
    [f] = run(catalogue, "centraal-gelderland", "BW-intramural-contacts", spec)
    assert (f.severity, f.measured, f.required, f.unit) == (Severity.ERROR, 2, 3, "contacts/week")
    assert "Cliënt C2" in f.message


def test_indirect_share_over_the_period(catalogue):
    spec = {"products": ["L1 02B05 2"], "support": [
        "C1 L1 02B05 2026-03-02 3 individueel", "C1 L1 02B05 2026-03-03 1 indirect",   # 25 %
        "C2 L1 02B05 2026-03-02 2 individueel", "C2 L1 02B05 2026-03-03 1 indirect"]}  # 33 %
    [f] = run(catalogue, "zou-segment-b", "ZOU-indirect-max-30", spec)
    assert (f.severity, f.measured, f.required, f.unit) == (Severity.WARNING, 0.3333, 0.3, "share")
    assert (f.start, f.end) == (datetime(2026, 3, 2), datetime(2026, 3, 9))


def test_digital_share_per_week(catalogue):
    spec = {"products": ["L1 02B03 1"], "support": [
        "C1 L1 02B03 2026-03-02 3 individueel", "C1 L1 02B03 2026-03-03 1 digitaal", "C1 L1 02B03 2026-03-03 2 indirect"]}
    [f] = run(catalogue, "zou-segment-b", "ZOU-digital-max-20", spec)
    assert (f.measured, f.required, f.unit) == (0.25, 0.2, "share")
    ok = {"products": ["L1 02B03 1"], "support": ["C1 L1 02B03 2026-03-02 4 individueel", "C1 L1 02B03 2026-03-03 1 digitaal"]}
    assert run(catalogue, "zou-segment-b", "ZOU-digital-max-20", ok) == []


def test_dagdeel_bands(catalogue):
    spec = {"products": ["L1 DB-BASIS 2"], "support": [
        "C1 L1 DB-BASIS 2026-03-02 3.5 groep",   # one dagdeel
        "C1 L1 DB-BASIS 2026-03-03 7.5 groep",   # two dagdelen
        "C2 L1 DB-BASIS 2026-03-02 5 groep"]}    # neither
    [f] = run(catalogue, "bijlage5", "DB-dagdeel", spec)
    assert (f.severity, f.measured, f.required, f.unit, f.product) == (Severity.WARNING, 5, 4, "hours/day", "DB-BASIS")
    assert (f.start, f.end) == (datetime(2026, 3, 2), datetime(2026, 3, 3))


def test_product_alias_in_the_support_sheet_counts(catalogue):
    spec = {"products": ["L1 15N02 1"], "support": ["C1 L1 15n02 2026-03-02 2 individueel"]}
    assert run(catalogue, "tarieven-15n", "15N02-individual-hours", spec) == []
