"""The declared weight: kept from the entry form, the API and an imported list's weight column,
shown at the weigh-in desk next to the measured weight, and the basis of the desk's category
suggestion until the athlete is weighed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from ippon.services import imports, people, registration, setup, weighing
from ippon.services.context import Services
from ippon.services.errors import Invalid
from ippon.store import schema as t

from .conftest import ADMIN

BASE = setup.Settings("Scale Cup", date(2026, 6, 6), date(2026, 6, 6), mats=1)


def event(svc: Services) -> tuple[int, dict[str, int]]:
    tid = setup.create(svc, ADMIN, BASE)
    with svc.transaction(ADMIN) as tx:
        cats = {name: tx.insert(t.categories, {
            "tournament_id": tid, "name": name, "gender": "m", "age_group": "seniors",
            "max_weight": top, "min_weight": bottom, "ruleset": "ijf2025", "system": "auto",
            "created_at": tx.now}) for name, top, bottom in (("M -66", 66.0, 60.0),
                                                              ("M -73", 73.0, 66.0),
                                                              ("M +73", None, 73.0))}
    return tid, cats


def declared(svc: Services, athlete_id: int) -> float | None:
    with svc.db.read() as conn:
        value = conn.execute(sa.select(t.entries.c.declared_weight)
                             .where(t.entries.c.athlete_id == athlete_id)).scalar_one()
    return None if value is None else float(value)


def test_the_entry_form_and_the_entry_service_keep_the_declared_weight(svc: Services) -> None:
    tid, cats = event(svc)
    aid = people.register(svc, ADMIN, tid, people.Registration(
        "Sato", "Ken", "m", 2000, "Club", "JPN", cats["M -66"], declared_weight=65.44))
    assert declared(svc, aid) == 65.4
    other = registration.create_athlete(svc, ADMIN, tournament_id=tid, family_name="Abe",
                                        given_name="Jo", gender="m", birth_year=2001)
    registration.enter(svc, ADMIN, category_id=cats["M -73"], athlete_id=other,
                       declared_weight=72.0)
    assert declared(svc, other) == 72.0
    with svc.db.read() as conn:
        after = conn.execute(sa.select(t.audit_log.c.after)
                             .where(t.audit_log.c.action == "entry.create")
                             .order_by(t.audit_log.c.id)).scalars().all()
    assert [a["declared_weight"] for a in after] == [65.4, 72.0]
    with pytest.raises(Invalid, match="out of range"):
        people.register(svc, ADMIN, tid, people.Registration(
            "Ito", "A", "m", 2000, category_id=cats["M -66"], declared_weight=400))
    with pytest.raises(Invalid, match="out of range"):
        registration.enter(svc, ADMIN, category_id=cats["M -66"], athlete_id=other,
                           declared_weight=5)
    no_weight = people.register(svc, ADMIN, tid, people.Registration(
        "Ono", "B", "m", 2000, category_id=cats["M -66"]))
    assert declared(svc, no_weight) is None


def test_an_imported_weight_column_becomes_the_declared_weight(svc: Services) -> None:
    tid = setup.create(svc, ADMIN, replace(BASE, age_group="kids-u15"))
    text = ("Name;Sex;Born;Club;Nation;Category;Weight\n"
            "MÜLLER Anna;F;2011;JC Bonn;GER;-44;43,2\n"
            "WEBER Tom;M;2010;JC Bonn;GER;-50;\n")
    table = imports.read(text.encode())
    imports.apply(svc, ADMIN, tid, table, imports.guess(table), today=date(2026, 6, 1))
    with svc.db.read() as conn:
        weights = dict(conn.execute(
            sa.select(t.athletes.c.family_name, t.entries.c.declared_weight)
            .join(t.entries, t.entries.c.athlete_id == t.athletes.c.id)).all())
    assert weights == {"MÜLLER": 43.2, "WEBER": None}


def _desk(svc: Services, tid: int, text: str) -> list[dict[str, object]]:
    with svc.db.read() as conn:
        found = people.search(conn, tid, text).rows
        weighing.suggest(conn, tid, found)
    return [e for a in found for e in a["entries"]]


def test_the_desk_suggests_a_category_by_declared_then_measured_weight(svc: Services) -> None:
    tid, cats = event(svc)
    heavy = people.register(svc, ADMIN, tid, people.Registration(
        "Heavy", "A", "m", 2000, category_id=cats["M -66"], declared_weight=70.1))
    fine = people.register(svc, ADMIN, tid, people.Registration(
        "Fine", "B", "m", 2000, category_id=cats["M -66"], declared_weight=64.0))
    people.register(svc, ADMIN, tid, people.Registration(
        "Open", "C", "m", 2000, category_id=cats["M -73"], declared_weight=101.0))
    people.register(svc, ADMIN, tid, people.Registration(
        "Blank", "D", "m", 2000, category_id=cats["M -66"]))

    [entry] = _desk(svc, tid, "Heavy")
    assert entry["declared_weight"] == 70.1
    assert entry["weight"] is None
    assert isinstance(entry["suggested"], dict)
    assert entry["suggested"]["name"] == "M -73"
    assert _desk(svc, tid, "Fine")[0]["suggested"] is None
    assert _desk(svc, tid, "Open")[0]["suggested"]["name"] == "M +73"  # type: ignore[index]
    assert _desk(svc, tid, "Blank")[0]["suggested"] is None

    # Once weighed, the measured weight counts, not the declaration.
    fine_entry = _desk(svc, tid, "Fine")[0]["id"]
    assert isinstance(fine_entry, int)
    weighing.weigh(svc, ADMIN, entry_id=fine_entry, weight=Decimal("65.9"))
    assert _desk(svc, tid, "Fine")[0]["suggested"] is None
    with svc.db.read() as conn:
        missing, _ = weighing.not_weighed(conn, tid)
    assert {m["family_name"]: m["declared_weight"] for m in missing} == {
        "Heavy": 70.1, "Open": 101.0, "Blank": None}
    assert fine != heavy
