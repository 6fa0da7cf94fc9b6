import { randomBytes } from "node:crypto";

/** A MIME bundle: one representation per content type, e.g. `{ "text/html": "<b>hi</b>" }`. */
export type MimeBundle = Record<string, string>;

interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}
type WriteDisplayData = (message: DisplayMessage, update: boolean) => void;

/**
 * tslab keeps the current cell's display writer in its `jupyter` module. Reading it from the module
 * the kernel itself loaded (found in require.cache) works whichever copy of tslab runs the kernel,
 * so mtlkit needs no dependency on tslab.
 */
function tslabWriter(): WriteDisplayData | undefined {
  // Deno has no require.cache; there the search below simply finds nothing.
  const cache = typeof require === "undefined" ? undefined : require.cache;
  for (const [file, loaded] of Object.entries(cache ?? {})) {
    if (!/tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const writer = (loaded?.exports as { lastWriteDisplayData?: WriteDisplayData } | undefined)?.lastWriteDisplayData;
    if (typeof writer === "function") return writer;
  }
  return undefined;
}

type Broadcast = (messageType: string, content: Record<string, unknown>) => Promise<void> | undefined;

/**
 * Deno's kernel (`deno jupyter`) publishes on iopub through `Deno.jupyter.broadcast`, with the running cell
 * as parent. Outside that subcommand reading `Deno.jupyter` throws, hence the try.
 */
function denoWriter(): WriteDisplayData | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: { broadcast?: Broadcast } } }).Deno;
  if (deno === undefined) return undefined;
  let broadcast: Broadcast | undefined;
  try {
    broadcast = deno.jupyter?.broadcast;
  } catch {
    return undefined;
  }
  if (typeof broadcast !== "function") return undefined;
  const send = broadcast;
  return (message, update) => {
    // Declared async, but some Deno versions return nothing; a failed send must not fail the training
    // run that displays progress.
    send(update ? "update_display_data" : "display_data", { ...message })?.catch(() => undefined);
  };
}

/** The display writer of the kernel this code runs in: tslab's or Deno's, found at run time. */
function kernelWriter(): WriteDisplayData | undefined {
  return tslabWriter() ?? denoWriter();
}

/**
 * True when running inside a notebook kernel (tslab or Deno's), where rich output can be displayed.
 *
 * @example
 * if (inNotebook()) showOutput({ "text/html": "<b>training…</b>" });
 * inNotebook(); // → false (this example runs under node, not in a notebook kernel)
 */
export function inNotebook(): boolean {
  return kernelWriter() !== undefined;
}

/** One notebook output that can be replaced in place. */
export interface NotebookOutput {
  /** Shows `bundle` the first time, then replaces the same output (Jupyter `update_display_data`). */
  show(bundle: MimeBundle): void;
}

/**
 * Creates an output area that later calls overwrite in place, or `undefined` outside a notebook.
 *
 * @example
 * const output = notebookOutput();
 * output?.show({ "text/plain": "epoch 1" });
 * output?.show({ "text/plain": "epoch 2" }); // replaces the line above
 * output; // → undefined (outside a notebook)
 */
export function notebookOutput(): NotebookOutput | undefined {
  if (!inNotebook()) return undefined;
  const displayId = randomBytes(8).toString("hex");
  let shown = false;
  return {
    show(bundle) {
      const writer = kernelWriter();
      if (!writer) return;
      writer({ data: bundle, metadata: {}, transient: { display_id: displayId } }, shown);
      shown = true;
    },
  };
}

/**
 * Displays a MIME bundle once in the current notebook cell; returns false outside a notebook.
 *
 * @example
 * showOutput({ "text/html": "<b>done</b>", "text/plain": "done" }); // → false (outside a notebook: nothing shown)
 */
export function showOutput(bundle: MimeBundle): boolean {
  const writer = kernelWriter();
  if (!writer) return false;
  writer({ data: bundle, metadata: {}, transient: {} }, false);
  return true;
}

/**
 * Displays an SVG figure in a notebook as `text/html` (saved SVG outputs are hidden or emptied by
 * Jupyter's trust model and nbconvert 6.5). Returns nothing, so a cell ending in it does not also
 * print the SVG's text; outside a notebook it does nothing (use {@link inNotebook} to tell).
 *
 * @example
 * const history = [{ epoch: 0, train: { left: 1.2 } }, { epoch: 1, train: { left: 0.7 } }];
 * showSvg(lossCurves(history)); // a figure in a notebook, nothing elsewhere
 */
export function showSvg(svg: string): void {
  showOutput({ "text/html": svg, "text/plain": "[figure]" });
}
