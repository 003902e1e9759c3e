"""The declared weight over HTTP: the API's entry takes it, the entry form takes it, and the
weigh-in desk shows it with the category it fits."""

from __future__ import annotations

from typing import Any

import httpx

from .server import ADMIN_PASSWORD, Server


def test_the_api_the_form_and_the_desk_carry_the_declared_weight(server: Server) -> None:
    with server.client(server.login()) as api, \
            httpx.Client(base_url=server.base, timeout=10) as browser:
        assert browser.post("/api/login", json={"username": "admin",
                                                "password": ADMIN_PASSWORD}).status_code == 200
        csrf = browser.get("/api/me").json()["csrf_token"]

        def post(path: str, body: dict[str, Any]) -> int:
            answer = api.post(path, json=body)
            assert answer.status_code in (200, 201), answer.text
            return int(answer.json()["id"])

        tid = post("/api/tournaments", {"name": "Scale Open", "starts_on": "2026-06-01"})
        light = post(f"/api/tournaments/{tid}/categories",
                     {"name": "M -66", "gender": "m", "max_weight": 66, "min_weight": 60})
        heavy = post(f"/api/tournaments/{tid}/categories",
                     {"name": "M -73", "gender": "m", "max_weight": 73, "min_weight": 66})
        aid = post(f"/api/tournaments/{tid}/athletes",
                   {"family_name": "Kanoh", "given_name": "J", "gender": "m",
                    "birth_year": 2000})
        post(f"/api/categories/{light}/entries", {"athlete_id": aid, "declared_weight": 68.5})
        refused = api.post(f"/api/categories/{heavy}/entries",
                           json={"athlete_id": aid, "declared_weight": 1000})
        assert refused.status_code == 422

        desk = browser.get(f"/admin/t/{tid}/weigh-in", params={"q": "Kanoh"})
        assert desk.status_code == 200
        assert "declared 68.5 kg" in desk.text
        assert "fits <strong>M -73</strong>, not M -66" in desk.text
        assert f'<option value="{heavy}" selected>M -73</option>' in desk.text
        listed = browser.get(f"/admin/t/{tid}/weigh-in")
        assert "<td>68.5 kg</td>" in listed.text

        form = browser.post(f"/admin/t/{tid}/athletes", data={
            "csrf_token": csrf, "family_name": "Formby", "given_name": "F", "gender": "m",
            "birth_year": "2000", "category_id": str(heavy), "declared_weight": "71,2 kg"})
        assert form.status_code in (200, 303), form.text
        found = browser.get(f"/admin/t/{tid}/weigh-in", params={"q": "Formby"})
        assert "declared 71.2 kg" in found.text
        assert "fits <strong>" not in found.text
