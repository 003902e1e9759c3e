"""Weigh-in checks (RULES §10.3): the official weigh-in, the random weigh-in, clothing allowance.

    >>> check(73.4, WeightClass(Decimal(73))).message
    '73.4 kg is 0.4 kg over the -73 kg limit'

The parameters are [M] in the rules reference, so they are a `WeighInRules` value with the IJF
defaults; a national federation passes its own (`WeighInRules(clothing_allowance_kg=...)`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from ippon.tournament.categories import Weight, WeightClass, format_kg, to_kg

__all__ = ["IJF", "Kind", "Verdict", "WeighInRules", "check"]


class Kind(StrEnum):
    OFFICIAL = "official"
    RANDOM = "random"


@dataclass(frozen=True, slots=True)
class WeighInRules:
    """`official_tolerance_kg`: how far over the limit the official weigh-in accepts (IJF: 0).
    `random_tolerance_pct`: at the random weigh-in, how far over the limit in percent of the
    limit (IJF: 5). `clothing_allowance_kg`: deducted from the scale reading before comparing
    (IJF: 0, athletes weigh in underwear). `check_lower_limit`: also refuse athletes at or under
    the next lighter limit (open question in RULES §15.9; off by default)."""

    official_tolerance_kg: Decimal = Decimal(0)
    random_tolerance_pct: Decimal = Decimal(5)
    clothing_allowance_kg: Decimal = Decimal(0)
    check_lower_limit: bool = False

    def __post_init__(self) -> None:
        for name in ("official_tolerance_kg", "random_tolerance_pct", "clothing_allowance_kg"):
            value = Decimal(getattr(self, name))
            if value < 0:
                raise ValueError(f"{name} must not be negative (got {value})")
            object.__setattr__(self, name, value)


IJF = WeighInRules()


@dataclass(frozen=True, slots=True)
class Verdict:
    """`accepted`, the figures behind it, and a sentence for the weigh-in official.
    `margin_kg` is how far under the allowed maximum the counted weight is (negative = over)."""

    accepted: bool
    kind: Kind
    scale_kg: Decimal
    counted_kg: Decimal
    allowed_kg: Decimal | None
    margin_kg: Decimal | None
    message: str


def check(weight: Weight, weight_class: WeightClass, kind: Kind = Kind.OFFICIAL,
          rules: WeighInRules = IJF) -> Verdict:
    """Check a scale reading against a weight class at the official or the random weigh-in."""
    scale = to_kg(weight)
    counted = scale - rules.clothing_allowance_kg
    reading = f"{format_kg(scale)} kg"
    if rules.clothing_allowance_kg:
        reading += (f" less {format_kg(rules.clothing_allowance_kg)} kg clothing allowance "
                    f"= {format_kg(counted)} kg")
    # The open class starts above its own limit whatever the data says about the class below.
    lower = weight_class.limit_kg if weight_class.open else weight_class.lower_kg
    if rules.check_lower_limit and lower is not None and counted <= lower:
        return Verdict(False, kind, scale, counted, None, None,
                       f"{reading} is not over {format_kg(lower)} kg, the lower "
                       f"limit of {weight_class.name}")
    if weight_class.open:
        return Verdict(True, kind, scale, counted, None, None,
                       f"{reading}: accepted in {weight_class.name} (no upper limit)")
    allowed, limit_text = _allowed(weight_class, kind, rules)
    margin = allowed - counted
    if margin < 0:
        message = f"{reading} is {format_kg(-margin)} kg over {limit_text}"
    else:
        message = f"{reading} is within {limit_text} ({format_kg(margin)} kg to spare)"
    return Verdict(margin >= 0, kind, scale, counted, allowed, margin, message)


def _allowed(weight_class: WeightClass, kind: Kind, rules: WeighInRules) -> tuple[Decimal, str]:
    limit = weight_class.limit_kg
    if kind is Kind.OFFICIAL:
        if not rules.official_tolerance_kg:
            return limit, f"the {weight_class.name} limit"
        allowed = limit + rules.official_tolerance_kg
        return allowed, (f"the {weight_class.name} limit with its "
                         f"{format_kg(rules.official_tolerance_kg)} kg tolerance")
    # A scale shows at best 10 g, so the percentage maximum is cut to 10 g (never rounded up).
    allowed = (limit * (1 + rules.random_tolerance_pct / 100)).quantize(
        Decimal("0.01"), rounding=ROUND_DOWN)
    return allowed, (f"the random weigh-in maximum of {format_kg(allowed)} kg "
                     f"({weight_class.name} + {format_kg(rules.random_tolerance_pct)} %)")
