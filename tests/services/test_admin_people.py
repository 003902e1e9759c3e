"""Registration desk: the entry form in one transaction, search by name, club, IOC code, id or
barcode, server-side pages."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from ippon.services import people, setup
from ippon.services.context import Actor, Services
from ippon.services.errors import Conflict, Forbidden, Invalid
from ippon.store import schema as t

from .conftest import ADMIN

DOJOS = ("Dojo Alpha", "Dojo Beta", "Dojo Gamma")


def tournament(svc: Services) -> int:
    return setup.create(svc, ADMIN, setup.Settings("Desk Cup", date(2026, 6, 6),
                                                   date(2026, 6, 6), mats=1))


def category(svc: Services, tid: int) -> int:
    with svc.transaction(ADMIN) as tx:
        return tx.insert(t.categories, {
            "tournament_id": tid, "name": "W -57", "gender": "f", "age_group": "seniors",
            "max_weight": 57.0, "min_weight": 52.0, "ruleset": "ijf2025", "system": "auto",
            "created_at": tx.now})


def test_register_creates_athlete_club_country_entry_and_id_at_once(svc: Services) -> None:
    tid = tournament(svc)
    cat = category(svc, tid)
    aid = people.register(svc, ADMIN, tid, people.Registration(
        "Abe", "Uta", "f", 2000, "Tenri", "jpn", cat, "JP-77"))
    with svc.db.read() as conn:
        found = people.search(conn, tid, "JP-77")
        assert [r["id"] for r in found.rows] == [aid]
        assert found.rows[0]["country"] == "JPN"
        assert found.rows[0]["club"] == "Tenri"
        assert [e["category"] for e in found.rows[0]["entries"]] == ["W -57"]
        assert people.search(conn, tid, str(aid)).total == 1
        actions = [a for (a,) in conn.execute(sa.select(t.audit_log.c.action))]
    for action in ("athlete.create", "club.create", "country.create", "entry.create"):
        assert action in actions


def test_a_refused_entry_form_writes_nothing(svc: Services) -> None:
    tid = tournament(svc)
    cat = category(svc, tid)
    with pytest.raises(Invalid, match="other gender"):
        people.register(svc, ADMIN, tid, people.Registration("Ono", "Shohei", "m", 1993,
                                                             "Tenri", "JPN", cat))
    with svc.db.read() as conn:
        assert people.search(conn, tid).total == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(t.clubs)).scalar() == 0


def test_an_id_cannot_belong_to_two_athletes(svc: Services) -> None:
    tid = tournament(svc)
    people.register(svc, ADMIN, tid, people.Registration("A", "B", "f", 2000,
                                                         external_id="X-1"))
    with pytest.raises(Conflict, match="X-1"):
        people.register(svc, ADMIN, tid, people.Registration("C", "D", "f", 2000,
                                                             external_id="X-1"))


def test_search_matches_every_word_and_pages_on_the_server(svc: Services) -> None:
    tid = tournament(svc)
    for i in range(30):
        people.register(svc, ADMIN, tid, people.Registration(
            f"Name{i:02d}", "Anna" if i % 2 else "Lea", "f", 2000, DOJOS[i % 3],
            "GER" if i < 10 else "NED"))
    with svc.db.read() as conn:
        first = people.search(conn, tid, "", per_page=25)
        assert (first.total, len(first.rows), first.pages) == (30, 25, 2)
        assert len(people.search(conn, tid, "", page=2).rows) == 5
        assert people.search(conn, tid, "anna ger").total == 5
        assert people.search(conn, tid, "dojo beta").total == 10
        assert people.countries(conn, tid)[0]["athletes"] == 10
        assert len(people.clubs(conn, tid)) == 6  # a club is a name in a country
        assert len(people.clubs(conn, tid, "gamma")) == 2


def test_only_an_admin_registers(svc: Services) -> None:
    tid = tournament(svc)
    with pytest.raises(Forbidden):
        people.register(svc, Actor("mat", "official"), tid,
                        people.Registration("A", "B", "f", 2000))
