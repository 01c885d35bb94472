"""The upload service's database: accounts and uploads, through SQLAlchemy.

SQLite in the data folder by default; the URL is configurable
(``--database-url``, ``ROSTERCHECK_DATABASE_URL`` or ``create_app(database_url=...)``)
so a shared PostgreSQL can take over without code changes. The schema is versioned
with Alembic (:func:`migrate` runs on every start). Uploaded files themselves are not
in the database: they live under generated names in the data folder
(:mod:`rostercheck.web.storage`), and the row only holds that generated key.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker

ROLES = ("provider", "auditor")

# Upload.status values
STATUS_CHECKED = "checked"  # read and checked; see compliant
STATUS_UNREADABLE = "unreadable"  # input errors; the file itself is not kept
STATUS_FAILED = "failed"  # the checker stopped on an unexpected error


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    org: Mapped[str] = mapped_column(String(200), index=True)
    role: Mapped[str] = mapped_column(String(20))
    # sha256 hex of the API token; the token itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    uploads: Mapped[list["Upload"]] = relationship(back_populates="user")


class Upload(Base):
    __tablename__ = "uploads"

    # Random, so ids cannot be enumerated (on top of the visibility rule, which is what protects).
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org: Mapped[str] = mapped_column(String(200), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    filename: Mapped[str] = mapped_column(String(255))  # as the uploader named it; display only
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)  # folder name under files/
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(20))
    compliant: Mapped[bool | None] = mapped_column(default=None)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    report_json: Mapped[str | None] = mapped_column(Text, default=None)  # the JSON report (OUTPUT.md)
    input_errors_json: Mapped[str | None] = mapped_column(Text, default=None)  # for unreadable uploads
    # The collective agreement the check used (the organisation's setting at upload time),
    # so every later output of this upload is judged the same way.
    cao: Mapped[str] = mapped_column(String(40), default="none", server_default="none")
    # SHA-256 of the bytes: a retried upload (same bytes, same organisation) is not stored twice.
    sha256: Mapped[str | None] = mapped_column(String(64), default=None, index=True)

    user: Mapped[User] = relationship(back_populates="uploads")


class LoginSession(Base):
    """A browser session, held here so it can end: at logout, when the account's token
    is rotated or revoked, after its idle time and at its absolute expiry. The cookie
    holds a random value; only its SHA-256 is stored (as for tokens)."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie value
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


# FixJob.status values
JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED = "queued", "running", "done", "failed"


class FixJob(Base):
    """One fix of one upload, as a queue entry (rostercheck.web.jobs). A failed job is
    retried on request by queueing it again; a done job's result is in the upload's
    folder (fix.json, fixed.xlsx)."""

    __tablename__ = "fix_jobs"

    upload_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org: Mapped[str] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    time_limit: Mapped[float] = mapped_column(Float)
    queued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, default=None)  # Dutch, for the planner


class OrgSettings(Base):
    """Per-organisation settings an administrator sets (``rostercheck users org-settings``)."""

    __tablename__ = "org_settings"

    org: Mapped[str] = mapped_column(String(200), primary_key=True)
    # The collective agreement (CheckOptions.cao) every check of this organisation's uploads uses.
    cao: Mapped[str] = mapped_column(String(40), default="none")


def default_data_dir() -> Path:
    """The user's data folder: ``$XDG_DATA_HOME/rostercheck`` (``~/.local/share``), or
    ``%LOCALAPPDATA%\\rostercheck`` on Windows, ``~/Library/Application Support`` on macOS."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "rostercheck"


def resolve_data_dir(data_dir: Path | str | None) -> Path:
    path = Path(data_dir) if data_dir is not None else default_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    try:
        path.chmod(0o700)  # rosters hold personal data
    except OSError:
        pass
    return path


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3 (the driver this package names)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Database:
    """An engine and a session factory; the schema is migrated to the newest on open."""

    def __init__(self, data_dir: Path, database_url: str | None = None):
        url = normalise_url(database_url or os.environ.get("ROSTERCHECK_DATABASE_URL") or f"sqlite:///{data_dir / 'rostercheck.db'}")
        kwargs: dict = {}
        if url.startswith("sqlite"):
            # Requests are served from a thread pool; each session still uses one connection at a time.
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True  # a restarted database server is no error for the next request
        self.url = url
        self.engine: Engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.sessions()

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
    cursor.close()



MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def migrate(engine: Engine) -> None:
    """Brings the database to the newest schema (Alembic, rostercheck/web/migrations).

    A database made before migrations existed (tables made by ``create_all``, no
    ``alembic_version``) holds exactly revision 0001: it is stamped so, then upgraded."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        tables = set(inspect(conn).get_table_names())
        if "users" in tables and "alembic_version" not in tables:
            command.stamp(cfg, "0001")
        command.upgrade(cfg, "head")
