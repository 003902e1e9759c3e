from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from ippon.rules import Contest, event_from_json
from ippon.services import matches, snapshots
from ippon.services.context import Actor, Services
from ippon.services.draws import ruleset_for
from ippon.services.errors import Conflict, Forbidden, Invalid
from ippon.services.registration import row
from ippon.services.scheduling import current_contest
from ippon.store import schema as t

from .conftest import ADMIN, Clock, small_tournament


def official(mat: int) -> Actor:
    return Actor(f"official:mat{mat}", "official", "10.0.0.5", mat_id=mat)


def current(svc: Services, mat: int) -> int:
    with svc.db.read() as conn:
        found = current_contest(conn, mat)
    assert found is not None
    return int(found["id"])


def test_a_contest_runs_to_ippon_and_the_winner_moves_on(svc: Services, clock: Clock) -> None:
    ids = small_tournament(svc)
    ref = official(ids["mat"])
    first = current(svc, ids["mat"])
    ack = matches.command(svc, ref, contest_id=first, client_id="c1", payload={"type": "hajime"})
    assert (ack.seq, ack.duplicate, ack.status) == (1, False, "running")
    clock.advance(30)
    ack = matches.command(svc, ref, contest_id=first, client_id="c2",
                          payload={"type": "score", "side": "blue", "value": "ippon"})
    assert ack.status == "finished"
    with svc.db.read() as conn:
        contest = row(conn, t.contests, first, "contest")
        assert contest["outcome"]["winner"] == "blue"
        assert contest["outcome"]["method"] == "ippon"
        assert contest["outcome"]["time"] == 30.0
    second = current(svc, ids["mat"])
    assert second != first  # the mat calls the next contest
    matches.command(svc, ref, contest_id=second, client_id="d1", payload={"type": "hajime"})
    matches.command(svc, ref, contest_id=second, client_id="d2",
                    payload={"type": "hansoku-make", "side": "blue", "kind": "direct-technical"})
    with svc.db.read() as conn:
        winners = {row(conn, t.contests, c, "contest")["outcome"]["winner"]
                   for c in (first, second)}
        pair = {row(conn, t.contests, c, "contest")[f"{side}_entry_id"]
                for c, side in ((first, "blue"), (second, "white"))}
        later = conn.execute(sa.select(t.contests.c.white_entry_id, t.contests.c.blue_entry_id)
                             .where(t.contests.c.category_id == ids["category"],
                                    t.contests.c.status == "ready")).all()
    assert winners == {"white", "blue"}
    assert any(set(r) == pair for r in later), "the two winners should meet next"
    assert current(svc, ids["mat"]) != first
    latest = svc.hub.latest(f"category:{ids['category']}")
    assert latest is not None
    assert f'"id":{first}' in latest.data


def test_a_retry_is_applied_once(svc: Services, clock: Clock) -> None:
    ids = small_tournament(svc)
    contest = current(svc, ids["mat"])
    ref = official(ids["mat"])
    matches.command(svc, ref, contest_id=contest, client_id="a", payload={"type": "hajime"})
    clock.advance(5)
    shido = {"type": "shido", "side": "white"}
    first = matches.command(svc, ref, contest_id=contest, client_id="b", payload=shido)
    again = matches.command(svc, ref, contest_id=contest, client_id="b", payload=shido)
    assert (first.seq, first.duplicate) == (2, False)
    assert (again.seq, again.duplicate) == (2, True)
    with svc.db.read() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(t.contest_events)
                             .where(t.contest_events.c.contest_id == contest)).scalar()
    assert count == 2


@pytest.mark.parametrize(
    ("payload", "error", "message"),
    [({"type": "score", "side": "green", "value": "ippon"}, Invalid, "side must be one of"),
     ({"type": "dance"}, Invalid, "unknown event type"),
     ({"type": "osaekomi", "side": "white"}, Conflict, ".+"),
     ({"type": "finish"}, Conflict, "not decided")],
)
def test_a_malformed_or_illegal_command_is_explained_and_changes_nothing(
        svc: Services, payload: dict[str, object], error: type[Exception], message: str) -> None:
    ids = small_tournament(svc)
    contest = current(svc, ids["mat"])
    ref = official(ids["mat"])
    if payload["type"] == "osaekomi":
        matches.command(svc, ref, contest_id=contest, client_id="h", payload={"type": "hajime"})
        matches.command(svc, ref, contest_id=contest, client_id="m", payload={"type": "mate"})
    with svc.db.read() as conn:
        before = conn.execute(sa.select(t.contest_events.c.id)).all()
    with pytest.raises(error, match=message):
        matches.command(svc, ref, contest_id=contest, client_id="x", payload=payload)
    with svc.db.read() as conn:
        assert conn.execute(sa.select(t.contest_events.c.id)).all() == before


def test_an_official_of_another_mat_cannot_command(svc: Services) -> None:
    ids = small_tournament(svc)
    contest = current(svc, ids["mat"])
    with pytest.raises(Forbidden, match="your credential is for mat"):
        matches.command(svc, official(ids["mat"] + 1), contest_id=contest, client_id="x",
                        payload={"type": "hajime"})
    announcer = Actor("announcer", "announcer")
    with pytest.raises(Forbidden):
        matches.command(svc, announcer, contest_id=contest, client_id="x",
                        payload={"type": "hajime"})


