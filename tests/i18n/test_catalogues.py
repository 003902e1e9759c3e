"""Language negotiation, the catalogues (every message translated in every language) and
country names."""

from __future__ import annotations

import re

import jinja2
import pytest
from babel.messages.pofile import read_po

from ippon import i18n
from ippon.i18n.extract import messages, po_path

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize(("choice", "header", "expected"), [
    (None, None, "en"),
    (None, "fr-FR,fr;q=0.9,en;q=0.8", "fr"),
    (None, "pt-BR, es;q=0.7, de;q=0.8", "de"),  # by weight, not by order
    (None, "ja", "ja"),
    (None, "zh-CN, nl;q=0.5", "en"),  # nothing we have
    (None, "es;q=0, fr;q=0.1", "fr"),  # q=0 refuses
    (None, "de;q=nonsense, es", "es"),
    (None, "*", "en"),
    ("ja", "de", "ja"),  # the visitor's choice wins over the browser's
    ("JA", None, "ja"),
    ("xx", "es", "es"),  # a choice we do not have falls back to the browser's
])
def test_negotiation(choice: str | None, header: str | None, expected: str) -> None:
    assert i18n.negotiate(choice, header) == expected


def test_every_message_is_translated_in_every_language() -> None:
    wanted = {m.id for m in messages() if m.id}
    assert len(wanted) > 80
    for lang in i18n.LANGUAGES:
        with po_path(lang).open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        have = {m.id: m for m in catalog if m.id}
        missing = sorted(str(m) for m in wanted - have.keys())
        assert not missing, f"{lang}: not in the catalogue (run scripts/i18n-extract): {missing}"
        for msgid in wanted:
            message = have[msgid]
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), f"{lang}: {msgid!r} is not translated"
            assert not message.fuzzy, f"{lang}: {msgid!r} is fuzzy"
            source = msgid[0] if isinstance(msgid, tuple) else msgid
            for text in strings:
                # A translation uses the same placeholders: a missing one would lose a number.
                assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(source)) | {
                    "num"}, (lang, msgid, text)
                assert set(PLACEHOLDER.findall(source)) - {"num"} <= set(
                    PLACEHOLDER.findall(text)), (lang, msgid, text)


def test_catalogue_lookups_and_plurals() -> None:
    assert i18n.gettext("fr", "Mat %(n)s", n=3) == "Tapis 3"
    assert i18n.gettext("de", "Medal table") == "Medaillenspiegel"
    assert i18n.gettext("ja", "Final") == "決勝"
    assert i18n.gettext("en", "Final") == "Final"
    assert i18n.ngettext("fr", "%(num)s athlete", "%(num)s athletes", 1) == "1 athlète"
    assert i18n.ngettext("fr", "%(num)s athlete", "%(num)s athletes", 0) == "0 athlète"
    assert i18n.ngettext("de", "%(num)s athlete", "%(num)s athletes", 2) == "2 Athleten"
    assert i18n.ngettext("ja", "%(num)s athlete", "%(num)s athletes", 5) == "5人"
    with pytest.raises(ValueError, match="no catalogue"):
        i18n.catalogue("xx")


def test_judo_terms_stay_as_the_ijf_writes_them() -> None:
    # No message is a judo term: they are shown as they are, in every language.
    terms = {"ippon", "waza-ari", "yuko", "koka", "shido", "hansoku-make", "osaekomi",
             "toketa", "hajime", "mate", "sono-mama", "yoshi", "hantei", "golden score"}
    assert not {str(m.id).lower() for m in messages() if m.id} & terms


def test_country_names_are_localised_from_ioc_codes() -> None:
    assert i18n.country_name("GER", "fr") == "Allemagne"
    assert i18n.country_name("GER", "de") == "Deutschland"
    assert i18n.country_name("NED", "es") == "Países Bajos"
    assert i18n.country_name("SUI", "en") == "Switzerland"  # IOC SUI is ISO CH
    assert i18n.country_name("JPN", "ja") == "日本"
    assert i18n.country_name("POR", "de") == "Portugal"
    assert i18n.country_name("XYZ", "fr") == "XYZ"  # no country: shown as it is
    assert i18n.country_name(None, "fr") == ""


def test_templates_get_the_language_of_each_render() -> None:
    env = jinja2.Environment(autoescape=True)
    i18n.install(env)
    template = env.from_string("{{ _('Mat %(n)s', n=n) }} · {{ code|country }} · "
                               "{{ ngettext('%(num)s athlete', '%(num)s athletes', n) }}")
    assert template.render(lang="fr", n=2, code="JPN") == "Tapis 2 · Japon · 2 athlètes"
    assert template.render(lang="es", n=1, code="JPN") == "Tatami 1 · Japón · 1 deportista"
    assert template.render(lang="xx", n=1, code="JPN") == "Mat 1 · Japan · 1 athlete"
    # What a variable brings is escaped, even inside a message.
    escaped = env.from_string("{{ _('Mat %(n)s', n=n) }}").render(lang="de", n="<b>")
    assert escaped == "Matte &lt;b&gt;"


def test_words_for_a_script_come_from_the_catalogue() -> None:
    assert i18n.for_script("es", ["Live", "Reconnecting…", "not a message"]) == {
        "Live": "En directo", "Reconnecting…": "Reconectando…", "not a message": "not a message"}
