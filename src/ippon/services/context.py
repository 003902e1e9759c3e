"""What every use case runs in: who acts, one transaction, its audit rows, and the live topics it
changes, whose snapshots are taken inside the transaction and published after the commit."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from ippon.live.hub import Hub, Snapshot
from ippon.store import schema
from ippon.store.db import Database

Role = Literal["admin", "official", "announcer", "system"]
NOTIFY_CHANNEL = "ippon_live"
NOTIFY_LIMIT = 7900  # PostgreSQL refuses NOTIFY payloads from 8000 bytes


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: the audit trail's "who" (`name`) and "from where" (`origin`)."""

    name: str
    role: Role
    origin: str = "local"
    mat_id: int | None = None  # a mat official acts on this mat only


SYSTEM = Actor("system", "system")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Tx:
    conn: Connection
    actor: Actor
    now: datetime
    topics: set[str] = field(default_factory=set)

    def audit(self, action: str, entity: str, entity_id: object, *, before: Any = None,
              after: Any = None, tournament_id: int | None = None) -> None:
        self.conn.execute(schema.audit_log.insert().values(
            tournament_id=tournament_id, action=action, entity=entity, entity_id=str(entity_id),
            before=_jsonable(before), after=_jsonable(after), actor=self.actor.name,
            origin=self.actor.origin, recorded_at=self.now))

    def insert(self, table: sa.Table, values: dict[str, Any]) -> int:
        """Insert one row and return its generated id."""
        key = self.conn.execute(table.insert().values(**values)).inserted_primary_key
        assert key is not None
        return int(key[0])

    def touch(self, *topics: str) -> None:
        """Mark live topics changed: their snapshots go out when the transaction commits."""
        self.topics.update(topics)


def _jsonable(value: Any) -> Any:
    return None if value is None else json.loads(json.dumps(value, default=str))


SnapshotBuilder = Callable[[Connection, str, datetime], dict[str, Any]]


class Services:
    """The database, the hub and the clock that every use case needs. One per process."""

    def __init__(self, db: Database, hub: Hub, clock: Callable[[], datetime] = utcnow) -> None:
        self.db, self.hub, self.clock = db, hub, clock

    @contextmanager
    def transaction(self, actor: Actor) -> Iterator[Tx]:
        snapshots: list[Snapshot] = []
        with self.db.write() as conn:
            tx = Tx(conn, actor, self.clock())
            yield tx
            snapshots = [self._take(conn, topic, tx.now) for topic in sorted(tx.topics)]
        for snapshot in snapshots:  # committed: now the world may see it
            self.hub.publish(snapshot)

    def snapshot(self, topic: str) -> Snapshot:
        """The topic's current snapshot read from the database (a subscriber arriving at a
        process that has not published the topic since it started)."""
        from ippon.services.snapshots import build

        with self.db.read() as conn:
            seq = conn.execute(sa.select(schema.topic_versions.c.seq)
                               .where(schema.topic_versions.c.topic == topic)).scalar()
            data = build(conn, topic, self.clock())
        return Snapshot(topic, int(seq or 0), _dump(topic, int(seq or 0), data))

    def _take(self, conn: Connection, topic: str, now: datetime) -> Snapshot:
        from ippon.services.snapshots import build

        seq = _bump(conn, topic)  # first: on PostgreSQL this row lock orders the writers
        snapshot = Snapshot(topic, seq, _dump(topic, seq, build(conn, topic, now)))
        if not self.db.is_sqlite:
            payload = snapshot.data if len(snapshot.data) < NOTIFY_LIMIT else json.dumps(
                {"topic": topic, "seq": seq})
            conn.execute(sa.select(sa.func.pg_notify(NOTIFY_CHANNEL, payload)))
        return snapshot


def _dump(topic: str, seq: int, data: dict[str, Any]) -> str:
    return json.dumps({"topic": topic, "seq": seq, **data}, separators=(",", ":"),
                      ensure_ascii=False, default=str)


def _bump(conn: Connection, topic: str) -> int:
    versions = schema.topic_versions
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = insert(versions).values(topic=topic, seq=1).on_conflict_do_update(
        index_elements=[versions.c.topic], set_={"seq": versions.c.seq + 1})
    return int(conn.execute(statement.returning(versions.c.seq)).scalar_one())
