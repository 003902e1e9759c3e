"""The weigh-in desk: weigh an entry against its category's limit and the tournament's
tolerance, move an athlete to another category, list who is still to weigh in, mark absentees.

A refused weight is recorded in the audit log too (the desk's history shows every reading), but
the entry stays as it was. An absent athlete's entry is withdrawn; in a drawn category the
competition engine then gives each of their contests to the opponent by fusen-gachi.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services import setup
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.draws import rederive
from ippon.services.errors import Conflict, Invalid
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.tournament.categories import CategoryError, WeightClass, assign, load_table
from ippon.tournament.weighin import Verdict, WeighInRules, check


def parse_weight(text: str) -> Decimal:
    """'72.4', '72,4', '72.4 kg' as kilograms; `Invalid` for anything else."""
    cleaned = text.lower().replace("kg", "").replace(",", ".").strip()
    try:
        kg = Decimal(cleaned)
    except InvalidOperation:
        raise Invalid(f"{text!r} is not a weight; enter kilograms, e.g. 72.4") from None
    if not Decimal(10) <= kg <= Decimal(300):
        raise Invalid(f"{kg} kg is not a plausible weight; enter kilograms, e.g. 72.4")
    return kg


def weight_class(category: dict[str, Any]) -> WeightClass | None:
    """The category's class for the check (None: a category without a weight limit)."""
    top, bottom = category["max_weight"], category["min_weight"]
    if top is None and bottom is None:
        return None
    if top is None:  # the open class: above the limit of the class below
        return WeightClass(Decimal(str(bottom)), open=True)
    return WeightClass(Decimal(str(top)),
                       lower_kg=None if bottom is None else Decimal(str(bottom)))


@dataclass(frozen=True, slots=True)
class Weighed:
    accepted: bool
    message: str
    entry_id: int


def weigh(svc: Services, actor: Actor, *, entry_id: int, weight: Decimal) -> Weighed:
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        entry = row(tx.conn, t.entries, entry_id, "entry")
        category = row(tx.conn, t.categories, entry["category_id"], "category")
        tournament_id = category["tournament_id"]
        if entry["status"] == "withdrawn":
            raise Conflict("this athlete is marked absent; enter them again to weigh them")
        rules = _rules(tx.conn, category)
        wc = weight_class(category)
        verdict: Verdict | None = None if wc is None else check(weight, wc, rules=rules)
        accepted = verdict is None or verdict.accepted
        message = (verdict.message if verdict is not None
                   else f"{weight} kg: {category['name']} has no weight limit")
        before = {"weight": entry["weight"], "status": entry["status"]}
        if accepted:
            after = {"weight": float(weight), "status": "weighed"}
            tx.conn.execute(t.entries.update().where(t.entries.c.id == entry_id).values(**after))
            tx.audit("entry.weigh-in", "entry", entry_id, before=before, after=after,
                     tournament_id=tournament_id)
            tx.touch(f"category:{category['id']}")
        else:
            tx.audit("entry.weigh-in-refused", "entry", entry_id, before=before,
                     after={"weight": float(weight), "message": message},
                     tournament_id=tournament_id)
        return Weighed(accepted, message, entry_id)


def _rules(conn: Connection, category: dict[str, Any]) -> WeighInRules:
    """The tournament's tolerance; the lower limit is checked where the category has one, as
    the registration service does (an athlete belongs in the lighter category)."""
    settings = setup.load(conn, category["tournament_id"])
    return WeighInRules(official_tolerance_kg=Decimal(str(settings.official_tolerance_kg)),
                        check_lower_limit=category["min_weight"] is not None)


def _open(conn: Connection, category: dict[str, Any]) -> None:
    if conn.execute(sa.select(t.draws.c.id)
                    .where(t.draws.c.category_id == category["id"])).first() is not None:
        raise Conflict(f"{category['name']} is drawn already; redraw it to change its athletes")


