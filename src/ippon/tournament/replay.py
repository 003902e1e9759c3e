"""`ippon bracket replay`: a category's draw and results in, contests and placings out.

Pure: a parsed JSON object in, a JSON-ready dict out. The format is documented in
docs/bracket-replay.md. The replay builds the system's contest graph from `slots`, and every
contest it calls for takes its result from `results` by the unordered pair of names (the k-th
meeting of a pair takes the k-th such result).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ippon.rules import LATEST, get_ruleset
from ippon.tournament.bracket import ContestState, Progress, Status, derive
from ippon.tournament.model import IPPON_METHODS, Athlete, Result, Side, SystemSizeError
from ippon.tournament.systems import BUILDERS, build

SCORE = re.compile(r"^(\d)(\d)(\d)(\d)-(\d)(\d)(\d)(\d)$")
SCORE_NAMES = ("ippon", "waza-ari", "yuko", "koka")


class BracketReplayError(ValueError):
    """The replay input is inconsistent; the message says where."""


@dataclass(frozen=True, slots=True)
class _Given:
    """One entry of `results`, checked."""

    white: Athlete
    blue: Athlete
    winner: Athlete
    method: str | None
    value: str | None
    excluded: bool


def replay(data: Mapping[str, Any]) -> dict[str, Any]:
    """Replay one category; raise BracketReplayError with a precise message on bad input."""
    if not isinstance(data, Mapping):
        raise BracketReplayError("the replay input must be a JSON object")
    name = data.get("system")
    if name not in BUILDERS:
        raise BracketReplayError(
            f"unknown system {name!r}; expected one of {', '.join(sorted(BUILDERS))}"
        )
    try:
        ruleset = get_ruleset(data.get("ruleset", LATEST))
    except (ValueError, TypeError) as error:
        raise BracketReplayError(str(error)) from None
    slots = _slots(data.get("slots"))
    try:
        system = build(name, len(slots))
    except SystemSizeError as error:
        raise BracketReplayError(f"wrong number of slots: {error}") from None
    raw = data.get("results", [])
    if not isinstance(raw, list):
        raise BracketReplayError("results must be a list")
    known = {athlete for athlete in slots if athlete is not None}
    given = [_result(i, entry, known, ruleset.awasete) for i, entry in enumerate(raw, start=1)]
    queues: dict[frozenset[Athlete], deque[int]] = {}
    for index, result in enumerate(given):
        queues.setdefault(frozenset((result.white, result.blue)), deque()).append(index)
    used: set[int] = set()

    def take(state: ContestState) -> Result:
        queue = queues.get(frozenset((state.white or "", state.blue or "")))
        if not queue:
            raise BracketReplayError(f"no result for {state.round}: {state.white} vs {state.blue}")
        index = queue.popleft()
        used.add(index)
        found = given[index]
        side = Side.WHITE if found.winner == state.white else Side.BLUE
        return Result(side, found.method, found.value, found.excluded)

    progress = derive(system, slots, take, ruleset.win_points)
    return {
        "placings": {str(place): list(names) for place, names in progress.placings.items()},
        "contests": _contests(progress),
        "unused_results": [raw[i] for i in range(len(raw)) if i not in used],
    }


def _slots(slots: object) -> list[Athlete | None]:
    if not isinstance(slots, list):
        raise BracketReplayError("slots must be a list of names and nulls")
    seen: set[Athlete] = set()
    for position, athlete in enumerate(slots, start=1):
        if athlete is None:
            continue
        if not isinstance(athlete, str) or not athlete:
            raise BracketReplayError(f"slot {position} must be a name or null, not {athlete!r}")
        if athlete in seen:
            raise BracketReplayError(f"{athlete} appears more than once in slots")
        seen.add(athlete)
    return slots


def _result(number: int, entry: object, known: set[Athlete], awasete: bool) -> _Given:
    where = f"result {number}"
    if not isinstance(entry, Mapping):
        raise BracketReplayError(f"{where} must be an object")
    white, blue = _name(where, "white", entry, known), _name(where, "blue", entry, known)
    if white == blue:
        raise BracketReplayError(f"{where}: {white} cannot fight themselves")
    named = entry.get("winner")
    winner = white if named == white else blue if named == blue else None
    if winner is None:
        raise BracketReplayError(f"{where}: winner {named!r} is neither {white} nor {blue}")
    method = entry.get("method")
    if method is not None and not isinstance(method, str):
        raise BracketReplayError(f"{where}: method must be a string")
    excluded = entry.get("excluded")
    if excluded not in (None, "white", "blue"):
        raise BracketReplayError(f"{where}: excluded must be \"white\" or \"blue\"")
    if excluded is not None and entry[excluded] == winner:
        raise BracketReplayError(f"{where}: the excluded athlete {winner} cannot be the winner")
    value = "ippon" if method in IPPON_METHODS else _value(where, entry.get("score"),
                                                          winner == white, awasete)
    return _Given(white, blue, winner, method, value, excluded is not None)


def _name(where: str, role: str, entry: Mapping[str, object], known: set[Athlete]) -> Athlete:
    athlete = entry.get(role)
    if not isinstance(athlete, str) or athlete not in known:
        raise BracketReplayError(f"{where}: {role} {athlete!r} is not in slots")
    return athlete


def _value(where: str, score: object, white_won: bool, awasete: bool) -> str | None:
    """The highest score the winner held, from "IWYK-IWYK" (None: no score, a decision)."""
    if score is None:
        return None
    match = SCORE.match(score) if isinstance(score, str) else None
    if match is None:
        raise BracketReplayError(f"{where}: score {score!r} is not of the form IWYK-IWYK")
    groups = match.groups()
    counts = [int(d) for d in (groups[:4] if white_won else groups[4:])]
    if counts[1] >= 2 and awasete:
        return "ippon"  # waza-ari-awasete-ippon
    return next((SCORE_NAMES[i] for i, count in enumerate(counts) if count), None)


def _contests(progress: Progress) -> list[dict[str, str]]:
    contests: list[dict[str, str]] = []
    for state in progress.contests:
        if state.status not in (Status.DECIDED, Status.FUSEN):
            continue
        item = {"round": state.round, "white": state.white or "", "blue": state.blue or "",
                "winner": state.winner or ""}
        if state.result is not None and state.result.method is not None:
            item["method"] = state.result.method
        contests.append(item)
    return contests
