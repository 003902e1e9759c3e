"""A whole tournament, or the whole database, to one file and back (format: docs/exports.md).

The file is gzip-compressed JSON Lines: a header (format, schema revision, scope), then for each
table of `schema.metadata` in foreign-key order a line naming its columns and their kinds,
followed by one JSON array per row, and a closing line with the row counts. Nothing is
table-specific, so a table added to the schema is saved and restored without touching this
module; a column of a type it cannot write stops the backup with a message saying so.

Restoring gives back exactly what was there, ids included, the append-only contest events and
audit rows too. It runs in one transaction, into an empty database only (nothing is ever mixed
or overwritten), and refuses a backup from a newer schema than this release knows.

    summary = write_backup(db, Path("open.ippon-backup"))                # the whole database
    summary = write_backup(db, Path("open.ippon-backup"), tournament_id=3)
    summary = restore_backup(db, Path("open.ippon-backup"))
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import os
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ippon import __version__
from ippon.store import schema
from ippon.store.db import Database
from ippon.store.migrate import alembic_config, current, upgrade

__all__ = ["FORMAT", "VERSION", "BackupError", "BackupSummary", "column_kind", "read_backup",
           "restore_backup", "write_backup"]

FORMAT = "ippon-backup"
VERSION = 1
BATCH = 500  # rows per INSERT (and keys per IN list)


class BackupError(ValueError):
    """A backup cannot be made or restored; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup holds: its schema revision, scope (None: the whole database; else a
    tournament's id) and the number of rows of each table."""

    schema: str
    tournament_id: int | None
    rows: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


# --- column kinds: how each value is written, and read back exactly ------------------------------

def column_kind(column: sa.Column[Any]) -> str:
    """The kind of value a column holds, as the backup writes it."""
    kind = column.type
    if isinstance(kind, sa.TypeDecorator):
        kind = kind.impl_instance
    # Order matters: Float is a Numeric, BigInteger an Integer, Text a String.
    for cls, name in ((sa.JSON, "json"), (sa.Boolean, "bool"), (sa.DateTime, "datetime"),
                      (sa.Date, "date"), (sa.Integer, "int"), (sa.Float, "float"),
                      (sa.Numeric, "decimal"), (sa.String, "text"), (sa.LargeBinary, "bytes")):
        if isinstance(kind, cls):
            return name
    raise BackupError(f"Column {column.table.name}.{column.name} has the type {kind!r}, which "
                      "ippon's backup does not know how to save; teach ippon.store.backup it.")


def _encode(kind: str, value: Any) -> Any:
    if value is None or kind in ("int", "bool", "float", "text", "json"):
        return value  # json: the database's own JSON text, so SQL NULL and JSON null stay apart
    if kind in ("date", "datetime"):
        return value.isoformat()
    if kind == "decimal":
        return str(value)
    return base64.b64encode(value).decode("ascii")


def _decode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "decimal":
        return Decimal(value)
    if kind == "bytes":
        return base64.b64decode(value)
    return value


_BIND_TYPES: dict[str, Any] = {
    "json": sa.Text(), "bool": sa.Boolean(), "datetime": schema.UTCDateTime(), "date": sa.Date(),
    "int": sa.BigInteger(), "float": sa.Float(), "decimal": sa.Numeric(), "text": sa.Text(),
    "bytes": sa.LargeBinary()}


# --- which rows ----------------------------------------------------------------------------------

def _owned(tournament_id: int) -> dict[str, ColumnElement[bool]]:
    """For each table, which of its rows belong to the tournament: the tournament itself, rows
    with its `tournament_id`, and rows pointing to rows that belong (a category's entries, a
    mat's tokens). Tables with no such link (accounts, countries) own nothing."""
    owned: dict[str, ColumnElement[bool]] = {}
    for table in schema.metadata.sorted_tables:
        terms: list[ColumnElement[bool]] = []
        if table is schema.tournaments:
            terms.append(table.c.id == tournament_id)
        elif "tournament_id" in table.c:
            terms.append(table.c.tournament_id == tournament_id)
        for fk in table.foreign_keys:
            parent = fk.column.table
            if parent is not table and parent.name in owned:
                terms.append(fk.parent.in_(sa.select(fk.column).where(owned[parent.name])))
        if terms:
            owned[table.name] = sa.or_(*terms)
    return owned


Wanted = dict[str, dict[sa.Column[Any], set[Any]]]
"""Per table, per key column: the keys of rows wanted besides the tournament's own."""


def _referenced(conn: Connection, owned: Mapping[str, ColumnElement[bool]]) -> Wanted:
    """The rows outside the tournament that its rows point to (an athlete's club, the club's
    country), so that the restored tournament has every row its foreign keys need. Children
    come before parents here, so a parent sees every child's references."""
    wanted: Wanted = {}
    for table in reversed(schema.metadata.sorted_tables):
        fks = [fk for fk in table.foreign_keys if fk.column.table is not table]
        if not fks or (table.name not in owned and table.name not in wanted):
            continue
        rows = _select_rows(conn, table, [fk.parent for fk in fks], owned.get(table.name),
                            wanted.get(table.name, {}))
        for row in rows:
            for fk, value in zip(fks, row, strict=True):
                if value is not None:
                    keys = wanted.setdefault(fk.column.table.name, {})
                    keys.setdefault(fk.column, set()).add(value)
    return wanted


def _select_rows(conn: Connection, table: sa.Table, columns: list[Any],
                 where: ColumnElement[bool] | None, keys: Mapping[sa.Column[Any], set[Any]]
                 ) -> Iterator[sa.Row[Any]]:
    """Rows of `table` that `where` selects, then each row whose key is in `keys` and that
    nothing before selected already."""
    order = list(table.primary_key.columns)
    before: list[ColumnElement[bool]] = [] if where is None else [where]
    if where is not None:
        yield from conn.execute(sa.select(*columns).where(where).order_by(*order))
    for column, wanted in keys.items():
        ordered = sorted(wanted)
        for start in range(0, len(ordered), BATCH):
            chosen = column.in_(ordered[start:start + BATCH])
            query = sa.select(*columns).where(chosen, *(sa.not_(b) for b in before))
            yield from conn.execute(query.order_by(*order))
        before.append(column.in_(ordered))


# --- writing -------------------------------------------------------------------------------------

@contextmanager
def _one_snapshot(db: Database) -> Iterator[Connection]:
    """A read transaction that sees the database at one moment, while the server goes on
    writing: a child row committed mid-backup must not appear without its parent."""
    with db.engine.connect() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("BEGIN")  # WAL: one read snapshot until the transaction ends
            yield conn
        else:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn


def _head(db: Database) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(db)).get_current_head()
    assert head is not None
    return head


