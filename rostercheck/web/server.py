"""``rostercheck serve``: the upload service under uvicorn, guarded against slow clients.

uvicorn by itself waits for ever on a connection whose request headers never finish,
and counts such connections towards ``limit_concurrency``, so a few dozen half-open
connections turn every real request into a 503. :class:`GuardedH11Protocol` closes
them instead:

- a connection must finish its request headers within ``header_timeout`` seconds of
  its first byte (or of connecting); otherwise it gets ``408`` and is closed;
- at most ``max_idle`` connections may be waiting (for headers, or idle between
  keep-alive requests); when another arrives, the one waiting longest is closed, so
  waiting connections can never keep a real request out;
- request headers are limited to ``max_header_bytes``.

The request body has its own limits (security.RequestLimitsMiddleware): at most
``body_timeout`` seconds between two chunks and the upload size. In production a
reverse proxy in front does the same at the edge (docs/deploy.md has an nginx
configuration); these limits keep the service upright without one.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import h11
import typer
from uvicorn.protocols.http.h11_impl import H11Protocol


@dataclass(frozen=True)
class ConnectionLimits:
    header_timeout: float = 10.0
    max_idle: int = 256
    max_header_bytes: int = 16 * 1024
    keep_alive: int = 5
    # Requests being served at once (beyond this uvicorn answers 503). Waiting
    # connections no longer count against it in practice: they are capped by max_idle.
    max_concurrency: int = 512


_REQUEST_TIMEOUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\ncontent-length: 39\r\n\r\nHet verzoek kwam niet op tijd binnen.\r\n"
)


class GuardedH11Protocol(H11Protocol):
    limits = ConnectionLimits()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm_header_timer()
        self._wait()

    # --- connections waiting for a request ------------------------------------------

    def _waiting(self) -> OrderedDict:
        state = self.server_state
        if not hasattr(state, "rc_waiting"):
            state.rc_waiting = OrderedDict()  # insertion order = longest waiting first
        return state.rc_waiting

    def _wait(self) -> None:
        waiting = self._waiting()
        waiting[self] = None
        waiting.move_to_end(self)
        while len(waiting) > self.limits.max_idle:
            oldest, _ = waiting.popitem(last=False)
            oldest._close_waiting()

    def _busy(self) -> None:
        self._waiting().pop(self, None)
        self._cancel_header_timer()

    def _close_waiting(self) -> None:
        self._cancel_header_timer()
        if not self.transport.is_closing():
            self.transport.close()

    # --- header timeout ---------------------------------------------------------------

    def _arm_header_timer(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.limits.header_timeout, self._header_timeout)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _header_timeout(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._waiting().pop(self, None)
            self.transport.write(_REQUEST_TIMEOUT)
            self.transport.close()

    # --- uvicorn's hooks ----------------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm_header_timer()  # the clock runs from the request's first byte
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._busy()  # headers complete: the request is being served

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._wait()  # idle keep-alive (closed by uvicorn after keep_alive seconds)

    def connection_lost(self, exc: Exception | None) -> None:
        self._waiting().pop(self, None)
        self._cancel_header_timer()
        super().connection_lost(exc)


def guarded_protocol(limits: ConnectionLimits) -> type[GuardedH11Protocol]:
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"limits": limits})


def server_config(app, host: str, port: int, limits: ConnectionLimits = ConnectionLimits(), **extra):
    """The uvicorn configuration of the service (also used by the tests)."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=guarded_protocol(limits),
        proxy_headers=extra.pop("proxy_headers", False),
        server_header=False,
        date_header=True,
        timeout_keep_alive=limits.keep_alive,
        limit_concurrency=limits.max_concurrency,
        h11_max_incomplete_event_size=limits.max_header_bytes,
        timeout_graceful_shutdown=30,
        **extra,
    )


def run_server(host: str, port: int, data_dir: Path | None, *, forwarded_allow_ips: str | None = None, **app_options) -> None:
    import uvicorn

    from rostercheck.web.app import DataFolderError, create_app

    try:
        app = create_app(data_dir, **app_options)
    except DataFolderError as exc:
        typer.echo(f"Roostercheck start niet: {exc}", err=True)
        raise typer.Exit(2) from None
    root = app.state.data_dir
    typer.echo(f"Roostercheck draait op http://{host}:{port}/ (gegevens in {root}). Stoppen: Ctrl+C.")
    if host not in ("127.0.0.1", "localhost", "::1") and not app_options.get("secure_cookies"):
        typer.echo("Let op: zet de dienst achter HTTPS (reverse proxy, zie docs/deploy.md) en start met --secure-cookies.", err=True)
    extra = {"log_level": "info"}
    if forwarded_allow_ips:
        # Behind a reverse proxy: the client's address (login rate limit, logs) comes
        # from X-Forwarded-For, trusted only from these proxy addresses.
        extra.update(proxy_headers=True, forwarded_allow_ips=forwarded_allow_ips)
    uvicorn.Server(server_config(app, host, port, **extra)).run()
