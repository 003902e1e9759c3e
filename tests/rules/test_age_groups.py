from __future__ import annotations

import json
from importlib import resources

import pytest

from ippon.rules import RULESETS, age_groups
from ippon.rules.age_groups import times_for


def test_the_required_groups_exist() -> None:
    assert {"seniors", "juniors", "cadets", "veterans", "kids-u15", "kids-u13"} <= set(
        age_groups())


def test_every_era_has_a_band_and_every_group_fills_it() -> None:
    data = json.loads(resources.files("ippon.rules").joinpath("age_groups.json").read_text())
    assert set(data["bands"]) == set(RULESETS)
    for group, bands in data["groups"].items():
        assert set(bands) == set(data["bands"].values()), group


@pytest.mark.parametrize("era", list(RULESETS))
@pytest.mark.parametrize("group", ["seniors", "juniors", "cadets", "veterans", "kids-u15",
                                   "kids-u13"])
def test_times_are_positive_and_limits_come_with_hantei(era: str, group: str) -> None:
    for sex in ("men", "women"):
        rules = RULESETS[era].for_age_group(group, sex)
        assert rules.contest_time > 0
        limit = rules.golden_score_limit
        assert limit is None or (limit > 0 and rules.hantei)


def test_unknown_era() -> None:
    with pytest.raises(ValueError, match="no age-group data"):
        times_for("ijf1998", "seniors", "men")
