// Signals made with Web Audio (no sound files): a long buzzer at the end of time and at the end
// of a hold, short beeps at a hold's thresholds. Browsers only let a page make sound after a
// click or key press, so `unlock()` is called from the first one. Every signal is also logged in
// `played`, which the browser tests read.

export class Signals {
  constructor() {
    this.context = null;
    this.played = [];
  }

  unlock() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return false;
    if (!this.context) this.context = new Context();
    if (this.context.state === "suspended") this.context.resume();
    return true;
  }

  get ready() { return this.context !== null && this.context.state === "running"; }

  tone(frequency, start, length, volume = 0.3) {
    const ctx = this.context;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "square";
    osc.frequency.value = frequency;
    // Short ramps: a square wave switched on and off hard clicks.
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(volume, start + 0.01);
    gain.gain.setValueAtTime(volume, start + length - 0.02);
    gain.gain.linearRampToValueAtTime(0, start + length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + length + 0.05);
  }

  play(kind) {
    this.played.push({ kind, at: Date.now() });
    if (!this.context) this.unlock();
    if (!this.context) return;
    const t = this.context.currentTime + 0.01;
    if (kind === "end") this.tone(440, t, 1.6, 0.35);                // the bell
    else if (kind === "hold-end") this.tone(523, t, 1.2, 0.35);       // the hold reached ippon
    else if (kind === "threshold") {                                   // a hold's score
      this.tone(880, t, 0.15);
      this.tone(880, t + 0.25, 0.15);
    } else this.tone(660, t, 0.12);                                    // a key confirmation
  }
}
