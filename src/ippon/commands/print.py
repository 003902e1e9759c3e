"""`ippon print`: printable sheets (PDF) on the command line.

    ippon print demo FOLDER    the demo tournament's sheets: every bracket in one PDF (with a
                               progress bar), weigh-in lists, contest order per mat, results,
                               medal table, certificates
    ippon print KIND --tournament ID FOLDER
                               a stored tournament's sheets: brackets (with a progress bar),
                               category (--category ID), weigh-in, mat-order, results, medals,
                               certificates, or all of them
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ippon.commands.backup import DATABASE_HELP, _database

if TYPE_CHECKING:
    from rich.progress import ProgressColumn


@click.group("print")
def print_group() -> None:
    """Printable sheets: brackets, pools, weigh-in lists, contest order, results, certificates."""


@print_group.command("demo")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=2026, show_default=True,
              help="Seed of the demo's draws and results.")
@click.option("--mats", default=3, show_default=True, type=click.IntRange(1, 20),
              help="Mats for the contest order.")
def demo_command(folder: Path, seed: int, mats: int) -> None:
    """Print a demo tournament's sheets into FOLDER (created if missing)."""
    from datetime import datetime, timedelta

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ippon import reports
    from ippon.reports.demo import demo_tournament
    from ippon.tournament.schedule import CategoryToPlan, Problem, schedule

    console = Console(stderr=True)
    folder.mkdir(parents=True, exist_ok=True)
    tournament = demo_tournament(seed)
    written: list[Path] = []

    def write(name: str, pdf: bytes) -> None:
        path = folder / name
        path.write_bytes(pdf)
        written.append(path)

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[category]}"))
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("Brackets", total=len(tournament.categories), category="")
        for step in reports.print_brackets(tournament):
            progress.update(task, completed=step.done, category=step.category)
            if step.pdf is not None:
                write("brackets.pdf", step.pdf)
    with console.status("Lists and certificates"):
        # The contest order is printed in the morning, before anything is fought.
        morning = demo_tournament(seed, finished=False)
        assert morning.day is not None  # the demo has its date
        start = datetime(morning.day.year, morning.day.month, morning.day.day, 9)
        plan = schedule(Problem(
            tuple(CategoryToPlan(c.name, c.bracket, timedelta(minutes=6))
                  for c in morning.categories), mats, start))
        write("weigh-in.pdf", reports.weigh_in_pdf(morning))
        write("mat-order.pdf", reports.mat_order_pdf(morning, plan))
        write("results.pdf", reports.results_pdf(tournament))
        write("medal-table.pdf", reports.medal_table_pdf(tournament))
        write("certificates.pdf", reports.certificates_pdf(tournament))
    for path in written:
        click.echo(str(path))


def _progress_columns() -> tuple[ProgressColumn, ...]:
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn

    return (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[category]}"))


def _print_stored(kinds: list[str], tournament_id: int, folder: Path, database: str | None, *,
                  blank: bool = False, category_id: int | None = None) -> None:
    """Read the tournament once, then print each kind of sheet into FOLDER."""
    from rich.console import Console
    from rich.progress import Progress

    from ippon import reports
    from ippon.commands.export import write_file
    from ippon.services import exports
    from ippon.services.errors import Conflict, ServiceError
    from ippon.store.db import Database

    console = Console(stderr=True)
    db = Database(_database(database))
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise click.ClickException(f"cannot make the folder {folder}: "
                                   f"{error.strerror or error}") from None
    try:
        with db.read() as conn:
            if category_id is not None:
                pdf, name = exports.category_sheet_pdf(conn, tournament_id, category_id)
                path = folder / f"category-{category_id}.pdf"
                write_file(path, pdf)
                click.echo(f"{path}  {name}")
                return
            model = exports.report_tournament(conn, tournament_id)
            for kind in kinds:
                path = folder / exports.SHEETS[kind]
                if kind == "brackets":
                    if not model.categories:
                        raise Conflict("no category is drawn yet: there are no "
                                               "brackets to print")
                    with Progress(*_progress_columns(), console=console) as progress:
                        task = progress.add_task("Brackets", total=len(model.categories),
                                                 category="")
                        for step in reports.print_brackets(model):
                            progress.update(task, completed=step.done, category=step.category)
                            if step.pdf is not None:
                                write_file(path, step.pdf)
                else:
                    with console.status(kind.replace("-", " ").capitalize()):
                        pdf = exports.sheet(conn, tournament_id, kind, blank=blank)
                    write_file(path, pdf)
                written.append(path)
    except ServiceError as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.dispose()
    for path in written:
        click.echo(str(path))


def _stored_command(kind: str, help_text: str) -> None:
    @print_group.command(kind, help=help_text)
    @click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
    @click.option("--tournament", "tournament_id", type=int, required=True,
                  help="The tournament (its id).")
    @click.option("--database", envvar=["IPPON_DATABASE_URL", "IPPON_DATABASE"],
                  help=DATABASE_HELP)
    def command(folder: Path, tournament_id: int, database: str | None) -> None:
        _print_stored([kind], tournament_id, folder, database)


for _kind, _help in (
        ("brackets", "Every drawn category's sheet (bracket or pools, placings), one PDF."),
        ("mat-order", "The contest order of each mat (the stored plan, else one planned now)."),
        ("results", "Every category's placings."),
        ("medals", "The medal table by country."),
        ("certificates", "A certificate for every athlete placed 1st to 7th.")):
    _stored_command(_kind, _help)


@print_group.command("weigh-in")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--tournament", "tournament_id", type=int, required=True,
              help="The tournament (its id).")
@click.option("--blank", is_flag=True, help="Leave the weights to be written in by hand.")
@click.option("--database", envvar=["IPPON_DATABASE_URL", "IPPON_DATABASE"], help=DATABASE_HELP)
def weigh_in_command(folder: Path, tournament_id: int, blank: bool,
                     database: str | None) -> None:
    """Weigh-in lists: every category's athletes by surname, drawn or not."""
    _print_stored(["weigh-in"], tournament_id, folder, database, blank=blank)


@print_group.command("category")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--tournament", "tournament_id", type=int, required=True,
              help="The tournament (its id).")
@click.option("--category", "category_id", type=int, required=True,
              help="The category (its id), to reprint its sheet after a correction.")
@click.option("--database", envvar=["IPPON_DATABASE_URL", "IPPON_DATABASE"], help=DATABASE_HELP)
def category_command(folder: Path, tournament_id: int, category_id: int,
                     database: str | None) -> None:
    """One category's sheet, written as FOLDER/category-ID.pdf."""
    _print_stored([], tournament_id, folder, database, category_id=category_id)


@print_group.command("all")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--tournament", "tournament_id", type=int, required=True,
              help="The tournament (its id).")
@click.option("--database", envvar=["IPPON_DATABASE_URL", "IPPON_DATABASE"], help=DATABASE_HELP)
def all_command(folder: Path, tournament_id: int, database: str | None) -> None:
    """Every kind of sheet of a tournament into FOLDER."""
    _print_stored(["brackets", "weigh-in", "mat-order", "results", "medals", "certificates"],
                  tournament_id, folder, database)
