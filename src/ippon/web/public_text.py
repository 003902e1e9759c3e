"""The public pages' words for what the services give as codes: round names, places not known
yet, times, and the category sheet (whose drawing the reports build in English) in the
visitor's language. Judo terms (how a contest was won) are left as the IJF writes them."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from typing import Any

import jinja2

from ippon.i18n import DEFAULT, LANGUAGES, gettext
from ippon.reports.brackets import CategorySheet, Drawing, PoolTable
from ippon.services.public import Fighter, Waiting


def N_(message: str) -> str:
    """Marks a message for the catalogues (`scripts/i18n-extract`); it is looked up when a
    page is rendered, in that page's language."""
    return message


# Round codes of the competition systems -> the message shown.

ROUNDS = {
    "F": N_("Final"), "SF": N_("Semi-final"), "QF": N_("Quarter-final"),
    "REP": N_("Repechage"), "REP F": N_("Repechage final"), "BRONZE": N_("Bronze medal contest"),
    "GF": N_("Grand final"), "POOL": N_("Pool"), "BO3": N_("Best of three"),
}
SYSTEMS = {
    "Elimination with IJF repechage": N_("Elimination with IJF repechage"),
    "Double repechage": N_("Double repechage"), "Full repechage": N_("Full repechage"),
    "Single elimination": N_("Single elimination"),
    "Double elimination": N_("Double elimination"), "Round robin": N_("Round robin"),
    "Two pools, crossed semi-finals": N_("Two pools, crossed semi-finals"),
    "Best of three": N_("Best of three"),
}
STATUSES = {"registered": N_("not weighed in yet"), "weighed": N_("weighed in"),
            "withdrawn": N_("withdrawn")}
# The English words of the reports' drawings, and the message for each pattern.
_HEADINGS = {
    "Final": N_("Final"), "Semi-final": N_("Semi-final"), "Quarter-final": N_("Quarter-final"),
    "Repechage": N_("Repechage"), "Repechage final": N_("Repechage final"),
    "Bronze": N_("Bronze medal contest"), "Grand final": N_("Grand final"), "Pool": N_("Pool"),
    "Best of three": N_("Best of three"), "Bronze medal": N_("Bronze medal"),
    "Winner": N_("Winner"), "Final rounds": N_("Final rounds"),
    "Semi-finals and final": N_("Semi-finals and final"),
}
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Round of (?P<n>\d+)$"), N_("Round of %(n)s")),
    (re.compile(r"^Repechage and bronze medal contest (?P<n>\d+)$"),
     N_("Repechage and bronze medal contest %(n)s")),
    (re.compile(r"^loser of (?P<round>.+) (?P<n>\d+)$"), N_("loser of contest %(n)s")),
    (re.compile(r"^winner of (?P<n>\d+)$"), N_("winner of contest %(n)s")),
    (re.compile(r"^beaten by winner of (?P<n>\d+)$"),
     N_("beaten by the winner of contest %(n)s")),
    (re.compile(r"^Lines (?P<first>\d+)–(?P<last>\d+)$"), N_("Lines %(first)s–%(last)s")),
    (re.compile(r"^Pool (?P<pool>[A-Z])$"), N_("Pool %(pool)s")),
    (re.compile(r"^(?P<round>.+) contest (?P<n>\d+)$"), N_("%(round)s, contest %(n)s")),
]


def translate_label(text: str, lang: str) -> str:
    """A label of the reports' drawings in `lang`; text it does not know stays as it is (a
    pool rank "A1", a judo term)."""
    if text in _HEADINGS:
        return gettext(lang, _HEADINGS[text])
    for pattern, message in _PATTERNS:
        found = pattern.match(text)
        if found:
            values = found.groupdict()
            if "round" in values:
                values["round"] = translate_label(values["round"], lang)
            return gettext(lang, message, **values)
    return text


def round_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    if code in ROUNDS:
        return gettext(lang, ROUNDS[code])
    if code.startswith("R") and code[1:].isdigit():
        return gettext(lang, N_("Round of %(n)s"), n=code[1:])
    if code.startswith("POOL "):
        return gettext(lang, N_("Pool %(pool)s"), pool=code[5:])
    return code  # W1, L3 … of double elimination read as they are


def place_text(place: Fighter | Waiting | None, lang: str) -> str:
    """Who is on a place, or what it waits for."""
    if place is None:
        return gettext(lang, N_("to be decided"))
    if isinstance(place, Fighter):
        return place.name
    if place.kind == "rank":
        return gettext(lang, N_("rank %(rank)s of pool %(pool)s"), rank=place.rank,
                       pool=place.pool)
    message = {"winner": N_("winner of contest %(n)s"), "loser": N_("loser of contest %(n)s"),
               "beaten": N_("beaten by the winner of contest %(n)s")}[place.kind]
    text = gettext(lang, message, n=place.contest)
    if place.between:
        text += f" ({' – '.join(place.between)})"
    return text


def ordinal(place: int, lang: str) -> str:
    return gettext(lang, N_("Place %(place)s"), place=place)


def clock(moment: datetime | None) -> str:
    """Hours and minutes in the server's time zone (the venue's); the page's script shows the
    same instant in the visitor's own zone."""
    return "" if moment is None else moment.astimezone().strftime("%H:%M")


def localise_sheet(sheet: CategorySheet, lang: str) -> CategorySheet:
    """The category sheet with its drawings' words in `lang`."""
    if lang == DEFAULT:
        return sheet

    def drawing(d: Drawing | None) -> Drawing | None:
        if d is None:
            return None
        return dataclasses.replace(
            d, title=translate_label(d.title, lang),
            headings=tuple(dataclasses.replace(h, text=translate_label(h.text, lang))
                           for h in d.headings),
            marks=tuple(dataclasses.replace(m, hint=translate_label(m.hint, lang))
                        if m.hint else m for m in d.marks))

    def pool(p: PoolTable) -> PoolTable:
        return dataclasses.replace(p, name=translate_label(p.name, lang))

    parts = tuple(d for d in (drawing(p) for p in sheet.parts) if d is not None)
    others = tuple(d for d in (drawing(o) for o in sheet.others) if d is not None)
    system = gettext(lang, SYSTEMS[sheet.system]) if sheet.system in SYSTEMS else sheet.system
    return dataclasses.replace(sheet, parts=parts, main=drawing(sheet.main), others=others,
                               pools=tuple(pool(p) for p in sheet.pools), system=system)


def _lang(context: jinja2.runtime.Context) -> str:
    lang = context.get("lang", DEFAULT)
    return lang if lang in LANGUAGES else DEFAULT


def install(env: jinja2.Environment) -> None:
    """Filters for the public templates, each in the render's language."""

    @jinja2.pass_context
    def round_filter(context: jinja2.runtime.Context, code: str | None) -> str:
        return round_name(code, _lang(context))

    @jinja2.pass_context
    def place_filter(context: jinja2.runtime.Context, place: Any) -> str:
        return place_text(place, _lang(context))

    @jinja2.pass_context
    def ordinal_filter(context: jinja2.runtime.Context, place: int) -> str:
        return ordinal(place, _lang(context))

    @jinja2.pass_context
    def status_filter(context: jinja2.runtime.Context, status: str) -> str:
        return gettext(_lang(context), STATUSES[status]) if status in STATUSES else status

    env.filters.update(round_name=round_filter, place=place_filter, ordinal=ordinal_filter,
                       entry_status=status_filter, clock=clock,
                       mm=lambda value: f"{value:.2f}mm")
