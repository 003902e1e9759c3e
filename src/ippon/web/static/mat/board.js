// The scoreboard: fills the markup of `templates/mat/_board.html` from a contest view (the
// `current` of a mat snapshot) and updates the clocks on every frame. Only changed text is
// written, so a frame costs next to nothing when nothing changes.

import { clocksAt, formatClock, holdValue } from "./clock.js";
import { SIDE_TAG, _, countryName, roundName } from "./text.js";

export const SIDES = ["white", "blue"];
const VALUES = ["ippon", "waza-ari", "yuko", "koka"];
export const LABELS = { "ippon": "Ippon", "waza-ari": "Waza-ari", "yuko": "Yuko", "koka": "Koka" };
const METHODS = {
  "ippon": "Ippon", "waza-ari-awasete-ippon": "Waza-ari awasete ippon",
  "sogo-gachi": "Sogo-gachi", "yusei-gachi": "Yusei-gachi", "shido": "Shido",
  "hantei": "Hantei", "hansoku-make": "Hansoku-make", "kiken-gachi": "Kiken-gachi",
  "fusen-gachi": "Fusen-gachi",
};
export const methodName = (method) => METHODS[method] || method || "";

export function setText(el, text) {
  if (el && el.textContent !== text) el.textContent = text;
}

function setHidden(el, hidden) {
  if (el && el.hidden !== hidden) el.hidden = hidden;
}

// "JPN" or the club's name; the flag's file when we have one, and the country's name in the
// page's language.
export function identity(person, flags) {
  if (!person) return { name: "—", code: "", flag: null, country: "" };
  const code = person.country || "";
  return { name: person.name, code: code || person.club || "",
           flag: code && flags.includes(code) ? `/static/flags/${code}.svg` : null,
           country: code ? countryName(code) : "" };
}

// Long names shrink (down to 60%), then take two lines, rather than lose their end: the
// whole "SURNAME Given" must be read.
export function fit(el) {
  el.style.fontSize = "";
  el.classList.remove("wrapped");
  const base = parseFloat(getComputedStyle(el).fontSize);
  let scale = 1;
  while (el.scrollWidth > el.clientWidth && scale > 0.6) {
    scale -= 0.05;
    el.style.fontSize = `${base * scale}px`;
  }
  if (el.scrollWidth > el.clientWidth) {
    el.classList.add("wrapped");  // two lines, larger again
    el.style.fontSize = `${base * 0.8}px`;
  }
}

export class Board {
  constructor(root, { flags, eras }) {
    this.root = root;
    this.flags = flags;
    this.eras = eras;
    this.view = null;
    this.takenAt = 0;
    this.sides = {};
    for (const side of SIDES) {
      const el = root.querySelector(`[data-side="${side}"]`);
      this.sides[side] = {
        el,
        name: el.querySelector('[data-field="name"]'),
        code: el.querySelector('[data-field="code"]'),
        flag: el.querySelector('[data-field="flag"]'),
        shido: el.querySelector('[data-field="shido"]'),
        winner: el.querySelector('[data-field="winner"]'),
        scores: Object.fromEntries(VALUES.map((v) => [v, el.querySelector(`[data-score="${v}"]`)])),
      };
    }
    const field = (name) => root.querySelector(`[data-field="${name}"]`);
    this.clock = field("clock");
    this.gs = field("gs");
    this.hold = field("osaekomi");
    this.holdSide = field("osaekomi-side");
    this.holdTime = field("osaekomi-time");
    this.result = field("result");
    this.category = field("category");
    this.round = field("round");
  }

  refit() {
    for (const side of SIDES) fit(this.sides[side].name);
  }

  era() {
    return this.view ? this.eras[this.view.ruleset] || this.eras.ijf2025 : this.eras.ijf2025;
  }

