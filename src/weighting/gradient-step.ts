import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import { dispatchGradients, type DeviceCombination } from "./dispatch";
import { offTape } from "./off-tape";
import { taskGradients, type TaskGradients } from "./task-gradients";
import { checkFiniteLosses } from "./non-finite-loss";
import { isRepresentation, readLosses, type StepPlan } from "./step-plan";
import type { RepresentationLosses, WeightedGradientsResult } from "./step-types";
import type { GradientMode, GradientWeighting } from "./types";

/** What the representation pass leaves for the caller: the heads' gradients and the weighing. */
interface RepresentationPass {
  headGrads: tf.NamedTensorMap;
  losses: Float64Array;
  weighed?: DeviceCombination;
  /** c as a leaf variable sharing the direction's data, so the trunk's backward sees no path into the heads. */
  constant?: tf.Variable;
}

/**
 * A gradient method's step: one forward of the losses function and T backward passes from it
 * ({@link taskGradients}) give the rows of J w.r.t. the shared variables and each task's own gradient; or,
 * when the call returns a representation, the MGDA-UB pass of {@link representationPass} inside the trunk's
 * tape, so the trunk runs forward once and backward once.
 *
 * @example
 * const w = tf.variable(tf.tensor1d([1, 1]));
 * const [hl, hr] = [tf.variable(tf.scalar(1)), tf.variable(tf.scalar(1))];
 * const loss = (i, head) => tf.square(tf.mul(tf.sum(tf.slice(w, i, 1)), head));
 * const losses = () => ({ left: loss(0, hl), right: loss(1, hr) });
 * const plan = stepPlan(losses, { weighting: mgda(), shared: [w], tasks: { left: [hl], right: [hr] } });
 * const result = gradientStep(plan, mgda());
 * Array.from(result.weights); // → [0.5, 0.5]
 * result.grads[w.name]; // → [1, 1]
 * tf.dispose([...Object.values(result.grads), w, hl, hr]);
 */
export function gradientStep(plan: StepPlan, method: GradientWeighting): WeightedGradientsResult {
  if (plan.shared.length === 0) {
    throw mtlError({
      code: "no-shared-variables",
      message:
        `gradient method "${method.name}" got no shared variables, so it has nothing to combine: it weighs ` +
        `task gradients on shared parameters, and each task's own parameters already get their own gradient`,
      fix:
        "use a loss-based weighting (equal, staticWeights, uncertainty, dwa, rlw, …), or list the variables " +
        "the tasks share in shared",
    });
  }
  const losses = new Float64Array(plan.taskNames.length);
  let pass: RepresentationPass | undefined;
  const computed = taskGradients(
    () => {
      const found = plan.call();
      if (!isRepresentation(found)) {
        checkMode(method, "param");
        return readLosses(found, plan.taskNames);
      }
      checkMode(method, "representation");
      pass = { headGrads: {}, losses };
      return [representationPass(plan, method, found, pass)];
    },
    (t) => [...plan.shared, ...(plan.own[t] as tf.Variable[])],
  );
  if (pass !== undefined) {
    tf.dispose(computed.losses);
    return representationResult(plan, computed.grads[0] as tf.NamedTensorMap, pass);
  }
  return parameterResult(plan, method, computed, losses);
}

/** Param mode: J from the T backward passes, weighed; the shared variables get the direction. */
function parameterResult(
  plan: StepPlan,
  method: GradientWeighting,
  computed: TaskGradients,
  losses: Float64Array,
): WeightedGradientsResult {
  const grads: tf.NamedTensorMap = {};
  let jacobian: tf.Tensor2D | undefined;
  try {
    // One readback for the T losses.
    tf.tidy(() => tf.stack(computed.losses).dataSync()).forEach((value, t) => (losses[t] = value));
    plan.own.forEach((own, t) => {
      for (const v of own) grads[v.name] = (computed.grads[t] as tf.NamedTensorMap)[v.name] ?? tf.zerosLike(v);
    });
    jacobian = tf.tidy(() => {
      const row = (taskGrads: tf.NamedTensorMap) =>
        tf.concat(plan.shared.map((v) => tf.reshape(taskGrads[v.name] ?? tf.zerosLike(v), [-1])));
      return tf.stack(computed.grads.map(row)) as tf.Tensor2D;
    });
    checkFiniteLosses(losses, plan.taskNames, plan.context.step, plan.context.epoch);
    const weighed = dispatchGradients(method, jacobian, { ...plan.context, losses });
    let offset = 0;
    for (const v of plan.shared) {
      grads[v.name] = tf.tidy(() => tf.reshape(tf.slice(weighed.direction, offset, v.size), v.shape));
      offset += v.size;
    }
    weighed.direction.dispose();
    return outcome(plan, grads, losses, weighed, "param");
  } catch (error) {
    tf.dispose(Object.values(grads));
    throw error;
  } finally {
    jacobian?.dispose();
    tf.dispose(computed.losses);
    tf.dispose(computed.grads.flatMap((taskGrads) => plan.shared.map((v) => taskGrads[v.name] ?? [])).flat());
  }
}

