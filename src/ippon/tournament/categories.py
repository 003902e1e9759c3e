"""Weight categories and age groups, read from data files a federation can edit (RULES §10.1).

A *table* is one JSON file under `ippon/tournament/data/categories/` (or any mapping of the same
shape, for a federation's own file): a list of age groups, each with an age range and the weight
classes for men and women. Ages count by year, as judo does: competition year minus birth year.

    >>> table = load_table("ijf-seniors")
    >>> assign("men", 1990, 73.4, 2026, table).name
    'Seniors Men -81 kg'

Weights are `Decimal` inside, so that 73.0 is exactly on the -73 kg limit and 0.1 steps do not
drift; floats, ints and strings are accepted at the door.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from importlib import resources
from typing import Any

__all__ = [
    "AgeError", "AgeGroup", "Category", "CategoryError", "CategoryTable", "Sex", "TableError",
    "WeightClass", "WeightError", "assign", "available_tables", "load_table", "parse_table",
    "to_kg",
]

Weight = float | int | str | Decimal

# Scale readings outside this range are typing mistakes (734 for 73.4, grams for kilograms).
PLAUSIBLE_KG = (Decimal(5), Decimal(300))


class CategoryError(ValueError):
    """A category cannot be found or built; the message says what to correct."""


class AgeError(CategoryError):
    """The birth year gives no age group of the table."""


class WeightError(CategoryError):
    """The weight is not a usable scale reading."""


class TableError(CategoryError):
    """A category table (data file) is malformed."""


class Sex(StrEnum):
    MEN = "men"
    WOMEN = "women"

    @classmethod
    def parse(cls, value: str | Sex) -> Sex:
        if isinstance(value, Sex):
            return value
        key = value.strip().lower()
        if key in {"men", "man", "m", "male", "boys", "boy"}:
            return cls.MEN
        if key in {"women", "woman", "w", "f", "female", "girls", "girl"}:
            return cls.WOMEN
        raise CategoryError(f"unknown sex {value!r}: use 'men' or 'women'")


def to_kg(value: Weight) -> Decimal:
    """A scale reading as an exact Decimal, refusing what no scale shows."""
    if isinstance(value, bool):
        raise WeightError(f"weight {value!r} is not a number of kilograms")
    try:
        kg = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise WeightError(f"weight {value!r} is not a number of kilograms") from None
    if not kg.is_finite():
        raise WeightError(f"weight {value!r} is not a number of kilograms")
    low, high = PLAUSIBLE_KG
    if kg <= 0:
        raise WeightError(f"weight {kg} kg must be more than 0 kg")
    if kg < low or kg > high:
        hint = f"; was {kg / 10} kg meant?" if high < kg <= high * 10 else ""
        raise WeightError(f"weight {kg} kg is not plausible (expected {low}-{high} kg){hint}")
    return kg


def format_kg(kg: Decimal) -> str:
    """'73', '73.4', '0.35': no trailing zeros, no exponent."""
    text = format(kg.normalize(), "f")
    return text


@dataclass(frozen=True, slots=True)
class WeightClass:
    """One weight class. `limit_kg` is the upper limit, or for the open class (`+100`) the
    limit it starts above. `lower_kg` is the limit of the next lighter class (exclusive), None for
    the lightest class."""

    limit_kg: Decimal
    open: bool = False
    lower_kg: Decimal | None = None

    @property
    def name(self) -> str:
        return f"{'+' if self.open else '-'}{format_kg(self.limit_kg)} kg"

    def holds(self, weight: Decimal) -> bool:
        above_lower = self.lower_kg is None or weight > self.lower_kg
        return above_lower and (self.open or weight <= self.limit_kg)


@dataclass(frozen=True, slots=True)
class AgeGroup:
    """Athletes aged `min_age`..`max_age` (inclusive; None = no upper bound) in the competition
    year. `names` gives the name per sex (veterans: M1 for men, F1 for women)."""

    key: str
    names: Mapping[Sex, str]
    min_age: int
    max_age: int | None
    classes: Mapping[Sex, tuple[WeightClass, ...]]

    def holds_age(self, age: int) -> bool:
        return self.min_age <= age and (self.max_age is None or age <= self.max_age)

    @property
    def ages(self) -> str:
        if self.max_age is None:
            return f"{self.min_age} and over"
        return f"{self.min_age}-{self.max_age}"


@dataclass(frozen=True, slots=True)
class Category:
    table: str
    age_group: AgeGroup
    sex: Sex
    weight_class: WeightClass
    sex_label: str

    @property
    def name(self) -> str:
        """'Seniors Men -73 kg', 'F2 Women +78 kg', 'U13 Boys -34 kg'."""
        return f"{self.age_group.names[self.sex]} {self.sex_label} {self.weight_class.name}"

    @property
    def code(self) -> str:
        """Short code for file names and URLs: 'm73', 'w78plus' (age group not included)."""
        wc = self.weight_class
        return f"{self.sex.value[0]}{format_kg(wc.limit_kg)}{'plus' if wc.open else ''}"


@dataclass(frozen=True, slots=True)
class CategoryTable:
    key: str
    title: str
    age_groups: tuple[AgeGroup, ...]
    sex_labels: Mapping[Sex, str]
    source: str = ""

    def age_group_for(self, age: int) -> AgeGroup | None:
        return next((g for g in self.age_groups if g.holds_age(age)), None)

    def categories(self, sex: Sex | str) -> list[Category]:
        """Every category of the table for one sex, age group by age group, light to heavy."""
        s = Sex.parse(sex)
        return [Category(self.key, group, s, wc, self.sex_labels[s])
                for group in self.age_groups for wc in group.classes[s]]


def assign(sex: Sex | str, birth_year: int, weight: Weight, competition_year: int,
           table: CategoryTable) -> Category:
    """The category of an athlete: the age group holding their age, then the lightest weight
    class whose limit holds the weight (the `+` class takes everything above the last limit)."""
    s = Sex.parse(sex)
    age = competition_year - birth_year
    if age <= 0:
        raise AgeError(f"birth year {birth_year} is not before the competition year "
                       f"{competition_year}")
    group = table.age_group_for(age)
    if group is None:
        ranges = ", ".join(f"{g.names[s]} {g.ages}" for g in table.age_groups)
        raise AgeError(f"an athlete born in {birth_year} is {age} in {competition_year}; "
                       f"{table.title} has no age group for {age} ({ranges})")
    kg = to_kg(weight)
    for wc in group.classes[s]:
        if wc.open or kg <= wc.limit_kg:
            return Category(table.key, group, s, wc, table.sex_labels[s])
    # A table without an open class (allowed, e.g. for kids' events with a maximum weight).
    heaviest = group.classes[s][-1]
    raise WeightError(f"{format_kg(kg)} kg is over {heaviest.name}, the heaviest "
                      f"{group.names[s]} {table.sex_labels[s]} class of {table.title}")


# --- data files -----------------------------------------------------------------------------

def available_tables() -> list[str]:
    """Keys of the tables shipped with ippon ('ijf-seniors', 'veterans', ...)."""
    folder = resources.files("ippon.tournament").joinpath("data", "categories")
    return sorted(p.name.removesuffix(".json") for p in folder.iterdir()
                  if p.name.endswith(".json"))


def load_table(key: str) -> CategoryTable:
    """A shipped table by key, e.g. `load_table("ijf-cadets")`."""
    if key not in available_tables():
        raise TableError(f"no category table {key!r}; available: {', '.join(available_tables())}")
    path = resources.files("ippon.tournament").joinpath("data", "categories", f"{key}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return parse_table(data, key)


def parse_table(data: Mapping[str, Any], key: str) -> CategoryTable:
    """Build a table from its JSON form; `key` names it in error messages."""
    if not isinstance(data, Mapping):
        raise TableError(f"{key}: a category table is a JSON object")
    labels = data.get("sex_labels", {"men": "Men", "women": "Women"})
    sex_labels = {s: _text(labels, s.value, key) for s in Sex}
    raw_groups = data.get("age_groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        raise TableError(f"{key}: 'age_groups' must be a non-empty list")
    groups = tuple(_parse_group(g, data, f"{key}: age group {i + 1}")
                   for i, g in enumerate(raw_groups))
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            if _overlap(a, b):
                raise TableError(f"{key}: age groups {a.key!r} ({a.ages}) and {b.key!r} "
                                 f"({b.ages}) overlap; an age must give one group")
    return CategoryTable(key, str(data.get("title", key)), groups, sex_labels,
                         str(data.get("source", "")))


def _overlap(a: AgeGroup, b: AgeGroup) -> bool:
    a_max = math.inf if a.max_age is None else a.max_age
    b_max = math.inf if b.max_age is None else b.max_age
    return a.min_age <= b_max and b.min_age <= a_max


def _text(mapping: Mapping[str, Any], name: str, where: str) -> str:
    value = mapping.get(name)
    if not isinstance(value, str) or not value:
        raise TableError(f"{where}: {name!r} must be a non-empty string")
    return value


def _parse_group(raw: Any, table: Mapping[str, Any], where: str) -> AgeGroup:
    if not isinstance(raw, Mapping):
        raise TableError(f"{where}: must be a JSON object")
    key = _text(raw, "key", where)
    where = f"{where} ({key!r})"
    name = raw.get("name", key)
    names = (dict.fromkeys(Sex, name) if isinstance(name, str)
             else {s: _text(name, s.value, f"{where} name") for s in Sex})
    min_age, max_age = raw.get("min_age"), raw.get("max_age")
    if not isinstance(min_age, int) or min_age < 0:
        raise TableError(f"{where}: 'min_age' must be a whole number of years")
    if max_age is not None and (not isinstance(max_age, int) or max_age < min_age):
        raise TableError(f"{where}: 'max_age' must be null or a whole number >= min_age")
    classes = {}
    for s in Sex:
        spec = raw.get(s.value, table.get(s.value))
        classes[s] = _parse_classes(spec, f"{where} {s.value}")
    return AgeGroup(key, names, min_age, max_age, classes)


def _parse_classes(spec: Any, where: str) -> tuple[WeightClass, ...]:
    if not isinstance(spec, Sequence) or isinstance(spec, str) or not spec:
        raise TableError(f"{where}: give the weight classes as a list like [\"-60\", \"+60\"]")
    result: list[WeightClass] = []
    lower: Decimal | None = None
    for i, item in enumerate(spec):
        text = str(item).strip()
        if text[:1] not in {"-", "+"}:
            raise TableError(f"{where}: class {text!r} must start with '-' (up to) or '+' (over)")
        try:
            limit = Decimal(text[1:])
        except InvalidOperation:
            raise TableError(f"{where}: class {text!r} has no number of kilograms") from None
        is_open = text[0] == "+"
        if is_open and i != len(spec) - 1:
            raise TableError(f"{where}: the open class {text!r} must be the last one")
        if is_open and limit != lower:
            raise TableError(f"{where}: the open class {text!r} must start at the previous "
                             f"limit ({'none' if lower is None else format_kg(lower)})")
        if not is_open and lower is not None and limit <= lower:
            raise TableError(f"{where}: limits must increase; {text!r} follows "
                             f"-{format_kg(lower)}")
        result.append(WeightClass(limit, is_open, lower))
        lower = limit
    return tuple(result)
