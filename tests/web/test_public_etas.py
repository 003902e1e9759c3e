"""The athlete page shows the ETA of the organiser's plan: after the lunch break, not the mat's
queue walked through it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from ippon.live.hub import Hub
from ippon.services import etas, planning
from ippon.services.context import Services
from ippon.store import schema as t
from ippon.store.db import Database
from ippon.store.migrate import upgrade
from ippon.web import public
from services.conftest import ADMIN, Clock
from services.test_schedule_days import at, event


@pytest.fixture
def svc(database_url: str) -> Iterator[Services]:
    db = Database(database_url)
    upgrade(db)
    yield Services(db, Hub(), Clock())
    db.dispose()


def test_the_athlete_page_shows_the_planned_time_after_lunch(svc: Services) -> None:
    tid = event(svc, (5, 5))
    planning.set_days(svc, ADMIN, tid, [{"start": "09:00", "end": "", "finals": ""}],
                      [{"day": 1, "start": "09:10", "end": "09:40", "label": "Lunch"}])
    plan = planning.plan_day(svc, ADMIN, tid)
    # Someone whose first contest comes after lunch.
    slot = min((s for s in plan.slots() if s.start >= at(1, 9, 40)
                and all(plan.eta(a) == s for a in s.athletes)), key=lambda s: s.start)
    assert slot.white is not None
    with svc.db.read() as conn:
        athlete = conn.execute(sa.select(t.entries.c.athlete_id)
                               .where(t.entries.c.id == int(slot.white))).scalar_one()
        contest = conn.execute(sa.select(t.contests.c.id).where(
            t.contests.c.category_id == planning.day(conn, tid).categories[slot.category],
            t.contests.c.number == slot.contest)).scalar_one()
        queued = etas.by_queue(conn, tid, at(1, 9, 0))[contest]
    app = FastAPI()
    public.install(app)
    app.state.services = svc

    async def get(path: str) -> str:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://ippon.test") as client:
            return (await client.get(path)).text

    page = asyncio.run(get(f"/athletes/{athlete}"))
    shown = page[page.index('id="next"'):]
    shown = shown[:shown.index("</p>")]
    assert f'data-contest="{contest}"' in shown
    assert f'<time datetime="{slot.start.isoformat()}">' in shown
    assert slot.start >= at(1, 9, 40) > queued  # the queue alone would say during lunch
