"""The application factory: one database, one hub, the services, and the routers."""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ippon import __version__
from ippon.live.bridge import NotifyBridge
from ippon.live.hub import Hub
from ippon.services.accounts import first_admin, instance_secret
from ippon.services.context import Services
from ippon.settings import Settings
from ippon.store.db import Database
from ippon.store.migrate import upgrade
from ippon.web import admin, admin_exports, api, errors, live, mat_pages, official, public

log = logging.getLogger("ippon")

# Writing routes anyone may call: signing in is how one gets a role.
PUBLIC_WRITES = frozenset({"/api/login", "/api/login/pin", "/api/logout"})


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.database)
        await asyncio.to_thread(upgrade, db)  # the server upgrades its database on start
        hub = Hub()
        hub.attach(asyncio.get_running_loop())
        svc = Services(db, hub)
        app.state.services = svc
        app.state.settings = settings
        app.state.secret_key = await asyncio.to_thread(instance_secret, svc, settings.secret_key)
        password = await asyncio.to_thread(first_admin, svc)
        if password is not None:
            log.warning("ippon: created the first admin: user 'admin', password %r "
                        "(change it, or create another with `ippon admin create`)", password)
        bridge = None
        if not db.is_sqlite:
            bridge = NotifyBridge(db.url.replace("+psycopg", ""), hub, svc.snapshot)
            await asyncio.to_thread(bridge.start)
        try:
            yield
        finally:
            if bridge is not None:
                await asyncio.to_thread(bridge.stop)
            db.dispose()

    app = FastAPI(title="ippon", version=__version__, lifespan=lifespan,
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    errors.install(app)
    app.include_router(api.router)
    app.include_router(live.router)
    app.include_router(official.router)
    mat_pages.install(app)  # the mat's control page and display, with their static files
    admin.install(app)  # the organiser's pages, with htmx and their style
    app.include_router(admin_exports.router)  # downloads and printed sheets
    public.install(app)  # the public pages (and `/`, their front door), with their static files
    return app


def app_from_environment() -> FastAPI:
    """For `uvicorn --factory` with several workers: settings come from IPPON_* variables."""
    app = create_app(Settings.load())
    tune_runtime()
    return app


def tune_runtime() -> None:
    """Keep the interpreter's own pauses off the live path (the server calls this once its code
    is loaded). Both were measured with benchmarks/bench_live.py (2,000 streams, 12 mats).

    The garbage collector: with thousands of open streams, Python's default thresholds stopped
    the event loop for 100-300 ms every ten seconds, a full pass walking some 400,000 objects
    because every subscriber's pending wait outlives a young collection (p99 300-600 ms). What
    is loaded at start is frozen (never garbage); middle passes come often so that each stays
    short (a burst of new connections is promoted in small batches); a full pass waits for a
    thousand of them. Objects freed by reference counting, nearly all, go at once as before.

    The thread switch interval: a service waiting on the database gives up the interpreter
    lock at every query and must win it back from the event loop, which keeps it for up to the
    interval while it writes to thousands of streams. A command makes some twenty queries; at
    1 ms instead of 5 ms, PostgreSQL's p99 went from 36-66 ms to about 30 ms."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(5_000, 5, 1_000)
    sys.setswitchinterval(0.001)
