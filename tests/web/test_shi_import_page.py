"""The JudoShiai import page over HTTP: what the file brings is shown first, the confirmation
imports all of it, and a file with a problem imports nothing and says where and why."""

from __future__ import annotations

import base64
import re
import sqlite3
from contextlib import closing
from pathlib import Path

from exchange.shi_sample import drawn_sample

from .server import Server, build_event
from .test_admin_pages import signed_in


def hidden(text: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(data|name)" value="([^"]*)"', text))


def test_the_page_shows_the_counts_then_imports_on_confirmation(server: Server,
                                                                tmp_path: Path) -> None:
    data = drawn_sample(tmp_path).read_bytes()
    with server.client(server.login()) as api, signed_in(server) as browser:
        tid = build_event(api, athletes=2)["tournament"]
        csrf = browser.get("/api/me").json()["csrf_token"]
        shown = browser.post(f"/admin/t/{tid}/import/shi", data={"csrf_token": csrf},
                             files={"file": ("drawn.shi", data)})
        assert shown.status_code == 200, shown.text
        assert ("<strong>129 athletes</strong>, <strong>27 categories</strong> (27 new), "
                "<strong>2 draws</strong> as drawn in JudoShiai and <strong>9 results</strong>"
                in shown.text)
        assert "BT-48 (categories table): JudoShiai&#39;s knockout of 8 lines, table 1" in (
            shown.text)
        # Nothing is written before the confirmation.
        assert "JOHANSSON Maja" not in browser.get(f"/admin/t/{tid}/athletes?q=johansson").text
        done = browser.post(f"/admin/t/{tid}/import/shi/confirm",
                            data={"csrf_token": csrf, **hidden(shown.text)})
        assert done.status_code == 200, done.text
        assert ("drawn.shi: 129 athletes, 27 categories (27 new), 2 draws and 9 results "
                "imported.") in done.text
        assert "JOHANSSON Maja" in browser.get(f"/admin/t/{tid}/athletes?q=johansson").text
        categories = browser.get(f"/admin/t/{tid}/categories")
        assert "BT-44" in categories.text
        assert "AT-52" in categories.text


def test_a_file_with_a_problem_imports_nothing_and_names_it(server: Server,
                                                            tmp_path: Path) -> None:
    path = drawn_sample(tmp_path)
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE matches SET blue_points = 11, white_points = 11 "
                   "WHERE category = 10001 AND number = 2")
        db.commit()
    with server.client(server.login()) as api, signed_in(server) as browser:
        tid = build_event(api, athletes=2)["tournament"]
        csrf = browser.get("/api/me").json()["csrf_token"]
        shown = browser.post(f"/admin/t/{tid}/import/shi", data={"csrf_token": csrf},
                             files={"file": ("drawn.shi", path.read_bytes())})
        assert shown.status_code == 422
        assert "1 problem in drawn.shi" in shown.text
        assert "AT-52, contest 2 (matches table): a hikiwake" in shown.text
        assert "/import/shi/confirm" not in shown.text  # no confirmation offered
        # A confirmation sent anyway is refused the same way, and writes nothing.
        refused = browser.post(f"/admin/t/{tid}/import/shi/confirm", data={
            "csrf_token": csrf, "name": "drawn.shi",
            "data": base64.b64encode(path.read_bytes()).decode()})
        assert refused.status_code == 422
        assert "AT-52, contest 2 (matches table): a hikiwake" in refused.text
        assert "JOHANSSON Maja" not in browser.get(f"/admin/t/{tid}/athletes?q=johansson").text
