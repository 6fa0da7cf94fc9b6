import { knownNames, mtlError } from "../errors";
import type { TaskKind, TaskSpec } from "../tasks/types";

/** The geometric transforms {@link augmentSplit} knows. */
export type TransformName = "shift" | "flipHorizontal" | "flipVertical" | "rotate180";

/** Every transform, in a fixed order (for messages). */
export const transformNames: readonly TransformName[] = ["shift", "flipHorizontal", "flipVertical", "rotate180"];

// Boxes and masks are moved with the pixels, so they follow every transform. A label about the whole
// image (a class, a value) survives a shift, but a flip or a rotation can change it: a 6 turned 180°
// is a 9, a mirrored "b" is a "d". Such a task follows a transform only when the user says so.
const follows: Readonly<Record<TaskKind, readonly TransformName[]>> = {
  bbox: transformNames,
  mask: transformNames,
  classification: ["shift"],
  binary: ["shift"],
  multilabel: ["shift"],
  regression: ["shift"],
  ranking: ["shift"],
  retrieval: ["shift"],
};

/**
 * Throws an MtlError (code augmentation-changes-label) naming the first task whose labels a
 * transform could change, or unknown-transform for a name mtlkit does not know. `invariances`
 * lists, per task, the transforms its labels truly do not change (e.g. a garment's class under a
 * horizontal flip).
 *
 * @example
 * let code;
 * try {
 *   checkAugmentation([{ name: "digit", kind: "classification", classes: 10 }], ["rotate180"]);
 * } catch (error) {
 *   code = error.code; // a 6 turned 180° is a 9
 * }
 * code; // → "augmentation-changes-label"
 * checkAugmentation([{ name: "digit", kind: "classification", classes: 10 }], ["shift"]); // passes
 */
export function checkAugmentation(
  tasks: readonly TaskSpec[],
  transforms: readonly TransformName[],
  invariances: Readonly<Record<string, readonly TransformName[]>> = {},
): void {
  for (const transform of transforms) {
    if (!transformNames.includes(transform)) {
      throw mtlError({
        code: "unknown-transform",
        message: `augmentation asks for transform "${String(transform)}", which mtlkit does not know`,
        fix: `use some of ${knownNames(transformNames)}`,
      });
    }
    for (const task of tasks) {
      if (follows[task.kind].includes(transform) || invariances[task.name]?.includes(transform)) continue;
      throw mtlError({
        code: "augmentation-changes-label",
        message:
          `task "${task.name}" of kind "${task.kind}" cannot follow "${transform}": ` +
          "a flip or rotation can change an image's label (a 6 turned 180° is a 9)",
        fix:
          `augment with "shift" only, or, if "${task.name}"'s labels truly do not change, ` +
          `pass invariances: { ${task.name}: ["${transform}"] }`,
      });
    }
  }
}
