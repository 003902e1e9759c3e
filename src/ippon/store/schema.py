"""The database schema, in SQLAlchemy Core.

Two tables are append-only: `contest_events` (the truth of every contest) and `audit_log` (every
administrative change, with before and after). No code path updates or deletes their rows; the
`contests` row only caches what the fold of its events gives, for listing and queues."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Timezone-aware UTC on both databases (SQLite would otherwise hand back naive values)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def _fk(name: str, target: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target), nullable=nullable, index=True)


def _created() -> sa.Column[datetime]:
    return sa.Column("created_at", UTCDateTime, nullable=False)


# Instance-wide values only (the secret key, the demo marker); a tournament's own choices live in
# `tournament_settings`, so a one-tournament backup carries them.
instance = sa.Table(
    "instance", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

countries = sa.Table(
    "countries", metadata,
    sa.Column("code", sa.String(3), primary_key=True),  # IOC code: GER, NED, JPN
    sa.Column("name", sa.String(120), nullable=False),
)

tournaments = sa.Table(
    "tournaments", metadata,
    _id(),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("place", sa.String(200), nullable=False, server_default=""),
    sa.Column("starts_on", sa.Date, nullable=False),
    sa.Column("ruleset", sa.String(40), nullable=False),
    _created(),
)

# One JSON document per tournament and key: the setup, the schedule plan, external ids.
tournament_settings = sa.Table(
    "tournament_settings", metadata,
    sa.Column("tournament_id", sa.Integer, sa.ForeignKey("tournaments.id"), primary_key=True),
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),  # JSON
)

clubs = sa.Table(
    "clubs", metadata,
    _id(),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("country", sa.String(3), sa.ForeignKey("countries.code"), nullable=True),
    sa.UniqueConstraint("name", "country"),
)

athletes = sa.Table(
    "athletes", metadata,
    _id(),
    _fk("tournament_id", "tournaments.id"),
    sa.Column("family_name", sa.String(120), nullable=False),
    sa.Column("given_name", sa.String(120), nullable=False),
    sa.Column("name_as_entered", sa.String(250), nullable=False),
    sa.Column("gender", sa.String(1), nullable=False),
    sa.Column("birth_year", sa.Integer, nullable=False),
    _fk("club_id", "clubs.id", nullable=True),
    sa.Column("country", sa.String(3), sa.ForeignKey("countries.code"), nullable=True),
    _created(),
    sa.CheckConstraint("gender IN ('m', 'f')", name="gender"),
)

categories = sa.Table(
    "categories", metadata,
    _id(),
    _fk("tournament_id", "tournaments.id"),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("gender", sa.String(1), nullable=False),
    sa.Column("age_group", sa.String(40), nullable=False),
    sa.Column("min_weight", sa.Float, nullable=True),
    sa.Column("max_weight", sa.Float, nullable=True),  # None: open upwards (+100 kg)
    sa.Column("ruleset", sa.String(40), nullable=False),
    sa.Column("system", sa.String(40), nullable=False),
    _fk("mat_id", "mats.id", nullable=True),  # where the category is fought
    _created(),
    sa.Column("locked_at", UTCDateTime, nullable=True),  # locked: no more entries or moves
    sa.UniqueConstraint("tournament_id", "name"),
)

entries = sa.Table(
    "entries", metadata,
    _id(),
    _fk("category_id", "categories.id"),
    _fk("athlete_id", "athletes.id"),
    sa.Column("weight", sa.Float, nullable=True),  # weigh-in, kg
    sa.Column("status", sa.String(16), nullable=False, server_default="registered"),
    sa.Column("seed", sa.Integer, nullable=True),
    _created(),
    sa.Column("declared_weight", sa.Float, nullable=True),  # from the entry form, kg
    sa.UniqueConstraint("category_id", "athlete_id"),
    sa.CheckConstraint("status IN ('registered', 'weighed', 'withdrawn')", name="status"),
)

draws = sa.Table(
    "draws", metadata,
    _id(),
    _fk("category_id", "categories.id"),
    sa.Column("seed", sa.BigInteger, nullable=False),  # published, so anyone can re-run it
    sa.Column("system", sa.String(40), nullable=False),
    sa.Column("graph", sa.JSON, nullable=False),
    _created(),
)

mats = sa.Table(
    "mats", metadata,
    _id(),
    _fk("tournament_id", "tournaments.id"),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("name", sa.String(80), nullable=False),
    sa.UniqueConstraint("tournament_id", "number"),
)

contests = sa.Table(
    "contests", metadata,
    _id(),
    _fk("tournament_id", "tournaments.id"),
    _fk("category_id", "categories.id", nullable=True),
    _fk("draw_id", "draws.id", nullable=True),
    sa.Column("number", sa.Integer, nullable=False),  # the contest's slot in its category's graph
    sa.Column("ruleset", sa.String(40), nullable=False),
    _fk("white_entry_id", "entries.id", nullable=True),
    _fk("blue_entry_id", "entries.id", nullable=True),
    sa.Column("status", sa.String(16), nullable=False, server_default="waiting"),
    sa.Column("started_at", UTCDateTime, nullable=True),  # server time of the first event
    sa.Column("event_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("outcome", sa.JSON, nullable=True),
    _created(),
    # waiting: an athlete is not known yet; ready: to be called; skipped: settled without a
    # contest (walkover, fusen-gachi by exclusion, not needed).
    sa.CheckConstraint(
        "status IN ('waiting', 'ready', 'running', 'finished', 'skipped')", name="status"
    ),
)

# The sequence number of each live topic's latest snapshot, bumped in the transaction that changes
# it: monotonic across restarts and shared by every process of a PostgreSQL deployment.
topic_versions = sa.Table(
    "topic_versions", metadata,
    sa.Column("topic", sa.String(64), primary_key=True),
    sa.Column("seq", sa.BigInteger, nullable=False),
)

mat_queue = sa.Table(
    "mat_queue", metadata,
    _id(),
    _fk("mat_id", "mats.id"),
    sa.Column("contest_id", sa.Integer, sa.ForeignKey("contests.id"), nullable=False, unique=True),
    sa.Column("position", sa.Integer, nullable=False),
)

users = sa.Table(
    "users", metadata,
    _id(),
    sa.Column("username", sa.String(80), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    _created(),
    sa.CheckConstraint("role IN ('admin', 'announcer')", name="role"),
)

# A mat official's credential: a long token (for a QR code) or a short PIN, each bound to a mat.
tokens = sa.Table(
    "tokens", metadata,
    _id(),
    _fk("mat_id", "mats.id", nullable=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("lookup", sa.String(64), nullable=True, unique=True),  # sha256 of a long token
    sa.Column("secret_hash", sa.String(200), nullable=False),
    sa.Column("label", sa.String(120), nullable=False, server_default=""),
    sa.Column("created_by", sa.String(80), nullable=False),
    _created(),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
    sa.CheckConstraint("role IN ('official', 'announcer')", name="role"),
    sa.CheckConstraint("kind IN ('token', 'pin')", name="kind"),
)

sessions = sa.Table(
    "sessions", metadata,
    sa.Column("lookup", sa.String(64), primary_key=True),  # sha256 of the cookie or bearer value
    _fk("user_id", "users.id", nullable=True),
    _fk("token_id", "tokens.id", nullable=True),
    sa.Column("role", sa.String(16), nullable=False),
    _fk("mat_id", "mats.id", nullable=True),
    sa.Column("actor", sa.String(120), nullable=False),
    _created(),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("ended_at", UTCDateTime, nullable=True),
)

login_attempts = sa.Table(
    "login_attempts", metadata,
    _id(),
    sa.Column("origin", sa.String(120), nullable=False, index=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("succeeded", sa.Boolean, nullable=False),
)

contest_events = sa.Table(
    "contest_events", metadata,
    _id(),
    _fk("tournament_id", "tournaments.id"),
    sa.Column("contest_id", sa.Integer, sa.ForeignKey("contests.id"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("at", sa.Float, nullable=False),  # contest seconds since the first event
    sa.Column("payload", sa.JSON, nullable=False),  # the contest log's JSON form of the event
    sa.Column("client_id", sa.String(64), nullable=False),
    sa.Column("actor", sa.String(120), nullable=False),
    sa.Column("recorded_at", UTCDateTime, nullable=False),
    sa.Column("origin", sa.String(120), nullable=False),
    sa.UniqueConstraint("contest_id", "seq"),
    sa.UniqueConstraint("contest_id", "client_id"),
)

audit_log = sa.Table(
    "audit_log", metadata,
    _id(),
    sa.Column("tournament_id", sa.Integer, nullable=True, index=True),
    sa.Column("action", sa.String(80), nullable=False),
    sa.Column("entity", sa.String(40), nullable=False),
    sa.Column("entity_id", sa.String(40), nullable=False),
    sa.Column("before", sa.JSON, nullable=True),
    sa.Column("after", sa.JSON, nullable=True),
    sa.Column("actor", sa.String(120), nullable=False),
    sa.Column("origin", sa.String(120), nullable=False),
    sa.Column("recorded_at", UTCDateTime, nullable=False),
)

APPEND_ONLY = frozenset({"contest_events", "audit_log"})
