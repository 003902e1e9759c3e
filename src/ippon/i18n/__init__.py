"""Languages: which one a visitor gets, the gettext catalogues, and localised country names.

The catalogues are `locales/<lang>/LC_MESSAGES/ippon.po`, read with Babel when first needed (no
compile step, so a translator's edit shows on the next start). English is the source language:
its catalogue only proves that every message was looked at. Judo terms (ippon, waza-ari, shido,
hansoku-make…) are not messages: they stay as the IJF writes them in every language.

For a Jinja2 environment, `install(env)` adds the i18n extension with `_`, `gettext` and
`ngettext` that take the language from the template's `lang` variable, so one environment serves
every language at once.

    >>> negotiate(None, "de-CH,de;q=0.9,en;q=0.5")
    'de'
    >>> country_name("NED", "fr"), country_name("JPN", "ja")
    ('Pays-Bas', '日本')
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ippon.exchange.countries import COUNTRIES, ioc_code

__all__ = [
    "COOKIE",
    "DEFAULT",
    "LANGUAGES",
    "catalogue",
    "country_name",
    "for_script",
    "gettext",
    "install",
    "negotiate",
    "ngettext",
    "parse_accept_language",
]

DOMAIN = "ippon"
DEFAULT = "en"
COOKIE = "ippon_lang"
# Each language by its own name, as a visitor looks for it in the selector.
LANGUAGES: Mapping[str, str] = {"en": "English", "fr": "Français", "de": "Deutsch",
                                "es": "Español", "ja": "日本語"}


def parse_accept_language(header: str | None) -> list[str]:
    """The primary language tags of an Accept-Language header, most wanted first (a q of 0
    refuses a language; a malformed weight counts as 0)."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        if not tag:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            weighted.append((-q, position, tag.split("-")[0].split("_")[0]))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(choice: str | None, accept_language: str | None) -> str:
    """The visitor's own choice (a query parameter or the cookie) if we have that language,
    else the first language of the browser's Accept-Language that we have, else English."""
    if choice and choice.lower() in LANGUAGES:
        return choice.lower()
    for tag in parse_accept_language(accept_language):
        if tag in LANGUAGES:
            return tag
        if tag == "*":
            return DEFAULT
    return DEFAULT


@cache
def catalogue(lang: str) -> Translations:
    """The language's messages, read from its .po file once."""
    if lang not in LANGUAGES:
        raise ValueError(f"no catalogue for language {lang!r}; known: {', '.join(LANGUAGES)}")
    path = resources.files("ippon.i18n").joinpath("locales", lang, "LC_MESSAGES",
                                                  f"{DOMAIN}.po")
    with path.open("rb") as handle:
        messages = read_po(handle, locale=lang, domain=DOMAIN)
    # Compiled in memory, so no .mo file is kept in the tree; fuzzy and untranslated messages
    # are left out and fall back to the English text.
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(lang: str, message: str, **variables: Any) -> str:
    """`message` in `lang`, with %(name)s placeholders filled from `variables`."""
    text = catalogue(lang).gettext(message)
    return text % variables if variables else text


def ngettext(lang: str, singular: str, plural: str, n: int, **variables: Any) -> str:
    text = catalogue(lang).ngettext(singular, plural, n)
    return text % {"num": n, **variables}


def for_script(lang: str, messages: Iterable[str]) -> dict[str, str]:
    """English message -> its text in `lang`, for a page's start-up JSON: the words a script
    writes by itself (a status, a button it adds) come translated from the server."""
    found = catalogue(lang)
    return {message: found.gettext(message) for message in messages}


@cache
def _iso_of_ioc() -> dict[str, str]:
    """IOC code -> ISO 3166 alpha-2, by asking ippon's country table about every territory
    Babel knows (so the two tables cannot disagree)."""
    mapping: dict[str, str] = {}
    for iso in Locale("en").territories:
        if isinstance(iso, str) and len(iso) == 2 and iso.isalpha():
            ioc = ioc_code(iso)
            if ioc is not None:
                mapping.setdefault(ioc, iso)
    return mapping


def country_name(ioc: str | None, lang: str) -> str:
    """The country's name in `lang` (from Babel's locale data), by its IOC code; a code that
    is no country (a refugee team, a typo) is shown as it is."""
    if not ioc:
        return ""
    iso = _iso_of_ioc().get(ioc.upper())
    if iso is not None:
        try:
            name = Locale.parse(lang).territories.get(iso)
        except (UnknownLocaleError, ValueError):
            name = None
        if name:
            return str(name)
    return COUNTRIES.get(ioc.upper(), ioc)


# Jinja2's newstyle gettext fills the placeholders itself (escaping what they bring), so these
# only look the message up in the language of the render.
@jinja2.pass_context
def _gettext(context: jinja2.runtime.Context, message: str) -> str:
    return catalogue(_lang(context)).gettext(message)


@jinja2.pass_context
def _ngettext(context: jinja2.runtime.Context, singular: str, plural: str, n: int) -> str:
    return catalogue(_lang(context)).ngettext(singular, plural, n)


def _lang(context: jinja2.runtime.Context) -> str:
    lang = context.get("lang", DEFAULT)
    return lang if lang in LANGUAGES else DEFAULT


@jinja2.pass_context
def _country(context: jinja2.runtime.Context, ioc: str | None) -> str:
    return country_name(ioc, _lang(context))


def install(env: jinja2.Environment) -> None:
    """Give `env` gettext in the language of each render's `lang` variable: `{{ _("Mat") }}`,
    `{% trans %}…{% endtrans %}`, `ngettext`, and the filter `country` (an IOC code's name)."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        _gettext, _ngettext, newstyle=True)
    env.filters["country"] = _country
    env.globals["LANGUAGES"] = LANGUAGES