/**
 * Inside the trunk's tape, with that tape paused ({@link offTape}): the heads' pass of
 * {@link weighRepresentation} gives ∂L_t/∂z and each head's gradient (not recorded on the trunk's tape, so
 * its backward neither runs it nor keeps copies of its tensors) and the method weighs them; returns z·c with
 * c = Σ_t w_t ∂L_t/∂z held constant, whose backward through the trunk is the shared update.
 */
function representationPass(
  plan: StepPlan,
  method: GradientWeighting,
  found: RepresentationLosses,
  pass: RepresentationPass,
): tf.Scalar {
  const z = found.representation;
  offTape(() => weighRepresentation(plan, method, found, pass));
  try {
    pass.constant = tf.variable(pass.weighed?.direction as tf.Tensor, false);
    return tf.sum(tf.mul(z, tf.reshape(pass.constant, z.shape))) as tf.Scalar;
  } catch (error) {
    tf.dispose(Object.values(pass.headGrads));
    pass.weighed?.direction.dispose();
    pass.constant?.dispose();
    throw error;
  }
}

/**
 * One forward through the heads on a variable holding z, T backward passes from it ({@link taskGradients}):
 * ∂L_t/∂z and each head's gradient; then the weighing. Fills the pass's head gradients, losses and (kept)
 * direction.
 */
function weighRepresentation(
  plan: StepPlan,
  method: GradientWeighting,
  found: RepresentationLosses,
  pass: RepresentationPass,
): void {
  const z = found.representation;
  const copy = tf.variable(z, true);
  let jacobian: tf.Tensor2D | undefined;
  let losses: tf.Scalar[] = [];
  try {
    const result = taskGradients(
      () => readLosses(plan.heads(found, copy), plan.taskNames),
      (t) => [copy, ...(plan.own[t] as tf.Variable[])],
    );
    losses = result.losses;
    plan.own.forEach((own, t) => {
      const grads = result.grads[t] as tf.NamedTensorMap;
      for (const v of own) pass.headGrads[v.name] = tf.keep(grads[v.name] ?? tf.zerosLike(v));
    });
    // One readback for the T losses instead of one per pass.
    tf.tidy(() => tf.stack(losses).dataSync()).forEach((value, t) => (pass.losses[t] = value));
    jacobian = tf.tidy(
      () => tf.stack(result.grads.map((grads) => tf.reshape(grads[copy.name] ?? tf.zerosLike(z), [-1]))) as tf.Tensor2D,
    );
    tf.dispose(result.grads.map((grads) => grads[copy.name] ?? []));
    checkFiniteLosses(pass.losses, plan.taskNames, plan.context.step, plan.context.epoch);
    pass.weighed = dispatchGradients(method, jacobian, { ...plan.context, losses: pass.losses });
    tf.keep(pass.weighed.direction);
  } catch (error) {
    tf.dispose(Object.values(pass.headGrads));
    throw error;
  } finally {
    tf.dispose(losses);
    jacobian?.dispose();
    copy.dispose();
  }
}

function representationResult(
  plan: StepPlan,
  trunkGrads: tf.NamedTensorMap,
  pass: RepresentationPass,
): WeightedGradientsResult {
  const weighed = pass.weighed as DeviceCombination;
  weighed.direction.dispose();
  pass.constant?.dispose();
  const grads: tf.NamedTensorMap = { ...pass.headGrads };
  const sharedNames = new Set(plan.shared.map((v) => v.name));
  for (const [name, g] of Object.entries(trunkGrads)) {
    if (sharedNames.has(name)) grads[name] = g;
    else g.dispose();
  }
  return outcome(plan, grads, pass.losses, weighed, "representation");
}

function outcome(
  plan: StepPlan,
  grads: tf.NamedTensorMap,
  losses: Float64Array,
  weighed: DeviceCombination,
  mode: GradientMode,
): WeightedGradientsResult {
  const context = { ...plan.context, losses };
  const result: WeightedGradientsResult = {
    grads,
    weights: weighed.weights,
    losses,
    taskNames: plan.taskNames,
    mode,
    cosines: weighed.cosines,
    context,
  };
  if (weighed.solver) result.solver = weighed.solver;
  return result;
}

function checkMode(method: GradientWeighting, mode: GradientMode): void {
  const modes =
    method.kind === "jacobian" ? (method.modes ?? ["param", "representation"]) : ["param", "representation"];
  if (modes.includes(mode)) return;
  throw mtlError({
    code: "mode-unsupported",
    message: `method "${method.name}" does not support gradient mode "${mode}"`,
    fix:
      mode === "representation"
        ? "return the task losses (not a representation) from the losses function"
        : `use gradient mode ${modes.join(", ")}`,
  });
}
