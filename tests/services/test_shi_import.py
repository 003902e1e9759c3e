"""Importing a JudoShiai file with draws and results: the same brackets, the results as short
contest logs whose replay is the stored outcome, the file's placings, all or nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from exchange.shi_sample import SAMPLE, drawn_sample
from ippon.exchange.judoshiai import read_shi
from ippon.services import draws, setup, shi_import
from ippon.services.context import Services
from ippon.services.errors import Invalid
from ippon.services.matches import load_contest, outcome_json
from ippon.store import schema as t

from .conftest import ADMIN


def tournament(svc: Services) -> int:
    return setup.create(svc, ADMIN, setup.Settings("Shiai Cup", date(2026, 6, 6),
                                                   date(2026, 6, 6), mats=2))


def count(svc: Services, table: sa.Table) -> int:
    with svc.db.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def names_by_entry(svc: Services, category: str) -> dict[str, str]:
    with svc.db.read() as conn:
        return {str(r.id): r.family_name for r in conn.execute(
            sa.select(t.entries.c.id, t.athletes.c.family_name)
            .join(t.athletes, t.athletes.c.id == t.entries.c.athlete_id)
            .join(t.categories, t.categories.c.id == t.entries.c.category_id)
            .where(t.categories.c.name == category))}


def category_id(svc: Services, name: str) -> int:
    with svc.db.read() as conn:
        return int(conn.execute(sa.select(t.categories.c.id)
                                .where(t.categories.c.name == name)).scalar_one())


def test_the_published_sample_gives_its_competitors_and_categories(svc: Services) -> None:
    tid = tournament(svc)
    shown = shi_import.preview(svc, tid, SAMPLE.read_bytes())
    assert shown.ok
    # 130 rows, one of them deleted (139 QWERTY, flags 1); 27 registered categories.
    assert shown.counts() == {"athletes": 129, "categories": 27, "new_categories": 27,
                              "draws": 0, "results": 0}
    assert count(svc, t.athletes) == 0  # a preview writes nothing
    done = shi_import.apply(svc, ADMIN, tid, SAMPLE.read_bytes())
    assert done.counts() == shown.counts()
    assert count(svc, t.athletes) == 129
    assert count(svc, t.categories) == 27
    with svc.db.read() as conn:
        bt44 = conn.execute(sa.select(t.categories).where(t.categories.c.name == "BT-44")
                            ).mappings().one()
        open_class = conn.execute(sa.select(t.categories).where(
            t.categories.c.name == "BT+63")).mappings().one()
    # catdef: BT is for women up to 16 (cadets); -44 is the lightest class, +63 the open one.
    assert (bt44["gender"], bt44["age_group"], bt44["min_weight"], bt44["max_weight"]) == (
        "f", "cadets", None, 44.0)
    assert (open_class["min_weight"], open_class["max_weight"]) == (63.0, None)


def test_draws_and_results_come_over_with_the_same_brackets_and_placings(
        svc: Services, tmp_path: Path) -> None:
    tid = tournament(svc)
    data = drawn_sample(tmp_path).read_bytes()
    shown = shi_import.preview(svc, tid, data)
    assert shown.ok, shown.problems
    assert shown.counts() == {"athletes": 129, "categories": 27, "new_categories": 27,
                              "draws": 2, "results": 9}
    assert any("BT-48" in n and "no counterpart" in n for n in shown.notes)
    shi_import.apply(svc, ADMIN, tid, data)
    assert count(svc, t.draws) == 2
    with svc.db.read() as conn:
        p = draws.progress(conn, category_id(svc, "BT-44"))
        lines = conn.execute(sa.select(t.draws.c.graph).join(
            t.categories, t.categories.c.id == t.draws.c.category_id)
            .where(t.categories.c.name == "BT-44")).scalar_one()["lines"]
    assert p is not None
    names = names_by_entry(svc, "BT-44")
    # The first-round rows of the file, lines 2k-1 (blue) and 2k (white); the ghost is empty.
    assert [None if e is None else names[str(e)] for e in lines] == [
        "JOHANSSON", "SVENSSON", "ANDERSEN", "IVERSEN", "VIRTANEN", "SMITH", "JONES", None]
    placings = {place: sorted(names[a] for a in who) for place, who in p.placings.items()}
    # The file's own final places (categories.pos1..pos4: 69, 36, 10, 70) are the engine's.
    snapshot = read_shi(data)
    surname = {c.ref: c.athlete.surname for c in snapshot.competitors}
    places = next(c.places for c in snapshot.categories if c.name == "BT-44")
    assert [surname[r] for r in places if r] == ["SMITH", "IVERSEN", "JOHANSSON", "JONES"]
    assert placings[1] == [surname[places[0] or ""]]
    assert placings[2] == [surname[places[1] or ""]]
    assert placings[3] == sorted(surname[r or ""] for r in places[2:4])
    assert placings[5] == ["ANDERSEN", "SVENSSON", "VIRTANEN"]
    with svc.db.read() as conn:
        pool = draws.progress(conn, category_id(svc, "AT-52"))
    assert pool is not None
    pool_names = names_by_entry(svc, "AT-52")
    assert [[pool_names[a] for a in pool.placings[k]] for k in (1, 2, 3)] == [
        ["ERIKSEN"], ["BECKER"], ["KIVIMÄKI"]]


def test_every_stored_outcome_is_the_replay_of_its_stored_log(svc: Services,
                                                              tmp_path: Path) -> None:
    tid = tournament(svc)
    shi_import.apply(svc, ADMIN, tid, drawn_sample(tmp_path).read_bytes())
    with svc.db.read() as conn:
        finished = conn.execute(sa.select(t.contests).where(
            t.contests.c.status == "finished")).mappings().all()
        assert len(finished) == 9
        for contest in finished:
            replay = load_contest(conn, dict(contest))
            state = replay.final_state()
            assert state.outcome is not None
            assert outcome_json(state.outcome, state) == contest["outcome"]
            assert contest["event_count"] == len(replay.events)
        golden = [c["outcome"] for c in finished if c["outcome"]["golden_score"]]
    # BT-44 contest 5: IVERSEN's waza-ari in golden score, at the file's 262 seconds
    # (cadets fight 240 seconds).
    assert len(golden) == 1
    assert golden[0]["method"] == "waza-ari" or golden[0]["decided_by"] == "waza-ari"
    assert golden[0]["time"] == 262.0


def test_a_result_ippon_cannot_place_refuses_the_whole_import(svc: Services,
                                                              tmp_path: Path) -> None:
    tid = tournament(svc)
    path = drawn_sample(tmp_path)
    with closing(sqlite3.connect(path)) as db:  # the final between two who never meet
        db.execute("UPDATE matches SET blue = 14 WHERE category = 10000 AND number = 7")
        db.commit()
    with pytest.raises(shi_import.ShiRefused) as refused:
        shi_import.apply(svc, ADMIN, tid, path.read_bytes())
    assert refused.value.plan.problems == (
        "BT-44, contest 7 (matches table): competitors 14 and 69 fought, but they do not "
        "meet at that point of ippon's single-elimination with the same draw (1 such "
        "contest(s) in this category).",)
    assert count(svc, t.athletes) == count(svc, t.categories) == count(svc, t.draws) == 0


def test_a_hikiwake_is_named_and_nothing_is_imported(svc: Services, tmp_path: Path) -> None:
    tid = tournament(svc)
    path = drawn_sample(tmp_path)
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE matches SET blue_points = 11, white_points = 11 "
                   "WHERE category = 10001 AND number = 2")
        db.commit()
    with pytest.raises(shi_import.ShiRefused) as refused:
        shi_import.apply(svc, ADMIN, tid, path.read_bytes())
    assert [p.split(":")[0] for p in refused.value.plan.problems] == [
        "AT-52, contest 2 (matches table)"]
    assert count(svc, t.athletes) == 0


def test_a_file_that_is_no_tournament_is_refused(svc: Services) -> None:
    tid = tournament(svc)
    with pytest.raises(Invalid, match="not a JudoShiai tournament"):
        shi_import.preview(svc, tid, b"not sqlite")
