"""Request limits: body size and body pace, counted while the body streams in.

:class:`BodySizeLimitMiddleware` counts body bytes as they arrive, before any
multipart parsing, so neither a false ``Content-Length`` nor a chunked upload
without one gets past the limit; a body that stalls gets 408. (Header limits and
slow connections are the server's: rostercheck.web.server.)
"""

from __future__ import annotations

import asyncio
import json

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` while the body streams in. An HTTPException, so FastAPI's
    body parsing passes it on unchanged (it turns other errors into a 400)."""

    def __init__(self, limit: int):
        super().__init__(status_code=413, detail=too_large_message(limit), headers={"Connection": "close"})


class BodyTimeout(HTTPException):
    def __init__(self):
        # The rest of the body may still come: the connection cannot carry another request.
        super().__init__(status_code=408, detail="Het verzoek kwam te langzaam binnen; probeer het opnieuw.", headers={"Connection": "close"})


class BodySizeLimitMiddleware:
    """413 for a request body over its limit, counted while it arrives; 408 for a body
    that stalls (``body_timeout`` seconds between two chunks).

    ``limit_for(path)`` gives the limit per path: the upload routes allow the upload
    limit plus room for the multipart framing; everything else a few kilobytes.
    """

    def __init__(self, app: ASGIApp, limit_for, upload_limit: int, body_timeout: float = 30.0):
        self.app = app
        self.limit_for = limit_for
        self.upload_limit = upload_limit
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = _content_length(scope)
        html = not scope["path"].startswith("/api/")
        if declared is not None and declared > limit:
            await _send_413(send, self.upload_limit, html)
            return
        received = 0
        started = False
        body_done = False

        async def limited_receive() -> Message:
            nonlocal received, body_done
            if body_done:
                return await receive()  # after the body: only the disconnect, no clock
            try:
                message = await asyncio.wait_for(receive(), self.body_timeout)
            except asyncio.TimeoutError:
                raise BodyTimeout() from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(self.upload_limit)
                body_done = not message.get("more_body", False)
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
            await _send_413(send, self.upload_limit, html)
        except BodyTimeout:
            if started:
                raise
            await send({"type": "http.response.start", "status": 408,
                        "headers": [(b"content-type", b"application/json"), (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": b'{"detail":"Het verzoek kwam te langzaam binnen.","errors":[]}'})


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def megabytes(n: int) -> str:
    """Bytes as Dutch megabytes: 20000000 -> '20', 200000 -> '0,2'."""
    from rostercheck import wording

    return wording.number(n / 1_000_000, 1)


def too_large_message(limit: int) -> str:
    return f"Het bestand is te groot (maximaal {megabytes(limit)} MB)."


async def _send_413(send: Send, limit: int, html: bool) -> None:
    """413 before any route ran: a Dutch page for the browser, JSON for the API."""
    if html:
        from rostercheck.web.pages import static_error_html

        body = static_error_html(413, too_large_message(limit) + " Kies een kleiner bestand of splits het rooster per maand.").encode()
        ctype = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"detail": too_large_message(limit), "errors": []}, ensure_ascii=False).encode()
        ctype = b"application/json"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})
