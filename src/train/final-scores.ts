import type { TaskScores } from "../metrics/delta-m";
import type { History } from "./types";

/**
 * The per-task metrics a run ended with — on the test split when there was one, else on the
 * validation split — ready for `deltaM`.
 *
 * @example
 * deltaM(finalScores(multiHistory), baseline.scores).percent;
 */
export function finalScores(history: History): TaskScores {
  return history.final.test?.metrics ?? history.final.validation?.metrics ?? {};
}