def _json_line(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def backup(db: Database, out: IO[bytes], *, tournament_id: int | None = None,
           now: dt.datetime | None = None) -> BackupSummary:
    """Write a backup of the whole database, or of one tournament, to the binary stream `out`."""
    revision, head = current(db), _head(db)
    if revision is None:
        raise BackupError("This database has no ippon tables, so there is nothing to back up. "
                          "Is --database the right one?")
    if revision != head:
        raise BackupError(f"This database is at schema {revision}, this ippon expects {head}: "
                          "run `ippon db upgrade` first.")
    counts: dict[str, int] = {}
    with _one_snapshot(db) as conn, gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as packed:
        scope: dict[str, ColumnElement[bool]] | None = None
        extra: Wanted = {}
        tournament = None
        if tournament_id is not None:
            tournament = conn.execute(sa.select(schema.tournaments.c.name).where(
                schema.tournaments.c.id == tournament_id)).scalar()
            if tournament is None:
                raise BackupError(_no_tournament(conn, tournament_id))
            scope = _owned(tournament_id)
            extra = _referenced(conn, scope)
        packed.write(_json_line({
            "format": FORMAT, "version": VERSION, "schema": revision, "ippon": __version__,
            "created_at": (now or dt.datetime.now(dt.UTC)).isoformat(),
            "scope": "database" if tournament_id is None else "tournament",
            "tournament": None if tournament_id is None else {"id": tournament_id,
                                                              "name": tournament}}))
        for table in schema.metadata.sorted_tables:
            if scope is not None and table.name not in scope and table.name not in extra:
                continue
            counts[table.name] = _write_table(conn, packed, table, scope, extra)
        packed.write(_json_line({"end": True, "rows": counts}))
    return BackupSummary(revision, tournament_id, counts)


def _no_tournament(conn: Connection, tournament_id: int) -> str:
    known = conn.execute(sa.select(schema.tournaments.c.id, schema.tournaments.c.name)
                         .order_by(schema.tournaments.c.id)).all()
    listed = "; ".join(f"{i}: {name}" for i, name in known) or "none"
    return f"There is no tournament with id {tournament_id}. Tournaments here: {listed}."


def _write_table(conn: Connection, out: gzip.GzipFile, table: sa.Table,
                 scope: Mapping[str, ColumnElement[bool]] | None,
                 extra: Wanted) -> int:
    kinds = [column_kind(c) for c in table.columns]
    out.write(_json_line({"table": table.name, "columns": [c.name for c in table.columns],
                          "kinds": kinds}))
    # JSON columns are read as the text the database holds (see _encode).
    columns = [sa.cast(c, sa.Text).label(c.name) if kind == "json" else c
               for c, kind in zip(table.columns, kinds, strict=True)]
    if scope is None:
        rows: Iterable[sa.Row[Any]] = conn.execute(
            sa.select(*columns).order_by(*table.primary_key.columns))
    else:
        rows = _select_rows(conn, table, columns, scope.get(table.name),
                            extra.get(table.name, {}))
    count = 0
    for row in rows:
        out.write(_json_line([_encode(k, v) for k, v in zip(kinds, row, strict=True)]))
        count += 1
    return count


def write_backup(db: Database, path: Path, *, tournament_id: int | None = None,
                 now: dt.datetime | None = None) -> BackupSummary:
    """Write the backup to `path`, replacing it only once the new backup is complete."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "wb") as out:
            summary = backup(db, out, tournament_id=tournament_id, now=now)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return summary


# --- reading and restoring -----------------------------------------------------------------------

def _lines(source: IO[bytes]) -> Iterator[Any]:
    try:
        with gzip.GzipFile(fileobj=source, mode="rb") as packed:
            for number, line in enumerate(packed, start=1):
                try:
                    yield json.loads(line)
                except ValueError:
                    raise BackupError(f"The backup is damaged: line {number} is not JSON."
                                      ) from None
    except (gzip.BadGzipFile, zlib.error):
        raise BackupError("This is not an ippon backup (not a gzip file), or it is damaged.") \
            from None
    except EOFError:
        raise BackupError("The backup file is incomplete: it ends in the middle. Use a "
                          "complete copy.") from None


def read_backup(source: IO[bytes]) -> BackupSummary:
    """What a backup holds, read through to its end (which checks that it is complete)."""
    lines = _lines(source)
    header = _header(next(lines, None))
    for line in lines:
        if isinstance(line, dict) and line.get("end") is True:
            return _summary(header, line)
    raise BackupError("The backup file is incomplete: its last line is missing.")


def _header(line: Any) -> dict[str, Any]:
    if not isinstance(line, dict) or line.get("format") != FORMAT:
        raise BackupError("This is not an ippon backup: its first line does not say "
                          f"\"format\": \"{FORMAT}\".")
    version = line.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise BackupError(f"This backup is in version {version} of the backup format, from a "
                          f"newer ippon; this one reads up to version {VERSION}.")
    if not isinstance(line.get("schema"), str):
        raise BackupError("The backup's first line does not say which database schema it has.")
    return line


def _summary(header: Mapping[str, Any], end: Mapping[str, Any]) -> BackupSummary:
    tournament = header.get("tournament")
    return BackupSummary(header["schema"],
                         tournament.get("id") if isinstance(tournament, dict) else None,
                         dict(end.get("rows", {})))


def _order(db: Database) -> list[str]:
    """Every schema revision this ippon knows, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(db))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _holdings(conn: Connection) -> dict[str, int]:
    names = [n for n in sa.inspect(conn).get_table_names() if n != "alembic_version"]
    counts = {name: conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))
                                 ).scalar_one() for name in sorted(names)}
    return {name: count for name, count in counts.items() if count}


