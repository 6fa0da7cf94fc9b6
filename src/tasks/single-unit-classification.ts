import { mtlError, type MtlError } from "../errors";

/**
 * The error for a classification task with one output unit: a softmax over one logit is always 1,
 * so the cross-entropy is exactly 0 whatever the target and nothing trains (the PyTorch snippet of
 * seed 004 §代码实例 feeds a continuous target to `nn.CrossEntropyLoss` through `nn.Linear(32, 1)`).
 *
 * @example
 * singleUnitClassification("score", "classes: 1").code; // → "single-unit-classification"
 */
export function singleUnitClassification(task: string, found: string): MtlError {
  return mtlError({
    code: "single-unit-classification",
    message:
      `task "${task}" has kind "classification" but ${found}: a softmax over one unit is always 1, ` +
      "so the cross-entropy is 0 whatever the target and nothing trains",
    fix:
      'use kind "binary" for a yes/no target (one unit, sigmoid), give the task classes: 2 or more, ' +
      'or use kind "regression" for a continuous target',
  });
}