  // A new contest view, and the server time its state was taken at.
  render(view, takenAt) {
    this.view = view;
    this.takenAt = takenAt;
    const era = this.era();
    const state = view.state;
    this.root.dataset.contest = view.id;
    this.root.dataset.events = view.events;
    this.root.dataset.status = state.status;
    this.root.dataset.golden = state.golden_score ? "yes" : "no";
    setText(this.category, view.category || "");
    setText(this.round, [roundName(view.round), _("contest %(n)s", { n: view.number })]
      .filter(Boolean).join(" · "));
    for (const side of SIDES) {
      const parts = this.sides[side];
      const who = identity(view[side], this.flags);
      if (parts.name.textContent !== who.name) {
        parts.name.textContent = who.name;
        fit(parts.name);
      }
      setText(parts.code, who.code);
      if (parts.code.title !== who.country) parts.code.title = who.country;
      if (who.flag) {
        if (parts.flag.getAttribute("src") !== who.flag) parts.flag.setAttribute("src", who.flag);
        if (parts.flag.alt !== who.country) parts.flag.alt = who.country;
        setHidden(parts.flag, false);
      } else setHidden(parts.flag, true);
      for (const value of VALUES) setHidden(parts.scores[value], !era.scores.includes(value));
      const board = state[side];
      const cards = board.hansoku_make ? "hansoku-make" : String(board.shido);
      if (parts.shido.dataset.cards !== cards) {
        parts.shido.dataset.cards = cards;
        parts.shido.replaceChildren(...this.cards(board));
        parts.shido.setAttribute("aria-label", board.hansoku_make ? "hansoku-make"
          : `${board.shido} shido`);
      }
      const won = state.status === "ended" && state.winner === side;
      parts.el.classList.toggle("won", won);
      parts.el.classList.toggle("lost", state.status === "ended" && state.winner !== side);
      setHidden(parts.winner, !won);
    }
    const ended = state.status === "ended";
    const words = {
      "awaiting-golden-score": _("Time — golden score next"),
      "awaiting-hantei": _("Hantei — the flags decide"),
    };
    let result = words[state.status] || "";
    if (ended) {
      const winner = state.winner ? view[state.winner] : null;
      const method = methodName(state.method);
      result = state.winner
        ? _("%(name)s wins · %(method)s",
            { name: winner ? winner.name : SIDE_TAG[state.winner], method })
        : _("No winner · %(method)s", { method });
      if (state.method === "yusei-gachi" && state.decided_by) result += ` (${LABELS[state.decided_by]})`;
      if (state.golden_score) result += " · golden score";
    }
    setText(this.result, result);
    setHidden(this.result, !result);
    this.tick(takenAt);
  }

  cards(board) {
    const cards = [];
    const make = (kind, text) => {
      const card = document.createElement("span");
      card.className = `card ${kind}`;
      card.textContent = text;  // the letter is there for those who cannot tell the colours
      return card;
    };
    if (board.hansoku_make) cards.push(make("red", "H"));
    else for (let i = 0; i < board.shido; i++) cards.push(make("yellow", "S"));
    return cards;
  }

  // The clocks at `serverNow`, and what a running hold scores by then.
  clocks(serverNow) {
    if (!this.view) return null;
    return clocksAt(this.view.state, this.takenAt, serverNow, this.era());
  }

  tick(serverNow) {
    if (!this.view) return null;
    const state = this.view.state;
    const c = this.clocks(serverNow);
    const golden = state.golden_score;
    setText(this.clock, golden ? formatClock(c.golden, true) : formatClock(c.remaining));
    this.clock.classList.toggle("running", c.running);
    this.root.dataset.clock = c.running ? "running" : "stopped";
    setHidden(this.gs, !golden);
    setHidden(this.hold, !state.osaekomi);
    if (state.osaekomi) {
      setText(this.holdSide, SIDE_TAG[state.osaekomi]);
      setText(this.holdTime, String(Math.floor(c.hold + 1e-6)));
      this.hold.dataset.side = state.osaekomi;
      this.hold.classList.toggle("running", c.holding);
    }
    // A hold scores by time alone: show the value reached now, not only the snapshot's.
    for (const side of SIDES) {
      const board = { ...state[side] };
      if (state.osaekomi === side) {
        const before = holdValue(this.era(), state.osaekomi_time);
        const now = holdValue(this.era(), c.hold);
        if (before) board[before.replace("-", "_")] -= 1;
        if (now) board[now.replace("-", "_")] += 1;
      }
      for (const value of VALUES) {
        const el = this.sides[side].scores[value];
        setText(el.querySelector(".value"), String(board[value.replace("-", "_")]));
      }
    }
    return c;
  }
}

// The pairings between contests: the next contest large, then the ones after it.
export function renderPairings(root, contests, flags) {
  const list = root.querySelector('[data-field="pairings"]');
  const items = contests.slice(0, 4).map((contest, index) => {
    const li = document.createElement("li");
    li.className = index === 0 ? "pairing first" : "pairing";
    const head = document.createElement("div");
    head.className = "pairing-head";
    head.textContent = [index === 0 ? _("Next") : null, contest.category, roundName(contest.round)]
      .filter(Boolean).join(" · ");
    li.append(head);
    for (const side of SIDES) {
      const who = identity(contest[side], flags);
      const row = document.createElement("div");
      row.className = `pairing-side side-${side}`;
      const tag = document.createElement("span");
      tag.className = "side-tag";
      tag.textContent = SIDE_TAG[side];
      row.append(tag);
      // Without a flag an empty box of the same size keeps the names in one column.
      const img = document.createElement(who.flag ? "img" : "span");
      img.className = who.flag ? "flag" : "flag no-flag";
      if (who.flag) {
        img.alt = who.country;
        img.src = who.flag;
      }
      row.append(img);
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = who.code;
      code.title = who.country;
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = contest[side] ? who.name : _("to be decided");
      row.append(code, name);
      requestAnimationFrame(() => fit(name));
      li.append(row);
    }
    return li;
  });
  list.replaceChildren(...items);
  const empty = root.querySelector('[data-field="no-pairings"]');
  if (empty) empty.hidden = items.length > 0;
}
