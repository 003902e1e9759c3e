"""The tournament's setup: validation, mats, role check and audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from ippon.services import setup
from ippon.services.context import Actor, Services
from ippon.services.errors import Forbidden, Invalid
from ippon.store import schema as t

from .conftest import ADMIN

ANNOUNCER = Actor("announcer:1", "announcer")
BASE = setup.Settings("Bonn Open", date(2026, 6, 6), date(2026, 6, 7), place="Bonn", mats=3)


def audit(svc: Services, action: str) -> list[sa.Row[tuple[object, ...]]]:
    with svc.db.read() as conn:
        return list(conn.execute(sa.select(t.audit_log.c.before, t.audit_log.c.after)
                                 .where(t.audit_log.c.action == action)))


def test_create_stores_everything_with_mats_and_audits(svc: Services) -> None:
    tid = setup.create(svc, ADMIN, replace(BASE, rest_minutes=12,
                                           systems=((4, "pool"), (99, "double-repechage"))))
    with svc.db.read() as conn:
        s = setup.load(conn, tid)
        mats = conn.execute(sa.select(t.mats.c.number).where(t.mats.c.tournament_id == tid))
        assert sorted(m for (m,) in mats) == [1, 2, 3]
    assert (s.name, s.place, s.ends_on, s.mats, s.rest_minutes) == (
        "Bonn Open", "Bonn", date(2026, 6, 7), 3, 12)
    assert s.system_for(4) == "pool"
    assert s.system_for(5) == "double-repechage"
    assert len(audit(svc, "mat.create")) == 3
    assert audit(svc, "tournament.setup")[0].after["rest_minutes"] == 12


def test_the_default_rest_time_is_the_rules_ten_minutes(svc: Services) -> None:
    tid = setup.create(svc, ADMIN, BASE)
    with svc.db.read() as conn:
        assert setup.load(conn, tid).rest_minutes == 10


def test_save_adds_mats_keeps_before_and_after_and_refuses_fewer_mats(svc: Services) -> None:
    tid = setup.create(svc, ADMIN, BASE)
    setup.save(svc, ADMIN, tid, replace(BASE, name="Bonn Open 2026", mats=5))
    with svc.db.read() as conn:
        assert setup.load(conn, tid).mats == 5
    saved = audit(svc, "tournament.setup")[-1]
    assert saved.before["name"] == "Bonn Open"
    assert saved.after["name"] == "Bonn Open 2026"
    with pytest.raises(Invalid, match="mats are not removed"):
        setup.save(svc, ADMIN, tid, replace(BASE, mats=2))


@pytest.mark.parametrize(("change", "message"), [
    ({"name": " "}, "needs a name"),
    ({"ends_on": date(2026, 6, 1)}, "before the first"),
    ({"ruleset": "ijf1900"}, "unknown ruleset"),
    ({"mats": 0}, "1 to 30 mats"),
    ({"systems": ((8, "pool"), (4, "ijf-repechage"))}, "growing category size"),
    ({"systems": ((8, "swiss"),)}, "unknown competition system"),
])
def test_bad_settings_are_refused_with_the_reason(svc: Services, change: dict[str, object],
                                                  message: str) -> None:
    with pytest.raises(Invalid, match=message):
        setup.create(svc, ADMIN, replace(BASE, **change))  # type: ignore[arg-type]


def test_only_an_admin_sets_up(svc: Services) -> None:
    with pytest.raises(Forbidden):
        setup.create(svc, ANNOUNCER, BASE)
    tid = setup.create(svc, ADMIN, BASE)
    with pytest.raises(Forbidden):
        setup.save(svc, ANNOUNCER, tid, BASE)
