import { mtlError } from "../errors";

/**
 * Teacher annealing's state (Clark et al. 2019, "BAM! Born-Again Multi-Task Networks", §3): the
 * weight λ of the gold label in the target λ·y + (1 − λ)·teacher, rising linearly from 0 to 1 over
 * training. State: `lambda`, changed only by `onStep`.
 */
export interface TeacherAnnealing {
  readonly totalSteps: number;
  /** λ for the next step; 0 before training. */
  lambda: number;
  /** λ at a step (from 0): step / totalSteps, at most 1. */
  at(step: number): number;
  /** The trainer's `onStep`: after step s, sets λ for step s + 1. */
  onStep(record: { step: number }): void;
}

/**
 * Teacher annealing with λ = step / totalSteps (BAM!, Clark et al. 2019, §3): early steps learn
 * from the teacher's prediction, late steps from the gold label. Pass it to `distillationData` and
 * its `onStep` to `train`.
 *
 * @example
 * const annealing = teacherAnnealing({ totalSteps: 4 });
 * [0, 1, 2, 4, 9].map((step) => annealing.at(step)); // → [0, 0.25, 0.5, 1, 1]
 * annealing.onStep({ step: 0 });
 * annealing.lambda; // → 0.25
 */
export function teacherAnnealing(options: { totalSteps: number }): TeacherAnnealing {
  const totalSteps = options.totalSteps;
  if (!(Number.isInteger(totalSteps) && totalSteps >= 1)) {
    throw mtlError({
      code: "bad-option",
      message: `teacherAnnealing has totalSteps ${totalSteps} but needs an integer ≥ 1`,
      fix: "use epochs × ceil(trainingSamples / batchSize)",
    });
  }
  const state: TeacherAnnealing = {
    totalSteps,
    lambda: 0,
    at: (step) => Math.min(1, Math.max(0, step) / totalSteps),
    onStep: (record) => {
      state.lambda = state.at(record.step + 1);
    },
  };
  return state;
}
