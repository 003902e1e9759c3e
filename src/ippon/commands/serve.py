"""`ippon serve`: the web server (uvicorn) on SQLite or PostgreSQL."""

from __future__ import annotations

import os

import click

from ippon.settings import Settings, SettingsError


@click.command("serve")
@click.option("--host", help="address to listen on [IPPON_HOST; 127.0.0.1]")
@click.option("--port", type=int, help="TCP port [IPPON_PORT; 8000]")
@click.option("--database", help="sqlite:///FILE or postgresql://... "
                                 "[IPPON_DATABASE; sqlite:///ippon.sqlite3]")
@click.option("--workers", type=int, help="processes; more than 1 needs PostgreSQL "
                                          "[IPPON_WORKERS; 1]")
@click.option("--demo", is_flag=True, help="fill an empty database with a demo tournament")
def serve_command(host: str | None, port: int | None, database: str | None,
                  workers: int | None, demo: bool) -> None:
    """Serve the API, the official's WebSocket and the live streams."""
    try:
        settings = Settings.load({"host": host, "port": port, "database": database,
                                  "workers": workers})
    except SettingsError as error:
        raise click.UsageError(str(error)) from None
    import uvicorn

    from ippon.live.hub import Hub
    from ippon.services.accounts import first_admin
    from ippon.services.context import Services
    from ippon.store.db import Database
    from ippon.store.migrate import upgrade

    db = Database(settings.database)
    upgrade(db)
    svc = Services(db, Hub())
    base = f"http://{settings.host}:{settings.port}"
    tournament = 1
    if demo:
        from ippon.services.demo import DEMO_ADMIN, seed_demo

        click.echo("ippon demo: preparing the demo tournament (a few seconds the first time)")
        credentials = seed_demo(svc)
        tournament = credentials.tournament_id
        click.echo(f"ippon demo: {credentials.summary}")
        click.echo(f"  admin sign-in: user {DEMO_ADMIN!r}, password {credentials.password!r}")
        for mat, pin in credentials.pins.items():
            page = f"{base}/mats/{credentials.mat_ids[mat]}"
            click.echo(f"  mat {mat}: official PIN {pin}, control page {page}/control, "
                       f"display {page}/display")
        click.echo(f"  public pages: {base}/   organiser's pages: {base}/admin")
    password = first_admin(svc)  # after the demo, which brings its own admin
    if password is not None:
        click.echo(f"ippon: created the first admin: user 'admin', password {password!r}")
    db.dispose()
    click.echo(f"ippon: serving {settings.database} at {base}/  (API docs: {base}/api/docs, "
               f"live: {base}/api/live/tournament/{tournament})")
    if settings.workers > 1:
        for name, value in (("HOST", settings.host), ("PORT", settings.port),
                            ("DATABASE", settings.database), ("WORKERS", settings.workers)):
            os.environ[f"IPPON_{name}"] = str(value)
        uvicorn.run("ippon.web.app:app_from_environment", factory=True, host=settings.host,
                    port=settings.port, workers=settings.workers, log_level="warning",
                    ws="websockets-sansio")
        return
    from ippon.web.app import create_app, tune_runtime

    app = create_app(settings)
    tune_runtime()
    uvicorn.run(app, host=settings.host, port=settings.port,
                log_level="warning", ws="websockets-sansio")
