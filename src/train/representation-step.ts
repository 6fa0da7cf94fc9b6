import * as tf from "@tensorflow/tfjs-core";
import { setSeed } from "../backend/seed";
import { mtlError } from "../errors";
import { taskLoss } from "../tasks/task-loss";
import type { MultiTaskModel } from "../arch/types";
import type { GradientWeighting } from "../weighting/types";
import { addPenaltyGrads } from "./add-penalty-grads";
import { mixSeed } from "./mix-seed";
import { checkFiniteLosses } from "./non-finite-loss";
import type { StepInput, StepOutcome } from "./step-types";
import { weighGradients, type WeighedGradients } from "./weigh-gradients";

type Heads = NonNullable<MultiTaskModel["heads"]>;

interface HeadPass {
  /** ∂L_t/∂z for every task, stacked T×(B·D). */
  jacobian: tf.Tensor2D;
  /** Each task's own head gradients, keyed by variable name. */
  headGrads: tf.NamedTensorMap;
  losses: Float64Array;
}

/**
 * The T cheap passes through the heads, on a variable holding a copy of z: the copy shares no
 * recorded op with the trunk, so these nested gradients never flow into the trunk's backward.
 */
function headPasses(input: StepInput, heads: Heads, z: tf.Tensor): HeadPass {
  const { model } = input;
  const zVariable = tf.variable(z, true);
  const losses = new Float64Array(input.tasks.length);
  const headGrads: tf.NamedTensorMap = {};
  try {
    const rows = input.tasks.map((task, t) => {
      const own = model.taskVariables[task.name] ?? [];
      const result = tf.variableGrads(() => {
        setSeed(mixSeed(input.stepSeed, 1));
        const output = heads(zVariable, { training: true })[task.name] as tf.Tensor;
        return taskLoss(task, output, input.batch.targets[task.name] as tf.Tensor, input.batch.masks[task.name]);
      }, [zVariable, ...own]);
      losses[t] = result.value.dataSync()[0] as number;
      for (const v of own) headGrads[v.name] = tf.keep(result.grads[v.name] ?? tf.zerosLike(v));
      return tf.reshape(result.grads[zVariable.name] ?? tf.zerosLike(z), [-1]);
    });
    return { jacobian: tf.keep(tf.stack(rows) as tf.Tensor2D), headGrads, losses };
  } catch (error) {
    tf.dispose(Object.values(headGrads));
    throw error;
  } finally {
    zVariable.dispose();
  }
}

/**
 * One step of a gradient method in "representation" mode (MGDA-UB, Sener & Koltun 2018 §3.3):
 * one trunk pass gives z; T cheap passes through the heads give the task gradients ∂L_t/∂z
 * (rows of a T×(B·D) matrix) and each head's own gradient; the method weighs their Gramian, and the
 * backward of z·c through the trunk, with c = Σ_t w_t ∂L_t/∂z held constant, gives the shared
 * update — equal to the gradient of Σ_t w_t L_t. The trunk runs forward once: the head passes and
 * the weighting happen inside the trunk's gradient tape (tfjs nests gradient tapes), so the
 * trunk's backward reuses the activations of that single pass.
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
  let pass: HeadPass | undefined;
  let weighed: WeighedGradients | undefined;
  let failure: unknown;
  try {
    const trunk = tf.variableGrads(() => {
      setSeed(input.stepSeed);
      const z = representation(input.batch.inputs, { training: true });
      try {
        pass = headPasses(input, heads, z);
        checkFiniteLosses(pass.losses, input.tasks, input.context.step, input.context.epoch);
        weighed = weighGradients(pass.jacobian, method, { ...input.context, losses: pass.losses });
        tf.keep(weighed.direction);
        return tf.sum(tf.mul(z, tf.reshape(weighed.direction, z.shape))) as tf.Scalar;
      } catch (error) {
        // Throwing here would leave the tape's saved activations alive; finish the backward of a
        // zero loss instead, which frees them, and throw afterwards.
        failure = error;
        return tf.mul(tf.sum(z), 0) as tf.Scalar;
      }
    }, model.sharedVariables as tf.Variable[]);
    trunk.value.dispose();
    if (failure !== undefined) {
      tf.dispose(Object.values(trunk.grads));
      throw failure;
    }
    const done = pass as unknown as HeadPass;
    const result = weighed as unknown as WeighedGradients;
    const grads: tf.NamedTensorMap = { ...done.headGrads, ...trunk.grads };
    addPenaltyGrads(grads, input.penalty, input.variables);
    const outcome: StepOutcome = { grads, losses: done.losses, weights: result.weights, cosines: result.cosines };
    if (result.solver) outcome.solver = result.solver;
    return outcome;
  } catch (error) {
    if (pass) tf.dispose(Object.values((pass as HeadPass).headGrads));
    throw error;
  } finally {
    if (pass) (pass as HeadPass).jacobian.dispose();
    if (weighed) (weighed as WeighedGradients).direction.dispose();
  }
}
