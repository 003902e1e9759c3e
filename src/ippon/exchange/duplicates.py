"""Likely duplicates: the same person entered twice, or entered again though already registered.

Two rows are likely the same athlete when their names are the same once case, accents, umlaut
spellings (Müller, Mueller), spaces and word order are set aside, they were born the same year
(and on the same day, where both give the day), and their clubs are the same the same way. The
organiser decides; nothing here removes a row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ippon.exchange.countries import normalise
from ippon.exchange.rows import AthleteRow

__all__ = ["Duplicate", "find_duplicates", "person_key"]

_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae",
                                "ø": "oe", "å": "aa"})


def _words(text: str) -> list[str]:
    return [w for w in (normalise(part) for part in
                        text.casefold().translate(_TRANSLITERATE).replace("-", " ").split()) if w]


def person_key(row: AthleteRow) -> tuple[tuple[str, ...], int | None, str]:
    """What two rows of one person share: their name words in any order, birth year, club."""
    names = tuple(sorted(_words(row.surname) + _words(row.given_name)))
    return names, row.birth_year, "".join(_words(row.club))


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Rows of the file (`rows`, in file order) and athletes already registered (`existing`)
    that look like one person."""

    rows: tuple[AthleteRow, ...]
    existing: tuple[AthleteRow, ...] = ()

    def __str__(self) -> str:
        first = (self.rows or self.existing)[0]
        born = first.birth_date or first.birth_year or "year unknown"
        who = f"{first.display_name} (born {born}, {first.club or 'no club'})"
        lines = ", ".join(str(r.line) for r in self.rows if r.line is not None)
        where = f"line{'s' if len(self.rows) > 1 else ''} {lines}" if lines else "the file"
        if self.existing:
            count = len(self.existing)
            registered = "is" if count == 1 else f"{count} times"
            return f"{who} on {where} {registered} already registered"
        return f"{who} is on {where}"


def find_duplicates(rows: Sequence[AthleteRow],
                    existing: Sequence[AthleteRow] = ()) -> tuple[Duplicate, ...]:
    """Groups of likely duplicates that involve at least one row of `rows`, in file order."""
    groups: dict[tuple[tuple[str, ...], int | None, str], tuple[list[AthleteRow],
                                                                 list[AthleteRow]]] = {}
    for row in rows:
        groups.setdefault(person_key(row), ([], []))[0].append(row)
    for row in existing:
        key = person_key(row)
        if key in groups:
            groups[key][1].append(row)
    found: list[Duplicate] = []
    for new, old in groups.values():
        for part_new, part_old in _split_by_day(new, old):
            if part_new and len(part_new) + len(part_old) > 1:
                found.append(Duplicate(tuple(part_new), tuple(part_old)))
    return tuple(found)


def _split_by_day(new: list[AthleteRow], old: list[AthleteRow]
                  ) -> list[tuple[list[AthleteRow], list[AthleteRow]]]:
    """Rows of one key, split by birth day where rows disagree on it; a row that gives only the
    year could be any of them and joins each part."""
    days = sorted({r.birth_date for r in new + old if r.birth_date is not None})
    if len(days) <= 1:
        return [(new, old)]
    parts: dict[object, tuple[list[AthleteRow], list[AthleteRow]]] = defaultdict(
        lambda: ([], []))
    for day in days:
        for side, rows in enumerate((new, old)):
            parts[day][side].extend(r for r in rows if r.birth_date in (day, None))
    return list(parts.values())
