"""Pseudonymised means no names anywhere a third party (auditor) looks.

Names are planted in every place a planner can type free text: the name column,
notes (``opmerking``), columns of the planner's own (on Medewerkers and Diensten),
the file name, a name typed where an employee id belongs, and a name in a date cell
(an input error's value). Then everything the auditor can reach is fetched (pages,
API JSON, xlsx and html downloads, the fix proposal) and searched for every name.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from rostercheck.testing import roster_from_spec
from rostercheck.web.core import default_core
from rostercheck.web.privacy import looks_like_id, neutral_label, redact_input_errors
from rostercheck.workbook import write_roster_xlsx
from web_support import TINY_SPEC, Accounts, SlowFixResult, extract_csrf, login, make_client

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Every word that would identify someone; searched case-sensitively as whole words.
PLANTED = ["Piet", "Vries", "Daan", "Amrani", "Rik", "Çelik", "Fleur", "Visser", "Sanne", "Bos", "Yara", "Jansen", "Anna"]
CHECKED_FILE = "rooster Daan El Amrani.xlsx"
UNREADABLE_FILE = "Sanne Bos rooster.xlsx"


def _planted_workbook(tmp_path, *, unreadable: bool = False) -> bytes:
    roster = roster_from_spec(TINY_SPEC, "x.xlsx")
    names = ["Piet de Vries", "Anna Jansen"]
    roster = roster.model_copy(
        update={"employees": tuple(e.model_copy(update={"name": n}) for e, n in zip(roster.employees, names))}
    )
    path = tmp_path / "w.xlsx"
    write_roster_xlsx(roster, path)
    wb = load_workbook(path)
    shifts = wb["Diensten"]
    col = shifts.max_column
    shifts.cell(1, col + 1, "opmerking")
    shifts.cell(2, col + 1, "Daan belt in")
    shifts.cell(3, col + 1, "vervangt Rik Çelik (Rik)")
    shifts.cell(1, col + 2, "contactpersoon")  # a column of the planner's own
    shifts.cell(2, col + 2, "Fleur Visser")
    staff = wb["Medewerkers"]
    scol = staff.max_column
    staff.cell(1, scol + 1, "mentor")
    staff.cell(2, scol + 1, "Fleur Visser")
    if unreadable:
        shifts.cell(2, 1, "Sanne Bos")  # a name where the employee id belongs
        shifts.cell(3, 3, "Yara")  # a name in a date cell
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _core_whose_fix_echoes_the_roster():
    """The real reader/checker/reports; a fixer that proposes to change a shift as it
    was read (note and all), as a real proposal may."""
    core = default_core()

    def fix(roster, time_limit):
        return SlowFixResult(False, [{"action": "wijzigen", "kind": "retime", "before": roster.shifts[0], "after": roster.shifts[1],
                                      "norms": []}], 0.0, False, 0.0, roster)

    core.fix = fix
    core.write_fixed = lambda result, roster, path: write_roster_xlsx(result.fixed_roster, path)
    return core


def _names_in(text: str) -> list[str]:
    return [n for n in PLANTED if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]


def _xlsx_text(data: bytes) -> str:
    """Every XML part of the workbook (cells, shared strings, comments, properties)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())


