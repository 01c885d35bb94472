"""Faults lose nothing and leave nothing: disk full, read-only storage, an upload cut
off between its file and its row, and a data folder the service cannot write."""

from __future__ import annotations

import errno
import os
import time

import pytest
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from rostercheck.web.db import Upload
from web_support import Accounts, cli_database_args, extract_csrf, login, make_client, real_core_with_slow_fix, tiny_roster_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def env(tmp_path):
    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(0.0))
    return client, acc, tiny_roster_bytes(tmp_path), tmp_path / "data"


def _rows(client) -> int:
    with client.app.state.db.session() as s:
        return s.query(Upload).count()


def _files(data) -> list:
    return [p for p in (data / "files").rglob("*")]


def _fail_fsync(code):
    def fsync(fd):
        raise OSError(code, os.strerror(code))
    return fsync


@pytest.mark.parametrize("code, status, words", [(errno.ENOSPC, 507, "opslag van de dienst is vol"),
                                                 (errno.EROFS, 503, "alleen-lezen")])
def test_disk_full_or_read_only_while_storing_the_file(env, monkeypatch, code, status, words):
    client, acc, data, folder = env
    monkeypatch.setattr("rostercheck.web.storage.os.fsync", _fail_fsync(code))
    r = client.post("/api/rosters", files={"file": ("r.xlsx", data, XLSX)}, headers=Accounts.bearer(acc.a))
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json" and words in r.json()["detail"] and r.json()["errors"] == []
    assert _rows(client) == 0 and _files(folder) == []  # nothing half-stored
    # The same in the browser: a Dutch page, not text/plain.
    login(client, "planner-a", acc.a)
    csrf = extract_csrf(client.get("/uploads").text)
    page = client.post("/uploads", data={"csrf_token": csrf}, files={"file": ("r.xlsx", data, XLSX)})
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert words in page.text and '<html lang="nl">' in page.text
    assert _rows(client) == 0 and _files(folder) == []
    # Space again: the same upload goes through.
    monkeypatch.undo()
    assert client.post("/api/rosters", files={"file": ("r.xlsx", data, XLSX)}, headers=Accounts.bearer(acc.a)).status_code == 200


def test_database_full_removes_the_stored_file(env, monkeypatch):
    client, acc, data, folder = env
    svc = client.app.state.service

    def full(upload):
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(svc, "_insert", full)
    r = client.post("/api/rosters", files={"file": ("r.xlsx", data, XLSX)}, headers=Accounts.bearer(acc.a))
    assert r.status_code == 507 and "vol" in r.json()["detail"]
    assert [p for p in _files(folder) if p.is_file()] == []  # the file went with the row


def test_disk_full_while_writing_a_report(env, monkeypatch):
    client, acc, data, folder = env
    h = Accounts.bearer(acc.a)
    upload_id = client.post("/api/rosters", files={"file": ("r.xlsx", data, XLSX)}, headers=h).json()["id"]
    real_open = os.open

    def open_(path, flags, mode=0o777, **kw):
        if str(path).endswith(".part.html"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr("rostercheck.web.storage.os.open", open_)
    r = client.get(f"/api/rosters/{upload_id}/report.html", headers=h)
    assert r.status_code == 507 and "vol" in r.json()["detail"]
    monkeypatch.undo()
    assert client.get(f"/api/rosters/{upload_id}/report.html", headers=h).status_code == 200
    assert not [p for p in _files(folder) if ".part" in p.name]


def test_purge_removes_a_file_whose_row_never_came(env, tmp_path):
    from rostercheck.cli import app

    client, acc, data, folder = env
    store = client.app.state.service.store
    # A process killed after the file was written and before the row was.
    killed = store.new_key()
    store.save_upload(killed, data)
    old = time.time() - 2 * 3600
    os.utime(store.folder(killed), (old, old))
    in_flight = store.new_key()  # one being stored right now: left alone
    store.save_upload(in_flight, data)
    kept = client.post("/api/rosters", files={"file": ("r.xlsx", data, XLSX)}, headers=Accounts.bearer(acc.a)).json()["id"]
    r = CliRunner().invoke(app, ["purge", "--older-than", "30", "--data", str(folder), *cli_database_args(client)])
    assert r.exit_code == 0, r.output
    assert "1 onvolledige upload(s)" in r.output
    assert not store.folder(killed).exists() and store.folder(in_flight).exists()
    assert client.get(f"/api/rosters/{kept}", headers=Accounts.bearer(acc.a)).status_code == 200


def test_uploaded_files_are_private(env):
    client, acc, data, folder = env
    h = Accounts.bearer(acc.a)
    upload_id = client.post("/api/rosters", files={"file": ("r.xlsx", data, XLSX)}, headers=h).json()["id"]
    client.get(f"/api/rosters/{upload_id}/report.html", headers=h)
    client.get(f"/api/rosters/{upload_id}/report.xlsx", headers=h)
    client.post(f"/api/rosters/{upload_id}/fix", headers=h)
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in (folder / "files").rglob("*")}
    assert modes and all(m == ("0o700" if (folder / "files" / n).is_dir() or len(n) == 32 else "0o600") for n, m in modes.items()), modes


def test_the_server_refuses_an_unwritable_data_folder(tmp_path, monkeypatch):
    from rostercheck.cli import app
    from rostercheck.web.app import DataFolderError, create_app

    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    with pytest.raises(DataFolderError, match="kan niet worden gemaakt"):
        create_app(not_a_folder / "data")
    real_open = os.open

    def read_only(path, flags, mode=0o777, **kw):
        if ".probe-" in str(path):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr("rostercheck.web.app.os.open", read_only)
    with pytest.raises(DataFolderError, match="niet beschrijfbaar"):
        create_app(tmp_path / "ro")
    r = CliRunner().invoke(app, ["serve", "--data", str(tmp_path / "ro"), "--port", "1"])
    assert r.exit_code == 2 and "Roostercheck start niet" in r.output and "niet beschrijfbaar" in r.output


def test_retried_upload_is_stored_once(env):
    client, acc, data, folder = env
    h = Accounts.bearer(acc.a)
    first = client.post("/api/rosters", files={"file": ("r.xlsx", data, XLSX)}, headers=h).json()
    again = client.post("/api/rosters", files={"file": ("r (1).xlsx", data, XLSX)}, headers=h).json()
    assert first == again and _rows(client) == 1
    other_org = client.post("/api/rosters", files={"file": ("r.xlsx", data, XLSX)}, headers=Accounts.bearer(acc.b)).json()
    assert other_org["id"] != first["id"] and _rows(client) == 2
