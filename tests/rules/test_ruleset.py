from __future__ import annotations

import dataclasses

import pytest

from ippon.rules import LATEST, RULESETS, get_ruleset


def test_seven_eras_latest_is_2025() -> None:
    assert list(RULESETS) == [
        "ijf2003", "ijf2009", "ijf2013", "ijf2017", "ijf2018", "ijf2022", "ijf2025",
    ]
    assert LATEST == "ijf2025"


def test_unknown_ruleset_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="ijf2018"):
        get_ruleset("ijf1999")


@pytest.mark.parametrize(
    ("key", "men", "women"),
    [("ijf2003", 300, 300), ("ijf2009", 300, 300), ("ijf2013", 300, 240), ("ijf2017", 240, 240),
     ("ijf2025", 240, 240)],
)
def test_senior_contest_times(key: str, men: float, women: float) -> None:
    rules = get_ruleset(key)
    assert rules.contest_time == men
    assert rules.for_age_group("seniors", "women").contest_time == women


def test_golden_score_limits() -> None:
    assert get_ruleset("ijf2003").golden_score_limit == 300
    assert get_ruleset("ijf2003").for_age_group("juniors", "men").golden_score_limit == 240
    assert get_ruleset("ijf2009").golden_score_limit == 180
    assert get_ruleset("ijf2013").golden_score_limit is None
    assert get_ruleset("ijf2025").golden_score_limit is None


def test_kids_have_a_limited_golden_score_with_hantei() -> None:
    kids = get_ruleset("ijf2018").for_age_group("kids-u13", "women")
    assert (kids.contest_time, kids.golden_score_limit, kids.hantei) == (120, 60, True)
    assert get_ruleset("ijf2018").hantei is False


def test_unknown_age_group_and_sex() -> None:
    with pytest.raises(ValueError, match="age group"):
        get_ruleset("ijf2018").for_age_group("toddlers", "men")
    with pytest.raises(ValueError, match="sex"):
        get_ruleset("ijf2018").for_age_group("seniors", "boys")


@pytest.mark.parametrize(
    ("key", "value", "points"),
    [("ijf2003", "ippon", 10), ("ijf2003", "waza-ari", 7), ("ijf2003", "yuko", 5),
     ("ijf2003", "koka", 3), ("ijf2003", None, 1), ("ijf2013", "yuko", 5), ("ijf2017", None, 0),
     ("ijf2018", "waza-ari", 1), ("ijf2025", "yuko", 0)],
)
def test_win_points(key: str, value: str | None, points: int) -> None:
    assert get_ruleset(key).win_points(value) == points


def test_win_points_rejects_unknown_values() -> None:
    with pytest.raises(ValueError, match="shido"):
        get_ruleset("ijf2018").win_points("shido")


def test_rulesets_are_immutable_and_replaceable() -> None:
    rules = get_ruleset("ijf2018")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.awasete = False  # type: ignore[misc]
    variant = dataclasses.replace(rules, hansoku_make_shido=4)
    assert variant.hansoku_make_shido == 4
    assert variant.pool_points == rules.pool_points


def test_a_limited_golden_score_needs_hantei() -> None:
    with pytest.raises(ValueError, match="needs hantei"):
        dataclasses.replace(get_ruleset("ijf2018"), golden_score_time=60.0)
    limited = dataclasses.replace(get_ruleset("ijf2018"), golden_score_time=60.0, hantei=True)
    assert limited.golden_score_limit == 60.0
