import type { Column, Split } from "../data/types";
import { knownNames, mtlError } from "../errors";

/**
 * The union of splits that share their inputs, sample after sample: a task that a split lacks is
 * masked out (target 0, mask 0) on that split's samples — for training a source and a target task
 * jointly (multi-task) instead of one after the other (transfer).
 *
 * @example
 * const x = (values: number[]) => ({ values: Float32Array.from(values), shape: [1], dtype: "float32" as const });
 * const joint = stackSplits([
 *   { size: 2, inputs: { x: x([1, 2]) }, targets: { a: x([0, 1]) } },
 *   { size: 1, inputs: { x: x([3]) }, targets: { b: x([5]) } },
 * ]);
 * Array.from(joint.masks!.b); // → [0, 0, 1]
 */
export function stackSplits(splits: readonly Split[]): Split {
  const first = splits[0];
  if (first === undefined)
    throw mtlError({ code: "empty-fusion", message: "stackSplits got no splits", fix: "pass at least one split" });
  const size = splits.reduce((sum, split) => sum + split.size, 0);
  const inputs: Record<string, Column> = {};
  for (const [name, column] of Object.entries(first.inputs)) {
    inputs[name] = stack(
      splits.map((split) => {
        const part = split.inputs[name];
        if (part === undefined || part.shape.join(",") !== column.shape.join(",")) {
          throw mtlError({
            code: "missing-input",
            message: `stackSplits: every split needs input "${name}" of shape [${column.shape.join(", ")}]`,
            fix: `give every split the inputs ${knownNames(Object.keys(first.inputs))} with the same shapes`,
          });
        }
        return part;
      }),
      column,
      size,
    );
  }
  const targets: Record<string, Column> = {};
  const masks: Record<string, Uint8Array> = {};
  const names = [...new Set(splits.flatMap((split) => Object.keys(split.targets)))];
  for (const name of names) {
    const template = splits.find((split) => split.targets[name] !== undefined)!.targets[name] as Column;
    targets[name] = stack(
      splits.map((split) => split.targets[name]),
      template,
      size,
      splits.map((split) => split.size),
    );
    const mask = new Uint8Array(size);
    let offset = 0;
    for (const split of splits) {
      const own = split.masks?.[name];
      for (let i = 0; i < split.size; i++)
        mask[offset + i] = split.targets[name] === undefined ? 0 : own === undefined ? 1 : (own[i] as number);
      offset += split.size;
    }
    masks[name] = mask;
  }
  return { size, inputs, targets, masks };
}

function stack(
  parts: readonly (Column | undefined)[],
  template: Column,
  size: number,
  sizes?: readonly number[],
): Column {
  const width = template.shape.reduce((a, b) => a * b, 1);
  const values = template.dtype === "int32" ? new Int32Array(size * width) : new Float32Array(size * width);
  let offset = 0;
  parts.forEach((part, k) => {
    if (part !== undefined) values.set(part.values, offset);
    offset += part?.values.length ?? (sizes?.[k] ?? 0) * width;
  });
  return { values, shape: [...template.shape], dtype: template.dtype };
}
