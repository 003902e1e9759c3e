// The official's commands: a WebSocket with a queue that outlives the connection.
//
// Every key press becomes a command with a client id and the (server) time it was pressed. It
// stays queued, also in localStorage in case the page reloads, until the server acknowledges it
// after the commit. When the connection drops we resend the unacknowledged ones in order with
// the same client ids: the server applies each id once, so nothing is lost and nothing doubled.

import { _ } from "./text.js";

const STORE = (matId) => `ippon.mat.${matId}.queue`;

let counter = 0;
export function clientId() {
  counter += 1;
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${Date.now().toString(36)}-${random[0].toString(36)}${random[1].toString(36)}-${counter}`;
}

export class CommandChannel extends EventTarget {
  constructor(matId, token) {
    super();
    this.matId = matId;
    this.token = token;
    this.ws = null;
    this.state = "connecting";  // connecting | online | offline | refused
    this.queue = this.load();   // [{client_id, contest_id, command, pressed_at}]
    this.inFlight = new Set();  // client ids sent on the current socket
    this.retry = 250;
  }

  load() {
    try { return JSON.parse(localStorage.getItem(STORE(this.matId)) || "[]"); }
    catch (error) { return []; }
  }

  save() {
    try { localStorage.setItem(STORE(this.matId), JSON.stringify(this.queue)); }
    catch (error) { /* private mode: the queue still lives in memory */ }
  }

  start() { this.connect(); return this; }

  setState(state, detail = "") {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent("state", { detail: { state, detail } }));
  }

  connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}/api/mats/${this.matId}/official`);
    this.ws = ws;
    this.inFlight = new Set();
    ws.addEventListener("open", () => {
      // A token from the link goes in the first message; otherwise the session cookie counts.
      if (this.token) ws.send(JSON.stringify({ type: "auth", token: this.token }));
    });
    ws.addEventListener("message", (message) => this.receive(JSON.parse(message.data)));
    ws.addEventListener("close", (closed) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (closed.code === 4401 || closed.code === 4403) {
        this.setState("refused", closed.code === 4401 ? _("sign in again") : _("not this mat"));
        return;
      }
      this.setState("offline");
      setTimeout(() => this.connect(), this.retry);
      this.retry = Math.min(this.retry * 2, 2000);
    });
  }

  // The page learnt from elsewhere (a failed clock sample) that the network is gone.
  suspect() {
    if (this.ws && this.state === "online") {
      this.setState("offline");
      this.ws.close();
    }
  }

  receive(message) {
    if (message.type === "ready") {
      this.retry = 250;
      this.setState("online");
      this.flush();
      return;
    }
    const index = this.queue.findIndex((item) => item.client_id === message.client_id);
    if (index < 0) return;  // an answer to a command an earlier socket already settled
    const [item] = this.queue.splice(index, 1);
    this.inFlight.delete(item.client_id);
    this.save();
    this.dispatchEvent(new CustomEvent(message.type === "ack" ? "ack" : "refused",
      { detail: { ...message, item } }));
    this.dispatchEvent(new CustomEvent("queue", { detail: this.queue.length }));
  }

  // Queue a command and send it if we can; returns its client id.
  send(contestId, command, pressedAt) {
    const item = { client_id: clientId(), contest_id: contestId, command, pressed_at: pressedAt };
    this.queue.push(item);
    this.save();
    this.dispatchEvent(new CustomEvent("queue", { detail: this.queue.length }));
    this.flush();
    return item.client_id;
  }

  flush() {
    if (this.state !== "online" || !this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    for (const item of this.queue) {
      if (this.inFlight.has(item.client_id)) continue;
      // The press time travels in the command: the server keeps it for the audit trail.
      const command = { ...item.command, pressed_at: item.pressed_at };
      this.ws.send(JSON.stringify({ client_id: item.client_id, contest_id: item.contest_id,
                                    command }));
      this.inFlight.add(item.client_id);
    }
  }

  get pending() { return this.queue; }
}
