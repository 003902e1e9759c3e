"""The numbers inside a JudoShiai `.shi` file: flags, packed scores, and competition systems.

Facts from `shared/formats/judoshiai-shi.md` and JudoShiai's public headers; see
`docs/import.md` for what ippon maps and what it leaves alone.
"""

from __future__ import annotations

from ippon.exchange.rows import Score, Sex

__all__ = [
    "CATEGORY_DELETED", "CATEGORY_TEAM", "CATEGORY_TEAM_EVENT", "DELETED", "FEMALE",
    "FIRST_CATEGORY", "FIRST_COMPETITOR", "GHOST", "GOLDEN_SCORE", "HANSOKU_MAKE", "HIKIWAKE",
    "MALE", "NONE",
    "describe_system", "knockout_lines", "pack_score", "points_for", "sex_from_flags",
    "sex_to_flags", "system_codes", "system_name", "unpack_score",
]

# Competitor `deleted` bits.
DELETED = 0x01
HANSOKU_MAKE = 0x02
MALE = 0x80
FEMALE = 0x100

# Category `deleted` bits.
CATEGORY_DELETED = 0x01
CATEGORY_TEAM = 0x04
CATEGORY_TEAM_EVENT = 0x08

# Competitor indices in `matches`: 0 nobody (yet), 1 a ghost (bye). Real competitors start at
# 10 in files JudoShiai makes; categories at 10000.
NONE = 0
GHOST = 1
FIRST_COMPETITOR = 10
FIRST_CATEGORY = 10000

HIKIWAKE = 11
GOLDEN_SCORE = 0x100  # bit 8 of `legend`


def sex_from_flags(flags: int) -> Sex | None:
    if flags & MALE and not flags & FEMALE:
        return Sex.MEN
    if flags & FEMALE and not flags & MALE:
        return Sex.WOMEN
    return None


def sex_to_flags(sex: Sex | None) -> int:
    return {Sex.MEN: MALE, Sex.WOMEN: FEMALE, None: 0}[sex]


def unpack_score(packed: int) -> Score:
    """ippon << 16 | waza-ari << 12 | yuko << 8 | koka << 4 | shido, with 8 in the shido nibble
    for hansoku-make."""
    shido_nibble = packed & 0xF
    return Score(ippon=(packed >> 16) & 0xF, waza_ari=(packed >> 12) & 0xF,
                 yuko=(packed >> 8) & 0xF, koka=(packed >> 4) & 0xF,
                 shido=shido_nibble & 0x7, hansoku_make=bool(shido_nibble & 0x8))


def pack_score(score: Score) -> int:
    fields = (score.ippon, score.waza_ari, score.yuko, score.koka)
    if any(not 0 <= n <= 15 for n in fields) or not 0 <= score.shido <= 7:
        raise ValueError(f"{score} does not fit JudoShiai's score digits")
    return ((score.ippon << 16) | (score.waza_ari << 12) | (score.yuko << 8) | (score.koka << 4)
            | score.shido | (0x8 if score.hansoku_make else 0))


def points_for(score: Score) -> int:
    """JudoShiai's result class for a winner with this scoreboard, when none was given:
    10 ippon, 7 waza-ari, 5 yuko, 3 koka, otherwise 1 (a decision)."""
    for count, points in ((score.ippon, 10), (score.waza_ari, 7), (score.yuko, 5),
                          (score.koka, 3)):
        if count:
            return points
    return 1


# SYSTEM_* of a drawn category; knockout tables 3..8 for 8..256 lines.
_SYSTEM_POOL, _SYSTEM_DPOOL, _SYSTEM_BEST_OF_3 = 1, 2, 11
_KNOCKOUTS = range(3, 9)
# TABLE_* of a knockout, and CAT_SYSTEM_* (the requested system, `wishsys`), for the systems
# whose JudoShiai counterpart is certain. The others are left for JudoShiai to choose.
_TABLES = {"full-repechage": 0, "single-elimination": 4, "double-repechage": 7}
_WISHES = {"pool": 1, "double-pool": 2, "full-repechage": 3, "single-elimination": 7,
           "double-repechage": 11, "best-of-three": 18}


def system_name(system: int, table: int, wish: int) -> str:
    """ippon's name for a category's system: the drawn one, else the requested one; "" if ippon
    has no such system or the file leaves the choice to JudoShiai."""
    if system == _SYSTEM_POOL:
        return "pool"
    if system == _SYSTEM_DPOOL:
        return "double-pool"
    if system == _SYSTEM_BEST_OF_3:
        return "best-of-three"
    if system in _KNOCKOUTS:
        return next((name for name, code in _TABLES.items() if code == table), "")
    if system == 0:
        return next((name for name, code in _WISHES.items() if code == wish), "")
    return ""


def system_codes(name: str, athletes: int, drawn: bool) -> tuple[int, int, int, int]:
    """(system, numcomp, table, wishsys) for a category. An undrawn category only carries the
    wish; a drawn one also the system, sized by its athletes."""
    wish = _WISHES.get(name, 0)
    if not drawn:
        return 0, 0, 0, wish
    if name == "pool":
        return _SYSTEM_POOL, athletes, 0, wish
    if name == "double-pool":
        return _SYSTEM_DPOOL, athletes, 0, wish
    if name == "best-of-three":
        return _SYSTEM_BEST_OF_3, athletes, 0, wish
    if name in _TABLES:
        lines = 8
        while lines < athletes and lines < 256:
            lines *= 2
        return _KNOCKOUTS[lines.bit_length() - 4], athletes, _TABLES[name], wish
    return 0, athletes, 0, 0


_SYSTEM_NAMES = {1: "pool", 2: "double pool", 9: "quarter pools", 10: "double pool (variant 2)",
                 11: "best of three", 12: "double pool (variant 3)", 13: "custom system"}
_TABLE_NAMES = {0: "double repechage", 4: "no repechage", 7: "IJF double repechage"}


def knockout_lines(system: int) -> int | None:
    """The lines of a knockout table (SYSTEM 3..8: 8..256), or None for other systems."""
    return 8 << (system - 3) if system in _KNOCKOUTS else None


def describe_system(system: int, table: int) -> str:
    """JudoShiai's system in words, for a message ("knockout of 16 lines, table 2")."""
    lines = knockout_lines(system)
    if lines is not None:
        return f"knockout of {lines} lines, {_TABLE_NAMES.get(table, f'table {table}')}"
    return _SYSTEM_NAMES.get(system, f"system {system}")
