/**
 * The one error type mtlkit throws for problems a user can fix: bad input, a missing file,
 * an unknown name. `code` is stable, so tests and callers can match on it; the message always
 * says what was expected, what was found, and how to fix it.
 *
 * @example
 * const error = mtlError({
 *   code: "loss-kind-mismatch",
 *   message: 'task "rating" has kind "regression" but loss "crossEntropy" needs kind "classification"',
 *   fix: 'use loss "mse"',
 * });
 * error instanceof MtlError; // → true
 * error.code; // → "loss-kind-mismatch"
 */
export class MtlError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "MtlError";
    this.code = code;
  }
}

/** The fields an mtlkit error is built from. */
export interface MtlErrorFields {
  /** Stable identifier, kebab-case, e.g. `"unknown-task"`. */
  code: string;
  /** What was expected and what was found, in one sentence. */
  message: string;
  /** How to fix it, in one sentence. Appended after a semicolon. */
  fix?: string;
}

/**
 * Builds an {@link MtlError}; every mtlkit error goes through here so messages keep one shape.
 *
 * @example
 * const error = mtlError({ code: "unknown-task", message: 'no task "depth"', fix: 'use one of "left", "right"' });
 * error.message; // → 'no task "depth"; use one of "left", "right".'
 */
export function mtlError(fields: MtlErrorFields): MtlError {
  const text = fields.fix ? `${fields.message}; ${fields.fix}` : fields.message;
  return new MtlError(fields.code, text.endsWith(".") ? text : `${text}.`);
}

/**
 * Formats a list of known names for an "unknown name" message.
 *
 * @example
 * knownNames(["left", "right"]); // → '"left", "right"'
 */
export function knownNames(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(", ");
}

const warned = new Map<string, number>();

/**
 * Prints a pitfall once per `key` (to stderr) and counts repeats, so a warning inside a training
 * loop does not flood the output. Returns how many times the key has been seen.
 *
 * @example
 * warnOnce("example-pitfall", "MGDA's Frank–Wolfe solver stopped before converging"); // → 1
 * warnOnce("example-pitfall", "printed only once"); // → 2
 */
export function warnOnce(key: string, message: string): number {
  const seen = (warned.get(key) ?? 0) + 1;
  warned.set(key, seen);
  if (seen === 1) process.stderr.write(`mtlkit warning: ${message}\n`);
  return seen;
}

/** How often each warning key was raised since the process started (or since {@link resetWarnings}). */
export function warningCounts(): ReadonlyMap<string, number> {
  return warned;
}

/** Forgets which warnings were printed; for tests. */
export function resetWarnings(): void {
  warned.clear();
}
