"""The organiser's pages in Chromium against a real server: import (a bad file, then a clean
one), the weigh-in desk, a draw, a schedule change and a correction.

One server for the module; each test makes its own tournament through the pages or the API,
so that the tests do not depend on each other's order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from web.server import ADMIN_PASSWORD, Server

TIMEOUT = 10_000  # ms

BAD_CSV = """Surname;Given name;Sex;Birth date;Club;Country
Müller;Anna;F;31.02.2011;JC Bonn;GER
Schmidt;Lea;F;12.05.2011;JC Köln;Germny
Weber;Mia;X;01.01.2011;JC Bonn;GER
"""

CLEAN_CSV = """Surname;Given name;Sex;Birth date;Club;Country;Category;Id
Müller;Anna;F;03.02.2011;JC Bonn;GER;U15 Girls -44 kg;DJB-1001
Schmidt;Lea;F;12.05.2011;JC Köln;GER;U15 Girls -44 kg;DJB-1002
Weber;Mia;F;01.01.2011;JC Bonn;GER;U15 Girls -44 kg;DJB-1003
Bauer;Ida;F;07.07.2011;JC Essen;NED;U15 Girls -44 kg;DJB-1004
"""


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    """A signed-in organiser's tab."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{server.base}/admin")
    assert "/admin/login" in tab.url  # no session: the sign-in page
    tab.get_by_label("Password").fill(ADMIN_PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"{server.base}/admin")
    yield tab
    assert not errors, errors
    context.close()


def new_tournament(tab: Any, name: str) -> int:
    tab.get_by_label("Name", exact=True).fill(name)
    tab.get_by_role("button", name="Create the tournament").click()
    tab.wait_for_url("**/setup?done=*")
    assert "Tournament created" in tab.get_by_role("status").inner_text()
    return int(tab.url.split("/admin/t/")[1].split("/")[0])


