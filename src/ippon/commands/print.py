"""`ippon print`: printable sheets (PDF) on the command line.

    ippon print demo FOLDER    the demo tournament's sheets: every bracket in one PDF (with a
                               progress bar), weigh-in lists, contest order per mat, results,
                               medal table, certificates
"""

from __future__ import annotations

from pathlib import Path

import click


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
