"""Contest commands from the table official: append the event, fold, commit, then acknowledge.

A command is one contest-log event without its time (`{"type": "score", "side": "blue",
"value": "waza-ari"}`) plus a client id. The server stamps the time (seconds since the contest's
first event) and the line (its sequence number). A retry with the same client id is answered
with the first answer and changes nothing. An event the rules refuse is not stored; the official
reads why. `{"type": "finish"}` asks the server to close a contest that time has decided (the
bell needs no event of its own)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.rules import Contest, IllegalEvent, LogFormatError, Outcome, State, event_from_json
from ippon.services.access import require_mat
from ippon.services.context import Actor, Services, Tx
from ippon.services.draws import rederive, ruleset_for
from ippon.services.errors import Conflict, Invalid, NotFound
from ippon.services.registration import row
from ippon.services.results import guard_correction
from ippon.services.scheduling import mat_of_contest
from ippon.store import schema as t

MAX_CLIENT_ID = 64
# How long a mat may have been offline for its queued keys to keep the time they were pressed.
MAX_QUEUED_SECONDS = 600.0


@dataclass(frozen=True, slots=True)
class Ack:
    contest_id: int
    seq: int  # the event's line in the contest log (0 for `finish`)
    duplicate: bool  # this client id was applied before; nothing changed now
    status: str


def load_contest(conn: Connection, contest: dict[str, Any]) -> Contest:
    """Fold the stored log: the same replay anyone can run from the published contest log."""
    category = row(conn, t.categories, contest["category_id"], "category")
    folded = Contest(ruleset_for(category))
    for seq, at, payload in conn.execute(
            sa.select(t.contest_events.c.seq, t.contest_events.c.at, t.contest_events.c.payload)
            .where(t.contest_events.c.contest_id == contest["id"])
            .order_by(t.contest_events.c.seq)):
        # Stored events were accepted when they came; the fold keeps any later refusal itself.
        with suppress(IllegalEvent):
            folded.push(event_from_json({**payload, "at": at}, seq))
    return folded


def contest_seconds(contest: dict[str, Any], now: datetime) -> float:
    started = contest["started_at"]
    return 0.0 if started is None else max(0.0, (now - started).total_seconds())


def pressed_time(pressed_at: object, now: datetime) -> datetime:
    """When the official pressed the key: the browser's estimate of server time (epoch seconds),
    trusted if it lies in the last `MAX_QUEUED_SECONDS`; otherwise (or when absent) now."""
    if isinstance(pressed_at, bool) or not isinstance(pressed_at, int | float):
        return now
    age = now.timestamp() - float(pressed_at)
    if not 0.0 <= age <= MAX_QUEUED_SECONDS:
        return now
    return now - timedelta(seconds=age)


def outcome_json(outcome: Outcome, state: State) -> dict[str, Any]:
    return {"winner": outcome.winner, "method": outcome.method, "value": outcome.value,
            "decided_by": outcome.decided_by, "golden_score": outcome.golden_score,
            "excluded": outcome.excluded,
            "time": round(state.regular_time + state.golden_score_time, 1)}


def command(svc: Services, actor: Actor, *, contest_id: int, client_id: str,
            payload: dict[str, Any]) -> Ack:
    if not isinstance(client_id, str) or not 0 < len(client_id) <= MAX_CLIENT_ID:
        raise Invalid(f"client_id must be text of 1 to {MAX_CLIENT_ID} characters")
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        raise Invalid('a command is a JSON object with a "type", e.g. {"type": "hajime"}')
    if payload["type"] == "decision":
        raise Invalid("a decision is the organiser's correction, made on the corrections page")
    with svc.transaction(actor) as tx:
        contest = _lock(tx, contest_id)
        mat_id = mat_of_contest(tx.conn, contest_id)
        require_mat(actor, mat_id)
        seen = tx.conn.execute(sa.select(t.contest_events.c.seq).where(
            t.contest_events.c.contest_id == contest_id,
            t.contest_events.c.client_id == client_id)).scalar()
        if seen is not None:
            return Ack(contest_id, int(seen), True, contest["status"])
        if contest["status"] in ("waiting", "skipped"):
            raise Conflict(f"contest {contest['number']} is {contest['status']}: "
                           "it has no two athletes to fight")
        folded = load_contest(tx.conn, contest)
        if payload["type"] == "finish":
            return _finish(tx, contest, folded, mat_id)
        # A key pressed while the mat was offline counts when it was pressed, not on arrival.
        pressed = pressed_time(payload.get("pressed_at"), tx.now)
        started = contest["started_at"] or pressed
        at = max(contest_seconds({"started_at": started}, pressed),
                 folded.events[-1].at if folded.events else 0.0)
        seq = contest["event_count"] + 1
        try:
            event = event_from_json({**payload, "at": at}, seq)
            folded.push(event)
        except LogFormatError as error:
            raise Invalid(error.message) from None
        except IllegalEvent as error:
            raise Conflict(error.message) from None
        stored = {k: v for k, v in payload.items() if k not in ("at", "client_id")}
        tx.conn.execute(t.contest_events.insert().values(
            tournament_id=contest["tournament_id"], contest_id=contest_id, seq=seq, at=at,
            payload=stored, client_id=client_id, actor=actor.name, recorded_at=tx.now,
            origin=actor.origin))
        status = _settle(tx, contest, folded, at, {"event_count": seq, "started_at": started})
        _touch(tx, contest, mat_id, overview=status != contest["status"])
        return Ack(contest_id, seq, False, status)


def append_decision(tx: Tx, contest: dict[str, Any], payload: dict[str, Any]) -> Contest:
    """Append an organiser's `decision` to the contest's log (after its last line, at its last
    moment) and store the outcome its replay gives; the caller audits and re-derives."""
    folded = load_contest(tx.conn, contest)
    at = folded.events[-1].at if folded.events else 0.0
    seq = contest["event_count"] + 1
    try:
        folded.push(event_from_json({**payload, "at": at}, seq))
    except LogFormatError as error:
        raise Invalid(error.message) from None
    except IllegalEvent as error:
        raise Conflict(error.message) from None
    tx.conn.execute(t.contest_events.insert().values(
        tournament_id=contest["tournament_id"], contest_id=contest["id"], seq=seq, at=at,
        payload=payload, client_id=f"decision-{seq}", actor=tx.actor.name,
        recorded_at=tx.now, origin=tx.actor.origin))
    state = folded.state_at(at)
    outcome = state.outcome
    values: dict[str, Any] = {"event_count": seq, "started_at": contest["started_at"] or tx.now,
                              "outcome": None if outcome is None else outcome_json(outcome, state)}
    # A void decision leaves the contest to be fought again; re-deriving says by whom.
    values["status"] = "finished" if outcome is not None else "ready"
    tx.conn.execute(t.contests.update().where(t.contests.c.id == contest["id"]).values(**values))
    return folded


def _lock(tx: Tx, contest_id: int) -> dict[str, Any]:
    """The contest row, locked on PostgreSQL so that commands to one contest queue up."""
    q = sa.select(t.contests).where(t.contests.c.id == contest_id)
    if tx.conn.dialect.name == "postgresql":
        q = q.with_for_update()
    found = tx.conn.execute(q).mappings().first()
    if found is None:
        raise NotFound(f"there is no contest with id {contest_id}")
    return dict(found)


def _settle(tx: Tx, contest: dict[str, Any], folded: Contest, at: float,
            values: dict[str, Any]) -> str:
    """Store the contest's status and outcome at `at`; a new or changed result re-derives the
    category (who meets whom next)."""
    state = folded.state_at(at)
    outcome = state.outcome
    values["status"] = "finished" if outcome is not None else "running"
    values["outcome"] = None if outcome is None else outcome_json(outcome, state)
    if contest["status"] == "finished" and values["outcome"] != contest["outcome"]:
        guard_correction(tx.conn, contest, values["outcome"])
    tx.conn.execute(t.contests.update().where(t.contests.c.id == contest["id"]).values(**values))
    changed = values["outcome"] != contest["outcome"] or values["status"] != contest["status"]
    decided = "finished" in (values["status"], contest["status"])
    if changed and decided and contest["category_id"] is not None:
        rederive(tx, contest["category_id"])
    return str(values["status"])


def _finish(tx: Tx, contest: dict[str, Any], folded: Contest, mat_id: int | None) -> Ack:
    if contest["status"] == "finished":
        return Ack(contest["id"], 0, True, "finished")
    at = contest_seconds(contest, tx.now)
    if folded.state_at(at).outcome is None:
        raise Conflict("the contest is not decided yet; it cannot be closed")
    status = _settle(tx, contest, folded, at, {})
    tx.audit("contest.finish", "contest", contest["id"], after={"status": status},
             tournament_id=contest["tournament_id"])
    _touch(tx, contest, mat_id, overview=True)
    return Ack(contest["id"], 0, False, status)


def _touch(tx: Tx, contest: dict[str, Any], mat_id: int | None, *, overview: bool) -> None:
    """The mat shows the scoreboard, so every command changes it; the category and tournament
    pages show who fights and who won, which only a change of status alters."""
    if mat_id is not None:
        tx.touch(f"mat:{mat_id}")
    if overview:
        tx.touch(f"tournament:{contest['tournament_id']}")
        if contest["category_id"] is not None:
            tx.touch(f"category:{contest['category_id']}")
