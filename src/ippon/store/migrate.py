"""Alembic, driven from code: `ippon db upgrade` and the server's start both call `upgrade`."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from ippon.store.db import Database


def alembic_config(db: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", "ippon.store:migrations")
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


def upgrade(db: Database, revision: str = "head") -> None:
    config = alembic_config(db)
    with db.engine.begin() as conn:
        if not db.is_sqlite:
            # Two servers starting together must not both create the tables.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242424242)")
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def current(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
