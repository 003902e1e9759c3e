"""Every written scenario under scenarios/<era>/ replayed through `ippon contest replay`.

`NAME.jsonl` is the contest log; `NAME.expect.json` holds `about` (the rule it shows, from
RULES.md), optional `args` for the command line, optional `exit_code` (default 0) and `result`:
the fields of the output that matter. Nested objects are compared on the keys given; lists must
have the same length, each element compared the same way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ippon.cli import main
from ippon.rules import RULESETS

SCENARIOS = Path(__file__).parent / "scenarios"
LOGS = sorted(SCENARIOS.glob("*/*.jsonl"))


def mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        found = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{path}.{key}: missing")
            else:
                found += mismatches(value, actual[key], f"{path}.{key}")
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {expected!r}, got {actual!r}"]
        return [m for i, (e, a) in enumerate(zip(expected, actual, strict=True))
                for m in mismatches(e, a, f"{path}[{i}]")]
    if expected != actual or type(expected) is not type(actual):
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []


def test_every_era_has_ten_scenarios() -> None:
    for era in RULESETS:
        count = len(list((SCENARIOS / era).glob("*.jsonl")))
        assert count >= 10, f"{era} has {count} scenarios"


def test_every_scenario_has_an_expectation() -> None:
    for log in LOGS:
        assert log.with_suffix(".expect.json").exists(), log


@pytest.mark.parametrize("log", LOGS, ids=[f"{p.parent.name}/{p.stem}" for p in LOGS])
def test_scenario(log: Path) -> None:
    spec = json.loads(log.with_suffix(".expect.json").read_text(encoding="utf-8"))
    args = ["contest", "replay", "--ruleset", log.parent.name, *spec.get("args", []), str(log)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == spec.get("exit_code", 0), result.output + result.stderr
    if "stderr" in spec:
        assert spec["stderr"] in result.stderr
    if "result" in spec:
        problems = mismatches(spec["result"], json.loads(result.stdout))
        assert not problems, f"{spec['about']}\n" + "\n".join(problems) + "\n" + result.stdout
