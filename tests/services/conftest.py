from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from ippon.live.hub import Hub
from ippon.services import draws, registration, scheduling
from ippon.services.context import Actor, Services
from ippon.store.db import Database
from ippon.store.migrate import upgrade

ADMIN = Actor("admin:test", "admin", "127.0.0.1")


class Clock:
    """A hand-driven clock, so contest times in the tests are exact."""

    def __init__(self) -> None:
        self.now = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def svc(database_url: str, clock: Clock) -> Iterator[Services]:
    db = Database(database_url)
    upgrade(db)
    yield Services(db, Hub(), clock)
    db.dispose()


def small_tournament(svc: Services, athletes: int = 8) -> dict[str, int]:
    """One tournament, one mat, one category of `athletes`, drawn."""
    tid = registration.create_tournament(svc, ADMIN, name="Test Open", starts_on=date(2026, 6, 1))
    mat = scheduling.create_mat(svc, ADMIN, tournament_id=tid, number=1)
    cat = registration.create_category(svc, ADMIN, tournament_id=tid, name="M -73",
                                       gender="m", age_group="seniors", max_weight=73,
                                       min_weight=66, mat_id=mat)
    countries = ["JPN", "FRA", "GER", "NED", "BRA", "KOR", "GEO", "MGL"]
    for i in range(athletes):
        club = registration.create_club(svc, ADMIN, name=f"Club {i}",
                                        country=countries[i % len(countries)])
        aid = registration.create_athlete(svc, ADMIN, tournament_id=tid, family_name=f"Family{i}",
                                          given_name=f"Given{i}", gender="m", birth_year=2000,
                                          club_id=club, country=countries[i % len(countries)])
        registration.enter(svc, ADMIN, category_id=cat, athlete_id=aid)
    draw = draws.draw_category(svc, ADMIN, category_id=cat, seed=42)
    return {"tournament": tid, "mat": mat, "category": cat, "draw": draw}
