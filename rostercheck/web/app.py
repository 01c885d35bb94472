"""The upload service's FastAPI application (``rostercheck serve``).

:func:`create_app` wires the pieces: the database and file store in the data
folder, the core (reader, checker, reports, fixer; replaceable for tests), the
request-size limit, the session cookie, the API and the pages.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from rostercheck.web import api, pages
from rostercheck.web.core import Core, default_core
from rostercheck.web.db import Database, resolve_data_dir
from rostercheck.web.security import (
    SESSION_COOKIE,
    BodySizeLimitMiddleware,
    LoginRequired,
    SecurityHeadersMiddleware,
    load_secret_key,
)
from rostercheck.web.service import UploadService
from rostercheck.web.storage import FileStore

log = logging.getLogger("rostercheck.web")

# Paths that take a roster upload; every other body (login form, fix button) is small.
UPLOAD_PATHS = frozenset({"/api/rosters", "/uploads"})
SMALL_BODY_LIMIT = 64 * 1024
MULTIPART_ALLOWANCE = 64 * 1024  # boundary and part headers around the file itself


def create_app(
    data_dir: Path | str | None,
    *,
    max_upload_bytes: int = 20_000_000,
    fix_time_limit: float = 30.0,
    fix_workers: int = 1,
    database_url: str | None = None,
    core: Core | None = None,
    secure_cookies: bool = False,
    session_max_age: int = 8 * 3600,
) -> FastAPI:
    """The application. ``secure_cookies`` marks the session cookie Secure (set it
    behind HTTPS); ``core`` replaces the reader/checker/report/fixer (tests)."""
    root = resolve_data_dir(data_dir)
    db = Database(root, database_url)
    store = FileStore(root / "files")
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        db.dispose()

    app = FastAPI(
        title="rostercheck", version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json", lifespan=lifespan
    )
    app.state.db = db
    app.state.data_dir = root
    app.state.service = UploadService(
        db,
        store,
        core or default_core(),
        max_upload_bytes=max_upload_bytes,
        fix_time_limit=fix_time_limit,
        fix_workers=fix_workers,
    )

    upload_body_limit = max_upload_bytes + MULTIPART_ALLOWANCE

    def limit_for(path: str) -> int:
        return upload_body_limit if path in UPLOAD_PATHS else SMALL_BODY_LIMIT

    # Last added is outermost: the size limit sees the body before anything parses it.
    app.add_middleware(
        SessionMiddleware,
        secret_key=load_secret_key(root),
        session_cookie=SESSION_COOKIE,
        max_age=session_max_age,
        same_site="strict",
        https_only=secure_cookies,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, limit_for=limit_for, upload_limit=max_upload_bytes)

    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired):
        return pages.login_page(request)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or exc.status_code == 413:
            detail = exc.detail
            content = detail if isinstance(detail, dict) else {"detail": detail}
            return JSONResponse(content, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        return JSONResponse({"detail": "Ongeldig verzoek.", "errors": []}, status_code=422)

    return app
