import * as tf from "@tensorflow/tfjs-core";

/** Where one tensor lives in a checkpoint's binary file. */
export interface TensorEntry {
  group: string;
  index: number;
  /** The tensor's name when it was saved (tfjs variable or optimizer-slot name); informative only. */
  name: string;
  shape: number[];
  dtype: "float32" | "int32";
  /** Byte offset in tensors.bin. */
  offset: number;
  /** Number of values. */
  length: number;
}

/** A named tensor to save. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/**
 * Packs groups of tensors into one little-endian buffer (float32 or int32 values, 4 bytes each)
 * and a manifest saying where each one is.
 *
 * @example
 * const { manifest } = encodeTensors({ shared: [{ name: "w", tensor: tf.ones([2]) }] });
 * manifest[0]; // → { group: "shared", offset: 0, length: 2 }
 */
export function encodeTensors(groups: Readonly<Record<string, readonly NamedTensor[]>>): {
  manifest: TensorEntry[];
  data: Uint8Array;
} {
  const manifest: TensorEntry[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [group, tensors] of Object.entries(groups)) {
    tensors.forEach(({ name, tensor }, index) => {
      const dtype = tensor.dtype === "int32" ? "int32" : "float32";
      const values = dtype === "int32" ? Int32Array.from(tensor.dataSync()) : Float32Array.from(tensor.dataSync());
      const bytes = new Uint8Array(values.buffer.slice(0));
      manifest.push({ group, index, name, shape: [...tensor.shape], dtype, offset, length: values.length });
      chunks.push(bytes);
      offset += bytes.byteLength;
    });
  }
  const data = new Uint8Array(offset);
  let position = 0;
  for (const chunk of chunks) {
    data.set(chunk, position);
    position += chunk.byteLength;
  }
  return { manifest, data };
}

/**
 * Unpacks a buffer written by {@link encodeTensors} into new tensors, grouped and in saved order;
 * the caller disposes them.
 *
 * @example
 * const { manifest, data } = encodeTensors({ shared: [{ name: "w", tensor: tf.tensor1d([1.5, -2]) }] });
 * decodeTensors(manifest, data).shared[0].tensor; // → [1.5, -2.0]
 */
export function decodeTensors(manifest: readonly TensorEntry[], data: Uint8Array): Record<string, NamedTensor[]> {
  const groups: Record<string, NamedTensor[]> = {};
  for (const entry of manifest) {
    const bytes = data.slice(entry.offset, entry.offset + entry.length * 4);
    const values = entry.dtype === "int32" ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
    (groups[entry.group] ??= [])[entry.index] = {
      name: entry.name,
      tensor: tf.tensor(values, entry.shape, entry.dtype),
    };
  }
  return groups;
}
