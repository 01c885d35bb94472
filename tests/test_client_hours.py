"""client_hours: what the norm cases (tests/norm_cases/*-client-hours.yml) do not show.

Spans from the ``Clienten`` sheet and from the ``Begeleiding`` rows, the input
warnings, Dutch numbers that never hide a shortfall, parameters refused at load, and
the quotes the norm files' interpretations rest on. 2026-03-02 is a Monday.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from rostercheck.checker import CheckOptions, check_roster
from rostercheck.checks.client_hours import CANNOT_VERIFY, NO_CLIENTS_SHEET_NOTE, check
from rostercheck.checks.client_hours.context import nl_num, nl_pct
from rostercheck.findings import CheckKind, Severity
from rostercheck.normsets import load_catalogue
from rostercheck.normsets.schema import ClientHoursParams
from rostercheck.testing import roster_from_spec

WEEK = "2026-03-02..2026-03-08"
SEEDS = Path("/work/shared/seeds")
if not SEEDS.is_dir():
    SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def run(catalogue, set_id, norm_id, spec, period=WEEK):
    norm_set = catalogue.get(set_id)
    norm = next(n for n in norm_set.norms if n.id == norm_id)
    roster = roster_from_spec({"period": period, "locations": [f"L1 {set_id}"], **spec})
    return check(norm, norm_set, roster, "L1")


def test_no_support_sheet_is_one_warning_never_a_pass(catalogue):
    found = run(catalogue, "tarieven-15n", "15N12-individual-hours", {"products": ["L1 15N12 4"]})
    assert len(found) == 1
    f = found[0]
    assert (f.check, f.severity, f.product, f.location) == (CheckKind.INPUT, Severity.WARNING, "15N12", "L1")
    assert (f.start, f.end) == (datetime(2026, 3, 2), datetime(2026, 3, 9))
    assert f.measured is None and f.required == 7
    assert CANNOT_VERIFY in f.message


def test_on_site_hours_need_no_support_sheet(catalogue):
    found = run(catalogue, "oost-veluwe-2024", "HGV-agogic-climate", {
        "products": ["L1 HGV 10"], "employees": ["E1 HBO"], "shifts": ["E1 L1 2026-03-03 07:00-20:00 aanwezig"]},
        period="2026-03-03..2026-03-03")
    assert found == []


def test_norm_without_its_product_at_the_location_is_silent(catalogue):
    assert run(catalogue, "tarieven-15n", "15N12-individual-hours", {"products": ["L1 15N13 4"], "support": []}) == []


def test_product_alias_in_the_support_sheet_counts(catalogue):
    spec = {"products": ["L1 15N02 1"], "support": ["C1 L1 15n02 2026-03-02 2 individueel"], "clients": ["C1 L1 15N02 - -"]}
    assert run(catalogue, "tarieven-15n", "15N02-individual-hours", spec) == []


def test_rows_outside_the_clients_span_are_not_counted(catalogue):
    # C1 holds 15N02 from Monday 9 March; the 5 hours of 3 March do not make up the 1 hour after it.
    spec = {
        "products": ["L1 15N02 1"],
        "clients": ["C1 L1 15N02 2026-03-09 -"],
        "support": ["C1 L1 15N02 2026-03-03 5 individueel", "C1 L1 15N02 2026-03-10 1 individueel"],
    }
    [f] = run(catalogue, "tarieven-15n", "15N02-individual-hours", spec, period="2026-03-02..2026-03-15")
    assert (f.severity, f.start, f.end, f.measured, f.required) == (
        Severity.ERROR, datetime(2026, 3, 9), datetime(2026, 3, 16), 1, 2)


def test_a_client_with_rows_but_no_clienten_row_is_judged_from_the_rows(catalogue):
    spec = {
        "products": ["L1 15N02 2"],
        "clients": ["C1 L1 15N02 - -"],
        "support": ["C1 L1 15N02 2026-03-03 2 individueel", "C2 L1 15N02 2026-03-02 1 individueel",
                    "C2 L1 15N02 2026-03-08 0.5 individueel"],
    }
    [f] = run(catalogue, "tarieven-15n", "15N02-individual-hours", spec)
    assert (f.severity, f.measured, f.required) == (Severity.ERROR, 1.5, 2)
    assert f.message.startswith("Cliënt C2: gemiddeld 1,5 uur")


def test_a_span_without_a_whole_week_is_judged_pro_rata_as_a_warning(catalogue):
    # Wed 4 - Fri 6 March: 0.85 h against 2 x 3/7 = 0.857 per three days -> 1.983 per week
    spec = {"products": ["L1 15N02 1"], "clients": ["C1 L1 15N02 2026-03-04 2026-03-06"],
            "support": ["C1 L1 15N02 2026-03-05 0.85 individueel"]}
    [f] = run(catalogue, "tarieven-15n", "15N02-individual-hours", spec)
    assert (f.severity, f.start, f.end, f.measured, f.required) == (
        Severity.WARNING, datetime(2026, 3, 4), datetime(2026, 3, 7), 1.9833, 2)
    assert "naar rato beoordeeld" in f.message


def test_group_hours_included_in_the_product_are_pro_rata_in_a_partial_week(catalogue):
    # Thu 5 - Sun 8 March (4 days): 7 x 4/7 = 4 group hours included; 10 group hours -> 6/6 = 1 extra.
    # Over the 11 days 11 group hours are included: (10 + (17 - 11)/6) x 7/11 = 7.0.
    spec = {"products": ["L1 15N12 1"], "clients": ["C1 L1 15N12 - -"],
            "support": ["C1 L1 15N12 2026-03-05 3 individueel", "C1 L1 15N12 2026-03-06 10 groep",
                        "C1 L1 15N12 2026-03-10 7 individueel", "C1 L1 15N12 2026-03-11 7 groep"]}
    found = run(catalogue, "tarieven-15n", "15N12-individual-hours", spec, period="2026-03-05..2026-03-15")
    assert found == []  # 3 + 1 = 4 = 7 x 4/7 in the partial week, 7 + 0 in the whole one
    spec["support"][1] = "C1 L1 15N12 2026-03-06 9.94 groep"
    [f] = run(catalogue, "tarieven-15n", "15N12-individual-hours", spec, period="2026-03-05..2026-03-15")
    # (10 + 5.94/6) x 7/11 = 6.9936; the partial week (3.99 < 4) is named in the details
    assert (f.severity, f.measured, f.required) == (Severity.ERROR, 6.9936, 7)
    assert f.details == ("do 5 mrt – zo 8 mrt (4 van de 7 dagen van de week): 3,99 uur individuele begeleiding, grens 4",)


def test_clients_on_the_products_sheet_without_any_row_are_reported_once_per_product(catalogue):
    spec = {"period": WEEK, "locations": ["L1 tarieven-15n"], "products": ["L1 15N12 3"],
            "support": ["C1 L1 15N12 2026-03-02 7 individueel"]}
    report = check_roster(roster_from_spec(spec), catalogue, CheckOptions(labour_law=False))
    [f] = [f for f in report.findings if f.norm == "clients-without-records"]
    assert (f.check, f.severity, f.product, f.measured, f.required, f.unit) == (
        CheckKind.INPUT, Severity.WARNING, "15N12", 1, 3, "clients")
    assert f.message.startswith("Het Producten-blad telt 3 cliënten met 15N12, het Begeleiding-blad noemt er 1")
    assert NO_CLIENTS_SHEET_NOTE in report.notes
    with_sheet = dict(spec, clients=["C1 L1 15N12 - -"])
    report = check_roster(roster_from_spec(with_sheet), catalogue, CheckOptions(labour_law=False))
    assert not [f for f in report.findings if f.norm == "clients-without-records"]
    assert NO_CLIENTS_SHEET_NOTE not in report.notes


@pytest.mark.parametrize(("value", "bound", "text"), [
    (1.99, 2, "1,99"), (1.995, 2, "1,995"), (1.9999, 2, "1,9999"), (2, 2, "2"), (7.5, None, "7,5"), (1.4286, None, "1,43"),
])
def test_numbers_show_enough_decimals_for_a_shortfall(value, bound, text):
    assert nl_num(value, bound) == text


@pytest.mark.parametrize(("value", "bound", "text"), [
    (0.4995, 0.5, "49,95%"), (0.2001, 0.2, "20,01%"), (0.25, 0.2, "25%"), (0.2, 0.2, "20%"), (0.175, None, "17,5%"),
])
def test_shares_show_enough_decimals_for_a_shortfall(value, bound, text):
    assert nl_pct(value, bound) == text


@pytest.mark.parametrize(("params", "error"), [
    ({"measure": "individual_hours_per_week", "min": 2, "judge": "period"}, "judge 'period' does not apply"),
    ({"measure": "dagdeel_hours", "bands": [[3, 4]], "judge": "week"}, "does not apply to dagdeel_hours"),
    ({"measure": "dagdeel_hours", "bands": [[3, 4]], "max": 4}, "takes bands, not min or max"),
    ({"measure": "support_hours_per_week", "min": 12, "bands": [[3, 4]]}, "bands only apply to dagdeel_hours"),
    ({"measure": "on_site_hours_per_client_day", "min": 1.3, "max": 25}, "more than 24 hours"),
    ({"measure": "on_site_hours_per_client_day", "min": 1.3, "kinds": ["groep"]}, "counts shifts"),
    ({"measure": "support_hours_per_week", "min": 12, "aggregate": "location_average"}, "Extra inputs"),
    ({"measure": "digital_share", "max": 20}, "a share is a fraction"),
])
def test_impossible_parameters_are_refused_at_load(params, error):
    with pytest.raises(ValidationError, match=error):
        ClientHoursParams.model_validate(params)


def _normalise(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).replace("*", "").split()).lower()


def test_every_quote_in_a_client_hours_interpretation_is_in_its_document(catalogue):
    """The readings rest on the documents' words: each "..." in the interpretation of a
    client-hours norm (and the kindplaats rule) is verbatim in the norm set's document."""
    missing, checked = [], 0
    for norm_set in catalogue.location_sets():
        text = _normalise((SEEDS / norm_set.document).read_text(encoding="utf-8"))
        for n in norm_set.norms:
            if n.check != "client_hours" or not n.interpretation:
                continue
            for quote in re.findall(r'"([^"]+)"', n.interpretation):
                checked += 1
                if _normalise(quote) not in text:
                    missing.append(f"{norm_set.id} {n.id}: {quote!r}")
    assert checked >= 20 and missing == []


