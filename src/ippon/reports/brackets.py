"""The category sheet's view-model: the bracket drawing in the IJF repechage layout, pool
tables, and the final placings, as plain dataclasses a template can print.

IJF layout: the main draw top to bottom with lines numbered and pools A-D marked; names carried
to the right as contests are won; the repechage and bronze contests below, each joining the
semi-final loser at its own round; the placings beside them. A main draw of more than 32 lines
is cut into parts of 32 (one page each) and the rounds above them go on the last page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ippon.reports import drawing
from ippon.reports.drawing import Layout, Node, Slot
from ippon.reports.model import CategoryDraw, Person, Tournament
from ippon.tournament.bracket import SETTLED, ContestState, Progress, Status
from ippon.tournament.model import Athlete, BeatenBy, Entry, Feed, LoserOf, PoolRank, WinnerOf

PAGE_WIDTH = 190.0  # mm inside the margins of A4 portrait
PART_LEAVES = 32  # main-draw lines on one page
GUTTER = 11.0  # mm left of the main draw: pool letters and line numbers
UNFOUGHT = frozenset({Status.WALKOVER, Status.EMPTY, Status.SKIPPED})
OTHER_PITCH = 5.6  # mm between the lines of the repechage and bronze drawings

ROUND_NAMES = {
    "F": "Final", "SF": "Semi-final", "QF": "Quarter-final", "REP": "Repechage",
    "REP F": "Repechage final", "BRONZE": "Bronze", "GF": "Grand final", "POOL": "Pool",
    "BO3": "Best of three",
}
SYSTEM_NAMES = {
    "ijf-repechage": "Elimination with IJF repechage", "double-repechage": "Double repechage",
    "full-repechage": "Full repechage", "single-elimination": "Single elimination",
    "double-elimination": "Double elimination", "pool": "Round robin",
    "double-pool": "Two pools, crossed semi-finals", "best-of-three": "Best of three",
}
METHODS = {
    "waza-ari-awasete-ippon": "awasete-ippon", "hansoku-make": "hansoku-make",
}


def round_name(code: str) -> str:
    if code in ROUND_NAMES:
        return ROUND_NAMES[code]
    if code.startswith("R") and code[1:].isdigit():
        return f"Round of {code[1:]}"
    return code  # W1, L3 … of double elimination read as they are


@dataclass(frozen=True, slots=True)
class Mark:
    """One slot as printed: the line, the name above it, and small print."""

    x: float
    y: float
    width: float
    name: str = ""
    affiliation: str = ""
    hint: str = ""  # grey, where nobody is known yet ("loser of 25")
    note: str = ""  # how the contest was won, under the winner's line
    won: bool = False
    entry: bool = False
    champion: bool = False  # the winner of the whole drawing (a medal line)
    small: bool = False  # a smaller type, so that a long name fits a narrow column
    flag: str = ""  # the country's flag (a data URL), printed small before the name


@dataclass(frozen=True, slots=True)
class Joint:
    """The vertical line of contest `number`; the winner's half is drawn bold."""

    x: float
    top: float
    bottom: float
    number: int
    white_won: bool
    blue_won: bool
    fought: bool  # False for a bye (walkover) or an empty contest: no number is printed


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float
    width: float
    text: str


@dataclass(frozen=True, slots=True)
class Drawing:
    title: str
    width: float
    height: float
    marks: tuple[Mark, ...]
    joints: tuple[Joint, ...]
    headings: tuple[Label, ...]  # round names above the columns
    margin: tuple[Label, ...]  # line numbers and pool letters left of the main draw
    font: float  # pt, for the names: as large as the line pitch allows
    text_height: float  # mm above each line for its name


@dataclass(frozen=True, slots=True)
class PlacingRow:
    place: int
    name: str
    affiliation: str
    flag: str = ""


@dataclass(frozen=True, slots=True)
class PoolRow:
    number: int
    name: str
    affiliation: str
    cells: tuple[str, ...]  # against each athlete of the pool: points won, 0 lost, "" unfought
    wins: int
    points: int
    rank: int | None  # None until the pool is over
    flag: str = ""


@dataclass(frozen=True, slots=True)
class PoolBout:
    number: int
    white: str
    blue: str
    winner: str
    method: str


@dataclass(frozen=True, slots=True)
class PoolTable:
    name: str
    rows: tuple[PoolRow, ...]
    bouts: tuple[PoolBout, ...]
    finished: bool


@dataclass(frozen=True, slots=True)
class CategorySheet:
    tournament: str
    subtitle: str
    category: str
    system: str
    athletes: int
    mat: int | None
    parts: tuple[Drawing, ...]  # main-draw parts, a page each, before the last page
    main: Drawing | None  # the main draw (or the rounds above the parts) on the last page
    others: tuple[Drawing, ...]  # repechage and bronze contests
    pools: tuple[PoolTable, ...]
    placings: tuple[PlacingRow, ...]


