"""Request limits, response headers, authentication and CSRF for the upload service.

- :class:`BodySizeLimitMiddleware` counts body bytes as they stream in, before any
  multipart parsing, so neither a false ``Content-Length`` nor a chunked upload
  without one gets past the limit.
- API calls authenticate with ``Authorization: Bearer TOKEN`` only (no cookies), so
  they need no CSRF token; browser pages use a signed session cookie (HttpOnly,
  SameSite=Strict) and a per-session CSRF token on every POST form.
"""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rostercheck.web.accounts import user_by_id, user_by_token
from rostercheck.web.db import User

SESSION_COOKIE = "rostercheck_session"


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` while the body streams in. An HTTPException, so FastAPI's
    body parsing passes it on unchanged (it turns other errors into a 400)."""

    def __init__(self, limit: int):
        super().__init__(status_code=413, detail=f"Het bestand is te groot (maximaal {limit // 1_000_000} MB).")


class BodySizeLimitMiddleware:
    """413 for a request body over its limit, counted while it arrives.

    ``limit_for(path)`` gives the limit per path: the upload routes allow the upload
    limit plus room for the multipart framing; everything else a few kilobytes.
    """

    def __init__(self, app: ASGIApp, limit_for, upload_limit: int):
        self.app = app
        self.limit_for = limit_for
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_413(send, self.upload_limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(self.upload_limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            # Raised outside FastAPI's handlers (e.g. by a middleware reading the body).
            if started:
                raise
            await _send_413(send, self.upload_limit)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_413(send: Send, limit: int) -> None:
    body = ('{"detail":"Het bestand is te groot (maximaal %d MB)."}' % (limit // 1_000_000)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})


DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


class SecurityHeadersMiddleware:
    """Headers every response carries unless the handler set its own."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for key, value in (
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cache-control", b"no-store"),
                    (b"content-security-policy", DEFAULT_CSP.encode()),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ):
                    if key not in present:
                        headers.append((key, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, add_headers)


def load_secret_key(data_dir: Path) -> str:
    """The key that signs session cookies, made once per data folder (mode 0600)."""
    path = data_dir / "session_secret"
    if not path.exists():
        import os

        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


# --- API authentication -----------------------------------------------------------


def api_user(request: Request) -> User:
    """The caller of an API route, from ``Authorization: Bearer TOKEN``; 401 otherwise."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    user = user_by_token(request.app.state.db, token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise HTTPException(
            status_code=401, detail="Ontbrekend of ongeldig token.", headers={"WWW-Authenticate": "Bearer"}
        )
    return user


# --- Browser sessions -------------------------------------------------------------


class LoginRequired(Exception):
    """A page was asked for without a valid session: answered with the login page, status 401."""


def session_user(request: Request) -> User | None:
    uid = request.session.get("uid")
    if not isinstance(uid, int):
        return None
    user = user_by_id(request.app.state.db, uid)
    # The session names the token it was opened with, so a new token ends old sessions.
    if user is None or not hmac.compare_digest(str(request.session.get("tk", "")), user.token_hash[:16]):
        return None
    return user


def page_user(request: Request) -> User:
    user = session_user(request)
    if user is None:
        raise LoginRequired()
    return user


def start_session(request: Request, user: User) -> None:
    request.session.clear()  # nothing from before the login carries over
    request.session.update({"uid": user.id, "tk": user.token_hash[:16], "csrf": secrets.token_urlsafe(32)})


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, submitted: object) -> None:
    expected = request.session.get("csrf")
    if not isinstance(expected, str) or not isinstance(submitted, str) or not hmac.compare_digest(expected, submitted):
        raise HTTPException(status_code=403, detail="Het formulier is verlopen; laad de pagina opnieuw.")


def safe_next(target: object) -> str:
    """Where to go after login: only a path on this site (no ``//host`` or ``/\\host``)."""
    if isinstance(target, str) and target.startswith("/") and not target.startswith(("//", "/\\")) and "\n" not in target and "\r" not in target:
        return target
    return "/uploads"
