"""A tournament's own settings move out of the global `instance` table; declared weights.

The setup, the schedule plan and the external ids were rows of `instance` keyed by tournament,
and category locks rows keyed by category, so a one-tournament backup missed them. They become
rows of `tournament_settings` (and `categories.locked_at`), which hang off the tournament by
foreign key. `entries.declared_weight` keeps the weight from the entry form.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

from ippon.store.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The `instance` key prefixes of 0001 and the `tournament_settings` key each becomes.
MOVED = {"tournament-settings:": "setup", "schedule:": "schedule",
         "external-ids:": "external_ids"}
LOCK = "category-locked:"

instance = sa.table("instance", sa.column("key", sa.String), sa.column("value", sa.Text))
settings = sa.table("tournament_settings", sa.column("tournament_id", sa.Integer),
                    sa.column("key", sa.String), sa.column("value", sa.Text))
tournaments = sa.table("tournaments", sa.column("id", sa.Integer))
categories = sa.table("categories", sa.column("id", sa.Integer),
                      sa.column("locked_at", UTCDateTime))


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def upgrade() -> None:
    op.create_table(
        "tournament_settings",
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tournament_id"], ["tournaments.id"],
            name=op.f("fk_tournament_settings_tournament_id_tournaments"),
        ),
        sa.PrimaryKeyConstraint("tournament_id", "key", name=op.f("pk_tournament_settings")),
    )
    # Plain ADD COLUMN on both databases (a nullable column needs no table copy on SQLite).
    op.add_column("categories", sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("entries", sa.Column("declared_weight", sa.Float(), nullable=True))

    conn = op.get_bind()
    known = set(conn.execute(sa.select(tournaments.c.id)).scalars())
    known_categories = set(conn.execute(sa.select(categories.c.id)).scalars())
    for key, value in conn.execute(sa.select(instance.c.key, instance.c.value)).all():
        moved = False
        for prefix, new_key in MOVED.items():
            tid = _number(key[len(prefix):]) if key.startswith(prefix) else None
            if tid is not None and tid in known:
                conn.execute(settings.insert().values(tournament_id=tid, key=new_key,
                                                      value=value))
                moved = True
        cid = _number(key[len(LOCK):]) if key.startswith(LOCK) else None
        if cid is not None and cid in known_categories:
            conn.execute(categories.update().where(categories.c.id == cid)
                         .values(locked_at=datetime.fromisoformat(value)))
            moved = True
        # Rows of a tournament or category that is gone stay where they were.
        if moved:
            conn.execute(instance.delete().where(instance.c.key == key))


def downgrade() -> None:
    conn = op.get_bind()
    back = {new_key: prefix for prefix, new_key in MOVED.items()}
    for tid, key, value in conn.execute(
        sa.select(settings.c.tournament_id, settings.c.key, settings.c.value)
    ).all():
        if key in back:
            conn.execute(instance.insert().values(key=f"{back[key]}{tid}", value=value))
    for cid, at in conn.execute(
        sa.select(categories.c.id, categories.c.locked_at)
        .where(categories.c.locked_at.is_not(None))
    ).all():
        conn.execute(instance.insert().values(key=f"{LOCK}{cid}", value=at.isoformat()))
    # The declared weights have no place in 0001 and are dropped.
    op.drop_column("entries", "declared_weight")
    op.drop_column("categories", "locked_at")
    op.drop_table("tournament_settings")
