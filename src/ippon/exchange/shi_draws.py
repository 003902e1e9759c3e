"""A JudoShiai file's categories, draws and results as ippon needs them to take them over.

Pure: no database. The import service (`ippon.services.shi_import`) stores what this module
works out:

- `category_spec`: sex, age group and weight limits of a category name from the file's `catdef`.
- `draw_lines`: the draw lines of a category as the file holds them (a knockout's first-round
  rows give its lines; a pool's order is the order in which its athletes first appear).
- `result_log`: for one fought contest, a short contest log whose replay gives the file's
  winner, so that the stored outcome is always the fold of the stored events.
- `plan_category`: feeds those results to ippon's bracket engine, contest by contest, matching
  each fought row of the file to the ippon contest where the same two athletes meet.

Messages name the place in the file ("BT-44, contest 5 (matches table)") and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ippon.exchange import shi_codes as codes
from ippon.exchange.judoshiai import CategoryDefinition, SystemCodes
from ippon.exchange.rows import BYE, MatchRow, Score, Sex
from ippon.rules import (
    Contest,
    Event,
    Hajime,
    HansokuMake,
    Hantei,
    IllegalEvent,
    Outcome,
    Ruleset,
    ScoreValue,
    Shido,
    State,
    opponent,
)
from ippon.rules import Score as ScoreEvent
from ippon.rules import Side as LogSide
from ippon.tournament.bracket import Bracket, Progress, Status
from ippon.tournament.model import Result, Side
from ippon.tournament.systems import BRACKETS, build

__all__ = ["CategoryPlan", "CategorySpec", "LayoutError", "PlacedResult", "ResultError",
           "ResultLog", "age_group_for", "category_spec", "draw_lines", "plan_category",
           "result_log", "where"]


class LayoutError(ValueError):
    """The file's contests do not give a draw ippon can rebuild."""


class ResultError(ValueError):
    """A fought contest of the file cannot be taken over as it is."""


def where(row: MatchRow) -> str:
    """The place of a contest in the file, for messages."""
    return f"{row.category}, contest {row.number} (matches table)"


# --- categories --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CategorySpec:
    sex: Sex | None
    age_group: str | None
    min_kg: float | None
    max_kg: float | None


_LIMIT = re.compile(r"([+-])\s*(\d+(?:[.,]\d+)?)")


def age_group_for(max_age: int) -> str | None:
    """ippon's age group for JudoShiai's upper age (under 13, under 15, cadets up to 17,
    juniors up to 20, seniors above); None when the file gives no age."""
    if max_age <= 0:
        return None
    for limit, group in ((12, "kids-u13"), (14, "kids-u15"), (17, "cadets"), (20, "juniors")):
        if max_age <= limit:
            return group
    return "seniors"


def category_spec(name: str, definitions: Sequence[CategoryDefinition]) -> CategorySpec:
    """What the file's category definitions say about the category `name` ("BT-44"); where they
    say nothing, the weight limit written in the name ("-44", "+63") and no sex or age group."""
    compact = "".join(name.split())
    for d in definitions:
        if f"{d.age_text}{d.weight_text}".replace(" ", "") != compact:
            continue
        lower = [x.max_kg for x in definitions
                 if x.age_text == d.age_text and x.sex == d.sex and x.max_kg is not None
                 and (d.max_kg is None or x.max_kg < d.max_kg)]
        return CategorySpec(d.sex, age_group_for(d.max_age),
                            float(max(lower)) if lower else None,
                            None if d.max_kg is None else float(d.max_kg))
    found = _LIMIT.search(name)
    if found is None:
        return CategorySpec(None, None, None, None)
    kg = float(found.group(2).replace(",", "."))
    return CategorySpec(None, None, kg if found.group(1) == "+" else None,
                        None if found.group(1) == "+" else kg)


# --- draws -------------------------------------------------------------------------------------

def _refs(row: MatchRow) -> tuple[str | None, str | None]:
    """(blue, white) refs of a row; a bye or an empty place is None."""
    def ref(slot: object) -> str | None:
        return slot if isinstance(slot, str) else None
    return ref(row.blue), ref(row.white)


