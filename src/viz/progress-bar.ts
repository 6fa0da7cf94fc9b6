/** Options for {@link progressBar}. */
export interface ProgressBarOptions {
  /** Units of work in all; unknown totals show the count without a bar. */
  total?: number;
  /** What is being done, printed before the bar, e.g. "bench" or "MovieLens-100k". */
  label?: string;
  /** "bytes" prints counts as kB/MB (downloads). Default "count". */
  unit?: "count" | "bytes";
  /** Where to draw. Default process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Least time between two redraws on a terminal, in ms. Default 100. */
  throttleMs?: number;
  /** Least time between two plain lines when the stream is not a terminal (CI, logs), in ms. Default 10 000. */
  plainEveryMs?: number;
  /** Characters of the bar. Default 24. */
  width?: number;
}

/** A progress display for one long job. */
export interface ProgressBar {
  /** Reports `done` units finished so far, with an optional word on what runs now. */
  update(done: number, detail?: string): void;
  /** Ends the display with a last line (the time taken). */
  finish(detail?: string): void;
}

function formatAmount(value: number, unit: "count" | "bytes"): string {
  if (unit === "count") return String(value);
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} MB`;
  return `${(value / 1e3).toFixed(0)} kB`;
}

/**
 * A terminal progress bar for scripts (benchmarks, downloads): on a terminal one line redrawn in place
 * (`[######------] 50% 4/8 · detail · 12 s`), elsewhere — CI, pipes, logs — a plain line at most every
 * `plainEveryMs` and one at the end, never carriage returns.
 *
 * @example
 * const lines: string[] = [];
 * const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream;
 * const bar = progressBar({ total: 4, label: "bench", stream, plainEveryMs: 0 });
 * bar.update(2, "mlp on wasm");
 * lines[0]; // → "bench: 2/4 (50%) · mlp on wasm · 0 s\n"
 */
export function progressBar(options: ProgressBarOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const { total, label, unit = "count", throttleMs = 100, plainEveryMs = 10_000, width = 24 } = options;
  const tty = stream.isTTY === true;
  const started = Date.now();
  let lastDraw = -Infinity;
  const prefix = label ? `${label}: ` : "";
  const describe = (done: number, detail?: string) => {
    const seconds = `${((Date.now() - started) / 1000).toFixed(0)} s`;
    const share = total ? Math.min(1, done / total) : undefined;
    const amount = total ? `${formatAmount(done, unit)}/${formatAmount(total, unit)}` : formatAmount(done, unit);
    const percent = share === undefined ? "" : ` (${Math.round(share * 100)}%)`;
    return { share, text: `${amount}${percent}${detail ? ` · ${detail}` : ""} · ${seconds}` };
  };
  return {
    update(done, detail) {
      const now = Date.now();
      if (now - lastDraw < (tty ? throttleMs : plainEveryMs)) return;
      lastDraw = now;
      const { share, text } = describe(done, detail);
      if (!tty) {
        stream.write(`${prefix}${text}\n`);
        return;
      }
      const filled = Math.round((share ?? 0) * width);
      const bar = share === undefined ? "" : `[${"#".repeat(filled)}${"-".repeat(width - filled)}] `;
      stream.write(`\r${prefix}${bar}${text}\u001b[K`);
    },
    finish(detail) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`${tty ? "\r\u001b[K" : ""}${prefix}done in ${seconds} s${detail ? ` · ${detail}` : ""}\n`);
    },
  };
}
