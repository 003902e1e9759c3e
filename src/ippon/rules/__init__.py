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

from ippon.rules.age_groups import age_groups
from ippon.rules.contest import Contest, Rejection
from ippon.rules.errors import IllegalEvent, LogFormatError
from ippon.rules.events import (
    EVENT_TYPES,
    SCORE_VALUES,
    SIDES,
    Cancel,
    Decision,
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
from ippon.rules.log import dump_log, event_from_json, event_to_json, parse_log
from ippon.rules.ruleset import LATEST, POOL_POINT_KEYS, RULESETS, Ruleset, get_ruleset
from ippon.rules.state import Board, Method, Outcome, State, Status

__all__ = [
    "EVENT_TYPES",
    "LATEST",
    "POOL_POINT_KEYS",
    "RULESETS",
    "SCORE_VALUES",
    "SIDES",
    "Board",
    "Cancel",
    "Contest",
    "Decision",
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
    "Method",
    "Osaekomi",
    "Outcome",
    "Rejection",
    "Ruleset",
    "Score",
    "ScoreValue",
    "Shido",
    "Side",
    "SonoMama",
    "State",
    "Status",
    "Toketa",
    "Yoshi",
    "age_groups",
    "dump_log",
    "event_from_json",
    "event_to_json",
    "get_ruleset",
    "opponent",
    "parse_log",
    "type_name",
]
