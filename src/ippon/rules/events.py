"""Contest events: one frozen, slotted dataclass per event type of the public contest log.

Every event carries `at` (seconds since the log started, as the table official's clock saw it)
and `line` (its physical 1-based line in the log, the name a `cancel` uses). `reason` is free
text kept for the audit trail; the engine never reads it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

Side: TypeAlias = Literal["white", "blue"]
ScoreValue: TypeAlias = Literal["ippon", "waza-ari", "yuko", "koka"]
HansokuMakeKind: TypeAlias = Literal["direct-spirit", "direct-technical"]

SIDES: tuple[Side, Side] = ("white", "blue")
SCORE_VALUES: tuple[ScoreValue, ...] = ("ippon", "waza-ari", "yuko", "koka")
HANSOKU_MAKE_KINDS: tuple[HansokuMakeKind, ...] = ("direct-spirit", "direct-technical")
# The methods an administrative decision may give (those of `state.Method`).
DECISION_METHODS: tuple[str, ...] = (
    "ippon", "waza-ari-awasete-ippon", "sogo-gachi", "yusei-gachi", "shido", "hantei",
    "hansoku-make", "kiken-gachi", "fusen-gachi")


def opponent(side: Side) -> Side:
    return "blue" if side == "white" else "white"


@dataclass(frozen=True, slots=True)
class Hajime:
    """Start (or restart) the contest clock; after a tie at the bell it starts golden score."""

    at: float
    line: int
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Mate:
    """Stop the clock; ends a running osaekomi."""

    at: float
    line: int
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class SonoMama:
    """Freeze the clock and a running osaekomi until `yoshi`."""

    at: float
    line: int
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Yoshi:
    """Resume what `sono-mama` froze."""

    at: float
    line: int
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Osaekomi:
    """`side` starts a hold; the hold scores by time alone."""

    at: float
    line: int
    side: Side
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Toketa:
    """The held athlete escapes: the hold ends, the clock keeps running."""

    at: float
    line: int
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Score:
    """A throw or a submission scored by `side` (holds score by time, not by this event)."""

    at: float
    line: int
    side: Side
    value: ScoreValue
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Shido:
    at: float
    line: int
    side: Side
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class HansokuMake:
    """A direct hansoku-make for `side`; accumulated ones come from the shido count."""

    at: float
    line: int
    side: Side
    kind: HansokuMakeKind | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Hantei:
    """The referee's and judges' flags after a limited golden score; the majority wins."""

    at: float
    line: int
    flags: tuple[Side, Side, Side]
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Kiken:
    """`side` withdraws or cannot continue: the opponent wins kiken-gachi."""

    at: float
    line: int
    side: Side
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Fusen:
    """`side` did not present themselves: the opponent wins fusen-gachi."""

    at: float
    line: int
    side: Side
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Medical:
    """`side` is examined or treated; recorded, never decides (RULES §9)."""

    at: float
    line: int
    side: Side
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Cancel:
    """A correction: the event on line `target` no longer counts."""

    at: float
    line: int
    target: int
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """An administrative decision after the fact (a correction, RULES §13): the contest ends
    with `winner` by `method`, replacing whatever the lines before it decided. `value` is the
    winner's highest score (for yusei-gachi, the value that decided); `excluded`: the loser is
    out of the tournament. With `winner` None the result is void: the contest starts afresh and
    is fought again, the lines before it no longer count."""

    at: float
    line: int
    winner: Side | None
    method: str | None = None
    value: ScoreValue | None = None
    excluded: bool = False
    reason: str | None = None


Event: TypeAlias = (
    Hajime | Mate | SonoMama | Yoshi | Osaekomi | Toketa | Score | Shido | HansokuMake | Hantei
    | Kiken | Fusen | Medical | Cancel | Decision
)

# The `type` field of the public log for each event class, and back.
EVENT_TYPES: dict[str, type[Event]] = {
    "hajime": Hajime,
    "mate": Mate,
    "sono-mama": SonoMama,
    "yoshi": Yoshi,
    "osaekomi": Osaekomi,
    "toketa": Toketa,
    "score": Score,
    "shido": Shido,
    "hansoku-make": HansokuMake,
    "hantei": Hantei,
    "kiken": Kiken,
    "fusen": Fusen,
    "medical": Medical,
    "cancel": Cancel,
    "decision": Decision,
}
TYPE_NAMES: dict[type[Event], str] = {cls: name for name, cls in EVENT_TYPES.items()}


def type_name(event: Event) -> str:
    """The `type` of `event` in the public log, e.g. "sono-mama"."""
    return TYPE_NAMES[type(event)]
