"""`ippon admin create`: add an admin (or announcer) account to a database."""

from __future__ import annotations

import click

from ippon.settings import Settings


@click.group("admin")
def admin_group() -> None:
    """Accounts."""


@admin_group.command("create")
@click.option("--database", envvar="IPPON_DATABASE", help="sqlite:///FILE or postgresql://...")
@click.option("--username", default="admin", show_default=True)
@click.option("--role", type=click.Choice(["admin", "announcer"]), default="admin",
              show_default=True)
@click.password_option(envvar="IPPON_ADMIN_PASSWORD",
                       help="at least 10 characters [IPPON_ADMIN_PASSWORD; asked if missing]")
def create_command(database: str | None, username: str, role: str, password: str) -> None:
    """Create an account that signs in with a password."""
    from ippon.live.hub import Hub
    from ippon.services.accounts import create_user
    from ippon.services.context import SYSTEM, Services
    from ippon.services.errors import ServiceError
    from ippon.store.db import Database
    from ippon.store.migrate import upgrade

    db = Database(Settings.load({"database": database}).database)
    upgrade(db)
    try:
        create_user(Services(db, Hub()), SYSTEM, username=username, password=password,
                    role="admin" if role == "admin" else "announcer")
    except ServiceError as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.dispose()
    click.echo(f"created {role} {username!r}")
