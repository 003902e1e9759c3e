// The table official's page: keys → commands, the scoreboard of the contest being fought, what
// the rules engine says, the recent events (to cancel one), and the mat's next contests.

import { Board, LABELS, SIDES, identity, methodName, setText } from "./board.js";
import { CommandChannel } from "./channel.js";
import { ServerClock, clocksAt, crossings, msToNextSecond } from "./clock.js";
import { keyName, lookup, renderHelp } from "./keymap.js";
import { MatFeed, fetchContest } from "./live.js";
import { Signals } from "./sound.js";
import { SIDE_NAME, SIDE_TAG, _, refusal, roundName } from "./text.js";

const boot = JSON.parse(document.getElementById("boot").textContent);
const $ = (id) => document.getElementById(id);
const clock = new ServerClock();
const feed = new MatFeed(boot.mat.id);
const channel = new CommandChannel(boot.mat.id, boot.token || null);
const board = new Board($("board"), boot);
const signals = new Signals();

// What the page works on: the contest the official runs, until the result is confirmed.
const page = {
  contestId: null,   // our contest
  view: null,        // its latest view (the mat snapshot's `current`, or fetched once it left)
  takenAt: 0,        // server time of that view
  skip: null,        // a contest confirmed and left: do not adopt it again
  log: [],           // its stored events: {line, type, side, value, kind, cancelled, at}
  logOf: null,       // the contest the log belongs to
  settling: [],      // acknowledged commands the views do not show yet: {item, seq}
  lastClocks: null,
};

// Instrumentation read by the browser tests and the benchmark.
window.ippon = { page, channel, feed, clock, signals, keyLog: [] };

// -- what the page shows ----------------------------------------------------------------------

function ourPending() {
  return channel.pending.filter((item) => item.contest_id === page.contestId)
    .concat(page.settling.map((s) => s.item).filter((item) => item.contest_id === page.contestId))
    .sort((a, b) => a.pressed_at - b.pressed_at);
}

// The contest as the official expects it: the last view plus the clock effect of the commands
// not yet in it. Offline this keeps the clock honest (mate stops it, hajime starts it).
function projected() {
  if (!page.view) return null;
  let state = { ...page.view.state };
  let takenAt = page.takenAt;
  const era = board.era();
  for (const item of ourPending()) {
    // A slow server may send a picture taken after the press that does not show it yet.
    const at = Math.max(item.pressed_at, takenAt);
    const c = clocksAt(state, takenAt, at, era);
    state = { ...state, remaining: c.remaining, golden_score_time: c.golden,
              osaekomi_time: c.hold,
              regular_time: state.golden_score ? state.regular_time : state.contest_time - c.remaining };
    takenAt = at;
    const type = item.command.type;
    if (type === "hajime" || type === "yoshi") {
      if (state.status === "awaiting-golden-score") {
        state.status = "running";
        state.golden_score = true;
      }
      state.clock_running = state.status === "running";
    } else if (type === "mate") {
      state.clock_running = false;
      state.osaekomi = null;
    } else if (type === "sono-mama") state.clock_running = false;
    else if (type === "osaekomi") { state.osaekomi = item.command.side; state.osaekomi_time = 0; }
    else if (type === "toketa") state.osaekomi = null;
  }
  return { view: { ...page.view, state }, takenAt };
}

function render() {
  const shown = projected();
  if (!shown) {
    $("board").dataset.status = "none";
    setText($("engine"), _("No contest on this mat."));
    $("confirm").hidden = true;
    return;
  }
  if (board.view && board.view.id !== shown.view.id) page.lastClocks = null;
  board.render(shown.view, shown.takenAt);
  frame();
  renderEngine(shown.view);
  renderButtons(shown.view);
  renderEvents();
}