def test_stored_log_replays_to_the_snapshot(svc: Services, clock: Clock) -> None:
    ids = small_tournament(svc)
    contest = current(svc, ids["mat"])
    ref = official(ids["mat"])
    script = [{"type": "hajime"}, {"type": "shido", "side": "blue"}, {"type": "mate"},
              {"type": "hajime"}, {"type": "score", "side": "white", "value": "waza-ari"},
              {"type": "cancel", "target": 5}, {"type": "mate"}]
    for n, payload in enumerate(script):
        clock.advance(7)
        matches.command(svc, ref, contest_id=contest, client_id=f"s{n}", payload=payload)
    with svc.db.read() as conn:
        c = row(conn, t.contests, contest, "contest")
        category = row(conn, t.categories, c["category_id"], "category")
        replay = Contest(ruleset_for(category))
        for r in conn.execute(sa.select(t.contest_events).where(
                t.contest_events.c.contest_id == contest).order_by(t.contest_events.c.seq)):
            replay.push(event_from_json({**r.payload, "at": r.at}, r.seq))
        view = snapshots.contest_live(conn, c, clock())
    state = replay.state_at(replay.events[-1].at)
    assert view["state"]["white"]["waza_ari"] == state.white.waza_ari == 0
    assert view["state"]["blue"]["shido"] == state.blue.shido == 1
    assert view["state"]["regular_time"] == state.regular_time == 14 + 21


def test_every_change_leaves_an_audit_row(svc: Services) -> None:
    small_tournament(svc, athletes=3)
    with svc.db.read() as conn:
        actions = [r.action for r in conn.execute(sa.select(t.audit_log.c.action))]
        actors = {r.actor for r in conn.execute(sa.select(t.audit_log.c.actor))}
    assert {"tournament.create", "mat.create", "category.create", "athlete.create",
            "entry.create", "draw.create"} <= set(actions)
    assert actors == {ADMIN.name}


def test_snapshots_carry_growing_sequence_numbers(svc: Services) -> None:
    ids = small_tournament(svc, athletes=4)
    topic = f"mat:{ids['mat']}"
    first = svc.hub.latest(topic)
    assert first is not None
    matches.command(svc, official(ids["mat"]), contest_id=current(svc, ids["mat"]),
                    client_id="h", payload={"type": "hajime"})
    second = svc.hub.latest(topic)
    assert second is not None
    assert second.seq > first.seq
    data = json.loads(second.data)
    assert data["current"]["state"]["clock_running"] is True
    # Pages stop a limited golden-score clock at its limit; this era's is unlimited.
    with svc.db.read() as conn:
        category = row(conn, t.categories, ids["category"], "category")
    limit = ruleset_for(category).golden_score_limit
    assert data["current"]["state"]["golden_score_limit"] == limit
    assert svc.snapshot(topic).seq == second.seq


def test_a_key_queued_offline_keeps_the_time_it_was_pressed(svc: Services, clock: Clock) -> None:
    ids = small_tournament(svc)
    contest = current(svc, ids["mat"])
    ref = official(ids["mat"])
    started = clock().timestamp()
    matches.command(svc, ref, contest_id=contest, client_id="a",
                    payload={"type": "hajime", "pressed_at": started})
    clock.advance(40)  # the mat was offline from 10 s to 40 s; two keys waited in its queue
    matches.command(svc, ref, contest_id=contest, client_id="b",
                    payload={"type": "shido", "side": "white", "pressed_at": started + 12})
    matches.command(svc, ref, contest_id=contest, client_id="c",
                    payload={"type": "mate", "pressed_at": started + 20.5})
    # No pressed_at, one from the future, one older than the queue may be: the arrival time.
    matches.command(svc, ref, contest_id=contest, client_id="d",
                    payload={"type": "hajime"})
    clock.advance(5)
    matches.command(svc, ref, contest_id=contest, client_id="e",
                    payload={"type": "mate", "pressed_at": started + 3600})
    clock.advance(5)
    matches.command(svc, ref, contest_id=contest, client_id="f",
                    payload={"type": "hajime", "pressed_at": started - 3600})
    with svc.db.read() as conn:
        times = conn.execute(sa.select(t.contest_events.c.at)
                             .where(t.contest_events.c.contest_id == contest)
                             .order_by(t.contest_events.c.seq)).scalars().all()
    assert times == [0.0, 12.0, 20.5, 40.0, 45.0, 50.0]


def test_a_pressed_time_never_goes_before_the_last_event(svc: Services, clock: Clock) -> None:
    ids = small_tournament(svc)
    contest = current(svc, ids["mat"])
    ref = official(ids["mat"])
    started = clock().timestamp()
    matches.command(svc, ref, contest_id=contest, client_id="a", payload={"type": "hajime"})
    clock.advance(30)
    matches.command(svc, ref, contest_id=contest, client_id="b", payload={"type": "mate"})
    clock.advance(5)
    # A key the browser stamped before the last stored event keeps the log in order.
    matches.command(svc, ref, contest_id=contest, client_id="c",
                    payload={"type": "hajime", "pressed_at": started + 10})
    with svc.db.read() as conn:
        times = conn.execute(sa.select(t.contest_events.c.at)
                             .where(t.contest_events.c.contest_id == contest)
                             .order_by(t.contest_events.c.seq)).scalars().all()
    assert times == [0.0, 30.0, 30.0]