def category_sheet(tournament: Tournament, category: CategoryDraw) -> CategorySheet:
    bracket = category.bracket
    progress = bracket.progress
    view = _View(tournament, category, progress)
    roots = drawing.roots(bracket.system)
    trees = [drawing.tree(bracket.system, n) for n in roots]
    parts: list[Drawing] = []
    main: Drawing | None = None
    others: list[Drawing] = []
    if trees:
        biggest = max(trees, key=drawing.leaves)
        top, cut = drawing.cut(biggest, PART_LEAVES)
        parts = [view.main(part, _lines_title(part), alone=True) for part in cut]
        title = "Final rounds" if cut else "Semi-finals and final" if bracket.system.pools else ""
        main = view.main(top, title, alone=False)
        others = [view.other(t) for t in trees if t is not biggest]
    pools = tuple(view.pool(name) for name in bracket.system.pools)
    placings = tuple(PlacingRow(place, view.person(a).name, view.person(a).affiliation,
                                tournament.flag(view.person(a)))
                     for place, names in progress.placings.items() for a in names)
    athletes = sum(1 for a in bracket.lines if a is not None)
    return CategorySheet(
        tournament.title, tournament.subtitle, category.name,
        SYSTEM_NAMES.get(bracket.system.name, bracket.system.name), athletes, category.mat,
        tuple(parts), main, tuple(others), pools, placings)


