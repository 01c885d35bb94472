"""The database schema is versioned (Alembic): the migrations make exactly the schema
the models describe, and a database of the first release is upgraded in place."""

from __future__ import annotations

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from rostercheck.web.db import Base, Database, Upload, User
from web_support import fresh_database_url


def test_migrations_make_the_schema_of_the_models(tmp_path):
    db = Database(tmp_path, fresh_database_url())
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert diff == [] and version == "0002"
    finally:
        db.dispose()
    Database(tmp_path, db.url).dispose()  # opening again changes nothing


FIRST_RELEASE = """
CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, org VARCHAR(200) NOT NULL,
  role VARCHAR(20) NOT NULL, token_hash VARCHAR(64) NOT NULL, created_at DATETIME NOT NULL);
CREATE UNIQUE INDEX ix_users_name ON users (name);
CREATE INDEX ix_users_org ON users (org);
CREATE UNIQUE INDEX ix_users_token_hash ON users (token_hash);
CREATE TABLE uploads (id VARCHAR(32) NOT NULL PRIMARY KEY, org VARCHAR(200) NOT NULL, user_id INTEGER NOT NULL REFERENCES users (id),
  filename VARCHAR(255) NOT NULL, storage_key VARCHAR(64) NOT NULL UNIQUE, size INTEGER NOT NULL, created_at DATETIME NOT NULL,
  status VARCHAR(20) NOT NULL, compliant BOOLEAN, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, report_json TEXT,
  input_errors_json TEXT);
CREATE INDEX ix_uploads_org ON uploads (org);
CREATE INDEX ix_uploads_created_at ON uploads (created_at);
INSERT INTO users VALUES (1, 'planner-a', 'Zorg A', 'provider', 'abc', '2026-03-01 10:00:00');
INSERT INTO uploads VALUES ('0123456789abcdef0123456789abcdef', 'Zorg A', 1, 'maart.xlsx', 'ff00', 10, '2026-03-01 10:05:00',
  'checked', 1, 0, 0, '{}', NULL);
"""


def test_a_database_of_the_first_release_is_upgraded_in_place(tmp_path):
    path = tmp_path / "rostercheck.db"
    with sqlite3.connect(path) as conn:  # as create_all made it before migrations existed
        conn.executescript(FIRST_RELEASE)
    db = Database(tmp_path)
    try:
        with db.session() as s:
            upload = s.get(Upload, "0123456789abcdef0123456789abcdef")
            assert (upload.filename, upload.cao, upload.sha256) == ("maart.xlsx", "none", None)
            assert s.get(User, 1).name == "planner-a"
        assert {"sessions", "fix_jobs", "org_settings", "alembic_version"} <= set(inspect(db.engine).get_table_names())
    finally:
        db.dispose()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    engine.dispose()
