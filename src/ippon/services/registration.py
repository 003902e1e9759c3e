"""Tournaments, countries, clubs, athletes, categories, entries and the weigh-in."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.rules import RULESETS
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.errors import Conflict, Invalid, NotFound
from ippon.store import schema as t


def row(conn: Connection, table: sa.Table, key: object, what: str) -> dict[str, Any]:
    found = conn.execute(sa.select(table).where(table.c.id == key)).mappings().first()
    if found is None:
        raise NotFound(f"there is no {what} with id {key}")
    return dict(found)


def _ruleset(key: str) -> str:
    if key not in RULESETS:
        raise Invalid(f"unknown ruleset {key!r}; expected one of {', '.join(sorted(RULESETS))}")
    return key


def _insert(tx: Tx, table: sa.Table, values: dict[str, Any], entity: str,
            tournament_id: int | None) -> int:
    new_id = tx.insert(table, values)
    tx.audit(f"{entity}.create", entity, new_id, after=values, tournament_id=tournament_id)
    return new_id


def create_tournament(svc: Services, actor: Actor, *, name: str, starts_on: date,
                      place: str = "", ruleset: str = "ijf2025") -> int:
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        values = {"name": name, "place": place, "starts_on": starts_on,
                  "ruleset": _ruleset(ruleset), "created_at": tx.now}
        new_id = _insert(tx, t.tournaments, values, "tournament", None)
        tx.touch(f"tournament:{new_id}")
        return new_id


def ensure_country(tx: Tx, code: str, name: str | None = None) -> str:
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise Invalid(f"country {code!r} is not a three-letter IOC code such as GER or JPN")
    known = tx.conn.execute(sa.select(t.countries.c.code).where(t.countries.c.code == code))
    if known.first() is None:
        values = {"code": code, "name": name or code}
        tx.conn.execute(t.countries.insert().values(**values))
        tx.audit("country.create", "country", code, after=values)
    return code


def create_club(svc: Services, actor: Actor, *, name: str, country: str | None = None) -> int:
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        code = ensure_country(tx, country) if country else None
        clash = tx.conn.execute(sa.select(t.clubs.c.id).where(
            t.clubs.c.name == name, t.clubs.c.country == code)).first()
        if clash is not None:
            raise Conflict(f"the club {name!r} ({code or 'no country'}) exists already")
        return _insert(tx, t.clubs, {"name": name, "country": code}, "club", None)


def create_athlete(svc: Services, actor: Actor, *, tournament_id: int, family_name: str,
                   given_name: str, gender: str, birth_year: int, club_id: int | None = None,
                   country: str | None = None) -> int:
    require(actor, "admin")
    if gender not in ("m", "f"):
        raise Invalid(f"gender must be 'm' or 'f', not {gender!r}")
    if not family_name.strip():
        raise Invalid("the family name is empty")
    with svc.transaction(actor) as tx:
        row(tx.conn, t.tournaments, tournament_id, "tournament")
        if club_id is not None:
            row(tx.conn, t.clubs, club_id, "club")
        values = {
            "tournament_id": tournament_id, "family_name": family_name.strip(),
            "given_name": given_name.strip(), "gender": gender, "birth_year": birth_year,
            "name_as_entered": f"{given_name.strip()} {family_name.strip()}".strip(),
            "club_id": club_id, "country": ensure_country(tx, country) if country else None,
            "created_at": tx.now,
        }
        return _insert(tx, t.athletes, values, "athlete", tournament_id)


def create_category(svc: Services, actor: Actor, *, tournament_id: int, name: str,
                    gender: str, age_group: str, max_weight: float | None,
                    min_weight: float | None = None, ruleset: str | None = None,
                    system: str = "auto", mat_id: int | None = None) -> int:
    require(actor, "admin")
    if gender not in ("m", "f"):
        raise Invalid(f"gender must be 'm' or 'f', not {gender!r}")
    with svc.transaction(actor) as tx:
        tournament = row(tx.conn, t.tournaments, tournament_id, "tournament")
        if mat_id is not None and row(tx.conn, t.mats, mat_id, "mat")["tournament_id"] != (
                tournament_id):
            raise Invalid(f"mat {mat_id} belongs to another tournament")
        clash = tx.conn.execute(sa.select(t.categories.c.id).where(
            t.categories.c.tournament_id == tournament_id, t.categories.c.name == name)).first()
        if clash is not None:
            raise Conflict(f"the category {name!r} exists already in this tournament")
        values = {"tournament_id": tournament_id, "name": name, "gender": gender,
                  "age_group": age_group, "min_weight": min_weight, "max_weight": max_weight,
                  "ruleset": _ruleset(ruleset or tournament["ruleset"]), "system": system,
                  "mat_id": mat_id, "created_at": tx.now}
        new_id = _insert(tx, t.categories, values, "category", tournament_id)
        tx.touch(f"category:{new_id}", f"tournament:{tournament_id}")
        return new_id


def enter(svc: Services, actor: Actor, *, category_id: int, athlete_id: int,
          seed: int | None = None, declared_weight: float | None = None) -> int:
    """Enter an athlete in a category; `declared_weight` is the entry form's weight (kg), shown
    at the weigh-in desk and used for a category suggestion until the athlete is weighed."""
    require(actor, "admin")
    if declared_weight is not None and not 10 <= declared_weight <= 300:
        raise Invalid(f"a declared weight of {declared_weight} kg is out of range (10-300 kg)")
    with svc.transaction(actor) as tx:
        category = row(tx.conn, t.categories, category_id, "category")
        athlete = row(tx.conn, t.athletes, athlete_id, "athlete")
        if athlete["tournament_id"] != category["tournament_id"]:
            raise Invalid("the athlete is registered for another tournament")
        if athlete["gender"] != category["gender"]:
            raise Invalid(f"{athlete['family_name']} cannot enter {category['name']}: "
                          "the category is for the other gender")
        if _drawn(tx.conn, category_id):
            raise Conflict(f"{category['name']} is drawn already; entries are closed")
        clash = tx.conn.execute(sa.select(t.entries.c.id).where(
            t.entries.c.category_id == category_id, t.entries.c.athlete_id == athlete_id)).first()
        if clash is not None:
            raise Conflict(f"{athlete['family_name']} is entered in {category['name']} already")
        values = {"category_id": category_id, "athlete_id": athlete_id, "seed": seed,
                  "status": "registered", "created_at": tx.now,
                  "declared_weight": None if declared_weight is None
                  else round(float(declared_weight), 1)}
        new_id = _insert(tx, t.entries, values, "entry", category["tournament_id"])
        tx.touch(f"category:{category_id}")
        return new_id


def _drawn(conn: Connection, category_id: int) -> bool:
    found = conn.execute(sa.select(t.draws.c.id).where(t.draws.c.category_id == category_id))
    return found.first() is not None


def weigh_in(svc: Services, actor: Actor, *, entry_id: int, weight: float) -> str:
    """Record the official weight. Over the category's limit the athlete is not weighed in and
    the message says by how much; the entry stays as it was."""
    require(actor, "admin")
    if not 10 <= weight <= 300:
        raise Invalid(f"{weight} kg is not a plausible weight; enter kilograms, e.g. 72.4")
    with svc.transaction(actor) as tx:
        entry = row(tx.conn, t.entries, entry_id, "entry")
        category = row(tx.conn, t.categories, entry["category_id"], "category")
        top, bottom = category["max_weight"], category["min_weight"]
        if top is not None and weight > top:
            raise Conflict(f"{weight} kg is {weight - top:.1f} kg over the limit of "
                           f"{category['name']}")
        if bottom is not None and weight <= bottom:
            raise Conflict(f"{weight} kg is not over the lower limit of {category['name']} "
                           f"({bottom} kg)")
        tx.conn.execute(t.entries.update().where(t.entries.c.id == entry_id)
                        .values(weight=weight, status="weighed"))
        tx.audit("entry.weigh-in", "entry", entry_id,
                 before={"weight": entry["weight"], "status": entry["status"]},
                 after={"weight": weight, "status": "weighed"},
                 tournament_id=category["tournament_id"])
        tx.touch(f"category:{category['id']}")
        return "weighed"


def withdraw(svc: Services, actor: Actor, *, entry_id: int) -> None:
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        entry = row(tx.conn, t.entries, entry_id, "entry")
        category = row(tx.conn, t.categories, entry["category_id"], "category")
        if _drawn(tx.conn, category["id"]):
            raise Conflict("the category is drawn: record a fusen-gachi on the mat instead")
        tx.conn.execute(t.entries.update().where(t.entries.c.id == entry_id)
                        .values(status="withdrawn"))
        tx.audit("entry.withdraw", "entry", entry_id, before={"status": entry["status"]},
                 after={"status": "withdrawn"}, tournament_id=category["tournament_id"])
        tx.touch(f"category:{category['id']}")
