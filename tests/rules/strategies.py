"""Hypothesis strategies for contest logs: any event type, in any order the log format allows
(non-decreasing `at`, increasing lines), legal or not, with exact-time collisions."""

from __future__ import annotations

from hypothesis import strategies as st

from ippon.rules import (
    RULESETS,
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
    Ruleset,
    Score,
    Shido,
    SonoMama,
    Toketa,
    Yoshi,
)

# Steps that hit the era thresholds (5, 10, 15, 20, 25 s) and the bell (240, 300 s) exactly.
STEPS = st.sampled_from([0.0, 0.0, 0.5, 1.0, 2.0, 3.3, 5.0, 9.0, 10.0, 15.0, 20.0, 25.0, 60.0,
                         100.0, 240.0, 300.0])
rulesets = st.sampled_from(list(RULESETS.values()))


@st.composite
def events(draw: st.DrawFn, length: int = 40, cancels: bool = True) -> list[Event]:
    """A log of up to `length` events."""
    # Weighted so that contests often live long enough for the bell, golden score and hantei;
    # the events that end a contest at once come rarely.
    kinds = ["hajime"] * 6 + ["mate"] * 4 + ["osaekomi"] * 3 + ["toketa"] * 2 + ["score"] * 3 + [
        "shido"] * 3 + ["sono-mama", "yoshi", "medical", "hantei", "hantei"]
    if cancels:
        kinds += ["cancel", "cancel"]
    final = ["hansoku-make", "kiken", "fusen"]
    out: list[Event] = []
    at = 0.0
    line = 0
    for _ in range(draw(st.integers(0, length))):
        at += draw(STEPS)
        line += draw(st.sampled_from([1, 1, 1, 2]))
        kind = draw(st.sampled_from(kinds))
        if draw(st.integers(0, 40)) == 0:
            kind = draw(st.sampled_from(final))
        side = draw(st.sampled_from(SIDES))
        event: Event
        if kind == "hajime":
            event = Hajime(at, line)
        elif kind == "mate":
            event = Mate(at, line)
        elif kind == "sono-mama":
            event = SonoMama(at, line)
        elif kind == "yoshi":
            event = Yoshi(at, line)
        elif kind == "osaekomi":
            event = Osaekomi(at, line, side)
        elif kind == "toketa":
            event = Toketa(at, line)
        elif kind == "score":
            event = Score(at, line, side, draw(st.sampled_from(SCORE_VALUES)))
        elif kind == "shido":
            event = Shido(at, line, side)
        elif kind == "hansoku-make":
            kinds_: list[HansokuMakeKind | None] = [None, "direct-spirit", "direct-technical"]
            kind_ = draw(st.sampled_from(kinds_))
            event = HansokuMake(at, line, side, kind_)
        elif kind == "kiken":
            event = Kiken(at, line, side)
        elif kind == "fusen":
            event = Fusen(at, line, side)
        elif kind == "medical":
            event = Medical(at, line, side)
        elif kind == "hantei":
            flags = (side, draw(st.sampled_from(SIDES)), draw(st.sampled_from(SIDES)))
            event = Hantei(at, line, flags)
        else:
            event = Cancel(at, line, draw(st.integers(1, max(1, line))))
        out.append(event)
    return out


__all__ = ["Ruleset", "events", "rulesets"]
