import type { GradientWeighting, LossWeighting } from "../weighting/types";
import { lossStep } from "./loss-step";
import { paramStep } from "./param-step";
import type { Run } from "./prepare-run";
import { representationStep } from "./representation-step";
import type { StepInput, StepOutcome } from "./step-types";

/**
 * Dispatches one step to the loss-based path or to the gradient method's mode.
 *
 * @example
 * const outcome = runStep(run, input);
 */
export function runStep(run: Run, input: StepInput): StepOutcome {
  if (run.weighting.kind === "loss") return lossStep(input, run.weighting as LossWeighting);
  const method = run.weighting as GradientWeighting;
  return run.mode === "representation" ? representationStep(input, method) : paramStep(input, method);
}