function renderEngine(view) {
  const s = view.state;
  const engine = $("engine");
  engine.dataset.status = s.status;
  let text;
  if (s.status === "ended") {
    let method = methodName(s.method);
    if (s.method === "yusei-gachi" && s.decided_by) method += ` (${LABELS[s.decided_by]})`;
    if (s.golden_score) method = _("%(method)s in golden score", { method });
    text = s.winner
      ? _("%(side)s (%(name)s) wins by %(method)s.",
          { side: SIDE_TAG[s.winner], name: identity(view[s.winner], []).name, method })
      : _("Both athletes lose by %(method)s.", { method });
    // The stored outcome says who is excluded (the snapshot's state does not carry it).
    const excluded = s.excluded || (view.outcome && view.outcome.excluded);
    if (excluded) {
      text += " " + _("Excluded from the tournament: %(side)s.", { side: SIDE_NAME[excluded] || excluded });
    }
  } else if (s.status === "awaiting-golden-score") {
    text = _("Time is up, scores level: golden score next (%(key)s = hajime).", { key: keyName("Space") });
  } else if (s.status === "awaiting-hantei") text = _("Golden score ran out: hantei (G) decides.");
  else if (view.events === 0) text = _("Ready: call the athletes, then %(key)s = hajime.", { key: keyName("Space") });
  else text = s.golden_score ? _("Golden score: the first score decides.") : _("Contest running.");
  setText(engine, text);
  $("confirm").hidden = s.status !== "ended";
}

function renderButtons(view) {
  const era = board.era();
  for (const button of document.querySelectorAll('button[data-action="score"]')) {
    button.hidden = !era.scores.includes(button.dataset.value);
  }
  const s = view.state;
  const running = s.clock_running && s.status === "running";
  $("hajime-mate").firstChild.textContent = running ? "Mate " : "Hajime ";
  const frozen = !s.clock_running && s.osaekomi && s.status === "running" &&
    s.regular_time < s.contest_time;
  $("sono-mama-yoshi").firstChild.textContent = frozen ? "Yoshi " : "Sono-mama ";
}

// Words for the kinds of direct hansoku-make and the events that are not judo terms.
const KINDS = { "direct-technical": _("direct-technical"), "direct-spirit": _("direct-spirit") };
const EVENTS = { "medical": _("medical examination"), "finish": _("end of the contest") };

// An event of the log in a few words: judo terms as they are, sides in the page's language.
function describe(entry) {
  const side = entry.side ? ` ${SIDE_NAME[entry.side] || entry.side}` : "";
  if (entry.type === "score") return `${LABELS[entry.value] || entry.value}${side}`;
  if (entry.type === "cancel") return _("cancel of line %(line)s", { line: entry.target });
  if (entry.type === "hansoku-make") return `hansoku-make${side}${entry.kind ? ` (${KINDS[entry.kind] || entry.kind})` : ""}`;
  if (entry.type === "hantei") return `hantei ${(entry.flags || []).map((f) => SIDE_NAME[f] || f).join(" ")}`;
  return `${EVENTS[entry.type] || entry.type}${side}`;
}

let eventsShown = "";

function renderEvents() {
  const list = $("events");
  // Rebuilt only when something in it changed: every snapshot comes through here.
  const shown = JSON.stringify([page.log, channel.pending.map((i) => i.client_id)]);
  if (shown === eventsShown) return;
  eventsShown = shown;
  const items = [];
  for (const item of ourPending().filter((i) => channel.pending.includes(i)).reverse()) {
    const li = document.createElement("li");
    li.className = "queued";
    li.textContent = _("%(event)s — queued", { event: describe(item.command) });
    items.push(li);
  }
  for (const entry of [...page.log].reverse().slice(0, 12)) {
    const li = document.createElement("li");
    li.value = entry.line;
    li.dataset.line = entry.line;
    li.className = entry.cancelled ? "cancelled" : "";
    const text = document.createElement("span");
    text.textContent = `${formatAt(entry.at)} ${describe(entry)}${entry.cancelled ? _(" (cancelled)") : ""}`;
    li.append(text);
    if (!entry.cancelled) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = _("Cancel");
      button.setAttribute("aria-label", _("Cancel line %(line)s: %(event)s",
                                          { line: entry.line, event: describe(entry) }));
      button.addEventListener("click", () => askCancel(entry.line));
      li.append(button);
    }
    items.push(li);
  }
  list.replaceChildren(...items);
}

