"""``rostercheck purge``: deletes uploads, their results and reports after a retention period.

Rosters hold personal data (names, working hours); they are kept no longer than needed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from pathlib import Path

import typer
from sqlalchemy import select

from rostercheck.web.privacy import AMSTERDAM
from rostercheck.web.db import Database, FixJob, Upload, resolve_data_dir, utcnow
from rostercheck.web.sessions import delete_expired_sessions
from rostercheck.web.storage import FileStore


# A folder without a row is left alone this long: an upload in progress writes its file
# first and its row a moment later (service.UploadService.upload).
ORPHAN_GRACE = timedelta(hours=1)


@dataclass
class PurgeResult:
    uploads: list[tuple[str, str, str]] = field(default_factory=list)  # (org, filename, uploaded at)
    files: int = 0
    bytes: int = 0
    orphans: int = 0  # folders with no database row (an upload cut off between file and row)
    sessions: int = 0  # expired browser sessions removed


def orphan_folders(db: Database, store: FileStore, now: float | None = None) -> list[str]:
    """Upload folders on disk that no row names, older than ORPHAN_GRACE."""
    with db.session() as s:
        known = set(s.scalars(select(Upload.storage_key)))
    limit = (now if now is not None else time.time()) - ORPHAN_GRACE.total_seconds()
    return [k for k in store.keys() if k not in known and store.folder(k).stat().st_mtime < limit]


def purge(db: Database, store: FileStore, older_than_days: int, session_idle: int = 2 * 3600) -> PurgeResult:
    if older_than_days < 0:
        raise ValueError("older_than_days must be 0 or more")
    cutoff = utcnow() - timedelta(days=older_than_days)
    result = PurgeResult()
    for key in orphan_folders(db, store):
        files, size = store.delete(key)
        result.orphans += 1
        result.files += files
        result.bytes += size
    result.sessions = delete_expired_sessions(db, session_idle)
    # Rows first, folders after: a purge cut off half-way leaves folders without rows,
    # which the next purge removes as orphans, never a row whose file is gone.
    with db.session() as s:
        old = list(s.scalars(select(Upload).where(Upload.created_at < cutoff).order_by(Upload.created_at)))
        keys = [u.storage_key for u in old]
        for job in s.scalars(select(FixJob).where(FixJob.upload_id.in_([u.id for u in old]))):
            s.delete(job)
        for upload in old:
            when = upload.created_at.replace(tzinfo=timezone.utc).astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")
            result.uploads.append((upload.org, upload.filename, when))
            s.delete(upload)
        s.commit()
    for key in keys:
        files, size = store.delete(key)
        result.files += files
        result.bytes += size
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
    if result.orphans:
        typer.echo(f"Verwijderd: {result.orphans} onvolledige upload(s) zonder databaseregel (afgebroken tijdens het opslaan).")
    if result.sessions:
        typer.echo(f"Verwijderd: {result.sessions} verlopen sessie(s).")
    if not result.uploads:
        typer.echo(f"Niets verwijderd: geen uploads ouder dan {older_than_days} dagen.")
        return
    typer.echo(
        f"Verwijderd: {len(result.uploads)} upload(s) ouder dan {older_than_days} dagen, "
        f"met {result.files} bestand(en) (upload, rapporten, verbeterd rooster), {result.bytes} bytes."
    )
    for org, filename, when in result.uploads:
        typer.echo(f"  {when}  {org}  {filename}")
