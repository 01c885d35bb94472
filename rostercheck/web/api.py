"""The HTTP API of OUTPUT.md ("Web service"): JSON, ``Authorization: Bearer TOKEN``.

Anything the caller may not see is answered exactly like something that does not
exist (404), so ids of other organisations' uploads cannot be probed.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from starlette.datastructures import UploadFile

from rostercheck.web.db import Upload, User
from rostercheck.web.schemas import (
    HTML_RESPONSE,
    UPLOAD_BODY,
    XLSX_RESPONSE,
    FixStatus,
    RosterDetail,
    RosterList,
    UnreadableUpload,
    UploadResult,
    errors,
)
from rostercheck.web.limits import BodyTooLarge
from rostercheck.web.security import api_user
from rostercheck.web.service import NotVisible, UploadService, UploadTooLarge, iso_utc

router = APIRouter(prefix="/api")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The HTML report shows text from the upload: no scripts, no requests, even if opened directly.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"


def service(request: Request) -> UploadService:
    return request.app.state.service


def visible_upload(upload_id: str, user: User = Depends(api_user), svc: UploadService = Depends(service)) -> Upload:
    try:
        return svc.get(user, upload_id)
    except NotVisible:
        raise HTTPException(status_code=404, detail="Niet gevonden.") from None


def upload_summary(upload: Upload, user: User) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": upload.id,
        "filename": UploadService.display_name(upload, pseudonymise=user.role == "auditor"),
        "organisation": upload.org,
        "uploaded_at": iso_utc(upload.created_at),
        "status": upload.status,
        "compliant": upload.compliant,
        "summary": {"errors": upload.errors, "warnings": upload.warnings},
    }
    return out


async def read_file_field(request: Request, max_bytes: int) -> tuple[str | None, bytes, Any]:
    """The ``file`` field of a multipart body (and the parsed form); 422 when there is none."""
    try:
        form = await request.form(max_files=1, max_fields=8)
    except BodyTooLarge:
        raise
    except HTTPException:
        raise
    except Exception:
        raise HTTPException(
            status_code=422,
            detail={"detail": "Stuur het rooster als multipart/form-data in het veld 'file'.", "errors": []},
        ) from None
    file = form.get("file")
    if not isinstance(file, UploadFile):
        raise HTTPException(
            status_code=422,
            detail={"detail": "Het veld 'file' met het rooster ontbreekt.", "errors": []},
        )
    data = await file.read(max_bytes + 1)
    await file.close()
    return file.filename, data, form


def unreadable_response(upload: Upload, input_errors: list[dict[str, Any]]) -> JSONResponse:
    return JSONResponse(
        status_code=422,
        content={
            "id": upload.id,
            "detail": "Het rooster kon niet worden gelezen.",
            "errors": input_errors,
        },
    )


@router.post(
    "/rosters",
    response_model=UploadResult,
    summary="Upload a roster and check it",
    openapi_extra=UPLOAD_BODY,
    responses={422: {"model": UnreadableUpload, "description": "The roster could not be read (every problem listed)."},
               **errors(401, 408, 413, 503, 507)},
)
async def post_roster(request: Request, user: User = Depends(api_user), svc: UploadService = Depends(service)):
    filename, data, _ = await read_file_field(request, svc.max_upload_bytes)
    try:
        outcome = await svc.upload(user, filename, data)
    except UploadTooLarge:
        raise BodyTooLarge(svc.max_upload_bytes) from None
    if outcome.errors is not None:
        return unreadable_response(outcome.upload, outcome.errors)
    return {"id": outcome.upload.id, "report": outcome.report}


@router.get("/rosters", response_model=RosterList, summary="The uploads the caller may see, newest first", responses=errors(401))
def list_rosters(user: User = Depends(api_user), svc: UploadService = Depends(service)):
    return {"rosters": [upload_summary(u, user) for u in svc.visible(user)]}


@router.get("/rosters/{upload_id}", response_model=RosterDetail, summary="One upload with its report", responses=errors(401, 404, 422))
def get_roster(user: User = Depends(api_user), upload: Upload = Depends(visible_upload), svc: UploadService = Depends(service)):
    third_party = user.role == "auditor"
    out = upload_summary(upload, user)
    out["report"] = svc.report_dict(upload, pseudonymise=third_party)
    out["errors"] = svc.input_errors(upload, pseudonymise=third_party)
    return out


@router.get("/rosters/{upload_id}/report.xlsx", response_class=FileResponse, summary="The Excel report",
            responses={200: XLSX_RESPONSE, **errors(401, 404, 422, 503, 507)})
async def get_report_xlsx(user: User = Depends(api_user), upload: Upload = Depends(visible_upload), svc: UploadService = Depends(service)):
    return await report_xlsx_response(svc, user, upload)


@router.get("/rosters/{upload_id}/report.html", response_class=FileResponse, summary="The HTML report (sandboxed)",
            responses={200: HTML_RESPONSE, **errors(401, 404, 422, 503, 507)})
async def get_report_html(user: User = Depends(api_user), upload: Upload = Depends(visible_upload), svc: UploadService = Depends(service)):
    return await report_html_response(svc, user, upload)


async def report_xlsx_response(svc: UploadService, user: User, upload: Upload) -> FileResponse:
    """The Excel report of a visible upload (API and pages alike); pseudonymised for auditors."""
    try:
        path = await svc.report_xlsx(upload, pseudonymise=user.role == "auditor")
    except NotVisible:
        raise HTTPException(status_code=404, detail="Er is geen rapport voor deze upload.") from None
    name = svc.display_name(upload, pseudonymise=user.role == "auditor")
    return FileResponse(path, media_type=XLSX_TYPE, filename=download_name("rapport", name, ".xlsx"))


async def report_html_response(svc: UploadService, user: User, upload: Upload) -> FileResponse:
    """The HTML report of a visible upload, served sandboxed; pseudonymised for auditors."""
    try:
        path = await svc.report_html(upload, pseudonymise=user.role == "auditor")
    except NotVisible:
        raise HTTPException(status_code=404, detail="Er is geen rapport voor deze upload.") from None
    # Streamed from the file in chunks: a large report is never held whole in memory here.
    return FileResponse(
        path,
        media_type="text/html; charset=utf-8",
        content_disposition_type="inline",
        headers={"Content-Security-Policy": REPORT_CSP, "X-Frame-Options": "SAMEORIGIN"},
    )


def fix_body(request: Request, user: User, upload: Upload, view, result: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": upload.id,
        "status": view.status,
        "position": view.position,
        "progress": view.progress,
        "time_limit": view.time_limit,
        "error": view.error,
    }
    if result is not None:
        out.update(result)
        if user.role != "auditor":
            # The fixed roster carries staff names: only for the organisation that owns it.
            out["fixed_roster"] = str(request.url_for("get_fixed_roster", upload_id=upload.id).path)
    return out


@router.post("/rosters/{upload_id}/fix", response_model=FixStatus, summary="Ask for a fix (queued) and wait a while for it",
             responses={202: {"model": FixStatus, "description": "Queued or running: position or progress."}, **errors(401, 404, 422)})
async def post_fix(request: Request, wait: float = Query(30.0, ge=0, le=60, description="Seconds to wait for the result."), user: User = Depends(api_user), upload: Upload = Depends(visible_upload),
                   svc: UploadService = Depends(service)):
    """Queues the fix (again, if it failed) and waits up to ``wait`` seconds (0-60) for it:
    200 with the proposal when done, 202 with the queue position or progress otherwise."""
    try:
        view, result = await svc.fix(upload, pseudonymise=user.role == "auditor", wait=wait)
    except NotVisible:
        raise HTTPException(status_code=404, detail="Er is geen leesbaar rooster om te verbeteren.") from None
    body = fix_body(request, user, upload, view, result)
    return JSONResponse(body, status_code=200 if view.status in ("done", "failed") else 202)


@router.get("/rosters/{upload_id}/fix", response_model=FixStatus, summary="The fix's state, and the proposal once done",
            responses=errors(401, 404, 422))
def get_fix(request: Request, user: User = Depends(api_user), upload: Upload = Depends(visible_upload), svc: UploadService = Depends(service)):
    view = svc.fix_status(upload)
    if view is None:
        raise HTTPException(status_code=404, detail="Voor deze upload is geen verbetering gevraagd.")
    return fix_body(request, user, upload, view, svc.fix_result(upload, pseudonymise=user.role == "auditor"))


@router.get("/rosters/{upload_id}/fixed.xlsx", response_class=FileResponse, summary="The fixed roster (owning organisation only)",
            responses={200: XLSX_RESPONSE, **errors(401, 404, 422)})
def get_fixed_roster(user: User = Depends(api_user), upload: Upload = Depends(visible_upload), svc: UploadService = Depends(service)):
    path = svc.fixed_roster_path(upload)
    if user.role == "auditor" or path is None:
        raise HTTPException(status_code=404, detail="Niet gevonden.")
    return FileResponse(path, media_type=XLSX_TYPE, filename=download_name("verbeterd", upload.filename, ".xlsx"))


def download_name(prefix: str, filename: str, ext: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:60].strip("-") or "rooster"
    return f"{prefix}-{safe}{ext}"