def test_no_planted_name_reaches_the_auditor(tmp_path):
    client, acc = make_client(tmp_path, core=_core_whose_fix_echoes_the_roster())
    pa = Accounts.bearer(acc.a)
    good = client.post("/api/rosters", files={"file": (CHECKED_FILE, _planted_workbook(tmp_path), XLSX)}, headers=pa)
    assert good.status_code == 200, good.text
    bad = client.post("/api/rosters", files={"file": (UNREADABLE_FILE, _planted_workbook(tmp_path, unreadable=True), XLSX)}, headers=pa)
    assert bad.status_code == 422, bad.text
    good_id, bad_id = good.json()["id"], bad.json()["id"]
    # The planter's own view has them (so the search below can find what it looks for).
    own = client.get(f"/api/rosters/{bad_id}", headers=pa).text + client.get("/api/rosters", headers=pa).text
    assert {"Sanne", "Bos", "Daan", "Amrani"} <= set(_names_in(own))
    own_xlsx = _xlsx_text(client.get(f"/api/rosters/{good_id}/report.xlsx", headers=pa).content)
    assert {"Piet", "Daan", "Rik", "Fleur"} <= set(_names_in(own_xlsx))

    ha = Accounts.bearer(acc.auditor)
    seen: dict[str, str] = {}
    seen["api list"] = client.get("/api/rosters", headers=ha).text
    for id_ in (good_id, bad_id):
        seen[f"api get {id_}"] = client.get(f"/api/rosters/{id_}", headers=ha).text
    seen["api html"] = client.get(f"/api/rosters/{good_id}/report.html", headers=ha).text
    xlsx = client.get(f"/api/rosters/{good_id}/report.xlsx", headers=ha)
    seen["api xlsx"] = _xlsx_text(xlsx.content)
    seen["api xlsx headers"] = str(dict(xlsx.headers))
    fix = client.post(f"/api/rosters/{good_id}/fix", headers=ha)
    assert fix.status_code == 200
    seen["api fix"] = fix.text

    login(client, "gemeente", acc.auditor)
    for path in ("/uploads", "/overview", f"/uploads/{good_id}", f"/uploads/{bad_id}", f"/uploads/{good_id}/report.html"):
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        seen[path] = r.text
    page_xlsx = client.get(f"/uploads/{good_id}/report.xlsx")
    seen["page xlsx"] = _xlsx_text(page_xlsx.content) + str(dict(page_xlsx.headers))

    leaks = {where: _names_in(text) for where, text in seen.items() if _names_in(text)}
    assert leaks == {}
    # What the auditor does see: ids, the neutral label, the place of each input error.
    assert "E1" in seen["api html"] and "rooster-" in seen["api list"]
    errors = client.get(f"/api/rosters/{bad_id}", headers=ha).json()["errors"]
    assert any(e["sheet"] == "Diensten" and e["row"] == 2 for e in errors)
    assert "«waarde verborgen»" in seen[f"api get {bad_id}"]
    assert "(opmerking weggelaten)" in seen["api xlsx"]


def test_the_findings_are_the_same_for_owner_and_auditor(tmp_path):
    client, acc = make_client(tmp_path, core=_core_whose_fix_echoes_the_roster())
    r = client.post("/api/rosters", files={"file": (CHECKED_FILE, _planted_workbook(tmp_path), XLSX)}, headers=Accounts.bearer(acc.a))
    own = client.get(f"/api/rosters/{r.json()['id']}", headers=Accounts.bearer(acc.a)).json()["report"]
    third = client.get(f"/api/rosters/{r.json()['id']}", headers=Accounts.bearer(acc.auditor)).json()["report"]
    assert own["roster"] == CHECKED_FILE and third["roster"].startswith("rooster-") and third["roster"].endswith(".xlsx")
    assert {**own, "roster": None} == {**third, "roster": None}


def test_neutral_label_and_id_rule():
    from datetime import datetime

    # 23:30 UTC on 1 March is 2 March in Amsterdam.
    assert neutral_label("abcdef0123", datetime(2026, 3, 1, 23, 30), "Daan.ODS") == "rooster-2026-03-02-abcdef.ods"
    assert neutral_label("abcdef0123", datetime(2026, 3, 1, 12, 0), "Daan") == "rooster-2026-03-01-abcdef"
    for value in ("E1", "1042", "L-03", "15N13", "2026-03-02"):
        assert looks_like_id(value), value
    for value in ("Daan", "El Amrani", "Daan 2", "", "Çelik"):
        assert not looks_like_id(value), value
    redacted = redact_input_errors(
        [{"type": "unknown_employee", "sheet": "Diensten", "row": 2, "column": "medewerker", "value": "Daan El Amrani",
          "message": "onbekende medewerker 'Daan El Amrani'"},
         {"type": "unknown_employee", "sheet": "Diensten", "row": 3, "column": "medewerker", "value": "E9",
          "message": "onbekende medewerker 'E9'"}]
    )
    assert redacted[0]["value"] is None and redacted[0]["message"] == "onbekende medewerker «waarde verborgen»"
    assert redacted[1] == {"type": "unknown_employee", "sheet": "Diensten", "row": 3, "column": "medewerker", "value": "E9",
                           "message": "onbekende medewerker 'E9'"}


@pytest.mark.parametrize("role_token", ["a", "auditor"])
def test_login_and_upload_pages_show_the_right_name(tmp_path, role_token):
    client, acc = make_client(tmp_path, core=_core_whose_fix_echoes_the_roster())
    client.post("/api/rosters", files={"file": (CHECKED_FILE, _planted_workbook(tmp_path), XLSX)}, headers=Accounts.bearer(acc.a))
    name = {"a": "planner-a", "auditor": "gemeente"}[role_token]
    login(client, name, getattr(acc, role_token))
    text = client.get("/uploads").text
    assert (CHECKED_FILE in text) == (role_token == "a")
    assert extract_csrf(text)
