"""A demo tournament for `ippon serve --demo`: 12 categories across three age groups, 155
athletes from 12 countries, drawn, on 3 mats, a few contests fought and one running, so a
newcomer opening the server sees a live event. Reproducible: every choice comes from one seed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from ippon.services import accounts, draws, matches, registration, scheduling
from ippon.services.context import Actor, Services
from ippon.services.scheduling import current_contest
from ippon.store import schema as t

DEMO_ADMIN = "demo"
DEMO_PASSWORD = "ippon-demo-2026"
DEMO = Actor("system:demo", "system", "local")
DEMO_KEY = "demo_tournament"
SEED = 2026

COUNTRIES: dict[str, tuple[str, list[str], list[str]]] = {
    "JPN": ("Japan", ["Abe", "Ono", "Takato", "Nagase", "Saito", "Hifumi", "Tsunoda"],
            ["Hifumi", "Shohei", "Naohisa", "Takanori", "Uta", "Natsumi", "Akira"]),
    "FRA": ("France", ["Riner", "Mokdar", "Cysique", "Gaba", "Tolofua", "Buchard"],
            ["Teddy", "Luka", "Sarah", "Joan", "Clarisse", "Amandine"]),
    "GER": ("Germany", ["Wandtke", "Frey", "Trippel", "Wagner", "Ressel", "Berger"],
            ["Igor", "Johannes", "Eduard", "Anna", "Miriam", "Lena"]),
    "NED": ("Netherlands", ["Grol", "van Dijke", "Franssen", "Polling", "de Wit", "Korrel"],
            ["Henk", "Sanne", "Joanne", "Kim", "Noel", "Michael"]),
    "BRA": ("Brazil", ["Silva", "Cargnin", "Macedo", "Portela", "Pimenta", "Souza"],
            ["Rafaela", "Daniel", "Larissa", "Mayra", "Beatriz", "Rafael"]),
    "GEO": ("Georgia", ["Tushishvili", "Bekauri", "Shavdatuashvili", "Margvelashvili"],
            ["Guram", "Lasha", "Vazha", "Tato", "Eteri", "Sopio"]),
    "KOR": ("Republic of Korea", ["An", "Kim", "Lee", "Huh", "Han", "Park"],
            ["Baul", "Min-jong", "Ha-yun", "Mimi", "Ji-su", "Eun-ji"]),
    "MGL": ("Mongolia", ["Tsend-Ochir", "Boldbaatar", "Gankhaich", "Lkhagvasuren"],
            ["Tsogtbaatar", "Ganbaatar", "Bavuudorj", "Otgontsetseg"]),
    "ITA": ("Italy", ["Lombardo", "Giuffrida", "Pirelli", "Esposito", "Basile"],
            ["Manuel", "Odette", "Alice", "Fabio", "Giulia"]),
    "ESP": ("Spain", ["Garrigos", "Perez", "Sherazadishvili", "Tome", "Ruiz"],
            ["Francisco", "Julia", "Nikoloz", "Ana", "Laura"]),
    "AZE": ("Azerbaijan", ["Heydarov", "Mollaei", "Kotsoiev", "Aliyev"],
            ["Hidayat", "Saeid", "Zelym", "Leyla"]),
    "ISR": ("Israel", ["Muki", "Flicker", "Butbul", "Lanir", "Primo"],
            ["Sagi", "Tohar", "Baruch", "Peter", "Gili"]),
}

# (name, gender, age group, lower limit, upper limit, athletes)
CATEGORIES = [
    ("Men -66 kg", "m", "seniors", 60, 66, 16), ("Men -73 kg", "m", "seniors", 66, 73, 20),
    ("Men -81 kg", "m", "seniors", 73, 81, 18), ("Men -90 kg", "m", "seniors", 81, 90, 12),
    ("Women -52 kg", "f", "seniors", 48, 52, 14), ("Women -57 kg", "f", "seniors", 52, 57, 17),
    ("Women -63 kg", "f", "seniors", 57, 63, 10), ("Women -70 kg", "f", "seniors", 63, 70, 9),
    ("Junior men -73 kg", "m", "juniors", 66, 73, 11),
    ("Junior women -57 kg", "f", "juniors", 52, 57, 8),
    ("Cadet men -60 kg", "m", "cadets", 55, 60, 13),
    ("Cadet women -48 kg", "f", "cadets", 44, 48, 7),
]
BIRTH_YEARS = {"seniors": (1992, 2005), "juniors": (2006, 2008), "cadets": (2009, 2011)}
MATS = 3
FOUGHT_PER_MAT = 6


@dataclass
class DemoCredentials:
    password: str
    tournament_id: int
    pins: dict[int, str] = field(default_factory=dict)  # mat number -> PIN
    mat_ids: dict[int, int] = field(default_factory=dict)  # mat number -> id in the URLs
    summary: str = ""


class DemoClock:
    """Seeding runs on a clock of its own: the fought contests took place in the last hour."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def seed_demo(svc: Services) -> DemoCredentials:
    """Build the demo tournament unless this database has it already, and give each of its
    mats a fresh PIN (a PIN is shown only when it is made)."""
    if not accounts.user_exists(svc, DEMO_ADMIN):
        accounts.create_user(svc, DEMO, username=DEMO_ADMIN, password=DEMO_PASSWORD)
    with svc.db.read() as conn:
        existing = conn.execute(sa.select(t.instance.c.value)
                                .where(t.instance.c.key == DEMO_KEY)).scalar()
    if existing is None:
        # Built in many transactions: the marker goes last, so an interrupted build is not
        # taken for a finished one (the next start builds a whole demo again).
        tournament_id = _build(svc)
        with svc.db.write() as conn:
            conn.execute(t.instance.insert().values(key=DEMO_KEY, value=str(tournament_id)))
    else:
        tournament_id = int(existing)
    credentials = DemoCredentials(DEMO_PASSWORD, tournament_id)
    with svc.db.read() as conn:
        mats = conn.execute(sa.select(t.mats.c.id, t.mats.c.number).where(
            t.mats.c.tournament_id == tournament_id).order_by(t.mats.c.number)).all()
        athletes = conn.execute(sa.select(sa.func.count()).select_from(t.athletes).where(
            t.athletes.c.tournament_id == tournament_id)).scalar_one()
    for mat in mats:
        _, pin = accounts.issue_credential(svc, DEMO, mat_id=mat.id, kind="pin",
                                           label="demo")
        credentials.pins[mat.number] = pin
        credentials.mat_ids[mat.number] = mat.id
    credentials.summary = (f"tournament {tournament_id} with {athletes} athletes on "
                           f"{len(mats)} mats" + (" (already there)" if existing else ""))
    return credentials


