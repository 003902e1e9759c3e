"""Engine creation and transactions.

SQLite (the default) runs in WAL mode with foreign keys on, and ippon keeps to one writer: a
process-wide lock serialises write transactions, so a writer never meets SQLITE_BUSY from its own
process. PostgreSQL serialises per contest with row locks instead, and allows several processes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine


def engine_url(database: str) -> str:
    """`postgresql://` means psycopg 3 here; SQLAlchemy's bare default would be psycopg2."""
    if database.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + database.split("://", 1)[1]
    return database


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL: an acknowledged command survives a power cut, not only a killed process.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Database:
    """One engine and its write discipline. Create once per process."""

    def __init__(self, database: str) -> None:
        self.url = engine_url(database)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            self.engine: Engine = sa.create_engine(self.url)
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = sa.create_engine(self.url, pool_size=10, max_overflow=20,
                                           pool_pre_ping=True)
        self._writer = threading.Lock()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        if self.is_sqlite:
            with self._writer, self.engine.begin() as conn:
                yield conn
        else:
            with self.engine.begin() as conn:
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()
