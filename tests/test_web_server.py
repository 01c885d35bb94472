"""Slow or many clients cannot starve the service: a real uvicorn with the service's
connection limits, driven by raw sockets that never finish their requests."""

from __future__ import annotations

import select
import socket
import threading
import time

import httpx
import pytest

from rostercheck.web.server import ConnectionLimits, server_config
from web_support import Accounts, make_app, real_core_with_slow_fix


HEADER_TIMEOUT = 3.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    import uvicorn

    app = make_app(tmp_path / "data", core=real_core_with_slow_fix(0.0), body_timeout=1.0)
    accounts = Accounts(app)
    port = _free_port()
    limits = ConnectionLimits(header_timeout=HEADER_TIMEOUT, max_idle=20, max_concurrency=40)
    srv = uvicorn.Server(server_config(app, "127.0.0.1", port, limits, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    assert srv.started
    yield port, accounts
    srv.should_exit = True
    thread.join(timeout=10)


def _half_open(port: int, n: int) -> list[socket.socket]:
    socks = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # headers never finished
        socks.append(s)
    return socks


def _closed(s: socket.socket) -> bool:
    """Whether the server has closed (or answered 408 on) the connection, without waiting."""
    readable, _, _ = select.select([s], [], [], 0)
    if not readable:
        return False
    try:
        data = s.recv(1024)
    except OSError:
        return True
    return data == b"" or data.startswith(b"HTTP/1.1 408")


def _closed_all(socks) -> list[bool]:
    state = {}
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:  # closes arrive over a few milliseconds
        for i, s in enumerate(socks):
            if not state.get(i):
                state[i] = _closed(s)
        time.sleep(0.05)
    return [state[i] for i in range(len(socks))]


def test_half_open_connections_do_not_keep_real_requests_out(server):
    port, accounts = server
    opened = time.monotonic()
    socks = _half_open(port, 100)  # more than max_idle, and more than max_concurrency
    try:
        started = time.monotonic()
        r = httpx.get(f"http://127.0.0.1:{port}/api/rosters", headers=Accounts.bearer(accounts.a), timeout=5)
        assert r.status_code == 200 and time.monotonic() - started < 1.0
        # The waiting ones beyond max_idle were closed, oldest first.
        closed = _closed_all(socks)
        if time.monotonic() - opened < HEADER_TIMEOUT:  # (a very slow machine: the timeout below covers it)
            assert sum(closed) >= 80 and not any(closed[-15:]), closed
        # The rest get 408 once the header timeout passes.
        time.sleep(max(0.0, opened + HEADER_TIMEOUT + 0.5 - time.monotonic()))
        assert all(_closed_all(socks))
        assert httpx.get(f"http://127.0.0.1:{port}/login", timeout=5).status_code == 200
    finally:
        for s in socks:
            s.close()


def test_a_header_that_trickles_in_is_cut_off(server):
    port, _ = server
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        started = time.monotonic()
        answer = b""
        for ch in b"GET /login HTTP/1.1\r\nHost: x\r\n" + b"X: " + b"a" * 100:
            try:
                s.sendall(bytes([ch]))
            except OSError:
                break
            time.sleep(0.05)  # a byte every 50 ms keeps no clock from starting again
            if time.monotonic() - started > HEADER_TIMEOUT + 0.2:
                break
        s.settimeout(2)
        try:
            answer = s.recv(1024)
        except OSError:
            pass
        assert answer.startswith(b"HTTP/1.1 408") or answer == b""
        assert time.monotonic() - started < HEADER_TIMEOUT + 2.0
    finally:
        s.close()


def test_a_stalled_body_gets_408(server):
    port, accounts = server
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        s.sendall(
            b"POST /api/rosters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + accounts.a.encode()
            + b"\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 5000\r\n\r\n--b\r\n"
        )
        s.settimeout(5)
        started = time.monotonic()
        answer = b""
        while True:  # the answer may come in more than one piece; then the server closes
            piece = s.recv(4096)
            if not piece:
                break
            answer += piece
        closed_after = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert "te langzaam".encode() in answer and closed_after < 4
    finally:
        s.close()
    # Meanwhile and afterwards, others are served.
    assert httpx.get(f"http://127.0.0.1:{port}/api/rosters", headers=Accounts.bearer(accounts.a), timeout=5).status_code == 200


def test_oversized_headers_are_refused(server):
    port, _ = server
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        # 40 kB of headers that do not end: refused at 16 kB, well before the header timeout.
        s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40_000)
        s.settimeout(1)
        answer = s.recv(1024)
        assert answer.startswith(b"HTTP/1.1 400") or answer == b"", answer[:100]
    except ConnectionResetError:
        pass
    finally:
        s.close()
