import * as tf from "@tensorflow/tfjs-core";
import { setSeed } from "../backend/seed";
import type { LossWeighting } from "../weighting/types";
import { checkFiniteLosses } from "./non-finite-loss";
import type { StepInput, StepOutcome } from "./step-types";
import { taskLosses } from "./task-losses";

/**
 * One step of a loss-based method: one forward pass, the T task losses, the method's combined
 * total (plus penalties), and one backward pass for every variable.
 *
 * @example
 * const outcome = lossStep(input, equal());
 */
export function lossStep(input: StepInput, method: LossWeighting): StepOutcome {
  const losses = new Float64Array(input.tasks.length);
  let weights: Float64Array = new Float64Array(input.tasks.length);
  const { value, grads } = tf.variableGrads(() => {
    setSeed(input.stepSeed);
    const outputs = input.model.forward(input.batch.inputs, { training: true });
    const perTask = taskLosses(outputs, input.tasks, input.batch);
    perTask.forEach((loss, t) => (losses[t] = loss.dataSync()[0] as number));
    const combined = method.combine(perTask, { ...input.context, losses });
    weights = combined.weights;
    const penalty = input.penalty();
    return penalty === undefined ? combined.total : tf.add(combined.total, penalty);
  }, input.variables as tf.Variable[]);
  value.dispose();
  // Checked after the tape closes: throwing inside it would strand the tensors saved for backprop.
  try {
    checkFiniteLosses(losses, input.tasks, input.context.step, input.context.epoch);
  } catch (error) {
    tf.dispose(Object.values(grads));
    throw error;
  }
  return { grads, losses, weights };
}
