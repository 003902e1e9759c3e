"""Every table of the first release.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-28 06:53:46.621972
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=40), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("origin", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_log_tournament_id"), ["tournament_id"], unique=False
        )

    op.create_table(
        "countries",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_countries")),
    )
    op.create_table(
        "instance",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_instance")),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("origin", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_attempts_origin"), ["origin"], unique=False)

    op.create_table(
        "topic_versions",
        sa.Column("topic", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("topic", name=op.f("pk_topic_versions")),
    )
    op.create_table(
        "tournaments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=200), server_default="", nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ruleset", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tournaments")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('admin', 'announcer')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "clubs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.ForeignKeyConstraint(
            ["country"], ["countries.code"], name=op.f("fk_clubs_country_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clubs")),
        sa.UniqueConstraint("name", "country", name=op.f("uq_clubs_name_country")),
    )
    op.create_table(
        "mats",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["tournament_id"], ["tournaments.id"], name=op.f("fk_mats_tournament_id_tournaments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mats")),
        sa.UniqueConstraint("tournament_id", "number", name=op.f("uq_mats_tournament_id_number")),
    )
    with op.batch_alter_table("mats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mats_tournament_id"), ["tournament_id"], unique=False)

    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("family_name", sa.String(length=120), nullable=False),
        sa.Column("given_name", sa.String(length=120), nullable=False),
        sa.Column("name_as_entered", sa.String(length=250), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=False),
        sa.Column("club_id", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("gender IN ('m', 'f')", name=op.f("ck_athletes_gender")),
        sa.ForeignKeyConstraint(["club_id"], ["clubs.id"], name=op.f("fk_athletes_club_id_clubs")),
        sa.ForeignKeyConstraint(
            ["country"], ["countries.code"], name=op.f("fk_athletes_country_countries")
        ),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["tournaments.id"],
            name=op.f("fk_athletes_tournament_id_tournaments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_athletes")),
    )
    with op.batch_alter_table("athletes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_athletes_club_id"), ["club_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_athletes_tournament_id"), ["tournament_id"], unique=False
        )

    op.create_table(
        "categories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=False),
        sa.Column("age_group", sa.String(length=40), nullable=False),
        sa.Column("min_weight", sa.Float(), nullable=True),
        sa.Column("max_weight", sa.Float(), nullable=True),
        sa.Column("ruleset", sa.String(length=40), nullable=False),
        sa.Column("system", sa.String(length=40), nullable=False),
        sa.Column("mat_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mat_id"], ["mats.id"], name=op.f("fk_categories_mat_id_mats")),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["tournaments.id"],
            name=op.f("fk_categories_tournament_id_tournaments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categories")),
        sa.UniqueConstraint("tournament_id", "name", name=op.f("uq_categories_tournament_id_name")),
    )
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_categories_mat_id"), ["mat_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_categories_tournament_id"), ["tournament_id"], unique=False
        )

    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mat_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("lookup", sa.String(length=64), nullable=True),
        sa.Column("secret_hash", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=120), server_default="", nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('token', 'pin')", name=op.f("ck_tokens_kind")),
        sa.CheckConstraint("role IN ('official', 'announcer')", name=op.f("ck_tokens_role")),
        sa.ForeignKeyConstraint(["mat_id"], ["mats.id"], name=op.f("fk_tokens_mat_id_mats")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tokens")),
        sa.UniqueConstraint("lookup", name=op.f("uq_tokens_lookup")),
    )
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tokens_mat_id"), ["mat_id"], unique=False)

    op.create_table(
        "draws",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("system", sa.String(length=40), nullable=False),
        sa.Column("graph", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_draws_category_id_categories")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draws")),
    )
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draws_category_id"), ["category_id"], unique=False)

    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="registered", nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('registered', 'weighed', 'withdrawn')", name=op.f("ck_entries_status")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"], ["athletes.id"], name=op.f("fk_entries_athlete_id_athletes")
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_entries_category_id_categories")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
        sa.UniqueConstraint(
            "category_id", "athlete_id", name=op.f("uq_entries_category_id_athlete_id")
        ),
    )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entries_athlete_id"), ["athlete_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entries_category_id"), ["category_id"], unique=False)

    op.create_table(
        "sessions",
        sa.Column("lookup", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("token_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("mat_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["mat_id"], ["mats.id"], name=op.f("fk_sessions_mat_id_mats")),
        sa.ForeignKeyConstraint(
            ["token_id"], ["tokens.id"], name=op.f("fk_sessions_token_id_tokens")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("lookup", name=op.f("pk_sessions")),
    )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessions_mat_id"), ["mat_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sessions_token_id"), ["token_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sessions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "contests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("draw_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("ruleset", sa.String(length=40), nullable=False),
        sa.Column("white_entry_id", sa.Integer(), nullable=True),
        sa.Column("blue_entry_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="waiting", nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("event_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('waiting', 'ready', 'running', 'finished', 'skipped')",
            name=op.f("ck_contests_status"),
        ),
        sa.ForeignKeyConstraint(
            ["blue_entry_id"], ["entries.id"], name=op.f("fk_contests_blue_entry_id_entries")
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["categories.id"], name=op.f("fk_contests_category_id_categories")
        ),
        sa.ForeignKeyConstraint(["draw_id"], ["draws.id"], name=op.f("fk_contests_draw_id_draws")),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["tournaments.id"],
            name=op.f("fk_contests_tournament_id_tournaments"),
        ),
        sa.ForeignKeyConstraint(
            ["white_entry_id"], ["entries.id"], name=op.f("fk_contests_white_entry_id_entries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contests")),
    )
    with op.batch_alter_table("contests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contests_blue_entry_id"), ["blue_entry_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contests_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contests_draw_id"), ["draw_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contests_tournament_id"), ["tournament_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contests_white_entry_id"), ["white_entry_id"], unique=False
        )

    op.create_table(
        "contest_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tournament_id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("origin", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contests.id"], name=op.f("fk_contest_events_contest_id_contests")
        ),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["tournaments.id"],
            name=op.f("fk_contest_events_tournament_id_tournaments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contest_events")),
        sa.UniqueConstraint(
            "contest_id", "client_id", name=op.f("uq_contest_events_contest_id_client_id")
        ),
        sa.UniqueConstraint("contest_id", "seq", name=op.f("uq_contest_events_contest_id_seq")),
    )
    with op.batch_alter_table("contest_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contest_events_tournament_id"), ["tournament_id"], unique=False
        )

    op.create_table(
        "mat_queue",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mat_id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contests.id"], name=op.f("fk_mat_queue_contest_id_contests")
        ),
        sa.ForeignKeyConstraint(["mat_id"], ["mats.id"], name=op.f("fk_mat_queue_mat_id_mats")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mat_queue")),
        sa.UniqueConstraint("contest_id", name=op.f("uq_mat_queue_contest_id")),
    )
    with op.batch_alter_table("mat_queue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mat_queue_mat_id"), ["mat_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("mat_queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mat_queue_mat_id"))

    op.drop_table("mat_queue")
    with op.batch_alter_table("contest_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contest_events_tournament_id"))

    op.drop_table("contest_events")
    with op.batch_alter_table("contests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contests_white_entry_id"))
        batch_op.drop_index(batch_op.f("ix_contests_tournament_id"))
        batch_op.drop_index(batch_op.f("ix_contests_draw_id"))
        batch_op.drop_index(batch_op.f("ix_contests_category_id"))
        batch_op.drop_index(batch_op.f("ix_contests_blue_entry_id"))

    op.drop_table("contests")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessions_user_id"))
        batch_op.drop_index(batch_op.f("ix_sessions_token_id"))
        batch_op.drop_index(batch_op.f("ix_sessions_mat_id"))

    op.drop_table("sessions")
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entries_category_id"))
        batch_op.drop_index(batch_op.f("ix_entries_athlete_id"))

    op.drop_table("entries")
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draws_category_id"))

    op.drop_table("draws")
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tokens_mat_id"))

    op.drop_table("tokens")
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_categories_tournament_id"))
        batch_op.drop_index(batch_op.f("ix_categories_mat_id"))

    op.drop_table("categories")
    with op.batch_alter_table("athletes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_athletes_tournament_id"))
        batch_op.drop_index(batch_op.f("ix_athletes_club_id"))

    op.drop_table("athletes")
    with op.batch_alter_table("mats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mats_tournament_id"))

    op.drop_table("mats")
    op.drop_table("clubs")
    op.drop_table("users")
    op.drop_table("tournaments")
    op.drop_table("topic_versions")
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_attempts_origin"))

    op.drop_table("login_attempts")
    op.drop_table("instance")
    op.drop_table("countries")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_tournament_id"))

    op.drop_table("audit_log")
