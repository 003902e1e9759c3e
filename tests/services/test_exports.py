"""Exports and printing of a stored tournament: the snapshot, the files, the sheets, and the
round trip (export, import into a fresh tournament, the same tournament again)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from ippon import reports
from ippon.exchange.exporting import read_contest_logs, read_results_json
from ippon.exchange.judoshiai import read_shi
from ippon.reports.flags import FLAGS
from ippon.services import draws, exports, matches, registration, scheduling
from ippon.services.context import Services
from ippon.services.errors import Invalid, NotFound
from ippon.services.results_import import import_results
from ippon.services.scheduling import current_contest
from ippon.store import schema as t

from .conftest import ADMIN, Clock

COUNTRIES = ["JPN", "FRA", "GER", "NED", "BRA", "KOR", "GEO", "MGL"]


def built(svc: Services, clock: Clock, *, fight: bool = True) -> dict[str, int]:
    """Two mats: an 8-athlete bracket on mat 1, a pool of 4 on mat 2, every contest fought
    (ippon, waza-ari at the bell, a shido on the way), and one athlete in no category."""
    tid = registration.create_tournament(svc, ADMIN, name="Export Open", place="Köln",
                                         starts_on=date(2026, 6, 1))
    mats = [scheduling.create_mat(svc, ADMIN, tournament_id=tid, number=n) for n in (1, 2)]
    bracket = registration.create_category(svc, ADMIN, tournament_id=tid, name="M -73",
                                           gender="m", age_group="seniors", max_weight=73,
                                           min_weight=66, mat_id=mats[0])
    pool = registration.create_category(svc, ADMIN, tournament_id=tid, name="W -57",
                                        gender="f", age_group="seniors", max_weight=57,
                                        min_weight=52, mat_id=mats[1])
    for category, gender, count, light in ((bracket, "m", 8, 66.5), (pool, "f", 4, 52.5)):
        for i in range(count):
            country = COUNTRIES[i % len(COUNTRIES)]
            club = registration.create_club(svc, ADMIN, name=f"Club {gender}{i}",
                                            country=country)
            aid = registration.create_athlete(
                svc, ADMIN, tournament_id=tid, family_name=f"Müller{gender}{i}",
                given_name=f"Given{i}", gender=gender, birth_year=1999 + i, club_id=club,
                country=country)
            entry = registration.enter(svc, ADMIN, category_id=category, athlete_id=aid)
            registration.weigh_in(svc, ADMIN, entry_id=entry, weight=light + i * 0.5)
    registration.create_athlete(svc, ADMIN, tournament_id=tid, family_name="Reserve",
                                given_name="Rita", gender="f", birth_year=2001)
    draws.draw_category(svc, ADMIN, category_id=bracket, seed=42)
    draws.draw_category(svc, ADMIN, category_id=pool, seed=7)
    for mat in mats if fight else ():
        play(svc, clock, mat)
    return {"tournament": tid, "bracket": bracket, "pool": pool}


def play(svc: Services, clock: Clock, mat: int) -> None:
    for n in range(100):
        with svc.db.read() as conn:
            found = current_contest(conn, mat)
        if found is None:
            return
        side = "white" if n % 3 else "blue"
        other = "blue" if side == "white" else "white"
        if n % 2:
            script: list[dict[str, Any]] = [
                {"type": "hajime"}, {"type": "shido", "side": other},
                {"type": "score", "side": side, "value": "ippon"}]
        else:
            script = [{"type": "hajime"}, {"type": "score", "side": side, "value": "waza-ari"}]
        for k, payload in enumerate(script):
            clock.advance(10)
            matches.command(svc, ADMIN, contest_id=found["id"], client_id=f"{mat}-{n}-{k}",
                            payload=payload)
        if n % 2 == 0:
            clock.advance(300)  # the bell: yusei-gachi by waza-ari
            matches.command(svc, ADMIN, contest_id=found["id"], client_id=f"{mat}-{n}-end",
                            payload={"type": "finish"})
    raise AssertionError("the mat never ran out of contests")


@pytest.fixture
def fought(svc: Services, clock: Clock) -> dict[str, int]:
    return built(svc, clock)


def test_the_snapshot_is_the_stored_tournament(svc: Services, fought: dict[str, int]) -> None:
    with svc.db.read() as conn:
        snap = exports.snapshot(conn, fought["tournament"])
        placings = {c: draws.progress(conn, fought[c]) for c in ("bracket", "pool")}
        finished = conn.execute(sa.select(sa.func.count()).select_from(t.contests).where(
            t.contests.c.tournament_id == fought["tournament"],
            t.contests.c.status == "finished")).scalar_one()
    assert snap.info.name == "Export Open"
    assert snap.info.place == "Köln"
    assert snap.info.date == date(2026, 6, 1)
    assert snap.info.mats == 2
    assert len(snap.competitors) == 13  # 12 entries and the athlete entered nowhere
    rita = next(c for c in snap.competitors if c.athlete.surname == "Reserve")
    assert rita.category == ""
    assert rita.ref.startswith("a")
    weights = sorted(c.athlete.weight_kg for c in snap.competitors if c.category == "W -57")
    assert [str(w) for w in weights] == ["52.5", "53.0", "53.5", "54.0"]
    by_name = {c.name: c for c in snap.categories}
    bracket = placings["bracket"]
    assert bracket is not None
    assert bracket.finished
    assert by_name["M -73"].places[0] == bracket.placings[1][0]
    assert by_name["M -73"].places[1] == bracket.placings[2][0]
    assert set(by_name["M -73"].places[2:4]) == set(bracket.placings[3])
    assert by_name["M -73"].mat == 1
    assert by_name["W -57"].mat == 2
    assert by_name["W -57"].system == "pool"
    assert by_name["W -57"].athletes == 4
    decided = [m for m in snap.matches if m.winner is not None]
    assert len(decided) == finished
    assert {m.points for m in decided} <= {10, 7}
    assert 7 in {m.points for m in decided}
    assert 10 in {m.points for m in decided}
    shidos = [m for m in decided if (m.white_score.shido or m.blue_score.shido)]
    assert shidos
    assert all(m.decided_at is not None and m.time for m in decided)
    wazaari = next(m for m in decided if m.points == 7)
    winner_score = wazaari.white_score if wazaari.winner is not None and \
        wazaari.winner.value == "white" else wazaari.blue_score
    assert winner_score.waza_ari == 1


def test_every_format_reads_back(svc: Services, fought: dict[str, int]) -> None:
    tid = fought["tournament"]
    with svc.db.read() as conn:
        snap = exports.snapshot(conn, tid)
        out = {f: exports.export(conn, tid, f) for f in exports.FORMATS}
        contests_csv, name, _ = exports.export(conn, tid, "csv", table="contests")
    assert out["json"][1] == "export-open-results.json"
    assert out["shi"][1] == "export-open-judoshiai.shi"
    assert read_results_json(out["json"][0]) == snap
    placings = out["csv"][0].decode("utf-8-sig").splitlines()
    assert placings[0] == "category,place,name,club,country,ref"
    assert any(line.startswith("M -73,1,") for line in placings)
    assert name == "export-open-contests.csv"
    assert contests_csv.decode("utf-8-sig").count("\r\n") == 1 + len(snap.matches)
    assert zipfile.ZipFile(io.BytesIO(out["xlsx"][0])).namelist()
    logs = read_contest_logs(out["jsonl"][0])
    fought_contests = [m for m in snap.matches if m.winner is not None]
    assert len(logs) == len(fought_contests)
    assert all(log.events and log.white and log.blue for log in logs)
    shi = read_shi(out["shi"][0])
    assert len(shi.competitors) == len(snap.competitors)
    # JudoShiai numbers the competitors itself: compare the places by name.
    names = {c.ref: c.athlete.display_name for c in snap.competitors}
    shi_names = {c.ref: c.athlete.display_name for c in shi.competitors}
    assert [[shi_names.get(r or "") for r in c.places] for c in shi.categories] == [
        [names.get(r or "") for r in c.places + (None,) * (8 - len(c.places))]
        for c in snap.categories]


def test_unknown_tournament_and_format_are_refused(svc: Services,
                                                   fought: dict[str, int]) -> None:
    with svc.db.read() as conn:
        with pytest.raises(NotFound, match="no tournament with id 999"):
            exports.export(conn, 999, "json")
        with pytest.raises(Invalid, match="no export format 'pdf'; there are csv, xlsx"):
            exports.export(conn, fought["tournament"], "pdf")
        with pytest.raises(Invalid, match="no results table 'medals'"):
            exports.export(conn, fought["tournament"], "csv", table="medals")


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_the_sheets_print_the_stored_tournament(svc: Services, fought: dict[str, int]) -> None:
    with svc.db.read() as conn:
        model = exports.report_tournament(conn, fought["tournament"])
        pool = exports.category_draw(model, conn, fought["pool"])
        plan = exports.mat_plan(conn, fought["tournament"])
        champion = draws.progress(conn, fought["bracket"])
    assert champion is not None
    assert {c.name for c in model.categories} == {"M -73", "W -57"}
    drawn_flags = {c for c in COUNTRIES if (FLAGS / f"{c}.svg").is_file()}
    assert drawn_flags
    assert set(model.flags) == drawn_flags
    steps = list(reports.print_brackets(model))
    assert [s.done for s in steps] == [1, 2]
    assert steps[-1].pdf is not None
    text, pages = _text(steps[-1].pdf)
    assert pages == steps[-1].pages == 2
    winner = model.person(champion.placings[1][0])
    assert winner.name in text
    assert "MÜLLERF0 Given0" in text
    text, pages = _text(reports.category_pdf(model, pool))
    assert pages == 1
    assert "Round robin" in text
    assert "W -57" in text
    text, _ = _text(reports.weigh_in_pdf(model))
    assert "52.5" in text
    assert "MÜLLERM7 Given7" in text
    text, pages = _text(reports.mat_order_pdf(model, plan))
    assert pages == 2
    assert "0 contests" in text
    text, _ = _text(reports.medal_table_pdf(model))
    assert "JPN" in text or "FRA" in text
    text, pages = _text(reports.certificates_pdf(model))
    assert pages == sum(len(p) for c in model.categories
                        for place, p in c.bracket.progress.placings.items() if place <= 7)


def test_the_mat_order_before_the_first_contest(svc: Services, clock: Clock) -> None:
    ids = built(svc, clock, fight=False)
    with svc.db.read() as conn:
        model = exports.report_tournament(conn, ids["tournament"])
        plan = exports.mat_plan(conn, ids["tournament"])
    text, pages = _text(reports.mat_order_pdf(model, plan))
    assert pages == 2
    assert "M -73" in text
    assert "W -57" in text
    assert sum(len(m) for m in plan.mats) == 6 + 11  # the pool, and eight with IJF repechage
    text, _ = _text(reports.weigh_in_pdf(model, blank=True))
    assert "MÜLLERF3 Given3" in text
    assert "52.5" not in text


def test_flags_are_drawn_on_the_sheets(svc: Services, fought: dict[str, int]) -> None:
    with svc.db.read() as conn:
        model = exports.report_tournament(conn, fought["tournament"])
        plain = exports.report_tournament(conn, fought["tournament"], flags=False)
    from ippon.reports.brackets import category_sheet
    from ippon.reports.render import render_html

    pool = next(c for c in model.categories if c.name == "W -57")
    sheet = category_sheet(model, pool)
    flagged = [r for r in sheet.pools[0].rows if r.flag]
    assert flagged
    assert all(r.flag.startswith("data:image/svg+xml;base64,") for r in flagged)
    html = render_html("category.html", {"sheet": sheet})
    assert html.count('<img class="flag"') == len(flagged) + sum(1 for r in sheet.placings
                                                                 if r.flag)
    bracket = next(c for c in model.categories if c.name == "M -73")
    assert any(m.flag for d in (category_sheet(model, bracket).main,) if d for m in d.marks)
    # WeasyPrint draws the SVG flags into the page: more drawing, the same text.
    with_flags, without = reports.category_pdf(model, pool), reports.category_pdf(plain, pool)
    assert len(with_flags) > len(without)
    assert _text(with_flags)[0] == _text(without)[0]


def _tournament(svc: Services, tid: int) -> dict[str, Any]:
    """What makes a tournament the same: its athletes, categories, draws, results and placings,
    with the athletes named instead of numbered."""
    with svc.db.read() as conn:
        people = {r.id: (r.family_name, r.given_name, r.birth_year, r.country, r.club,
                         r.weight, r.status)
                  for r in conn.execute(
                      sa.select(t.entries.c.id, t.athletes.c.family_name,
                                t.athletes.c.given_name, t.athletes.c.birth_year,
                                t.athletes.c.country, t.clubs.c.name.label("club"),
                                t.entries.c.weight, t.entries.c.status)
                      .join(t.athletes, t.athletes.c.id == t.entries.c.athlete_id)
                      .outerjoin(t.clubs, t.clubs.c.id == t.athletes.c.club_id)
                      .where(t.athletes.c.tournament_id == tid))}
        athletes = sorted((r.family_name, r.given_name, r.gender, r.birth_year)
                          for r in conn.execute(sa.select(t.athletes).where(
                              t.athletes.c.tournament_id == tid)))
        categories = {}
        for c in conn.execute(sa.select(t.categories).where(
                t.categories.c.tournament_id == tid)).mappings():
            draw = conn.execute(sa.select(t.draws).where(
                t.draws.c.category_id == c["id"])).mappings().one()
            contests = [(r.number, r.status, people.get(r.white_entry_id),
                         people.get(r.blue_entry_id), r.outcome, r.event_count)
                        for r in conn.execute(sa.select(t.contests).where(
                            t.contests.c.category_id == c["id"]).order_by(t.contests.c.number))]
            found = draws.progress(conn, c["id"])
            assert found is not None
            categories[c["name"]] = {
                "definition": (c["gender"], c["age_group"], c["min_weight"], c["max_weight"],
                               c["ruleset"], c["system"]),
                "draw": (draw["seed"], draw["graph"]["system"],
                         [None if x is None else people[x] for x in draw["graph"]["lines"]]),
                "contests": contests,
                "placings": {place: [people[int(a)] for a in names]
                             for place, names in found.placings.items()}}
        tournament = conn.execute(sa.select(t.tournaments).where(
            t.tournaments.c.id == tid)).mappings().one()
        mats = conn.execute(sa.select(sa.func.count()).select_from(t.mats).where(
            t.mats.c.tournament_id == tid)).scalar_one()
    return {"tournament": (tournament["name"], tournament["place"], tournament["starts_on"],
                           tournament["ruleset"], mats),
            "athletes": athletes, "categories": categories}


def test_export_then_import_gives_the_same_tournament(svc: Services,
                                                      fought: dict[str, int]) -> None:
    tid = fought["tournament"]
    with svc.db.read() as conn:
        data, _, _ = exports.export(conn, tid, "json")
        logs, _, _ = exports.export(conn, tid, "jsonl")
        shi, _, _ = exports.export(conn, tid, "shi")
    imported = import_results(svc, ADMIN, data, logs)
    assert imported.tournament_id != tid
    assert (imported.athletes, imported.categories, imported.logs) == (13, 2, 17)
    before, after = _tournament(svc, tid), _tournament(svc, imported.tournament_id)
    assert after == before
    # Exported again, the copy gives the same results file, ids aside.
    with svc.db.read() as conn:
        again = read_results_json(exports.export(conn, imported.tournament_id, "json")[0])
        first = read_results_json(data)
        copy_shi = read_shi(exports.export(conn, imported.tournament_id, "shi")[0])
    assert _without_refs(again) == _without_refs(first)
    assert _without_refs(copy_shi) == _without_refs(read_shi(shi))


def _without_refs(snap: Any) -> Any:
    """A snapshot with competitors' refs replaced by their names (ids differ in a copy)."""
    names = {c.ref: c.athlete.display_name for c in snap.competitors}

    def ref(value: Any) -> Any:
        return names.get(value, value) if isinstance(value, str) else value

    return (snap.info,
            sorted(((c.athlete, c.category, c.excluded, c.removed) for c in snap.competitors),
                   key=repr),
            [(c.name, c.mat, c.system, c.athletes, tuple(map(ref, c.places)))
             for c in snap.categories],
            [(m.category, m.number, ref(m.white), ref(m.blue), m.white_score, m.blue_score,
              m.winner, m.points, m.time, m.golden_score, m.decided_at, m.mat)
             for m in snap.matches])


def test_an_import_without_the_ippon_part_is_refused(svc: Services,
                                                     fought: dict[str, int]) -> None:
    from ippon.exchange.exporting import results_json

    with svc.db.read() as conn:
        plain = results_json(exports.snapshot(conn, fought["tournament"]))
    with pytest.raises(Invalid, match="no \"ippon\" part"):
        import_results(svc, ADMIN, plain)
    with pytest.raises(Invalid, match="not a JSON file"):
        import_results(svc, ADMIN, b"\x00garbage")
