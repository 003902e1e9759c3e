"""The organiser's pages over HTTP against a real server: who may open them, the CSRF token on
every form, and every page rendering for a tournament with a draw and a plan."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from .server import ADMIN_PASSWORD, Server, build_event

PAGES = ("setup", "athletes", "clubs", "import", "weigh-in", "categories", "schedule",
         "corrections")


@contextmanager
def signed_in(server: Server) -> Iterator[httpx.Client]:
    """A browser-like client: the session cookie, no bearer token."""
    with httpx.Client(base_url=server.base, timeout=10) as browser:
        answer = browser.post("/api/login",
                              json={"username": "admin", "password": ADMIN_PASSWORD})
        assert answer.status_code == 200
        yield browser


def test_without_a_session_every_page_leads_to_the_sign_in(server: Server) -> None:
    for path in ("/admin", "/admin/t/1/setup", "/admin/t/1/weigh-in"):
        answer = httpx.get(server.base + path)
        assert answer.status_code == 303
        assert answer.headers["location"] == f"/admin/login?next={path}"
    login = httpx.get(f"{server.base}/admin/login")
    assert login.status_code == 200
    assert "/static/admin/signin.js" in login.text
    assert httpx.get(f"{server.base}/static/admin/htmx.min.js").text.startswith(
        "/* htmx.org 2.")


def test_every_page_renders_and_every_form_carries_the_csrf_token(server: Server) -> None:
    with server.client(server.login()) as api, signed_in(server) as browser:
        event = build_event(api, athletes=4)
        tid = event["tournament"]
        csrf = browser.get("/api/me").json()["csrf_token"]
        for name in PAGES:
            page = browser.get(f"/admin/t/{tid}/{name}")
            assert page.status_code == 200, (name, page.text)
            assert '<html lang="en">' in page.text
            for form in re.findall(r'<form method="post".*?</form>', page.text, re.S):
                assert f'name="csrf_token" value="{csrf}"' in form, (name, form[:200])
        category = browser.get(f"/admin/t/{tid}/categories/{event['category']}")
        assert "Draw report" in category.text
        assert "Draw with random seed 7." in category.text


def test_a_cookie_form_without_the_token_is_refused_and_writes_nothing(server: Server) -> None:
    with signed_in(server) as browser:
        form = {"name": "No Token Cup", "starts_on": "2026-07-01", "mats": "2",
                "rest_minutes": "10", "contest_minutes": "6", "official_tolerance_kg": "0",
                "size_0": "5", "system_0": "pool"}
        refused = browser.post("/admin/tournaments", data=form)
        assert refused.status_code == 403
        assert "No Token Cup" not in browser.get("/admin").text
        form["csrf_token"] = browser.get("/api/me").json()["csrf_token"]
        created = browser.post("/admin/tournaments", data=form)
        assert created.status_code == 303
        assert "No Token Cup" in browser.get("/admin").text


def test_a_refused_setup_says_why_and_keeps_the_page(server: Server) -> None:
    with signed_in(server) as browser:
        csrf = browser.get("/api/me").json()["csrf_token"]
        answer = browser.post("/admin/tournaments", data={
            "csrf_token": csrf, "name": "Backwards Cup", "starts_on": "2026-07-02",
            "ends_on": "2026-07-01", "mats": "2", "rest_minutes": "10",
            "contest_minutes": "6", "official_tolerance_kg": "0"})
        assert answer.status_code == 422
        assert "is before the first" in answer.text
        assert 'role="alert"' in answer.text


def test_an_announcer_cannot_open_the_organisers_pages(server: Server) -> None:
    with server.client(server.login()) as api:
        token = api.post("/api/credentials", json={"role": "announcer"}).json()["secret"]
    answer = httpx.get(f"{server.base}/admin", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 403  # signed in, but not as an admin: no sign-in loop
    assert "admin account" in answer.text


def test_a_workbook_sheet_is_chosen_on_the_mapping_page(server: Server) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Notes"
    notes.append(["Bonn Open", "entries on the next sheet"])
    notes.append(["see", "there"])
    sheet = book.create_sheet("Entries")
    sheet.append(["Surname", "Given name", "Sex", "Born"])
    sheet.append(["Abe", "Uta", "F", 2000])
    data = io.BytesIO()
    book.save(data)
    with server.client(server.login()) as api, signed_in(server) as browser:
        tid = build_event(api, athletes=2)["tournament"]
        csrf = browser.get("/api/me").json()["csrf_token"]
        mapping = browser.post(f"/admin/t/{tid}/import", data={"csrf_token": csrf},
                               files={"file": ("entries.xlsx", data.getvalue())})
        assert mapping.status_code == 200
        assert '<option>Entries</option>' in mapping.text
        hidden = dict(re.findall(r'<input type="hidden" name="(data|name)" value="([^"]*)"',
                                 mapping.text))
        switched = browser.post(f"/admin/t/{tid}/import/check", data={
            "csrf_token": csrf, **hidden, "sheet": "Entries", "shown_sheet": "",
            "action": "preview"})
        assert switched.status_code == 200
        assert "ABE Uta" in switched.text  # the new sheet's columns were guessed again
        assert '<option selected>Entries</option>' in switched.text
        # A mapping without a name column keeps the upload and says why.
        wrong = browser.post(f"/admin/t/{tid}/import/check", data={
            "csrf_token": csrf, **hidden, "sheet": "Entries", "shown_sheet": "Entries",
            "map_sex": "2", "action": "import"})
        assert wrong.status_code == 422
        assert "Choose the columns again" in wrong.text
        assert hidden["data"] in wrong.text


def test_an_undrawn_category_sends_a_move_to_the_weigh_in_desk(server: Server) -> None:
    with server.client(server.login()) as api, signed_in(server) as browser:
        tid = build_event(api, athletes=2)["tournament"]
        cat = api.post(f"/api/tournaments/{tid}/categories",
                       json={"name": "W -63", "gender": "f", "max_weight": 63}).json()["id"]
        aid = api.post(f"/api/tournaments/{tid}/athletes",
                       json={"family_name": "Mover", "given_name": "M", "gender": "f",
                             "birth_year": 2000}).json()["id"]
        api.post(f"/api/categories/{cat}/entries", json={"athlete_id": aid})
        page = browser.get(f"/admin/t/{tid}/categories/{cat}").text
        assert f'href="/admin/t/{tid}/weigh-in?q={aid}"' in page
        assert "Draw W -63" in page
