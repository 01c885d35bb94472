"""Pages a planner or contract manager uses in a browser (labels in Dutch).

Same accounts as the API: log in with the account name and its token. The session
cookie is signed, HttpOnly and SameSite=Strict; every POST form carries the
session's CSRF token. A page asked for without a session answers 401 with the
login form, and returns to the page after login.
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from rostercheck import wording
from rostercheck.web.api import (
    XLSX_TYPE,
    service,
    download_name,
    read_file_field,
    report_html_response,
    report_xlsx_response,
)
from rostercheck.web.db import STATUS_CHECKED, STATUS_FAILED, STATUS_UNREADABLE, Upload, User
from rostercheck.web.security import (
    BodyTooLarge,
    check_csrf,
    csrf_token,
    page_user,
    safe_next,
    session_user,
    start_session,
)
from rostercheck.web.service import NotVisible, UploadService, UploadTooLarge

router = APIRouter()

templates = Environment(
    loader=PackageLoader("rostercheck.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

# Numbers and counted words as every other output writes them (rostercheck.wording).
templates.globals.update(number=wording.number, count=wording.count)

STATUS_LABELS = {STATUS_CHECKED: "Gecontroleerd", STATUS_UNREADABLE: "Onleesbaar", STATUS_FAILED: "Mislukt"}


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page with a fresh script nonce; the CSP allows that one inline script and nothing from elsewhere."""
    nonce = secrets.token_urlsafe(16)
    user = context.pop("user", None)
    html = templates.get_template(name).render(
        request=request, user=user, csrf=csrf_token(request), nonce=nonce, status_label=status_label,
        shift_text=shift_text, change_kinds=CHANGE_KINDS, **context
    )
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        f"script-src 'nonce-{nonce}'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    return HTMLResponse(html, status_code=status_code, headers={"Content-Security-Policy": csp})


CHANGE_KINDS = {
    "reassign": "andere medewerker",
    "retime": "andere tijden",
    "rekind": "andere soort dienst",
    "add": "nieuwe dienst",
    "remove": "dienst vervalt",
}


def shift_text(shift: Any) -> str:
    """A shift of a proposed change as a planner reads it: who, where, when, what."""
    if not isinstance(shift, dict):
        return "" if shift is None else str(shift)

    def clock(value: Any) -> str:
        text = str(value or "")
        return f"{text[8:10]}-{text[5:7]}-{text[0:4]} {text[11:16]}" if len(text) >= 16 else text

    parts = [shift.get("employee"), shift.get("location"), f"{clock(shift.get('start'))} – {clock(shift.get('end'))[11:]}", shift.get("kind")]
    return " · ".join(str(p) for p in parts if p)


def status_label(upload: Upload) -> str:
    if upload.status == STATUS_CHECKED:
        return "Voldoet aan de normen" if upload.compliant else "Voldoet niet"
    return STATUS_LABELS.get(upload.status, upload.status)


def visible_page_upload(upload_id: str, user: User = Depends(page_user), svc: UploadService = Depends(service)) -> Upload:
    try:
        return svc.get(user, upload_id)
    except NotVisible:
        raise HTTPException(status_code=404, detail="Deze upload bestaat niet of is niet van uw organisatie.") from None


def login_page(request: Request, status_code: int = 401, error: str | None = None) -> HTMLResponse:
    target = request.url.path if request.method == "GET" else "/uploads"
    return page(request, "login.html", status_code=status_code, next=safe_next(target), error=error)


@router.get("/")
def home(request: Request):
    return RedirectResponse("/uploads" if session_user(request) else "/login", status_code=303)


@router.get("/login")
def get_login(request: Request):
    if session_user(request) is not None:
        return RedirectResponse("/uploads", status_code=303)
    return page(request, "login.html", next=safe_next(request.query_params.get("next")), error=None)


@router.post("/login")
async def post_login(request: Request):
    form = await request.form(max_files=0, max_fields=8)
    check_csrf(request, form.get("csrf_token"))
    from rostercheck.web.accounts import user_by_login

    name, token = form.get("name"), form.get("token")
    user = user_by_login(request.app.state.db, name if isinstance(name, str) else "", token.strip() if isinstance(token, str) else "")
    if user is None:
        return page(request, "login.html", status_code=401, next=safe_next(form.get("next")), error="Naam of token klopt niet.")
    start_session(request, user)
    return RedirectResponse(safe_next(form.get("next")), status_code=303)


