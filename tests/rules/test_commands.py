"""`ippon contest replay` and `ippon demo` (src/ippon/commands/contest.py)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ippon.cli import main

LOG = '{"at": 0, "type": "hajime"}\n{"at": 30, "type": "score", "side": "white", "value": "yuko"}\n'


def replay(*args: str, log: str = LOG) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["contest", "replay", *args, "-"], input=log)
    return result.exit_code, result.stdout, result.stderr


def test_output_keys_and_shapes() -> None:
    code, out, _ = replay()
    assert code == 0
    result = json.loads(out)
    assert list(result) == ["status", "winner", "method", "decided_by", "golden_score", "excluded",
                            "scores", "penalty_scores", "regular_time", "golden_score_time",
                            "rejected"]
    assert result["scores"]["white"] == {"ippon": 0, "waza-ari": 0, "yuko": 1, "koka": 0,
                                         "shido": 0, "hansoku-make": False}
    assert result["penalty_scores"]["blue"] == {"waza-ari": 0, "yuko": 0, "koka": 0}
    # default: the newest ruleset (yuko exists) and its senior men's contest time
    assert (result["winner"], result["decided_by"], result["regular_time"]) == ("white", "yuko",
                                                                              240.0)


def test_contest_time_and_ruleset_options() -> None:
    _, out, _ = replay("--ruleset", "ijf2013", "--contest-time", "100")
    assert json.loads(out)["regular_time"] == 100.0
    _code, out, _ = replay("--ruleset", "ijf2018")
    assert json.loads(out)["rejected"][0]["line"] == 2


def test_unlimited_golden_score_override() -> None:
    log = '{"at": 0, "type": "hajime"}\n{"at": 300, "type": "hajime"}\n'
    _, out, _ = replay("--ruleset", "ijf2009", "--golden-score-time", "unlimited", log=log)
    result = json.loads(out)
    assert (result["status"], result["golden_score_time"]) == ("running", 0.0)


def test_bad_options_exit_2() -> None:
    assert replay("--ruleset", "ijf1999")[0] == 2
    code, _, err = replay("--golden-score-time", "soon")
    assert code == 2
    assert "unlimited" in err
    assert replay("--contest-time", "0")[0] == 2


def test_malformed_log_exit_2_with_one_line() -> None:
    code, out, err = replay(log='{"at": 0, "type": "hajime"}\n{"at": 1, "type": "tai-otoshi"}\n')
    assert (code, out) == (2, "")
    assert err.strip() == "ippon contest replay: line 2: unknown event type 'tai-otoshi'"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(b'{"at": 0, "type": "hajime", "reason": "\xff"}\n')
    result = CliRunner().invoke(main, ["contest", "replay", str(path)])
    assert result.exit_code == 2
    assert "UTF-8" in result.stderr


def test_strict_fails_on_a_line_a_cancel_made_illegal() -> None:
    log = ('{"at": 0, "type": "hajime"}\n{"at": 5, "type": "osaekomi", "side": "blue"}\n'
           '{"at": 6, "type": "cancel", "target": 1}\n')
    assert replay(log=log)[0] == 0
    code, _, err = replay("--strict", log=log)
    assert code == 2
    assert "line 2:" in err


def test_demo_tells_each_sample_contest() -> None:
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    for text in ("sogo-gachi", "wins by shido", "wins by ippon", "yusei-gachi (yuko) in golden"):
        assert text in result.output
