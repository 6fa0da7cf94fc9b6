import type { MultiTaskModel } from "./types";
import { progressiveExtraction, type ProgressiveExtractionOptions } from "./parts/progressive-extraction";

/**
 * Customised gate control, CGC (Tang et al. 2020, §4.2, eqs. 1–4): m_s shared experts, m_t experts
 * per task, and per task k a softmax gate over [its experts; shared experts] feeding tower t^k.
 * Shared experts are shared; task k's experts, gate and tower are its own. `representation` is the
 * shared experts' outputs [B, m_s, d]; the heads (task experts, gates, towers) read the input too,
 * so call `heads` right after `representation` on the same batch. `inspect()` gives each task's
 * gate weights [B, m_t + m_s] as "gate/<task>/0" (task experts first, then shared).
 *
 * @example
 * const model = cgc({ tasks: [{ name: "a", kind: "binary" }, { name: "b", kind: "binary" }], inputShape: [8],
 *   sharedExperts: 2, taskExperts: 1, seed: 1 });
 * model.inspect!({ x: tf.ones([3, 8]) })["gate/a/0"].shape; // [3, 3]
 */
export function cgc(options: Omit<ProgressiveExtractionOptions, "levels">): MultiTaskModel {
  return progressiveExtraction(options, "cgc");
}
