"""Categories and draws for the organiser: generate categories from the table for the athletes
registered, merge a small category into another, split one, draw with the system the setup
chose for its size, review the draw report, redraw, and lock.

A lock is the organiser's "this draw is final": a locked category cannot be redrawn. A lock is
the category's `locked_at` time, and every lock, draw and redraw is audited.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services import setup
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.draws import POOL_SYSTEMS, draw_category
from ippon.services.errors import Conflict, Invalid
from ippon.services.registration import row
from ippon.services.weighing import move_in
from ippon.store import schema as t
from ippon.tournament.categories import Sex, load_table
from ippon.tournament.draw import DrawError, DrawReport, Entrant, draw, draw_pools
from ippon.tournament.systems import BRACKETS


def locked(conn: Connection, category_id: int) -> bool:
    return conn.execute(sa.select(t.categories.c.locked_at)
                        .where(t.categories.c.id == category_id)).scalar() is not None


def _drawn(conn: Connection, category_id: int) -> bool:
    return conn.execute(sa.select(t.draws.c.id)
                        .where(t.draws.c.category_id == category_id)).first() is not None


def generate(svc: Services, actor: Actor, tournament_id: int) -> list[str]:
    """Create the category table's categories for the age groups and sexes of the registered
    athletes (by age in the first day's year); categories that exist are kept."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        settings = setup.load(tx.conn, tournament_id)
        table = load_table(settings.category_table)
        year = settings.starts_on.year
        present = set(tx.conn.execute(
            sa.select(t.athletes.c.gender, t.athletes.c.birth_year).distinct()
            .where(t.athletes.c.tournament_id == tournament_id)).all())
        wanted: dict[str, dict[str, Any]] = {}
        for gender, born in present:
            group = table.age_group_for(year - born)
            if group is None:
                continue
            sex = Sex.MEN if gender == "m" else Sex.WOMEN
            for category in table.categories(sex):
                if category.age_group.key != group.key:
                    continue
                wc = category.weight_class
                wanted[category.name] = {
                    "name": category.name, "gender": gender, "age_group": group.key,
                    "max_weight": None if wc.open else float(wc.limit_kg),
                    "min_weight": float(wc.limit_kg) if wc.open else (
                        None if wc.lower_kg is None else float(wc.lower_kg))}
        existing = set(tx.conn.execute(sa.select(t.categories.c.name).where(
            t.categories.c.tournament_id == tournament_id)).scalars())
        created = []
        for name, values in wanted.items():
            if name in existing:
                continue
            full = {**values, "tournament_id": tournament_id, "ruleset": settings.ruleset,
                    "system": "auto", "mat_id": None, "created_at": tx.now}
            new_id = tx.insert(t.categories, full)
            tx.audit("category.create", "category", new_id, after=full,
                     tournament_id=tournament_id)
            created.append(name)
        tx.touch(f"tournament:{tournament_id}")
        return created


def merge(svc: Services, actor: Actor, *, source_id: int, target_id: int) -> int:
    """Move every athlete of `source` into `target`, then remove the empty `source`."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        source = row(tx.conn, t.categories, source_id, "category")
        entries = list(tx.conn.execute(sa.select(t.entries.c.id).where(
            t.entries.c.category_id == source_id)).scalars())
        for entry_id in entries:
            move_in(tx, entry_id, target_id)
        _remove(tx, source)
        return len(entries)


def split(svc: Services, actor: Actor, *, category_id: int, entry_ids: Sequence[int],
          name: str) -> int:
    """A new category `name` (same sex, age group and limits) with the chosen athletes."""
    require(actor, "admin")
    name = " ".join(name.split())
    if not name:
        raise Invalid("give the new category a name")
    if not entry_ids:
        raise Invalid("tick the athletes who go to the new category")
    with svc.transaction(actor) as tx:
        category = row(tx.conn, t.categories, category_id, "category")
        if tx.conn.execute(sa.select(t.categories.c.id).where(
                t.categories.c.tournament_id == category["tournament_id"],
                t.categories.c.name == name)).first() is not None:
            raise Conflict(f"the category {name!r} exists already")
        values = {k: category[k] for k in ("tournament_id", "gender", "age_group", "min_weight",
                                           "max_weight", "ruleset", "system")}
        values.update(name=name, mat_id=None, created_at=tx.now)
        new_id = tx.insert(t.categories, values)
        tx.audit("category.split", "category", new_id,
                 after={**values, "from": category["name"], "entries": list(entry_ids)},
                 tournament_id=category["tournament_id"])
        for entry_id in entry_ids:
            if row(tx.conn, t.entries, entry_id, "entry")["category_id"] != category_id:
                raise Invalid(f"entry {entry_id} is not in {category['name']}")
            move_in(tx, entry_id, new_id)
        return new_id


def _remove(tx: Tx, category: dict[str, Any]) -> None:
    _refuse_drawn(tx.conn, category)
    tx.conn.execute(t.categories.delete().where(t.categories.c.id == category["id"]))
    tx.audit("category.delete", "category", category["id"], before=category,
             tournament_id=category["tournament_id"])
    tx.topics.discard(f"category:{category['id']}")  # no snapshot of a category that is gone
    tx.touch(f"tournament:{category['tournament_id']}")


def _refuse_drawn(conn: Connection, category: dict[str, Any]) -> None:
    if _drawn(conn, category["id"]):
        raise Conflict(f"{category['name']} is drawn; redraw it first")


def draw_now(svc: Services, actor: Actor, *, category_id: int, seed: int | None = None) -> int:
    """Draw with the system the setup chose for the category's size (unless the category
    names its own)."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        category = row(tx.conn, t.categories, category_id, "category")
        size = tx.conn.execute(sa.select(sa.func.count()).where(
            t.entries.c.category_id == category_id,
            t.entries.c.status != "withdrawn")).scalar_one()
        settings = setup.load(tx.conn, category["tournament_id"])
        if category["system"] == "auto" and size >= 2:
            tx.conn.execute(t.categories.update().where(t.categories.c.id == category_id)
                            .values(system=settings.system_for(int(size))))
    try:
        return draw_category(svc, actor, category_id=category_id, seed=seed)
    except Exception:
        if category["system"] == "auto":
            with svc.transaction(actor) as tx:
                tx.conn.execute(t.categories.update().where(t.categories.c.id == category_id)
                                .values(system="auto"))
        raise


