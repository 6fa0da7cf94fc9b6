import * as tf from "@tensorflow/tfjs-core";
import { setSeed } from "../backend/seed";
import { mtlError } from "../errors";
import { taskLoss } from "../tasks/task-loss";
import type { GradientWeighting } from "../weighting/types";
import { addPenaltyGrads } from "./add-penalty-grads";
import { checkFiniteLosses } from "./non-finite-loss";
import type { StepInput, StepOutcome } from "./step-types";
import { weighGradients } from "./weigh-gradients";

/**
 * One step of a gradient method in "param" mode: T backward passes give the T×P matrix J of task
 * gradients w.r.t. the shared variables; the method turns its Gramian into weights w and the
 * shared update is wᵀJ; each task's own variables get that task's (unweighted) gradient, as in
 * LibMTL. Every pass reseeds dropout, so all tasks see the same network sample.
 *
 * @example
 * const outcome = paramStep(input, mgda()); // outcome.weights, outcome.cosines
 */
export function paramStep(input: StepInput, method: GradientWeighting): StepOutcome {
  const shared = input.model.sharedVariables;
  if (shared.length === 0) {
    throw mtlError({
      code: "no-shared-variables",
      message: `model "${input.model.name}" has no shared variables, so gradient method "${method.name}" has nothing to combine: it weighs task gradients on shared parameters, and each task's own parameters already get their own gradient`,
      fix: "use a loss-based weighting (equal, staticWeights, uncertainty, dwa, rlw, …), or a model with shared parameters (hardSharing, crossStitch, mmoe) for a gradient method",
    });
  }
  const losses = new Float64Array(input.tasks.length);
  const grads: tf.NamedTensorMap = {};
  const rows = input.tasks.map((task, t) => {
    const own = input.model.taskVariables[task.name] ?? [];
    const result = tf.variableGrads(() => {
      setSeed(input.stepSeed);
      const output = input.model.forward(input.batch.inputs, { training: true })[task.name] as tf.Tensor;
      return taskLoss(task, output, input.batch.targets[task.name] as tf.Tensor, input.batch.masks[task.name]);
    }, [...shared, ...own]);
    losses[t] = result.value.dataSync()[0] as number;
    result.value.dispose();
    for (const v of own) grads[v.name] = result.grads[v.name] ?? tf.zerosLike(v);
    const row = tf.tidy(() => tf.concat(shared.map((v) => tf.reshape(result.grads[v.name] ?? tf.zerosLike(v), [-1]))));
    shared.forEach((v) => result.grads[v.name]?.dispose());
    return row;
  });
  const jacobian = tf.stack(rows) as tf.Tensor2D;
  tf.dispose(rows);
  try {
    checkFiniteLosses(losses, input.tasks, input.context.step, input.context.epoch);
    const weighed = weighGradients(jacobian, method, { ...input.context, losses });
    let offset = 0;
    for (const v of shared) {
      grads[v.name] = tf.tidy(() => tf.reshape(tf.slice(weighed.direction, offset, v.size), v.shape));
      offset += v.size;
    }
    weighed.direction.dispose();
    addPenaltyGrads(grads, input.penalty, input.variables);
    const outcome: StepOutcome = { grads, losses, weights: weighed.weights, cosines: weighed.cosines };
    if (weighed.solver) outcome.solver = weighed.solver;
    return outcome;
  } catch (error) {
    tf.dispose(Object.values(grads));
    throw error;
  } finally {
    jacobian.dispose();
  }
}
