"""A demo tournament to print: realistic names in Latin, Cyrillic and Japanese script, drawn
and played through with the competition engine. Reproducible from its seed (no clock, no
global randomness), so tests can check the sheets against the engine's own placings.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ippon.reports.flags import flag_svgs
from ippon.reports.model import CategoryDraw, Person, Tournament
from ippon.rules import LATEST, get_ruleset
from ippon.tournament.bracket import Bracket, ContestState, Recorded, Status, derive
from ippon.tournament.model import Athlete, Result, Side
from ippon.tournament.systems import build

# (country, surnames, men's given names, women's given names); surnames as each country writes
# them, so a sheet must print three scripts.
NAMES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("JPN", ("佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村"),
     ("太郎", "健太", "翔", "大輔", "拓海"), ("花子", "美咲", "結衣", "陽菜", "葵")),
    ("RUS", ("Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев"),
     ("Александр", "Дмитрий", "Сергей", "Андрей"), ("Анна", "Мария", "Елена", "Ольга")),
    ("BUL", ("Георгиев", "Димитров", "Николов"), ("Иван", "Петър", "Стефан"),
     ("Мария", "Десислава", "Ивана")),
    ("FRA", ("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau"),
     ("Jean-Pierre", "Lucas", "Théo", "Hugo"), ("Camille", "Léa", "Chloé", "Manon")),
    ("GER", ("Müller", "Schmidt", "Schneider", "Weiß", "Becker"),
     ("Stefan", "Jonas", "Lukas", "Felix"), ("Anna", "Lena", "Jülie", "Sophie")),
    ("NED", ("de Vries", "Jansen", "van Dijk", "Bakker"), ("Daan", "Sem", "Bram"),
     ("Sanne", "Fleur", "Anouk")),
    ("BRA", ("Silva", "Santos", "Oliveira", "Pereira"), ("João", "Rafael", "Thiago"),
     ("Ana", "Beatriz", "Larissa")),
    ("GEO", ("Beridze", "Kapanadze", "Tsiklauri"), ("Giorgi", "Luka", "Lasha"),
     ("Nino", "Mariam", "Eka")),
    ("KOR", ("Kim", "Lee", "Park", "Choi"), ("Min-jun", "Ji-ho", "Seo-jun"),
     ("Ji-woo", "Seo-yeon", "Ha-eun")),
    ("TUR", ("Yılmaz", "Kaya", "Demir", "Şahin"), ("Mehmet", "Emre", "Burak"),
     ("Elif", "Zeynep", "Ayşe")),
)

# How demo contests end: (method, highest score of the winner), weighted.
ENDINGS: tuple[tuple[str, str | None, int], ...] = (
    ("ippon", "ippon", 45), ("yusei-gachi", "waza-ari", 30), ("waza-ari-awasete-ippon",
                                                               "ippon", 6),
    ("shido", None, 8), ("hansoku-make", "ippon", 4), ("hantei", None, 2),
    ("kiken-gachi", "ippon", 2), ("fusen-gachi", "ippon", 3),
)


@dataclass(frozen=True, slots=True)
class DemoCategory:
    name: str
    system: str
    athletes: int
    women: bool
    limit: int  # kg, for plausible weigh-in weights
    mat: int


CATEGORIES: tuple[DemoCategory, ...] = (
    DemoCategory("Men -73 kg", "ijf-repechage", 32, False, 73, 1),
    DemoCategory("Women -57 kg", "ijf-repechage", 13, True, 57, 2),
    DemoCategory("Men -100 kg", "ijf-repechage", 40, False, 100, 1),
    DemoCategory("Women -48 kg", "pool", 5, True, 48, 3),
    DemoCategory("Women +78 kg", "double-pool", 7, True, 120, 3),
    DemoCategory("Men -60 kg", "single-elimination", 8, False, 60, 2),
)


def demo_tournament(seed: int = 2026, categories: Sequence[DemoCategory] = CATEGORIES, *,
                    finished: bool = True) -> Tournament:
    """Every category drawn and, if `finished`, fought to the end with random (seeded)
    results. The same seed gives the same athletes and draws either way."""
    rng = random.Random(seed)
    people: dict[Athlete, Person] = {}
    draws: list[CategoryDraw] = []
    taken: set[tuple[str, str]] = set()  # one name, one person: sheets are checked by name
    for number, spec in enumerate(categories, start=1):
        entrants = [_person(rng, f"c{number}a{i:02d}", spec, taken)
                    for i in range(spec.athletes)]
        people.update((p.id, p) for p in entrants)
        fights = random.Random(rng.random())  # results drawn apart: the draw stays the same
        bracket = play(spec.system, [p.id for p in entrants], rng, fights, finish=finished)
        draws.append(CategoryDraw(spec.name, bracket, mat=spec.mat))
    return Tournament("ippon Demo Open 2026", date(2026, 11, 28), "Sofia, Arena Armeec",
                      people, tuple(draws),
                      flags=flag_svgs(p.country for p in people.values()))


def play(system_name: str, athletes: Sequence[Athlete], rng: random.Random,
         fights: random.Random | None = None, *, finish: bool = True) -> Bracket:
    """Draw `athletes` onto the system's lines (byes spread evenly) with `rng` and, if
    `finish`, fight every contest with a random ending (drawn from `fights`, else `rng`)."""
    pools = system_name in {"pool", "double-pool", "best-of-three"}
    size = len(athletes) if pools else 1 << (len(athletes) - 1).bit_length()
    system = build(system_name, size)
    order = list(athletes)
    rng.shuffle(order)
    lines = order if pools else _with_byes(order, size)
    points = get_ruleset(LATEST).win_points
    if not finish:
        return Bracket(system, tuple(lines), points)
    chance = fights or rng

    def fight(state: ContestState) -> Result:
        method, value = _ending(chance)
        return Result(chance.choice((Side.WHITE, Side.BLUE)), method, value,
                      time=float(chance.randint(20, 300)))

    progress = derive(system, lines, fight, points)
    results = {s.number: Recorded(s.white, s.blue, s.result) for s in progress.contests
               if s.status is Status.DECIDED and s.white and s.blue and s.result}
    return Bracket(system, tuple(lines), points, results=results)


def _with_byes(order: Sequence[Athlete], size: int) -> list[Athlete | None]:
    """Byes on the lower line of evenly spaced first-round pairs: nobody meets two byes."""
    byes = size - len(order)
    pairs = size // 2
    bye_pairs = {(k * pairs) // byes for k in range(byes)} if byes else set()
    lines: list[Athlete | None] = []
    athletes = iter(order)
    for pair in range(pairs):
        lines.append(next(athletes))
        lines.append(None if pair in bye_pairs else next(athletes))
    return lines


def _ending(rng: random.Random) -> tuple[str, str | None]:
    method, value, _ = rng.choices(ENDINGS, weights=[w for *_, w in ENDINGS])[0]
    return method, value


def _person(rng: random.Random, ident: str, spec: DemoCategory,
            taken: set[tuple[str, str]]) -> Person:
    while True:
        country, surnames, men, women = rng.choice(NAMES)
        name = (rng.choice(surnames), rng.choice(women if spec.women else men))
        if name not in taken:
            taken.add(name)
            break
    weight = Decimal(rng.randint((spec.limit - 7) * 10, spec.limit * 10)) / 10
    club = f"Judo Club {rng.choice(('Nord', 'Sud', 'Est', 'Ouest'))}"
    return Person(ident, *name, country=country, club=club,
                  birth_year=rng.randint(1994, 2006), weight=weight)
