"""Browser sessions held on the server: cookie, logout, expiry, revocation, rotation,
the login page that never replaces a session, and the login rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rostercheck.cli import app as cli_app
from rostercheck.web.db import LoginSession, Upload, utcnow
from rostercheck.web.sessions import LoginLimiter
from web_support import Accounts, cli_database_args, extract_csrf, login, make_client, real_core_with_slow_fix, tiny_roster_bytes

COOKIE = "rostercheck_session"


@pytest.fixture
def env(tmp_path):
    return make_client(tmp_path, core=real_core_with_slow_fix(0.0))


def _cli(client, tmp_path, *args):
    return CliRunner().invoke(cli_app, [*args, "--data", str(tmp_path / "data"), *cli_database_args(client)])


def test_cookie_flags_and_a_forged_cookie(tmp_path):
    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(0.0))
    page = client.get("/login")
    assert COOKIE not in page.headers.get("set-cookie", "")  # the login page sets only its form cookie
    r = client.post("/login", data={"name": "planner-a", "token": acc.a, "csrf_token": extract_csrf(page.text), "next": "/uploads"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/uploads"
    cookie = [c for c in r.headers.get_list("set-cookie") if c.startswith(COOKIE + "=")][0].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie and "secure" not in cookie
    value = client.cookies.get(COOKIE)
    assert len(value) >= 40  # random; nothing about the account in it
    client.cookies.set(COOKIE, value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    assert client.get("/uploads").status_code == 401
    # Behind a TLS proxy the cookies are marked Secure.
    secure, acc2 = make_client(tmp_path / "s", core=real_core_with_slow_fix(0.0), secure_cookies=True)
    page = secure.get("/login")
    assert "secure" in page.headers["set-cookie"].lower()
    r = secure.post("/login", data={"name": "planner-a", "token": acc2.a, "csrf_token": extract_csrf(page.text)}, follow_redirects=False)
    assert all("secure" in c.lower() for c in r.headers.get_list("set-cookie"))


def test_a_link_from_elsewhere_does_not_end_the_session(env):
    client, acc = env
    login(client, "planner-a", acc.a)
    saved = client.cookies.get(COOKIE)
    # A request that arrives without the session cookie (another origin, a fresh tab
    # with cookies blocked) gets the login form, and no cookie that would replace it.
    bare = TestClient(client.app)
    for path in ("/login", "/uploads", "/uploads/" + "0" * 32):
        r = bare.get(path)
        assert all(not c.startswith(COOKIE + "=") for c in r.headers.get_list("set-cookie")), path
    # The browser that has the session keeps it; /login with a session goes on to the site.
    assert client.get("/uploads").status_code == 200
    r = client.get("/login?next=/overview", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/overview"
    assert client.cookies.get(COOKIE) == saved


def test_logout_ends_the_session_on_the_server(env):
    client, acc = env
    login(client, "planner-a", acc.a)
    saved = client.cookies.get(COOKIE)
    csrf = extract_csrf(client.get("/uploads").text)
    r = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    replay = TestClient(client.app)
    replay.cookies.set(COOKIE, saved)
    assert replay.get("/uploads").status_code == 401
    with client.app.state.db.session() as s:
        assert s.query(LoginSession).count() == 0


def test_sessions_expire_absolutely_and_when_idle(tmp_path):
    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(0.0), session_max_age=3600, session_idle=600)
    login(client, "planner-a", acc.a)
    db = client.app.state.db
    assert client.get("/uploads").status_code == 200
    with db.session() as s:
        row = s.query(LoginSession).one()
        row.last_seen = utcnow() - timedelta(seconds=601)  # idle longer than allowed
        s.commit()
    assert client.get("/uploads").status_code == 401
    login(client, "planner-a", acc.a)
    with db.session() as s:
        row = s.query(LoginSession).one()  # the expired one was removed when seen
        row.expires_at = utcnow() - timedelta(seconds=1)
        s.commit()
    assert client.get("/uploads").status_code == 401


def test_users_list_rotate_and_revoke(env, tmp_path):
    client, acc = env
    login(client, "planner-a", acc.a)
    listed = _cli(client, tmp_path, "users", "list")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert lines[0].split()[:4] == ["naam", "organisatie", "rol", "status"]
    row_a = next(line for line in lines if line.startswith("planner-a"))
    assert "provider" in row_a and "actief" in row_a and " 1 " in row_a  # one open session
    assert acc.a not in listed.output

    rotated = _cli(client, tmp_path, "users", "rotate", "planner-a")
    assert rotated.exit_code == 0, rotated.output
    new_token = rotated.output.strip().splitlines()[-1]
    assert new_token.startswith("rc_") and new_token != acc.a
    assert client.get("/uploads").status_code == 401  # the session ended with the old token
    assert client.get("/api/rosters", headers=Accounts.bearer(acc.a)).status_code == 401
    assert client.get("/api/rosters", headers=Accounts.bearer(new_token)).status_code == 200

    login(client, "planner-a", new_token)
    revoked = _cli(client, tmp_path, "users", "revoke", "planner-a")
    assert revoked.exit_code == 0 and "1 sessie(s)" in revoked.output
    assert client.get("/uploads").status_code == 401
    assert client.get("/api/rosters", headers=Accounts.bearer(new_token)).status_code == 401
    assert "ingetrokken" in next(line for line in _cli(client, tmp_path, "users", "list").output.splitlines() if line.startswith("planner-a"))
    unknown = _cli(client, tmp_path, "users", "revoke", "niemand")
    assert unknown.exit_code == 2 and "geen account" in unknown.output


def _try(client, name, token):
    client = TestClient(client.app)  # a fresh browser each time (same address)
    page = client.get("/login")
    return client.post("/login", data={"name": name, "token": token, "csrf_token": extract_csrf(page.text)}, follow_redirects=False)


def test_login_attempts_are_limited_per_account_and_per_address(tmp_path):
    now = [1000.0]
    limiter = LoginLimiter(per_account=3, per_address=5, window=600, clock=lambda: now[0])
    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(0.0), login_limiter=limiter)
    for _ in range(3):
        assert _try(client, "planner-a", "rc_wrong").status_code == 401
    blocked = _try(client, "planner-a", acc.a)  # the right token, but too many failures
    assert blocked.status_code == 429 and "Te veel mislukte inlogpogingen" in blocked.text
    assert int(blocked.headers["retry-after"]) == 601
    assert _try(client, "Planner-A ", acc.a).status_code == 429  # the same account, spelled otherwise
    # Another account from the same address still gets in, until the address's limit.
    assert _try(client, "planner-b", acc.b).status_code == 303
    for _ in range(2):
        assert _try(client, "gemeente", "rc_wrong").status_code == 401
    assert _try(client, "gemeente", acc.auditor).status_code == 429  # 5 failures from this address
    now[0] += 601  # the window has passed
    assert _try(client, "planner-a", acc.a).status_code == 303


def test_organisation_cao_applies_to_its_checks(env, tmp_path):
    client, acc = env
    calls = []
    core = client.app.state.service.core
    real_check = core.check

    def check(roster, cao="none"):
        calls.append(cao)
        return real_check(roster, cao)

    core.check = check
    r = _cli(client, tmp_path, "users", "org-settings", "Zorg A", "--cao", "gehandicaptenzorg")
    assert r.exit_code == 0 and "cao gehandicaptenzorg" in r.output, r.output
    assert _cli(client, tmp_path, "users", "org-settings", "Zorg X", "--cao", "ggz").exit_code == 2  # no such organisation
    assert "Zorg A" in _cli(client, tmp_path, "users", "list").output
    data = tiny_roster_bytes(tmp_path)
    files = {"file": ("r.xlsx", data)}
    a = client.post("/api/rosters", files=files, headers=Accounts.bearer(acc.a)).json()["id"]
    b = client.post("/api/rosters", files=files, headers=Accounts.bearer(acc.b)).json()["id"]
    assert calls == ["gehandicaptenzorg", "none"]
    with client.app.state.db.session() as s:
        assert (s.get(Upload, a).cao, s.get(Upload, b).cao) == ("gehandicaptenzorg", "none")
    # The auditor's (pseudonymised) report is judged under the same agreement.
    client.get(f"/api/rosters/{a}", headers=Accounts.bearer(acc.auditor))
    assert calls[-1] == "gehandicaptenzorg"
