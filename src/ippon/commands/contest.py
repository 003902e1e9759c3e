"""`ippon contest replay` (the public contest-log interface) and `ippon demo`."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import IO, Any

import click

from ippon.rules import (
    LATEST,
    RULESETS,
    SIDES,
    Contest,
    IllegalEvent,
    LogFormatError,
    Ruleset,
    State,
    get_ruleset,
    parse_log,
)


def _golden_score_time(value: str) -> float | None:
    if value == "unlimited":
        return None
    try:
        seconds = float(value)
    except ValueError:
        raise click.BadParameter("give seconds (e.g. 180) or 'unlimited'") from None
    if not seconds > 0:
        raise click.BadParameter("golden score must last more than 0 seconds")
    return seconds


def configure(key: str, contest_time: float | None, golden_score_time: str | None) -> Ruleset:
    """The ruleset `key` with the command line's time overrides."""
    rules = get_ruleset(key)
    if contest_time is not None:
        rules = dataclasses.replace(rules, contest_time=contest_time)
    if golden_score_time is not None:
        limit = _golden_score_time(golden_score_time)
        # A limit needs a decision when it runs out: the flags (hantei), as for kids and
        # veterans under national rules.
        rules = dataclasses.replace(rules, golden_score_time=limit, gs_same_as_contest_time=False,
                                    hantei=rules.hantei or limit is not None)
    return rules


def _t(seconds: float) -> float:
    return round(seconds, 3)


def result_json(contest: Contest, state: State) -> dict[str, Any]:
    """The replay result, keys and shapes as in docs/contest-log.md."""
    scores = {}
    penalty_scores = {}
    for side in SIDES:
        board = state.board(side)
        scores[side] = {"ippon": board.ippon, "waza-ari": board.waza_ari, "yuko": board.yuko,
                        "koka": board.koka, "shido": board.shido,
                        "hansoku-make": board.hansoku_make}
        penalty_scores[side] = {"waza-ari": board.penalty_waza_ari,
                                "yuko": board.penalty_yuko, "koka": board.penalty_koka}
    return {
        "status": state.status,
        "winner": state.winner,
        "method": state.method,
        "decided_by": state.decided_by,
        "golden_score": state.golden_score,
        "excluded": state.excluded,
        "scores": scores,
        "penalty_scores": penalty_scores,
        "regular_time": _t(state.regular_time),
        "golden_score_time": _t(state.golden_score_time),
        "rejected": [{"line": r.line, "reason": r.reason} for r in contest.rejected],
    }


def _fail(message: str) -> None:
    click.echo(f"ippon contest replay: {message}", err=True)
    sys.exit(2)


@click.group("contest")
def contest_group() -> None:
    """Judo contests: replay a contest log under any IJF rules era."""


@contest_group.command("replay")
@click.option("--ruleset", "key", type=click.Choice(list(RULESETS)), default=LATEST,
              show_default=True, help="The IJF rules era.")
@click.option("--contest-time", type=click.FloatRange(min=0, min_open=True), metavar="S",
              help="Regular contest time in seconds [default: the ruleset's senior men's].")
@click.option("--golden-score-time", metavar="S|unlimited",
              help="Golden-score limit in seconds, or 'unlimited' [default: the ruleset's].")
