import { mtlError } from "../errors";
import type { Task } from "./types";

/**
 * Checks a retrieval task's catalogue and K: `candidates` must be an integer ≥ 1 (code
 * missing-candidates: without a catalogue there is nothing to rank), and `topK` an integer in
 * [1, candidates] (code bad-top-k: a K past the catalogue makes every pair a hit). Other kinds pass.
 *
 * @example
 * let code = "";
 * try {
 *   checkRetrieval({ name: "movie", kind: "retrieval", size: 32, candidates: 1682, topK: 2000 });
 * } catch (error) {
 *   code = (error as MtlError).code;
 * }
 * code; // → "bad-top-k"
 */
export function checkRetrieval(task: Task): void {
  if (task.kind !== "retrieval") return;
  const candidates = task.candidates;
  if (!(Number.isInteger(candidates) && (candidates ?? 0) >= 1)) {
    throw mtlError({
      code: "missing-candidates",
      message: `retrieval task "${task.name}" has candidates ${String(candidates)}, expected the catalogue size`,
      fix: "set candidates to the number of items to retrieve from, e.g. candidates: 1682 for MovieLens-100k",
    });
  }
  const topK = task.topK ?? 100;
  if (!Number.isInteger(topK) || topK < 1 || topK > (candidates as number)) {
    throw mtlError({
      code: "bad-top-k",
      message: `retrieval task "${task.name}" has topK ${topK}, expected an integer in [1, ${candidates}] (the catalogue)`,
      fix: `use a K no larger than the catalogue, e.g. topK: ${Math.min(100, candidates as number)}`,
    });
  }
}
