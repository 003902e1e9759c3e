"""The corrections page over HTTP: a reason is required, the preview shows the impact and links
the category's sheets as a PDF, and saving appends a decision line to the contest's log."""

from __future__ import annotations

import httpx

from .server import ADMIN_PASSWORD, Server, build_event


def test_the_correction_page_previews_links_the_pdf_and_saves_into_the_log(
        server: Server) -> None:
    with server.client(server.login()) as api, \
            httpx.Client(base_url=server.base, timeout=10) as browser:
        assert browser.post("/api/login", json={"username": "admin",
                                                "password": ADMIN_PASSWORD}).status_code == 200
        csrf = browser.get("/api/me").json()["csrf_token"]
        event = build_event(api, athletes=4)
        tid, contest, cat = event["tournament"], event["contest"], event["category"]
        for i, payload in enumerate(({"type": "hajime"},
                                     {"type": "score", "side": "white", "value": "ippon"})):
            sent = api.post(f"/api/contests/{contest}/commands",
                            json={"client_id": f"k{i}", "command": payload})
            assert sent.status_code in (200, 201), sent.text
        path = f"/admin/t/{tid}/corrections/{contest}"
        form = {"csrf_token": csrf, "winner": "blue", "method": "ippon", "value": "ippon"}
        refused = browser.post(path, data=form)
        assert refused.status_code == 400
        assert "Say why" in refused.text
        shown = browser.post(path, data={**form, "reason": "wrong side"})
        assert shown.status_code == 200
        assert "What this correction changes" in shown.text
        assert f'href="/admin/t/{tid}/print/category/{cat}.pdf"' in shown.text
        assert 'name="reason" value="wrong side"' in shown.text
        saved = browser.post(path, data={**form, "reason": "wrong side", "confirm": "yes"})
        assert saved.status_code in (200, 303), saved.text
        log = api.get(f"/api/contests/{contest}/log")
        assert log.status_code == 200
        last = log.text.strip().splitlines()[-1]
        assert '"type": "decision", "winner": "blue", "method": "ippon"' in last
        assert '"reason": "wrong side"' in last
