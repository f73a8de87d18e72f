"""gallery indexes: public entries by posting time, by likes and by town

Revision ID: webpublic_1
Revises: webadmin_1
Create Date: 2026-11-22 03:00:00

The public gallery pages through accepted entries of one contest in three orders; these
covering indexes let both SQLite and PostgreSQL read one page with LIMIT instead of sorting
every accepted entry (see bench/web.py).
"""

from __future__ import annotations

from alembic import op

revision = "webpublic_1"
down_revision = "webadmin_1"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_entries_gallery_newest": ["contest_id", "status", "posted_at", "id"],
    "ix_entries_gallery_likes": ["contest_id", "status", "likes", "posted_at", "id"],
    "ix_entries_gallery_town": ["contest_id", "status", "town", "posted_at", "id"],
}


def upgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
