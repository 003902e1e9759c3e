"""Athletes, clubs and countries for the registration desk: search and the entry form.

Search runs in the database (a prefix or substring match with LIMIT/OFFSET), so a page of 25
athletes costs the same with 2,000 registered. A scanner types a card's barcode followed by
Enter: a number is an athlete id, anything else an id from the entry list (licence, Judopass),
kept per tournament in `tournament_settings` (`external_ids`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services import settings as tournament_settings
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.errors import Conflict, Invalid
from ippon.services.registration import ensure_country, row
from ippon.store import schema as t

PAGE = 25


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def external_ids(conn: Connection, tournament_id: int) -> dict[str, int]:
    """The entry list's ids (barcodes, licences) of the tournament's athletes."""
    known = tournament_settings.get(conn, tournament_id, tournament_settings.EXTERNAL_IDS) or {}
    return {str(k): int(v) for k, v in known.items()}


def store_external_ids(tx: Tx, tournament_id: int, added: dict[str, int]) -> None:
    if not added:
        return
    known = external_ids(tx.conn, tournament_id)
    clash = sorted(k for k in added if k in known and known[k] != added[k])
    if clash:
        raise Conflict(f"the id {clash[0]} belongs to another athlete already")
    known.update(added)
    tournament_settings.put(tx, tournament_id, tournament_settings.EXTERNAL_IDS, known)


def _athlete_query(tournament_id: int) -> sa.Select[Any]:
    return (sa.select(t.athletes.c.id, t.athletes.c.family_name, t.athletes.c.given_name,
                      t.athletes.c.gender, t.athletes.c.birth_year, t.athletes.c.country,
                      t.clubs.c.name.label("club"))
            .outerjoin(t.clubs, t.clubs.c.id == t.athletes.c.club_id)
            .where(t.athletes.c.tournament_id == tournament_id))


def search(conn: Connection, tournament_id: int, text: str = "", *, page: int = 1,
           per_page: int = PAGE) -> Page:
    """Athletes whose name, club or country matches `text`, or whose id or barcode it is."""
    q = _athlete_query(tournament_id)
    text = text.strip()
    if text:
        exact = _by_id(conn, tournament_id, text)
        if exact is not None:
            q = q.where(t.athletes.c.id == exact)
        else:
            for word in text.split()[:4]:
                like = f"%{word.lower()}%"
                q = q.where(sa.or_(sa.func.lower(t.athletes.c.family_name).like(like),
                                   sa.func.lower(t.athletes.c.given_name).like(like),
                                   sa.func.lower(t.clubs.c.name).like(like),
                                   sa.func.lower(t.athletes.c.country) == word.lower()))
    page = max(1, page)
    # The total rides along with the page (a window count): one scan of the table, not two.
    found = conn.execute(q.add_columns(sa.func.count().over().label("total"))
                         .order_by(t.athletes.c.family_name, t.athletes.c.given_name,
                                   t.athletes.c.id)
                         .limit(per_page).offset((page - 1) * per_page)).mappings()
    rows = [dict(r) for r in found]
    if rows:
        total = rows[0]["total"]
        for r in rows:
            del r["total"]
    else:  # an empty page: past the end, or nothing matches
        total = conn.execute(sa.select(sa.func.count()).select_from(q.subquery())).scalar_one()
    _add_entries(conn, rows)
    return Page(rows, int(total), page, per_page)


def _by_id(conn: Connection, tournament_id: int, text: str) -> int | None:
    if text.isdigit():
        found = conn.execute(sa.select(t.athletes.c.id).where(
            t.athletes.c.id == int(text), t.athletes.c.tournament_id == tournament_id)).scalar()
        if found is not None:
            return int(found)
    if any(c.isdigit() for c in text) and " " not in text:
        return external_ids(conn, tournament_id).get(text)
    return None


def _add_entries(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Each athlete's entries (category, status, weight), in one query for the page."""
    ids = [r["id"] for r in rows]
    by_athlete: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        q = (sa.select(t.entries.c.id, t.entries.c.athlete_id, t.entries.c.status,
                       t.entries.c.weight, t.entries.c.declared_weight,
                       t.categories.c.id.label("category_id"),
                       t.categories.c.name.label("category"),
                       t.categories.c.max_weight, t.categories.c.min_weight)
             .join(t.categories, t.categories.c.id == t.entries.c.category_id)
             .where(t.entries.c.athlete_id.in_(ids)).order_by(t.entries.c.id))
        for found in conn.execute(q).mappings():
            by_athlete[found["athlete_id"]].append(dict(found))
    for r in rows:
        r["entries"] = by_athlete[r["id"]]


def clubs(conn: Connection, tournament_id: int, text: str = "") -> list[dict[str, Any]]:
    """Clubs with their number of athletes in this tournament."""
    count = sa.func.count(t.athletes.c.id)
    q = (sa.select(t.clubs.c.id, t.clubs.c.name, t.clubs.c.country, count.label("athletes"))
         .join(t.athletes, t.athletes.c.club_id == t.clubs.c.id)
         .where(t.athletes.c.tournament_id == tournament_id)
         .group_by(t.clubs.c.id, t.clubs.c.name, t.clubs.c.country).order_by(t.clubs.c.name))
    if text.strip():
        q = q.where(sa.func.lower(t.clubs.c.name).like(f"%{text.strip().lower()}%"))
    return [dict(r) for r in conn.execute(q.limit(200)).mappings()]


