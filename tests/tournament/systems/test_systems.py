from __future__ import annotations

import pytest

from ippon.tournament.model import SystemSizeError, UnknownSystemError
from ippon.tournament.systems import BRACKETS, BUILDERS, build, default_system


@pytest.mark.parametrize(("athletes", "system"), [
    (1, "pool"), (2, "pool"), (5, "pool"), (6, "double-pool"), (7, "double-pool"),
    (8, "ijf-repechage"), (100, "ijf-repechage"),
])
def test_default_system(athletes: int, system: str) -> None:
    assert default_system(athletes) == system


def test_default_system_is_configurable() -> None:
    table = ((2, "best-of-three"), (3, "pool"), (6, "single-elimination"))
    assert [default_system(n, table) for n in (2, 3, 5, 6, 40)] == [
        "best-of-three", "pool", "pool", "single-elimination", "single-elimination"]
    with pytest.raises(SystemSizeError, match="no competition system is configured for 1"):
        default_system(1, table)


def test_every_system_is_named_by_its_builder() -> None:
    for name, builder in BUILDERS.items():
        size = {"best-of-three": 2, "pool": 4}.get(name, 8)
        assert builder(size).name == name


def test_unknown_system() -> None:
    with pytest.raises(UnknownSystemError, match="unknown competition system 'swiss'"):
        build("swiss", 8)


@pytest.mark.parametrize("name", sorted(BRACKETS))
def test_bracket_systems_need_a_power_of_two(name: str) -> None:
    build(name, 16)
    with pytest.raises(SystemSizeError, match="needs a power of two"):
        build(name, 12)
