"""The public contest log: JSON Lines, one event per line (docs/contest-log.md).

Pure: `parse_log` takes the text, `dump_log` returns it. Line numbers are the physical 1-based
lines of the text; blank lines are skipped but counted, so a `cancel` can name any line as the
table official sees it. Unknown fields are ignored, so newer writers stay readable."""

from __future__ import annotations

import json
import math
from typing import Any, cast

from ippon.rules.errors import LogFormatError
from ippon.rules.events import (
    DECISION_METHODS,
    EVENT_TYPES,
    HANSOKU_MAKE_KINDS,
    SCORE_VALUES,
    SIDES,
    Cancel,
    Decision,
    Event,
    HansokuMake,
    Hantei,
    Score,
    type_name,
)

_WITH_SIDE = frozenset({"osaekomi", "score", "shido", "hansoku-make", "kiken", "fusen", "medical"})


def _field(obj: dict[str, Any], name: str, line: int, kind: str) -> Any:
    if name not in obj:
        raise LogFormatError(line, f"a {kind} event needs the field {name!r}")
    return obj[name]


def _choice(obj: dict[str, Any], name: str, line: int, kind: str, allowed: tuple[str, ...]) -> Any:
    value = _field(obj, name, line, kind)
    if value not in allowed:
        raise LogFormatError(line, f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def event_from_json(obj: object, line: int) -> Event:
    """One event from a decoded JSON object found on `line`."""
    if not isinstance(obj, dict):
        raise LogFormatError(line, "each line must be a JSON object")
    kind = obj.get("type")
    if kind is None:
        raise LogFormatError(line, "the field 'type' is missing")
    if not isinstance(kind, str) or kind not in EVENT_TYPES:
        raise LogFormatError(line, f"unknown event type {kind!r}")
    at = _field(obj, "at", line, kind)
    if isinstance(at, bool) or not isinstance(at, int | float) or not math.isfinite(at) or at < 0:
        raise LogFormatError(line, f"'at' must be a number of seconds, 0 or more, not {at!r}")
    reason = obj.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise LogFormatError(line, "'reason' must be text")
    at = float(at)
    if kind == "score":
        side = _choice(obj, "side", line, kind, SIDES)
        value = _choice(obj, "value", line, kind, SCORE_VALUES)
        return Score(at, line, side, value, reason)
    if kind == "hansoku-make":
        side = _choice(obj, "side", line, kind, SIDES)
        hsm_kind = obj.get("kind")
        if hsm_kind is not None and hsm_kind not in HANSOKU_MAKE_KINDS:
            raise LogFormatError(line, f"kind must be one of {', '.join(HANSOKU_MAKE_KINDS)}, "
                                       f"not {hsm_kind!r}")
        return HansokuMake(at, line, side, hsm_kind, reason)
    if kind == "hantei":
        flags = _field(obj, "flags", line, kind)
        if not (isinstance(flags, list) and len(flags) == 3 and all(f in SIDES for f in flags)):
            raise LogFormatError(line, "flags must be three sides, e.g. [\"white\", \"white\", "
                                       "\"blue\"]")
        return Hantei(at, line, cast(Any, tuple(flags)), reason)
    if kind == "cancel":
        target = _field(obj, "target", line, kind)
        if isinstance(target, bool) or not isinstance(target, int) or target < 1:
            raise LogFormatError(line, f"target must be a line number (1 or more), not {target!r}")
        return Cancel(at, line, target, reason)
    if kind == "decision":
        return _decision(obj, line, at, reason)
    cls: Any = EVENT_TYPES[kind]
    if kind in _WITH_SIDE:
        return cast(Event, cls(at, line, _choice(obj, "side", line, kind, SIDES), reason))
    return cast(Event, cls(at, line, reason))


def _decision(obj: dict[str, Any], line: int, at: float, reason: str | None) -> Decision:
    winner = obj.get("winner")
    if winner is None:  # void: fought again
        return Decision(at, line, None, reason=reason)
    if winner not in SIDES:
        raise LogFormatError(line, f"winner must be white, blue or null, not {winner!r}")
    method = _choice(obj, "method", line, "decision", DECISION_METHODS)
    value = obj.get("value")
    if value is not None and value not in SCORE_VALUES:
        raise LogFormatError(line, f"value must be one of {', '.join(SCORE_VALUES)}, "
                                   f"not {value!r}")
    excluded = obj.get("excluded", False)
    if not isinstance(excluded, bool):
        raise LogFormatError(line, "excluded must be true or false")
    return Decision(at, line, winner, method, value, excluded, reason)


def parse_log(text: str) -> list[Event]:
    """Every event of a contest log; LogFormatError names the first malformed line."""
    events: list[Event] = []
    last_at = 0.0
    # Physical lines end at "\n" only: JSON strings may hold other line separators (U+2028).
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as error:
            raise LogFormatError(number, f"not valid JSON ({error.msg})") from None
        event = event_from_json(obj, number)
        if event.at < last_at:
            raise LogFormatError(number, f"'at' goes backwards ({event.at:g} after {last_at:g})")
        last_at = event.at
        events.append(event)
    return events


def event_to_json(event: Event) -> dict[str, Any]:
    """The JSON object of one event, fields in the documented order."""
    obj: dict[str, Any] = {"at": event.at, "type": type_name(event)}
    side = getattr(event, "side", None)
    if side is not None:
        obj["side"] = side
    if isinstance(event, Score):
        obj["value"] = event.value
    elif isinstance(event, HansokuMake) and event.kind is not None:
        obj["kind"] = event.kind
    elif isinstance(event, Hantei):
        obj["flags"] = list(event.flags)
    elif isinstance(event, Cancel):
        obj["target"] = event.target
    elif isinstance(event, Decision):
        obj["winner"] = event.winner
        if event.winner is not None:
            obj["method"] = event.method
            obj["value"] = event.value
            obj["excluded"] = event.excluded
    if event.reason is not None:
        obj["reason"] = event.reason
    return obj


def dump_log(events: list[Event]) -> str:
    """The log text of `events`, each on the line its `line` names (gaps become blank lines)."""
    out: list[str] = []
    for event in events:
        if event.line <= len(out):
            raise ValueError(f"line {event.line} comes after line {len(out)}")
        out.extend([""] * (event.line - len(out) - 1))
        out.append(json.dumps(event_to_json(event), ensure_ascii=False))
    return "\n".join(out) + "\n" if out else ""
