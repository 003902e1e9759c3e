"""Bracket sheets in the IJF repechage layout, read back from the PDF."""

from __future__ import annotations

import random
from datetime import date

import pytest

from ippon.reports import CategoryDraw, Person, Tournament, category_pdf
from ippon.reports.brackets import CategorySheet, category_sheet, fit, text_width
from ippon.reports.demo import play
from ippon.reports.flags import flag_svgs
from ippon.reports.render import ordinal

from .helpers import fonts, pages, people, preview


def tournament(count: int, system: str = "ijf-repechage", seed: int = 7,
               finish: bool = True) -> Tournament:
    roster = people(count)
    bracket = play(system, list(roster), random.Random(seed), finish=finish)
    return Tournament("European Open", date(2026, 11, 28), "Sofia", roster,
                      (CategoryDraw("Men -73 kg", bracket, mat=2),),
                      flags=flag_svgs(p.country for p in roster.values()))


@pytest.fixture(scope="module")
def played32() -> Tournament:
    return tournament(32)


@pytest.fixture(scope="module")
def pdf32(played32: Tournament) -> bytes:
    return category_pdf(played32, played32.categories[0])


def test_a_32_athlete_repechage_category_fits_one_page(pdf32: bytes) -> None:
    assert len(pages(pdf32)) == 1
    preview(pdf32, "bracket")


def test_every_athlete_is_on_the_sheet_as_surname_given(played32: Tournament,
                                                        pdf32: bytes) -> None:
    (text,) = pages(pdf32)
    for person in played32.people.values():
        assert f"{person.surname.upper()} {person.given}" in text
    assert "MÜLLER Stefan" in text
    assert "ИВАНОВ Александр" in text
    assert "佐藤 太郎" in text
    assert "Men -73 kg" in text
    assert "European Open" in text
    assert "Mat 2" in text


def test_the_placings_are_the_engines(played32: Tournament, pdf32: bytes) -> None:
    (text,) = pages(pdf32)
    progress = played32.categories[0].bracket.progress
    assert [len(progress.placings[p]) for p in (1, 2, 3, 5, 7)] == [1, 1, 2, 2, 2]
    for place, athletes in progress.placings.items():
        for athlete in athletes:
            person = played32.people[athlete]
            assert f"{ordinal(place)} {person.name} {person.country}" in text


def test_names_in_three_scripts_have_fonts_that_hold_them(pdf32: bytes) -> None:
    embedded = fonts(pdf32)
    assert "Noto-Sans-CJK-JP" in embedded, embedded  # Japanese
    assert "Noto-Sans" in embedded, embedded  # Latin and Cyrillic


def sheet(t: Tournament) -> CategorySheet:
    return category_sheet(t, t.categories[0])


def test_winners_are_carried_to_the_next_round_between_their_two_lines(
        played32: Tournament) -> None:
    view = sheet(played32)
    assert view.main is not None
    assert not view.parts
    main = view.main
    progress = played32.categories[0].bracket.progress
    by_position = {(round(m.x, 2), round(m.y, 2)): m for m in main.marks}
    for joint in main.joints:
        state = progress.contests[joint.number - 1]
        carried = by_position[(round(joint.x, 2), round((joint.top + joint.bottom) / 2, 2))]
        assert state.winner is not None
        assert carried.name == played32.people[state.winner].short
        # The winner's half of the joint is the bold one.
        assert joint.white_won == (state.winner == state.white)
        assert joint.blue_won == (state.winner == state.blue)
    assert sum(1 for m in main.marks if m.entry) == 32
    assert [m.text for m in main.margin if m.text.isalpha()] == ["A", "B", "C", "D"]
    assert [h.text for h in main.headings] == ["Round of 32", "Round of 16", "Quarter-final",
                                               "Semi-final", "Final", "Winner"]


def forms(person: Person) -> set[str]:
    return {person.name, person.short}


