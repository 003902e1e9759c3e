"""Categories: the IJF tables of RULES §10.1, age groups by year, assignment, and table errors."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ippon.tournament.categories import (
    AgeError,
    CategoryError,
    Sex,
    TableError,
    WeightError,
    assign,
    available_tables,
    load_table,
    parse_table,
    to_kg,
)

SENIOR_MEN = ["-60 kg", "-66 kg", "-73 kg", "-81 kg", "-90 kg", "-100 kg", "+100 kg"]
SENIOR_WOMEN = ["-48 kg", "-52 kg", "-57 kg", "-63 kg", "-70 kg", "-78 kg", "+78 kg"]


def names(table: str, sex: str) -> list[str]:
    return [c.weight_class.name for c in load_table(table).categories(sex)]


def test_shipped_tables() -> None:
    assert available_tables() == ["ijf-cadets", "ijf-juniors", "ijf-seniors", "kids-example",
                                  "veterans"]


@pytest.mark.parametrize("table", ["ijf-seniors", "ijf-juniors"])
def test_senior_and_junior_classes(table: str) -> None:
    assert names(table, "men") == SENIOR_MEN
    assert names(table, "women") == SENIOR_WOMEN


def test_cadet_classes() -> None:
    assert names("ijf-cadets", "men") == ["-50 kg", "-55 kg", "-60 kg", "-66 kg", "-73 kg",
                                          "-81 kg", "-90 kg", "+90 kg"]
    assert names("ijf-cadets", "women") == ["-40 kg", "-44 kg", "-48 kg", "-52 kg", "-57 kg",
                                            "-63 kg", "-70 kg", "+70 kg"]


def test_veterans_use_senior_classes_in_five_year_bands() -> None:
    table = load_table("veterans")
    assert [g.names[Sex.MEN] for g in table.age_groups][:3] == ["M1", "M2", "M3"]
    assert [(g.min_age, g.max_age) for g in table.age_groups][:2] == [(30, 34), (35, 39)]
    for group in table.age_groups:
        assert [w.name for w in group.classes[Sex.MEN]] == SENIOR_MEN
        assert [w.name for w in group.classes[Sex.WOMEN]] == SENIOR_WOMEN


def test_kids_tables_step_two_to_six_kg() -> None:
    for group in load_table("kids-example").age_groups:
        for sex in Sex:
            limits = [w.limit_kg for w in group.classes[sex]]
            steps = [b - a for a, b in itertools.pairwise(limits[:-1])]  # the last is open
            assert all(2 <= s <= 6 for s in steps), (group.key, sex, steps)


@pytest.mark.parametrize(("weight", "expected"), [
    (55, "-60 kg"), (60, "-60 kg"), ("60.0", "-60 kg"), (60.05, "-66 kg"), (73, "-73 kg"),
    (73.4, "-81 kg"), (100, "-100 kg"), (100.1, "+100 kg"), (180, "+100 kg"),
])
def test_lightest_class_whose_limit_holds_the_weight(weight: float | str, expected: str) -> None:
    category = assign("men", 1995, weight, 2026, load_table("ijf-seniors"))
    assert category.weight_class.name == expected


def test_category_names_and_codes() -> None:
    seniors = load_table("ijf-seniors")
    assert assign("men", 1990, 73, 2026, seniors).name == "Seniors Men -73 kg"
    women_heavy = assign(Sex.WOMEN, 1990, 95, 2026, seniors)
    assert (women_heavy.name, women_heavy.code) == ("Seniors Women +78 kg", "w78plus")
    assert assign("m", 1990, 73, 2026, seniors).code == "m73"
    assert assign("F", 1990, 47.5, 2026, seniors).code == "w48"
    veteran = assign("women", 1984, 56, 2026, load_table("veterans"))
    assert veteran.name == "F3 Women -57 kg"
    kid = assign("boys", 2014, 33.5, 2026, load_table("kids-example"))
    assert kid.name == "U13 Boys -34 kg"


@pytest.mark.parametrize(("birth_year", "group"), [
    (2011, "Cadets U18"), (2009, "Cadets U18"),
])
def test_age_is_competition_year_minus_birth_year(birth_year: int, group: str) -> None:
    category = assign("women", birth_year, 50, 2026, load_table("ijf-cadets"))
    assert category.age_group.names[Sex.WOMEN] == group


def test_veteran_bands() -> None:
    table = load_table("veterans")
    assert assign("men", 1996, 80, 2026, table).age_group.key == "m1"  # 30
    assert assign("men", 1991, 80, 2026, table).age_group.key == "m2"  # 35
    assert assign("men", 1940, 80, 2026, table).age_group.key == "m10"  # 86, open band


def test_age_outside_the_table() -> None:
    with pytest.raises(AgeError, match=r"born in 2008 is 18 in 2026; IJF cadets \(U18\) has no "
                                       r"age group for 18 \(Cadets U18 15-17\)"):
        assign("men", 2008, 60, 2026, load_table("ijf-cadets"))
    with pytest.raises(AgeError, match="no age group for 29"):
        assign("men", 1997, 60, 2026, load_table("veterans"))
    with pytest.raises(AgeError, match="birth year 2027 is not before the competition year"):
        assign("men", 2027, 60, 2026, load_table("ijf-seniors"))


@pytest.mark.parametrize(("weight", "message"), [
    (0, "must be more than 0 kg"),
    (-3, "must be more than 0 kg"),
    ("abc", "is not a number of kilograms"),
    (float("nan"), "is not a number of kilograms"),
    (float("inf"), "is not a number of kilograms"),
    (734, r"734 kg is not plausible \(expected 5-300 kg\); was 73.4 kg meant\?"),
    (2, "not plausible"),
    (True, "is not a number of kilograms"),
])
def test_impossible_weights(weight: object, message: str) -> None:
    with pytest.raises(WeightError, match=message):
        assign("men", 1990, weight, 2026, load_table("ijf-seniors"))  # type: ignore[arg-type]


def test_unknown_sex() -> None:
    with pytest.raises(CategoryError, match="unknown sex 'x': use 'men' or 'women'"):
        assign("x", 1990, 70, 2026, load_table("ijf-seniors"))


def test_to_kg_is_exact() -> None:
    assert to_kg(73.4) == Decimal("73.4")
    assert to_kg("60") == 60


def table(**group: object) -> dict[str, object]:
    base: dict[str, object] = {"key": "g", "min_age": 10, "max_age": 12,
                               "men": ["-30", "+30"], "women": ["-30", "+30"]}
    base.update(group)
    return {"title": "T", "age_groups": [base]}


@pytest.mark.parametrize(("data", "message"), [
    (table(men=["-30", "-28", "+28"]), r"limits must increase; '-28' follows -30"),
    (table(men=["+30", "-40"]), "the open class '\\+30' must be the last one"),
    (table(men=["-30", "+35"]), r"must start at the previous limit \(30\)"),
    (table(men=["30", "+30"]), "must start with '-' \\(up to\\) or '\\+' \\(over\\)"),
    (table(men=["-x"]), "has no number of kilograms"),
    (table(men=[]), "give the weight classes as a list"),
    (table(min_age="ten"), "'min_age' must be a whole number of years"),
    (table(max_age=5), "'max_age' must be null or a whole number >= min_age"),
    ({"age_groups": []}, "'age_groups' must be a non-empty list"),
    (table(key=""), "'key' must be a non-empty string"),
])
def test_malformed_tables(data: dict[str, object], message: str) -> None:
    with pytest.raises(TableError, match=message):
        parse_table(data, "federation.json")


def test_overlapping_age_groups() -> None:
    data = table()
    data["age_groups"] = [*data["age_groups"],  # type: ignore[misc]
                          {"key": "h", "min_age": 12, "max_age": None,
                           "men": ["-50", "+50"], "women": ["-50", "+50"]}]
    with pytest.raises(TableError, match=r"age groups 'g' \(10-12\) and 'h' \(12 and over\) "
                                         "overlap"):
        parse_table(data, "federation.json")


def test_a_federation_table_without_open_class() -> None:
    data = table(men=["-30", "-35"])
    kids = parse_table(data, "federation.json")
    assert assign("men", 2015, 34, 2026, kids).weight_class.name == "-35 kg"
    with pytest.raises(WeightError, match="36 kg is over -35 kg, the heaviest g Men class of T"):
        assign("men", 2015, 36, 2026, kids)


def test_unknown_table() -> None:
    with pytest.raises(TableError, match="no category table 'ijf-masters'; available: ijf-cadets"):
        load_table("ijf-masters")


def test_the_documented_table_example_is_valid() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "draw.md").read_text(encoding="utf-8")
    example = json.loads(doc.split("```json")[1].split("```")[0])
    kids = parse_table(example, "docs/draw.md")
    assert assign("girls", 2012, 56, 2026, kids).name == "U15 Girls -57 kg"
