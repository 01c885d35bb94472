"""Alembic environment: always run from rostercheck.web.db.migrate with a connection."""

from alembic import context

from rostercheck.web.db import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
