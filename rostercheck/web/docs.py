"""``/docs``: the API document in Swagger UI, served from this service.

The Swagger UI files come from the ``swagger-ui-bundle`` package, not from a CDN: the
service's Content-Security-Policy allows scripts only from itself (and this page's
one inline script by nonce), and a service inside a municipality's network may have
no internet access.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

_FILES = {"swagger-ui.css": "text/css", "swagger-ui-bundle.js": "text/javascript"}


def _bundle() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def install(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs_page() -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        if _bundle() is None:
            body = '<p>Swagger UI is niet geïnstalleerd; het API-document staat op <a href="/api/openapi.json">/api/openapi.json</a>.</p>'
            return HTMLResponse(f'<!doctype html><html lang="nl"><meta charset="utf-8"><title>API</title>{body}</html>')
        html = f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Roostercheck API</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script nonce="{nonce}">SwaggerUIBundle({{url: "/api/openapi.json", dom_id: "#swagger-ui"}});</script>
</body></html>"""
        csp = (f"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")
        return HTMLResponse(html, headers={"Content-Security-Policy": csp})

    @app.get("/docs/{name}", include_in_schema=False)
    def docs_file(name: str) -> FileResponse:
        folder = _bundle()
        if folder is None or name not in _FILES:
            raise HTTPException(status_code=404)
        return FileResponse(folder / name, media_type=_FILES[name], headers={"Cache-Control": "public, max-age=86400"})
