"""Weigh-in verdicts (RULES §10.3): the figures, and a sentence the official can read out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ippon.tournament.categories import WeightClass, WeightError, load_table
from ippon.tournament.weighin import IJF, Kind, WeighInRules, check

U73 = WeightClass(Decimal(73), lower_kg=Decimal(66))
OVER100 = WeightClass(Decimal(100), open=True)


def test_ijf_defaults() -> None:
    assert IJF.official_tolerance_kg == 0
    assert IJF.random_tolerance_pct == 5
    assert IJF.clothing_allowance_kg == 0


def test_over_the_limit() -> None:
    verdict = check(73.4, U73)
    assert not verdict.accepted
    assert verdict.message == "73.4 kg is 0.4 kg over the -73 kg limit"
    assert verdict.margin_kg == Decimal("-0.4")
    assert verdict.allowed_kg == 73


def test_on_and_under_the_limit() -> None:
    on = check("73.0", U73)
    assert on.accepted
    assert on.message == "73 kg is within the -73 kg limit (0 kg to spare)"
    under = check(72.8, U73)
    assert under.message == "72.8 kg is within the -73 kg limit (0.2 kg to spare)"


def test_random_weigh_in_allows_five_percent() -> None:
    assert check(76.65, U73, Kind.RANDOM).accepted
    verdict = check(76.7, U73, Kind.RANDOM)
    assert not verdict.accepted
    assert verdict.message == ("76.7 kg is 0.05 kg over the random weigh-in maximum of "
                               "76.65 kg (-73 kg + 5 %)")
    assert check(63, WeightClass(Decimal(60)), Kind.RANDOM).accepted
    assert not check(63.01, WeightClass(Decimal(60)), Kind.RANDOM).accepted


def test_random_maximum_is_cut_to_the_scale_step() -> None:
    # 57 x 1.05 = 59.85 exactly; 52 x 1.05 = 54.6; 81 x 1.05 = 85.05.
    for limit, maximum in [(57, "59.85"), (52, "54.6"), (81, "85.05")]:
        verdict = check(maximum, WeightClass(Decimal(limit)), Kind.RANDOM)
        assert verdict.accepted
        assert verdict.allowed_kg == Decimal(maximum)


def test_clothing_allowance() -> None:
    national = WeighInRules(clothing_allowance_kg=Decimal("0.2"))
    verdict = check(73.2, U73, rules=national)
    assert verdict.accepted
    assert verdict.counted_kg == 73
    assert verdict.message == ("73.2 kg less 0.2 kg clothing allowance = 73 kg is within the "
                               "-73 kg limit (0 kg to spare)")
    assert not check(73.3, U73, rules=national).accepted


def test_official_tolerance() -> None:
    lenient = WeighInRules(official_tolerance_kg=Decimal("0.5"))
    assert check(73.5, U73, rules=lenient).accepted
    verdict = check(73.6, U73, rules=lenient)
    assert verdict.message == "73.6 kg is 0.1 kg over the -73 kg limit with its 0.5 kg tolerance"


def test_open_class_and_lower_limit() -> None:
    assert check(150, OVER100).accepted
    assert check(150, OVER100).message == "150 kg: accepted in +100 kg (no upper limit)"
    assert check(95, OVER100).accepted  # fighting up is allowed unless the lower limit is on
    strict = WeighInRules(check_lower_limit=True)
    verdict = check(100, OVER100, rules=strict)
    assert not verdict.accepted
    assert verdict.message == "100 kg is not over 100 kg, the lower limit of +100 kg"
    assert check(66.1, U73, rules=strict).accepted
    assert not check(66, U73, rules=strict).accepted


def test_with_a_category_from_a_table() -> None:
    cadets = load_table("ijf-cadets")
    wc = cadets.categories("women")[0].weight_class
    assert check(40.3, wc).message == "40.3 kg is 0.3 kg over the -40 kg limit"


def test_bad_readings_and_rules() -> None:
    with pytest.raises(WeightError):
        check(-1, U73)
    with pytest.raises(ValueError, match="random_tolerance_pct must not be negative"):
        WeighInRules(random_tolerance_pct=Decimal(-5))