def draw_lines(system: str, shi: SystemCodes, rows: Sequence[MatchRow],
               members: Collection[str]) -> list[str | None]:
    """The category's draw lines (competitor refs, None for an empty line).

    Knockouts: first-round rows 1 … lines/2 hold lines 2k-1 (blue) and 2k (white), a ghost or an
    empty place is an empty line. Pools: the athletes in the order they first appear in the
    contests; a double pool's first pool is the group of athletes whose contests first close
    into a group of ceil(n/2).
    """
    ordered = sorted(rows, key=lambda r: r.number)
    if system in BRACKETS:
        lines = codes.knockout_lines(shi.system)
        if lines is None:
            raise LayoutError(f"{system} needs a knockout table, and the file's category has "
                              f"{codes.describe_system(shi.system, shi.table)}")
        slots: list[str | None] = [None] * lines
        for row in ordered:
            if 1 <= row.number <= lines // 2:
                blue, white = _refs(row)
                slots[2 * row.number - 2], slots[2 * row.number - 1] = blue, white
        found = [s for s in slots if s is not None]
    else:
        found = []
        for row in ordered:
            for ref in _refs(row):
                if ref is not None and ref not in found:
                    found.append(ref)
        if system == "double-pool":
            found = _two_pools(ordered, found)
        slots = list(found)
    twice = sorted({s for s in found if found.count(s) > 1})
    if twice:
        raise LayoutError(f"competitor {twice[0]} stands on two lines of the draw")
    strangers = sorted(set(found) - set(members))
    if strangers:
        raise LayoutError(f"competitor {strangers[0]} is in the draw but not in the category "
                          "(competitors table)")
    missing = sorted(set(members) - set(found))
    if missing:
        raise LayoutError(f"competitor {missing[0]} is in the category but not in its draw")
    return slots


def _two_pools(rows: Sequence[MatchRow], athletes: list[str]) -> list[str]:
    """Pool A then pool B, each in order of first appearance: groups of athletes joined by
    their contests, from the first contest on, until one group holds ceil(n/2) athletes and
    the rest hold the others."""
    size_a = (len(athletes) + 1) // 2
    group: dict[str, str] = {a: a for a in athletes}

    def root(a: str) -> str:
        while group[a] != a:
            a = group[a]
        return a

    for row in rows:
        blue, white = _refs(row)
        if blue is None or white is None:
            continue
        group[root(blue)] = root(white)
        roots = {root(a) for a in athletes}
        if len(roots) == 2:
            sizes = sorted(sum(root(a) == r for a in athletes) for r in roots)
            if sizes == sorted((size_a, len(athletes) - size_a)):
                first = root(athletes[0])
                pool_a = [a for a in athletes if root(a) == first]
                pool_b = [a for a in athletes if root(a) != first]
                if len(pool_a) != size_a:
                    pool_a, pool_b = pool_b, pool_a
                return pool_a + pool_b
    raise LayoutError(f"the pools of {len(athletes)} athletes cannot be told apart from the "
                      "contests (expected two pools of "
                      f"{size_a} and {len(athletes) - size_a})")


# --- results -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ResultLog:
    """A contest log for one imported result: its events (lines 1, 2, …), the outcome their
    replay gives, the final state, and what was left out of the file's scoreboard."""

    events: tuple[Event, ...]
    outcome: Outcome
    state: State
    notes: tuple[str, ...] = ()


_TECHNICAL: tuple[tuple[str, ScoreValue], ...] = (("koka", "koka"), ("yuko", "yuko"),
                                                  ("waza_ari", "waza-ari"))


