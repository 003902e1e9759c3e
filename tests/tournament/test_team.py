"""Team matches: bout order by lot, first to four, fusen-gachi, the 3-3 tie-breaks, 2017 points."""

from __future__ import annotations

import doctest
import random

import pytest

from ippon.tournament import team as team_module
from ippon.tournament.team import (
    MIXED_TEAM,
    MIXED_TEAM_2017,
    NATIONAL_TEAM_MEN,
    BoutResult,
    TeamError,
    bout_order,
    bout_points,
    decider_category,
    team_match,
)

CATS = MIXED_TEAM.categories
WHITE = {c: f"W{i}" for i, c in enumerate(CATS)}
BLUE = {c: f"B{i}" for i, c in enumerate(CATS)}
IPPON_W = BoutResult("white", "ippon", "ippon")
IPPON_B = BoutResult("blue", "ippon", "ippon")
WAZA_W = BoutResult("white", "yusei-gachi", "waza-ari")
SHIDO_B = BoutResult("blue", "shido")


def test_module_examples() -> None:
    assert doctest.testmod(team_module).failed == 0


def test_mixed_team_categories() -> None:
    assert CATS == ("W-57", "M-73", "W-70", "M-90", "W+70", "M+90")


def test_bout_order_starts_at_a_drawn_category_and_continues_cyclically() -> None:
    seen = set()
    for seed in range(40):
        order = bout_order(MIXED_TEAM, random.Random(seed))
        start = CATS.index(order[0])
        assert order == list(CATS[start:] + CATS[:start])
        seen.add(order[0])
        assert bout_order(MIXED_TEAM, random.Random(seed)) == order  # reproducible
    assert seen == set(CATS)
    assert bout_order(MIXED_TEAM) == list(CATS)


def test_configured_bout_order() -> None:
    custom = ["M-73", "W-57", "M-90", "W-70", "M+90", "W+70"]
    assert bout_order(MIXED_TEAM, order=custom) == custom
    with pytest.raises(TeamError, match="lists each of W-57, M-73"):
        bout_order(MIXED_TEAM, order=["W-57", "W-57", "W-70", "M-90", "W+70", "M+90"])


def test_first_to_four_ends_the_match() -> None:
    m = team_match(MIXED_TEAM, CATS, WHITE, BLUE, [IPPON_W, IPPON_B, IPPON_W, IPPON_W, IPPON_W])
    assert (m.status, m.winner, m.wins, m.decided_by) == ("finished", "white", (4, 1), "wins")
    assert len(m.bouts) == 5  # the sixth is not fought
    with pytest.raises(TeamError, match=r"1 result\(s\) left over: the match was over after 5"):
        team_match(MIXED_TEAM, CATS, WHITE, BLUE, [IPPON_W, IPPON_B, IPPON_W, IPPON_W, IPPON_W,
                                                   IPPON_B])


def test_in_progress_names_the_next_bout() -> None:
    m = team_match(MIXED_TEAM, CATS, WHITE, BLUE, [IPPON_W, IPPON_B])
    assert m.status == "in-progress"
    assert m.next is not None
    assert (m.next.category, m.next.white, m.next.blue) == ("W-70", "W2", "B2")


def test_missing_athlete_loses_by_fusen_gachi() -> None:
    blue = dict(BLUE, **{"W-70": None})
    del blue["M-90"]
    m = team_match(MIXED_TEAM, CATS, WHITE, blue, [IPPON_B, IPPON_B])
    assert m.next is not None
    assert m.next.category == "W+70"  # W-70 and M-90 went to white without a contest
    fusen = [b for b in m.bouts if b.result.method == "fusen-gachi"]
    assert [(b.category, b.result.winner, b.points) for b in fusen] == [
        ("W-70", "white", 10), ("M-90", "white", 10)]
    assert m.wins == (2, 2)


def test_both_teams_missing_a_category_is_no_bout() -> None:
    white = dict(WHITE, **{"M+90": None})
    blue = dict(BLUE, **{"M+90": None})
    m = team_match(MIXED_TEAM, CATS, white, blue, [IPPON_W, IPPON_B, IPPON_W, IPPON_B, IPPON_W])
    assert (m.status, m.winner, m.wins) == ("finished", "white", (3, 2))


