import type { History } from "./types";

/** The cost of a trained model: its size and its training time. */
export interface Resources {
  /** All parameters. */
  parameters: number;
  /** The shared ones (the trunk). */
  sharedParameters: number;
  /** Wall-clock training seconds (validation included) and the mean per epoch. */
  seconds: number;
  secondsPerEpoch: number;
  backend: string;
}

/**
 * A run's resource metrics — parameter count and training time — to report beside Δm, since a
 * multi-task model that matches T single-task models with one trunk is also T−1 trunks cheaper.
 *
 * @example
 * resources(history);
 * // { parameters: 27450, sharedParameters: 21330, seconds: 41.2, secondsPerEpoch: 4.1, backend: "cpu" }
 */
export function resources(history: History): Resources {
  const epochs = history.timing.epochSeconds.length;
  return {
    parameters: history.parameters.total,
    sharedParameters: history.parameters.shared,
    seconds: history.timing.seconds,
    secondsPerEpoch: epochs > 0 ? history.timing.epochSeconds.reduce((a, b) => a + b, 0) / epochs : 0,
    backend: history.timing.backend,
  };
}
