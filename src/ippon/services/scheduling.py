"""Mats and their contest queues: which category is fought where, in which order."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.errors import Conflict, Invalid
from ippon.services.registration import row
from ippon.store import schema as t


def create_mat(svc: Services, actor: Actor, *, tournament_id: int, number: int,
               name: str | None = None) -> int:
    require(actor, "admin")
    if not 1 <= number <= 99:
        raise Invalid(f"mat number {number} is out of range 1-99")
    with svc.transaction(actor) as tx:
        row(tx.conn, t.tournaments, tournament_id, "tournament")
        clash = tx.conn.execute(sa.select(t.mats.c.id).where(
            t.mats.c.tournament_id == tournament_id, t.mats.c.number == number)).first()
        if clash is not None:
            raise Conflict(f"mat {number} exists already")
        values = {"tournament_id": tournament_id, "number": number,
                  "name": name or f"Mat {number}"}
        mat_id = tx.insert(t.mats, values)
        tx.audit("mat.create", "mat", mat_id, after=values, tournament_id=tournament_id)
        tx.touch(f"mat:{mat_id}", f"tournament:{tournament_id}")
        return mat_id


def assign_category(svc: Services, actor: Actor, *, category_id: int, mat_id: int) -> None:
    """Fight a category on a mat; if it is drawn, its unfought contests join the mat's queue."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        category = row(tx.conn, t.categories, category_id, "category")
        mat = row(tx.conn, t.mats, mat_id, "mat")
        if mat["tournament_id"] != category["tournament_id"]:
            raise Invalid("the mat belongs to another tournament")
        tx.conn.execute(t.categories.update().where(t.categories.c.id == category_id)
                        .values(mat_id=mat_id))
        tx.audit("category.assign-mat", "category", category_id,
                 before={"mat_id": category["mat_id"]}, after={"mat_id": mat_id},
                 tournament_id=category["tournament_id"])
        old_mat = category["mat_id"]
        contests = [r.id for r in tx.conn.execute(
            sa.select(t.contests.c.id).where(t.contests.c.category_id == category_id,
                                             t.contests.c.status.in_(("waiting", "ready")))
            .order_by(t.contests.c.number))]
        if contests:
            tx.conn.execute(t.mat_queue.delete().where(t.mat_queue.c.contest_id.in_(contests)))
            enqueue(tx, mat_id, contests)
        tx.touch(f"mat:{mat_id}", f"category:{category_id}",
                 f"tournament:{category['tournament_id']}")
        if old_mat is not None:
            tx.touch(f"mat:{old_mat}")


def enqueue(tx: Tx, mat_id: int, contest_ids: list[int]) -> None:
    last = tx.conn.execute(sa.select(sa.func.max(t.mat_queue.c.position))
                           .where(t.mat_queue.c.mat_id == mat_id)).scalar()
    start = int(last or 0) + 1
    if contest_ids:
        tx.conn.execute(t.mat_queue.insert(), [
            {"mat_id": mat_id, "contest_id": cid, "position": start + i}
            for i, cid in enumerate(contest_ids)])


def queue(conn: Connection, mat_id: int, *, limit: int | None = None,
          open_only: bool = True) -> list[dict[str, Any]]:
    """The mat's contests in order; by default only those still to be fought or running."""
    q = (sa.select(t.contests).join(t.mat_queue, t.mat_queue.c.contest_id == t.contests.c.id)
         .where(t.mat_queue.c.mat_id == mat_id).order_by(t.mat_queue.c.position))
    if open_only:
        q = q.where(t.contests.c.status.in_(("waiting", "ready", "running")))
    if limit is not None:
        q = q.limit(limit)
    return [dict(r) for r in conn.execute(q).mappings()]


def mat_of_contest(conn: Connection, contest_id: int) -> int | None:
    found = conn.execute(sa.select(t.mat_queue.c.mat_id)
                         .where(t.mat_queue.c.contest_id == contest_id)).scalar()
    return None if found is None else int(found)


def current_contest(conn: Connection, mat_id: int) -> dict[str, Any] | None:
    """What the mat shows: the running contest, else the first one ready to be called."""
    contests = queue(conn, mat_id, limit=40)
    for status in ("running", "ready"):
        for contest in contests:
            if contest["status"] == status:
                return contest
    return None