def countries(conn: Connection, tournament_id: int) -> list[dict[str, Any]]:
    count = sa.func.count(t.athletes.c.id)
    q = (sa.select(t.countries.c.code, t.countries.c.name, count.label("athletes"))
         .join(t.athletes, t.athletes.c.country == t.countries.c.code)
         .where(t.athletes.c.tournament_id == tournament_id)
         .group_by(t.countries.c.code, t.countries.c.name).order_by(t.countries.c.code))
    return [dict(r) for r in conn.execute(q).mappings()]


def club_id(tx: Tx, name: str, country: str | None) -> int | None:
    """The club of that name and country, created if new."""
    name = " ".join(name.split())
    if not name:
        return None
    found = tx.conn.execute(sa.select(t.clubs.c.id).where(
        t.clubs.c.name == name, t.clubs.c.country == country if country
        else t.clubs.c.country.is_(None))).scalar()
    if found is not None:
        return int(found)
    values = {"name": name, "country": country}
    new_id = tx.insert(t.clubs, values)
    tx.audit("club.create", "club", new_id, after=values)
    return new_id


@dataclass(frozen=True, slots=True)
class Registration:
    family_name: str
    given_name: str
    gender: str
    birth_year: int
    club: str = ""
    country: str = ""
    category_id: int | None = None
    external_id: str = ""
    seed: int | None = None
    declared_weight: float | None = None  # kg, from the entry form or list


def add_athlete(tx: Tx, tournament_id: int, r: Registration) -> int:
    """Insert one athlete (with club, country, entry) inside the caller's transaction."""
    if r.gender not in ("m", "f"):
        raise Invalid(f"gender must be 'm' or 'f', not {r.gender!r}")
    if not r.family_name.strip():
        raise Invalid("the family name is empty")
    if not 1900 <= r.birth_year <= tx.now.year:
        raise Invalid(f"{r.birth_year} is not a plausible birth year")
    country = ensure_country(tx, r.country) if r.country.strip() else None
    values = {"tournament_id": tournament_id, "family_name": r.family_name.strip(),
              "given_name": r.given_name.strip(), "gender": r.gender,
              "birth_year": r.birth_year,
              "name_as_entered": f"{r.given_name.strip()} {r.family_name.strip()}".strip(),
              "club_id": club_id(tx, r.club, country), "country": country,
              "created_at": tx.now}
    athlete_id = tx.insert(t.athletes, values)
    tx.audit("athlete.create", "athlete", athlete_id, after=values, tournament_id=tournament_id)
    if r.category_id is not None:
        add_entry(tx, tournament_id, athlete_id, r.category_id, r.seed,
                  declared_weight=r.declared_weight)
    return athlete_id


def add_entry(tx: Tx, tournament_id: int, athlete_id: int, category_id: int,
              seed: int | None = None, *, declared_weight: float | None = None) -> int:
    category = row(tx.conn, t.categories, category_id, "category")
    athlete = row(tx.conn, t.athletes, athlete_id, "athlete")
    if category["tournament_id"] != tournament_id:
        raise Invalid("the category belongs to another tournament")
    if athlete["gender"] != category["gender"]:
        raise Invalid(f"{athlete['family_name']} cannot enter {category['name']}: the category "
                      "is for the other gender")
    if tx.conn.execute(sa.select(t.draws.c.id)
                       .where(t.draws.c.category_id == category_id)).first() is not None:
        raise Conflict(f"{category['name']} is drawn already; entries are closed")
    values = {"category_id": category_id, "athlete_id": athlete_id, "seed": seed,
              "status": "registered", "created_at": tx.now,
              "declared_weight": checked_declared_weight(declared_weight)}
    entry_id = tx.insert(t.entries, values)
    tx.audit("entry.create", "entry", entry_id, after=values, tournament_id=tournament_id)
    tx.touch(f"category:{category_id}")
    return entry_id


def checked_declared_weight(weight: float | None) -> float | None:
    """The entry form's weight, if any, within what a scale shows for a judoka."""
    if weight is None:
        return None
    if not 10 <= weight <= 300:
        raise Invalid(f"a declared weight of {weight} kg is out of range (10-300 kg)")
    return round(float(weight), 1)


def register(svc: Services, actor: Actor, tournament_id: int, r: Registration) -> int:
    """The entry form: one athlete, their club and country, their category, all at once."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        row(tx.conn, t.tournaments, tournament_id, "tournament")
        athlete_id = add_athlete(tx, tournament_id, r)
        if r.external_id.strip():
            store_external_ids(tx, tournament_id, {r.external_id.strip(): athlete_id})
        tx.touch(f"tournament:{tournament_id}")
        return athlete_id


def categories(conn: Connection, tournament_id: int) -> list[dict[str, Any]]:
    """The tournament's categories with their number of entries and whether they are drawn."""
    entries = (sa.select(sa.func.count()).where(t.entries.c.category_id == t.categories.c.id,
                                                t.entries.c.status != "withdrawn")
               .scalar_subquery())
    drawn = sa.exists().where(t.draws.c.category_id == t.categories.c.id)
    q = (sa.select(t.categories, entries.label("entries"), drawn.label("drawn"))
         .where(t.categories.c.tournament_id == tournament_id)
         .order_by(t.categories.c.age_group, t.categories.c.gender,
                   sa.func.coalesce(t.categories.c.max_weight, 999), t.categories.c.name))
    return [dict(r) for r in conn.execute(q).mappings()]
