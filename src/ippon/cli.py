"""The `ippon` command line. Each command group lives in `ippon.commands`; this module only
assembles them, so that a command's imports (and its start-up cost) stay its own."""

from __future__ import annotations

import click

from ippon import __version__


@click.group()
@click.version_option(__version__, prog_name="ippon")
def main() -> None:
    """ippon: judo competitions, from the draw to the medal table."""


# Command groups register themselves here, one line each.
from ippon.commands.db import db_group  # noqa: E402

main.add_command(db_group)
from ippon.commands.admin import admin_group  # noqa: E402
from ippon.commands.serve import serve_command  # noqa: E402

main.add_command(admin_group)
main.add_command(serve_command)
from ippon.commands.bracket import bracket_group  # noqa: E402

main.add_command(bracket_group)
from ippon.commands.contest import contest_group, demo_command  # noqa: E402

main.add_command(contest_group)
main.add_command(demo_command)
from ippon.commands.print import print_group  # noqa: E402

main.add_command(print_group)
from ippon.commands.backup import backup_command, restore_command  # noqa: E402

main.add_command(backup_command)
main.add_command(restore_command)
from ippon.commands.export import export_command, import_command  # noqa: E402

main.add_command(export_command)
main.add_command(import_command)