def result_log(rules: Ruleset, row: MatchRow, *, white: Score, blue: Score, winner: LogSide,
               excluded: bool = False) -> ResultLog:
    """A short log whose replay under `rules` gives `winner` the contest with the file's
    scoreboards (`white` and `blue` in ippon's colours for this contest).

    Regular time holds, a second apart from hajime: the loser's scores, both sides' shido, the
    winner's scores. Then the deciding event: the winner's ippon, the loser's hansoku-make (its
    direct form, excluding when the file marks the loser out of the tournament), or the
    winner's last score (after hajime at the bell for a contest decided in golden score). The
    event that ends the contest is put at the file's time where that fits. Without a deciding
    event the bell decides; a tie at the bell goes to golden score and, where the rules limit
    it, to hantei for the winner. ResultError if the replay does not give the file's winner.
    """
    loser = opponent(winner)
    boards = {"white": white, "blue": blue}
    win, lose = boards[winner], boards[loser]
    notes: list[str] = []
    contest = Contest(rules)
    events: list[Event] = []
    clock = 0.0

    def push(make: type, at: float, **fields: object) -> bool:
        event = make(at=at, line=len(events) + 1, **fields)
        try:
            contest.push(event)
        except IllegalEvent as refused:
            contest.pop()
            notes.append(f"{where(row)}: {_describe(event)} left out ({refused.message})")
            return False
        events.append(event)
        return True

    def step() -> float:
        nonlocal clock
        clock += 1.0
        return clock

    push(Hajime, 0.0)
    for field_name, value in _TECHNICAL:
        for _ in range(getattr(lose, field_name)):
            push(ScoreEvent, step(), side=loser, value=value)
    limit = rules.hansoku_make_shido - 1
    for _ in range(min(win.shido, limit)):
        push(Shido, step(), side=winner)
    loser_shido = lose.shido
    ends_by_shido = loser_shido >= rules.hansoku_make_shido
    for _ in range(min(loser_shido, limit)):
        push(Shido, step(), side=loser)
    winner_scores = [value for field_name, value in _TECHNICAL
                     for _ in range(getattr(win, field_name))]
    decider: tuple[type, dict[str, object]] | None = None
    if win.ippon:
        decider = (ScoreEvent, {"side": winner, "value": "ippon"})
    elif ends_by_shido:
        decider = (Shido, {"side": loser})
    elif lose.hansoku_make:
        decider = (HansokuMake, {"side": loser,
                                 "kind": "direct-spirit" if excluded else None})
    elif winner_scores:
        # The winner's last score: in golden score it decides; in regular time it may end the
        # contest (a second waza-ari), so it goes at the file's time.
        decider = (ScoreEvent, {"side": winner, "value": winner_scores.pop()})
    for value in winner_scores:
        push(ScoreEvent, step(), side=winner, value=value)
    seconds = float(row.time) if row.time else None
    bell = rules.contest_time
    if decider is not None:
        if row.golden_score and contest.state_at(bell).status == "awaiting-golden-score":
            push(Hajime, bell)
            gs = seconds - bell if seconds is not None and seconds > bell else 1.0
            gs_limit = rules.golden_score_limit
            if gs_limit is not None:
                gs = min(gs, gs_limit - 1.0)
            at = bell + max(gs, 1.0)
        else:
            at = seconds if seconds is not None and clock < seconds < bell else step()
        push(decider[0], at, **decider[1])
    final = contest.final_state()
    if final.outcome is None and final.status in ("awaiting-golden-score", "running"):
        # Equal at the bell and nothing in the file decides it: golden score, then hantei.
        if final.status == "awaiting-golden-score":
            push(Hajime, final.t)
        if rules.golden_score_limit is not None:
            final = contest.final_state()
            if final.status == "awaiting-hantei":
                # The flags are raised once the golden-score clock has run out.
                push(Hantei, final.t + 1.0, flags=(winner, winner, winner))
        final = contest.final_state()
    outcome = final.outcome
    if outcome is None or outcome.winner != winner:
        got = ("no decision" if outcome is None or outcome.winner is None
               else f"the win to {outcome.winner}")
        raise ResultError(
            f"{where(row)}: the file gives the win to {winner} "
            f"({_board_text(white)} v {_board_text(blue)} for white v blue), but under "
            f"{rules.title} this scoreboard gives {got}; choose the tournament's ruleset "
            "for these results before importing")
    return ResultLog(tuple(events), outcome, final, tuple(notes))


