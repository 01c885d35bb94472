"""Shared pieces of the web service tests: a tiny real roster, accounts, clients.

The roster is built with the spec builder and written with the real long-form
writer, so uploads go through the real reader (content sniffing and all).
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from rostercheck.testing import roster_from_spec
from rostercheck.web.accounts import add_user
from rostercheck.web.app import create_app
from rostercheck.web.core import Core, default_core
from rostercheck.workbook import write_roster_xlsx

STAFF_NAME = "Piet de Vries"

TINY_SPEC = {
    # One day at a 15N13 location with nobody on site at night: the night norms fail;
    # E1's 16-hour shift breaks the working-time law (a finding naming an employee).
    "period": "2026-03-02..2026-03-02",
    "locations": ["L1 tarieven-15n"],
    "products": ["L1 15N13 6"],
    "employees": ["E1 HBO", "E2 MBO-4"],
    "shifts": ["E1 L1 2026-03-02 07:00-23:00 aanwezig", "E2 L1 2026-03-02 15:00-23:00 aanwezig"],
}


# The same without the long shift: only norms the fixer can meet by adding shifts.
# E3 (a colleague with a travel time to L1, no shifts yet) can take the open night: the
# fixer moves no day shift into the night (FixOptions.max_move_hours) and drops no care.
COVERAGE_ONLY_SPEC = {
    **TINY_SPEC,
    "employees": ["E1 HBO", "E2 MBO-4", "E3 MBO-4"],
    "shifts": ["E1 L1 2026-03-02 07:00-15:00 aanwezig", "E2 L1 2026-03-02 15:00-23:00 aanwezig"],
    "travel": ["E3 L1 10"],
}


def tiny_roster_bytes(tmp_path: Path, spec: dict = TINY_SPEC) -> bytes:
    roster = roster_from_spec(spec, "tiny.xlsx")
    names = [STAFF_NAME, "Anna Jansen", "Kees Bakker"]
    roster = roster.model_copy(
        update={"employees": tuple(e.model_copy(update={"name": n}) for e, n in zip(roster.employees, names))}
    )
    path = tmp_path / "tiny-roster.xlsx"
    write_roster_xlsx(roster, path)
    return path.read_bytes()


@dataclass
class SlowFixResult:
    compliant: bool
    changes: list
    added_hours: float
    proven_optimal: bool
    gap: float
    fixed_roster: object


def real_core_with_slow_fix(seconds: float) -> Core:
    """The real core, except a fixer that only sleeps (to show a solve does not block)."""
    core = default_core()

    def fix(roster, time_limit):
        time.sleep(seconds)
        return SlowFixResult(True, [{"actie": "toevoegen", "medewerker": "E1"}], 8.0, True, 0.0, roster)

    def write_fixed(result, roster, path):
        write_roster_xlsx(result.fixed_roster, path)

    core.fix, core.write_fixed = fix, write_fixed
    return core


class Accounts:
    """Three callers: a provider of org A, a provider of org B, an auditor."""

    def __init__(self, app):
        db = app.state.db
        self.a_user, self.a = add_user(db, "planner-a", "Zorg A", "provider")
        self.b_user, self.b = add_user(db, "planner-b", "Zorg B", "provider")
        self.auditor_user, self.auditor = add_user(db, "gemeente", "Gemeente", "auditor")

    @staticmethod
    def bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}


# The web tests run against SQLite in a temporary folder, or, where this variable holds
# the URL of a PostgreSQL server's maintenance database (.ci/run sets it for a second
# run), against a fresh PostgreSQL database per test.
POSTGRES_ENV = "ROSTERCHECK_TEST_POSTGRES"


def fresh_database_url() -> str | None:
    """None (SQLite in the data folder), or a new, empty PostgreSQL database."""
    admin = os.environ.get(POSTGRES_ENV)
    if not admin:
        return None
    import psycopg

    name = "rc_test_" + secrets.token_hex(6)
    with psycopg.connect(admin.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + "/" + name


def make_app(data_dir: Path, **options):
    options.setdefault("database_url", fresh_database_url())
    return create_app(data_dir, **options)


def make_client(tmp_path: Path, **options) -> tuple[TestClient, Accounts]:
    app = make_app(tmp_path / "data", **options)
    return TestClient(app), Accounts(app)


def cli_database_args(client_or_app) -> list[str]:
    """``--database-url URL`` for CLI calls on the same database as an app (PostgreSQL runs)."""
    app = getattr(client_or_app, "app", client_or_app)
    url = app.state.db.url
    return [] if url.startswith("sqlite") else ["--database-url", url]


def login(client: TestClient, name: str, token: str) -> None:
    """Logs a TestClient in through the login form (CSRF token from the page)."""
    page = client.get("/login")
    csrf = extract_csrf(page.text)
    r = client.post("/login", data={"name": name, "token": token, "csrf_token": csrf, "next": "/uploads"}, follow_redirects=False)
    assert r.status_code == 303, r.text


def extract_csrf(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]

