"""The browser pages: login, CSRF, the same visibility rule as the API, Dutch labels."""

from __future__ import annotations

import pytest

from web_support import STAFF_NAME, extract_csrf, login, make_client, real_core_with_slow_fix, tiny_roster_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def env(tmp_path):
    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(0.0))
    return client, acc, tiny_roster_bytes(tmp_path)


def page_upload(client, data, name="rooster.xlsx"):
    csrf = extract_csrf(client.get("/uploads").text)
    return client.post("/uploads", data={"csrf_token": csrf}, files={"file": (name, data, XLSX)}, follow_redirects=False)


def test_wrong_login_and_missing_csrf(env):
    client, acc, _ = env
    csrf = extract_csrf(client.get("/login").text)
    wrong = client.post("/login", data={"name": "planner-a", "token": acc.b, "csrf_token": csrf})
    assert wrong.status_code == 401 and "Naam of token klopt niet" in wrong.text
    unknown = client.post("/login", data={"name": "niemand", "token": acc.a, "csrf_token": csrf})
    assert unknown.status_code == 401
    no_csrf = client.post("/login", data={"name": "planner-a", "token": acc.a})
    assert no_csrf.status_code == 403
    login(client, "planner-a", acc.a)
    # Logged in: every POST form still needs the session's CSRF token.
    r = client.post("/uploads", files={"file": ("r.xlsx", b"x", XLSX)}, data={"csrf_token": "forged"})
    assert r.status_code == 403
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/uploads").status_code == 200


def test_login_only_returns_to_a_path_on_this_site(env):
    client, acc, _ = env
    for target, expected in (("/overview", "/overview"), ("//evil.example/x", "/uploads"), ("https://evil.example", "/uploads"), ("/\\evil", "/uploads")):
        client.cookies.clear()
        csrf = extract_csrf(client.get("/login").text)
        r = client.post("/login", data={"name": "planner-a", "token": acc.a, "csrf_token": csrf, "next": target}, follow_redirects=False)
        assert r.headers["location"] == expected


def test_upload_page_report_and_downloads(env):
    client, acc, data = env
    login(client, "planner-a", acc.a)
    uploads = client.get("/uploads")
    assert "Sleep uw rooster hierheen" in uploads.text and 'type="file"' in uploads.text
    r = page_upload(client, data)
    assert r.status_code == 303
    report_url = r.headers["location"]
    report = client.get(report_url)
    assert report.status_code == 200
    assert "Voldoet niet" in report.text and "Excel-rapport downloaden" in report.text and "Stel verbetering voor" in report.text
    html = client.get(report_url + "/report.html")
    assert html.status_code == 200 and "sandbox" in html.headers["content-security-policy"]
    xlsx = client.get(report_url + "/report.xlsx")
    assert xlsx.status_code == 200 and xlsx.headers["content-type"] == XLSX
    assert "rooster.xlsx" in client.get("/uploads").text
    csrf = extract_csrf(report.text)
    fix = client.post(report_url + "/fix", data={"csrf_token": csrf}, follow_redirects=False)
    assert fix.status_code == 303
    after = client.get(report_url)
    assert "Voorgestelde verbetering" in after.text and "Verbeterd rooster downloaden" in after.text
    assert client.get(report_url + "/fixed.xlsx").status_code == 200


def test_unreadable_upload_shows_the_errors(env):
    client, acc, _ = env
    login(client, "planner-a", acc.a)
    r = page_upload(client, b"PK\x03\x04 not really a zip")
    assert r.status_code == 422
    assert "kon niet worden gelezen" in r.text and "<th>Blad</th>" in r.text
    assert "Onleesbaar" in r.text


