"""`ippon db upgrade`: bring a database's tables to this release (the server also does it)."""

from __future__ import annotations

import click

from ippon.settings import Settings


@click.group("db")
def db_group() -> None:
    """Database maintenance."""


@db_group.command("upgrade")
@click.option("--database", envvar="IPPON_DATABASE", help="sqlite:///FILE or postgresql://...")
def upgrade_command(database: str | None) -> None:
    """Create or migrate every table to this release of ippon."""
    from ippon.store.db import Database
    from ippon.store.migrate import current, upgrade

    settings = Settings.load({"database": database})
    db = Database(settings.database)
    before = current(db)
    upgrade(db)
    click.echo(f"database {settings.database}: {before or 'empty'} -> {current(db)}")
    db.dispose()
