import { mtlError } from "../errors";

/** A T×P task-gradient matrix: one row per task. */
export type JacobianInput = readonly (readonly number[])[] | readonly ArrayLike<number>[];

/** A validated, row-major T×P matrix. */
export interface Jacobian {
  data: Float64Array;
  taskCount: number;
  parameterCount: number;
}

/**
 * Validates a T×P matrix given as rows and copies it row-major into a Float64Array; throws a clear
 * error for no rows, ragged rows or a NaN/±Infinity entry (naming the task row).
 *
 * @example
 * toJacobian([[-4, 1, 1], [6, 1, 1]]).parameterCount; // 3
 */
export function toJacobian(rows: JacobianInput, taskNames?: readonly string[]): Jacobian {
  const taskCount = rows.length;
  if (taskCount === 0) {
    throw mtlError({
      code: "no-tasks",
      message: "expected at least one task-gradient row, found 0 rows",
      fix: "pass one row per task",
    });
  }
  const parameterCount = (rows[0] as ArrayLike<number>).length;
  const data = new Float64Array(taskCount * parameterCount);
  for (let t = 0; t < taskCount; t++) {
    const row = rows[t] as ArrayLike<number>;
    const name = taskLabel(t, taskNames);
    if (row.length !== parameterCount) {
      throw mtlError({
        code: "ragged-jacobian",
        message: `${name} has ${row.length} entries but row 0 has ${parameterCount}`,
        fix: "give every task gradient the same length P (flatten the same shared parameters in the same order)",
      });
    }
    for (let p = 0; p < parameterCount; p++) {
      const value = row[p] as number;
      if (!Number.isFinite(value)) {
        throw mtlError({
          code: "non-finite-gradient",
          message: `${name} has a non-finite entry ${value} at index ${p}; expected finite numbers`,
          fix:
            "check that task's loss for NaN/Infinity (log of 0, division by 0, exploding gradients) or lower the " +
            "learning rate",
        });
      }
      data[t * parameterCount + p] = value;
    }
  }
  return { data, taskCount, parameterCount };
}

/** `task 1 ("depth")` or `task 1`. */
export function taskLabel(index: number, taskNames?: readonly string[]): string {
  const name = taskNames?.[index];
  return name === undefined ? `task row ${index}` : `task row ${index} (${JSON.stringify(name)})`;
}