class _View:
    def __init__(self, tournament: Tournament, category: CategoryDraw, progress: Progress
                 ) -> None:
        self.tournament, self.category, self.progress = tournament, category, progress
        self.states = progress.contests
        self.lines = category.bracket.lines
        self.points = category.bracket.points

    def person(self, athlete: Athlete) -> Person:
        return self.tournament.person(athlete)

    def state(self, number: int) -> ContestState:
        return self.states[number - 1]

    # Drawings

    def main(self, node: Node, title: str, *, alone: bool) -> Drawing:
        height = drawing.height(node)
        columns = height + 1
        leaves = drawing.leaves(node)
        has_entries = _has_entries(node)
        gutter = GUTTER if has_entries else 0.0
        first = 58.0 if has_entries else 40.0
        # Without the draw's lines (semi-finals after pools, the final rounds of a long draw)
        # every column may be as wide as the first.
        widest = 34.0 if has_entries else first
        rest = min(widest, (PAGE_WIDTH - gutter - first) / max(1, columns - 1))
        # Millimetres of page height for the lines: a page of its own, or the page shared with
        # the repechage and the placings (32 lines at 5.3 mm still take 9 pt names).
        budget = 232.0 if alone else 171.0
        pitch = max(4.6, min(9.0, budget / (leaves + 1)))
        layout = drawing.lay_out(node, [first] + [rest] * height, pitch, self.winner, top=5.0)
        return self._drawing(layout, title, gutter, pitch)

    def other(self, node: Node) -> Drawing:
        root = node.contest
        title = f"{round_name(root.round)} contest {root.number}"
        if root.round == "BRONZE":
            pools = self._pools(_leaves(node)[:-1])  # the last leaf comes from the other half
            half = f" {pools}" if pools else ""
            title = f"Repechage{half} and bronze medal contest {root.number}"
        height = drawing.height(node)
        width = min(40.0, 118.0 / (height + 1))
        layout = drawing.lay_out(node, [width] * (height + 1), OTHER_PITCH, self.winner, top=5.0)
        return self._drawing(layout, title, 0.0, OTHER_PITCH)

    def _pools(self, feeds: list[Feed]) -> str:
        """The pools (A-D) the athletes of `feeds` come from, as "A–B"; "" if not four pools."""
        size = len(self.lines)
        if size < 8:
            return ""
        system = self.category.bracket.system
        letters: set[str] = set()
        for feed in feeds:
            if isinstance(feed, LoserOf | BeatenBy):
                lines = _entries(drawing.tree(system, feed.contest))
                letters.update("ABCD"[line // (size // 4)] for line in lines)
        return "–".join(sorted(letters)) if letters else ""

    def _drawing(self, layout: Layout, title: str, gutter: float, pitch: float) -> Drawing:
        # Names as large as the pitch allows: 9 pt at 32 lines to a page, 11 pt at 8 lines.
        font = round(min(11.0, max(7.5, pitch * 1.55)), 1)
        marks = tuple(self._mark(s, gutter, font) for s in layout.slots)
        joints = tuple(Joint(j.x + gutter, j.top, j.bottom, j.number,
                             self.winner(j.number) is True, self.winner(j.number) is False,
                             self.state(j.number).status not in UNFOUGHT)
                       for j in layout.joints)
        headings: dict[int, str] = {}
        for slot in layout.slots:
            if slot.into is not None:
                headings.setdefault(slot.column, round_name(self.state(slot.into).round))
            else:
                rounds = self.state(slot.contest).round if slot.contest else ""
                headings[slot.column] = "Bronze medal" if rounds == "BRONZE" else "Winner"
        edges = layout.columns
        heading_labels = tuple(Label(edges[c] + gutter, 0.0, edges[c + 1] - edges[c], text)
                               for c, text in sorted(headings.items()))
        margin = self._margin(layout) if gutter else ()
        return Drawing(title, layout.width + gutter, layout.height, marks, joints,
                       heading_labels, margin, font, min(pitch * 0.9, 6.0))

    def _margin(self, layout: Layout) -> tuple[Label, ...]:
        """Line numbers beside the entries and a pool letter (A-D) beside each quarter."""
        labels: list[Label] = []
        entries = [(s.feed.index, s.y) for s in layout.slots if isinstance(s.feed, Entry)]
        for index, y in entries:
            labels.append(Label(4.0, y, 6.0, str(index + 1)))
        size = len(self.lines)
        if size >= 8:
            quarter = size // 4
            for pool in range(4):
                ys = [y for index, y in entries if index // quarter == pool]
                if ys:
                    labels.append(Label(0.0, (min(ys) + max(ys)) / 2, 4.0, "ABCD"[pool]))
        return tuple(labels)

    def _mark(self, slot: Slot, gutter: float, font: float) -> Mark:
        athlete = self._athlete(slot)
        note = ""
        if slot.contest is not None:
            note = _method(self.state(slot.contest))
        hint = "" if athlete is not None else _hint(slot.feed, self.states)
        name = affiliation = flag = ""
        small = False
        if athlete is not None:
            person = self.person(athlete)
            flag = self.tournament.flag(person)
            # The flag takes about one and a half times the type's height, with its gap.
            room = slot.width - MARK_PADDING - (font * PT * 1.6 if flag else 0.0)
            name, affiliation, small = fit(person, room, font, keep_given=slot.feed is not None)
        return Mark(slot.x + gutter, slot.y, slot.width, name, affiliation, hint, note,
                    slot.won, isinstance(slot.feed, Entry), champion=slot.into is None,
                    small=small, flag=flag)

    def _athlete(self, slot: Slot) -> Athlete | None:
        """Who is on the line: read from the contest it leads into when that contest knows its
        athletes (this covers every kind of feed), else from the slot's own feed or contest."""
        if slot.into is not None:
            into = self.state(slot.into)
            if into.status is not Status.WAITING:
                return into.white if slot.white else into.blue
        if slot.contest is not None:
            return self.state(slot.contest).winner
        return self._resolve(slot.feed)

    def _resolve(self, feed: Feed | None) -> Athlete | None:
        if isinstance(feed, Entry):
            return self.lines[feed.index]
        if isinstance(feed, WinnerOf | LoserOf):
            state = self.state(feed.contest)
            if state.status not in SETTLED:
                return None
            return state.winner if isinstance(feed, WinnerOf) else state.loser
        return None  # pool ranks and chains are known once the contest they feed is known

    def winner(self, number: int) -> bool | None:
        state = self.state(number)
        if state.winner is None:
            return None
        return state.winner == state.white

    # Pools

    def pool(self, name: str) -> PoolTable:
        lines = self.category.bracket.system.pools[name]
        athletes = [a for a in (self.lines[i] for i in lines) if a is not None]
        contests = [s for s in self.states if s.contest.pool == name]
        finished = all(s.status in SETTLED for s in contests)
        standings = {s.athlete: s for s in self.progress.standings.get(name, ())}
        beat: dict[tuple[Athlete, Athlete], int] = {}
        for s in contests:
            if s.result is not None and s.winner is not None and s.loser is not None:
                beat[(s.winner, s.loser)] = self.points(s.result.value)
        rows = []
        for number, athlete in enumerate(athletes, start=1):
            cells = tuple(_cell(athlete, other, beat) for other in athletes)
            standing = standings.get(athlete)
            person = self.person(athlete)
            rows.append(PoolRow(
                number, person.name, person.affiliation, cells,
                standing.wins if standing else 0, standing.points if standing else 0,
                standing.rank if standing and finished else None,
                self.tournament.flag(person)))
        bouts = tuple(self._bout(s) for s in contests if s.status is not Status.SKIPPED)
        title = "Pool" if len(self.category.bracket.system.pools) == 1 else f"Pool {name}"
        return PoolTable(title, tuple(rows), bouts, finished)

    def _bout(self, state: ContestState) -> PoolBout:
        white = self.person(state.white).name if state.white else _hint(state.contest.white,
                                                                        self.states)
        blue = self.person(state.blue).name if state.blue else _hint(state.contest.blue,
                                                                     self.states)
        winner = self.person(state.winner).name if state.winner and state.result else ""
        return PoolBout(state.number, white, blue, winner, _method(state))


MARK_PADDING = 5.5  # mm of a line not free for its name: the padding and the contest number
PT = 0.3528  # mm


SMALL = 0.85  # the smaller type a name may take to fit a narrow column


def fit(person: Person, width: float, font: float, *, keep_given: bool = False
        ) -> tuple[str, str, bool]:
    """The form of the name for a line `width` mm wide at `font` pt. A line of the draw
    (`keep_given`) takes the longest that fits: "SURNAME Given" and the country, the name
    alone, the same in smaller type, then the surname. A winner carried to the next round
    reads as the IJF writes it there: the surname and the country, or the surname alone.
    Whatever is still too long the sheet cuts with an ellipsis.
    Returns the name, the affiliation and whether the smaller type is needed."""
    full = [(person.name, person.affiliation), (person.name, "")]
    short = [(person.short, person.affiliation), (person.short, "")]
    if keep_given:
        tries = [(f, False) for f in full] + [(f, True) for f in full] + \
            [(f, False) for f in short] + [(f, True) for f in short]
    else:
        tries = [(f, False) for f in short] + [(f, True) for f in short]
    for (name, affiliation), small in tries:
        size = font * SMALL if small else font
        needed = text_width(name, size)
        if affiliation:
            needed += text_width(" " + affiliation, size * 0.8)
        if needed <= width:
            return name, affiliation, small
    return person.short, "", True


def text_width(text: str, font: float) -> float:
    """An estimate in mm, a little generous, from the average advance widths of Noto Sans
    (Cyrillic letters are wider than Latin ones, capitals wider than small letters) and of
    the CJK fonts (a full em)."""
    em = 0.0
    for char in text:
        if ord(char) >= 0x2E80:
            em += 1.0
        elif char == " ":
            em += 0.26
        elif 0x0400 <= ord(char) <= 0x04FF:
            em += 0.75 if char.isupper() else 0.64
        elif char.isupper() or char.isdigit():
            em += 0.66
        else:
            em += 0.55
    return em * font * PT * 1.04  # a margin for kerning-free words and bold type


def _lines_title(node: drawing.Tree) -> str:
    entries = sorted(_entries(node))
    return f"Lines {entries[0] + 1}–{entries[-1] + 1}" if entries else ""


def _leaves(node: drawing.Tree) -> list[Feed]:
    if isinstance(node, Node):
        return _leaves(node.white) + _leaves(node.blue)
    return [node]


def _entries(node: drawing.Tree) -> list[int]:
    if isinstance(node, Node):
        return _entries(node.white) + _entries(node.blue)
    return [node.index] if isinstance(node, Entry) else []


def _has_entries(node: drawing.Tree) -> bool:
    if isinstance(node, Node):
        return _has_entries(node.white) or _has_entries(node.blue)
    return isinstance(node, Entry)


def _cell(athlete: Athlete, other: Athlete, beat: dict[tuple[Athlete, Athlete], int]) -> str:
    if athlete == other:
        return "×"
    if (athlete, other) in beat:
        return str(beat[(athlete, other)])
    if (other, athlete) in beat:
        return "0"
    return ""


def _method(state: ContestState) -> str:
    result = state.result
    if result is None:
        return ""
    if result.method == "yusei-gachi" and result.value:
        return result.value  # the score that decided: "waza-ari" says more than the method
    if result.method:
        return METHODS.get(result.method, result.method)
    return result.value or "decision"


def _hint(feed: Feed | None, states: tuple[ContestState, ...]) -> str:
    """What a line waits for, in the sheet's words."""
    if isinstance(feed, LoserOf):
        return f"loser of {states[feed.contest - 1].round} {feed.contest}"
    if isinstance(feed, WinnerOf):
        return f"winner of {feed.contest}"
    if isinstance(feed, PoolRank):
        return f"{feed.pool}{feed.rank}"
    if isinstance(feed, BeatenBy):
        return f"beaten by winner of {feed.contest}"
    return ""


__all__ = ["CategorySheet", "Drawing", "Joint", "Label", "Mark", "PlacingRow", "PoolBout",
           "PoolRow", "PoolTable", "category_sheet", "round_name"]
