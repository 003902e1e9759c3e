"""The judo contest rules engine: pure, deterministic, standard library only.

    >>> from ippon.rules import Contest, get_ruleset, parse_log
    >>> contest = Contest(get_ruleset("ijf2025"))
    >>> log = '{"at": 0, "type": "hajime"}\\n{"at": 12.5, "type": "score", "side": "blue", ' \\
    ...       '"value": "ippon"}\\n'
    >>> for event in parse_log(log):
    ...     contest.push(event)
    >>> contest.outcome().method
    'ippon'
"""

from ippon.rules.errors import IllegalEvent, LogFormatError
from ippon.rules.events import (
    EVENT_TYPES,
    SCORE_VALUES,
    SIDES,
    Cancel,
    Event,
    Fusen,
    Hajime,
    HansokuMake,
    HansokuMakeKind,
    Hantei,
    Kiken,
    Mate,
    Medical,
    Osaekomi,
    Score,
    ScoreValue,
    Shido,
    Side,
    SonoMama,
    Toketa,
    Yoshi,
    opponent,
    type_name,
)
from ippon.rules.ruleset import LATEST, POOL_POINT_KEYS, RULESETS, Ruleset, get_ruleset

__all__ = [
    "EVENT_TYPES",
    "LATEST",
    "POOL_POINT_KEYS",
    "RULESETS",
    "SCORE_VALUES",
    "SIDES",
    "Cancel",
    "Event",
    "Fusen",
    "Hajime",
    "HansokuMake",
    "HansokuMakeKind",
    "Hantei",
    "IllegalEvent",
    "Kiken",
    "LogFormatError",
    "Mate",
    "Medical",
    "Osaekomi",
    "Ruleset",
    "Score",
    "ScoreValue",
    "Shido",
    "Side",
    "SonoMama",
    "Toketa",
    "Yoshi",
    "get_ruleset",
    "opponent",
    "type_name",
]
