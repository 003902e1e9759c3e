"""The announcer marks a call as made ("Mat 3: contest 12, SMITH – DOE", a weigh-in call, a medal
ceremony), or undoes it. The calls made are one tournament setting; every announcer's page
follows the tournament's live topic, so a call marked on one desk shows on all of them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from ippon.services import public, settings
from ippon.services.access import require
from ippon.services.context import Actor, Services
from ippon.services.errors import Invalid, NotFound
from ippon.store import schema as t

MAX_KEY = 120


def mark_called(svc: Services, actor: Actor, tournament_id: int, key: str,
                made: bool) -> public.Made | None:
    """Mark the call `key` made (`made`) or not; returns the call's state afterwards. Marking a
    call made twice keeps the first time; undoing is allowed for a call no longer listed."""
    require(actor, "admin", "announcer")
    if not key or len(key) > MAX_KEY:
        raise Invalid(f"a call key has 1 to {MAX_KEY} characters")
    with svc.transaction(actor) as tx:
        # Locks the tournament's row on PostgreSQL, so two desks marking calls at once do not
        # overwrite each other's change of the one settings document.
        if tx.conn.execute(sa.select(t.tournaments.c.id).where(
                t.tournaments.c.id == tournament_id).with_for_update()).first() is None:
            raise NotFound(f"there is no tournament {tournament_id}")
        stored: dict[str, dict[str, str]] = settings.get(tx.conn, tournament_id,
                                                         public.CALLS) or {}
        before = stored.get(key)
        if (made or before is None) and key not in public.call_keys(tx.conn, tournament_id):
            raise Invalid(f"there is no call {key!r} on the announcer's page now (keys look like "
                          "mat:3:contest:12, weigh-in:category:5 or ceremony:category:5)")
        if made == (before is not None):
            return _state(before)  # nothing changes: no write, no audit row
        after: dict[str, str] | None = None
        if made:
            after = stored[key] = {"at": tx.now.isoformat(), "by": actor.name}
        else:
            del stored[key]
        settings.put(tx, tournament_id, public.CALLS, stored)
        tx.audit("announcer.call", "call", key, before=before, after=after,
                 tournament_id=tournament_id)
        tx.touch(f"tournament:{tournament_id}")
        return _state(after)


def _state(stored: dict[str, str] | None) -> public.Made | None:
    if stored is None:
        return None
    return public.Made(datetime.fromisoformat(stored["at"]), stored["by"])