def test_kindplaats_needs_herstelgericht_verblijf_only(catalogue):
    assert catalogue.get("oost-veluwe-2024").product("KINDPLAATS").requires_one_of == ("HGV",)


def test_a_clienten_sheet_read_from_a_workbook_gives_the_same_verdicts(catalogue, tmp_path):
    """The reader (workbook/clients.py) and the check agree: C2 holds 15N02 from Wed 11
    March, so the week of 2 March is no "0 uur" for C2 and 11-15 March is judged pro rata."""
    from rostercheck.workbook import read_roster, write_roster_xlsx

    spec = {
        "period": "2026-03-02..2026-03-29", "locations": ["L1 tarieven-15n"], "products": ["L1 15N02 2"],
        "support": [f"C1 L1 15N02 2026-03-{d:02d} 2 individueel" for d in (3, 10, 17, 24)]
        + ["C2 L1 15N02 2026-03-12 1.42 individueel", "C2 L1 15N02 2026-03-17 2.01 individueel",
           "C2 L1 15N02 2026-03-24 2.01 individueel"],
        "clients": ["C1 L1 15N02 - -", "C2 L1 15N02 2026-03-11 -"],
    }
    path = tmp_path / "rooster.xlsx"
    write_roster_xlsx(roster_from_spec(spec), path)
    report = check_roster(read_roster(path, catalogue=catalogue), catalogue, CheckOptions(labour_law=False))
    found = [(f.severity, f.start, f.end, f.measured, f.required) for f in report.findings if f.check is CheckKind.CLIENT_HOURS]
    assert found == [(Severity.WARNING, datetime(2026, 3, 11), datetime(2026, 3, 16), 1.42, 1.4286)]
    assert NO_CLIENTS_SHEET_NOTE not in report.notes


def test_a_client_holds_a_product_only_while_it_is_delivered_at_the_location(catalogue):
    # Producten: 15N02 at L1 from Monday 9 March; the client's Clienten row covers the period.
    spec = {"products": ["L1 15N02 1 2026-03-09"], "clients": ["C1 L1 15N02 - -"],
            "support": ["C1 L1 15N02 2026-03-10 2 individueel"]}
    assert run(catalogue, "tarieven-15n", "15N02-individual-hours", spec, period="2026-03-02..2026-03-15") == []