def _build(svc: Services) -> int:
    rng = random.Random(SEED)
    real_clock = svc.clock
    clock = DemoClock(real_clock() - timedelta(hours=1))
    svc.clock = clock
    try:
        tournament_id = registration.create_tournament(
            svc, DEMO, name="ippon Demo Open", starts_on=date.today(), place="Paris")
        mats = [scheduling.create_mat(svc, DEMO, tournament_id=tournament_id, number=n)
                for n in range(1, MATS + 1)]
        clubs = {code: [registration.create_club(svc, DEMO, name=f"{name} Judo {suffix}",
                                                 country=code)
                        for suffix in ("Club", "Academy")]
                 for code, (name, _, _) in COUNTRIES.items()}
        for index, (name, gender, group, low, high, count) in enumerate(CATEGORIES):
            category = registration.create_category(
                svc, DEMO, tournament_id=tournament_id, name=name, gender=gender,
                age_group=group, min_weight=low, max_weight=high,
                mat_id=mats[index % MATS])
            for _ in range(count):
                _athlete(svc, rng, tournament_id, category, gender, group, low, high, clubs)
            draws.draw_category(svc, DEMO, category_id=category, seed=rng.randrange(10**6))
        for mat in mats:
            for _ in range(FOUGHT_PER_MAT):
                _fight(svc, clock, rng, mat)
        svc.clock = real_clock
        _start_running_contest(svc, DemoClock(real_clock() - timedelta(seconds=75)), mats[0])
    finally:
        svc.clock = real_clock
    return tournament_id


def _athlete(svc: Services, rng: random.Random, tournament_id: int, category: int, gender: str,
             group: str, low: float, high: float, clubs: dict[str, list[int]]) -> None:
    code = rng.choice(sorted(COUNTRIES))
    _, families, givens = COUNTRIES[code]
    athlete = registration.create_athlete(
        svc, DEMO, tournament_id=tournament_id, family_name=rng.choice(families),
        given_name=rng.choice(givens), gender=gender,
        birth_year=rng.randint(*BIRTH_YEARS[group]), club_id=rng.choice(clubs[code]),
        country=code)
    entry = registration.enter(svc, DEMO, category_id=category, athlete_id=athlete)
    registration.weigh_in(svc, DEMO, entry_id=entry,
                          weight=round(rng.uniform(low + 0.3, high - 0.1), 1))


def _command(svc: Services, contest: int, payload: dict[str, Any], key: str) -> None:
    matches.command(svc, DEMO, contest_id=contest, client_id=f"demo-{contest}-{key}",
                    payload=payload)


def _fight(svc: Services, clock: DemoClock, rng: random.Random, mat: int) -> None:
    with svc.db.read() as conn:
        found = current_contest(conn, mat)
    if found is None:
        return
    contest = found["id"]
    winner = rng.choice(["white", "blue"])
    loser = "blue" if winner == "white" else "white"
    clock.now += timedelta(seconds=rng.randint(60, 150))  # the call and the bow
    _command(svc, contest, {"type": "hajime"}, "1")
    clock.now += timedelta(seconds=rng.randint(20, 70))
    _command(svc, contest, {"type": "shido", "side": loser}, "2")
    clock.now += timedelta(seconds=rng.randint(10, 60))
    style = rng.random()
    if style < 0.5:
        _command(svc, contest, {"type": "score", "side": winner, "value": "ippon"}, "3")
        return
    _command(svc, contest, {"type": "score", "side": winner, "value": "waza-ari"}, "3")
    if style < 0.8:
        clock.now += timedelta(seconds=rng.randint(15, 60))
        _command(svc, contest, {"type": "score", "side": winner, "value": "waza-ari"}, "4")
        return
    clock.now += timedelta(seconds=300)  # the bell: the waza-ari decides
    _command(svc, contest, {"type": "finish"}, "4")


def _start_running_contest(svc: Services, clock: DemoClock, mat: int) -> None:
    real = svc.clock
    svc.clock = clock
    try:
        with svc.db.read() as conn:
            found = current_contest(conn, mat)
        if found is None:
            return
        _command(svc, found["id"], {"type": "hajime"}, "1")
        clock.now += timedelta(seconds=40)
        _command(svc, found["id"], {"type": "score", "side": "blue", "value": "waza-ari"}, "2")
        clock.now += timedelta(seconds=20)
        _command(svc, found["id"], {"type": "shido", "side": "white"}, "3")
    finally:
        svc.clock = real
