from __future__ import annotations

import pytest

from ippon.services import matches, results
from ippon.services.context import Services
from ippon.services.errors import Conflict
from ippon.services.registration import row
from ippon.services.scheduling import current_contest
from ippon.store import schema as t

from .conftest import ADMIN, Clock, small_tournament


def fight(svc: Services, mat: int, winner: str, tag: str) -> int:
    with svc.db.read() as conn:
        found = current_contest(conn, mat)
    assert found is not None
    for n, payload in enumerate([{"type": "hajime"},
                                 {"type": "score", "side": winner, "value": "ippon"}]):
        matches.command(svc, ADMIN, contest_id=found["id"], client_id=f"{tag}{n}",
                        payload=payload)
    return int(found["id"])


def test_impact_then_correction_in_the_log(svc: Services, clock: Clock) -> None:
    ids = small_tournament(svc, athletes=4)  # a pool of four: six contests
    first = fight(svc, ids["mat"], "white", "a")
    shown = results.correction_impact(svc, contest_id=first, winner="blue")
    assert shown["void"] == []  # nothing else in the pool depends on who won it yet
    clock.advance(5)
    matches.command(svc, ADMIN, contest_id=first, client_id="fix1",
                    payload={"type": "cancel", "target": 2})
    with svc.db.read() as conn:
        assert row(conn, t.contests, first, "contest")["status"] == "running"


def test_a_correction_that_voids_a_fought_contest_is_refused(svc: Services) -> None:
    ids = small_tournament(svc, athletes=8)  # a bracket: quarter-finals feed semi-finals
    quarter_one = fight(svc, ids["mat"], "white", "q1")
    with svc.db.read() as conn:
        winner = row(conn, t.contests, quarter_one, "contest")["white_entry_id"]
    for n in range(2, 8):  # fight on, in order of play, until the winner has fought again
        later = fight(svc, ids["mat"], "white", f"c{n}")
        with svc.db.read() as conn:
            if winner in (row(conn, t.contests, later, "contest")[k]
                          for k in ("white_entry_id", "blue_entry_id")):
                break
    else:
        raise AssertionError("the winner of contest 1 never fought again")
    shown = results.correction_impact(svc, contest_id=quarter_one, winner="blue")
    assert shown["contests"], "the semi-final's athletes would change"
    with pytest.raises(Conflict, match="already fought"):
        matches.command(svc, ADMIN, contest_id=quarter_one, client_id="undo",
                        payload={"type": "cancel", "target": 2})
