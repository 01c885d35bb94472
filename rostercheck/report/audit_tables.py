"""The audit for machines: flat tables that pandas, R or a spreadsheet load without options.

Two tables, each in the format the output's extension names (``.csv``, ``.json``,
``.parquet``):

``AUDIT.<ext>``            one row per roster × location × calendar month (the rows of
                           the xlsx summary), plus one row per unreadable roster
                           (``status`` ``onleesbaar``, location and month empty).
``AUDIT.findings.<ext>``   one row per finding of every readable roster, the fields of
                           the JSON report (OUTPUT.md) with ``provider`` and ``file``
                           in front and the source flattened into three columns.

CSV is UTF-8 with a comma and a decimal point (what ``pandas.read_csv`` and most
tools expect by default); JSON is a list of records (``pandas.read_json``). Written
to standard output (``-o -``) only the first table goes out.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from rostercheck.cells import safe_cell
from rostercheck.findings import CheckKind

if TYPE_CHECKING:
    import pandas as pd

    from rostercheck.report.audit import AuditResult

ROW_COLUMNS = (
    ["provider", "file", "location", "month", "status", "compliant"]
    + [f"errors_{k.value}" for k in CheckKind]
    + ["errors", "warnings", "findings", "hbo_share", "working_hours", "input_errors"]
)
FINDING_COLUMNS = [
    "provider", "file", "check", "severity", "norm", "norm_set", "product", "location", "employee",
    "start", "end", "measured", "required", "unit", "message", "source_document", "source_section", "source_quote",
]  # fmt: skip


class ParquetUnavailable(RuntimeError):
    """``.parquet`` asked for where pyarrow is not installed (``pip install 'rostercheck[parquet]'``)."""


def require_parquet() -> None:
    if importlib.util.find_spec("pyarrow") is None:
        raise ParquetUnavailable("parquet needs pyarrow: pip install 'rostercheck[parquet]' (or write .csv or .json)")


def rows_frame(result: "AuditResult") -> "pd.DataFrame":
    import pandas as pd

    records = []
    for o in result.outcomes:
        if not o.readable:
            records.append({"provider": o.provider, "file": o.file, "status": "onleesbaar",
                            "input_errors": len(o.input_errors)})  # fmt: skip
            continue
        for r in o.rows:
            rec = {"provider": r.provider, "file": r.file, "location": r.location, "month": r.month,
                   "status": "ja" if r.compliant else "nee", "compliant": r.compliant}  # fmt: skip
            rec |= {f"errors_{k}": n for k, n in r.errors.items()}
            rec |= {"errors": sum(r.errors.values()), "warnings": r.warnings, "findings": r.findings,
                    "hbo_share": None if r.hbo_share is None else round(r.hbo_share, 4),
                    "working_hours": r.working_hours, "input_errors": 0}  # fmt: skip
            records.append(rec)
    frame = pd.DataFrame.from_records(records, columns=ROW_COLUMNS)
    # Whole counts stay whole numbers where some rows (unreadable rosters) have none.
    for col in [c for c in ROW_COLUMNS if c.startswith("errors") or c in ("warnings", "findings", "input_errors")]:
        frame[col] = frame[col].astype("Int64")
    frame["compliant"] = frame["compliant"].astype("boolean")
    return frame


def findings_frame(result: "AuditResult") -> "pd.DataFrame":
    import pandas as pd

    records = []
    for o in result.outcomes:
        for f in o.findings:
            rec = {"provider": o.provider, "file": o.file}
            rec |= {k: v for k, v in f.items() if k != "source"}
            rec |= {"source_document": f["source"]["document"], "source_section": f["source"]["section"],
                    "source_quote": f["source"]["quote"]}  # fmt: skip
            records.append(rec)
    return pd.DataFrame.from_records(records, columns=FINDING_COLUMNS)


def findings_path(output: Path) -> Path:
    """``audit.csv`` -> ``audit.findings.csv``."""
    return output.with_name(f"{output.stem}.findings{output.suffix}")


def _write_frame(frame: "pd.DataFrame", target: Path | BinaryIO, fmt: str) -> None:
    if fmt == "csv":
        # File names, locations and messages come from the input: a spreadsheet opening
        # the CSV must not read one as a formula (rostercheck.cells).
        safe = frame.copy()
        for col in safe.columns:
            if safe[col].dtype == object:
                safe[col] = safe[col].map(safe_cell)
        data = safe.to_csv(index=False, lineterminator="\n").encode("utf-8")
    elif fmt == "json":
        data = (frame.to_json(orient="records", force_ascii=False, indent=1) + "\n").encode("utf-8")
    elif fmt == "parquet":
        require_parquet()
        import io

        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        data = buffer.getvalue()
    else:
        raise ValueError(f"not a table format: {fmt!r}")
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)
        target.flush()


def write(result: "AuditResult", target: Path | BinaryIO, fmt: str) -> None:
    """Both tables to ``target`` and its ``.findings`` companion; to a stream, the first only."""
    _write_frame(rows_frame(result), target, fmt)
    if isinstance(target, Path):
        _write_frame(findings_frame(result), findings_path(target), fmt)
