"""The roster generator: deterministic, realistic, compliant unless asked not to be."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pytest

from benchmarks.generate import DEFAULT_MIX, Defect, generate_roster, write_csv_folder
from rostercheck.checker import check_roster
from rostercheck.model import Level, Role, ShiftKind
from rostercheck.normsets import load_catalogue


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_same_seed_same_roster_other_seed_other_roster():
    a = generate_roster(locations=2, seed=3)
    b = generate_roster(locations=2, seed=3)
    c = generate_roster(locations=2, seed=4)
    assert a == b
    assert a.shifts != c.shifts


@pytest.mark.parametrize("norm_set", sorted(DEFAULT_MIX))
def test_a_compliant_roster_passes_every_norm_and_the_working_hours_act(norm_set, catalogue):
    roster = generate_roster(locations=3, months=1, norm_set=norm_set, seed=7)
    report = check_roster(roster, catalogue)
    assert [f"{f.location} {f.norm} {f.start}" for f in report.findings] == []


def test_a_compliant_roster_stays_compliant_over_two_months_and_summer_time(catalogue):
    roster = generate_roster(locations=3, months=2, start="2026-03", norm_set="oost-veluwe-2024", seed=2)
    assert check_roster(roster, catalogue).findings == []


def test_rotation_respects_rest_and_shift_length():
    roster = generate_roster(locations=3, months=1, norm_set="tarieven-15n", seed=5)
    by_emp = defaultdict(list)
    for s in roster.shifts:
        assert s.end - s.start <= timedelta(hours=12)
        by_emp[s.employee].append(s)
    for shifts in by_emp.values():
        shifts.sort(key=lambda s: s.start)
        for a, b in zip(shifts, shifts[1:]):
            assert b.start - a.end >= timedelta(hours=11), (a, b)


def test_team_mix_and_scale():
    roster = generate_roster(locations=3, months=1, norm_set="oost-veluwe-2024", seed=1)
    regisseurs = [e for e in roster.employees if Role.REGISSEUR in e.roles]
    assert len(regisseurs) == 3 and all(e.level.at_least(Level.HBO) for e in regisseurs)
    assert all(e.level.at_least(Level.MBO4) and e.care_relevant for e in roster.employees)
    assert all(24 <= e.contract_hours <= 36 for e in roster.employees)
    # about 135k shifts for 100 locations x 12 months
    assert 90 <= len(roster.shifts) / 3 <= 150
    kinds = {s.kind for s in roster.shifts}
    assert {ShiftKind.SLEEP, ShiftKind.AMBULANT, ShiftKind.PHONE, ShiftKind.PRESENT} <= kinds


def test_on_call_shifts_rely_on_travel_times():
    roster = generate_roster(locations=1, norm_set="tarieven-15n", products=["15N03"], seed=1)
    on_call = [s for s in roster.shifts if s.kind is ShiftKind.ON_CALL]
    assert on_call and all(s.response_min is None for s in on_call)
    assert all(roster.response_min(s) is not None and roster.response_min(s) <= 85 for s in on_call)
    assert roster.support is not None  # 15N03 has a client-hours norm


def test_gaps_are_planted_deterministically(catalogue):
    a = generate_roster(locations=3, norm_set="tarieven-15n", seed=1, gaps=3)
    b = generate_roster(locations=3, norm_set="tarieven-15n", seed=1, gaps=3)
    assert a == b
    report = check_roster(a, catalogue)
    assert not report.compliant
    assert {f.location for f in report.findings} == {"L01", "L02", "L03"}


def test_compliant_false_plants_one_defect_per_location(catalogue):
    report = check_roster(generate_roster(locations=2, norm_set="centraal-gelderland", compliant=False), catalogue)
    assert {f.location for f in report.findings} == {"L01", "L02"}


def test_hbo_dip_breaks_the_share_norm(catalogue):
    from datetime import date

    roster = generate_roster(
        locations=1, norm_set="oost-veluwe-2024", products=["IHT-I"], defects=[Defect("hbo_dip", "L01", date(2026, 3, 9))]
    )
    norms = {f.norm for f in check_roster(roster, catalogue).findings}
    assert norms == {"IHT-I-hbo-share"}


def test_csv_folder_is_what_dutch_excel_exports(tmp_path):
    roster = generate_roster(locations=1, norm_set="oost-veluwe-2024", products=["HGV"], seed=1)
    write_csv_folder(roster, tmp_path)
    raw = (tmp_path / "begeleiding.csv").read_bytes()
    text = raw.decode("cp1252")
    assert text.splitlines()[0] == "client;locatie;product;datum;uren;soort;medewerker"
    assert ";1,05;" in text  # decimal comma
    assert "\r\n" in text


def test_grid_workbook_reads_back_as_the_roster_staff_at_two_locations_too(tmp_path, catalogue):
    # write_grid_xlsx (the grid sample, bench_check --form grid): a row per employee and
    # location, so someone who also works at a second location keeps those shifts there
    from benchmarks.generate import write_grid_xlsx
    from rostercheck.workbook import read_roster

    roster = generate_roster(locations=3, seed=2)
    first = roster.shifts[0]
    other = next(loc.id for loc in roster.locations if loc.id != first.location)
    moved = first.model_copy(update={"location": other})
    roster = roster.model_copy(update={"shifts": (moved, *roster.shifts[1:]), "support": None})
    path = tmp_path / "grid.xlsx"
    write_grid_xlsx(roster, path)
    read = read_roster(path, catalogue=catalogue)
    assert read.form == "grid"

    def key(s):
        return (s.employee, s.location, s.start, s.end, s.kind, s.response_min)

    assert sorted(map(key, read.shifts)) == sorted(map(key, roster.shifts))
    assert key(moved) in set(map(key, read.shifts))
