"""Fix jobs: a queue in the database (queued/running/done/failed), a worker pool fair
across organisations, resumed after a restart, retried on request, shown on the page."""

from __future__ import annotations

import threading
import time

import pytest

from rostercheck.web.db import JOB_QUEUED, JOB_RUNNING, Database, FixJob
from rostercheck.web.jobs import FixQueue
from web_support import Accounts, COVERAGE_ONLY_SPEC, fresh_database_url, extract_csrf, login, make_client, real_core_with_slow_fix, tiny_roster_bytes


class Gate:
    """A fake fix that records its order and waits until the test lets it finish."""

    def __init__(self, fail: set[str] = frozenset()):
        self.started: list[str] = []
        self.release: dict[str, threading.Event] = {}
        self.fail = set(fail)
        self.lock = threading.Lock()

    def __call__(self, upload_id: str, time_limit: float) -> None:
        with self.lock:
            self.started.append(upload_id)
            ev = self.release.setdefault(upload_id, threading.Event())
        assert ev.wait(10)
        if upload_id in self.fail:
            raise RuntimeError("boom")

    def finish(self, upload_id: str) -> None:
        with self.lock:
            self.release.setdefault(upload_id, threading.Event()).set()


def _until(predicate, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path, fresh_database_url())
    yield d
    d.dispose()


def test_one_organisation_cannot_make_another_wait_behind_all_its_fixes(db):
    gate = Gate()
    q = FixQueue(db, gate, workers=1, time_limit=7, poll=0.05)
    try:
        for uid in ("a1", "a2", "a3"):
            q.submit(uid, "Zorg A")
            time.sleep(0.01)
        assert _until(lambda: gate.started == ["a1"])
        q.submit("b1", "Zorg B")  # queued after A's three
        # B goes next: A has a fix running and started last.
        assert (q.view("b1").position, q.view("a2").position, q.view("a3").position) == (1, 2, 3)
        assert q.view("a1").status == JOB_RUNNING and q.view("a1").progress is not None
        assert q.view("a2").time_limit == 7
        for uid in ("a1", "b1", "a2", "a3"):
            gate.finish(uid)
        assert _until(lambda: q.view("a3").status == "done")
        assert gate.started == ["a1", "b1", "a2", "a3"]
    finally:
        q.stop()


def test_two_workers_serve_two_organisations_at_once(db):
    gate = Gate()
    q = FixQueue(db, gate, workers=2, time_limit=5, poll=0.05)
    try:
        from datetime import timedelta

        from rostercheck.web.db import utcnow

        with db.session() as s:  # A's three queued before B's one, then the workers start
            for i, (uid, org) in enumerate((("a1", "Zorg A"), ("a2", "Zorg A"), ("a3", "Zorg A"), ("b1", "Zorg B"))):
                s.add(FixJob(upload_id=uid, org=org, status=JOB_QUEUED, time_limit=5, queued_at=utcnow() + timedelta(seconds=i)))
            s.commit()
        q.start()
        # One worker takes A's first, the other B's (not A's second).
        assert _until(lambda: sorted(gate.started) == ["a1", "b1"])
        for uid in ("a1", "a2", "a3", "b1"):
            gate.finish(uid)
        assert _until(lambda: all(q.view(u).status == "done" for u in ("a1", "a2", "a3", "b1")))
    finally:
        q.stop()


def test_a_failed_fix_is_retried_on_request(db):
    gate = Gate(fail={"a1"})
    q = FixQueue(db, gate, workers=1, time_limit=5, poll=0.05)
    try:
        q.submit("a1", "Zorg A")
        gate.finish("a1")
        assert _until(lambda: q.view("a1").status == "failed")
        view = q.view("a1")
        assert "mislukt" in view.error and view.attempts == 1
        # Asking again re-queues it; a done job is not run again.
        gate.fail.clear()
        gate.release["a1"] = threading.Event()
        gate.finish("a1")
        q.submit("a1", "Zorg A")
        assert _until(lambda: q.view("a1").status == "done")
        assert q.view("a1").attempts == 2 and q.view("a1").error is None
        q.submit("a1", "Zorg A")
        time.sleep(0.2)
        assert gate.started == ["a1", "a1"]
    finally:
        q.stop()