const formatAt = (at) => at === null ? "…"
  : `${Math.floor(at / 60)}:${String(Math.floor(at % 60)).padStart(2, "0")}`;

let nextShown = "";

function renderNext(snapshot) {
  const upcoming = [snapshot.current, ...snapshot.next]
    .filter((c) => c && c.id !== page.contestId);
  const shown = JSON.stringify(upcoming.map((c) => [c.id, c.white, c.blue]));
  if (shown === nextShown) return;
  nextShown = shown;
  $("next").replaceChildren(...upcoming.slice(0, 5).map((c) => {
    const li = document.createElement("li");
    const names = SIDES.map((side) => {
      const who = identity(c[side], []);
      return c[side] ? `${who.name} (${who.code})` : _("to be decided");
    }).join(" – ");
    li.textContent = `${c.category || ""}${c.round ? ` · ${roundName(c.round)}` : ""}: ${names}`;
    return li;
  }));
}

// -- the contest log (for cancels) ------------------------------------------------------------

// Our own acknowledged commands are added to the list at once; the published log is read when
// we take up a contest, and a little after the last change (for the times the server stamped,
// and for events someone else entered), not on every event: twelve mats add up.
let logTimer = null;

function readLogSoon(delay = 1500) {
  clearTimeout(logTimer);
  logTimer = setTimeout(readLog, delay);
}

function syncLog() {
  if (!page.view) return;
  if (page.logOf !== page.view.id) readLog();
  else if (page.log.length !== page.view.events) readLogSoon();
}

async function readLog() {
  clearTimeout(logTimer);
  if (!page.view) return;
  const contest = page.view.id;
  let lines;
  try {
    const answer = await fetch(`/api/contests/${contest}/log`, { cache: "no-store" });
    if (!answer.ok) throw new Error(`log: ${answer.status}`);
    lines = (await answer.text()).split("\n");
  } catch (error) {
    readLogSoon(3000);  // offline: try again later
    return;
  }
  if (!page.view || page.view.id !== contest) return;
  const log = [];
  lines.forEach((text, index) => {
    if (text.trim()) log.push({ line: index + 1, cancelled: false, ...JSON.parse(text) });
  });
  // A cancel takes its target back; a cancel of a cancel restores it.
  const byLine = new Map(log.map((e) => [e.line, e]));
  for (const entry of log) {
    if (entry.type !== "cancel" || entry.cancelled) continue;
    const target = byLine.get(entry.target);
    if (target) setCancelled(target, byLine);
  }
  page.log = log;
  page.logOf = contest;
  renderEvents();
}

// An acknowledged command of ours is the log's next line.
function appendToLog(item, seq) {
  if (page.logOf !== item.contest_id || seq !== page.log.length + 1) return false;
  const { pressed_at: pressed, ...event } = item.command;
  const entry = { line: seq, cancelled: false, at: null, ...event };
  page.log.push(entry);
  if (entry.type === "cancel") {
    const target = page.log.find((e) => e.line === entry.target);
    if (target) setCancelled(target, new Map(page.log.map((e) => [e.line, e])));
  }
  return true;
}

function setCancelled(entry, byLine) {
  entry.cancelled = !entry.cancelled;
  if (entry.type === "cancel") {
    const target = byLine.get(entry.target);
    if (target) setCancelled(target, byLine);
  }
}

// -- following the mat --------------------------------------------------------------------

async function onSnapshot(snapshot) {
  const current = snapshot.current;
  if (page.contestId === null && current && current.id !== page.skip) adopt(current.id);
  if (current && current.id === page.contestId) {
    page.view = current;
    page.takenAt = snapshot.server_time;
  } else if (page.contestId !== null && page.view && page.view.status !== "finished") {
    // Our contest left the queue (it was decided): show its final state until confirmed.
    await follow();
  }
  page.settling = page.settling.filter((s) => page.view && s.item.contest_id === page.view.id
    && page.view.events < s.seq);
  renderNext(snapshot);
  render();
  syncLog();
}

function adopt(contestId) {
  page.contestId = contestId;
  page.view = null;
  page.log = [];
  page.logOf = null;
  page.settling = [];
}