def test_pages_follow_the_visibility_rule(env):
    client, acc, data = env
    login(client, "planner-a", acc.a)
    report_url = page_upload(client, data).headers["location"]
    for suffix in ("", "/report.html", "/report.xlsx", "/fixed.xlsx"):
        assert client.get(report_url + suffix).status_code in (200, 404)
    # Anonymous: 401 with the login form, for every page.
    anon = make_anon(client)
    for method, path in (("GET", "/uploads"), ("GET", report_url), ("GET", report_url + "/report.html"), ("GET", report_url + "/report.xlsx"),
                         ("GET", report_url + "/fixed.xlsx"), ("POST", report_url + "/fix"), ("POST", "/uploads"), ("GET", "/overview")):
        r = anon.request(method, path)
        assert r.status_code == 401, (method, path)
        assert 'action="/login"' in r.text
    # Another provider: 404 for every page of that upload.
    other = make_anon(client)
    login(other, "planner-b", acc.b)
    csrf = extract_csrf(other.get("/uploads").text)
    for method, path in (("GET", report_url), ("GET", report_url + "/report.html"), ("GET", report_url + "/report.xlsx"),
                         ("GET", report_url + "/fixed.xlsx"), ("POST", report_url + "/fix")):
        r = other.request(method, path, data={"csrf_token": csrf} if method == "POST" else None)
        assert r.status_code == 404, (method, path)
        assert "Niet gevonden" in r.text
    assert "rooster.xlsx" not in other.get("/uploads").text
    assert other.get("/overview").status_code == 404  # providers have no overview


def test_auditor_overview_and_pseudonymised_report(env):
    client, acc, data = env
    login(client, "planner-a", acc.a)
    report_url = page_upload(client, data, "maart.xlsx").headers["location"]
    auditor = make_anon(client)
    login(auditor, "gemeente", acc.auditor)
    overview = auditor.get("/overview")
    assert overview.status_code == 200
    assert "Overzicht aanbieders" in overview.text and "Zorg A" in overview.text
    # The uploader's file name may hold a name: a third party sees a neutral label.
    assert "maart.xlsx" not in overview.text and "rooster-" in overview.text
    page = auditor.get(report_url)
    assert page.status_code == 200 and STAFF_NAME not in page.text
    assert "Verbeterd rooster downloaden" not in page.text
    assert STAFF_NAME not in auditor.get(report_url + "/report.html").text


def make_anon(client):
    from fastapi.testclient import TestClient

    return TestClient(client.app)


def test_fix_table_in_words_and_dutch_numbers(tmp_path):
    from web_support import SlowFixResult

    from rostercheck.web.core import default_core
    from rostercheck.workbook import write_roster_xlsx

    core = default_core()
    change = {"action": "toevoegen", "kind": "add", "before": None,
              "after": {"employee": "E2", "location": "L1", "start": "2026-03-02T23:00", "end": "2026-03-03T07:00", "kind": "aanwezig"},
              "norms": ["atw-shift-length/L1/2026-03-02T23:00"], "added_hours": 0.0}
    core.fix = lambda roster, limit: SlowFixResult(True, [change, {**change, "added_hours": 8.5}], 1234.5, False, 0.0123, roster)
    core.write_fixed = lambda result, roster, path: write_roster_xlsx(result.fixed_roster, path)
    client, acc = make_client(tmp_path, core=core)
    login(client, "planner-a", acc.a)
    url = page_upload(client, tiny_roster_bytes(tmp_path)).headers["location"]
    client.post(url + "/fix", data={"csrf_token": extract_csrf(client.get(url).text)})
    text = client.get(url).text
    assert "Maximale arbeid per dienst · L1 · 02-03 23:00" in text and "atw-shift-length/" not in text
    assert "1.234,5 uur extra inzet" in text and "(marge 1,2%)" in text
    assert "8,5</td>" in text and "0.0" not in text


def test_not_found_and_wrong_method_in_dutch(env):
    client, acc, _ = env
    r = client.get("/bestaat-niet")
    assert r.status_code == 404 and "Niet gevonden" in r.text and "Not Found" not in r.text
    r = client.get("/logout")
    assert r.status_code == 405 and "methode niet toegestaan" in r.text and "Method Not Allowed" not in r.text
    api = client.get("/api/bestaat-niet")
    assert api.status_code == 404 and api.json() == {"detail": "Niet gevonden.", "errors": []}
    wrong = client.delete("/api/rosters", headers={"Authorization": f"Bearer {acc.a}"})
    assert wrong.status_code == 405 and "methode niet toegestaan" in wrong.json()["detail"]
