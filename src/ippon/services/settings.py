"""A tournament's own settings: one JSON document per key in `tournament_settings`.

They hang off the tournament by foreign key, so a one-tournament backup carries them (the global
`instance` table keeps only instance-wide values such as the secret key)."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services.context import Tx
from ippon.store import schema as t

SETUP = "setup"
SCHEDULE = "schedule"
EXTERNAL_IDS = "external_ids"


def get(conn: Connection, tournament_id: int, key: str) -> Any | None:
    """The stored document, or None when the tournament has none under this key."""
    text = conn.execute(
        sa.select(t.tournament_settings.c.value)
        .where(t.tournament_settings.c.tournament_id == tournament_id,
               t.tournament_settings.c.key == key)
    ).scalar()
    return None if text is None else json.loads(text)


def put(tx: Tx, tournament_id: int, key: str, value: Any) -> None:
    """Store (or replace) the document; the caller audits the change."""
    table = t.tournament_settings
    tx.conn.execute(table.delete().where(table.c.tournament_id == tournament_id,
                                         table.c.key == key))
    tx.conn.execute(table.insert().values(tournament_id=tournament_id, key=key,
                                          value=json.dumps(value)))
