// The big screen of a mat: the scoreboard while a contest runs, its result for a while after,
// and the next pairings between contests. Read-only: it only listens to the mat's stream.

import { Board, renderPairings } from "./board.js";
import { ServerClock, crossings, msToNextSecond } from "./clock.js";
import { MatFeed, fetchContest } from "./live.js";
import { Signals } from "./sound.js";

const boot = JSON.parse(document.getElementById("boot").textContent);
const root = document.getElementById("display");
const clock = new ServerClock();
const feed = new MatFeed(boot.mat.id);
const board = new Board(document.getElementById("board"), boot);
const signals = new Signals();

const screen = {
  shown: null,       // the contest on the scoreboard: {view, takenAt}
  resultUntil: 0,    // local time (ms) until which a finished contest stays up
  lastClocks: null,
  ticket: 0,
  renderLog: [],     // {contest, events, status, at}: read by the tests and the benchmark
};
window.ippon = { screen, feed, clock, signals, board };

function show(view, takenAt) {
  if (!screen.shown || screen.shown.view.id !== view.id) screen.lastClocks = null;
  screen.shown = { view, takenAt };
  board.render(view, takenAt);
  setMode("board");
  frame();
  screen.renderLog.push({ contest: view.id, events: view.events, status: view.state.status,
                          at: performance.timeOrigin + performance.now(), taken: takenAt * 1000 });
}

function setMode(mode) {
  if (root.dataset.view === mode) return;
  root.dataset.view = mode;
  if (mode === "board") board.refit();  // a hidden board could not measure its names
}
window.addEventListener("resize", () => board.refit());

async function onSnapshot(snapshot) {
  const ticket = ++screen.ticket;  // a newer snapshot handled meanwhile wins over this one
  const current = snapshot.current;
  const before = screen.shown ? screen.shown.view : null;
  if (current && current.events > 0) {
    show(current, snapshot.server_time);
    return;
  }
  if (before && (!current || current.id !== before.id) && before.status !== "finished") {
    // The contest on the screen has just been decided and left the queue: its result stays up.
    try {
      const fetched = await fetchContest(boot.mat.id, before.id);
      if (ticket !== screen.ticket) return;
      show(fetched.contest, fetched.server_time);
      screen.resultUntil = Date.now() + boot.result_seconds * 1000;
      setTimeout(() => feed.latest && onSnapshot(feed.latest), boot.result_seconds * 1000 + 50);
      return;
    } catch (error) {
      // Gone (moved to another mat): fall through to the pairings.
    }
  }
  if (before && Date.now() < screen.resultUntil) return;
  screen.shown = null;
  renderPairings(root, [current, ...snapshot.next].filter(Boolean), boot.flags);
  setMode("pairings");
  screen.renderLog.push({ contest: current ? current.id : null, events: 0, status: "pairings",
                          at: performance.timeOrigin + performance.now() });
}

let timer = null;

function frame() {
  clearTimeout(timer);
  if (!screen.shown) return;
  const c = board.tick(clock.now());
  for (const crossing of crossings(screen.lastClocks, c, screen.shown.view.state, board.era())) {
    signals.play(crossing);
    feed.refresh();  // what time did: the engine's word on the bell or the hold
  }
  screen.lastClocks = c;
  const wait = msToNextSecond(c, screen.shown.view.state.golden_score);
  if (wait !== null) timer = setTimeout(frame, wait);
}

// A display shows the network's trouble discreetly and catches up by itself.
let lostTimer = null;
feed.addEventListener("connection", (event) => {
  const state = document.getElementById("link-state");
  clearTimeout(lostTimer);
  if (event.detail) state.hidden = true;
  else lostTimer = setTimeout(() => { state.hidden = false; }, 2000);
});
feed.addEventListener("snapshot", (event) => onSnapshot(event.detail));

// Sound needs one click on the screen (browsers' autoplay rule).
const hint = document.getElementById("sound");
document.addEventListener("click", () => { signals.unlock(); hint.hidden = true; });
setTimeout(() => { hint.hidden = signals.ready; }, 1000);

await clock.sync(5);
clock.every(30);
feed.start();
