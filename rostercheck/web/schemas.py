"""The shapes of the HTTP API's answers, as pydantic models: they are the OpenAPI
document's response schemas (``/api/openapi.json``, browsable at ``/docs``).

The report itself is the JSON report of OUTPUT.md (``rostercheck-report/1``); it is
described here by its top-level fields, its full JSON Schema ships with the package.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class InputErrorOut(BaseModel):
    """One problem in an uploaded roster, with its place."""

    type: str = Field(description="Stable code, e.g. unknown_employee, bad_date.")
    sheet: str | None = None
    row: int | None = Field(default=None, description="Row as the spreadsheet numbers it.")
    column: str | None = None
    value: str | None = Field(default=None, description="What the cell held; hidden (null) for a third party unless it is an id.")
    expected: str | None = None
    message: str = Field(description="Dutch, for the planner.")


class ErrorBody(BaseModel):
    """Every error answer (401, 403, 404, 408, 413, 422, 429, 503, 507): one shape."""

    detail: str = Field(description="What went wrong, in Dutch.")
    errors: list[InputErrorOut] = Field(default_factory=list)


class UnreadableUpload(ErrorBody):
    """422: a roster that could not be read (listed with status unreadable, its bytes not
    kept; ``id`` names it), or a request without the ``file`` field (no ``id``)."""

    id: str | None = None


class Counts(BaseModel):
    errors: int
    warnings: int


class Report(BaseModel):
    """The JSON report (OUTPUT.md, ``rostercheck-report/1``)."""

    model_config = ConfigDict(extra="allow")

    format: Literal["rostercheck-report/1"]
    roster: str = Field(description="The file name; a neutral label for a third party.")
    period: dict[str, str]
    compliant: bool
    summary: dict[str, int]
    findings: list[dict[str, Any]]


class UploadResult(BaseModel):
    id: str
    report: Report


class RosterSummary(BaseModel):
    id: str
    filename: str = Field(description="As uploaded; a neutral label (rooster-DATE-ID.xlsx) for a third party.")
    organisation: str
    uploaded_at: str = Field(description="UTC, ISO 8601 (2026-03-02T09:15:00Z).")
    status: Literal["checked", "unreadable", "failed"]
    compliant: bool | None
    summary: Counts


class RosterList(BaseModel):
    rosters: list[RosterSummary]


class RosterDetail(RosterSummary):
    report: Report | None
    errors: list[InputErrorOut] | None = Field(default=None, description="Only for an unreadable upload.")


class FixStatus(BaseModel):
    """A fix job: its state, and once done the proposal."""

    model_config = ConfigDict(extra="allow")

    id: str
    status: Literal["queued", "running", "done", "failed"]
    position: int | None = Field(description="Place in the queue (1 = next); queued only.")
    progress: int | None = Field(description="Percent of the time limit used so far; running only.")
    time_limit: float = Field(description="Seconds the search may take.")
    error: str | None = Field(description="Why it failed (Dutch); failed only.")
    compliant: bool | None = Field(default=None, description="Done only: the proposal meets every norm.")
    changes: list[dict[str, Any]] | None = None
    change_count: int | None = None
    added_hours: float | None = None
    proven_optimal: bool | None = None
    gap: float | None = None
    fixed_roster: str | None = Field(default=None, description="Path of the fixed workbook; the owning organisation only.")


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` entries for the error answers a route can give."""
    text = {
        401: "No or an invalid bearer token.",
        404: "No such upload, or another organisation's (answered alike).",
        408: "The request body stalled.",
        413: "The upload is over the size limit.",
        422: "A parameter is missing or invalid.",
        429: "Too many requests.",
        503: "Storage is read-only.",
        507: "Storage is full.",
    }
    return {c: {"model": ErrorBody, "description": text.get(c, "Error.")} for c in codes}


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "The roster: .xlsx, .xlsm, .ods or a .zip of CSV files (the content decides, not the name).",
                        }
                    },
                }
            }
        },
    }
}

XLSX_RESPONSE = {"content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}}
HTML_RESPONSE = {"content": {"text/html": {"schema": {"type": "string"}}}}
