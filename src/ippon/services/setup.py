"""The tournament's setup: name, dates, venue, mats, ruleset, tables, rest time, systems.

The tournaments table holds what every part of ippon reads (name, place, first day, ruleset); the
organiser's other choices are one JSON document per tournament in `tournament_settings`
(`ippon.services.settings`), so that they need no schema change and their history is in the
audit log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.rules import RULESETS
from ippon.rules.age_groups import age_groups
from ippon.services import settings as tournament_settings
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.errors import Invalid
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.tournament.categories import available_tables
from ippon.tournament.schedule import REST_TIME
from ippon.tournament.systems import BUILDERS, default_system

MAX_MATS = 30
REST_MINUTES = int(REST_TIME.total_seconds() // 60)
CONTEST_MINUTES = 6.0
# Which system for which size, as RULES suggests by default (the organiser may change it).
DEFAULT_SYSTEMS: tuple[tuple[int, str], ...] = ((5, "pool"), (7, "double-pool"),
                                                (999, "ijf-repechage"))


@dataclass(frozen=True, slots=True)
class Settings:
    """`systems`: (largest size, system) pairs, smallest size first; a category of n athletes
    takes the first pair whose size holds n. `contest_minutes`: planned time per contest with
    the changeover, for the schedule."""

    name: str
    starts_on: date
    ends_on: date
    place: str = ""
    ruleset: str = "ijf2025"
    age_group: str = "seniors"
    category_table: str = "ijf-seniors"
    mats: int = 0
    rest_minutes: int = REST_MINUTES
    contest_minutes: float = CONTEST_MINUTES
    official_tolerance_kg: float = 0.0
    systems: tuple[tuple[int, str], ...] = DEFAULT_SYSTEMS
    first_contest: str = "09:00"  # local time of the first contest each day
    timezone: str = "Europe/Berlin"  # the hall's clock (IANA name)
    extra: dict[str, Any] = field(default_factory=dict)

    def system_for(self, size: int) -> str:
        for largest, system in self.systems:
            if size <= largest:
                return system
        return default_system(size)


def load(conn: Connection, tournament_id: int) -> Settings:
    tournament = row(conn, t.tournaments, tournament_id, "tournament")
    mats = conn.execute(sa.select(sa.func.count()).select_from(t.mats)
                        .where(t.mats.c.tournament_id == tournament_id)).scalar_one()
    data: dict[str, Any] = (
        tournament_settings.get(conn, tournament_id, tournament_settings.SETUP) or {})
    systems = tuple((int(n), str(s)) for n, s in data.get("systems", DEFAULT_SYSTEMS))
    return Settings(
        name=tournament["name"], place=tournament["place"], starts_on=tournament["starts_on"],
        ends_on=date.fromisoformat(data["ends_on"]) if "ends_on" in data
        else tournament["starts_on"],
        ruleset=tournament["ruleset"], age_group=data.get("age_group", "seniors"),
        category_table=data.get("category_table", "ijf-seniors"), mats=int(mats),
        rest_minutes=int(data.get("rest_minutes", REST_MINUTES)),
        contest_minutes=float(data.get("contest_minutes", CONTEST_MINUTES)),
        official_tolerance_kg=float(data.get("official_tolerance_kg", 0.0)),
        systems=systems, first_contest=str(data.get("first_contest", "09:00")),
        timezone=str(data.get("timezone", "Europe/Berlin")), extra=dict(data.get("extra", {})))


def _checked(s: Settings) -> Settings:
    if not s.name.strip():
        raise Invalid("the tournament needs a name")
    if s.ends_on < s.starts_on:
        raise Invalid(f"the last day ({s.ends_on}) is before the first ({s.starts_on})")
    if s.ruleset not in RULESETS:
        raise Invalid(f"unknown ruleset {s.ruleset!r}; choose one of {', '.join(RULESETS)}")
    if s.age_group not in age_groups():
        raise Invalid(f"unknown age group {s.age_group!r}; choose one of "
                      f"{', '.join(age_groups())}")
    if s.category_table not in available_tables():
        raise Invalid(f"unknown category table {s.category_table!r}")
    if not 1 <= s.mats <= MAX_MATS:
        raise Invalid(f"a tournament needs 1 to {MAX_MATS} mats, not {s.mats}")
    if not 0 <= s.rest_minutes <= 120:
        raise Invalid(f"a rest time of {s.rest_minutes} minutes is out of range (0-120)")
    if not 1 <= s.contest_minutes <= 60:
        raise Invalid(f"{s.contest_minutes} minutes per contest is out of range (1-60)")
    if not 0 <= s.official_tolerance_kg <= 5:
        raise Invalid(f"a weigh-in tolerance of {s.official_tolerance_kg} kg is out of range "
                      "(0-5 kg)")
    try:
        hours, minutes = (int(x) for x in s.first_contest.split(":"))
        time(hours, minutes)
    except ValueError:
        raise Invalid(f"first contest at {s.first_contest!r}: enter a time such as 09:00"
                      ) from None
    try:
        ZoneInfo(s.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(f"unknown time zone {s.timezone!r}; write it like Europe/Berlin") from None
    sizes = [n for n, _ in s.systems]
    if sizes != sorted(set(sizes)) or not sizes or sizes[0] < 2:
        raise Invalid("list the systems by growing category size, each size once, from 2 up")
    for _, system in s.systems:
        if system not in BUILDERS:
            raise Invalid(f"unknown competition system {system!r}; choose one of "
                          f"{', '.join(sorted(BUILDERS))}")
    return replace(s, name=s.name.strip(), place=s.place.strip())


def create(svc: Services, actor: Actor, settings: Settings) -> int:
    """A new tournament with its settings and mats, in one transaction."""
    require(actor, "admin")
    s = _checked(settings)
    with svc.transaction(actor) as tx:
        values = {"name": s.name, "place": s.place, "starts_on": s.starts_on,
                  "ruleset": s.ruleset, "created_at": tx.now}
        tournament_id = tx.insert(t.tournaments, values)
        tx.audit("tournament.create", "tournament", tournament_id, after=values,
                 tournament_id=tournament_id)
        _store(tx, tournament_id, s, None)
        tx.touch(f"tournament:{tournament_id}")
        return tournament_id


def save(svc: Services, actor: Actor, tournament_id: int, settings: Settings) -> None:
    """Change the setup. Mats are added up to `settings.mats`; a mat is never removed here
    (its contests and credentials may refer to it), so fewer mats than exist is refused."""
    require(actor, "admin")
    s = _checked(settings)
    with svc.transaction(actor) as tx:
        before = load(tx.conn, tournament_id)
        if s.mats < before.mats:
            raise Invalid(f"the tournament has {before.mats} mats already; mats are not "
                          "removed (their credentials and queues refer to them)")
        values = {"name": s.name, "place": s.place, "starts_on": s.starts_on,
                  "ruleset": s.ruleset}
        tx.conn.execute(t.tournaments.update().where(t.tournaments.c.id == tournament_id)
                        .values(**values))
        _store(tx, tournament_id, s, before)
        tx.touch(f"tournament:{tournament_id}")


def _document(s: Settings) -> dict[str, Any]:
    data = asdict(s)
    for gone in ("name", "place", "starts_on", "ruleset", "mats"):
        data.pop(gone)
    data["ends_on"] = s.ends_on.isoformat()
    data["systems"] = [list(pair) for pair in s.systems]
    return data


def _store(tx: Tx, tournament_id: int, s: Settings, before: Settings | None) -> None:
    tournament_settings.put(tx, tournament_id, tournament_settings.SETUP, _document(s))
    have = 0 if before is None else before.mats
    for number in range(have + 1, s.mats + 1):
        values = {"tournament_id": tournament_id, "number": number, "name": f"Mat {number}"}
        mat_id = tx.insert(t.mats, values)
        tx.audit("mat.create", "mat", mat_id, after=values, tournament_id=tournament_id)
        tx.touch(f"mat:{mat_id}")
    tx.audit("tournament.setup", "tournament", tournament_id,
             before=None if before is None else {**_document(before), "name": before.name,
                                                 "mats": before.mats},
             after={**_document(s), "name": s.name, "place": s.place, "mats": s.mats,
                    "ruleset": s.ruleset, "starts_on": s.starts_on},
             tournament_id=tournament_id)


def tournaments(conn: Connection) -> list[dict[str, Any]]:
    q = sa.select(t.tournaments).order_by(t.tournaments.c.starts_on.desc(), t.tournaments.c.id)
    return [dict(r) for r in conn.execute(q).mappings()]
