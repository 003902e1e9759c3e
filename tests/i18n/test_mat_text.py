"""The mat pages' words: what their scripts write comes from the catalogues, and the rules'
refusals reach the table official in the page's language."""

from __future__ import annotations

import contextlib
import json
import re

import pytest

from ippon import i18n
from ippon.i18n.extract import messages, script_messages
from ippon.rules import (
    Cancel,
    Contest,
    Event,
    Hajime,
    HansokuMake,
    IllegalEvent,
    Kiken,
    Osaekomi,
    Score,
    Shido,
    SonoMama,
    Toketa,
    Yoshi,
    get_ruleset,
)
from ippon.web import mat_text
from ippon.web.mat_pages import _boot


def refusal_of(key: str, *events: Event) -> str:
    """The rules' message refusing the last event after the others."""
    contest = Contest(get_ruleset(key))
    for event in events[:-1]:
        with contextlib.suppress(IllegalEvent):
            contest.push(event)
    with pytest.raises(IllegalEvent) as refused:
        contest.push(events[-1])
    return refused.value.message


REFUSED = [
    (Score(5.0, 1, "white", "waza-ari"),),
    (Hajime(0.0, 1), Hajime(1.0, 2)),
    (Hajime(0.0, 1), Yoshi(1.0, 2)),
    (Toketa(1.0, 1),),
    (Hajime(0.0, 1), SonoMama(1.0, 2), Osaekomi(2.0, 3, "blue")),
    (Hajime(0.0, 1), SonoMama(1.0, 2), SonoMama(2.0, 3)),
    (Hajime(0.0, 1), Osaekomi(1.0, 2, "blue"), Osaekomi(2.0, 3, "white")),
    (Hajime(0.0, 1), Score(2.0, 2, "white", "koka")),
    (Hajime(0.0, 1), Score(250.0, 2, "white", "ippon")),
    (Hajime(0.0, 1), HansokuMake(10.0, 2, "blue"), Score(11.0, 3, "white", "waza-ari")),
    (Hajime(0.0, 1), Kiken(10.0, 2, "white"), Shido(11.0, 3, "blue")),
    (Hajime(0.0, 1), Score(3.0, 2, "blue", "ippon"), Shido(4.0, 3, "white")),
    (Hajime(0.0, 1), Shido(5.0, 2, "white"), Cancel(6.0, 3, 2), Cancel(7.0, 4, 2)),
    (Hajime(0.0, 1), Cancel(2.0, 2, 9)),
]


@pytest.mark.parametrize("events", REFUSED)
def test_the_rules_refusals_are_translated(events: tuple[Event, ...]) -> None:
    english = refusal_of("ijf2018", *events)
    assert mat_text.refusal(english, "en") == english
    for lang in ("fr", "de", "es", "ja"):
        translated = mat_text.refusal(english, lang)
        assert translated != english, (lang, english)
        assert "%(" not in translated


def test_a_refusal_keeps_its_numbers_and_judo_terms() -> None:
    english = refusal_of("ijf2018", Hajime(0.0, 1), HansokuMake(10.0, 2, "blue"),
                         Score(11.0, 3, "white", "waza-ari"))
    assert mat_text.refusal(english, "fr") == (
        "Bleu a déjà hansoku-make ; le combat est terminé")
    assert mat_text.refusal(english, "ja") == "青はすでにhansoku-makeです。試合は終了しています"
    cancel = refusal_of("ijf2018", Hajime(0.0, 1), Cancel(2.0, 2, 9))
    assert mat_text.refusal(cancel, "de") == "In Zeile 9 gibt es kein Ereignis zu stornieren"
    assert mat_text.refusal("something new", "fr") == "something new"  # unknown: as it came


def test_every_refusal_is_in_the_catalogues() -> None:
    found = {m.id for m in messages() if m.id}
    for pattern, message in mat_text.REFUSALS:
        assert message in found, message
        re.compile(pattern)
        # The placeholders are the pattern's groups (a side, a method, a line …).
        assert set(re.findall(r"%\((\w+)\)s", message)) == set(re.compile(pattern).groupindex)
    for pattern, _ in mat_text.for_script("fr"):
        assert "(?P<" not in pattern
        assert pattern.startswith("^")
        assert pattern.endswith("$")


def test_the_scripts_words_come_with_the_page() -> None:
    words = script_messages()
    assert {"Contest running.", "WHITE", "%(n)s queued", "Ippon for white", "OFFLINE",
            "Not recorded: %(event)s — %(reason)s"} <= set(words)
    assert not {"ippon", "waza-ari", "shido", "hajime"} & {w.lower() for w in words}
    boot = json.loads(_boot({"id": 1, "number": 2, "name": "Mat 2"}, "fr"))
    assert boot["lang"] == "fr"
    assert boot["text"]["Contest running."] == "Combat en cours."
    assert boot["text"]["%(n)s queued"] == "%(n)s en attente"
    assert boot["countries"]["GER"] == i18n.country_name("GER", "fr") == "Allemagne"
    assert len(boot["refusals"]) == len(mat_text.REFUSALS)
