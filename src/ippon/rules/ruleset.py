"""`Ruleset`: the parameters of one IJF rules era, plus its age-group variants and pool points."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ippon.rules.age_groups import times_for
from ippon.rules.eras import ERAS
from ippon.rules.events import ScoreValue

LATEST = "ijf2025"

POOL_POINT_KEYS = ("ippon", "waza-ari", "yuko", "koka", "decision")


@dataclass(frozen=True, slots=True)
class Ruleset:
    """Everything the contest engine needs to know about an era. Variants (age groups, national
    rules, a different golden-score length) are `dataclasses.replace` of an era, never new code."""

    key: str
    title: str
    # Scores that exist in this era, highest first.
    scores: tuple[ScoreValue, ...]
    # Whether two technical waza-ari make ippon (waza-ari-awasete-ippon).
    awasete: bool
    # Osaekomi: (seconds held, score reached), ascending; the last one is ippon.
    osaekomi: tuple[tuple[float, ScoreValue], ...]
    # The score credited to the opponent at the 1st, 2nd, 3rd... shido (None: no score).
    penalty_ladder: tuple[ScoreValue | None, ...]
    # The shido that is hansoku-make (accumulated).
    hansoku_make_shido: int
    # Technical waza-ari + waza-ari from the opponent's penalties wins at once.
    sogo_gachi: bool
    # [M] Sogo-gachi also when the technical waza-ari comes after the penalty waza-ari.
    sogo_gachi_any_order: bool
    # At the end of regular time, with equal scores, fewer shido wins (method "shido").
    shido_decides_regular_time: bool
    # In golden score, a difference in shido decides (fewer wins).
    gs_shido_difference_decides: bool
    # [M] In golden score, the first shido given loses the contest.
    gs_shido_decides: bool
    # [M] In golden score, a shido that carries no score value loses the contest.
    gs_valueless_shido_decides: bool
    # [M] Scores and shido of regular time stay on the board in golden score.
    gs_carry_over: bool
    # Golden-score limit in seconds; None: unlimited.
    golden_score_time: float | None
    # The golden-score limit equals the contest time (2003); overrides golden_score_time.
    gs_same_as_contest_time: bool
    # Flags decide a golden score that ended undecided; required when golden score is limited.
    hantei: bool
    # Every direct hansoku-make excludes from the tournament (2003); else only "direct-spirit".
    every_direct_hsm_excludes: bool
    # Regular contest time in seconds (default: seniors, men).
    contest_time: float
    # Pool points per win (RULES §11.4): keys ippon, waza-ari, yuko, koka, decision.
    pool_points: Mapping[str, int] = field(hash=False)

    def __post_init__(self) -> None:
        missing = [key for key in POOL_POINT_KEYS if key not in self.pool_points]
        if missing:
            raise ValueError(f"pool_points lacks {', '.join(missing)}")
        object.__setattr__(self, "pool_points", MappingProxyType(dict(self.pool_points)))
        # A contest cannot end in a draw: a golden score that may run out needs flags to decide.
        if self.golden_score_limit is not None and not self.hantei:
            raise ValueError(f"{self.key}: a golden-score limit needs hantei to decide the "
                             "contest (set hantei=True)")

    @property
    def golden_score_limit(self) -> float | None:
        """Seconds of golden score before hantei (None: unlimited)."""
        return self.contest_time if self.gs_same_as_contest_time else self.golden_score_time

    def win_points(self, value: str | None) -> int:
        """Pool points for a win, by the highest score the winner held: "ippon" also for
        hansoku-make, fusen-gachi, kiken-gachi, sogo-gachi and awasete; None for a decision
        (hantei, shido)."""
        key = "decision" if value is None else value
        if key not in self.pool_points:
            raise ValueError(f"unknown score value {value!r}")
        return self.pool_points[key]

    def for_age_group(self, group: str, sex: str) -> Ruleset:
        """This era with the contest time and golden score of `group` ("seniors", "juniors",
        "cadets", "veterans", "kids-u15", "kids-u13") and `sex` ("men", "women")."""
        times = times_for(self.key, group, sex)
        changes: dict[str, object] = {"contest_time": times.contest_time}
        if times.golden_score_time != "era":
            changes["golden_score_time"] = times.golden_score_time
            changes["gs_same_as_contest_time"] = False
        if times.hantei is not None:
            changes["hantei"] = times.hantei
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def _build(key: str) -> Ruleset:
    params = ERAS[key]
    return Ruleset(key=key, contest_time=times_for(key, "seniors", "men").contest_time, **params)


RULESETS: Mapping[str, Ruleset] = MappingProxyType({key: _build(key) for key in ERAS})


def get_ruleset(key: str) -> Ruleset:
    """The ruleset of an era by key ("ijf2003" ... "ijf2025"); ValueError lists the known keys."""
    try:
        return RULESETS[key]
    except KeyError:
        raise ValueError(f"unknown ruleset {key!r}; known: {', '.join(RULESETS)}") from None