def upload(tab: Any, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    tab.get_by_role("link", name="Import", exact=True).click()
    tab.locator("input[name=file]").first.set_input_files(str(path))
    tab.get_by_role("button", name="Upload and map the columns").click()
    tab.get_by_role("heading", name=f"Import {name}").wait_for()


def athletes(admin: httpx.Client, tournament: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = admin.get(f"/api/tournaments/{tournament}").json().get(
        "athletes", [])
    return found


def test_a_bad_file_imports_nothing_and_shows_every_error(
        page: Any, server: Server, tmp_path: Path) -> None:
    tournament = new_tournament(page, "Bad File Cup")
    upload(page, tmp_path, "bad.csv", BAD_CSV)
    page.get_by_role("button", name="Check every row and import").click()
    page.get_by_role("heading", name="Nothing was imported").wait_for()
    rows = page.locator("#import-errors tbody tr")
    assert rows.count() == 3
    text = page.locator("#import-errors").inner_text()
    assert "31.02.2011" in text  # line 2: no such date
    assert "Germny" in text  # line 3: not a country
    assert "Sex" in text  # line 4: X is no sex
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(3)] == ["2", "3", "4"]
    page.goto(f"{server.base}/admin/t/{tournament}/athletes")
    assert "0 athletes" in page.locator("#results").inner_text()


def test_a_clean_file_imports_every_row_with_its_category(
        page: Any, server: Server, tmp_path: Path) -> None:
    tournament = new_tournament(page, "Clean File Cup")
    upload(page, tmp_path, "clean.csv", CLEAN_CSV)
    preview = page.locator("table").last.inner_text()
    assert "MÜLLER Anna" in preview
    page.get_by_role("button", name="Check every row and import").click()
    page.wait_for_url(f"**/admin/t/{tournament}/athletes?done=*")
    status = page.get_by_role("status").inner_text()
    assert "4 athletes imported" in status
    assert "U15 Girls -44 kg" in status  # the category was created from the file
    page.get_by_label("Find an athlete").fill("DJB-1003")  # a scanner types the id
    page.locator("#results").get_by_text("1 athlete match").wait_for()
    assert "WEBER Mia" in page.locator("#results").inner_text()


def post(api: httpx.Client, path: str, body: dict[str, Any]) -> int:
    answer = api.post(path, json=body)
    assert answer.status_code in (200, 201), answer.text
    return int(answer.json().get("id", 0))


def event(api: httpx.Client, name: str, athletes: int) -> dict[str, Any]:
    """A tournament with a mat, W -57 holding `athletes` athletes, and an empty W -63."""
    tid = post(api, "/api/tournaments", {"name": name, "starts_on": "2026-06-01"})
    mat = post(api, f"/api/tournaments/{tid}/mats", {"number": 1})
    light = post(api, f"/api/tournaments/{tid}/categories",
                 {"name": "W -57", "gender": "f", "max_weight": 57, "min_weight": 52})
    heavy = post(api, f"/api/tournaments/{tid}/categories",
                 {"name": "W -63", "gender": "f", "max_weight": 63, "min_weight": 57})
    ids = []
    for i in range(athletes):
        aid = post(api, f"/api/tournaments/{tid}/athletes",
                   {"family_name": f"Family{i}", "given_name": f"Given{i}", "gender": "f",
                    "birth_year": 1999, "country": ["JPN", "FRA", "BRA", "ITA"][i % 4]})
        post(api, f"/api/categories/{light}/entries", {"athlete_id": aid})
        ids.append(aid)
    return {"tournament": tid, "mat": mat, "light": light, "heavy": heavy, "athletes": ids}


def test_the_weigh_in_desk(page: Any, server: Server, admin: httpx.Client) -> None:
    e = event(admin, "Scale Cup", 3)
    page.goto(f"{server.base}/admin/t/{e['tournament']}/weigh-in")
    assert page.locator("#missing-heading").inner_text() == "Not weighed in yet: 3"
    # The scanner types the athlete's id and Enter.
    page.get_by_label("Athlete:").fill(str(e["athletes"][0]))
    page.get_by_label("Athlete:").press("Enter")
    card = page.get_by_role("region", name="FAMILY0 Given0")
    card.get_by_label("Weight (kg)").fill("58,2")
    card.get_by_role("button", name="Weigh").click()
    assert "1.2 kg over" in page.get_by_role("alert").inner_text()
    card = page.get_by_role("region", name="FAMILY0 Given0")
    card.get_by_label("Move to").select_option(label="W -63")
    card.get_by_role("button", name="Move…").click()
    page.get_by_role("heading", name="Please confirm").wait_for()
    page.get_by_role("button", name="Yes, move").click()
    assert "moved from W -57 to W -63" in page.get_by_role("status").inner_text()
    card = page.get_by_role("region", name="FAMILY0 Given0")
    card.get_by_label("Weight (kg)").fill("58.2")
    card.get_by_role("button", name="Weigh").click()
    assert "Accepted: 58.2 kg is within the -63 kg limit" in (
        page.get_by_role("status").inner_text())
    assert page.locator("#missing-heading").inner_text() == "Not weighed in yet: 2"
    # Absent: from the list of who has not weighed in, confirmed first.
    page.locator("#missing tr", has_text="FAMILY2").get_by_role("button").click()
    page.get_by_role("button", name="Yes, absent").click()
    assert "marked absent in W -57" in page.get_by_role("status").inner_text()
    assert page.locator("#missing-heading").inner_text() == "Not weighed in yet: 1"
    entries = admin.get(f"/api/categories/{e['light']}").json()["entries"]
    assert sorted(x["status"] for x in entries) == ["registered", "withdrawn"]


def test_a_draw_with_its_report_and_lock(page: Any, server: Server,
                                         admin: httpx.Client) -> None:
    e = event(admin, "Draw Cup", 8)
    page.goto(f"{server.base}/admin/t/{e['tournament']}/categories")
    page.get_by_role("link", name="W -57").click()
    page.get_by_label("Random seed").fill("7")
    page.get_by_role("button", name="Draw W -57").click()
    assert "Drawn" in page.get_by_role("status").inner_text()
    report = page.locator("#draw-report pre").inner_text()
    assert report.startswith("Draw with random seed 7.")
    assert "Every separation by country and club is met." in report
    bracket = page.locator("#bracket").inner_text()
    assert bracket.count("FAMILY") == 8  # every athlete on a line of the first round
    drawn = admin.get(f"/api/categories/{e['light']}").json()["draw"]
    assert drawn["seed"] == 7
    assert drawn["system"] == "ijf-repechage"
    page.get_by_role("button", name="Lock the draw").click()
    assert "Draw locked" in page.get_by_role("status").inner_text()
    assert page.get_by_role("button", name="Redraw").count() == 0


def test_a_schedule_change_names_the_constraint_it_breaks(
        page: Any, server: Server, admin: httpx.Client) -> None:
    e = event(admin, "Plan Cup", 8)
    post(admin, f"/api/tournaments/{e['tournament']}/mats", {"number": 2})
    post(admin, f"/api/categories/{e['light']}/draw", {"seed": 3})
    last = max(c["number"] for c in admin.get(f"/api/categories/{e['light']}").json()[
        "contests"])
    page.goto(f"{server.base}/admin/t/{e['tournament']}/schedule")
    page.get_by_label("Mat for W -57").select_option("2")  # the organiser fixes the mat
    page.get_by_role("button", name="Save mats and blocks").click()
    assert "Saved" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="Plan the day").click()
    assert "Mat 2, 09:00" in page.get_by_role("row", name="W -57 Mat 2").inner_text()
    assert "Planned: the last contest should end at" in page.get_by_role("status").inner_text()
    assert "Every constraint is met" in page.locator("#violations").inner_text()
    before = page.locator("#finish").inner_text()
    # The last contest first on the mat: it would be fought before the contests that feed it.
    move = page.locator("#move")
    move.locator("select[name=category]").select_option("W -57")
    move.get_by_label("Contest number").fill(str(last))
    move.get_by_label("At place").fill("1")
    move.locator("select[name=mat]").select_option("2")
    move.get_by_role("button", name="Move").click()
    assert "The plan now breaks" in page.get_by_role("status").inner_text()
    alert = page.locator("#violations").inner_text()
    assert f"W -57 contest {last}" in alert
    # Re-planning repairs it.
    page.get_by_role("button", name="Plan the day again").click()
    assert "Every constraint is met" in page.locator("#violations").inner_text()
    assert page.locator("#finish").inner_text() == before
    page.get_by_label("Athlete, club or country").fill("family1")
    page.get_by_label("Athlete, club or country").press("Enter")
    assert "FAMILY1 Given1" in page.locator("#etas").inner_text()