def test_long_names_give_way_to_the_surname_in_narrow_columns() -> None:
    person = Person("x", "Kapanadze", "Giorgi-Alexander", country="GEO")
    assert fit(person, 60, 9, keep_given=True) == ("KAPANADZE Giorgi-Alexander", "GEO", False)
    assert fit(person, 52, 9, keep_given=True) == ("KAPANADZE Giorgi-Alexander", "", False)
    assert fit(person, 48, 9, keep_given=True) == ("KAPANADZE Giorgi-Alexander", "GEO", True)
    assert fit(person, 44, 9, keep_given=True) == ("KAPANADZE Giorgi-Alexander", "", True)
    assert fit(person, 40, 9, keep_given=True) == ("KAPANADZE", "GEO", False)
    # A winner carried on reads as the surname, with the country where it fits.
    assert fit(person, 60, 9) == ("KAPANADZE", "GEO", False)
    assert fit(person, 20, 9) == ("KAPANADZE", "", False)
    assert fit(person, 18, 9) == ("KAPANADZE", "", True)
    assert fit(person, 10, 9) == ("KAPANADZE", "", True)  # cut by the sheet
    assert text_width("佐藤", 10) > text_width("SA", 10) > text_width("sa", 10)
    assert text_width("ИВАНОВ", 10) > text_width("IVANOV", 10)


def test_repechage_joins_quarter_final_losers_then_the_other_semi_final_loser(
        played32: Tournament) -> None:
    view = sheet(played32)
    progress = played32.categories[0].bracket.progress
    rounds = {s.number: s for s in progress.contests}
    assert [d.title for d in view.others] == ["Repechage A–B and bronze medal contest 33",
                                              "Repechage C–D and bronze medal contest 34"]
    quarters = [s for s in progress.contests if s.round == "QF"]
    semis = [s for s in progress.contests if s.round == "SF"]
    for drawing, (qf_a, qf_b), semi in zip(view.others, [quarters[:2], quarters[2:]],
                                           reversed(semis), strict=True):
        names = [m.name for m in drawing.marks]
        person = played32.people
        assert names[0] in forms(person[qf_a.loser or ""])
        assert names[1] in forms(person[qf_b.loser or ""])
        assert forms(person[semi.loser or ""]) & set(names)
        bronze = rounds[drawing.joints[-1].number]
        assert drawing.marks[-1].name in forms(person[bronze.winner or ""])
        assert drawing.marks[-1].champion


def test_an_unfought_bracket_shows_its_draw_and_what_each_line_waits_for() -> None:
    t = tournament(11, finish=False)
    pdf = category_pdf(t, t.categories[0])
    (text,) = pages(pdf)
    assert "Not decided yet" in text
    assert "loser of QF" in text
    view = sheet(t)
    assert view.main is not None
    entries = [m for m in view.main.marks if m.entry]
    assert len(entries) == 16
    assert sum(1 for m in entries if not m.name) == 5  # byes: empty lines
    assert sum(not j.fought for j in view.main.joints) == 5  # no contest number at a bye
    lines = t.categories[0].bracket.lines
    named = [m.name for m in entries]
    assert named == [t.people[a].name if a else "" for a in lines]
    preview(pdf, "bracket-unfought")


def test_a_64_line_bracket_takes_a_page_per_half_then_the_final_rounds() -> None:
    t = tournament(40, seed=3)
    pdf = category_pdf(t, t.categories[0])
    text = pages(pdf)
    assert len(text) == 3
    bracket = t.categories[0].bracket
    view = sheet(t)
    assert [p.title for p in view.parts] == ["Lines 1–32", "Lines 33–64"]
    for page, half in zip(text[:2], (bracket.lines[:32], bracket.lines[32:]), strict=True):
        for athlete in half:
            if athlete is not None:
                assert t.people[athlete].name in page
    champion = bracket.progress.placings[1][0]
    assert f"1st {t.people[champion].name}" in text[2]
    # The entries are on the part pages; the last page starts from the semi-final winners.
    assert view.main is not None
    assert not any(m.entry for m in view.main.marks)
