import type { LossName } from "../types";
import type { LossDefinition } from "./types";
import { crossEntropy } from "./cross-entropy";
import { binaryCrossEntropy } from "./binary-cross-entropy";
import { mse } from "./mse";
import { mae } from "./mae";
import { smoothL1 } from "./smooth-l1";
import { listNet } from "./list-net";
import { dice } from "./dice";
import { giou } from "./giou";
import { inBatchSoftmax } from "./in-batch-softmax";

export type { LossDefinition } from "./types";

/**
 * Every loss function mtlkit knows, by name (`lossFunctions`: "losses" are the per-task loss values).
 *
 * @example
 * lossFunctions.mse.kinds; // → ["regression", "bbox", "ranking"]
 */
export const lossFunctions: Readonly<Record<LossName, LossDefinition>> = {
  crossEntropy,
  binaryCrossEntropy,
  mse,
  mae,
  smoothL1,
  listNet,
  dice,
  giou,
  inBatchSoftmax,
};