def move(svc: Services, actor: Actor, *, entry_id: int, category_id: int) -> str:
    """Move an entry to another category of the same tournament and sex (neither drawn). A
    recorded weight is kept and checked against the new category."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        return move_in(tx, entry_id, category_id)


def move_in(tx: Tx, entry_id: int, category_id: int) -> str:
    entry = row(tx.conn, t.entries, entry_id, "entry")
    old = row(tx.conn, t.categories, entry["category_id"], "category")
    new = row(tx.conn, t.categories, category_id, "category")
    if new["id"] == old["id"]:
        raise Invalid(f"the athlete is in {new['name']} already")
    if new["tournament_id"] != old["tournament_id"]:
        raise Invalid("the category belongs to another tournament")
    if new["gender"] != old["gender"]:
        raise Invalid(f"{new['name']} is for the other sex")
    _open(tx.conn, old)
    _open(tx.conn, new)
    athlete = entry["athlete_id"]
    if tx.conn.execute(sa.select(t.entries.c.id).where(
            t.entries.c.category_id == category_id,
            t.entries.c.athlete_id == athlete)).first() is not None:
        raise Conflict(f"the athlete is entered in {new['name']} already")
    status = entry["status"]
    if entry["weight"] is not None and status == "weighed":
        wc = weight_class(new)
        fits = wc is None or check(Decimal(str(entry["weight"])), wc,
                                   rules=_rules(tx.conn, new)).accepted
        status = "weighed" if fits else "registered"
    tx.conn.execute(t.entries.update().where(t.entries.c.id == entry_id)
                    .values(category_id=category_id, status=status))
    tx.audit("entry.move", "entry", entry_id,
             before={"category_id": old["id"], "category": old["name"],
                     "status": entry["status"]},
             after={"category_id": new["id"], "category": new["name"], "status": status},
             tournament_id=new["tournament_id"])
    tx.touch(f"category:{old['id']}", f"category:{new['id']}")
    return f"moved from {old['name']} to {new['name']}"


def mark_absent(svc: Services, actor: Actor, *, entry_id: int) -> str:
    """The athlete did not come. Undrawn: the entry is withdrawn. Drawn: the entry is withdrawn
    and each of the athlete's contests still to fight goes to the opponent by fusen-gachi."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        entry = row(tx.conn, t.entries, entry_id, "entry")
        category = row(tx.conn, t.categories, entry["category_id"], "category")
        if entry["status"] == "withdrawn":
            raise Conflict("the athlete is marked absent already")
        running = tx.conn.execute(sa.select(t.contests.c.number).where(
            t.contests.c.category_id == category["id"], t.contests.c.status == "running",
            sa.or_(t.contests.c.white_entry_id == entry_id,
                   t.contests.c.blue_entry_id == entry_id))).scalar()
        if running is not None:
            raise Conflict(f"contest {running} of this athlete is on the mat now; the table "
                           "official records the result there")
        tx.conn.execute(t.entries.update().where(t.entries.c.id == entry_id)
                        .values(status="withdrawn"))
        tx.audit("entry.absent", "entry", entry_id, before={"status": entry["status"]},
                 after={"status": "withdrawn"}, tournament_id=category["tournament_id"])
        rederive(tx, category["id"])  # a drawn category: fusen-gachi for the opponents
        tx.touch(f"category:{category['id']}", f"tournament:{category['tournament_id']}")
        return f"marked absent in {category['name']}"


def fits(category: Mapping[str, Any], kg: float) -> bool:
    """Whether a weight is inside the category's class (no tolerance: a suggestion only)."""
    top, bottom = category["max_weight"], category["min_weight"]
    return (top is None or kg <= top) and (bottom is None or kg > bottom)


