"""The seven IJF rules eras as data (RULES.md §2–8).

Each entry holds the parameters of one era; `ruleset.py` turns them into `Ruleset` objects and
adds the contest time from `age_groups.json`. The decision logic is the same for every era and is
steered by these flags alone: where the eras differ (penalty ladders, when shido decides, golden
score, hantei) the difference is a named parameter, not a code path. Values tagged [M] in RULES.md
are defaults a federation may change with `dataclasses.replace`."""

from __future__ import annotations

from typing import Any

_I_W_Y_K = ("ippon", "waza-ari", "yuko", "koka")
_I_W_Y = ("ippon", "waza-ari", "yuko")
_I_W = ("ippon", "waza-ari")

# §11.4: points per won contest in a pool, by the highest score the winner held.
_POINTS_2003 = {"ippon": 10, "waza-ari": 7, "yuko": 5, "koka": 3, "decision": 1}
_POINTS_2009 = {"ippon": 10, "waza-ari": 7, "yuko": 5, "koka": 0, "decision": 1}
_POINTS_2017 = {"ippon": 10, "waza-ari": 1, "yuko": 0, "koka": 0, "decision": 0}

_NONE: dict[str, Any] = {
    "penalty_ladder": (),
    "sogo_gachi": False,
    "sogo_gachi_any_order": False,
    "shido_decides_regular_time": False,
    "gs_shido_difference_decides": False,
    "gs_shido_decides": False,
    "gs_valueless_shido_decides": False,
    "gs_carry_over": True,
    "golden_score_time": None,
    "gs_same_as_contest_time": False,
    "hantei": False,
    "every_direct_hsm_excludes": False,
}

ERAS: dict[str, dict[str, Any]] = {
    "ijf2003": {
        **_NONE,
        "title": "IJF 2003–2008",
        "scores": _I_W_Y_K,
        "awasete": True,
        "osaekomi": ((10.0, "koka"), (15.0, "yuko"), (20.0, "waza-ari"), (25.0, "ippon")),
        "penalty_ladder": ("koka", "yuko", "waza-ari"),
        "hansoku_make_shido": 4,
        "sogo_gachi": True,
        "sogo_gachi_any_order": True,  # [M] the text says the penalty comes "subsequently"
        "gs_carry_over": True,  # [M] one national note says the board was reset
        "gs_same_as_contest_time": True,
        "hantei": True,
        "every_direct_hsm_excludes": True,
        "pool_points": _POINTS_2003,
    },
    "ijf2009": {
        **_NONE,
        "title": "IJF 2009–2012",
        "scores": _I_W_Y,
        "awasete": True,
        "osaekomi": ((15.0, "yuko"), (20.0, "waza-ari"), (25.0, "ippon")),
        "penalty_ladder": (None, "yuko", "waza-ari"),
        "hansoku_make_shido": 4,
        "sogo_gachi": True,
        "sogo_gachi_any_order": True,  # [M]
        "gs_valueless_shido_decides": True,  # [M]
        "golden_score_time": 180.0,
        "hantei": True,
        "pool_points": _POINTS_2009,
    },
    "ijf2013": {
        **_NONE,
        "title": "IJF 2013–2016",
        "scores": _I_W_Y,
        "awasete": True,
        "osaekomi": ((10.0, "yuko"), (15.0, "waza-ari"), (20.0, "ippon")),
        "hansoku_make_shido": 4,
        "shido_decides_regular_time": True,
        "gs_shido_difference_decides": True,
        "pool_points": _POINTS_2009,
    },
    "ijf2017": {
        **_NONE,
        "title": "IJF 2017 (test year)",
        "scores": _I_W,
        "awasete": False,
        "osaekomi": ((10.0, "waza-ari"), (20.0, "ippon")),
        "hansoku_make_shido": 3,
        "gs_shido_decides": True,  # [M] mechanism not confirmed
        "pool_points": _POINTS_2017,
    },
    "ijf2018": {
        **_NONE,
        "title": "IJF 2018–2021",
        "scores": _I_W,
        "awasete": True,
        "osaekomi": ((10.0, "waza-ari"), (20.0, "ippon")),
        "hansoku_make_shido": 3,
        "pool_points": _POINTS_2017,
    },
    "ijf2022": {
        **_NONE,
        "title": "IJF 2022–2024",
        "scores": _I_W,
        "awasete": True,
        "osaekomi": ((10.0, "waza-ari"), (20.0, "ippon")),
        "hansoku_make_shido": 3,
        "pool_points": _POINTS_2017,
    },
    "ijf2025": {
        **_NONE,
        "title": "IJF 2025–2028",
        "scores": _I_W_Y,
        "awasete": True,  # [M] Kyodo describes it as the status quo
        "osaekomi": ((5.0, "yuko"), (10.0, "waza-ari"), (20.0, "ippon")),
        "hansoku_make_shido": 3,
        "pool_points": _POINTS_2017,  # [M] yuko win = 0 points until the IJF says otherwise
    },
}
