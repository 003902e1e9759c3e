"""`ippon backup FILE` and `ippon restore FILE`: a whole database, or one tournament, to one file
and back into an empty database (format: docs/exports.md)."""

from __future__ import annotations

from pathlib import Path

import click

from ippon.settings import Settings, SettingsError

DATABASE_HELP = "sqlite:///FILE or postgresql://... [IPPON_DATABASE_URL, IPPON_DATABASE]"


def _database(url: str | None) -> str:
    try:
        return Settings.load({"database": url}).database
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tournament", "tournament_id", type=int, default=None,
              help="Only this tournament (its id), with the clubs and countries it uses.")
@click.option("--database", envvar=["IPPON_DATABASE_URL", "IPPON_DATABASE"], help=DATABASE_HELP)
def backup_command(file: Path, tournament_id: int | None, database: str | None) -> None:
    """Save the whole database, or one tournament, to FILE (replaced once complete)."""
    from ippon.store.backup import BackupError, write_backup
    from ippon.store.db import Database

    db = Database(_database(database))
    try:
        summary = write_backup(db, file, tournament_id=tournament_id)
    except (BackupError, OSError) as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.dispose()
    what = "the whole database" if tournament_id is None else f"tournament {tournament_id}"
    click.echo(f"saved {what} to {file}: {summary.total} rows in {len(summary.rows)} tables "
               f"(schema {summary.schema})")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--database", envvar=["IPPON_DATABASE_URL", "IPPON_DATABASE"], help=DATABASE_HELP)
def restore_command(file: Path, database: str | None) -> None:
    """Restore FILE, made by `ippon backup`, into an empty database."""
    from ippon.store.backup import BackupError, restore_backup
    from ippon.store.db import Database

    db = Database(_database(database))
    try:
        summary = restore_backup(db, file)
    except (BackupError, OSError) as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.dispose()
    click.echo(f"restored {file}: {summary.total} rows in {len(summary.rows)} tables "
               f"(schema {summary.schema})")
