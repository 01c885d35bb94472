"""Response headers, authentication and CSRF for the upload service.

- API calls authenticate with ``Authorization: Bearer TOKEN`` only (no cookies), so
  they need no CSRF token; browser pages use a server-side session
  (:mod:`rostercheck.web.sessions`) and its CSRF token on every POST form.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rostercheck.web.accounts import is_revoked, user_by_token
from rostercheck.web.db import User
from rostercheck.web.sessions import ActiveSession, SessionStore

SESSION_COOKIE = "rostercheck_session"


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


# --- API authentication -----------------------------------------------------------


bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="The account's API token (rostercheck users add / rotate): Authorization: Bearer rc_...",
)


def api_user(request: Request, _credentials: HTTPAuthorizationCredentials | None = Security(bearer_scheme)) -> User:
    """The caller of an API route, from ``Authorization: Bearer TOKEN``; 401 otherwise.
    (The parameter puts the bearer scheme into the OpenAPI document.)"""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    user = user_by_token(request.app.state.db, token.strip()) if scheme.lower() == "bearer" else None
    if user is None or is_revoked(user):
        raise HTTPException(
            status_code=401, detail="Ontbrekend of ongeldig token.", headers={"WWW-Authenticate": "Bearer"}
        )
    return user


# --- Browser sessions -------------------------------------------------------------
# The session cookie is SameSite=Lax: a link from another site (an e-mail, the
# municipality's portal) opens the page logged in. Every POST still needs the
# session's CSRF token, so another site cannot act with the cookie. The login form
# has its own double-submit token in a separate cookie: showing the login page never
# sets or replaces the session cookie.

LOGIN_COOKIE = "rostercheck_login"


class LoginRequired(Exception):
    """A page was asked for without a valid session: answered with the login page, status 401."""


def current_session(request: Request) -> ActiveSession | None:
    """The request's valid session (looked up once per request)."""
    if not hasattr(request.state, "rc_session"):
        store: SessionStore = request.app.state.sessions
        request.state.rc_session = store.find(request.cookies.get(SESSION_COOKIE))
    return request.state.rc_session


def session_user(request: Request) -> User | None:
    active = current_session(request)
    return active.user if active is not None else None


def page_user(request: Request) -> User:
    user = session_user(request)
    if user is None:
        raise LoginRequired()
    return user


def cookie_options(request: Request) -> dict:
    return {"httponly": True, "secure": request.app.state.secure_cookies, "path": "/"}


def start_session(request: Request, response: Response, user: User) -> None:
    """Opens a server-side session and sets its cookie; an older session of this
    browser ends (nothing from before the login carries over)."""
    store: SessionStore = request.app.state.sessions
    old = current_session(request)
    if old is not None:
        store.end(old.id)
    value = store.open(user)
    response.set_cookie(SESSION_COOKIE, value, max_age=int(store.max_age.total_seconds()), samesite="lax", **cookie_options(request))
    response.delete_cookie(LOGIN_COOKIE, path="/login")


def end_session(request: Request, response: Response) -> None:
    active = current_session(request)
    if active is not None:
        request.app.state.sessions.end(active.id)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=request.app.state.secure_cookies)


def csrf_token(request: Request) -> str:
    """The CSRF token of the session's forms ('' without a session: no form needs one)."""
    active = current_session(request)
    return active.csrf if active is not None else ""


def check_csrf(request: Request, submitted: object) -> None:
    expected = csrf_token(request)
    if not expected or not isinstance(submitted, str) or not hmac.compare_digest(expected, submitted):
        raise HTTPException(status_code=403, detail="Het formulier is verlopen; laad de pagina opnieuw.")


def login_csrf(request: Request) -> str:
    """The login form's token: the one in the login cookie, or a new one."""
    value = request.cookies.get(LOGIN_COOKIE)
    if isinstance(value, str) and 20 <= len(value) <= 100:
        return value
    return secrets.token_urlsafe(32)


def set_login_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, samesite="strict", httponly=True,
                        secure=request.app.state.secure_cookies, path="/login")


def check_login_csrf(request: Request, submitted: object) -> None:
    expected = request.cookies.get(LOGIN_COOKIE)
    if not expected or not isinstance(submitted, str) or not hmac.compare_digest(expected, submitted):
        raise HTTPException(status_code=403, detail="Het inlogformulier is verlopen; laad de pagina opnieuw.")


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


def safe_next(target: object) -> str:
    """Where to go after login: only a path on this site (no ``//host`` or ``/\\host``)."""
    if isinstance(target, str) and target.startswith("/") and not target.startswith(("//", "/\\")) and "\n" not in target and "\r" not in target:
        return target
    return "/uploads"