def suggest(conn: Connection, tournament_id: int, athletes: list[dict[str, Any]]) -> None:
    """For each entry of the desk's search results (rows of `people.search`), the category its
    weight fits when that is not the one entered: the measured weight once there is one, the
    declared weight until then. Sets `suggested` (a category row or None) on each entry; only
    categories of the same sex and age group that are not drawn yet are suggested."""
    categories = [dict(r) for r in conn.execute(
        sa.select(t.categories.c.id, t.categories.c.name, t.categories.c.gender,
                  t.categories.c.age_group, t.categories.c.max_weight,
                  t.categories.c.min_weight)
        .where(t.categories.c.tournament_id == tournament_id,
               ~sa.exists().where(t.draws.c.category_id == t.categories.c.id))
        .order_by(sa.func.coalesce(t.categories.c.max_weight, 999))).mappings()]
    groups: dict[int, str] = {}
    for cid, group in conn.execute(sa.select(t.categories.c.id, t.categories.c.age_group)
                                   .where(t.categories.c.tournament_id == tournament_id)):
        groups[cid] = group
    for athlete in athletes:
        for entry in athlete["entries"]:
            entry["suggested"] = None
            kg = entry["weight"] if entry["weight"] is not None else entry["declared_weight"]
            if kg is None or entry["status"] == "withdrawn" or fits(entry, kg):
                continue
            entry["suggested"] = next(
                (c for c in categories if c["gender"] == athlete["gender"]
                 and c["age_group"] == groups.get(entry["category_id"]) and fits(c, kg)
                 and c["id"] != entry["category_id"]), None)


def not_weighed(conn: Connection, tournament_id: int, *, limit: int = 200,
                offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Entries still to weigh in (not weighed, not absent), by category then name."""
    where = sa.and_(t.categories.c.tournament_id == tournament_id,
                    t.entries.c.status == "registered")
    base = (sa.select(t.entries.c.id, t.athletes.c.id.label("athlete_id"),
                      t.athletes.c.family_name, t.athletes.c.given_name,
                      t.athletes.c.country, t.categories.c.name.label("category"),
                      t.entries.c.declared_weight)
            .join(t.athletes, t.athletes.c.id == t.entries.c.athlete_id)
            .join(t.categories, t.categories.c.id == t.entries.c.category_id).where(where))
    total = conn.execute(sa.select(sa.func.count()).select_from(base.subquery())).scalar_one()
    rows = conn.execute(base.order_by(t.categories.c.name, t.athletes.c.family_name)
                        .limit(limit).offset(offset)).mappings()
    return [dict(r) for r in rows], int(total)


def weigh_unplaced(svc: Services, actor: Actor, *, athlete_id: int, weight: Decimal) -> str:
    """Weigh an athlete not yet in a category (a kids' event: weigh first, the category
    follows): the setup's table gives the category by age and weight, created if new, and the
    athlete is entered weighed."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        athlete = row(tx.conn, t.athletes, athlete_id, "athlete")
        tournament_id = athlete["tournament_id"]
        settings = setup.load(tx.conn, tournament_id)
        try:
            found = assign(athlete["gender"], athlete["birth_year"], weight,
                           settings.starts_on.year, load_table(settings.category_table))
        except CategoryError as error:
            raise Invalid(str(error)) from None
        wc = found.weight_class
        category_id = tx.conn.execute(sa.select(t.categories.c.id).where(
            t.categories.c.tournament_id == tournament_id,
            t.categories.c.name == found.name)).scalar()
        if category_id is None:
            values = {"tournament_id": tournament_id, "name": found.name,
                      "gender": athlete["gender"], "age_group": found.age_group.key,
                      "max_weight": None if wc.open else float(wc.limit_kg),
                      "min_weight": float(wc.limit_kg) if wc.open else (
                          None if wc.lower_kg is None else float(wc.lower_kg)),
                      "ruleset": settings.ruleset, "system": "auto", "mat_id": None,
                      "created_at": tx.now}
            category_id = tx.insert(t.categories, values)
            tx.audit("category.create", "category", category_id, after=values,
                     tournament_id=tournament_id)
        _open(tx.conn, row(tx.conn, t.categories, category_id, "category"))
        values = {"category_id": category_id, "athlete_id": athlete_id, "seed": None,
                  "status": "weighed", "weight": float(weight), "created_at": tx.now}
        entry_id = tx.insert(t.entries, values)
        tx.audit("entry.weigh-in", "entry", entry_id, after=values, tournament_id=tournament_id)
        tx.touch(f"category:{category_id}", f"tournament:{tournament_id}")
        return f"{weight} kg: entered in {found.name}"