def restore_backup(db: Database, path: Path) -> BackupSummary:
    with Path(path).open("rb") as source:
        return restore(db, source)


def restore(db: Database, source: IO[bytes]) -> BackupSummary:
    """Restore the backup in `source` into `db`, which must be empty (no tables yet, or only
    empty ones). The tables are created at the backup's schema, filled in one transaction, then
    upgraded to this release's schema."""
    lines = _lines(source)
    header = _header(next(lines, None))
    known, revision = _order(db), header["schema"]
    if revision not in known:
        raise BackupError(f"This backup comes from a newer ippon (database schema {revision}); "
                          f"this ippon knows schemas up to {known[-1]}. Restore it with the "
                          "ippon release that made it, or a newer one.")
    present = current(db)
    if present is not None and present not in known:
        raise BackupError(f"This database was made by a newer ippon (schema {present}). "
                          "Restore into a new, empty database.")
    with db.read() as conn:
        holdings = _holdings(conn)
    if holdings:
        listed = ", ".join(f"{name}: {count}" for name, count in holdings.items())
        raise BackupError(f"The database already holds data ({listed}). ippon restores only into "
                          "an empty database, so that nothing is mixed or overwritten: give "
                          "--database a new SQLite file or a new, empty PostgreSQL database.")
    if present is not None and known.index(present) > known.index(revision):
        raise BackupError(f"This database is at schema {present}, newer than the backup's "
                          f"{revision}. Restore into a new database: ippon creates its tables.")
    upgrade(db, revision)
    with db.write() as conn:
        summary = _load(conn, header, lines)
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)
    upgrade(db)  # from the backup's schema to this release's
    return summary


