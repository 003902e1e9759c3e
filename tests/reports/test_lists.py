"""Weigh-in lists, contest order per mat, results, medal table and certificates."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

import pytest

from ippon.reports import (
    Tournament,
    certificates_pdf,
    mat_order_pdf,
    medal_table_pdf,
    results_pdf,
    weigh_in_pdf,
)
from ippon.reports.demo import demo_tournament
from ippon.reports.lists import certificates, mat_order, medal_table, weigh_in
from ippon.reports.render import ordinal
from ippon.tournament.schedule import CategoryToPlan, Plan, Problem, schedule

from .helpers import pages, preview


@pytest.fixture(scope="module")
def demo() -> Tournament:
    return demo_tournament()


def test_weigh_in_lists_a_page_per_category_in_alphabetical_order(demo: Tournament) -> None:
    chosen = demo.categories[:2]  # 32 and 13 athletes
    pdf = weigh_in_pdf(demo, chosen)
    text = pages(pdf)
    assert len(text) == 2
    preview(pdf, "weigh-in")
    for page, category, listed in zip(text, chosen, weigh_in(demo, chosen), strict=True):
        assert category.name in page
        assert "SIGNATURE" in page  # the column headings are set in capitals
        athletes = [demo.people[a] for a in category.bracket.lines if a is not None]
        assert len(listed.rows) == len(athletes)
        for person in athletes:
            assert f"{person.name} {person.club} {person.country} {person.birth_year} " \
                   f"{person.weight:.1f}" in page
        surnames = [row.name.casefold() for row in listed.rows]
        assert surnames == sorted(surnames)


def test_a_blank_weigh_in_list_leaves_the_weights_to_the_official(demo: Tournament) -> None:
    (listed,) = weigh_in(demo, demo.categories[3:4], blank=True)
    assert [row.weight for row in listed.rows] == [""] * 5
    assert all(row.born for row in listed.rows)


def plan_of(tournament: Tournament, mats: int) -> Plan:
    problem = Problem(tuple(CategoryToPlan(c.name, c.bracket, timedelta(minutes=6))
                            for c in tournament.categories), mats, datetime(2026, 11, 28, 9))
    return schedule(problem)


def test_contest_order_has_a_page_per_mat_with_times_and_names() -> None:
    fresh = demo_tournament(finished=False)
    small = Tournament(fresh.title, fresh.day, fresh.venue, fresh.people,
                       (fresh.categories[1], fresh.categories[3]))  # 13 athletes; a pool of 5
    plan = plan_of(small, 2)
    pdf = mat_order_pdf(small, plan)
    text = pages(pdf)
    assert len(text) == 2
    preview(pdf, "mat-order")
    order = mat_order(small, plan)
    assert [len(m.rows) for m in order] == [len(slots) for slots in plan.mats]
    # 13 on 16 lines: 5 first-round contests (3 byes), 4 QF, 2 REP, 2 SF, 2 bronze, 1 final;
    # and 10 pool bouts.
    assert sum(len(m.rows) for m in order) == 16 + 10
    for page, mat, slots in zip(text, order, plan.mats, strict=True):
        assert f"Mat {mat.mat}" in page
        for row, slot in zip(mat.rows, slots, strict=True):
            assert row.time == f"{slot.start:%H:%M}"
            assert row.time in page
            for athlete, shown in ((slot.white, row.white), (slot.blue, row.blue)):
                if athlete is not None:
                    assert shown == small.people[athlete].name
                    assert shown in page
                else:
                    assert shown.startswith(("winner of", "loser of"))
    assert "winner of" in " ".join(text)


def test_results_give_every_categorys_placings(demo: Tournament) -> None:
    pdf = results_pdf(demo)
    text = " ".join(pages(pdf))
    preview(pdf, "results")
    for category in demo.categories:
        assert category.name in text
        for place, athletes in category.bracket.progress.placings.items():
            for athlete in athletes:
                person = demo.people[athlete]
                assert f"{ordinal(place)} {person.name} {person.country}" in text


def test_the_medal_table_counts_gold_silver_bronze_by_country(demo: Tournament) -> None:
    rows = medal_table(demo)
    placings = [c.bracket.progress.placings for c in demo.categories]
    assert sum(r.gold for r in rows) == sum(len(p.get(1, ())) for p in placings) == 6
    assert sum(r.silver for r in rows) == 6
    assert sum(r.bronze for r in rows) == sum(len(p.get(3, ())) for p in placings)
    keys = [(-r.gold, -r.silver, -r.bronze) for r in rows]
    assert keys == sorted(keys)
    assert rows[0].rank == 1
    for before, row in pairwise(rows):
        same = (before.gold, before.silver, before.bronze) == (row.gold, row.silver, row.bronze)
        assert row.rank == (before.rank if same else rows.index(row) + 1)
    pdf = medal_table_pdf(demo)
    (text,) = pages(pdf)
    preview(pdf, "medal-table")
    for row in rows:
        assert f"{row.rank} {row.name} {row.gold} {row.silver} {row.bronze} {row.total}" in text


def test_a_certificate_for_every_placed_athlete_one_page_each(demo: Tournament) -> None:
    chosen = Tournament(demo.title, demo.day, demo.venue, demo.people, demo.categories[3:5])
    made = certificates(chosen)
    expected = sum(len(names) for c in chosen.categories
                   for place, names in c.bracket.progress.placings.items() if place <= 7)
    assert len(made) == expected == 5 + 7
    pdf = certificates_pdf(chosen)
    text = pages(pdf)
    assert len(text) == len(made)
    preview(pdf, "certificate")
    for page, certificate in zip(text, made, strict=True):
        assert certificate.name in page
        assert f"{ordinal(certificate.place)} place" in page
        assert certificate.category in page
    assert [c.medal for c in made[:3]] == ["gold", "silver", "bronze"]
    assert len(certificates(chosen, up_to=3)) == 3 + 4  # pool 1-2-3; double pool 1-2-3-3
