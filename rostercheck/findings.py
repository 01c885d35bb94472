"""Findings and reports: the one shape every output uses (terminal, JSON, Excel, HTML, web).

The JSON form is the public contract of OUTPUT.md ("rostercheck-report/1"): key
order, minute-precision ISO times, sorting and number formatting are fixed here so
the same input always gives byte-identical JSON.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from rostercheck.jsontext import Encoded, dumps_indented, scalar

REPORT_FORMAT = "rostercheck-report/1"


class Severity(str, Enum):
    ERROR = "error"  # a contract requirement is violated
    WARNING = "warning"  # the document is soft, or data the check needs is missing
    INFO = "info"  # a tariff assumption, for the reader's information

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class CheckKind(str, Enum):
    COVERAGE = "coverage"
    SHARE = "share"
    LEVEL = "level"
    ROLE = "role"
    CLIENT_HOURS = "client_hours"
    LABOUR_LAW = "labour_law"
    ROSTER = "roster"  # rev. 2: the roster contradicts itself (one person in two places)
    INPUT = "input"


class Source(BaseModel):
    """Where a norm comes from: the source document, its section and a short quote."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    document: str
    section: str
    quote: str


class Finding(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True)

    check: CheckKind
    severity: Severity
    norm: str
    norm_set: str
    product: str | None
    location: str | None
    start: datetime
    end: datetime  # exclusive
    measured: float | int | None
    required: float | int | None
    unit: str
    message: str
    source: Source
    employee: str | None = None  # findings about one employee (labour_law, level)
    # Not in the JSON contract: what an output may use to point at the input
    # (e.g. the Excel report highlights these shifts). Indexes into Roster.shifts.
    shift_refs: tuple[int, ...] = Field(default=(), exclude=True)
    # Not in the JSON contract: alternatives tried, details; shown by text/HTML.
    details: tuple[str, ...] = Field(default=(), exclude=True)

    def sort_key(self) -> tuple:
        return (
            self.location or "",
            self.start,
            self.check.value,
            self.norm,
            self.end,
            self.product or "",
            self.employee or "",
            self.message,
        )

    def json_value(self) -> dict[str, Any]:
        return self.to_json_dict()

    def json_text(self, newline: str) -> str:
        """``to_json_dict()`` as :func:`~rostercheck.jsontext.dumps_indented` writes it
        at the depth whose line break (and indent) is ``newline``, in one piece (a
        report holds thousands); :class:`~rostercheck.jsontext.Unusual` for a number
        it leaves to ``json.dumps`` (NaN)."""
        inner = newline + "  "
        deeper = inner + "  "
        source = self.source
        employee = "" if self.employee is None else f'{inner}"employee": {scalar(self.employee)},'
        return (
            f'{{{inner}"check": {scalar(self.check.value)},{inner}"severity": {scalar(self.severity.value)},'
            f'{inner}"norm": {scalar(self.norm)},{inner}"norm_set": {scalar(self.norm_set)},'
            f'{inner}"product": {scalar(self.product)},{inner}"location": {scalar(self.location)},{employee}'
            f'{inner}"start": {scalar(iso_minute(self.start))},{inner}"end": {scalar(iso_minute(self.end))},'
            f'{inner}"measured": {scalar(_number(self.measured))},{inner}"required": {scalar(_number(self.required))},'
            f'{inner}"unit": {scalar(self.unit)},{inner}"message": {scalar(self.message)},'
            f'{inner}"source": {{{deeper}"document": {scalar(source.document)},{deeper}"section": {scalar(source.section)},'
            f'{deeper}"quote": {scalar(source.quote)}{inner}}}{newline}}}'
        )

    def to_json_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "check": self.check.value,
            "severity": self.severity.value,
            "norm": self.norm,
            "norm_set": self.norm_set,
            "product": self.product,
            "location": self.location,
        }
        if self.employee is not None:
            out["employee"] = self.employee
        out |= {
            "start": iso_minute(self.start),
            "end": iso_minute(self.end),
            "measured": _number(self.measured),
            "required": _number(self.required),
            "unit": self.unit,
            "message": self.message,
            "source": {"document": self.source.document, "section": self.source.section, "quote": self.source.quote},
        }
        return out


