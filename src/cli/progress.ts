/** Where progress goes: stderr, plus whether it is a terminal. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

/** Work shorter than this shows no bar at all. */
const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 100;

/**
 * A progress bar on stderr for work that takes more than a second, drawn only on a terminal; elsewhere
 * (pipes, CI logs) nothing is drawn and only the final line is printed. Time is read here, in the face.
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private phase = "";
  private fraction = 0;

  constructor(private readonly sink: ProgressSink, private readonly enabled = true) {}

  /** Report the current phase ("Reading deals.xlsx") and its completed fraction 0..1. */
  update(phase: string, fraction = 0): void {
    this.phase = phase;
    this.fraction = Math.max(0, Math.min(1, fraction));
    if (!this.enabled || !this.sink.isTTY) return;
    const now = Date.now();
    if (now - this.started < SHOW_AFTER_MS || now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.draw();
  }

  /** Seconds since the start. */
  elapsed(): number {
    return (Date.now() - this.started) / 1000;
  }

  /** Clear the bar (if drawn) and print one final line. */
  finish(line?: string): void {
    if (this.drawn) this.sink.write("\r\x1b[2K");
    this.drawn = false;
    if (line && this.enabled) this.sink.write(`${line}\n`);
  }

  private draw(): void {
    const cols = Math.max(40, Math.min(this.sink.columns ?? 80, 120));
    const label = this.phase.length > cols - 30 ? `${this.phase.slice(0, cols - 33)}...` : this.phase;
    const barWidth = Math.max(10, cols - label.length - 12);
    const filled = Math.round(this.fraction * barWidth);
    const pct = `${Math.round(this.fraction * 100)}%`.padStart(4);
    this.sink.write(`\r\x1b[2K${label} [${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${pct}`);
    this.drawn = true;
  }
}
