"""Shared pieces of the web service tests: a tiny real roster, accounts, clients.

The roster is built with the spec builder and written with the real long-form
writer, so uploads go through the real reader (content sniffing and all).
"""

from __future__ import annotations

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
USE_FAKE_CHECK = True  # until rostercheck.checker runs every check kind

TINY_SPEC = {
    # One day at a 15N13 location with nobody on site at night: the night norms fail.
    "period": "2026-03-02..2026-03-02",
    "locations": ["L1 tarieven-15n"],
    "products": ["L1 15N13 6"],
    "employees": ["E1 HBO", "E2 MBO-4"],
    "shifts": ["E1 L1 2026-03-02 07:00-15:00 aanwezig", "E2 L1 2026-03-02 15:00-23:00 aanwezig"],
}


def tiny_roster_bytes(tmp_path: Path) -> bytes:
    roster = roster_from_spec(TINY_SPEC, "tiny.xlsx")
    names = [STAFF_NAME, "Anna Jansen"]
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
    if USE_FAKE_CHECK:
        core.check = fake_check
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


def make_client(tmp_path: Path, **options) -> tuple[TestClient, Accounts]:
    app = create_app(tmp_path / "data", **options)
    return TestClient(app), Accounts(app)


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


def fake_check(roster):
    """Stand-in for the checker while it is being built: one night-coverage finding
    whose message quotes a staff name (to show pseudonymisation reaches free text)."""
    from datetime import datetime

    from rostercheck.findings import CheckKind, Finding, Report, Severity, Source

    finding = Finding(
        check=CheckKind.COVERAGE,
        severity=Severity.ERROR,
        norm="15N13-sleeping-watch",
        norm_set="tarieven-15n",
        product="15N13",
        location="L1",
        start=datetime(2026, 3, 2, 23, 0),
        end=datetime(2026, 3, 3, 0, 0),
        measured=0,
        required=1,
        unit="staff",
        message=f"Niemand aanwezig in de nacht; laatste dienst was van {STAFF_NAME}.",
        source=Source(document="001", section="15N13", quote="slapende wacht"),
    )
    return Report(
        roster=roster.source_name,
        period_start=roster.period.start,
        period_end=roster.period.end,
        findings=[finding],
        norm_sets=["tarieven-15n"],
    )
