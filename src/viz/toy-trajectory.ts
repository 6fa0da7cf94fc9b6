import { createRng } from "../backend/random";
import { toyLossAndGradients, type ToyLandscapeOptions } from "../data/toy-landscape";
import { adamStep, type AdamMoments } from "../weighting/adam-step";
import { aggregate } from "../weighting/aggregate";
import { lossWeights } from "../weighting/loss-weights";
import type { SolverStatus, WeightingContext, WeightingMethod } from "../weighting/types";

// The optimisation on the toy landscape lives here, not in data/, because it runs weighting methods (data
// comes before weighting in design.md's order); viz draws its paths (trajectoryPlot).

/** Options of {@link toyTrajectory}; defaults are the CAGrad toy script's settings. */
export interface ToyTrajectoryOptions extends ToyLandscapeOptions {
  /** Adam steps. Default 100 000 (CAGrad's toy.py; Nash-MTL's uses 35 000). */
  steps?: number;
  /** Adam learning rate. Default 1e-3 (both papers). */
  lr?: number;
  /** Record the position every this many steps (and at the end). Default 100. */
  recordEvery?: number;
  /** Seed of `context.rng` for stochastic methods. Default 0. */
  seed?: number;
}

/** A trajectory on the toy landscape. */
export interface ToyTrajectory {
  /** Recorded positions [x1, x2], first the start, last the end. */
  path: [number, number][];
  end: [number, number];
  /** Task losses at the end. */
  losses: [number, number];
  /** Steps whose solver reported no convergence. */
  unconverged: number;
}

/**
 * Runs Adam (β = 0.9, 0.999, ε = 1e-8, as torch) from `start` on the toy landscape with the update
 * direction of `method` on the exact task gradients: gradient methods through `aggregate`, loss methods
 * through their effective weights (`lossWeights`: `weightsFor`, else `combine` on tf scalars; learnable variables are
 * not trained). Calls the method's `endStep` after each step, like the trainer.
 *
 * @example
 * const run = toyTrajectory(mgda(), [-8.5, 7.5], { steps: 1000 });
 * run.path.length; // → 11 (the start, then every 100 steps)
 * run.losses[0] < toyLossAndGradients(-8.5, 7.5).losses[0]; // → true (on the way down)
 */
export function toyTrajectory(
  method: WeightingMethod,
  start: readonly [number, number],
  options: ToyTrajectoryOptions = {},
): ToyTrajectory {
  const steps = options.steps ?? 100_000;
  const lr = options.lr ?? 1e-3;
  const recordEvery = options.recordEvery ?? 100;
  const rng = createRng(options.seed ?? 0);
  let x: Float64Array = Float64Array.from(start);
  let moments: AdamMoments = { firstMoment: undefined, secondMoment: undefined, steps: 0 };
  const path: [number, number][] = [[x[0] as number, x[1] as number]];
  let unconverged = 0;
  let current = toyLossAndGradients(x[0] as number, x[1] as number, options);
  for (let step = 0; step < steps; step++) {
    const context: WeightingContext = { step, epoch: 0, rng, taskNames: ["task1", "task2"], losses: current.losses };
    const { direction, solver } = toyDirection(method, current.gradients, context);
    if (solver && !solver.converged) unconverged++;
    ({ values: x, ...moments } = adamStep(x, direction, moments, { learningRate: lr }));
    current = toyLossAndGradients(x[0] as number, x[1] as number, options);
    method.endStep?.({ ...context, losses: current.losses });
    if ((step + 1) % recordEvery === 0 || step + 1 === steps) path.push([x[0] as number, x[1] as number]);
  }
  return {
    path,
    end: [x[0] as number, x[1] as number],
    losses: [current.losses[0] as number, current.losses[1] as number],
    unconverged,
  };
}

function toyDirection(
  method: WeightingMethod,
  gradients: Float64Array,
  context: WeightingContext,
): { direction: Float64Array; solver?: SolverStatus } {
  const rows = [gradients.subarray(0, 2), gradients.subarray(2, 4)];
  if (method.kind !== "loss") return aggregate(method, rows, context);
  const weights = lossWeights(method, context.losses, context);
  const direction = new Float64Array(2);
  for (let k = 0; k < 2; k++) {
    direction[k] =
      (weights[0] as number) * (gradients[k] as number) + (weights[1] as number) * (gradients[2 + k] as number);
  }
  return { direction };
}
