from __future__ import annotations

import pytest

from ippon.rules import (
    Cancel,
    Event,
    Hajime,
    HansokuMake,
    Hantei,
    LogFormatError,
    Mate,
    Medical,
    Score,
    dump_log,
    parse_log,
)


def test_parses_every_field_and_counts_blank_lines() -> None:
    text = (
        '{"at": 0, "type": "hajime"}\n'
        "\n"
        '{"at": 41.3, "type": "score", "side": "white", "value": "waza-ari", '
        '"reason": "uchi-mata"}\n'
        '{"at": 50, "type": "hansoku-make", "side": "blue", "kind": "direct-spirit"}\n'
        '{"at": 51, "type": "hantei", "flags": ["white", "white", "blue"]}\n'
        '{"at": 52, "type": "cancel", "target": 3}\n'
    )
    assert parse_log(text) == [
        Hajime(0.0, 1),
        Score(41.3, 3, "white", "waza-ari", "uchi-mata"),
        HansokuMake(50.0, 4, "blue", "direct-spirit"),
        Hantei(51.0, 5, ("white", "white", "blue")),
        Cancel(52.0, 6, 3),
    ]


def test_unknown_fields_are_ignored() -> None:
    assert parse_log('{"at": 1, "type": "mate", "mat": 3}') == [Mate(1.0, 1)]


def test_crlf_and_unicode_line_separators() -> None:
    text = '{"at": 0, "type": "hajime"}\r\n{"at": 1, "type": "medical", "side": "blue", ' \
           '"reason": "nose\u2028bleed"}\r\n'
    assert parse_log(text) == [Hajime(0.0, 1), Medical(1.0, 2, "blue", "nose\u2028bleed")]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"at": 1, "type": "hajime"', "not valid JSON"),
        ('[1, 2]', "JSON object"),
        ('{"at": 1}', "'type' is missing"),
        ('{"at": 1, "type": "kata-guruma"}', "unknown event type 'kata-guruma'"),
        ('{"type": "hajime"}', "needs the field 'at'"),
        ('{"at": "soon", "type": "hajime"}', "'at' must be a number"),
        ('{"at": -1, "type": "hajime"}', "'at' must be a number"),
        ('{"at": true, "type": "hajime"}', "'at' must be a number"),
        ('{"at": 1, "type": "shido"}', "needs the field 'side'"),
        ('{"at": 1, "type": "shido", "side": "red"}', "side must be one of white, blue"),
        ('{"at": 1, "type": "score", "side": "blue"}', "needs the field 'value'"),
        ('{"at": 1, "type": "score", "side": "blue", "value": "chui"}', "value must be one of"),
        ('{"at": 1, "type": "hansoku-make", "side": "blue", "kind": "grave"}', "kind must be"),
        ('{"at": 1, "type": "hantei", "flags": ["white", "blue"]}', "three sides"),
        ('{"at": 1, "type": "cancel", "target": 0}', "target must be a line number"),
        ('{"at": 1, "type": "cancel", "target": "2"}', "target must be a line number"),
        ('{"at": 1, "type": "mate", "reason": 7}', "'reason' must be text"),
    ],
)
def test_malformed_lines_name_the_line(line: str, message: str) -> None:
    with pytest.raises(LogFormatError, match=message) as error:
        parse_log('{"at": 0, "type": "hajime"}\n\n' + line + "\n")
    assert error.value.line == 3
    assert str(error.value).startswith("line 3: ")


def test_time_must_not_go_backwards() -> None:
    with pytest.raises(LogFormatError, match="goes backwards") as error:
        parse_log('{"at": 5, "type": "hajime"}\n{"at": 4, "type": "mate"}\n')
    assert error.value.line == 2


def test_dump_then_parse_round_trips_with_the_same_lines() -> None:
    events: list[Event] = [Hajime(0.0, 1), Score(12.5, 2, "blue", "yuko", "o-goshi"),
              HansokuMake(20.0, 5, "white"), Hantei(30.0, 6, ("blue", "blue", "white")),
              Cancel(31.0, 7, 2)]
    text = dump_log(events)
    assert text.splitlines()[2] == ""
    assert parse_log(text) == events


def test_dump_refuses_lines_out_of_order() -> None:
    with pytest.raises(ValueError, match="comes after"):
        dump_log([Hajime(0.0, 2), Mate(1.0, 2)])


def test_empty_log() -> None:
    assert parse_log("") == []
    assert dump_log([]) == ""