def test_three_all_goes_to_a_golden_score_decider() -> None:
    results = [IPPON_W, IPPON_B, IPPON_W, IPPON_B, WAZA_W, SHIDO_B]
    m = team_match(MIXED_TEAM, CATS, WHITE, BLUE, results)
    assert (m.status, m.wins) == ("needs-decider", (3, 3))
    decider = decider_category(MIXED_TEAM, WHITE, BLUE, random.Random(1))
    m = team_match(MIXED_TEAM, CATS, WHITE, BLUE, results, decider=decider)
    assert m.next is not None
    assert (m.next.category, m.next.golden_score_decider) == (decider, True)
    m = team_match(MIXED_TEAM, CATS, WHITE, BLUE, [*results, SHIDO_B], decider=decider)
    assert (m.status, m.winner, m.decided_by, m.wins) == ("finished", "blue", "decider", (3, 4))
    assert m.bouts[-1].golden_score_decider


def test_decider_is_drawn_among_categories_both_teams_fielded() -> None:
    white = dict(WHITE, **{"W-57": None, "M-73": None})
    for seed in range(30):
        assert decider_category(MIXED_TEAM, white, BLUE, random.Random(seed)) not in {
            "W-57", "M-73"}
    with pytest.raises(TeamError, match="the decider W-57 needs an athlete on both teams"):
        team_match(MIXED_TEAM, CATS, white, BLUE, [IPPON_W, IPPON_W, IPPON_W, IPPON_B],
                   decider="W-57")


def test_2017_points_break_a_three_all_tie() -> None:
    # White: ippon, ippon, shido = 20; blue: waza-ari, waza-ari, ippon = 12.
    results = [IPPON_W, BoutResult("blue", "yusei-gachi", "waza-ari"), IPPON_W,
               BoutResult("blue", "yusei-gachi", "waza-ari"), BoutResult("white", "shido"),
               IPPON_B]
    m = team_match(MIXED_TEAM_2017, CATS, WHITE, BLUE, results)
    assert (m.status, m.winner, m.points, m.decided_by) == ("finished", "white", (20, 12),
                                                            "points")
    # Under current rules the same bouts go to the decider.
    assert team_match(MIXED_TEAM, CATS, WHITE, BLUE, results).status == "needs-decider"


def test_2017_level_points_go_to_the_decider() -> None:
    results = [IPPON_W, IPPON_B, WAZA_W, BoutResult("blue", "yusei-gachi", "waza-ari"),
               SHIDO_B, BoutResult("white", "shido")]
    m = team_match(MIXED_TEAM_2017, CATS, WHITE, BLUE, results)
    assert (m.status, m.points) == ("needs-decider", (11, 11))


@pytest.mark.parametrize(("result", "points"), [
    (BoutResult("white", "ippon", "ippon"), 10), (BoutResult("white", "fusen-gachi"), 10),
    (BoutResult("white", "kiken-gachi", "waza-ari"), 10),
    (BoutResult("white", "hansoku-make"), 10),
    (BoutResult("white", "waza-ari-awasete-ippon", "waza-ari"), 10),
    (BoutResult("white", "yusei-gachi", "waza-ari"), 1), (BoutResult("white", "shido"), 0),
    (BoutResult(None), 0),
])
def test_bout_points(result: BoutResult, points: int) -> None:
    assert bout_points(result) == points


def test_national_team_format_allows_draws_and_uses_points() -> None:
    cats = NATIONAL_TEAM_MEN.categories
    white = {c: f"W{c}" for c in cats}
    blue = {c: f"B{c}" for c in cats}
    draw = BoutResult(None)
    results = [IPPON_W, BoutResult("blue", "yusei-gachi", "waza-ari"), draw, draw, draw]
    m = team_match(NATIONAL_TEAM_MEN, cats, white, blue, results)
    assert (m.winner, m.wins, m.points, m.decided_by) == ("white", (1, 1), (10, 1), "points")
    first_to_three = [IPPON_W, IPPON_W, IPPON_W]
    assert team_match(NATIONAL_TEAM_MEN, cats, white, blue, first_to_three).winner == "white"


def test_bad_input() -> None:
    with pytest.raises(TeamError, match="bout W-57 needs a winner: golden score applies"):
        team_match(MIXED_TEAM, CATS, WHITE, BLUE, [BoutResult(None)])
    with pytest.raises(TeamError, match="white team fields 3 athletes; a mixed team match "
                                        "needs at least 4"):
        team_match(MIXED_TEAM, CATS, dict.fromkeys(CATS[:3], "X"), BLUE, [])
    with pytest.raises(TeamError, match="blue team: M-100 is not a mixed team category"):
        team_match(MIXED_TEAM, CATS, WHITE, dict(BLUE, **{"M-100": "Y"}), [])
    level = [IPPON_W, IPPON_B] * 3
    with pytest.raises(TeamError, match="the decider 'X' is not a mixed team category"):
        team_match(MIXED_TEAM, CATS, WHITE, BLUE, level, decider="X")
