"""Property: any tournament a `.shi` file can hold comes back unchanged from write_shi, read_shi.

What a `.shi` cannot hold is left out of the generated tournaments on purpose (see
docs/import.md): birth dates (only the year), the size of an undrawn category, the systems
without a JudoShiai counterpart, "?" as a category name (JudoShiai's "not placed")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ippon.exchange.countries import COUNTRIES
from ippon.exchange.judoshiai import read_shi, write_shi
from ippon.exchange.rows import (
    BYE,
    AthleteRow,
    CategoryRow,
    Competitor,
    MatchRow,
    Score,
    Sex,
    Slot,
    TournamentInfo,
    TournamentSnapshot,
)
from ippon.tournament.model import Side

SYSTEMS = ["", "pool", "double-pool", "best-of-three", "single-elimination", "double-repechage",
           "full-repechage"]

# Text as JudoShiai keeps it: no surrounding spaces, no NUL.
text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
               max_size=12).map(str.strip)


@st.composite
def competitor(draw: st.DrawFn, ref: int, categories: list[str]) -> Competitor:
    grams = draw(st.one_of(st.none(), st.integers(1, 400_000)))
    athlete = AthleteRow(
        surname=draw(text), given_name=draw(text), sex=draw(st.one_of(st.none(),
                                                                    st.sampled_from(Sex))),
        birth_year=draw(st.one_of(st.none(), st.integers(1900, 2030))), club=draw(text),
        country=draw(st.one_of(st.just(""), st.sampled_from(sorted(COUNTRIES)))),
        weight_kg=None if grams is None else Decimal(grams) / 1000,
        category=draw(text), external_id=draw(text),
        seed=draw(st.one_of(st.none(), st.integers(1, 8))))
    return Competitor(str(ref), athlete, draw(st.sampled_from(["", *categories])),
                      belt=draw(st.integers(0, 20)), excluded=draw(st.booleans()),
                      removed=draw(st.booleans()), comment=draw(text), coach_id=draw(text))


scores = st.builds(Score, ippon=st.integers(0, 1), waza_ari=st.integers(0, 2),
                   yuko=st.integers(0, 15), koka=st.integers(0, 15), shido=st.integers(0, 4),
                   hansoku_make=st.booleans())


@st.composite
def match(draw: st.DrawFn, category: str, number: int, refs: list[str]) -> MatchRow:
    slot: st.SearchStrategy[Slot] = st.one_of(st.none(), st.just(BYE), st.sampled_from(refs))
    outcome = draw(st.sampled_from(["none", "white", "blue", "draw"]))
    winner = {"white": Side.WHITE, "blue": Side.BLUE}.get(outcome)
    saved = draw(st.one_of(st.none(), st.integers(1, 2_000_000_000)))
    return MatchRow(
        category, number, white=draw(slot), blue=draw(slot), white_score=draw(scores),
        blue_score=draw(scores), winner=winner,
        points=draw(st.sampled_from([1, 2, 3, 5, 7, 10])) if winner else 0,
        draw=outcome == "draw", time=draw(st.one_of(st.none(), st.integers(1, 900))),
        golden_score=draw(st.booleans()),
        decided_at=None if saved is None else dt.datetime.fromtimestamp(saved, dt.UTC),
        mat=draw(st.one_of(st.none(), st.integers(1, 20))))


@st.composite
def tournaments(draw: st.DrawFn) -> TournamentSnapshot:
    names = draw(st.lists(text.filter(lambda t: t not in {"", "?"}), max_size=4, unique=True))
    refs = sorted(draw(st.sets(st.integers(10, 9999), min_size=1, max_size=12)))
    competitors = tuple(draw(competitor(ref, names)) for ref in refs)
    ref_texts = [str(r) for r in refs]
    matches: list[MatchRow] = []
    categories: list[CategoryRow] = []
    for name in names:
        numbers = draw(st.lists(st.integers(1, 300), max_size=5, unique=True))
        matches += [draw(match(name, n, ref_texts)) for n in numbers]
        places = draw(st.one_of(st.just(()), st.lists(
            st.one_of(st.none(), st.sampled_from(ref_texts)), min_size=8, max_size=8).filter(
                any).map(tuple)))
        categories.append(CategoryRow(
            name, mat=draw(st.one_of(st.none(), st.integers(1, 20))),
            group=draw(st.integers(0, 9)), system=draw(st.sampled_from(SYSTEMS)),
            athletes=draw(st.integers(1, 300)) if numbers else 0, places=places,
            team=draw(st.booleans())))
    info = TournamentInfo(
        name=draw(text), date=draw(st.one_of(st.none(), st.dates())), place=draw(text),
        start_time=draw(text), mats=draw(st.integers(0, 20)),
        properties=draw(st.dictionaries(text.filter(lambda k: k not in {
            "", "Competition", "Date", "Place", "Time", "NumTatamis"}), text, max_size=3)))
    return TournamentSnapshot(info, competitors, tuple(categories), tuple(matches))


@settings(max_examples=40, deadline=None)
@given(snapshot=tournaments())
def test_write_then_read_gives_the_same_tournament(snapshot: TournamentSnapshot) -> None:
    assert read_shi(write_shi(snapshot)) == snapshot