def test_a_correction_shows_its_impact_before_it_is_saved(
        page: Any, server: Server, admin: httpx.Client) -> None:
    e = event(admin, "Correction Cup", 8)
    post(admin, f"/api/categories/{e['light']}/draw", {"seed": 5})
    first_round = [c for c in admin.get(f"/api/categories/{e['light']}").json()["contests"]
                   if c["status"] == "ready"]
    for c in first_round:  # white wins every contest of the first round
        for i, command in enumerate(({"type": "hajime"},
                                     {"type": "score", "side": "white", "value": "ippon"})):
            answer = admin.post(f"/api/contests/{c['id']}/commands",
                                json={"client_id": f"{c['id']}-{i}", "command": command})
            assert answer.status_code == 200, answer.text
    first = min(first_round, key=lambda c: c["number"])
    page.goto(f"{server.base}/admin/t/{e['tournament']}/corrections")
    page.get_by_role("link", name=f"Correct contest {first['number']} of W -57").click()
    form = page.locator("#correction")
    form.get_by_label("Winner", exact=True).select_option("blue")
    form.get_by_label("Method", exact=True).select_option("ippon")
    form.get_by_label("Reason").fill("the referee's video review")
    form.get_by_role("button", name="Show what it changes").click()
    impact = page.locator("#impact").inner_text()
    assert f"{first['blue']['name']} – " in impact or f" – {first['blue']['name']}" in impact
    assert "becomes" in impact
    assert "the draw sheet of W -57" in impact
    # Nothing is saved yet.
    contest = next(c for c in admin.get(f"/api/categories/{e['light']}").json()["contests"]
                   if c["id"] == first["id"])
    assert contest["outcome"]["winner"] == "white"
    page.get_by_role("button", name="Save the correction").click()
    assert f"Corrected contest {first['number']} of W -57" in (
        page.get_by_role("status").inner_text())
    contest = next(c for c in admin.get(f"/api/categories/{e['light']}").json()["contests"]
                   if c["id"] == first["id"])
    assert contest["outcome"]["winner"] == "blue"
    audit = admin.get("/api/audit").json()
    corrected = next(a for a in audit if a["action"] == "contest.correct")
    assert corrected["before"]["outcome"]["winner"] == "white"
    assert "the referee's video review" in str(corrected["after"])
