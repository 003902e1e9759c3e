"""`ippon export` and `ippon import`: a stored tournament's results out (CSV, XLSX, JSON,
contest logs, JudoShiai `.shi`), and an export's JSON back in as a new tournament
(formats: docs/exports.md)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from ippon.commands.backup import DATABASE_HELP, _database


def write_file(out: Path, data: bytes) -> None:
    """Write beside the name first, then replace: a failed export leaves no half file."""
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise click.ClickException(f"cannot write {out}: the folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=folder)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, out)
    except OSError as error:
        raise click.ClickException(f"cannot write {out}: {error.strerror or error}") from None


@click.command("export")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tournament", "tournament_id", type=int, required=True,
              help="The tournament (its id).")
@click.option("--format", "format_", required=True,
              type=click.Choice(["csv", "xlsx", "json", "jsonl", "shi"]),
              help="csv: one results table; xlsx: both tables; json: the results JSON (reads "
                   "back with `ippon import`); jsonl: every contest's log in a ZIP; shi: a "
                   "JudoShiai file.")
@click.option("--table", default="placings", show_default=True,
              type=click.Choice(["placings", "contests"]), help="The CSV's table.")
@click.option("--database", envvar=["IPPON_DATABASE_URL", "IPPON_DATABASE"], help=DATABASE_HELP)
def export_command(out: Path, tournament_id: int, format_: str, table: str,
                   database: str | None) -> None:
    """Export a tournament's results to OUT."""
    from ippon.services import exports
    from ippon.services.errors import ServiceError
    from ippon.store.db import Database

    db = Database(_database(database))
    try:
        with db.read() as conn:
            data, _, _ = exports.export(conn, tournament_id, format_, table=table)
    except ServiceError as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.dispose()
    write_file(out, data)
    click.echo(f"wrote {out} ({len(data):,} bytes)")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--logs", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The same export's contest logs (--format jsonl), to bring them back too.")
@click.option("--name", help="Call the new tournament this (else the file's name).")
@click.option("--database", envvar=["IPPON_DATABASE_URL", "IPPON_DATABASE"], help=DATABASE_HELP)
def import_command(file: Path, logs: Path | None, name: str | None,
                   database: str | None) -> None:
    """Import FILE, a results JSON from `ippon export --format json`, as a new tournament."""
    from ippon.live.hub import Hub
    from ippon.services.context import Actor, Services
    from ippon.services.errors import ServiceError
    from ippon.services.results_import import import_results
    from ippon.store.db import Database
    from ippon.store.migrate import upgrade

    db = Database(_database(database))
    try:
        upgrade(db)
        svc = Services(db, Hub())
        done = import_results(svc, Actor("cli:import", "admin", "local"), file.read_bytes(),
                              None if logs is None else logs.read_bytes(), name=name)
    except ServiceError as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.dispose()
    click.echo(f"imported {file} as tournament {done.tournament_id}: {done.athletes} "
               f"athletes, {done.categories} categories, {done.results} results, "
               f"{done.logs} contest logs")