@router.post("/logout")
async def post_logout(request: Request):
    form = await request.form(max_files=0, max_fields=4)
    check_csrf(request, form.get("csrf_token"))
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/uploads")
def uploads_page(request: Request, user: User = Depends(page_user), svc: UploadService = Depends(service)):
    return page(request, "uploads.html", user=user, uploads=svc.visible(user), errors=None, max_mb=svc.max_upload_bytes // 1_000_000)


@router.post("/uploads")
async def post_upload(request: Request, user: User = Depends(page_user), svc: UploadService = Depends(service)):
    filename, data, form = await read_file_field(request, svc.max_upload_bytes)
    check_csrf(request, form.get("csrf_token"))
    try:
        outcome = await svc.upload(user, filename, data)
    except UploadTooLarge:
        raise BodyTooLarge(svc.max_upload_bytes) from None
    if outcome.errors is not None:
        return page(
            request,
            "uploads.html",
            status_code=422,
            user=user,
            uploads=svc.visible(user),
            errors=outcome.errors,
            failed_name=outcome.upload.filename,
            max_mb=svc.max_upload_bytes // 1_000_000,
        )
    return RedirectResponse(f"/uploads/{outcome.upload.id}", status_code=303)


@router.get("/uploads/{upload_id}")
def report_page(request: Request, user: User = Depends(page_user), upload: Upload = Depends(visible_page_upload), svc: UploadService = Depends(service)):
    errors = json.loads(upload.input_errors_json) if upload.input_errors_json else None
    report = svc.report_dict(upload, pseudonymise=user.role == "auditor") if upload.status == STATUS_CHECKED else None
    fix = svc.fix_result(upload, pseudonymise=user.role == "auditor")
    return page(request, "report.html", user=user, upload=upload, report=report, errors=errors, fix=fix)


@router.get("/uploads/{upload_id}/report.html")
async def report_html(user: User = Depends(page_user), upload: Upload = Depends(visible_page_upload), svc: UploadService = Depends(service)):
    return await report_html_response(svc, user, upload)


@router.get("/uploads/{upload_id}/report.xlsx")
async def report_xlsx(user: User = Depends(page_user), upload: Upload = Depends(visible_page_upload), svc: UploadService = Depends(service)):
    return await report_xlsx_response(svc, user, upload)


@router.post("/uploads/{upload_id}/fix")
async def post_fix(request: Request, user: User = Depends(page_user), upload: Upload = Depends(visible_page_upload), svc: UploadService = Depends(service)):
    form = await request.form(max_files=0, max_fields=4)
    check_csrf(request, form.get("csrf_token"))
    try:
        await svc.fix(upload, pseudonymise=user.role == "auditor")
    except NotVisible:
        raise HTTPException(status_code=404, detail="Er is geen leesbaar rooster om te verbeteren.") from None
    return RedirectResponse(f"/uploads/{upload.id}#verbetering", status_code=303)


@router.get("/uploads/{upload_id}/fixed.xlsx")
def fixed_xlsx(user: User = Depends(page_user), upload: Upload = Depends(visible_page_upload), svc: UploadService = Depends(service)):
    path = svc.fixed_roster_path(upload)
    if user.role == "auditor" or path is None:
        raise HTTPException(status_code=404, detail="Niet gevonden.")
    return FileResponse(path, media_type=XLSX_TYPE, filename=download_name("verbeterd", upload.filename, ".xlsx"))


@router.get("/overview")
def overview(request: Request, user: User = Depends(page_user), svc: UploadService = Depends(service)):
    if user.role != "auditor":
        raise HTTPException(status_code=404, detail="Niet gevonden.")
    uploads = svc.visible(user)
    by_org: dict[str, list[Upload]] = defaultdict(list)
    for u in uploads:
        by_org[u.org].append(u)
    orgs = []
    for org in sorted(by_org, key=str.casefold):
        items = by_org[org]  # newest first
        checked = [u for u in items if u.status == STATUS_CHECKED]
        orgs.append(
            {
                "org": org,
                "count": len(items),
                "latest": items[0],
                "compliant": sum(1 for u in checked if u.compliant),
                "not_compliant": sum(1 for u in checked if not u.compliant),
                "unreadable": sum(1 for u in items if u.status != STATUS_CHECKED),
            }
        )
    return page(request, "overview.html", user=user, orgs=orgs, uploads=uploads)


def error_page(request: Request, status_code: int, message: str) -> Response:
    user = session_user(request)
    return page(request, "error.html", status_code=status_code, user=user, message=message, code=status_code)
