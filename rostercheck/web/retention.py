"""``rostercheck purge``: deletes uploads, their results and reports after a retention period.

Rosters hold personal data (names, working hours); they are kept no longer than needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import typer
from sqlalchemy import select

from rostercheck.web.db import Database, Upload, resolve_data_dir, utcnow
from rostercheck.web.storage import FileStore


@dataclass
class PurgeResult:
    uploads: list[tuple[str, str, str]] = field(default_factory=list)  # (org, filename, uploaded at)
    files: int = 0
    bytes: int = 0


def purge(db: Database, store: FileStore, older_than_days: int) -> PurgeResult:
    if older_than_days < 0:
        raise ValueError("older_than_days must be 0 or more")
    cutoff = utcnow() - timedelta(days=older_than_days)
    result = PurgeResult()
    with db.session() as s:
        old = list(s.scalars(select(Upload).where(Upload.created_at < cutoff).order_by(Upload.created_at)))
        for upload in old:
            files, size = store.delete(upload.storage_key)
            result.files += files
            result.bytes += size
            result.uploads.append((upload.org, upload.filename, upload.created_at.strftime("%Y-%m-%d %H:%M")))
            s.delete(upload)
        s.commit()
    return result


def purge_cli(older_than_days: int, data_dir: Path | None, database_url: str | None = None) -> None:
    if older_than_days < 0:
        typer.echo("--older-than moet 0 of meer dagen zijn.", err=True)
        raise typer.Exit(2)
    root = resolve_data_dir(data_dir)
    db = Database(root, database_url)
    try:
        result = purge(db, FileStore(root / "files"), older_than_days)
    finally:
        db.dispose()
    if not result.uploads:
        typer.echo(f"Niets verwijderd: geen uploads ouder dan {older_than_days} dagen.")
        return
    typer.echo(
        f"Verwijderd: {len(result.uploads)} upload(s) ouder dan {older_than_days} dagen, "
        f"met {result.files} bestand(en) (upload, rapporten, verbeterd rooster), {result.bytes} bytes."
    )
    for org, filename, when in result.uploads:
        typer.echo(f"  {when} UTC  {org}  {filename}")
