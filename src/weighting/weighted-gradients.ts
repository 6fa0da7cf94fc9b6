import * as tf from "@tensorflow/tfjs-core";
import { addPenaltyGrads } from "./add-penalty-grads";
import { gradientStep } from "./gradient-step";
import { guardedGrads } from "./guarded-grads";
import { checkFiniteLosses } from "./non-finite-loss";
import { isRepresentation, readLosses, stepPlan, type StepPlan } from "./step-plan";
import type {
  RepresentationLosses,
  LossesByTask,
  WeightedGradientsOptions,
  WeightedGradientsResult,
} from "./step-types";
import type { LossWeighting } from "./types";

/**
 * One multi-task step inside your own training loop: the update of every variable under a weighting method,
 * keyed by variable name for any tfjs optimizer's `applyGradients` (TorchJD's `mtl_backward`, as one call).
 * Gradient methods: one forward pass and T backward passes from it (one per task loss, as LibMTL's
 * `backward(retain_graph=True)`) give the T×P matrix J of task gradients w.r.t. the shared variables,
 * the method combines it (the same dispatcher as `aggregate`), and the shared variables get that update while
 * each task's own variables get that task's unweighted gradient (LibMTL, TorchJD). Loss-based methods: one
 * backward pass of the method's total gives ∂total/∂θ everywhere. When the losses function returns
 * `{ representation, heads }`, gradient methods take the task gradients w.r.t. the representation instead
 * (MGDA-UB, Sener & Koltun 2018 §3.3): one trunk pass, one forward through the heads with T backward passes
 * from it (one per task, each through that task's head only), and one backward of z·c, c = Σ_t w_t ∂L_t/∂z,
 * through the trunk. The trainer's step (train/run-step.ts) is this function.
 * The losses function is called once per step (and the heads once), every method and mode alike.
 * A loss that is NaN or ±Infinity throws `non-finite-loss` naming the task, step and epoch.
 *
 * @example
 * const w = tf.variable(tf.tensor1d([1, 1]));
 * const [hl, hr] = [tf.variable(tf.scalar(1)), tf.variable(tf.scalar(1))];
 * const loss = (i: number, head: tf.Variable) => tf.square(tf.mul(tf.sum(tf.slice(w, i, 1)), head)) as tf.Scalar;
 * const { grads, weights } = weightedGradients(
 *   () => ({ left: loss(0, hl), right: loss(1, hr) }),
 *   { weighting: mgda(), shared: [w], tasks: { left: [hl], right: [hr] } },
 * );
 * Array.from(weights); // → [0.5, 0.5]
 * Array.from(grads[w.name]!.dataSync()); // → [1, 1]
 * Array.from(grads[hl.name]!.dataSync()); // → [2]
 * tf.train.sgd(0.1).applyGradients(grads);
 * tf.dispose([...Object.values(grads), w, hl, hr]);
 */
export function weightedGradients(
  losses: () => LossesByTask | RepresentationLosses,
  options: WeightedGradientsOptions,
): WeightedGradientsResult {
  const plan = stepPlan(losses, options);
  const result = plan.method.kind === "loss" ? lossStep(plan, plan.method) : gradientStep(plan, plan.method);
  try {
    // A loss-based total already holds the penalty; gradient methods leave it out of J and add it here.
    if (plan.method.kind !== "loss") addPenaltyGrads(result.grads, plan.penalty, plan.all);
  } catch (error) {
    tf.dispose(Object.values(result.grads));
    throw error;
  }
  return result;
}

/** One forward pass, the method's total (plus the penalty), one backward pass for every variable. */
function lossStep(plan: StepPlan, method: LossWeighting): WeightedGradientsResult {
  const losses = new Float64Array(plan.taskNames.length);
  let weights: Float64Array = new Float64Array(plan.taskNames.length);
  const { value, grads } = guardedGrads(() => {
    const found = plan.call();
    const perTask = readLosses(
      isRepresentation(found) ? plan.heads(found, found.representation) : found,
      plan.taskNames,
    );
    perTask.forEach((loss, t) => (losses[t] = loss.dataSync()[0] as number));
    const combined = method.combine(perTask, { ...plan.context, losses });
    weights = combined.weights;
    const penalty = plan.penalty();
    return penalty === undefined ? combined.total : tf.add(combined.total, penalty);
  }, plan.all);
  value.dispose();
  // Checked after the tape closes: throwing inside it would strand the tensors saved for backprop.
  try {
    checkFiniteLosses(losses, plan.taskNames, plan.context.step, plan.context.epoch);
  } catch (error) {
    tf.dispose(Object.values(grads));
    throw error;
  }
  return { grads, weights, losses, taskNames: plan.taskNames, mode: "loss", context: { ...plan.context, losses } };
}
