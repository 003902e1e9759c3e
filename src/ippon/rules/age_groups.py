"""Loader for `age_groups.json`: contest time and golden score per age group, sex and era band.

The numbers live in data so a federation can correct them without touching code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, TypeAlias

Sex: TypeAlias = Literal["men", "women"]
SEXES: tuple[Sex, Sex] = ("men", "women")


@dataclass(frozen=True, slots=True)
class AgeGroupTimes:
    contest_time: float
    # "era": keep the era's rule; None: unlimited; a number: that many seconds.
    golden_score_time: float | Literal["era"] | None
    hantei: bool | None  # None: keep the era's rule


@cache
def _data() -> dict[str, Any]:
    text = resources.files("ippon.rules").joinpath("age_groups.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def age_groups() -> tuple[str, ...]:
    """The age groups the data file knows, e.g. ("seniors", "juniors", ...)."""
    return tuple(_data()["groups"])


def times_for(era: str, group: str, sex: str) -> AgeGroupTimes:
    """The times of `group`/`sex` in the rules band of `era`; ValueError names what is unknown."""
    data = _data()
    band = data["bands"].get(era)
    if band is None:
        raise ValueError(f"no age-group data for the ruleset {era!r}")
    groups = data["groups"]
    if group not in groups:
        raise ValueError(f"unknown age group {group!r}; known: {', '.join(groups)}")
    if sex not in SEXES:
        raise ValueError(f"unknown sex {sex!r}; use 'men' or 'women'")
    entry = groups[group][band]
    gs: float | Literal["era"] | None = "era"
    if "golden_score_time" in entry:
        raw = entry["golden_score_time"]
        gs = None if raw == "unlimited" else float(raw)
    hantei = entry.get("hantei")
    return AgeGroupTimes(float(entry[sex]), gs, None if hantei is None else bool(hantei))
