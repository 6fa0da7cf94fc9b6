import type * as tf from "@tensorflow/tfjs-core";
import { encodeTensors, type NamedTensor } from "./tensor-records";
import { writeDirAtomic } from "./write-dir-atomic";

/**
 * The file names and format tag of a checkpoint folder.
 *
 * @example
 * checkpointFormat.json; // → "checkpoint.json"
 */
export const checkpointFormat = {
  format: "mtlkit-checkpoint",
  version: 1,
  json: "checkpoint.json",
  binary: "tensors.bin",
} as const;

/** What a checkpoint holds. */
export interface CheckpointContents {
  /** JSON description of the model and tasks (architecture config, task specs, parameter counts). */
  description: Readonly<Record<string, unknown>>;
  /** Groups of named tensors, e.g. "model/shared", "model/left". */
  tensors: Readonly<Record<string, readonly NamedTensor[]>>;
  /** Optimizers whose state (iteration count, moment slots) is saved, by group name. */
  optimizers?: Readonly<Record<string, tf.Optimizer>>;
  /** Any JSON: the trainer keeps its epoch, step, history and early-stopping state here. */
  state?: unknown;
}

/**
 * Saves a checkpoint to the folder `dir` with node:fs only (no tfjs-node): `checkpoint.json`
 * (description, tensor manifest, state) and `tensors.bin` (raw little-endian values), written
 * atomically — an interrupted save leaves the previous checkpoint (or none), never half of one.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/mtlkit-`);
 * const tasks = [{ name: "left", kind: "classification" as const, classes: 3 }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * await saveCheckpoint(`${dir}/run`, { description: { epoch: 1 }, tensors: modelTensors(model) });
 * await saveCheckpoint(`${dir}/run`, { description: { epoch: 2 }, tensors: modelTensors(model) }, { overwrite: true });
 * loadCheckpoint(`${dir}/run`).description; // → { epoch: 2 }
 */
export async function saveCheckpoint(
  dir: string,
  contents: CheckpointContents,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  const groups: Record<string, readonly NamedTensor[]> = { ...contents.tensors };
  const iterationTensors: tf.Tensor[] = [];
  for (const [name, optimizer] of Object.entries(contents.optimizers ?? {})) {
    const weights = await optimizer.getWeights();
    if (weights[0] !== undefined) iterationTensors.push(weights[0].tensor);
    groups[`optimizer/${name}`] = weights.map((w) => ({ name: w.name, tensor: w.tensor }));
  }
  try {
    const { manifest, data } = encodeTensors(groups);
    const json = {
      format: checkpointFormat.format,
      version: checkpointFormat.version,
      description: contents.description,
      tensors: manifest,
      state: contents.state ?? null,
    };
    writeDirAtomic(
      dir,
      [
        { name: checkpointFormat.binary, data },
        { name: checkpointFormat.json, data: JSON.stringify(json) },
      ],
      options,
    );
  } finally {
    // getWeights() makes a new scalar for the iteration count; the slots are the optimizer's own.
    iterationTensors.forEach((tensor) => tensor.dispose());
  }
}