def redraw(svc: Services, actor: Actor, *, category_id: int, seed: int | None = None) -> int:
    """Throw the draw away and draw again, while no contest of it has begun."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        category = row(tx.conn, t.categories, category_id, "category")
        if locked(tx.conn, category_id):
            raise Conflict(f"{category['name']} is locked; unlock it to redraw")
        found = tx.conn.execute(sa.select(t.draws).where(
            t.draws.c.category_id == category_id)).mappings().first()
        if found is None:
            raise Conflict(f"{category['name']} is not drawn yet")
        contests = list(tx.conn.execute(sa.select(t.contests.c.id, t.contests.c.event_count)
                                        .where(t.contests.c.category_id == category_id)))
        if any(c.event_count for c in contests):
            raise Conflict(f"a contest of {category['name']} has begun; it cannot be redrawn")
        ids = [c.id for c in contests]
        if ids:
            tx.conn.execute(t.mat_queue.delete().where(t.mat_queue.c.contest_id.in_(ids)))
            tx.conn.execute(t.contests.delete().where(t.contests.c.id.in_(ids)))
        tx.conn.execute(t.draws.delete().where(t.draws.c.id == found["id"]))
        tx.audit("draw.delete", "draw", found["id"],
                 before={"seed": found["seed"], **found["graph"]},
                 tournament_id=category["tournament_id"])
        if category["system"] != "auto":  # the next draw takes the size's system again
            tx.conn.execute(t.categories.update().where(t.categories.c.id == category_id)
                            .values(system="auto"))
        tx.touch(f"category:{category_id}", f"tournament:{category['tournament_id']}")
    return draw_now(svc, actor, category_id=category_id,
                    seed=secrets.randbits(31) if seed is None else seed)


def set_lock(svc: Services, actor: Actor, *, category_id: int, lock: bool) -> None:
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        category = row(tx.conn, t.categories, category_id, "category")
        if lock and not _drawn(tx.conn, category_id):
            raise Conflict(f"{category['name']} is not drawn yet; draw it before locking")
        was = locked(tx.conn, category_id)
        if was == lock:
            return
        tx.conn.execute(t.categories.update().where(t.categories.c.id == category_id)
                        .values(locked_at=tx.now if lock else None))
        tx.audit("draw.lock" if lock else "draw.unlock", "category", category_id,
                 before={"locked": was}, after={"locked": lock},
                 tournament_id=category["tournament_id"])


@dataclass(frozen=True, slots=True)
class Report:
    seed: int
    system: str
    text: str
    imported: bool = False  # drawn elsewhere (JudoShiai): no seed to re-run


IMPORTED = ("Drawn in JudoShiai and imported from the file: the lines are the file's. There "
            "is no random seed to re-run, so this report gives no seeds' lines or "
            "separations. Redraw to replace it with an ippon draw.")


def report(conn: Connection, category_id: int) -> Report | None:
    """The draw report (seeds, separations met or not), by re-running the stored draw from its
    published seed; for a draw imported from a JudoShiai file, only that it was; None if the
    category is not drawn."""
    found = conn.execute(sa.select(t.draws).where(t.draws.c.category_id == category_id)
                         .order_by(t.draws.c.id.desc())).mappings().first()
    if found is None:
        return None
    if found["graph"].get("source") == "judoshiai":
        # Its seed 0 drew nothing: re-running it would report a draw nobody made.
        return Report(found["seed"], found["system"], IMPORTED, imported=True)
    q = (sa.select(t.entries.c.id, t.entries.c.seed, t.athletes.c.country, t.clubs.c.name,
                   t.athletes.c.family_name, t.athletes.c.given_name)
         .join(t.athletes, t.athletes.c.id == t.entries.c.athlete_id)
         .outerjoin(t.clubs, t.clubs.c.id == t.athletes.c.club_id)
         .where(t.entries.c.category_id == category_id))
    people = list(conn.execute(q))
    drawn = {int(x) for x in found["graph"]["lines"] if x is not None}
    entrants = [Entrant(str(r.id), r.country, r.name, r.seed) for r in people if r.id in drawn]
    system = found["system"]
    try:
        result: DrawReport
        if system in BRACKETS:
            result = draw(entrants, found["seed"]).report
        elif system in POOL_SYSTEMS:
            result = draw_pools(entrants, found["seed"], pools=POOL_SYSTEMS[system]).report
        else:
            return Report(found["seed"], system, "")
    except DrawError as error:
        return Report(found["seed"], system, str(error))
    names = {str(r.id): f"{r.family_name.upper()} {r.given_name}".strip() for r in people}
    return Report(found["seed"], system, _render(result, names))


def _render(result: DrawReport, names: dict[str, str]) -> str:
    """The report as `DrawReport.render` words it, with names instead of entry ids."""
    def who(ids: Sequence[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids) or "none"

    lines = [f"Draw with random seed {result.rng_seed}."]
    lines += [f"Seed {s.seed}: {who([s.athlete])} "
              + (f"in pool {s.pool}." if s.pool else f"on line {s.line + 1}.")
              for s in result.seeds]
    for note in result.notes:
        first, _, rest = note.partition(" ")
        lines.append(f"{names.get(first, first)} {rest}")
    if result.unmet:
        lines.append("Separations that no draw respecting the seeds could meet:")
        lines += [f"- {u.kind} {u.group}: not separated into different {u.level}: "
                  f"{who(u.together)} in {u.where}, {who(u.apart)} on the other side"
                  for u in result.unmet]
    else:
        lines.append("Every separation by country and club is met.")
    if not result.optimal:
        lines.append("The separation search hit its budget; the draw may not be the best.")
    return "\n".join(lines)
