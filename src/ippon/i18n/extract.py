"""The messages of ippon's pages, found in their sources: Jinja2 templates (`_`, `gettext`,
`ngettext`, `{% trans %}`), Python modules (`N_("…")`, a message looked up later) and the
mat pages' scripts (`_("…")` in `static/mat/*.js`, whose words the page's start-up JSON brings:
`script_messages()`).

`python -m ippon.i18n.extract` (or `scripts/i18n-extract`) brings every language's catalogue up
to date: new messages are added untranslated, messages no longer used are dropped, and the
translations already there are kept. The catalogue test fails until every message is translated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

from ippon.i18n import DOMAIN, LANGUAGES

PACKAGE = Path(__file__).resolve().parents[1]  # src/ippon
LOCALES = Path(__file__).resolve().parent / "locales"
# Where translated messages live: templates (relative to src/ippon) and Python modules.
TEMPLATES = ("web/templates/public", "web/templates/mat")
MODULES = ("web/public_text.py", "web/mat_text.py")
# Scripts that write words by themselves, as `_("…")` (placeholders `%(name)s`).
SCRIPTS = ("web/static/mat",)


def _files() -> Iterator[tuple[str, Path]]:
    for folder in TEMPLATES:
        for path in sorted((PACKAGE / folder).glob("*.html")):
            yield "jinja2", path
    for module in MODULES:
        yield "python", PACKAGE / module
    for folder in SCRIPTS:
        for path in sorted((PACKAGE / folder).glob("*.js")):
            yield "javascript", path


Found = tuple[int, str | tuple[str, ...], list[str], str | None]


def _extract_script(path: Path) -> Iterator[Found]:
    with path.open("rb") as handle:
        for line, message, comments, context in extract(
                "javascript", handle, keywords={"_": None},
                options={"parse_template_string": "true"}):
            if isinstance(message, str):  # `_` takes one message, no plurals
                yield line, message, comments, context


@cache
def script_messages() -> tuple[str, ...]:
    """The messages the mat pages' scripts write, for `ippon.i18n.for_script`."""
    found: dict[str, None] = {}
    for folder in SCRIPTS:
        for path in sorted((PACKAGE / folder).glob("*.js")):
            found.update((str(message), None) for _, message, _, _ in _extract_script(path))
    return tuple(found)


def messages() -> Catalog:
    """Every message of the sources, with where it is used."""
    catalog = Catalog(project="ippon", domain=DOMAIN, fuzzy=False)
    for kind, path in _files():
        where = str(path.relative_to(PACKAGE))
        with path.open("rb") as handle:
            found: Iterable[Found]
            if kind == "jinja2":
                found = extract(babel_extract, handle, keywords=DEFAULT_KEYWORDS,  # type: ignore[arg-type]
                                options={"extensions": "jinja2.ext.i18n",
                                         "trim_blocks": "true", "lstrip_blocks": "true"})
            elif kind == "javascript":
                found = _extract_script(path)
            else:
                found = extract("python", handle, keywords={"N_": None})
            for line, message, comments, context in found:
                catalog.add(message, None, [(where, line)], auto_comments=comments,
                            context=context)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def update() -> dict[str, int]:
    """Bring every catalogue up to date; returns how many messages each lacks."""
    template = messages()
    missing: dict[str, int] = {}
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang, domain=DOMAIN)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, domain=DOMAIN, project="ippon")
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, ignore_obsolete=True, width=100, omit_header=False)
        missing[lang] = sum(1 for m in catalog if m.id and not _translated(m.string))
    return missing


def _translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


if __name__ == "__main__":
    for lang, count in update().items():
        print(f"{lang}: {count} message(s) to translate in {po_path(lang)}")
