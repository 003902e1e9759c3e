from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from ippon.services import announcing, matches, public, registration
from ippon.services.context import Actor, Services
from ippon.services.errors import Forbidden, Invalid
from ippon.services.scheduling import current_contest
from ippon.store import schema as t

from .conftest import ADMIN, Clock, small_tournament

ANNOUNCER = Actor("announcer:ann", "announcer", "127.0.0.1")
OFFICIAL = Actor("official:mat 1 (token 1)", "official", "127.0.0.1", 1)


def first_mat_call(svc: Services, tid: int) -> public.MatCall:
    with svc.db.read() as conn:
        view = public.announcements(conn, tid, svc.clock())
    return view.mats[0]


def test_only_announcers_and_admins_mark_calls(svc: Services) -> None:
    ids = small_tournament(svc, athletes=4)
    key = first_mat_call(svc, ids["tournament"]).key
    for actor in (OFFICIAL, Actor("public", "public", "x")):  # type: ignore[arg-type]
        with pytest.raises(Forbidden):
            announcing.mark_called(svc, actor, ids["tournament"], key, True)
    assert announcing.mark_called(svc, ADMIN, ids["tournament"], key, True) is not None


def test_an_unknown_key_is_refused(svc: Services) -> None:
    ids = small_tournament(svc, athletes=4)
    for key in ("mat:9:contest:1", "ceremony:category:1", "nonsense", ""):
        with pytest.raises(Invalid):
            announcing.mark_called(svc, ANNOUNCER, ids["tournament"], key, True)
    with pytest.raises(Invalid, match="no call"):
        announcing.mark_called(svc, ANNOUNCER, ids["tournament"], "mat:9:contest:1", False)


def test_mark_then_undo_audited_and_published(svc: Services, clock: Clock) -> None:
    ids = small_tournament(svc, athletes=4)
    tid = ids["tournament"]
    calls = public.announcements
    with svc.db.read() as conn:
        first, second = calls(conn, tid, clock()).mats[:2]
    topic = f"tournament:{tid}"
    before = svc.hub.latest(topic)

    made = announcing.mark_called(svc, ANNOUNCER, tid, second.key, True)
    assert made == public.Made(clock.now, "announcer:ann")
    published = svc.hub.latest(topic)
    assert published is not None
    assert published is not before
    with svc.db.read() as conn:
        view = calls(conn, tid, clock())
    # The call made goes after the ones still to make, with its time and who made it.
    assert [c.key for c in view.mats] == [first.key, second.key]
    assert (view.mats[0].made, view.mats[1].made) == (None, made)

    clock.advance(60)  # marking it again keeps the first time, and writes nothing
    assert announcing.mark_called(svc, ADMIN, tid, second.key, True) == made
    announcing.mark_called(svc, ANNOUNCER, tid, first.key, True)
    with svc.db.read() as conn:
        assert [c.key for c in calls(conn, tid, clock()).mats] == [first.key, second.key]

    assert announcing.mark_called(svc, ANNOUNCER, tid, second.key, False) is None
    with svc.db.read() as conn:
        view = calls(conn, tid, clock())
        rows = conn.execute(sa.select(t.audit_log).where(
            t.audit_log.c.action == "announcer.call").order_by(t.audit_log.c.id)).mappings().all()
    assert [c.key for c in view.mats] == [second.key, first.key]
    assert [(r["entity_id"], r["tournament_id"], r["actor"]) for r in rows] == [
        (second.key, tid, "announcer:ann"), (first.key, tid, "announcer:ann"),
        (second.key, tid, "announcer:ann")]
    assert rows[2]["after"] is None
    assert made is not None
    assert _json(rows[2]["before"])["at"] == made.at.isoformat()


def _json(value: object) -> dict[str, str]:
    found = json.loads(value) if isinstance(value, str) else value
    assert isinstance(found, dict)
    return found


def test_weigh_in_and_ceremony_calls(svc: Services) -> None:
    ids = small_tournament(svc, athletes=2)
    tid = ids["tournament"]
    waiting = registration.create_category(svc, ADMIN, tournament_id=tid, name="M -81",
                                           gender="m", age_group="seniors", max_weight=81)
    athlete = registration.create_athlete(svc, ADMIN, tournament_id=tid, family_name="Late",
                                          given_name="Lou", gender="m", birth_year=2001)
    registration.enter(svc, ADMIN, category_id=waiting, athlete_id=athlete)
    weigh_key = f"weigh-in:category:{waiting}"
    announcing.mark_called(svc, ANNOUNCER, tid, weigh_key, True)

    ceremony_key = f"ceremony:category:{ids['category']}"
    with pytest.raises(Invalid):  # not finished yet
        announcing.mark_called(svc, ANNOUNCER, tid, ceremony_key, True)
    for n in range(5):  # fight the category to its end
        with svc.db.read() as conn:
            found = current_contest(conn, ids["mat"])
        if found is None:
            break
        for i, payload in enumerate([{"type": "hajime"},
                                     {"type": "score", "side": "white", "value": "ippon"}]):
            matches.command(svc, ADMIN, contest_id=found["id"], client_id=f"c{n}{i}",
                            payload=payload)
    announcing.mark_called(svc, ANNOUNCER, tid, ceremony_key, True)
    with svc.db.read() as conn:
        view = public.announcements(conn, tid, svc.clock())
    assert [(c.key, c.made is not None) for c in view.weigh_in] == [(weigh_key, True)]
    assert [(c.key, c.made is not None) for c in view.ceremonies] == [(ceremony_key, True)]


def test_a_call_that_is_gone_can_still_be_undone(svc: Services) -> None:
    ids = small_tournament(svc, athletes=2)
    tid = ids["tournament"]
    waiting = registration.create_category(svc, ADMIN, tournament_id=tid, name="M -90",
                                           gender="m", age_group="seniors", max_weight=90)
    athlete = registration.create_athlete(svc, ADMIN, tournament_id=tid, family_name="Slow",
                                          given_name="Sam", gender="m", birth_year=2001)
    entry = registration.enter(svc, ADMIN, category_id=waiting, athlete_id=athlete)
    key = f"weigh-in:category:{waiting}"
    announcing.mark_called(svc, ANNOUNCER, tid, key, True)
    registration.weigh_in(svc, ADMIN, entry_id=entry, weight=88)
    with svc.db.read() as conn:
        assert key not in public.call_keys(conn, tid)
    with pytest.raises(Invalid):
        announcing.mark_called(svc, ANNOUNCER, tid, key, True)
    assert announcing.mark_called(svc, ANNOUNCER, tid, key, False) is None


def test_the_tournament_must_exist(svc: Services) -> None:
    registration.create_tournament(svc, ADMIN, name="Other", starts_on=date(2026, 6, 1))
    with pytest.raises(Exception, match="no tournament"):
        announcing.mark_called(svc, ANNOUNCER, 999, "mat:1:contest:1", True)
