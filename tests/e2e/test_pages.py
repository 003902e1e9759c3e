"""The mat's pages over plain HTTP: who may open what, and the documented keymap."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from ippon.web.mat_pages import ERAS, FLAGS
from web.server import Server

from .pages import build_mat

ROOT = Path(__file__).resolve().parents[2]
KEYMAP = ROOT / "src" / "ippon" / "web" / "static" / "mat" / "keymap.js"
DOC = ROOT / "docs" / "table-official.md"


def test_every_key_is_documented() -> None:
    labels = re.findall(r'label: "([^"]+)"', KEYMAP.read_text())
    assert len(labels) > 20
    doc = DOC.read_text()
    table = doc[doc.index("## Keys"):doc.index("## What the page shows")]
    for label in filter(None, labels):
        for key in label.split(" or "):
            assert f"`{key}`" in table, f"key {key!r} of keymap.js is not in {DOC.name}"


def test_display_is_public_and_control_needs_the_mat_credential(
        server: Server, admin: httpx.Client) -> None:
    event = build_mat(admin)
    mat = event["mat"]
    display = httpx.get(f"{server.base}/mats/{mat}/display")
    assert display.status_code == 200
    assert 'data-side="white"' in display.text
    mirrored = httpx.get(f"{server.base}/mats/{mat}/display/mirrored").text
    assert mirrored.index('data-side="blue"') < mirrored.index('data-side="white"')
    # No credential: the PIN form, not the controls.
    anonymous = httpx.get(f"{server.base}/mats/{mat}/control")
    assert anonymous.status_code == 200
    assert 'id="pin-form"' in anonymous.text
    assert "control.js" not in anonymous.text
    wrong = httpx.get(f"{server.base}/mats/{mat}/control", params={"token": "nonsense"})
    assert wrong.status_code == 401
    assert "not valid" in wrong.text
    right = httpx.get(f"{server.base}/mats/{mat}/control", params={"token": event["secret"]})
    assert right.status_code == 200
    assert "control.js" in right.text
    # A mat's token does not open another mat.
    other = build_mat(admin)
    elsewhere = httpx.get(f"{server.base}/mats/{other['mat']}/control",
                          params={"token": event["secret"]})
    assert elsewhere.status_code == 401
    assert httpx.get(f"{server.base}/mats/999999/display").status_code == 404


def test_a_contest_of_the_mat_as_json(server: Server, admin: httpx.Client) -> None:
    event = build_mat(admin)
    answer = httpx.get(f"{server.base}/mats/{event['mat']}/contests/{event['contest']}")
    assert answer.status_code == 200
    contest = answer.json()["contest"]
    assert contest["id"] == event["contest"]
    assert contest["state"]["status"] == "running"
    assert contest["white"]["name"] == event["first"]["white"]["name"]
    other = build_mat(admin)
    assert httpx.get(f"{server.base}/mats/{other['mat']}/contests/{event['contest']}"
                     ).status_code == 404


def test_static_files_and_flags(server: Server) -> None:
    for name in ("control.js", "display.js", "board.js", "clock.js", "live.js", "channel.js",
                 "keymap.js", "sound.js", "mat.css"):
        assert httpx.get(f"{server.base}/static/mat/{name}").status_code == 200, name
    assert {"JPN", "FRA", "GER", "NED", "BRA", "GEO", "KOR", "MGL", "ITA", "ESP", "AZE",
            "ISR"} <= FLAGS
    flag = httpx.get(f"{server.base}/static/flags/JPN.svg")
    assert flag.headers["content-type"].startswith("image/svg+xml")
    assert ERAS["ijf2018"]["scores"] == ["ippon", "waza-ari"]
    assert "koka" in ERAS["ijf2003"]["scores"]
