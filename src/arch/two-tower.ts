import * as tf from "@tensorflow/tfjs-core";
import { checkOptions, optionNames } from "../check-options";
import type { TaskSpec } from "../tasks/types";
import { activateOutputs } from "./parts/activate-outputs";
import { checkIds } from "./parts/check-ids";
import { denseStack } from "./parts/dense-stack";
import { modelRng } from "./parts/model-rng";
import { uniqueName } from "./parts/unique-name";
import type { ForwardOptions, MultiTaskModel, NamedTensors } from "./types";
import type { Rng } from "../backend/random";
import { readInput } from "./parts/read-input";

/** Options of {@link twoTower}. */
export interface TwoTowerOptions {
  /** Number of users; user ids are 0 … users − 1. */
  users: number;
  /** Number of items (the candidates of retrieval); item ids are 0 … items − 1. */
  items: number;
  /** Width of both embeddings. Default 32 (the TFRS tutorials'). */
  embeddingSize?: number;
  /** Hidden widths of the rating tower on [user; item] embeddings. Default [256, 128] (TFRS multitask). */
  ratingHidden?: readonly number[];
  /** Task names. Default { retrieval: "retrieval", rating: "rating" }. */
  names?: { retrieval?: string; rating?: string };
  /** Batch input names. Default { user: "user", item: "item" }. */
  inputNames?: { user?: string; item?: string };
  /** The retrieval metric's K. Default 100. */
  topK?: number;
  /** Weight-initialisation seed. Default: drawn from `Math.random` (fixed by `setSeed`). */
  seed?: number;
}

const optionList = optionNames<TwoTowerOptions>({
  users: true,
  items: true,
  embeddingSize: true,
  ratingHidden: true,
  names: true,
  inputNames: true,
  topK: true,
  seed: true,
});

/**
 * A two-tower recommender with a rating head, the model of the TFRS multitask tutorial: a user
 * tower and an item tower (embedding tables, uniform in ±0.05 as Keras initialises them) whose dot
 * product scores retrieval (Yi et al. 2019, the in-batch softmax of their eq. 3), and an MLP on
 * [user; item] embeddings that predicts the rating. Tasks: "retrieval" (kind retrieval, target the
 * item id, output [user; item] embeddings) and "rating" (regression). The embeddings are shared;
 * the rating MLP belongs to rating. `candidates()` returns every item's embedding for top-K metrics.
 * Ids outside [0, users) or [0, items) throw id-out-of-range.
 *
 * @example
 * const model = twoTower({ users: 3, items: 5, embeddingSize: 4, ratingHidden: [8], seed: 1 });
 * const outputs = model.forward({ user: tf.tensor1d([0, 2], "int32"), item: tf.tensor1d([4, 1], "int32") }, { training: false });
 * outputs.retrieval.shape; // → [2, 8]
 * outputs.rating.shape; // → [2, 1]
 * model.candidates!("retrieval").shape; // → [5, 4]
 * model.dispose();
 */
export function twoTower(options: TwoTowerOptions): MultiTaskModel {
  checkOptions("twoTower", options, optionList);
  const size = options.embeddingSize ?? 32;
  const ratingHidden = options.ratingHidden ?? [256, 128];
  const names = { retrieval: options.names?.retrieval ?? "retrieval", rating: options.names?.rating ?? "rating" };
  const inputs = { user: options.inputNames?.user ?? "user", item: options.inputNames?.item ?? "item" };
  const topK = options.topK === undefined ? {} : { topK: options.topK };
  const tasks: TaskSpec[] = [
    {
      name: names.retrieval,
      kind: "retrieval",
      size,
      candidates: options.items,
      ...topK,
      description: "the item the user rated",
    },
    { name: names.rating, kind: "regression", description: "stars the user gave the item" },
  ];
  const { rng, seed } = modelRng(options.seed);
  const userTable = embeddingTable(options.users, size, rng, "twoTower/user");
  const itemTable = embeddingTable(options.items, size, rng, "twoTower/item");
  const rating = denseStack({
    inputSize: 2 * size,
    sizes: [...ratingHidden, 1],
    activation: "relu",
    lastActivation: "linear",
    rng,
    name: "twoTower/rating",
  });
  const represent = (batch: NamedTensors): tf.Tensor =>
    tf.tidy(() => {
      const user = readIds(batch, inputs.user, options.users);
      const item = readIds(batch, inputs.item, options.items);
      return tf.concat([tf.gather(userTable, user), tf.gather(itemTable, item)], 1);
    });
  const heads = (z: tf.Tensor): NamedTensors =>
    tf.tidy(() => ({ [names.retrieval]: tf.clone(z), [names.rating]: rating.apply(z) }));
  const forward = (batch: NamedTensors, _options: ForwardOptions): NamedTensors => {
    const z = represent(batch);
    const out = heads(z);
    z.dispose();
    return out;
  };
  return {
    name: "twoTower",
    tasks,
    inputNames: [inputs.user, inputs.item],
    forward,
    predict: (batch) => tf.tidy(() => activateOutputs(tasks, forward(batch, { training: false }))),
    representation: (batch) => represent(batch),
    heads: (z) => heads(z),
    sharedVariables: [userTable, itemTable],
    taskVariables: { [names.retrieval]: [], [names.rating]: rating.variables },
    candidates: () => tf.clone(itemTable) as tf.Tensor2D,
    config: Object.freeze({
      architecture: "twoTower",
      users: options.users,
      items: options.items,
      embeddingSize: size,
      ratingHidden,
      names,
      inputNames: inputs,
      ...topK,
      seed,
    }),
    dispose: () => [userTable, itemTable, ...rating.variables].forEach((variable) => variable.dispose()),
  };

  function readIds(batch: NamedTensors, name: string, vocabulary: number): tf.Tensor1D {
    const ids = batch[name];
    if (ids === undefined) return missingInput(name, batch);
    checkIds("twoTower", name, ids, vocabulary);
    return tf.cast(tf.reshape(ids, [-1]), "int32") as tf.Tensor1D;
  }
}

function embeddingTable(rows: number, size: number, rng: Rng, name: string): tf.Variable {
  const values = new Float32Array(rows * size);
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * 0.05;
  return tf.tidy(() => tf.variable(tf.tensor2d(values, [rows, size]), true, uniqueName(name)));
}

function missingInput(name: string, batch: NamedTensors): never {
  // readInput gives the message every architecture gives for a missing input.
  readInput(batch, name, []);
  throw new Error("unreachable");
}