def test_jobs_go_on_after_a_restart(db):
    with db.session() as s:  # a server stopped while one ran and one waited
        s.add(FixJob(upload_id="r1", org="Zorg A", status=JOB_RUNNING, time_limit=5))
        s.add(FixJob(upload_id="q1", org="Zorg B", status=JOB_QUEUED, time_limit=5))
        s.commit()
    gate = Gate()
    gate.finish("r1"), gate.finish("q1")
    q = FixQueue(db, gate, workers=1, time_limit=5, poll=0.05)
    try:
        q.start()
        assert _until(lambda: q.view("r1").status == "done" and q.view("q1").status == "done")
        assert sorted(gate.started) == ["q1", "r1"]
    finally:
        q.stop()


def test_page_and_api_show_queue_position_progress_and_retry(tmp_path):
    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(1.5), fix_workers=1, fix_time_limit=4)
    h = Accounts.bearer(acc.a)
    first = client.post("/api/rosters", files={"file": ("a.xlsx", tiny_roster_bytes(tmp_path))}, headers=h).json()["id"]
    second = client.post("/api/rosters", files={"file": ("b.xlsx", tiny_roster_bytes(tmp_path, COVERAGE_ONLY_SPEC))}, headers=h).json()["id"]
    r1 = client.post(f"/api/rosters/{first}/fix?wait=0", headers=h)
    assert r1.status_code == 202 and r1.json()["status"] in ("queued", "running")
    r2 = client.post(f"/api/rosters/{second}/fix?wait=0", headers=h)
    assert r2.status_code == 202 and r2.json()["time_limit"] == 4
    assert _until(lambda: client.get(f"/api/rosters/{first}/fix", headers=h).json()["status"] == "running")
    assert client.get(f"/api/rosters/{second}/fix", headers=h).json()["position"] == 1
    login(client, "planner-a", acc.a)
    waiting = client.get(f"/uploads/{second}").text
    assert "In de wachtrij: nummer 1" in waiting and 'http-equiv="refresh"' in waiting
    running = client.get(f"/uploads/{first}").text
    assert "Bezig met zoeken naar een verbetering" in running and "<progress" in running
    done = client.post(f"/api/rosters/{second}/fix?wait=10", headers=h)
    assert done.status_code == 200 and done.json()["status"] == "done" and done.json()["compliant"] is True
    page = client.get(f"/uploads/{second}").text
    assert "Voorgestelde verbetering" in page and 'http-equiv="refresh"' not in page
    assert "Verbeterd rooster downloaden" in page and "Stel verbetering voor" not in page


def test_a_failed_fix_offers_a_retry_and_no_download(tmp_path):
    core = real_core_with_slow_fix(0.0)
    calls = []

    def broken(roster, time_limit):
        calls.append(time_limit)
        raise RuntimeError("solver crashed")

    ok_fix = core.fix
    core.fix = broken
    client, acc = make_client(tmp_path, core=core)
    h = Accounts.bearer(acc.a)
    uid = client.post("/api/rosters", files={"file": ("a.xlsx", tiny_roster_bytes(tmp_path))}, headers=h).json()["id"]
    failed = client.post(f"/api/rosters/{uid}/fix", headers=h)
    assert failed.status_code == 200 and failed.json()["status"] == "failed" and "mislukt" in failed.json()["error"]
    assert "fixed_roster" not in failed.json()
    assert client.get(f"/api/rosters/{uid}/fixed.xlsx", headers=h).status_code == 404
    login(client, "planner-a", acc.a)
    page = client.get(f"/uploads/{uid}").text
    assert "Opnieuw proberen" in page and "Verbeterd rooster downloaden" not in page
    core.fix = ok_fix
    csrf = extract_csrf(page)
    assert client.post(f"/uploads/{uid}/fix", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert "Verbeterd rooster downloaden" in client.get(f"/uploads/{uid}").text
