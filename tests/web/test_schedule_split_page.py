"""The schedule page's per-category split choice: saved from the form, shown on the plan."""

from __future__ import annotations

from .server import Server, build_event
from .test_admin_pages import signed_in


def test_the_split_choice_is_saved_and_the_plan_shows_the_mats(server: Server) -> None:
    with server.client(server.login()) as api, signed_in(server) as browser:
        event = build_event(api, athletes=16)
        tid = event["tournament"]
        assert api.post(f"/api/tournaments/{tid}/mats", json={"number": 2}).status_code in (
            200, 201)
        csrf = browser.get("/api/me").json()["csrf_token"]
        page = browser.get(f"/admin/t/{tid}/schedule").text
        assert 'name="mats:W -57"' in page
        assert '<option value="">automatic</option>' in page
        saved = browser.post(f"/admin/t/{tid}/schedule/constraints",
                             data={"csrf_token": csrf, "mat:W -57": "", "mats:W -57": "2"})
        assert saved.status_code == 303
        planned = browser.post(f"/admin/t/{tid}/schedule/plan", data={"csrf_token": csrf})
        assert planned.status_code == 303
        page = browser.get(f"/admin/t/{tid}/schedule").text
        assert '<option value="2" selected>2 mats</option>' in page
        assert "Mats 1 + 2, " in page or "Mats 2 + 1, " in page