@click.option("--strict", is_flag=True, help="Fail (exit 2) at the first refused event.")
@click.argument("log", type=click.File("r", encoding="utf-8"), metavar="FILE|-")
def replay_command(key: str, contest_time: float | None, golden_score_time: str | None,
                   strict: bool, log: IO[str]) -> None:
    """Replay a contest log (JSON Lines) and print the result as one JSON object.

    Refused events are listed under "rejected" and skipped (exit 0); malformed input stops the
    replay with a message naming the line (exit 2)."""
    if golden_score_time is not None:
        try:
            _golden_score_time(golden_score_time)
        except click.BadParameter as error:
            raise click.BadParameter(error.message, param_hint="--golden-score-time") from None
    rules = configure(key, contest_time, golden_score_time)
    try:
        events = parse_log(log.read())
    except LogFormatError as error:
        _fail(str(error))
    except UnicodeDecodeError:
        _fail("the log is not UTF-8 text")
    contest = Contest(rules)
    for event in events:
        seen = len(contest.rejected)
        try:
            contest.push(event)
        except IllegalEvent as error:
            if strict:
                _fail(str(error))
        if strict and len(contest.rejected) > seen:  # a cancel made an earlier line illegal
            first = contest.rejected[0]
            _fail(f"line {first.line}: {first.reason}")
    click.echo(json.dumps(result_json(contest, contest.final_state()), indent=2,
                          ensure_ascii=False))


# A few contests for `ippon demo`: (ruleset, what happens, the log).
_SAMPLES: tuple[tuple[str, str, str], ...] = (
    ("ijf2003", "Blue collects shido; each one gives White a higher penalty score. White's "
                "technical waza-ari plus the waza-ari from Blue's third shido is sogo-gachi.", """
{"at": 0, "type": "hajime"}
{"at": 40, "type": "score", "side": "white", "value": "waza-ari"}
{"at": 70, "type": "shido", "side": "blue"}
{"at": 120, "type": "shido", "side": "blue"}
{"at": 185, "type": "shido", "side": "blue"}
"""),
    ("ijf2013", "No score in five minutes; Blue has fewer shido and wins by shido.", """
{"at": 0, "type": "hajime"}
{"at": 95, "type": "shido", "side": "white"}
{"at": 96, "type": "mate"}
{"at": 100, "type": "hajime"}
{"at": 304, "type": "mate"}
"""),
    ("ijf2018", "Blue's hold runs across the bell; at 20 s it is ippon, and ippon beats "
                "White's waza-ari.", """
{"at": 0, "type": "hajime"}
{"at": 30, "type": "score", "side": "white", "value": "waza-ari"}
{"at": 232, "type": "osaekomi", "side": "blue"}
"""),
    ("ijf2025", "Level at the bell; in golden score a 6-second hold gives Blue a yuko, "
                "which decides.", """
{"at": 0, "type": "hajime"}
{"at": 240, "type": "mate"}
{"at": 250, "type": "hajime"}
{"at": 280, "type": "osaekomi", "side": "blue"}
{"at": 286, "type": "toketa"}
"""),
)


@click.command("demo")
def demo_command() -> None:
    """Replay a few sample contests from different IJF rules eras and show how they end."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table

    console = Console()
    console.print("[bold]ippon[/bold]: the rules engine replays contest logs under any IJF era.\n")
    for key, story, text in _SAMPLES:
        rules = get_ruleset(key)
        contest = Contest(rules)
        events = parse_log(text.strip())
        for event in events:
            contest.push(event)
        state = contest.final_state()
        table = Table(title=f"{rules.title} ({key})", title_justify="left")
        table.add_column("at (s)", justify="right")
        table.add_column("event")
        for line in text.strip().splitlines():
            obj = json.loads(line)
            detail = " ".join(str(obj[k]) for k in ("side", "value") if k in obj)
            table.add_row(f"{obj['at']:g}", f"{obj['type']} {detail}".strip())
        console.print(table)
        console.print(Padding(f"{story}\n[bold]{_describe(state)}[/bold]\n", (0, 0, 0, 2)))
    console.print("Replay your own log: [cyan]ippon contest replay --ruleset ijf2018 FILE[/cyan]")


def _describe(state: State) -> str:
    outcome = state.outcome
    if outcome is None:
        return f"status: {state.status}"
    winner = outcome.winner.capitalize() if outcome.winner else "Nobody"
    text = f"{winner} wins by {outcome.method}"
    if outcome.decided_by:
        text += f" ({outcome.decided_by})"
    if outcome.golden_score:
        text += f" in golden score, after {state.golden_score_time:g} s"
    return text
