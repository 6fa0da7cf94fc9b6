import type * as tf from "@tensorflow/tfjs-core";
import { checkChoice, checkOptions, optionNames } from "../check-options";
import { mtlError } from "../errors";
import type { Task } from "../tasks/types";
import type { Encoder } from "./encoders/types";
import { multiTaskModel } from "./multi-task-model";
import { attentionPool, type AttentionPool } from "./parts/attention-pool";
import { checkTasks } from "./parts/check-tasks";
import { deriveSeed } from "./parts/derive-seed";
import { drawSeed } from "./parts/draw-seed";
import { maskedMean } from "./parts/masked-mean";
import { modelRng } from "./parts/model-rng";
import { sequenceMask } from "./parts/sequence-mask";
import { taskHead, type HeadOptions } from "./task-head";
import type { MultiTaskModel, NamedTensors } from "./types";

/** How {@link textAttention} pools the encoder's states into one vector per task. */
export type TextPooling = "task" | "shared" | "mean";

/** Options of {@link textAttention}. */
export interface TextAttentionOptions {
  /** A sequence encoder over token ids: `gruText({ …, output: "sequence" })`, output [sequenceLength, units]. */
  trunk: Encoder;
  tasks: readonly Task[];
  /** "task": one attention query per task; "shared": one query for all tasks; "mean": masked mean. Default "task". */
  pooling?: TextPooling;
  /** Width of the attention keys. Default: the encoder's units. */
  attentionSize?: number;
  /** Head options for every task. */
  head?: HeadOptions;
  /** The batch input holding the token ids. Default "tokens". */
  inputName?: string;
  /** Seeds the trunk (unless it has its own seed), the attention and the heads. Default: drawn from `Math.random`. */
  seed?: number;
}

const names = optionNames<TextAttentionOptions>({
  trunk: true,
  tasks: true,
  pooling: true,
  attentionSize: true,
  head: true,
  inputName: true,
  seed: true,
});
const poolings: readonly TextPooling[] = ["task", "shared", "mean"];

/**
 * A shared text encoder with task-specific attention pooling (each task its own query over the
 * encoder's states, Yang et al. 2016 eq. 8–10, as in multi-task text models such as Liu et al. 2017),
 * or one shared query, or a masked mean — then one head per task. Padding (id 0) is masked
 * throughout; `inspect()` gives each pooling's weights [B, T] as "attention/<task>" (or
 * "attention/shared"), which sum to 1 over each passage's real tokens.
 *
 * @example
 * const model = textAttention({
 *   trunk: gruText({ vocabSize: 20, sequenceLength: 4, units: 4, output: "sequence" }),
 *   tasks: [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }],
 *   seed: 1,
 * });
 * const weights = model.inspect!({ tokens: tf.tensor2d([[5, 6, 0, 0]], undefined, "int32") })["attention/a"];
 * tf.sum(weights); // → 1
 * weights.arraySync()[0].slice(2); // → [0, 0]
 * model.dispose();
 */
export function textAttention(options: TextAttentionOptions): MultiTaskModel {
  checkOptions("textAttention", options, names);
  const { tasks, trunk } = options;
  checkTasks(tasks, "textAttention");
  const pooling = options.pooling ?? "task";
  checkChoice("textAttention", "pooling", pooling, poolings);
  const seed = options.seed ?? drawSeed();
  const [, units] = sequenceShape(trunk, trunk.build({ seed: deriveSeed(seed, "trunk") }));
  const vocabSize = trunk.config.vocabSize as number;
  const { rng } = modelRng(deriveSeed(seed, "attention"));
  const size = options.attentionSize ?? units;
  const pool = (name: string) => attentionPool({ inputSize: units, size, rng, name: `textAttention/${name}` });
  const pools: Record<string, AttentionPool> = {};
  if (pooling === "shared") pools.shared = pool("shared");
  if (pooling === "task") for (const task of tasks) pools[task.name] = pool(task.name);
  const heads = tasks.map((task) => {
    const head = taskHead(task, [units], {
      ...options.head,
      seed: options.head?.seed ?? deriveSeed(seed, "head", task.name),
    });
    head.build();
    return head;
  });
  const maskOf = (x: tf.Tensor) => sequenceMask(x, { vocabSize, name: "textAttention input" });
  const pooled = (z: tf.Tensor, mask: tf.Tensor, task: string) => {
    const unit = pools[pooling === "shared" ? "shared" : task];
    return unit === undefined ? maskedMean(z, mask) : unit.apply(z, mask).pooled;
  };
  const inputName = options.inputName ?? "tokens";
  return multiTaskModel({
    name: "textAttention",
    tasks,
    inputName,
    inputShape: trunk.inputShape,
    representation: (x, forward) => trunk.apply(x, forward),
    headsReadInput: true,
    heads: (z, forward, x): NamedTensors => {
      const mask = maskOf(x as tf.Tensor);
      return Object.fromEntries(
        tasks.map((task, t) => [task.name, heads[t]!.apply(pooled(z, mask, task.name), forward)]),
      );
    },
    sharedVariables: [...trunk.variables(), ...(pools.shared?.variables ?? [])],
    taskVariables: Object.fromEntries(
      tasks.map((task, t) => [
        task.name,
        [...(pooling === "task" ? pools[task.name]!.variables : []), ...heads[t]!.variables()],
      ]),
    ),
    inspect: (x) => {
      const z = trunk.apply(x, { training: false });
      const mask = maskOf(x);
      return Object.fromEntries(
        Object.entries(pools).map(([name, unit]) => [`attention/${name}`, unit.apply(z, mask).weights]),
      );
    },
    config: {
      architecture: "textAttention",
      inputName,
      trunk: trunk.config,
      pooling,
      attentionSize: size,
      head: options.head ?? {},
      tasks: tasks.map((task) => ({ ...task })),
      seed,
    },
    dispose: () => {
      [trunk, ...heads].forEach((encoder) => encoder.dispose());
      Object.values(pools).forEach((unit) => unit.variables.forEach((v) => v.dispose()));
    },
  });
}

function sequenceShape(trunk: Encoder, shape: number[]): [number, number] {
  const steps = trunk.inputShape[0];
  if (shape.length !== 2 || shape[0] !== steps || typeof trunk.config.vocabSize !== "number") {
    throw mtlError({
      code: "bad-trunk-output",
      message:
        `textAttention needs a token encoder whose output is [sequenceLength, units] = [${steps}, units]; ` +
        `"${trunk.name}" gives [${shape}]`,
      fix: 'use gruText({ vocabSize, sequenceLength, output: "sequence" })',
    });
  }
  return [shape[0] as number, shape[1] as number];
}
