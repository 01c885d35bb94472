"""Server-side sessions, fix jobs, organisation settings; an upload's cao and checksum.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_index("ix_sessions_expires_at", "sessions", ["expires_at"])
    op.create_table(
        "fix_jobs",
        sa.Column("upload_id", sa.String(32), primary_key=True),
        sa.Column("org", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("time_limit", sa.Float(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
    )
    op.create_index("ix_fix_jobs_org", "fix_jobs", ["org"])
    op.create_index("ix_fix_jobs_status", "fix_jobs", ["status"])
    op.create_index("ix_fix_jobs_queued_at", "fix_jobs", ["queued_at"])
    op.create_table(
        "org_settings",
        sa.Column("org", sa.String(200), primary_key=True),
        sa.Column("cao", sa.String(40), nullable=False),
    )
    with op.batch_alter_table("uploads") as batch:
        batch.add_column(sa.Column("cao", sa.String(40), nullable=False, server_default="none"))
        batch.add_column(sa.Column("sha256", sa.String(64), nullable=True))
        batch.create_index("ix_uploads_sha256", ["sha256"])


def downgrade() -> None:
    with op.batch_alter_table("uploads") as batch:
        batch.drop_index("ix_uploads_sha256")
        batch.drop_column("sha256")
        batch.drop_column("cao")
    op.drop_table("org_settings")
    op.drop_table("fix_jobs")
    op.drop_table("sessions")
