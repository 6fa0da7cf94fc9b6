import * as tf from "@tensorflow/tfjs-core";
import { setSeed } from "../backend/seed";
import { mtlError } from "../errors";
import { taskLoss } from "../tasks/task-loss";
import type { GradientWeighting } from "../weighting/types";
import { addPenaltyGrads } from "./add-penalty-grads";
import { mixSeed } from "./mix-seed";
import { checkFiniteLosses } from "./non-finite-loss";
import type { StepInput, StepOutcome } from "./step-types";
import { weighGradients } from "./weigh-gradients";

/**
 * One step of a gradient method in "representation" mode (MGDA-UB, Sener & Koltun 2018 §3.3):
 * one trunk pass gives z; T cheap passes through the heads give the task gradients ∂L_t/∂z
 * (rows of a T×(B·D) matrix) and each head's own gradient; the method weighs their Gramian, and one
 * backward of z·c through the trunk, with c = Σ_t w_t ∂L_t/∂z, gives the shared update — equal to
 * the gradient of Σ_t w_t L_t. The trunk is re-run with the same dropout seed.
 *
 * @example
 * const outcome = representationStep(input, mgda()); // needs model.representation and model.heads
 */
export function representationStep(input: StepInput, method: GradientWeighting): StepOutcome {
  const { model } = input;
  const representation = model.representation;
  const heads = model.heads;
  if (representation === undefined || heads === undefined) {
    throw mtlError({
      code: "mode-unsupported",
      message: `gradient mode "representation" needs a shared representation but model "${model.name}" has none`,
      fix: 'use gradientMode: "param"',
    });
  }
  setSeed(input.stepSeed);
  const z = tf.tidy(() => representation(input.batch.inputs, { training: true }));
  const zVariable = tf.variable(z, true);
  const losses = new Float64Array(input.tasks.length);
  const grads: tf.NamedTensorMap = {};
  const rows = input.tasks.map((task, t) => {
    const own = model.taskVariables[task.name] ?? [];
    const result = tf.variableGrads(() => {
      setSeed(mixSeed(input.stepSeed, 1));
      const output = heads(zVariable, { training: true })[task.name] as tf.Tensor;
      return taskLoss(task, output, input.batch.targets[task.name] as tf.Tensor, input.batch.masks[task.name]);
    }, [zVariable, ...own]);
    losses[t] = result.value.dataSync()[0] as number;
    result.value.dispose();
    for (const v of own) grads[v.name] = result.grads[v.name] ?? tf.zerosLike(v);
    const zGrad = result.grads[zVariable.name] ?? tf.zerosLike(z);
    const row = tf.reshape(zGrad, [-1]);
    zGrad.dispose();
    return row;
  });
  const jacobian = tf.stack(rows) as tf.Tensor2D;
  tf.dispose([...rows, zVariable]);
  try {
    checkFiniteLosses(losses, input.tasks, input.context.step, input.context.epoch);
    const weighed = weighGradients(jacobian, method, { ...input.context, losses });
    const combined = tf.reshape(weighed.direction, z.shape);
    weighed.direction.dispose();
    const trunk = tf.variableGrads(() => {
      setSeed(input.stepSeed);
      return tf.sum(tf.mul(representation(input.batch.inputs, { training: true }), combined)) as tf.Scalar;
    }, model.sharedVariables as tf.Variable[]);
    tf.dispose([trunk.value, combined]);
    Object.assign(grads, trunk.grads);
    addPenaltyGrads(grads, input.penalty, input.variables);
    const outcome: StepOutcome = { grads, losses, weights: weighed.weights, cosines: weighed.cosines };
    if (weighed.solver) outcome.solver = weighed.solver;
    return outcome;
  } catch (error) {
    tf.dispose(Object.values(grads));
    throw error;
  } finally {
    tf.dispose([jacobian, z]);
  }
}
