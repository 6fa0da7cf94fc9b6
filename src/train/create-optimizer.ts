import * as tf from "@tensorflow/tfjs-core";
import { fusedAdam } from "../kernels/fused-adam";
import type { OptimizerSpec } from "./types";

/**
 * A tfjs optimizer from a plain spec (so a checkpoint can rebuild it), with an optional
 * learning-rate override for one variable group.
 *
 * @example
 * createOptimizer({ type: "sgd", learningRate: 0.1 }); // tf.train.sgd(0.1)
 * createOptimizer({ type: "adagrad", learningRate: 0.1 }).getClassName(); // → "Adagrad"
 */
export function createOptimizer(spec: OptimizerSpec = {}, learningRate = spec.learningRate ?? 1e-3): tf.Optimizer {
  switch (spec.type ?? "adam") {
    case "sgd":
      return tf.train.sgd(learningRate);
    case "momentum":
      return tf.train.momentum(learningRate, spec.momentum ?? 0.9);
    case "adagrad":
      return tf.train.adagrad(learningRate, spec.initialAccumulator ?? 0.1);
    case "rmsprop":
      return tf.train.rmsprop(learningRate, 0.9, spec.momentum ?? 0, spec.epsilon);
    default:
      // tf.train.adam's maths and state, one kernel per variable on wasm.
      return fusedAdam(learningRate, spec.beta1, spec.beta2, spec.epsilon);
  }
}
