import type { Column, Split } from "../data/types";
import { knownNames, mtlError } from "../errors";
import type { TaskOverrides } from "../tasks/resolve-tasks";
import { outputWidth } from "../tasks/output-shape";
import type { TaskSpec } from "../tasks/types";
import { distillationTaskLoss, goldWidth, type DistillationTaskLossOptions } from "./distillation-task-loss";
import type { TeacherOutputs } from "./teacher-outputs";

/** Options of {@link distillationData}. */
export interface DistillationDataOptions extends DistillationTaskLossOptions {
  /** The student's tasks. */
  tasks: readonly TaskSpec[];
  /** Teacher outputs on the split for the tasks to distil, e.g. from `teacherOutputs`. */
  teachers: Readonly<Record<string, TeacherOutputs>>;
}

/**
 * Turns a split and teachers' outputs into a distillation run for `train`: each distilled task's
 * target becomes [teacher output, gold label] and its loss {@link distillationTaskLoss}, so the
 * distillation terms are ordinary task losses and every weighting method applies. Tasks without a
 * teacher keep their labels. Without annealing the gold label may be absent (LwF's old tasks on new
 * data); then it is stored as 0 and never read. Train with `validation: false` or a split made the same way.
 *
 * @example
 * const task = { name: "a", kind: "classification" as const, classes: 3 };
 * const teacher = hardSharing({ trunk: mlp({ inputShape: [2], hidden: [4] }), tasks: [task], seed: 0 });
 * const data = datasetFromArrays({ tasks: [task], inputs: { x: { values: [1, 2, 3, 4], shape: [2] } },
 *   targets: { a: { values: [0, 2] } }, validation: 0 });
 * const run = distillationData(data.train, { tasks: [task], teachers: teacherOutputs(teacher, data.train),
 *   temperature: 2 });
 * run.split.targets.a.shape; // → [4]  (three teacher logits, then the gold class)
 * const student = hardSharing({ trunk: mlp({ inputShape: [2], hidden: [4] }), tasks: [task], seed: 1 });
 * const history = await train(student, run.split, { epochs: 1, tasks: run.tasks });
 * teacher.dispose(); student.dispose();
 */
export function distillationData(
  split: Split,
  options: DistillationDataOptions,
): { split: Split; tasks: TaskOverrides } {
  const targets: Record<string, Column> = { ...split.targets };
  const masks = { ...split.masks };
  const tasks: Record<string, { loss: ReturnType<typeof distillationTaskLoss> }> = {};
  for (const [name, teacher] of Object.entries(options.teachers)) {
    const task = options.tasks.find((candidate) => candidate.name === name);
    if (task === undefined) {
      throw mtlError({
        code: "unknown-task",
        message: `a teacher is given for task "${name}" but the student has no such task`,
        fix: `use one of ${knownNames(options.tasks.map((t) => t.name))}`,
      });
    }
    checkTeacher(task, teacher, split.size);
    const gold = split.targets[name];
    if (gold === undefined && options.annealing !== undefined) {
      throw mtlError({
        code: "missing-gold",
        message: `teacher annealing moves task "${name}" towards its gold label, but the split has no target "${name}"`,
        fix: "give the gold labels, or distil without annealing",
      });
    }
    targets[name] = joinColumns(teacher.column, gold, outputWidth(task), goldWidth(task), split.size);
    if (options.annealing === undefined) delete masks[name];
    tasks[name] = { loss: distillationTaskLoss(task, options) };
  }
  const result: Split = { size: split.size, inputs: split.inputs, targets };
  if (Object.keys(masks).length > 0) result.masks = masks;
  return { split: result, tasks };
}

function checkTeacher(task: TaskSpec, teacher: TeacherOutputs, size: number): void {
  if (teacher.kind !== task.kind) {
    throw mtlError({
      code: "teacher-kind-mismatch",
      message:
        `the teacher of task "${task.name}" predicts kind "${teacher.kind}" but the student's task has kind ` +
        `"${task.kind}"`,
      fix: "distil each student task from a teacher trained on the same kind of task",
    });
  }
  const width = outputWidth(task);
  const given = teacher.column.shape.reduce((a, b) => a * b, 1);
  if (given !== width || teacher.column.values.length !== size * width) {
    throw mtlError({
      code: "teacher-shape-mismatch",
      message:
        `the teacher of task "${task.name}" gives ${teacher.column.values.length / Math.max(1, given)} rows ` +
        `of width ${given} but the student needs ${size} rows of width ${width}`,
      fix:
        "record the teacher's raw outputs on the same split with teacherOutputs, for a task with the same " +
        "classes or size",
    });
  }
}

function joinColumns(teacher: Column, gold: Column | undefined, width: number, goldSize: number, size: number): Column {
  const joined = new Float32Array(size * (width + goldSize));
  for (let i = 0; i < size; i++) {
    joined.set(teacher.values.subarray(i * width, (i + 1) * width), i * (width + goldSize));
    if (gold !== undefined)
      joined.set(gold.values.subarray(i * goldSize, (i + 1) * goldSize), i * (width + goldSize) + width);
  }
  return { values: joined, shape: [width + goldSize], dtype: "float32" };
}
