import * as tf from "@tensorflow/tfjs-core";
import fs from "node:fs";
import path from "node:path";
import { mtlError } from "../errors";
import { checkpointFormat } from "./save-checkpoint";
import { decodeTensors, type NamedTensor, type TensorEntry } from "./tensor-records";
import { resolveCheckpointDir } from "./write-dir-atomic";

/** A loaded checkpoint; its tensors are new and freed by `dispose`. */
export interface Checkpoint {
  /** The folder it was read from. */
  dir: string;
  description: Record<string, unknown>;
  state: unknown;
  /** Groups of tensors, including "optimizer/<group>" ones. */
  tensors: Record<string, NamedTensor[]>;
  dispose(): void;
}

/**
 * Reads a checkpoint folder written by `saveCheckpoint` (falling back to the copy set aside by an
 * interrupted overwrite); throws `checkpoint-missing` or `checkpoint-invalid`.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/mtlkit-`);
 * const tasks = [{ name: "left", kind: "classification" as const, classes: 3 }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * await saveCheckpoint(`${dir}/run`, { description: { epoch: 3 }, tensors: modelTensors(model) });
 * const checkpoint = loadCheckpoint(`${dir}/run`);
 * checkpoint.description; // → { epoch: 3 }
 * checkpoint.tensors["model/left"].length; // → 2 (the head's kernel and bias)
 * checkpoint.dispose();
 */
export function loadCheckpoint(dir: string): Checkpoint {
  const found = resolveCheckpointDir(dir);
  if (found === undefined) {
    throw mtlError({
      code: "checkpoint-missing",
      message: `no checkpoint at "${dir}"`,
      fix: "check the path, or train without resume first",
    });
  }
  const json = JSON.parse(fs.readFileSync(path.join(found, checkpointFormat.json), "utf8")) as {
    format?: string;
    version?: number;
    description: Record<string, unknown>;
    tensors: TensorEntry[];
    state: unknown;
  };
  if (json.format !== checkpointFormat.format || json.version !== checkpointFormat.version) {
    throw mtlError({
      code: "checkpoint-invalid",
      message:
        `"${found}" is not an mtlkit checkpoint of version ${checkpointFormat.version} (found ` +
        `${String(json.format)} ${String(json.version)})`,
      fix: "save it again with saveCheckpoint",
    });
  }
  const data = new Uint8Array(fs.readFileSync(path.join(found, checkpointFormat.binary)));
  const tensors = decodeTensors(json.tensors, data);
  return {
    dir: found,
    description: json.description,
    state: json.state,
    tensors,
    dispose: () => tf.dispose(Object.values(tensors).flatMap((group) => group.map((entry) => entry.tensor))),
  };
}
