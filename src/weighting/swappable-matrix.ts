import * as tf from "@tensorflow/tfjs-core";

/** A row-major T×P matrix held either on the host (Float64) or on the device (float32), moved on demand. */
export interface SwappableMatrix {
  /** The values on the host, read back (once) if they live on the device; undefined when empty. */
  host(): Float64Array | undefined;
  /**
   * The values as a kept T×P tensor owned by this matrix (uploaded if they live on the host); undefined when empty or
   * of another size.
   */
  device(taskCount: number, parameterCount: number): tf.Tensor2D | undefined;
  /** Replaces the values with host values (or empties it), freeing any tensor. */
  setHost(values: Float64Array | undefined): void;
  /** Replaces the values with `values`, taking ownership of the tensor (it is kept and later disposed here). */
  setDevice(values: tf.Tensor2D): void;
  /** Moves the values to the host and frees the tensor. */
  release(): void;
  /** Empties the matrix and hands over what it held: the tensor (now the caller's) or the host values. */
  take(): tf.Tensor2D | Float64Array | undefined;
}

/**
 * A matrix that lives where it was last written: method state (DB-MTL's gradient buffer) that the
 * trainer's on-device path keeps as a tensor across steps, while checkpoints and the Float64 path
 * read and write it as a Float64Array.
 *
 * @example
 * const buffer = swappableMatrix(); buffer.setHost(new Float64Array([1, 2])); buffer.device(1, 2); // tensor [[1, 2]]
 */
export function swappableMatrix(): SwappableMatrix {
  let hostValues: Float64Array | undefined;
  let tensor: tf.Tensor2D | undefined;
  const free = () => {
    tensor?.dispose();
    tensor = undefined;
  };
  const host = () => {
    if (hostValues === undefined && tensor !== undefined) hostValues = Float64Array.from(tensor.dataSync());
    return hostValues;
  };
  return {
    host,
    device(taskCount, parameterCount) {
      if (tensor !== undefined)
        return tensor.shape[0] === taskCount && tensor.shape[1] === parameterCount ? tensor : undefined;
      if (hostValues?.length !== taskCount * parameterCount) return undefined;
      tensor = tf.keep(tf.tensor2d(Float32Array.from(hostValues), [taskCount, parameterCount], "float32"));
      return tensor;
    },
    setHost(values) {
      free();
      hostValues = values;
    },
    setDevice(values) {
      if (values === tensor) return;
      free();
      hostValues = undefined;
      tensor = tf.keep(values);
    },
    release() {
      host();
      free();
    },
    take() {
      const held = tensor ?? hostValues;
      tensor = undefined;
      hostValues = undefined;
      return held;
    },
  };
}