async function follow() {
  try {
    const fetched = await fetchContest(boot.mat.id, page.contestId);
    if (fetched.contest.id === page.contestId) {
      page.view = fetched.contest;
      page.takenAt = fetched.server_time;
    }
  } catch (error) {
    note(_("Could not read contest %(id)s: %(error)s", { id: page.contestId, error: error.message }));
  }
}

// -- commands -------------------------------------------------------------------------------

let pressedAtMs = 0;  // the time stamp of the key being handled

function send(command) {
  if (!page.view) { note(_("There is no contest to command on this mat.")); return null; }
  const pressedAt = clock.now();
  const id = channel.send(page.view.id, command, pressedAt);
  // When the key went down (epoch ms), for the latency figures of the benchmark.
  window.ippon.keyLog.push({ client_id: id, contest: page.view.id, type: command.type,
                             at: pressedAtMs || performance.timeOrigin + performance.now() });
  pressedAtMs = 0;
  render();
  return id;
}

function note(text) {
  const message = $("message");
  message.textContent = text;
  message.hidden = !text;
}

function currentState() {
  const shown = projected();
  return shown ? shown.view.state : null;
}

const ACTIONS = {
  "hajime-mate": () => {
    const s = currentState();
    if (!s) return;
    send({ type: s.clock_running && s.status === "running" ? "mate" : "hajime" });
  },
  "sono-mama-yoshi": () => {
    const s = currentState();
    if (!s) return;
    const frozen = !s.clock_running && s.osaekomi && s.regular_time < s.contest_time;
    send({ type: frozen ? "yoshi" : "sono-mama" });
  },
  "toketa": () => send({ type: "toketa" }),
  "score": ({ side, value }) => {
    if (!board.era().scores.includes(value)) {
      note(_("%(score)s is not a score under %(era)s.", { score: LABELS[value], era: board.era().title }));
      return;
    }
    send({ type: "score", side, value });
  },
  "shido": ({ side }) => send({ type: "shido", side }),
  "osaekomi": ({ side }) => send({ type: "osaekomi", side }),
  "hansoku-make": () => ask({
    title: _("Direct hansoku-make"),
    steps: [sideStep(_("Who is given hansoku-make?")),
      { text: _("Which kind?"), options: [
        { key: "1", label: _("Technical: this contest only"), value: "direct-technical" },
        { key: "2", label: _("Against the spirit: excluded from the tournament"), value: "direct-spirit" }] }],
    confirm: ([side, kind]) => _("Hansoku-make for %(side)s (%(kind)s)? %(key)s confirms.",
                                 { side: SIDE_TAG[side], kind: KINDS[kind], key: keyName("Enter") }),
    done: ([side, kind]) => send({ type: "hansoku-make", side, kind }),
  }),
  "medical": () => ask({
    title: _("Medical examination"), steps: [sideStep(_("Who is examined?"))],
    done: ([side]) => send({ type: "medical", side }),
  }),
  "kiken": () => ask({
    title: _("Kiken (withdrawal)"), steps: [sideStep(_("Who withdraws?"))],
    confirm: ([side]) => _("%(side)s withdraws and loses the contest? %(key)s confirms.",
                           { side: SIDE_TAG[side], key: keyName("Enter") }),
    done: ([side]) => send({ type: "kiken", side }),
  }),
  "fusen": () => ask({
    title: _("Fusen (absent)"), steps: [sideStep(_("Who is absent?"))],
    confirm: ([side]) => _("%(side)s is absent and loses by fusen-gachi? %(key)s confirms.",
                           { side: SIDE_TAG[side], key: keyName("Enter") }),
    done: ([side]) => send({ type: "fusen", side }),
  }),
  "hantei": () => ask({
    title: "Hantei",
    steps: [1, 2, 3].map((n) => sideStep(_("Flag %(n)s of 3: which side?", { n }))),
    confirm: (flags) => _("Flags %(flags)s? %(key)s confirms.",
                          { flags: flags.map((f) => SIDE_NAME[f]).join(", "), key: keyName("Enter") }),
    done: (flags) => send({ type: "hantei", flags }),
  }),
  "cancel": () => {
    const last = [...page.log].reverse().find((e) => !e.cancelled);
    if (!last) { note(_("There is no event to cancel.")); return; }
    askCancel(last.line);
  },
  "confirm": () => confirmResult(),
  "help": () => toggleHelp(),
  "close": () => { closeDialog(); toggleHelp(false); },
};

