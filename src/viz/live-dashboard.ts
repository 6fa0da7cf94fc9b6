import { lossCurves } from "./loss-curves";
import { notebookOutput, type NotebookOutput } from "./notebook-output";
import { lossesOf, type EpochLosses, type StepProgress, type TaskLosses } from "./types";

/** Options for {@link liveDashboard}. */
export interface LiveDashboardOptions {
  /** Title shown above the curves. Default "training". */
  title?: string;
  /** Least time between two redraws, in ms; Jupyter front ends lag below ~200 ms. Default 250. */
  throttleMs?: number;
  /** Log-scaled loss axis. Default false. */
  logScale?: boolean;
  /** Where the terminal progress bar goes outside a notebook. Default process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * The callbacks a dashboard gives the trainer: pass `onStep` and `onEpochEnd` to `train()`'s
 * options (or spread the dashboard into them). They return promises that let the notebook's
 * display messages out while a training loop runs.
 */
export interface DashboardCallbacks {
  onStep(progress: StepProgress): Promise<void>;
  onEpochEnd(losses: EpochLosses): Promise<void>;
  onTrainEnd(): Promise<void>;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function formatLosses(losses: TaskLosses): string {
  return Object.entries(losses)
    .map(([task, loss]) => `${task} ${loss.toFixed(4)}`)
    .join(" · ");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function progressLine(progress: StepProgress | undefined, finished: readonly EpochLosses[]): string {
  if (!progress) return finished.length ? `epoch ${finished.length} done` : "starting";
  const steps = progress.stepsPerEpoch ? `/${progress.stepsPerEpoch}` : "";
  const epochs = progress.epochs ? `/${progress.epochs}` : "";
  const losses = formatLosses(progress.losses);
  return `epoch ${progress.epoch + 1}${epochs} · step ${progress.step + 1}${steps} · ${losses}`;
}

function notebookCallbacks(
  output: NotebookOutput,
  options: Required<Omit<LiveDashboardOptions, "stream">>,
): DashboardCallbacks {
  const epochs: EpochLosses[] = [];
  let latest: StepProgress | undefined;
  let lastDraw = 0;
  const draw = async (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < options.throttleMs) return;
    lastDraw = now;
    const line = progressLine(latest, epochs);
    const figure = epochs.length ? lossCurves(epochs, { title: options.title, logScale: options.logScale }) : "";
    output.show({
      "text/html":
        `<div class="mtlkit-dashboard">` +
        `<div style="font-family:monospace">${escapeHtml(line)}</div>${figure}</div>`,
      "text/plain": line,
    });
    await yieldToEventLoop();
  };
  return {
    async onStep(progress) {
      latest = progress;
      await draw(false);
    },
    async onEpochEnd(losses) {
      epochs.push(losses);
      await draw(true);
    },
    async onTrainEnd() {
      latest = undefined;
      await draw(true);
    },
  };
}

function terminalCallbacks(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  throttleMs: number,
): DashboardCallbacks {
  let lastDraw = 0;
  const barWidth = 24;
  return {
    async onStep(progress) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - lastDraw < throttleMs) return;
      lastDraw = now;
      const done = progress.stepsPerEpoch ? (progress.step + 1) / progress.stepsPerEpoch : 0;
      const filled = Math.round(done * barWidth);
      const bar = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]`;
      stream.write(`\r${bar} ${progressLine(progress, [])}\u001b[K`);
    },
    async onEpochEnd(losses) {
      const validationLosses = lossesOf(losses.validation);
      const validation = validationLosses ? ` | validation ${formatLosses(validationLosses)}` : "";
      stream.write(
        `${stream.isTTY ? "\r\u001b[K" : ""}epoch ${losses.epoch + 1}: ` +
          `train ${formatLosses(lossesOf(losses.train) ?? {})}${validation}\n`,
      );
    },
    async onTrainEnd() {},
  };
}

/**
 * A live training display. In a notebook it redraws one output in place — a progress line and
 * per-task loss curves — at most every `throttleMs` and at every epoch's end; elsewhere it draws a
 * terminal progress bar and one line per epoch. Pass its callbacks to the trainer.
 *
 * @example
 * const lines: string[] = [];
 * const stream = { write: (text: string) => lines.push(text), isTTY: false } as never;
 * const dashboard = liveDashboard({ title: "MultiMNIST", stream }); // then train(model, data, { ...dashboard })
 * await dashboard.onEpochEnd({ epoch: 0, train: { left: 0.5, right: 0.25 } });
 * await dashboard.onTrainEnd();
 * lines; // → ["epoch 1: train left 0.5000 · right 0.2500\n"]
 */
export function liveDashboard(options: LiveDashboardOptions = {}): DashboardCallbacks {
  const resolved = {
    title: options.title ?? "training",
    throttleMs: options.throttleMs ?? 250,
    logScale: options.logScale ?? false,
  };
  const output = notebookOutput();
  if (output) return notebookCallbacks(output, resolved);
  return terminalCallbacks(options.stream ?? process.stderr, resolved.throttleMs);
}