def _describe(event: Event) -> str:
    side = getattr(event, "side", "")
    if isinstance(event, ScoreEvent):
        return f"{event.value} for {side}"
    return f"{type(event).__name__.lower()} for {side}".strip()


def _board_text(score: Score) -> str:
    parts = [f"{n} {name}" for n, name in ((score.ippon, "ippon"), (score.waza_ari, "waza-ari"),
                                           (score.yuko, "yuko"), (score.koka, "koka"),
                                           (score.shido, "shido")) if n]
    if score.hansoku_make:
        parts.append("hansoku-make")
    return ", ".join(parts) or "no score"


# --- the category as a whole -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PlacedResult:
    """A fought contest of the file, placed at ippon contest `number` between `white` and
    `blue` (competitor refs)."""

    number: int
    row: MatchRow
    white: str
    blue: str
    log: ResultLog
    result: Result


@dataclass(frozen=True, slots=True)
class CategoryPlan:
    system: str
    lines: tuple[str | None, ...]
    results: tuple[PlacedResult, ...]
    progress: Progress


def result_of(log: ResultLog) -> Result:
    """The bracket's view of a logged outcome, read as the services read a stored one."""
    outcome, state = log.outcome, log.state
    assert outcome.winner is not None
    loser = opponent(outcome.winner)
    return Result(Side(outcome.winner), outcome.method, outcome.value,
                  outcome.excluded in (loser, "both"),
                  round(state.regular_time + state.golden_score_time, 1))


def plan_category(system: str, lines: Sequence[str | None], rules: Ruleset,
                  rows: Sequence[MatchRow], excluded: Collection[str] = ()) -> CategoryPlan:
    """Feed the file's fought contests to ippon's engine for `system` on `lines`.

    Each contest that becomes ready takes the earliest unused fought row of the same two
    athletes. A fought row that never finds its contest is a ResultError: the bracket in ippon
    would not be the one fought in JudoShiai.
    """
    size = len(lines)
    bracket = Bracket(build(system, size), tuple(lines), rules.win_points)
    pending: dict[frozenset[str], list[MatchRow]] = {}
    for row in sorted(rows, key=lambda r: r.number):
        blue, white = _refs(row)
        if row.draw:
            raise ResultError(f"{where(row)}: a hikiwake (draw); ippon's contests always have a "
                              "winner, so this result cannot be taken over")
        if row.winner is None or blue is None or white is None or BYE in (row.blue, row.white):
            continue
        pending.setdefault(frozenset((blue, white)), []).append(row)
    placed: list[PlacedResult] = []
    progressing = True
    while progressing:
        progressing = False
        for state in bracket.progress.contests:
            if state.status is not Status.READY or state.white is None or state.blue is None:
                continue
            queue = pending.get(frozenset((state.white, state.blue)))
            if not queue:
                continue
            row = queue.pop(0)
            same = row.white == state.white  # the file's white is white here too
            white_score = row.white_score if same else row.blue_score
            blue_score = row.blue_score if same else row.white_score
            file_winner = row.winner.value if row.winner is not None else "white"
            winner: LogSide = ("white" if (file_winner == "white") == same else "blue")
            loser_ref = state.blue if winner == "white" else state.white
            log = result_log(rules, row, white=white_score, blue=blue_score, winner=winner,
                             excluded=loser_ref in excluded)
            result = result_of(log)
            placed.append(PlacedResult(state.number, row, state.white, state.blue, log, result))
            bracket = bracket.feed(state.number, result)
            progressing = True
            break
    left = sorted((r for queue in pending.values() for r in queue), key=lambda r: r.number)
    if left:
        row = left[0]
        blue, white = _refs(row)
        raise ResultError(f"{where(row)}: competitors {blue} and {white} fought, but they do "
                          f"not meet at that point of ippon's {system} with the same draw "
                          f"({len(left)} such contest(s) in this category)")
    return CategoryPlan(system, tuple(lines), tuple(placed), bracket.progress)

