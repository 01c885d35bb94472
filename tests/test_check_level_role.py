"""Level and role: expected findings written out."""

from _check_helpers import norm, norm_set, pick, run, run_findings

MBO4 = norm("level", "level", {"min_level": "MBO-4"})
HBO_EXP = norm("level-exp", "level", {"min_level": "HBO", "min_experience_years": 3})
REGISSEUR = norm("regisseur", "role", {"role": "regisseur", "min_level": "HBO"})
KEYS = ("check", "severity", "norm", "product", "location", "employee", "start", "end", "measured", "required", "unit")
WEEK = {"period": "2026-03-02..2026-03-08", "products": ["L1 P1 5"]}


def lvl(employee, start, end, hours, severity="error", norm="level", required=0, unit="hours"):
    return {
        "check": "level", "severity": severity, "norm": norm, "product": "P1", "location": "L1", "employee": employee,
        "start": start, "end": end, "measured": hours, "required": required, "unit": unit,
    }


def test_all_hours_by_mbo4_or_higher_pass():
    spec = WEEK | {
        "employees": ["A MBO-4", "B WO", "C MBO-2"],
        "shifts": [
            "A L1 2026-03-02 07:00-15:00 aanwezig",
            "B L1 2026-03-02 15:00-23:00 ambulant",
            "C L1 2026-03-02 23:00-07:00 slaapdienst",  # sleeping is not working time
        ],
    }
    assert run(norm_set(MBO4), spec) == []


def test_one_finding_per_contiguous_window_per_employee():
    spec = WEEK | {
        "employees": ["A MBO-3", "B HBO nz"],
        "shifts": [
            "A L1 2026-03-02 07:00-15:00 aanwezig",
            "A L1 2026-03-02 15:00-19:00 aanwezig",  # touches: same window
            "A L1 2026-03-04 22:00-07:00 waakdienst",
            "B L1 2026-03-03 09:00-12:30 ambulant",
        ],
    }
    roster, report = run_findings(norm_set(MBO4), spec)
    found = [f.to_json_dict() for f in report.findings]
    assert pick(found, *KEYS) == [
        lvl("A", "2026-03-02T07:00", "2026-03-02T19:00", 12),
        lvl("B", "2026-03-03T09:00", "2026-03-03T12:30", 3.5),
        lvl("A", "2026-03-04T22:00", "2026-03-05T07:00", 9),
    ]
    assert found[0]["message"] == (
        "A (MBO-3) werkte ma 2 mrt 07:00 – 19:00 (12,0 uur) op L1: niveau MBO-3; vereist: professional (≥ MBO-4)."
    )
    assert found[1]["message"].startswith("B (HBO, niet zorgrelevant) werkte di 3 mrt 09:00 – 12:30 (3,5 uur) op L1: niet zorgrelevant;")
    assert report.findings[0].shift_refs == (0, 1)


def test_shifts_for_another_product_are_not_under_the_norm():
    spec = WEEK | {
        "products": ["L1 P1 5", "L1 P2 5"],
        "employees": ["A MBO-3"],
        "shifts": ["A L1 2026-03-02 07:00-15:00 aanwezig product=P2"],
    }
    assert run(norm_set(MBO4), spec) == []


def test_experience_below_minimum_is_an_error_and_missing_experience_a_warning():
    spec = WEEK | {
        "employees": ["A HBO exp=2", "B HBO", "C HBO exp=5"],
        "shifts": [
            "A L1 2026-03-02 09:00-17:00 aanwezig",
            "B L1 2026-03-03 09:00-17:00 aanwezig",
            "B L1 2026-03-05 09:00-13:00 aanwezig",
            "C L1 2026-03-04 09:00-17:00 aanwezig",
        ],
    }
    found = run(norm_set(HBO_EXP), spec)
    assert pick(found, *KEYS) == [
        lvl("A", "2026-03-02T09:00", "2026-03-02T17:00", 8, norm="level-exp"),
        # experience unknown: an `input` warning, nothing measured, the minimum years required
        lvl("B", "2026-03-03T09:00", "2026-03-05T13:00", None, severity="warning", norm="level-exp", required=3, unit="years")
        | {"check": "input"},
    ]
    assert "2 jaar ervaring" in found[0]["message"]
    assert found[1]["message"].startswith("Niet te controleren: B heeft geen ervaring_jaren in de personeelslijst")


def role(measured, required=1, norm="regisseur", severity="error"):
    return {
        "check": "role", "severity": severity, "norm": norm, "product": "P1", "location": "L1",
        "start": "2026-03-02T00:00", "end": "2026-03-09T00:00", "measured": measured, "required": required, "unit": "staff",
    }


def test_rostered_hbo_regisseur_passes():
    spec = WEEK | {"employees": ["R WO regisseur"], "shifts": ["R L1 2026-03-04 09:00-10:00 ambulant"]}
    assert run(norm_set(REGISSEUR), spec) == []


def test_regisseur_below_level_or_not_rostered_does_not_count():
    spec = WEEK | {
        "locations": ["L1 testset", "L2 testset"],
        "employees": ["R1 MBO-4 regisseur", "R2 HBO regisseur"],
        "shifts": ["R1 L1 2026-03-04 09:00-17:00 aanwezig", "R2 L2 2026-03-04 09:00-17:00 aanwezig"],
    }
    found = run(norm_set(REGISSEUR), spec)
    # reading 3: besides "none qualifies", R1 (rostered at L1, below HBO) is an error of their own
    assert pick(found, *KEYS) == [role(0), role(None, None) | {"employee": "R1"}]
    assert found[0]["message"] == (
        "Geen regisseur (≥ HBO) ingeroosterd op L1 in de periode. R1 heeft de rol regisseur maar is MBO-4; "
        "R2 heeft de rol regisseur maar staat niet op L1 ingeroosterd."
    )
    assert found[1]["message"] == (
        "R1 heeft de rol regisseur en staat op L1 ingeroosterd, maar is MBO-4; de regisseur moet minimaal HBO zijn."
    )


def test_staff_list_is_enough_when_not_rostered_and_min_count():
    gw = norm("gw", "role", {"role": "gedragswetenschapper", "rostered": False}, severity="warning")
    two = norm("two", "role", {"role": "regisseur", "min_count": 2})
    spec = WEEK | {"employees": ["G WO gedragswetenschapper", "R HBO regisseur"], "shifts": ["R L1 2026-03-02 09:00-17:00 aanwezig"]}
    found = run(norm_set(gw, two), spec)
    assert pick(found, *KEYS) == [role(1, required=2, norm="two")]
    assert found[0]["message"] == "Slechts 1 van de 2 vereiste medewerkers met de rol regisseur ingeroosterd op L1 in de periode."


def test_role_norm_does_not_apply_without_its_product():
    spec = WEEK | {"products": ["L1 P2 5"], "employees": [], "shifts": []}
    assert run(norm_set(REGISSEUR), spec) == []