def _load(conn: Connection, header: Mapping[str, Any], lines: Iterator[Any]) -> BackupSummary:
    counts: dict[str, int] = {}
    inspector = sa.inspect(conn)
    tables = set(inspector.get_table_names())
    insert: sa.Insert | None = None
    kinds: list[str] = []
    batch: list[dict[str, Any]] = []
    name = ""
    for line in lines:
        if isinstance(line, list):
            if insert is None or len(line) != len(kinds):
                raise BackupError(f"The backup is damaged: a row of {name or 'no table'} does "
                                  "not match its columns.")
            batch.append({f"p{i}": _decode(k, v) for i, (k, v) in enumerate(
                zip(kinds, line, strict=True))})
            counts[name] += 1
            if len(batch) >= BATCH:
                conn.execute(insert, batch)
                batch = []
            continue
        if insert is not None and batch:
            conn.execute(insert, batch)
            batch = []
        if not isinstance(line, dict):
            raise BackupError("The backup is damaged: a line is neither a table nor a row.")
        if line.get("end") is True:
            expected = dict(line.get("rows", {}))
            if expected != counts:
                raise BackupError("The backup is damaged: its row counts do not match its rows.")
            return _summary(header, line)
        name, columns, given = line.get("table", ""), line.get("columns"), line.get("kinds")
        if (name not in tables or not isinstance(columns, list) or not isinstance(given, list)
                or not all(isinstance(c, str) for c in columns)):
            raise BackupError(f"The backup has a table {name!r} that its schema "
                              f"{header['schema']} does not have; the file is damaged.")
        have = {c["name"] for c in inspector.get_columns(name)}
        if (len(columns) != len(given) or not all(c in have for c in columns if isinstance(c, str))
                or not all(isinstance(k, str) and k in _BIND_TYPES for k in given)):
            raise BackupError(f"The backup's table {name} has columns its schema does not have; "
                              "the file is damaged.")
        kinds = [str(kind) for kind in given]
        insert = _insert(conn, name, columns, kinds)
        counts[name] = 0
    raise BackupError("The backup file is incomplete: its last line is missing. Nothing was "
                      "restored.")


def _insert(conn: Connection, name: str, columns: list[str], kinds: list[str]) -> sa.Insert:
    values: dict[str, Any] = {}
    for i, (column, kind) in enumerate(zip(columns, kinds, strict=True)):
        value: Any = sa.bindparam(f"p{i}", type_=_BIND_TYPES[kind])
        if kind == "json" and conn.dialect.name == "postgresql":
            value = sa.cast(value, sa.JSON)  # the text is JSON already: no second encoding
        values[column] = value
    return sa.table(name, *(sa.column(c) for c in columns)).insert().values(values)


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL hands out ids from sequences that a restore with explicit ids does not move:
    set each to follow the highest id restored."""
    for table in schema.metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or column_kind(keys[0]) != "int":
            continue
        quoted = conn.dialect.identifier_preparer.quote(table.name)
        sequence = conn.execute(sa.select(sa.func.pg_get_serial_sequence(quoted, keys[0].name))
                                ).scalar()
        if sequence is not None:
            highest = conn.execute(sa.select(sa.func.max(keys[0]))).scalar()
            conn.execute(sa.select(sa.func.setval(sequence, (highest or 0) + 1, False)))
