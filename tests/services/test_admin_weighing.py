"""The weigh-in desk's use cases: the check with tolerance, a refused reading in the audit log,
a move to another category, who has not weighed in, absentees and fusen-gachi."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from ippon.services import draws, people, setup, weighing
from ippon.services.context import Actor, Services
from ippon.services.errors import Conflict, Forbidden, Invalid
from ippon.store import schema as t

from .conftest import ADMIN

BASE = setup.Settings("Scale Cup", date(2026, 6, 6), date(2026, 6, 6), mats=1)


def event(svc: Services, athletes: int, tolerance: float = 0.0) -> dict[str, int]:
    tid = setup.create(svc, ADMIN, replace(BASE, official_tolerance_kg=tolerance))
    with svc.transaction(ADMIN) as tx:
        cats = [tx.insert(t.categories, {
            "tournament_id": tid, "name": name, "gender": "m", "age_group": "seniors",
            "max_weight": top, "min_weight": bottom, "ruleset": "ijf2025", "system": "auto",
            "created_at": tx.now}) for name, top, bottom in (("M -66", 66.0, 60.0),
                                                              ("M -73", 73.0, 66.0))]
    entries = {}
    for i in range(athletes):
        aid = people.register(svc, ADMIN, tid, people.Registration(
            f"Fam{i}", "G", "m", 2000, f"Club{i}", ("JPN", "FRA", "GER", "NED")[i % 4],
            cats[0]))
        with svc.db.read() as conn:
            entries[i] = conn.execute(sa.select(t.entries.c.id)
                                      .where(t.entries.c.athlete_id == aid)).scalar_one()
    return {"tournament": tid, "light": cats[0], "heavy": cats[1],
            **{f"e{i}": e for i, e in entries.items()}}


def entry(svc: Services, entry_id: int) -> sa.RowMapping:
    with svc.db.read() as conn:
        return conn.execute(sa.select(t.entries).where(t.entries.c.id == entry_id)
                            ).mappings().one()


def actions(svc: Services) -> list[str]:
    with svc.db.read() as conn:
        return list(conn.execute(sa.select(t.audit_log.c.action)
                                 .order_by(t.audit_log.c.id)).scalars())


def test_a_weight_within_the_limit_is_recorded(svc: Services) -> None:
    e = event(svc, 2)
    result = weighing.weigh(svc, ADMIN, entry_id=e["e0"], weight=Decimal("65.9"))
    assert result.accepted
    assert (entry(svc, e["e0"])["status"], entry(svc, e["e0"])["weight"]) == ("weighed", 65.9)
    with svc.db.read() as conn:
        missing, total = weighing.not_weighed(conn, e["tournament"])
    assert total == 1
    assert [m["id"] for m in missing] == [e["e1"]]


def test_over_the_limit_is_refused_audited_and_the_entry_unchanged(svc: Services) -> None:
    e = event(svc, 1)
    result = weighing.weigh(svc, ADMIN, entry_id=e["e0"], weight=Decimal("66.3"))
    assert not result.accepted
    assert "0.3 kg over" in result.message
    assert entry(svc, e["e0"])["status"] == "registered"
    assert actions(svc)[-1] == "entry.weigh-in-refused"


def test_the_setup_tolerance_accepts_a_little_over(svc: Services) -> None:
    e = event(svc, 1, tolerance=0.5)
    assert weighing.weigh(svc, ADMIN, entry_id=e["e0"], weight=Decimal("66.3")).accepted


def test_moving_keeps_the_weight_and_checks_it_against_the_new_limit(svc: Services) -> None:
    e = event(svc, 1)
    weighing.weigh(svc, ADMIN, entry_id=e["e0"], weight=Decimal("65"))
    message = weighing.move(svc, ADMIN, entry_id=e["e0"], category_id=e["heavy"])
    assert message == "moved from M -66 to M -73"
    moved = entry(svc, e["e0"])
    assert (moved["category_id"], moved["status"]) == (e["heavy"], "registered")  # 65 ≤ 66
    assert actions(svc)[-1] == "entry.move"
    with pytest.raises(Invalid, match="already"):
        weighing.move(svc, ADMIN, entry_id=e["e0"], category_id=e["heavy"])


def test_an_absent_athlete_in_a_drawn_category_loses_by_fusen_gachi(svc: Services) -> None:
    e = event(svc, 4)
    draws.draw_category(svc, ADMIN, category_id=e["light"], seed=3)
    with pytest.raises(Conflict, match="drawn"):
        weighing.move(svc, ADMIN, entry_id=e["e0"], category_id=e["heavy"])
    weighing.mark_absent(svc, ADMIN, entry_id=e["e0"])
    with svc.db.read() as conn:
        contests = conn.execute(sa.select(t.contests).where(
            sa.or_(t.contests.c.white_entry_id == e["e0"],
                   t.contests.c.blue_entry_id == e["e0"]))).mappings().all()
    assert contests
    assert all(c["status"] == "skipped" for c in contests)
    assert all(c["outcome"]["method"] == "fusen-gachi" for c in contests)
    assert actions(svc)[-1] == "entry.absent"
    with pytest.raises(Conflict, match="already"):
        weighing.mark_absent(svc, ADMIN, entry_id=e["e0"])


def test_implausible_weights_and_other_roles_are_refused(svc: Services) -> None:
    e = event(svc, 1)
    with pytest.raises(Invalid):
        weighing.parse_weight("734")
    assert weighing.parse_weight("73,4 kg") == Decimal("73.4")
    for write in (lambda a: weighing.weigh(svc, a, entry_id=e["e0"], weight=Decimal(60)),
                  lambda a: weighing.move(svc, a, entry_id=e["e0"], category_id=e["heavy"]),
                  lambda a: weighing.mark_absent(svc, a, entry_id=e["e0"])):
        with pytest.raises(Forbidden):
            write(Actor("mat 1", "official", mat_id=1))


def test_an_athlete_without_a_category_is_placed_by_the_table(svc: Services) -> None:
    tid = setup.create(svc, ADMIN, replace(BASE, category_table="kids-example"))
    aid = people.register(svc, ADMIN, tid, people.Registration("Kind", "K", "f", 2014))
    message = weighing.weigh_unplaced(svc, ADMIN, athlete_id=aid, weight=Decimal("31.5"))
    assert message == "31.5 kg: entered in U13 Girls -33 kg"
    with svc.db.read() as conn:
        found = people.search(conn, tid, str(aid)).rows[0]["entries"]
    assert [(e["category"], e["status"], e["weight"]) for e in found] == [
        ("U13 Girls -33 kg", "weighed", 31.5)]
    other = people.register(svc, ADMIN, tid, people.Registration("Kind", "L", "f", 2014))
    weighing.weigh_unplaced(svc, ADMIN, athlete_id=other, weight=Decimal("32"))
    with svc.db.read() as conn:
        names = [c["name"] for c in people.categories(conn, tid)]
    assert names.count("U13 Girls -33 kg") == 1
    too_old = people.register(svc, ADMIN, tid, people.Registration("Alt", "A", "f", 1990))
    with pytest.raises(Invalid, match="no age group"):
        weighing.weigh_unplaced(svc, ADMIN, athlete_id=too_old, weight=Decimal("60"))
