"""One cell of an entry list into one value of an athlete row, or a reason in words why not.

Each cleaner takes the cell as the file holds it (text from CSV; numbers and dates from a
spreadsheet) and returns the value or raises `Invalid` with a message that quotes the cell:
"'31/02/2011' is not a date".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ippon.exchange.countries import ioc_code, normalise
from ippon.exchange.reading import Cell
from ippon.tournament.categories import Sex, WeightError, to_kg

__all__ = ["Invalid", "birth", "country", "sex", "split_name", "text", "weight", "whole_number"]

EARLIEST_BIRTH_YEAR = 1900


class Invalid(ValueError):
    """A cell that cannot be imported; the message is for the organiser."""


def text(cell: Cell) -> str:
    """A cell as text: spaces tidied; whole numbers without '.0' (Excel stores ids as numbers)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return " ".join(str(cell).split())


_SEXES: dict[str, Sex] = {
    normalise(word): Sex.MEN for word in (
        "m", "male", "man", "men", "boy", "boys", "h", "homme", "hommes", "masculin", "garçon",
        "hombre", "masculino", "männlich", "mann", "herren", "junge", "jungen", "maschile",
        "mannlich",
    )
} | {
    normalise(word): Sex.WOMEN for word in (
        "w", "f", "female", "woman", "women", "girl", "girls", "femme", "femmes", "féminin",
        "fille", "mujer", "femenino", "weiblich", "frau", "damen", "mädchen", "v", "vrouw",
        "kvinna", "k", "femminile",
    )
}


def sex(cell: Cell) -> Sex | None:
    value = text(cell)
    if not value:
        return None
    found = _SEXES.get(normalise(value))
    if found is None:
        raise Invalid(f"'{value}' is not a sex; write M or F (men or women)")
    return found


_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_LOCAL_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})")


def birth(cell: Cell, today: dt.date, day_first: bool = True) -> tuple[dt.date | None, int | None]:
    """A birth date or a year of birth: (date, year), or (None, year) for a year alone.

    Dates are read as YYYY-MM-DD, DD.MM.YYYY, or DD/MM/YYYY (MM/DD/YYYY if not `day_first`);
    spreadsheet dates come as dates. Two-digit years are refused: 05 could be 1905 or 2005.
    """
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, None
    if isinstance(cell, dt.datetime):
        return _plausible(cell.date(), cell.year, today, text(cell))
    if isinstance(cell, dt.date):
        return _plausible(cell, cell.year, today, text(cell))
    value = text(cell)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if float(cell).is_integer() and 1000 <= cell <= 9999:
            return _plausible(None, int(cell), today, value)
        raise Invalid(f"'{value}' is not a date or a year of birth (if it shows as a date in "
                      "the spreadsheet, format the column as a date)")
    if re.fullmatch(r"\d{4}", value):
        return _plausible(None, int(value), today, value)
    iso = _ISO_DATE.fullmatch(value)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return _plausible(_date(year, month, day, value), year, today, value)
    local = _LOCAL_DATE.fullmatch(value)
    if local:
        first, separator, second, year_text = local.groups()
        if len(year_text) == 2:
            raise Invalid(f"'{value}' has a two-digit year; write the year with four digits")
        # A dot is the German and Scandinavian way and always day first.
        day_text, month_text = ((first, second) if day_first or separator == "."
                                else (second, first))
        year = int(year_text)
        return _plausible(_date(year, int(month_text), int(day_text), value), year, today, value)
    raise Invalid(f"'{value}' is not a date or a year of birth")


def _date(year: int, month: int, day: int, value: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Invalid(f"'{value}' is not a date") from None


def _plausible(date: dt.date | None, year: int, today: dt.date, value: str
               ) -> tuple[dt.date | None, int]:
    if (date is not None and date > today) or year > today.year:
        raise Invalid(f"'{value}' is in the future")
    if year < EARLIEST_BIRTH_YEAR:
        raise Invalid(f"'{value}' is not a plausible year of birth")
    return date, year


def country(cell: Cell) -> str:
    value = text(cell)
    if not value:
        return ""
    code = ioc_code(value)
    if code is None:
        raise Invalid(f"'{value}' is not a country ippon knows; write its IOC code "
                      "(for example GER, NED, JPN)")
    return code


_KG_SUFFIX = re.compile(r"\s*kg\.?$", re.IGNORECASE)


def weight(cell: Cell) -> Decimal | None:
    """A weight in kilograms: 73.4, '73,4', '73.4 kg'."""
    value = text(cell)
    if not value:
        return None
    if isinstance(cell, bool):
        raise Invalid(f"'{value}' is not a weight in kilograms")
    try:
        number = Decimal(_KG_SUFFIX.sub("", value).replace(",", "."))
    except InvalidOperation:
        raise Invalid(f"'{value}' is not a weight in kilograms") from None
    try:
        return to_kg(number)
    except WeightError as error:
        raise Invalid(f"'{value}': {error}") from None


def whole_number(cell: Cell, what: str) -> int | None:
    """A whole number from 1, or None for blank or 0 (seed numbers: 0 means none)."""
    value = text(cell)
    if not value:
        return None
    if isinstance(cell, bool) or not re.fullmatch(r"\d+", value):
        raise Invalid(f"'{value}' is not a {what} (a whole number from 1)")
    number = int(value)
    return number or None


def split_name(full: str) -> tuple[str, str]:
    """(surname, given name) from one name column: 'MÜLLER Anna', 'Anna MÜLLER' or 'Müller, Anna'.

    The surname is the run of upper-case words at either end; a comma puts it first. Anything
    else is ambiguous and refused rather than guessed.
    """
    value = " ".join(full.split())
    if "," in value:
        surname, given = (part.strip() for part in value.split(",", 1))
        if surname and given:
            return surname, given
    words = value.split(" ")

    def upper(word: str) -> bool:
        letters = [c for c in word if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters) and len(letters) > 1

    flags = [upper(w) for w in words]
    if 0 < sum(flags) < len(words):
        leading = next(i for i, f in enumerate(flags) if not f)
        if leading and not any(flags[leading:]):
            return " ".join(words[:leading]), " ".join(words[leading:])
        trailing = next(i for i, f in enumerate(reversed(flags)) if not f)
        if trailing and not any(flags[:len(words) - trailing]):
            return " ".join(words[-trailing:]), " ".join(words[:-trailing])
    example = words[-1].upper() + " " + " ".join(words[:-1]) if len(words) > 1 else "SURNAME Given"
    raise Invalid(f"'{value}': cannot tell the surname from the given name; write it as "
                  f"'{example}' or 'Surname, Given', or give them in two columns")
