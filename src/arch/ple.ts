import type { MultiTaskModel } from "./types";
import { progressiveExtraction, type ProgressiveExtractionOptions } from "./parts/progressive-extraction";

/**
 * Progressive layered extraction, PLE (Tang et al. 2020, §4.3, eqs. 5–6): `levels` stacked CGC
 * levels; at level j task k's gate reads its previous gate output, g^{k,j} = w^{k,j}(g^{k,j−1}) S^{k,j},
 * and every level but the last has a shared gate over all its experts feeding the next level's
 * shared experts. Task k owns its tower, its last-level experts and gate and its second-to-last
 * gate; everything else is reached by every task through the shared gates, so it is shared.
 * With `levels` ≥ 2 there is no single shared representation (no `representation`/`heads`).
 * `inspect()` gives "gate/<task>/<level>" [B, m_t + m_s] and "gate/shared/<level>" [B, T·m_t + m_s].
 *
 * @example
 * const model = ple({ tasks: [{ name: "a", kind: "binary" }, { name: "b", kind: "binary" }], inputShape: [8],
 *   levels: 2, seed: 1 });
 * const gates = model.inspect!({ x: tf.ones([3, 8]) });
 * Object.keys(gates); // ["gate/a/0", "gate/b/0", "gate/shared/0", "gate/a/1", "gate/b/1"]
 */
export function ple(options: ProgressiveExtractionOptions): MultiTaskModel {
  return progressiveExtraction(options, "ple");
}
