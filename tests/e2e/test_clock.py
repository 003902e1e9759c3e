"""The browser's idea of server time: learnt from several round trips, corrected smoothly."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest

from web.server import Server

from .pages import Display, build_mat

# Half a second off at once (as after a resync that found the clock wrong), then the offset in
# use and the displayed contest clock are read on every frame for 1.5 s.
SLEW = """async () => {
  const clock = window.ippon.clock;
  const local = () => (performance.timeOrigin + performance.now()) / 1000;
  clock.now();
  const before = clock.offset;
  clock.samples = [];
  clock.add(0.0001, before + 0.5);
  const samples = [[local(), before]];
  const start = performance.now();
  while (performance.now() - start < 1500) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    clock.now();  // moves the offset in use towards the target
    samples.push([local(), clock.offset]);
  }
  return { before, target: clock.target, samples };
}"""


def test_a_resync_is_slewed_not_jumped(browser: Any, server: Server,
                                       admin: httpx.Client) -> None:
    event = build_mat(admin)
    display = Display(browser, server.base, event["mat"])
    # All five start-up samples in: one still arriving during the slew would pull the target
    # back (synced is true from the first).
    display.wait("window.ippon && window.ippon.clock.samples.length >= 5")
    # On one machine the offset to the server is next to nothing: the round trips' own noise,
    # which a busy machine stretches to tens of milliseconds.
    assert abs(display.page.evaluate("window.ippon.clock.offset")) < 0.25
    samples = display.page.evaluate(SLEW)["samples"]
    for (t0, o0), (t1, o1) in itertools.pairwise(samples):
        # At most 0.1 s per second of real time, only towards the target: between two frames
        # (16 ms apart) the clocks move by a couple of milliseconds, never by a visible jump.
        assert -1e-6 <= o1 - o0 <= 0.1 * (t1 - t0) + 0.002
    moved = samples[-1][1] - samples[0][1]
    assert 0.08 < moved <= 0.5
    assert moved == pytest.approx(0.1 * (samples[-1][0] - samples[0][0]), abs=0.03)
    display.close()


def test_clock_takes_the_fastest_round_trips(browser: Any, server: Server,
                                             admin: httpx.Client) -> None:
    event = build_mat(admin)
    display = Display(browser, server.base, event["mat"])
    display.wait("window.ippon && window.ippon.clock.synced")
    target = display.page.evaluate("""() => {
      const clock = window.ippon.clock;
      clock.samples = [];
      // Slow round trips (a busy network) say 2 s; the three fastest agree on 1 s.
      for (const rtt of [0.9, 0.8, 0.7, 0.6]) clock.add(rtt, 2.0);
      const fast = [[0.010, 0.999], [0.012, 1.0], [0.011, 1.001]];
      for (const [rtt, offset] of fast) clock.add(rtt, offset);
      return clock.target;
    }""")
    assert target == 1.0
    display.close()
