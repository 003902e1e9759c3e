"""What the public pages show: read-only views of a tournament for spectators, athletes, coaches
and the announcer. Nothing here writes; every function reads one connection at one `now`.

Estimated times come from `ippon.services.etas`: the stored plan followed from now (its
order, breaks, days and rest waits, each mat shifted by how far it runs ahead or behind), or
without a plan each mat's queue walked from now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.reports.brackets import CategorySheet, category_sheet
from ippon.reports.model import CategoryDraw, Person, Tournament
from ippon.services import etas, settings
from ippon.services.draws import bracket
from ippon.services.errors import NotFound
from ippon.services.registration import row
from ippon.services.scheduling import queue
from ippon.services.snapshots import summaries
from ippon.store import schema as t
from ippon.tournament.bracket import Progress
from ippon.tournament.medals import MedalRow, medal_table
from ippon.tournament.model import BeatenBy, LoserOf, PoolRank, WinnerOf

OPEN = etas.OPEN
MAT_PREVIEW = 3  # contests listed per mat on the home page: the current one and two more


@dataclass(frozen=True, slots=True)
class Fighter:
    entry_id: int
    athlete_id: int
    name: str
    country: str | None
    club: str | None


@dataclass(frozen=True, slots=True)
class Waiting:
    """A place not known yet: `kind` is winner, loser, rank or beaten; `contest` the contest it
    comes from (a pool's rank has `pool` and `rank`), `between` its athletes when known."""

    kind: str
    contest: int | None = None
    pool: str | None = None
    rank: int | None = None
    between: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Bout:
    """A contest as the public pages list it."""

    id: int
    number: int
    status: str
    category_id: int | None
    category: str | None
    round: str | None
    white: Fighter | Waiting | None
    blue: Fighter | Waiting | None
    mat: int | None = None  # the mat's number
    eta: datetime | None = None
    winner: str | None = None  # "white" or "blue"
    method: str | None = None

    def opponent_of(self, entry_id: int) -> Fighter | Waiting | None:
        white = self.white
        if isinstance(white, Fighter) and white.entry_id == entry_id:
            return self.blue
        return white


@dataclass(frozen=True, slots=True)
class MatNow:
    id: int
    number: int
    name: str
    bouts: tuple[Bout, ...]  # the current contest first (running or called), then what follows


@dataclass(frozen=True, slots=True)
class CategoryLine:
    id: int
    name: str
    mat: int | None
    athletes: int
    drawn: bool
    fought: int
    contests: int
    finished: bool


@dataclass(frozen=True, slots=True)
class TournamentInfo:
    id: int
    name: str
    place: str
    starts_on: str


@dataclass(frozen=True, slots=True)
class Home:
    tournament: TournamentInfo
    mats: tuple[MatNow, ...]
    categories: tuple[CategoryLine, ...]


@dataclass(frozen=True, slots=True)
class CategoryView:
    tournament: TournamentInfo
    category: CategoryLine
    sheet: CategorySheet | None  # None before the draw
    entries: tuple[tuple[Fighter, str], ...]  # before the draw: who is entered, and status
    next: tuple[Bout, ...]
    placings: tuple[tuple[int, Fighter], ...]


@dataclass(frozen=True, slots=True)
class EntryView:
    category: CategoryLine
    status: str  # registered, weighed, withdrawn
    weight: float | None
    place: int | None
    next: Bout | None
    fought: tuple[Bout, ...]
    out: bool  # lost and not in the repechage: no more contests


@dataclass(frozen=True, slots=True)
class AthleteView:
    tournament: TournamentInfo
    athlete: Fighter
    club_id: int | None
    entries: tuple[EntryView, ...]


@dataclass(frozen=True, slots=True)
class GroupView:
    """A club's or a country's athletes, for their coaches: the next contests first."""

    tournament: TournamentInfo
    kind: str  # club or country
    key: str
    name: str
    athletes: tuple[AthleteView, ...]
    upcoming: tuple[tuple[Fighter, Bout], ...]


@dataclass(frozen=True, slots=True)
class Made:
    """A call the announcer has made: when, and by whom (the actor's name)."""

    at: datetime
    by: str


@dataclass(frozen=True, slots=True)
class MatCall:
    key: str  # mat:<mat number>:contest:<contest id>
    mat: int
    kind: str  # now (running), to (the next one), prepare
    bout: Bout
    made: Made | None = None


@dataclass(frozen=True, slots=True)
class WeighInCall:
    key: str  # weigh-in:category:<id>
    category: CategoryLine
    people: tuple[Fighter, ...]
    made: Made | None = None


@dataclass(frozen=True, slots=True)
class Ceremony:
    category: CategoryLine
    placings: tuple[tuple[int, Fighter], ...]
    key: str = ""  # ceremony:category:<id>
    made: Made | None = None


@dataclass(frozen=True, slots=True)
class Announcements:
    """The announcer's calls, each section with the calls not made yet first."""

    tournament: TournamentInfo
    mats: tuple[MatCall, ...]
    weigh_in: tuple[WeighInCall, ...]
    ceremonies: tuple[Ceremony, ...]


@dataclass(frozen=True, slots=True)
class MedalView:
    tournament: TournamentInfo
    rows: tuple[MedalRow, ...]
    by: str  # country or club
    decided: int  # categories with their medals known
    categories: int


@dataclass
class _Reader:
    """One read of the database: caches what several views of one page share."""

    conn: Connection
    now: datetime
    _progress: dict[int, Progress | None] = field(default_factory=dict)
    _starts: dict[int, dict[int, datetime]] = field(default_factory=dict)
    _mats: dict[int, dict[str, Any]] = field(default_factory=dict)
    _people: dict[int, Fighter] = field(default_factory=dict)
    _lines: dict[int, CategoryLine] = field(default_factory=dict)

    def progress(self, category_id: int) -> Progress | None:
        if category_id not in self._progress:
            found = bracket(self.conn, category_id)
            self._progress[category_id] = None if found is None else found.progress
        return self._progress[category_id]

    def mat(self, mat_id: int) -> dict[str, Any]:
        if mat_id not in self._mats:
            self._mats[mat_id] = row(self.conn, t.mats, mat_id, "mat")
        return self._mats[mat_id]

    def starts(self, tournament_id: int) -> dict[int, datetime]:
        """Contest id -> expected start, for every open contest of the tournament."""
        if tournament_id not in self._starts:
            self._starts[tournament_id] = etas.starts(self.conn, tournament_id, self.now)
        return self._starts[tournament_id]

    def names(self, entry_ids: set[int]) -> dict[int, Fighter]:
        missing = entry_ids - self._people.keys()
        if missing:
            self._people.update(_people(self.conn, t.entries.c.id.in_(missing)))
        return {e: self._people[e] for e in entry_ids if e in self._people}

    def bouts(self, contests: list[dict[str, Any]]) -> list[Bout]:
        """Contests as listed publicly, with mat, estimated start and the unknown places."""
        if not contests:
            return []
        mats = {r.contest_id: r.mat_id for r in self.conn.execute(
            sa.select(t.mat_queue.c.contest_id, t.mat_queue.c.mat_id)
            .where(t.mat_queue.c.contest_id.in_([c["id"] for c in contests])))}
        people = self.names({c[k] for c in contests for k in ("white_entry_id", "blue_entry_id")
                             if c[k] is not None})
        found = []
        for contest, summary in zip(contests, summaries(self.conn, contests), strict=True):
            mat_id = mats.get(contest["id"])
            eta = None
            if mat_id is not None and contest["status"] in OPEN:
                eta = self.starts(contest["tournament_id"]).get(contest["id"])
            outcome = contest["outcome"] or {}
            found.append(Bout(
                contest["id"], contest["number"], contest["status"], contest["category_id"],
                summary["category"], summary["round"],
                self._place(people.get(contest["white_entry_id"]), contest, True),
                self._place(people.get(contest["blue_entry_id"]), contest, False),
                None if mat_id is None else int(self.mat(mat_id)["number"]), eta,
                outcome.get("winner"), outcome.get("method")))
        return found

    def _place(self, person: Fighter | None, contest: dict[str, Any],
               white: bool) -> Fighter | Waiting | None:
        """The athlete on a place, else what the place waits for (the winner of contest 5,
        with the two athletes of contest 5 when they are known)."""
        if person is not None:
            return person
        category_id = contest["category_id"]
        progress = None if category_id is None else self.progress(category_id)
        if progress is None or not 0 < contest["number"] <= len(progress.contests):
            return None
        state = progress.contests[contest["number"] - 1]
        feed = state.contest.white if white else state.contest.blue
        if isinstance(feed, WinnerOf | LoserOf | BeatenBy):
            kind = {WinnerOf: "winner", LoserOf: "loser", BeatenBy: "beaten"}[type(feed)]
            source = progress.contests[feed.contest - 1]
            ids = {int(a) for a in (source.white, source.blue) if a is not None}
            names = self.names(ids)
            between = tuple(names[int(a)].name for a in (source.white, source.blue)
                            if a is not None and int(a) in names)
            return Waiting(kind, feed.contest, between=between)
        if isinstance(feed, PoolRank):
            return Waiting("rank", pool=feed.pool, rank=feed.rank)
        return None

    def category_line(self, category: dict[str, Any]) -> CategoryLine:
        if category["id"] not in self._lines:
            self._lines[category["id"]] = self._category_line(category)
        return self._lines[category["id"]]

    def _category_line(self, category: dict[str, Any]) -> CategoryLine:
        counts: dict[str, int] = dict(self.conn.execute(
            sa.select(t.contests.c.status, sa.func.count()).where(
                t.contests.c.category_id == category["id"]).group_by(t.contests.c.status)).all())
        athletes = self.conn.execute(sa.select(sa.func.count()).select_from(t.entries).where(
            t.entries.c.category_id == category["id"],
            t.entries.c.status != "withdrawn")).scalar_one()
        total = sum(counts.values())
        mat = None if category["mat_id"] is None else int(self.mat(category["mat_id"])["number"])
        progress = self.progress(category["id"]) if total else None
        return CategoryLine(category["id"], category["name"], mat, int(athletes), total > 0,
                            int(counts.get("finished", 0)), total - int(counts.get("skipped", 0)),
                            bool(progress and progress.finished))


def tournament_ids(conn: Connection) -> list[int]:
    return [r.id for r in conn.execute(sa.select(t.tournaments.c.id).order_by(t.tournaments.c.id))]


def tournament_info(conn: Connection, tournament_id: int) -> TournamentInfo:
    found = row(conn, t.tournaments, tournament_id, "tournament")
    return TournamentInfo(tournament_id, found["name"], found["place"],
                          found["starts_on"].isoformat())


def tournaments(conn: Connection) -> list[TournamentInfo]:
    return [tournament_info(conn, tid) for tid in tournament_ids(conn)]


def _people(conn: Connection, where: Any) -> dict[int, Fighter]:
    """Entries (by id) with their athletes, for the entries `where` selects."""
    q = (sa.select(t.entries.c.id, t.athletes.c.id.label("athlete_id"), t.athletes.c.family_name,
                   t.athletes.c.given_name, t.athletes.c.country, t.clubs.c.name.label("club"))
         .join(t.athletes, t.athletes.c.id == t.entries.c.athlete_id)
         .outerjoin(t.clubs, t.clubs.c.id == t.athletes.c.club_id).where(where))
    return {r.id: Fighter(r.id, r.athlete_id, f"{r.family_name.upper()} {r.given_name}".strip(),
                          r.country, r.club) for r in conn.execute(q)}


def _mat_contests(reader: _Reader, tournament_id: int, preview: int
                  ) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each mat with the contests it shows: the running one, else the first one ready to be
    called, then what follows."""
    found = []
    for m in reader.conn.execute(sa.select(t.mats).where(t.mats.c.tournament_id == tournament_id)
                                 .order_by(t.mats.c.number)).mappings():
        reader._mats[m["id"]] = dict(m)
        contests = queue(reader.conn, m["id"], limit=40)
        order = sorted(range(len(contests)), key=lambda i: (
            {"running": 0, "ready": 1}.get(contests[i]["status"], 2), i))
        chosen = [contests[i] for i in order[:preview]]
        chosen.sort(key=lambda c: (c["status"] != "running", contests.index(c)))
        found.append((dict(m), chosen))
    return found


def _mats_now(reader: _Reader, tournament_id: int, preview: int) -> tuple[MatNow, ...]:
    return tuple(MatNow(m["id"], m["number"], m["name"], tuple(reader.bouts(chosen)))
                 for m, chosen in _mat_contests(reader, tournament_id, preview))


def _categories(reader: _Reader, tournament_id: int) -> list[dict[str, Any]]:
    return [dict(c) for c in reader.conn.execute(sa.select(t.categories).where(
        t.categories.c.tournament_id == tournament_id).order_by(t.categories.c.id)).mappings()]


def home(conn: Connection, tournament_id: int, now: datetime) -> Home:
    reader = _Reader(conn, now)
    info = tournament_info(conn, tournament_id)
    return Home(info, _mats_now(reader, tournament_id, MAT_PREVIEW),
                tuple(reader.category_line(c) for c in _categories(reader, tournament_id)))


def category_view(conn: Connection, category_id: int, now: datetime) -> CategoryView:
    reader = _Reader(conn, now)
    category = row(conn, t.categories, category_id, "category")
    info = tournament_info(conn, category["tournament_id"])
    line = reader.category_line(category)
    people = _people(conn, t.entries.c.category_id == category_id)
    statuses = dict(conn.execute(sa.select(t.entries.c.id, t.entries.c.status).where(
        t.entries.c.category_id == category_id)).all())
    found = bracket(conn, category_id)
    sheet = None
    placings: list[tuple[int, Fighter]] = []
    if found is not None:
        persons = {str(e): _person(f) for e, f in people.items()}
        draw = CategoryDraw(category["name"], found, line.mat)
        sheet = category_sheet(Tournament(info.name, None, info.place, persons), draw)
        placings = [(place, people[int(a)]) for place, names in found.progress.placings.items()
                    for a in names if int(a) in people]
    open_contests = [dict(c) for c in conn.execute(sa.select(t.contests).where(
        t.contests.c.category_id == category_id, t.contests.c.status.in_(("ready", "running")))
        .order_by(t.contests.c.number)).mappings()]
    upcoming = sorted(reader.bouts(open_contests),
                      key=lambda b: (b.eta or datetime.max.replace(tzinfo=now.tzinfo), b.number))
    entries = tuple(sorted(((f, statuses[e]) for e, f in people.items()),
                           key=lambda pair: pair[0].name))
    return CategoryView(info, line, sheet, entries, tuple(upcoming), tuple(placings))


def _person(f: Fighter) -> Person:
    surname, _, given = f.name.partition(" ")
    return Person(str(f.entry_id), surname, given, f.country, f.club)


def athlete_view(conn: Connection, athlete_id: int, now: datetime,
                 reader: _Reader | None = None) -> AthleteView:
    reader = reader or _Reader(conn, now)
    athlete = row(conn, t.athletes, athlete_id, "athlete")
    info = tournament_info(conn, athlete["tournament_id"])
    people = _people(conn, t.entries.c.athlete_id == athlete_id)
    entries = []
    for e in conn.execute(sa.select(t.entries).where(t.entries.c.athlete_id == athlete_id)
                          .order_by(t.entries.c.id)).mappings():
        category = row(conn, t.categories, e["category_id"], "category")
        contests = [dict(c) for c in conn.execute(sa.select(t.contests).where(
            t.contests.c.category_id == category["id"],
            sa.or_(t.contests.c.white_entry_id == e["id"], t.contests.c.blue_entry_id == e["id"]))
            .order_by(t.contests.c.number)).mappings()]
        bouts = reader.bouts(contests)
        fought = tuple(b for b in bouts if b.status == "finished")
        waiting = [b for b in bouts if b.status in OPEN]
        far = datetime.max.replace(tzinfo=now.tzinfo)
        waiting.sort(key=lambda b: (b.status != "running", b.eta or far, b.number))
        progress = reader.progress(category["id"])
        place = None
        if progress is not None:
            place = progress.place_of().get(str(e["id"]))
        out = bool(progress and not waiting and place is None and fought)
        entries.append(EntryView(reader.category_line(category), e["status"], e["weight"], place,
                                 waiting[0] if waiting else None, fought, out))
    first = next(iter(people.values()), None)
    club = None if athlete["club_id"] is None else row(conn, t.clubs, athlete["club_id"], "club")
    person = first or Fighter(0, athlete_id, f"{athlete['family_name'].upper()} "
                              f"{athlete['given_name']}".strip(), athlete["country"],
                              None if club is None else club["name"])
    return AthleteView(info, person, athlete["club_id"], tuple(entries))


def group_view(conn: Connection, tournament_id: int, now: datetime, *,
               club_id: int | None = None, country: str | None = None) -> GroupView:
    """A club's athletes (`club_id`) or a country's (`country`, an IOC code)."""
    info = tournament_info(conn, tournament_id)
    q = sa.select(t.athletes.c.id).where(t.athletes.c.tournament_id == tournament_id)
    if club_id is not None:
        club = row(conn, t.clubs, club_id, "club")
        kind, key, name = "club", str(club_id), str(club["name"])
        q = q.where(t.athletes.c.club_id == club_id)
    elif country is not None:
        kind, key, name = "country", country.upper(), country.upper()
        q = q.where(t.athletes.c.country == country.upper())
    else:
        raise NotFound("a club or a country is needed")
    q = q.order_by(t.athletes.c.family_name, t.athletes.c.given_name)
    reader = _Reader(conn, now)
    athletes = tuple(athlete_view(conn, r.id, now, reader) for r in conn.execute(q))
    if not athletes and kind == "country":
        raise NotFound(f"no athlete of {key} in this tournament")
    far = datetime.max.replace(tzinfo=now.tzinfo)
    upcoming = sorted(((a.athlete, e.next) for a in athletes for e in a.entries
                       if e.next is not None),
                      key=lambda pair: (pair[1].status != "running", pair[1].eta or far))
    return GroupView(info, kind, key, name, athletes, tuple(upcoming))


def _placings(reader: _Reader, category_id: int, people: dict[int, Fighter]
              ) -> tuple[tuple[int, Fighter], ...]:
    progress = reader.progress(category_id)
    if progress is None:
        return ()
    return tuple((place, people[int(a)]) for place, names in sorted(progress.placings.items())
                 for a in names if int(a) in people)


def medals(conn: Connection, tournament_id: int, by: str = "country") -> MedalView:
    reader = _Reader(conn, datetime.min)
    info = tournament_info(conn, tournament_id)
    categories = _categories(reader, tournament_id)
    people = _people(conn, t.entries.c.category_id.in_([c["id"] for c in categories]))
    placings: dict[str, dict[int | str, list[str]]] = {}
    decided = 0
    for category in categories:
        progress = reader.progress(category["id"])
        if progress is None:
            continue
        ranks: dict[int | str, list[str]] = {
            place: list(names) for place, names in progress.placings.items() if place <= 3}
        if ranks.get(1):
            decided += 1
            placings[category["name"]] = ranks
    group_of: dict[str, str | None] = {
        str(e): (f.country if by == "country" else f.club) for e, f in people.items()}
    rows = medal_table(placings, group_of)
    return MedalView(info, tuple(rows), by, decided, len(categories))


CALLS = "calls"  # the tournament setting: {call key: {"at": ISO time, "by": actor name}}
ANNOUNCER_PREVIEW = 2  # contests called per mat: the one on (or to) the mat and the next


def mat_call_key(mat_number: int, contest_id: int) -> str:
    return f"mat:{mat_number}:contest:{contest_id}"


def weigh_in_call_key(category_id: int) -> str:
    return f"weigh-in:category:{category_id}"


def ceremony_call_key(category_id: int) -> str:
    return f"ceremony:category:{category_id}"


def calls_made(conn: Connection, tournament_id: int) -> dict[str, Made]:
    stored: dict[str, dict[str, str]] = settings.get(conn, tournament_id, CALLS) or {}
    return {key: Made(datetime.fromisoformat(v["at"]), v["by"]) for key, v in stored.items()}


def _unweighed(conn: Connection, category_id: int) -> list[int]:
    return [r.id for r in conn.execute(sa.select(t.entries.c.id).where(
        t.entries.c.category_id == category_id, t.entries.c.status == "registered"))]


def call_keys(conn: Connection, tournament_id: int) -> set[str]:
    """The keys of the calls the announcer's page lists now (what `announcements` shows,
    without the estimated times it does not need)."""
    reader = _Reader(conn, datetime.min)
    keys = {mat_call_key(m["number"], c["id"])
            for m, chosen in _mat_contests(reader, tournament_id, ANNOUNCER_PREVIEW)
            for c in chosen}
    for category in _categories(reader, tournament_id):
        line = reader.category_line(category)
        if not line.drawn and _unweighed(conn, category["id"]):
            keys.add(weigh_in_call_key(category["id"]))
        elif line.drawn and line.finished:
            keys.add(ceremony_call_key(category["id"]))
    return keys


def announcements(conn: Connection, tournament_id: int, now: datetime) -> Announcements:
    reader = _Reader(conn, now)
    info = tournament_info(conn, tournament_id)
    made = calls_made(conn, tournament_id)
    categories = _categories(reader, tournament_id)
    people = _people(conn, t.entries.c.category_id.in_([c["id"] for c in categories]))
    mats = []
    for m in _mats_now(reader, tournament_id, ANNOUNCER_PREVIEW):
        for i, b in enumerate(m.bouts):
            kind = "now" if b.status == "running" else "to" if i == 0 else "prepare"
            key = mat_call_key(m.number, b.id)
            mats.append(MatCall(key, m.number, kind, b, made.get(key)))
    weigh_in = []
    ceremonies = []
    for category in categories:
        line = reader.category_line(category)
        if not line.drawn:
            unweighed = tuple(people[e] for e in _unweighed(conn, category["id"]))
            if unweighed:
                key = weigh_in_call_key(category["id"])
                weigh_in.append(WeighInCall(key, line, tuple(sorted(unweighed,
                                                                    key=lambda f: f.name)),
                                            made.get(key)))
        elif line.finished:
            key = ceremony_call_key(category["id"])
            ceremonies.append(Ceremony(line, _placings(reader, category["id"], people), key,
                                       made.get(key)))
    # The calls still to make come first; the order within each group stays (sorts are stable).
    return Announcements(info, tuple(sorted(mats, key=lambda c: c.made is not None)),
                         tuple(sorted(weigh_in, key=lambda c: c.made is not None)),
                         tuple(sorted(ceremonies, key=lambda c: c.made is not None)))


def topics_of_athlete(conn: Connection, athlete_id: int) -> set[str]:
    """The live topics an athlete's page follows: their categories and the mats those are
    fought on (an earlier category on the same mat moves their estimated times)."""
    topics: set[str] = set()
    for r in conn.execute(sa.select(t.categories.c.id, t.categories.c.mat_id)
                          .join(t.entries, t.entries.c.category_id == t.categories.c.id)
                          .where(t.entries.c.athlete_id == athlete_id)):
        topics.add(f"category:{r.id}")
        if r.mat_id is not None:
            topics.add(f"mat:{r.mat_id}")
    return topics


def tournament_of(conn: Connection, table: sa.Table, key: int, what: str) -> int:
    return int(row(conn, table, key, what)["tournament_id"])
