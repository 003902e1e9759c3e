"""The exports and printing page over HTTP: every download and sheet for an admin, and none for
anyone else (401 without credentials, 403 for a mat official or an announcer)."""

from __future__ import annotations

import io
import json

import httpx
from pypdf import PdfReader

from .server import ADMIN_PASSWORD, Server, build_event

DOWNLOADS = ("placings.csv", "contests.csv", "results.xlsx", "results.json",
             "contest-logs.zip", "judoshiai.shi")
SHEETS = ("brackets", "weigh-in", "mat-order", "results", "medals")


def test_an_admin_downloads_every_export_and_sheet(server: Server) -> None:
    with server.client(server.login()) as api, httpx.Client(base_url=server.base,
                                                            timeout=60) as browser:
        event = build_event(api, athletes=4)
        tid, cid = event["tournament"], event["category"]
        assert browser.post("/api/login", json={"username": "admin",
                                                "password": ADMIN_PASSWORD}).status_code == 200
        page = browser.get(f"/admin/t/{tid}/exports")
        assert page.status_code == 200
        assert f'href="/admin/t/{tid}/exports" aria-current="page"' in page.text
        assert f"/admin/t/{tid}/print/category/{cid}.pdf" in page.text
        for name in DOWNLOADS:
            assert f"/admin/t/{tid}/exports/{name}" in page.text
            answer = browser.get(f"/admin/t/{tid}/exports/{name}")
            assert answer.status_code == 200, (name, answer.text)
            assert "attachment" in answer.headers["content-disposition"]
            assert answer.content
        results = json.loads(browser.get(f"/admin/t/{tid}/exports/results.json").text)
        assert results["tournament"]["name"] == "Web Open"
        assert len(results["competitors"]) == 4
        for kind in SHEETS:
            answer = browser.get(f"/admin/t/{tid}/print/{kind}.pdf")
            assert answer.status_code == 200, (kind, answer.text)
            assert answer.headers["content-type"] == "application/pdf"
            assert PdfReader(io.BytesIO(answer.content)).pages
        sheet = browser.get(f"/admin/t/{tid}/print/category/{cid}.pdf")
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(sheet.content)).pages)
        assert "W -57" in text
        assert "NAME0 A" in text
        # Nothing is fought yet: no certificates, and the reason says so.
        none = browser.get(f"/admin/t/{tid}/print/certificates.pdf")
        assert none.status_code == 409
        assert "nobody is placed yet" in none.json()["detail"]
        assert browser.get(f"/admin/t/{tid}/exports/nothing.txt").status_code == 404
        assert browser.get("/admin/t/9999/exports/results.json").status_code == 404


def test_others_may_not_download(server: Server) -> None:
    with server.client(server.login()) as api:
        event = build_event(api, athletes=2)
        announcer = api.post("/api/credentials", json={"role": "announcer"}).json()["secret"]
    tid, cid = event["tournament"], event["category"]
    paths = [*(f"/admin/t/{tid}/exports/{n}" for n in DOWNLOADS),
             *(f"/admin/t/{tid}/print/{k}.pdf" for k in SHEETS),
             f"/admin/t/{tid}/print/category/{cid}.pdf"]
    for path in paths:
        assert httpx.get(server.base + path).status_code == 401, path
        for token in (event["token"], announcer):
            answer = httpx.get(server.base + path, headers={"Authorization": f"Bearer {token}"})
            assert answer.status_code == 403, (path, answer.text)
    page = httpx.get(f"{server.base}/admin/t/{tid}/exports")
    assert page.status_code == 303
    assert page.headers["location"].startswith("/admin/login")