function sideStep(text) {
  return { text, options: [
    { key: "w", label: _("White"), value: "white", also: ["arrowleft"] },
    { key: "b", label: _("Blue"), value: "blue", also: ["arrowright"] }] };
}

function confirmResult() {
  const view = page.view;
  if (!view || view.state.status !== "ended") { note(_("The contest is not decided yet.")); return; }
  // A decision made by time (the bell) needs the server to close the contest.
  if (view.status !== "finished") send({ type: "finish" });
  page.skip = view.id;
  adopt(null);
  note("");
  const latest = feed.latest;
  if (latest && latest.current && latest.current.id !== page.skip) onSnapshot(latest);
  else render();
}

// -- dialogs: steps of choices, then an optional confirmation -------------------------------

let dialog = null;

function ask(spec) {
  dialog = { ...spec, answers: [], confirming: false };
  $("dialog").hidden = false;
  showStep();
}

function showStep() {
  const step = dialog.steps[dialog.answers.length];
  setText($("dialog-title"), dialog.title);
  const options = $("dialog-options");
  if (!step) {
    setText($("dialog-text"), dialog.confirm(dialog.answers));
    dialog.confirming = true;
    const yes = button(_("Confirm"), keyName("Enter"), () => finishDialog());
    yes.classList.add("danger");
    options.replaceChildren(yes);
    yes.focus();
    return;
  }
  setText($("dialog-text"), step.text);
  options.replaceChildren(...step.options.map((o) =>
    button(o.label, o.key.toUpperCase(), () => choose(o.value))));
}

function button(label, key, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.append(`${label} `);
  const kbd = document.createElement("kbd");
  kbd.textContent = key;
  b.append(kbd);
  b.addEventListener("click", onClick);
  return b;
}

function choose(value) {
  dialog.answers.push(value);
  if (dialog.answers.length === dialog.steps.length && !dialog.confirm) finishDialog();
  else showStep();
}

function finishDialog() {
  const { done, answers } = dialog;
  closeDialog();
  done(answers);
}

function closeDialog() {
  dialog = null;
  $("dialog").hidden = true;
}

function dialogKey(event) {
  const key = event.key.toLowerCase();
  if (key === "escape") { closeDialog(); return; }
  if (dialog.confirming) { if (key === "enter") finishDialog(); return; }
  if (dialog.picker) { dialog.picker(key); return; }
  const step = dialog.steps[dialog.answers.length];
  const option = step.options.find((o) => o.key === key || (o.also || []).includes(key));
  if (option) choose(option.value);
}

// Cancel: the chosen line is highlighted; ↑ ↓ pick another, Enter cancels it.
function askCancel(line) {
  const candidates = [...page.log].reverse().filter((e) => !e.cancelled);
  let index = Math.max(0, candidates.findIndex((e) => e.line === line));
  const show = () => {
    const entry = candidates[index];
    for (const li of $("events").children) li.classList.toggle("chosen", Number(li.dataset.line) === entry.line);
    setText($("dialog-text"), _("Cancel line %(line)s: %(event)s at %(at)s? ↑ ↓ choose another, %(key)s cancels it.",
      { line: entry.line, event: describe(entry), at: formatAt(entry.at), key: keyName("Enter") }));
    const yes = button(_("Cancel line %(line)s", { line: entry.line }), keyName("Enter"), () => {
      closeDialog();
      send({ type: "cancel", target: entry.line });
    });
    $("dialog-options").replaceChildren(yes);
  };
  dialog = { title: _("Cancel an event"), steps: [], answers: [], confirming: false,
    picker: (key) => {
      if (key === "arrowdown") index = Math.min(candidates.length - 1, index + 1);
      else if (key === "arrowup") index = Math.max(0, index - 1);
      else if (key === "enter") { const entry = candidates[index]; closeDialog(); send({ type: "cancel", target: entry.line }); return; }
      show();
    } };
  setText($("dialog-title"), dialog.title);
  $("dialog").hidden = false;
  show();
}

