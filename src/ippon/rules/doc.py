"""docs/rules.md, generated from the ruleset data (scripts/gen_rules_doc.py writes it; a test
fails when the file and the data differ)."""

from __future__ import annotations

from collections.abc import Callable

from ippon.rules.age_groups import age_groups
from ippon.rules.ruleset import POOL_POINT_KEYS, RULESETS, Ruleset


def _seconds(value: float | None) -> str:
    if value is None:
        return "unlimited"
    minutes, seconds = divmod(round(value), 60)
    return f"{minutes}:{seconds:02d}"


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _ladder(rules: Ruleset) -> str:
    if not rules.penalty_ladder:
        return "none"
    return ", ".join(f"{n}→{value or 'nothing'}" for n, value in enumerate(rules.penalty_ladder, 1))


def _osaekomi(rules: Ruleset) -> str:
    return ", ".join(f"{value} {seconds:g} s" for seconds, value in rules.osaekomi)


def _golden_score(rules: Ruleset) -> str:
    if rules.gs_same_as_contest_time:
        return "= contest time"
    return _seconds(rules.golden_score_time)


ROWS: tuple[tuple[str, str, Callable[[Ruleset], str]], ...] = (
    ("title", "Period", lambda r: r.title),
    ("scores", "Scores", lambda r: ", ".join(r.scores)),
    ("awasete", "Two waza-ari make ippon", lambda r: _yes(r.awasete)),
    ("osaekomi", "Osaekomi thresholds", _osaekomi),
    ("penalty_ladder", "Shido ladder (score to the opponent)", _ladder),
    ("hansoku_make_shido", "Hansoku-make at shido no.", lambda r: str(r.hansoku_make_shido)),
    ("sogo_gachi", "Sogo-gachi", lambda r: _yes(r.sogo_gachi)),
    ("sogo_gachi_any_order", "Sogo-gachi in either order [M]",
     lambda r: _yes(r.sogo_gachi_any_order)),
    ("shido_decides_regular_time", "Fewer shido wins regular time",
     lambda r: _yes(r.shido_decides_regular_time)),
    ("gs_shido_difference_decides", "Shido difference decides golden score",
     lambda r: _yes(r.gs_shido_difference_decides)),
    ("gs_shido_decides", "First shido in golden score loses [M]",
     lambda r: _yes(r.gs_shido_decides)),
    ("gs_valueless_shido_decides", "Valueless shido in golden score loses [M]",
     lambda r: _yes(r.gs_valueless_shido_decides)),
    ("gs_carry_over", "Scores carried into golden score [M]", lambda r: _yes(r.gs_carry_over)),
    ("golden_score_time", "Golden-score limit", _golden_score),
    ("hantei", "Hantei after a limited golden score", lambda r: _yes(r.hantei)),
    ("every_direct_hsm_excludes", "Every direct hansoku-make excludes",
     lambda r: _yes(r.every_direct_hsm_excludes)),
    ("contest_time", "Contest time (seniors, men)", lambda r: _seconds(r.contest_time)),
    *((f"pool_points[{key}]", f"Pool points: win by {key}",
       (lambda k: lambda r: str(r.pool_points[k]))(key)) for key in POOL_POINT_KEYS),
)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def rules_markdown() -> str:
    """The text of docs/rules.md."""
    eras = list(RULESETS.values())
    out = [
        "# Rules eras",
        "",
        "Generated from `ippon/rules/eras.py` and `ippon/rules/age_groups.json` by",
        "`scripts/gen_rules_doc.py`; do not edit by hand. The reference for every value is",
        "`RULES.md` §2–8; [M] marks a choice RULES.md could not confirm, a `Ruleset` parameter a",
        "federation may change with `dataclasses.replace`.",
        "",
        "## Parameters",
        "",
    ]
    out += _table(["Parameter", "`Ruleset` field", *[f"`{r.key}`" for r in eras]],
                  [[label, f"`{field}`", *[get(r) for r in eras]] for field, label, get in ROWS])
    out += ["", "## Age groups", "",
            "Contest time men / women, and the golden-score limit, from "
            "`Ruleset.for_age_group(group, sex)`. Values below seniors are [M].", ""]
    rows = []
    for group in age_groups():
        row = [group]
        for rules in eras:
            men, women = rules.for_age_group(group, "men"), rules.for_age_group(group, "women")
            cell = f"{_seconds(men.contest_time)} / {_seconds(women.contest_time)}"
            cell += f", GS {_seconds(men.golden_score_limit)}"
            if men.hantei:
                cell += ", hantei"
            row.append(cell)
        rows.append(row)
    out += _table(["Age group", *[f"`{r.key}`" for r in eras]], rows)
    return "\n".join(out) + "\n"
