"""The upload service's API (OUTPUT.md "Web service"): results, visibility, limits."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from rostercheck.web.db import Upload, User
from web_support import STAFF_NAME, Accounts, cli_database_args, login, make_client, real_core_with_slow_fix, tiny_roster_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def roster_bytes(tmp_path):
    return tiny_roster_bytes(tmp_path)


@pytest.fixture
def env(tmp_path):
    client, accounts = make_client(tmp_path, core=real_core_with_slow_fix(0.0), fix_time_limit=5)
    return client, accounts


def upload(client, token, data, name="rooster.xlsx"):
    return client.post("/api/rosters", files={"file": (name, data, XLSX)}, headers=Accounts.bearer(token))


def test_upload_returns_id_and_json_report(env, roster_bytes, tmp_path):
    client, acc = env
    r = upload(client, acc.a, roster_bytes)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"id", "report"}
    assert body["report"]["format"] == "rostercheck-report/1"
    assert body["report"]["roster"] == "rooster.xlsx"
    assert body["report"]["compliant"] is False
    checks = {(f["check"], f.get("employee")) for f in body["report"]["findings"]}
    assert ("coverage", None) in checks and ("labour_law", "E1") in checks
    # Stored under a generated name: nothing on disk is named after the upload.
    stored = [p for p in (tmp_path / "data" / "files").rglob("*") if p.is_file()]
    assert [p.name for p in stored] == ["upload.bin"]
    assert stored[0].read_bytes() == roster_bytes
    assert "rooster" not in str(stored[0].relative_to(tmp_path / "data"))


def test_get_one_upload_and_list(env, roster_bytes):
    client, acc = env
    a_id = upload(client, acc.a, roster_bytes, "a.xlsx").json()["id"]
    b_id = upload(client, acc.b, roster_bytes, "b.xlsx").json()["id"]
    mine = client.get("/api/rosters", headers=Accounts.bearer(acc.a)).json()["rosters"]
    assert [(u["id"], u["organisation"], u["status"], u["compliant"]) for u in mine] == [(a_id, "Zorg A", "checked", False)]
    everyone = client.get("/api/rosters", headers=Accounts.bearer(acc.auditor)).json()["rosters"]
    assert {u["id"] for u in everyone} == {a_id, b_id}
    one = client.get(f"/api/rosters/{a_id}", headers=Accounts.bearer(acc.a)).json()
    assert one["id"] == a_id and one["report"]["format"] == "rostercheck-report/1"
    assert one["summary"] == {k: one["report"]["summary"][k] for k in ("errors", "warnings")}


# Every route that shows or acts on one upload, with what its owner gets.
ENDPOINTS = [
    ("GET", "/api/rosters/{id}", 200),
    ("GET", "/api/rosters/{id}/report.xlsx", 200),
    ("GET", "/api/rosters/{id}/report.html", 200),
    ("POST", "/api/rosters/{id}/fix", 200),
    ("GET", "/api/rosters/{id}/fixed.xlsx", 200),  # after the fix above
]


def test_every_endpoint_hides_other_organisations_and_needs_a_token(env, roster_bytes):
    client, acc = env
    a_id = upload(client, acc.a, roster_bytes).json()["id"]
    for method, template, owner_status in ENDPOINTS:
        path = template.format(id=a_id)
        anonymous = client.request(method, path)
        assert anonymous.status_code == 401, (method, path)
        assert anonymous.headers["www-authenticate"] == "Bearer"
        wrong = client.request(method, path, headers=Accounts.bearer("rc_" + "x" * 43))
        assert wrong.status_code == 401, (method, path)
        not_bearer = client.request(method, path, headers={"Authorization": f"Basic {acc.a}"})
        assert not_bearer.status_code == 401, (method, path)
        other = client.request(method, path, headers=Accounts.bearer(acc.b))
        assert other.status_code == 404, (method, path, other.text)
        # A made-up id answers exactly like another organisation's id.
        unknown = client.request(method, template.format(id="0" * 32), headers=Accounts.bearer(acc.b))
        assert (unknown.status_code, unknown.json()) == (404, other.json())
        owner = client.request(method, path, headers=Accounts.bearer(acc.a))
        assert owner.status_code == owner_status, (method, path, owner.text)
    # The collection routes need a token too.
    assert client.get("/api/rosters").status_code == 401
    assert client.post("/api/rosters", files={"file": ("r.xlsx", roster_bytes)}).status_code == 401
    assert client.get("/api/rosters", headers=Accounts.bearer("nope")).status_code == 401


def test_auditor_sees_every_organisation_pseudonymised(env, roster_bytes):
    client, acc = env
    a_id = upload(client, acc.a, roster_bytes).json()["id"]
    h = Accounts.bearer(acc.auditor)
    report = client.get(f"/api/rosters/{a_id}", headers=h)
    assert report.status_code == 200
    assert STAFF_NAME not in report.text and "E1" in report.text
    html = client.get(f"/api/rosters/{a_id}/report.html", headers=h)
    assert html.status_code == 200 and STAFF_NAME not in html.text
    xlsx = client.get(f"/api/rosters/{a_id}/report.xlsx", headers=h)
    assert xlsx.status_code == 200 and xlsx.headers["content-type"] == XLSX
    assert STAFF_NAME not in _xlsx_text(xlsx.content)
    fix = client.post(f"/api/rosters/{a_id}/fix", headers=h)
    assert fix.status_code == 200 and "fixed_roster" not in fix.json()
    # The fixed roster carries staff names: for the owning organisation only.
    assert client.get(f"/api/rosters/{a_id}/fixed.xlsx", headers=h).status_code == 404
    # The owner sees the names its own roster holds.
    own = client.get(f"/api/rosters/{a_id}/report.html", headers=Accounts.bearer(acc.a))
    assert STAFF_NAME in own.text


def _xlsx_text(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None)


def test_fix_returns_changes_and_the_fixed_workbook(env, roster_bytes):
    client, acc = env
    a_id = upload(client, acc.a, roster_bytes).json()["id"]
    h = Accounts.bearer(acc.a)
    fix = client.post(f"/api/rosters/{a_id}/fix", headers=h).json()
    assert fix["compliant"] is True and fix["change_count"] == 1
    assert fix["changes"] == [{"actie": "toevoegen", "medewerker": "E1"}]
    assert fix["fixed_roster"] == f"/api/rosters/{a_id}/fixed.xlsx"
    fixed = client.get(fix["fixed_roster"], headers=h)
    assert fixed.status_code == 200 and fixed.headers["content-type"] == XLSX
    assert "attachment" in fixed.headers["content-disposition"]
    assert STAFF_NAME in _xlsx_text(fixed.content)


def test_unreadable_upload_is_422_with_every_input_error(env, tmp_path):
    client, acc = env
    h = Accounts.bearer(acc.a)
    junk = client.post("/api/rosters", files={"file": ("rooster.xlsx", b"this is no workbook" * 50, XLSX)}, headers=h)
    assert junk.status_code == 422
    body = junk.json()
    assert body["errors"], body
    for err in body["errors"]:
        assert {"sheet", "row", "column", "message"} <= set(err)
    # A zip that is no workbook, named .xlsx: the content decides, not the name.
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert client.post("/api/rosters", files={"file": ("r.xlsx", buf.getvalue(), XLSX)}, headers=h).status_code == 422
    empty = client.post("/api/rosters", files={"file": ("r.xlsx", b"", XLSX)}, headers=h)
    assert empty.status_code == 422 and empty.json()["errors"][0]["message"] == "Het bestand is leeg."
    missing = client.post("/api/rosters", files={"other": ("r.xlsx", b"x")}, headers=h)
    assert missing.status_code == 422
    # Unreadable uploads are listed with their status, but their bytes are not kept.
    listed = client.get("/api/rosters", headers=h).json()["rosters"]
    assert {u["status"] for u in listed} == {"unreadable"}
    assert not [p for p in (tmp_path / "data" / "files").rglob("*") if p.is_file()]
    one = client.get(f"/api/rosters/{body['id']}", headers=h).json()
    assert one["report"] is None and one["errors"] == body["errors"]
    assert client.get(f"/api/rosters/{body['id']}/report.html", headers=h).status_code == 404


def test_a_real_workbook_with_a_bad_cell_names_sheet_row_and_column(env, tmp_path):
    import io

    from openpyxl import load_workbook

    client, acc = env
    wb = load_workbook(io.BytesIO(tiny_roster_bytes(tmp_path)))
    wb["Diensten"]["C2"] = "32-13-2026"  # no such date
    buf = io.BytesIO()
    wb.save(buf)
    r = upload(client, acc.a, buf.getvalue())
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert any(e["sheet"] == "Diensten" and e["row"] == 2 for e in errors), errors


def test_size_limit_with_content_length(tmp_path, roster_bytes):
    client, acc = make_client(tmp_path, max_upload_bytes=len(roster_bytes) + 10, core=real_core_with_slow_fix(0))
    h = Accounts.bearer(acc.a)
    assert upload(client, acc.a, roster_bytes).status_code == 200  # just under the limit
    big = roster_bytes + b"\0" * 20_000
    r = upload(client, acc.a, big)
    assert r.status_code == 413
    assert "te groot" in r.json()["detail"]
    # Nothing of the refused upload was stored.
    assert len(client.get("/api/rosters", headers=h).json()["rosters"]) == 1


def test_size_limit_default_is_20_mb(tmp_path):
    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(0))
    r = client.post(
        "/api/rosters",
        content=b"x",
        headers={**Accounts.bearer(acc.a), "Content-Type": "multipart/form-data; boundary=b", "Content-Length": "21000000"},
    )
    assert r.status_code == 413


def test_size_limit_without_content_length_chunked(tmp_path):
    """A chunked body (no Content-Length) is cut off while it streams in."""
    client, acc = make_client(tmp_path, max_upload_bytes=100_000, core=real_core_with_slow_fix(0))
    sent = []

    def body():
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="r.xlsx"\r\n\r\n'
        for _ in range(1000):  # up to 64 MB if nobody stops it
            sent.append(1)
            yield b"\0" * 65536
        yield b"\r\n--b--\r\n"

    r = client.post(
        "/api/rosters",
        content=body(),
        headers={**Accounts.bearer(acc.a), "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert r.status_code == 413
    assert "content-length" not in {k.lower() for k in r.request.headers}
    assert client.get("/api/rosters", headers=Accounts.bearer(acc.a)).json()["rosters"] == []


@pytest.mark.anyio
async def test_size_limit_counts_the_stream_not_the_header(tmp_path):
    """Driven at the ASGI level: a Content-Length that lies, and a chunked stream,
    are both stopped after the limit, without reading the rest of the body."""
    client, acc = make_client(tmp_path, max_upload_bytes=50_000, core=real_core_with_slow_fix(0))
    app = client.app
    for declared in (b"100", None):
        received = 0

        async def receive():
            nonlocal received
            received += 1
            chunk = b'--b\r\nContent-Disposition: form-data; name="file"; filename="r.xlsx"\r\n\r\n' if received == 1 else b"\0" * 10_000
            return {"type": "http.request", "body": chunk, "more_body": received < 1000}

        messages = []

        async def send(message):
            messages.append(message)

        headers = [(b"authorization", f"Bearer {acc.a}".encode()), (b"content-type", b"multipart/form-data; boundary=b")]
        if declared is not None:
            headers.append((b"content-length", declared))
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
                 "path": "/api/rosters", "raw_path": b"/api/rosters", "query_string": b"", "root_path": "",
                 "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
        await app(scope, receive, send)
        assert messages[0]["status"] == 413
        assert received < 20  # stopped at about 50_000 + 64 KiB framing allowance, not 10 MB


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_a_running_fix_does_not_block_other_requests(tmp_path):
    import time

    import anyio
    import httpx

    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(1.5))
    a_id = upload(client, acc.a, tiny_roster_bytes(tmp_path)).json()["id"]
    transport = httpx.ASGITransport(app=client.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as ac:
        h = Accounts.bearer(acc.a)
        timings = {}

        async def run_fix():
            t = time.perf_counter()
            r = await ac.post(f"/api/rosters/{a_id}/fix", headers=h)
            timings["fix"] = (time.perf_counter() - t, r.status_code)

        async def list_meanwhile():
            await anyio.sleep(0.2)
            t = time.perf_counter()
            r = await ac.get("/api/rosters", headers=h)
            timings["list"] = (time.perf_counter() - t, r.status_code)
            timings["list_done_before_fix"] = "fix" not in timings

        async with anyio.create_task_group() as tg:
            tg.start_soon(run_fix)
            tg.start_soon(list_meanwhile)
    assert timings["fix"][1] == 200 and timings["fix"][0] >= 1.5
    assert timings["list"][1] == 200 and timings["list"][0] < 1.0
    assert timings["list_done_before_fix"]


def test_tokens_are_stored_as_sha256_only(env, tmp_path):
    client, acc = env
    db = client.app.state.db
    with db.session() as s:
        users = {u.name: u for u in s.scalars(select(User))}
    assert users["planner-a"].token_hash == hashlib.sha256(acc.a.encode()).hexdigest()
    if client.app.state.db.url.startswith("sqlite"):
        raw = (tmp_path / "data" / "rostercheck.db").read_bytes()
        assert acc.a.encode() not in raw and acc.auditor.encode() not in raw
    assert len(acc.a) >= 40 and acc.a != acc.b


def test_users_add_command_prints_the_token_once(tmp_path):
    from typer.testing import CliRunner

    from rostercheck.cli import app
    from rostercheck.web.accounts import user_by_token
    from rostercheck.web.db import Database

    data = tmp_path / "cli-data"
    runner = CliRunner()
    r = runner.invoke(app, ["users", "add", "jan", "--org", "Zorg A", "--role", "provider", "--data", str(data)])
    assert r.exit_code == 0, r.output
    token = r.output.strip().splitlines()[-1]
    assert token.startswith("rc_")
    db = Database(data)
    assert user_by_token(db, token).name == "jan"
    assert runner.invoke(app, ["users", "add", "jan", "--org", "Zorg A", "--role", "provider", "--data", str(data)]).exit_code == 2
    bad = runner.invoke(app, ["users", "add", "kees", "--org", "X", "--role", "admin", "--data", str(data)])
    assert bad.exit_code == 2 and "provider of auditor" in bad.output


def test_purge_deletes_old_uploads_results_and_reports(env, roster_bytes, tmp_path):
    from datetime import timedelta

    from typer.testing import CliRunner

    from rostercheck.cli import app
    from rostercheck.web.db import utcnow

    client, acc = env
    h = Accounts.bearer(acc.a)
    old_id = upload(client, acc.a, roster_bytes, "oud-rooster.xlsx").json()["id"]
    from web_support import COVERAGE_ONLY_SPEC

    new_id = upload(client, acc.a, tiny_roster_bytes(tmp_path, COVERAGE_ONLY_SPEC), "nieuw-rooster.xlsx").json()["id"]
    for id_ in (old_id, new_id):  # make the outputs, so there is more than the upload to delete
        assert client.get(f"/api/rosters/{id_}/report.xlsx", headers=h).status_code == 200
        assert client.post(f"/api/rosters/{id_}/fix", headers=h).status_code == 200
    db = client.app.state.db
    with db.session() as s:
        old = s.get(Upload, old_id)
        old.created_at = utcnow() - timedelta(days=40)
        old_key = old.storage_key
        s.commit()
    files = tmp_path / "data" / "files"
    assert len(list((files / old_key).iterdir())) >= 4  # upload, report, fix result, fixed roster

    r = CliRunner().invoke(app, ["purge", "--older-than", "30", "--data", str(tmp_path / "data"), *cli_database_args(client)])
    assert r.exit_code == 0, r.output
    assert "1 upload(s)" in r.output and "oud-rooster.xlsx" in r.output and "nieuw-rooster.xlsx" not in r.output
    assert not (files / old_key).exists()
    assert client.get(f"/api/rosters/{old_id}", headers=h).status_code == 404
    assert client.get(f"/api/rosters/{new_id}", headers=h).status_code == 200
    again = CliRunner().invoke(app, ["purge", "--older-than", "30", "--data", str(tmp_path / "data"), *cli_database_args(client)])
    assert "Niets verwijderd" in again.output


def test_multipart_parser_is_a_version_without_the_known_dos_bugs():
    from importlib.metadata import version

    parts = tuple(int(x) for x in version("python-multipart").split(".")[:3])
    assert parts >= (0, 0, 18)


def test_security_headers(env, roster_bytes):
    client, acc = env
    a_id = upload(client, acc.a, roster_bytes).json()["id"]
    r = client.get(f"/api/rosters/{a_id}/report.html", headers=Accounts.bearer(acc.a))
    assert "sandbox" in r.headers["content-security-policy"]
    assert "script-src" not in r.headers["content-security-policy"]  # default-src 'none': no scripts
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"
    j = client.get("/api/rosters", headers=Accounts.bearer(acc.a))
    assert j.headers["x-frame-options"] == "DENY"


@pytest.mark.slow
def test_fix_with_the_real_fixer_offers_a_workbook_that_passes(tmp_path):
    fix_module = pytest.importorskip("rostercheck.fix", reason="the fixer is not in this checkout")
    if not hasattr(fix_module, "fix_roster"):
        pytest.skip("rostercheck.fix has no fix_roster in this checkout")
    from rostercheck.web.core import default_core
    from web_support import COVERAGE_ONLY_SPEC

    roster_bytes = tiny_roster_bytes(tmp_path, COVERAGE_ONLY_SPEC)
    client, acc = make_client(tmp_path, core=default_core(), fix_time_limit=10)
    h = Accounts.bearer(acc.a)
    a_id = upload(client, acc.a, roster_bytes).json()["id"]
    fix = client.post(f"/api/rosters/{a_id}/fix", headers=h)
    assert fix.status_code == 200, fix.text
    body = fix.json()
    assert body["compliant"] is True and body["change_count"] == len(body["changes"]) > 0
    added = [c for c in body["changes"] if c["action"] == "toevoegen"]
    assert added and all(c["after"]["location"] == "L1" and c["norms"] for c in added)
    # The fixed roster, uploaded again, is compliant.
    fixed = client.get(body["fixed_roster"], headers=h)
    again = upload(client, acc.a, fixed.content, "verbeterd.xlsx")
    assert again.status_code == 200, again.text
    assert again.json()["report"]["compliant"] is True
    # The report page lists the changes in words.
    login(client, "planner-a", acc.a)
    page = client.get(f"/uploads/{a_id}")
    assert "Voorgestelde verbetering" in page.text and "nieuwe dienst" in page.text