function toggleHelp(force) {
  const help = $("help");
  help.hidden = force === undefined ? !help.hidden : !force;
}

// -- wiring ---------------------------------------------------------------------------------

document.addEventListener("keydown", (event) => {
  signals.unlock();
  if (event.target instanceof HTMLInputElement) return;
  if (dialog) { event.preventDefault(); dialogKey(event); return; }
  const entry = lookup(event);
  if (!entry) return;
  if (!$("help").hidden && entry.action !== "help" && entry.action !== "close") {
    toggleHelp(false);
  }
  event.preventDefault();  // Space would scroll, Backspace navigate back in old browsers
  if (event.repeat) return;  // a held key is one press
  pressedAtMs = performance.timeOrigin + event.timeStamp;
  ACTIONS[entry.action](entry);
});

document.addEventListener("click", (event) => {
  signals.unlock();
  const target = event.target.closest("button[data-action]");
  if (!target || dialog) return;
  ACTIONS[target.dataset.action]({ side: target.dataset.side, value: target.dataset.value });
  target.blur();  // Space must not press the button again
});
$("help-button").addEventListener("click", () => toggleHelp());

function showLink() {
  const link = $("link");
  const state = channel.state;
  link.dataset.state = state;
  setText(link, { online: _("Connected"), offline: _("OFFLINE"), connecting: _("Connecting…"),
                  refused: _("Refused: %(reason)s", { reason: channel.refusal || _("sign in again") }) }[state]);
  $("offline").hidden = state !== "offline";
  document.body.classList.toggle("is-offline", state === "offline");
  const queued = channel.pending.length;
  $("queue").hidden = queued === 0;
  setText($("queue"), _("%(n)s queued", { n: queued }));
}

channel.addEventListener("state", (event) => {
  channel.refusal = event.detail.detail;
  showLink();
  if (event.detail.state === "online") feed.refresh();
});
channel.addEventListener("queue", () => { showLink(); renderEvents(); });
channel.addEventListener("ack", (event) => {
  const { item, seq, duplicate } = event.detail;
  const key = window.ippon.keyLog.find((k) => k.client_id === item.client_id);
  if (key) key.seq = seq;
  if (item.command.type !== "finish" && seq > 0 && !duplicate) {
    page.settling.push({ item, seq });
    if (appendToLog(item, seq)) readLogSoon();
  }
  // A correction to a contest that has left the queue: no snapshot will show it, so ask.
  if (page.view && page.view.status === "finished" && item.contest_id === page.view.id) {
    follow().then(() => { render(); syncLog(); });
  }
  render();
});
channel.addEventListener("refused", (event) => {
  const { item, detail } = event.detail;
  note(_("Not recorded: %(event)s — %(reason)s", { event: describe(item.command), reason: refusal(detail) }));
  render();
});
feed.addEventListener("snapshot", (event) => onSnapshot(event.detail));
clock.onSample = (ok) => { if (!ok) channel.suspect(); };

let timer = null;

function frame() {
  clearTimeout(timer);
  const c = board.tick(clock.now());
  if (!c || !page.view) return;
  for (const crossing of crossings(page.lastClocks, c, board.view.state, board.era())) {
    signals.play(crossing);
    feed.refresh();  // what time did: the engine's word on the bell or the hold
  }
  page.lastClocks = c;
  const wait = msToNextSecond(c, board.view.state.golden_score);
  if (wait !== null) timer = setTimeout(frame, wait);
}

renderHelp($("help-table"), boot.eras.ijf2025);
showLink();
await clock.sync(5);
clock.every(2);  // also how the page notices at once that the server is gone
feed.start();
channel.start();
// The help shows the keys of the era of the contest at hand.
let helpEra = null;
feed.addEventListener("snapshot", () => {
  const era = board.era();
  if (era !== helpEra) renderHelp($("help-table"), era);
  helpEra = era;
});