class Report(BaseModel):
    model_config = ConfigDict(defer_build=True)

    roster: str
    period_start: datetime
    period_end: datetime
    period_source: str = "sheet"
    findings: list[Finding]
    norm_sets: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # e.g. "period derived from the shifts"
    # Per employee the working-time regime that judged them and why (issue 16):
    # [{"employee", "regime", "reason"}] sorted by employee; None when labour law was off.
    labour_law_regimes: list[dict[str, str]] | None = None

    def model_post_init(self, __context: Any) -> None:
        self.findings.sort(key=Finding.sort_key)

    @property
    def compliant(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def counts(self) -> dict[str, int]:
        out = {"errors": 0, "warnings": 0, "info": 0}
        for f in self.findings:
            out[{"error": "errors", "warning": "warnings", "info": "info"}[f.severity.value]] += 1
        return out

    def to_json_dict(self) -> dict[str, Any]:
        return self._document([f.to_json_dict() for f in self.findings])

    def to_json(self) -> str:
        """The JSON report: ``to_json_dict()`` indented (OUTPUT.md), each finding written in one piece."""
        return dumps_indented(self._document(Encoded(self.findings))) + "\n"

    def _document(self, findings: list) -> dict[str, Any]:
        return {
            "format": REPORT_FORMAT,
            "roster": self.roster,
            "period": {"start": iso_minute(self.period_start), "end": iso_minute(self.period_end)},
            "compliant": self.compliant,
            "summary": self.counts(),
            "findings": findings,
            **({"labour_law_regimes": self.labour_law_regimes} if self.labour_law_regimes is not None else {}),
        }


def iso_minute(t: datetime) -> str:
    """``2026-03-02T07:00``: ``strftime("%Y-%m-%dT%H:%M")``, by ``isoformat`` where that
    writes the same (a naive time of a four-digit year: four times faster, asked twice
    per finding)."""
    if t.tzinfo is None and t.year >= 1000:
        return t.isoformat(timespec="minutes")
    return t.strftime("%Y-%m-%dT%H:%M")


def _number(x: float | int | None) -> float | int | None:
    """Stable numbers: whole values as ints, others rounded to 4 decimals."""
    if x is None or isinstance(x, bool):
        return x
    if isinstance(x, int):
        return x
    r = round(float(x), 4)
    return int(r) if r.is_integer() else r


# --- the JSON document (rostercheck-report/1) as models: its JSON Schema is generated
# from these (rostercheck/schema.py) and shipped in the package; a test keeps the
# committed schema equal to them and validates every sample report against it.

MinuteTime = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$",
        description="Local Dutch wall-clock time, ISO 8601 without offset, minute precision.",
    ),
]


class _Document(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")


class SourceDocument(_Document):
    document: str = Field(description="The source document (file name in shared/seeds, or the law's name).")
    section: str
    quote: str


class FindingDocument(_Document):
    check: CheckKind
    severity: Severity
    norm: str = Field(description="Id of the norm in its norm set.")
    norm_set: str = Field(description="Id of the norm set.")
    product: str | None
    location: str | None
    employee: str | None = Field(
        default=None, description="The employee's id, for a finding about one employee (never the name)."
    )
    start: MinuteTime
    end: MinuteTime = Field(description="Exclusive end; same format as start.")
    measured: float | int | None
    required: float | int | None
    unit: str
    message: str = Field(description="One sentence a planner understands (Dutch).")
    source: SourceDocument


class PeriodDocument(_Document):
    start: MinuteTime
    end: MinuteTime


class SummaryDocument(_Document):
    errors: int = Field(ge=0)
    warnings: int = Field(ge=0)
    info: int = Field(ge=0)


class RegimeDocument(_Document):
    employee: str = Field(description="The employee's id (never the name).")
    regime: str = Field(description="atw, atw-zorg, atb-4.8 or atb-4.8:2: the working-time regime that judged the employee.")
    reason: str = Field(description="Why that regime applies (Dutch).")


class ReportDocument(_Document):
    """The JSON report of ``rostercheck check --format json`` (OUTPUT.md)."""

    model_config = ConfigDict(
        defer_build=True,
        extra="forbid",
        title="rostercheck-report/1",
        json_schema_extra={"$id": "https://rostercheck.invalid/schemas/rostercheck-report-1.schema.json"},
    )

    format: Literal["rostercheck-report/1"]
    roster: str = Field(description="Name of the input file.")
    period: PeriodDocument
    compliant: bool = Field(description="No finding of severity error.")
    summary: SummaryDocument
    findings: list[FindingDocument] = Field(description="Sorted by location, start, check, norm.")
    labour_law_regimes: list[RegimeDocument] | None = Field(
        default=None, description="Per employee, sorted by id: the working-time regime that judged them and why; "
        "absent when labour law was not checked.",
    )
