"""`ippon bracket replay FILE|-`: replay a category's draw and results, print contests and
placings as JSON (format: docs/bracket-replay.md)."""

from __future__ import annotations

import json
from typing import IO

import click


class ReplayFailed(click.ClickException):
    exit_code = 2


@click.group("bracket")
def bracket_group() -> None:
    """Competition systems and their brackets."""


@bracket_group.command("replay")
@click.argument("source", metavar="FILE|-", type=click.File("r", encoding="utf-8"))
def replay_command(source: IO[str]) -> None:
    """Replay FILE (or standard input with -) and print placings, contests and unused results.

    FILE holds {"system", "ruleset", "slots", "results"}, or an object with that under "input"
    (the files of shared/data/events)."""
    from ippon.tournament.replay import BracketReplayError, replay

    try:
        data = json.load(source)
    except json.JSONDecodeError as error:
        raise ReplayFailed(f"{source.name} is not valid JSON: {error}") from None
    if isinstance(data, dict) and "system" not in data and isinstance(data.get("input"), dict):
        data = data["input"]
    try:
        result = replay(data)
    except BracketReplayError as error:
        raise ReplayFailed(f"{source.name}: {error}") from None
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))
