"""Setting a category's draw from given lines, for a draw made elsewhere (a JudoShiai file).

The same rows as `draws.draw_category` writes, except that the lines are given instead of drawn:
the draw row (seed 0: there is no random draw to re-run; the graph says where the lines came
from), one contests row per contest of the system, the mat queue, and the engine's view of who
meets whom (`draws.rederive`)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from ippon.services.context import Tx
from ippon.services.draws import rederive, ruleset_for
from ippon.services.errors import Conflict, Invalid
from ippon.services.registration import row
from ippon.services.scheduling import enqueue
from ippon.store import schema as t
from ippon.tournament.model import SystemSizeError, UnknownSystemError
from ippon.tournament.systems import build


def set_draw(tx: Tx, category_id: int, system: str, lines: Sequence[int | None], *,
             source: str) -> int:
    """Draw the category with these lines (entry ids, None for an empty line), if it has no
    draw yet; return the draw's id. `source` names where the lines come from."""
    category = row(tx.conn, t.categories, category_id, "category")
    if tx.conn.execute(sa.select(t.draws.c.id)
                       .where(t.draws.c.category_id == category_id)).first() is not None:
        raise Conflict(f"{category['name']} is drawn already")
    entries = set(tx.conn.execute(sa.select(t.entries.c.id).where(
        t.entries.c.category_id == category_id, t.entries.c.status != "withdrawn")).scalars())
    placed = [e for e in lines if e is not None]
    if len(set(placed)) != len(placed) or set(placed) != entries:
        raise Invalid(f"{category['name']}: the lines must hold each entry of the category once")
    try:
        contests = build(system, len(lines)).contests
    except (SystemSizeError, UnknownSystemError) as error:
        raise Invalid(f"{category['name']}: {error}") from None
    graph = {"system": system, "lines": list(lines), "source": source}
    draw_id = tx.insert(t.draws, {"category_id": category_id, "seed": 0, "system": system,
                                  "graph": graph, "created_at": tx.now})
    tx.audit("draw.create", "draw", draw_id, after={"seed": 0, **graph},
             tournament_id=category["tournament_id"])
    ruleset = ruleset_for(category)
    contest_ids = [tx.insert(t.contests, {
        "tournament_id": category["tournament_id"], "category_id": category_id,
        "draw_id": draw_id, "number": c.number, "ruleset": ruleset.key, "status": "waiting",
        "created_at": tx.now}) for c in contests]
    if category["mat_id"] is not None:
        enqueue(tx, category["mat_id"], contest_ids)
    rederive(tx, category_id)
    tx.touch(f"tournament:{category['tournament_id']}")
    return draw_id
