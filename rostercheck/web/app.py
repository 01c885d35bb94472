"""The upload service's FastAPI application (``rostercheck serve``).

:func:`create_app` wires the pieces: the database and file store in the data
folder, the core (reader, checker, reports, fixer; replaceable for tests), the
request-size limit, the session cookie, the API and the pages.
"""

from __future__ import annotations

import logging
import os
from http import HTTPStatus
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rostercheck.web import api, docs, pages
from rostercheck.web.core import Core, default_core
from rostercheck.web.db import Database, resolve_data_dir
from rostercheck.web.limits import BodySizeLimitMiddleware
from rostercheck.web.security import LoginRequired, SecurityHeadersMiddleware
from rostercheck.web.sessions import LoginLimiter, SessionStore
from rostercheck.web.service import UploadService
from rostercheck.web.storage import FileStore, StorageUnavailable

log = logging.getLogger("rostercheck.web")

DUTCH_STATUS = {
    400: "Ongeldig verzoek.",
    401: "Log eerst in.",
    403: "Geen toegang.",
    404: "Niet gevonden.",
    405: "Deze handeling kan hier niet (methode niet toegestaan).",
    408: "Het verzoek duurde te lang.",
    413: "Het bestand is te groot.",
    415: "Dit soort gegevens wordt hier niet aangenomen.",
    429: "Te veel verzoeken; probeer het later opnieuw.",
}

STORAGE_ERRORS = {
    "full": (507, "De opslag van de dienst is vol; uw bestand is niet bewaard. Probeer het later opnieuw en meld het aan de beheerder."),
    "readonly": (503, "De opslag van de dienst is nu alleen-lezen; uw bestand is niet bewaard. Meld het aan de beheerder."),
}


def wants_json(request: Request) -> bool:
    """API routes answer JSON; pages answer a Dutch page."""
    return request.url.path.startswith("/api/") or request.url.path == "/api"


class DataFolderError(RuntimeError):
    """The data folder cannot be written: the service does not start."""


def check_writable(root: Path) -> None:
    """Writes, syncs and removes a probe file in the data folder and its files/ folder."""
    for folder in (root, root / "files"):
        probe = folder / f".probe-{os.getpid()}"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, b"ok")
                os.fsync(fd)
            finally:
                os.close(fd)
            probe.unlink()
        except OSError as exc:
            raise DataFolderError(f"De gegevensmap {folder} is niet beschrijfbaar ({exc.strerror or exc}); "
                                  "de dienst start niet. Kies een andere map met --data of herstel de rechten.") from exc

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
    session_idle: int = 2 * 3600,
    login_limiter: LoginLimiter | None = None,
    body_timeout: float = 30.0,
) -> FastAPI:
    """The application. ``secure_cookies`` marks the session cookie Secure (set it
    behind HTTPS); ``core`` replaces the reader/checker/report/fixer (tests)."""
    try:
        root = resolve_data_dir(data_dir)
    except OSError as exc:
        raise DataFolderError(f"De gegevensmap {data_dir} kan niet worden gemaakt ({exc.strerror or exc}); de dienst start niet.") from exc
    check_writable(root)
    try:
        db = Database(root, database_url)
    except Exception as exc:
        raise DataFolderError(f"De database kan niet worden geopend of bijgewerkt ({type(exc).__name__}: {exc}); de dienst start niet.") from exc
    store = FileStore(root / "files")
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.service.jobs.start()  # fixes queued or running before a restart go on
        yield
        app.state.service.jobs.stop()
        db.dispose()

    app = FastAPI(
        title="rostercheck",
        version="1",
        description="Upload a staff roster, get its check against the norms of the municipal contracts and the Working "
        "Hours Act, and ask for a fix. Authenticate with Authorization: Bearer TOKEN. A third party (role auditor) "
        "sees every organisation's uploads, pseudonymised.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.db = db
    app.state.sessions = SessionStore(db, max_age=session_max_age, idle=session_idle)
    app.state.secure_cookies = secure_cookies
    app.state.login_limiter = login_limiter or LoginLimiter()
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
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, limit_for=limit_for, upload_limit=max_upload_bytes, body_timeout=body_timeout)

    app.include_router(api.router)
    app.include_router(pages.router, include_in_schema=False)  # pages are for browsers, not in the API document
    docs.install(app)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired):
        return pages.login_page(request)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail
        # Starlette's own answers ("Not Found", "Method Not Allowed") in Dutch.
        if not isinstance(detail, dict) and (not detail or detail == HTTPStatus(exc.status_code).phrase):
            detail = DUTCH_STATUS.get(exc.status_code, "Er ging iets mis.")
        if wants_json(request):
            content = detail if isinstance(detail, dict) else {"detail": detail, "errors": []}
            return JSONResponse(content, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        message = detail.get("detail", "") if isinstance(detail, dict) else str(detail)
        return pages.error_page(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        # One shape for every 422: {"detail": text, "errors": [{sheet, row, column, message, ...}]}.
        errors = [{"type": "invalid_request", "sheet": None, "row": None,
                   "column": ".".join(str(x) for x in e.get("loc", ()) if x != "body") or None,
                   "value": None, "expected": None, "message": "ontbreekt of ongeldig"} for e in exc.errors()]
        return JSONResponse({"detail": "Ongeldig verzoek.", "errors": errors}, status_code=422)

    @app.exception_handler(StorageUnavailable)
    async def _storage(request: Request, exc: StorageUnavailable):
        log.error("storage unavailable (%s): %s", exc.reason, exc.__cause__)
        status, message = STORAGE_ERRORS[exc.reason]
        if wants_json(request):
            return JSONResponse({"detail": message, "errors": []}, status_code=status, headers={"Retry-After": "300"})
        return pages.error_page(request, status, message, headers={"Retry-After": "300"})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        message = "Er ging onverwacht iets mis. Probeer het later opnieuw; blijft het misgaan, meld het dan aan de beheerder."
        if wants_json(request):
            return JSONResponse({"detail": message, "errors": []}, status_code=500)
        return pages.error_page(request, 500, message)

    return app
