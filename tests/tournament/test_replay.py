"""`ippon.tournament.replay` and `ippon bracket replay`: real events, then every error message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ippon.cli import main
from ippon.tournament.replay import BracketReplayError, replay

# /work/shared sits next to the clone (/work/main), in CI as on a developer's machine.
EVENTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "events"


def event_files() -> list[Path]:
    files = sorted(EVENTS.glob("*.json"))
    if not files:
        # A missing folder must fail, not silently pass with zero cases.
        raise RuntimeError(f"no real event files in {EVENTS.resolve()}: shared/ must sit beside "
                           "the clone")
    return files


FILES = event_files()


def test_all_real_events_are_there() -> None:
    assert len(FILES) >= 432


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_real_event_replays_to_published_placings(path: Path) -> None:
    event = json.loads(path.read_text(encoding="utf-8"))
    out = replay(event["input"])
    assert out["placings"] == event["expect"]["placings"]
    assert out["unused_results"] == []
    assert len(out["contests"]) == len(event["input"]["results"])


ISTANBUL = EVENTS / "ec-istanbul-2011-m73.json"


def test_repechage_orientation_matches_the_source() -> None:
    """White is the upper line, the upper quarter-final loser in the repechage, the repechage
    winner in a bronze contest: the same as every stored result."""
    data = json.loads(ISTANBUL.read_text(encoding="utf-8"))["input"]
    out = replay(data)
    given = {(r["white"], r["blue"]) for r in data["results"]}
    assert all((c["white"], c["blue"]) in given for c in out["contests"])
    rounds = [c["round"] for c in out["contests"]]
    assert rounds.count("REP") == 2
    assert rounds.count("BRONZE") == 2
    assert rounds[-1] == "F"


def small(system: str = "ijf-repechage", **changes: Any) -> dict[str, Any]:
    """An 8-line repechage bracket where the upper line always wins."""
    slots = [f"P{i}" for i in range(1, 9)]
    results = [["P1", "P2"], ["P3", "P4"], ["P5", "P6"], ["P7", "P8"],
               ["P2", "P4"], ["P6", "P8"], ["P1", "P3"], ["P5", "P7"],
               ["P2", "P7"], ["P6", "P3"], ["P1", "P5"]]
    data: dict[str, Any] = {
        "system": system, "slots": slots,
        "results": [{"white": w, "blue": b, "winner": w} for w, b in results],
    }
    data.update(changes)
    return data


def test_small_bracket_placings_and_rounds() -> None:
    out = replay(small())
    assert out["placings"] == {"1": ["P1"], "2": ["P5"], "3": ["P2", "P6"], "5": ["P7", "P3"],
                               "7": ["P4", "P8"]}
    assert [c["round"] for c in out["contests"]] == ["QF"] * 4 + ["REP"] * 2 + ["SF"] * 2 + [
        "BRONZE"] * 2 + ["F"]


def test_unused_results_are_reported() -> None:
    data = small()
    extra = {"white": "P1", "blue": "P8", "winner": "P8"}
    data["results"].append(extra)
    assert replay(data)["unused_results"] == [extra]


def test_kth_meeting_takes_kth_result() -> None:
    data = {"system": "best-of-three", "slots": ["A", "B"], "results": [
        {"white": "A", "blue": "B", "winner": "A"},
        {"white": "B", "blue": "A", "winner": "B"},
        {"white": "A", "blue": "B", "winner": "B", "method": "ippon"},
    ]}
    out = replay(data)
    assert [c["winner"] for c in out["contests"]] == ["A", "B", "B"]
    assert out["contests"][2]["method"] == "ippon"
    assert out["placings"] == {"1": ["B"], "2": ["A"]}


def test_excluded_athlete_loses_later_contests_by_fusen_gachi_and_gets_no_placing() -> None:
    data = small()
    # P4 loses its quarter-final by an excluding hansoku-make: its repechage is fusen-gachi.
    data["results"][1] = {"white": "P3", "blue": "P4", "winner": "P3", "method": "hansoku-make",
                          "excluded": "blue"}
    data["results"].remove({"white": "P2", "blue": "P4", "winner": "P2"})
    out = replay(data)
    repechage = out["contests"][4]
    assert repechage == {"round": "REP", "white": "P2", "blue": "P4", "winner": "P2",
                         "method": "fusen-gachi"}
    assert "7" in out["placings"]
    assert out["placings"]["7"] == ["P8"]
    assert out["unused_results"] == []


def pool(ruleset: str, *scores: str) -> dict[str, list[str]]:
    pairs = [("A", "B", "A"), ("B", "C", "B"), ("C", "A", "C")]
    results = [{"white": w, "blue": b, "winner": winner, "score": score}
               for (w, b, winner), score in zip(pairs, scores, strict=True)]
    data = {"system": "pool", "ruleset": ruleset, "slots": ["A", "B", "C"], "results": results}
    placings: dict[str, list[str]] = replay(data)["placings"]
    return placings


def test_pool_points_use_the_ruleset() -> None:
    # One win each. A beat B by two waza-ari, B beat C by ippon, C beat A by waza-ari.
    scores = ("0200-0000", "1000-0000", "0100-0000")
    # 2009: two waza-ari make ippon, so A and B have 10 points and A beat B.
    assert pool("ijf2009", *scores) == {"1": ["A"], "2": ["B"], "3": ["C"]}
    # 2017: waza-ari do not add up and are worth 1; C and A tie, and C beat A.
    assert pool("ijf2017", *scores) == {"1": ["B"], "2": ["C"], "3": ["A"]}


def test_pool_rank_shared_when_nothing_separates() -> None:
    assert pool("ijf2009", "0100-0000", "0100-0000", "0100-0000") == {"1": ["A", "B", "C"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"system": "swiss"}, "unknown system 'swiss'"),
        ({"ruleset": "ijf1900"}, "unknown ruleset 'ijf1900'"),
        ({"slots": ["P1", "P2", "P3"]}, "wrong number of slots: ijf-repechage needs a power of "
                                        "two of at least 8 lines, not 3"),
        ({"slots": ["P1"] * 8}, "P1 appears more than once in slots"),
        ({"slots": "P1"}, "slots must be a list"),
        ({"results": [{"white": "P1", "blue": "X", "winner": "P1"}]}, "result 1: blue 'X' is "
                                                                      "not in slots"),
        ({"results": [{"white": "P1", "blue": "P2", "winner": "P3"}]}, "result 1: winner 'P3' is "
                                                                       "neither P1 nor P2"),
        ({"results": [{"white": "P1", "blue": "P2", "winner": "P1", "score": "10-00"}]},
         "result 1: score '10-00' is not of the form IWYK-IWYK"),
        ({"results": [{"white": "P1", "blue": "P2", "winner": "P1", "excluded": "white"}]},
         "result 1: the excluded athlete P1 cannot be the winner"),
        ({"results": []}, "no result for QF: P1 vs P2"),
    ],
)
def test_errors_are_precise(change: dict[str, Any], message: str) -> None:
    with pytest.raises(BracketReplayError) as raised:
        replay(small(**change))
    assert message in str(raised.value)


def test_missing_result_names_round_and_pair() -> None:
    data = small()
    del data["results"][4]
    with pytest.raises(BracketReplayError, match=r"^no result for REP: P2 vs P4$"):
        replay(data)


def test_command_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "category.json"
    path.write_text(json.dumps(small()), encoding="utf-8")
    result = CliRunner().invoke(main, ["bracket", "replay", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["placings"]["1"] == ["P1"]


def test_command_reads_stdin_and_event_files() -> None:
    result = CliRunner().invoke(main, ["bracket", "replay", "-"],
                                input=ISTANBUL.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["placings"]["1"] == ["PINA Joao"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("{", "<stdin> is not valid JSON"), (json.dumps(small(results=[])), "no result for QF")],
)
def test_command_exits_2_with_a_message(text: str, message: str) -> None:
    result = CliRunner().invoke(main, ["bracket", "replay", "-"], input=text)
    assert result.exit_code == 2
    assert message in result.output


def test_double_repechage_replay_labels_the_repechage_final() -> None:
    out = replay(small("double-repechage"))
    assert [c["round"] for c in out["contests"]].count("REP F") == 2
    assert out["placings"] == replay(small())["placings"]


def test_double_elimination_rematch_takes_the_second_result() -> None:
    results = [("P1", "P2", "P1"), ("P3", "P4", "P3"), ("P1", "P3", "P1"), ("P2", "P4", "P2"),
               ("P3", "P2", "P2"), ("P2", "P1", "P2")]
    out = replay({"system": "double-elimination", "slots": ["P1", "P2", "P3", "P4"],
                  "results": [{"white": w, "blue": b, "winner": x} for w, b, x in results]})
    assert [(c["round"], c["winner"]) for c in out["contests"]] == [
        ("W1", "P1"), ("W1", "P3"), ("W2", "P1"), ("L1", "P2"), ("L2", "P2"), ("GF", "P2")]
    assert out["placings"] == {"1": ["P2"], "2": ["P1"], "3": ["P3"], "4": ["P4"]}


def test_empty_pair_and_bye_in_a_replay() -> None:
    data = {"system": "single-elimination", "slots": ["A", None, None, None, "C", "D", "E", None],
            "results": [{"white": "C", "blue": "D", "winner": "D"},
                        {"white": "D", "blue": "E", "winner": "E"},
                        {"white": "A", "blue": "E", "winner": "A"}]}
    out = replay(data)
    assert [c["round"] for c in out["contests"]] == ["QF", "SF", "F"]
    assert out["placings"] == {"1": ["A"], "2": ["E"], "3": ["D"], "5": ["C"]}
