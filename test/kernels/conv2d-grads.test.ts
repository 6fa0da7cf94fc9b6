import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { onBothBackends, relativeError, seeded, worstError } from "./compare-backends";
import { inputGradGemm } from "../../src/kernels/input-grad-gemm";
import { nativeInputGrad } from "../../src/kernels/native-input-grad";
import type { WasmBackend } from "../../src/kernels/wasm-ops";

type Pad = "valid" | "same" | [[number, number], [number, number], [number, number], [number, number]];
interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number | [number, number];
  pad: Pad;
}

const explicit: Pad = [
  [0, 0],
  [1, 2],
  [0, 1],
  [0, 0],
];
const cases: ConvCase[] = [];
for (const stride of [1, 2, 3, [2, 1]] as Array<number | [number, number]>) {
  for (const pad of ["valid", "same", explicit] as const) {
    cases.push({ x: [2, 7, 9, 3], filter: [3, 3, 3, 4], stride, pad });
    cases.push({ x: [1, 8, 8, 1], filter: [2, 3, 1, 2], stride, pad });
    cases.push({ x: [3, 11, 6, 2], filter: [5, 1, 2, 1], stride, pad });
  }
}
cases.push({ x: [4, 36, 36, 1], filter: [5, 5, 1, 10], stride: 1, pad: "valid" });
cases.push({ x: [4, 16, 16, 10], filter: [5, 5, 10, 20], stride: 1, pad: "valid" });
cases.push({ x: [2, 5, 5, 3], filter: [1, 1, 3, 5], stride: 2, pad: "same" });
// The forward pass of a stride-2 transposed convolution (mask decoder) and a 1-channel input gradient.
cases.push({ x: [3, 20, 20, 8], filter: [4, 4, 8, 16], stride: 2, pad: "same" });
cases.push({ x: [2, 28, 28, 1], filter: [3, 3, 1, 32], stride: 1, pad: "valid" });
// kw·ci = 15: the native kernels' four-vector tiles end in an overlapping, masked vector; 6 and 7 output channels.
cases.push({ x: [2, 9, 11, 3], filter: [3, 5, 3, 6], stride: 1, pad: "same" });
cases.push({ x: [3, 10, 13, 3], filter: [2, 5, 3, 7], stride: [2, 1], pad: "valid" });
// The filter gradient's channel blocks: 64 channels (the cnn's conv2) end in two blocks of two groups; 14 end
// in two groups whose last is partial and masked; 45 taps end in an overlapping tap block.
cases.push({ x: [2, 8, 8, 32], filter: [3, 3, 32, 64], stride: 1, pad: "valid" });
cases.push({ x: [2, 7, 7, 5], filter: [3, 3, 5, 14], stride: 1, pad: "valid" });

function convGrads(c: ConvCase, seed: number): () => tf.Tensor[] {
  return () => {
    const x = tf.tensor4d(seeded(tf.util.sizeFromShape(c.x), seed), c.x);
    const w = tf.tensor4d(seeded(tf.util.sizeFromShape(c.filter), seed + 1), c.filter);
    const y = tf.conv2d(x, w, c.stride, c.pad);
    const dy = tf.tensor(seeded(y.size, seed + 2), y.shape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad),
    )([x, w], dy);
    return [y, dx as tf.Tensor, dw as tf.Tensor];
  };
}

test("conv2d's input and filter gradients on wasm match cpu (strides 1–3, valid/same/explicit, odd sizes, batch 1, channels 1)", async () => {
  for (const [i, c] of cases.entries()) {
    const error = await worstError(convGrads(c, 10 * i));
    assert.ok(error <= 1e-5, `case ${JSON.stringify(c)}: relative error ${error}`);
  }
});

test("conv1d (a conv2d underneath) trains on wasm with gradients matching cpu", async () => {
  const error = await worstError(() => {
    const x = tf.tensor3d(seeded(2 * 13 * 3, 5), [2, 13, 3]);
    const w = tf.tensor3d(seeded(3 * 3 * 4, 6), [3, 3, 4]);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, 2, "same"))),
    )([x, w]);
    return [dx as tf.Tensor, dw as tf.Tensor];
  });
  assert.ok(error <= 1e-5, `relative error ${error}`);
});

test("the GEMM + col2im input gradient matches cpu on every case, whichever path the kernel picks", async () => {
  for (const [i, c] of cases.entries()) {
    const seed = 500 + 10 * i;
    const { cpu } = await onBothBackends(() => {
      const dy = tf.tensor4d(seeded(tf.util.sizeFromShape(outShape(c)), seed), outShape(c));
      const w = tf.tensor4d(seeded(tf.util.sizeFromShape(c.filter), seed + 1), c.filter);
      return [tf.conv2dTranspose(dy, w, c.x, c.stride, c.pad)];
    });
    const dy = tf.tensor4d(seeded(tf.util.sizeFromShape(outShape(c)), seed), outShape(c));
    const w = tf.tensor4d(seeded(tf.util.sizeFromShape(c.filter), seed + 1), c.filter);
    const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.stride, 1, c.pad);
    const backend = tf.backend() as unknown as WasmBackend;
    const before = tf.memory().numTensors;
    const dx = inputGradGemm(backend, dy, w, info);
    const values = Float32Array.from(backend.typedArrayFromHeap(dx) as Float32Array);
    backend.disposeData(dx.dataId);
    tf.dispose([dy, w]);
    assert.equal(tf.memory().numTensors, before - 2);
    const error = relativeError(values, cpu[0] as Float32Array);
    assert.ok(error <= 1e-5, `case ${JSON.stringify(c)}: relative error ${error}`);
  }
});

test("the native input gradient matches cpu on every case with kw·ci ≥ 4, whichever path the kernel picks", async () => {
  let checked = 0;
  for (const [i, c] of cases.entries()) {
    if (c.filter[1] * c.filter[2] < 4) continue;
    const seed = 700 + 10 * i;
    const make = () => [
      tf.tensor4d(seeded(tf.util.sizeFromShape(outShape(c)), seed), outShape(c)),
      tf.tensor4d(seeded(tf.util.sizeFromShape(c.filter), seed + 1), c.filter),
    ];
    const { cpu } = await onBothBackends(() => {
      const [dy, w] = make() as [tf.Tensor4D, tf.Tensor4D];
      return [tf.conv2dTranspose(dy, w, c.x, c.stride, c.pad)];
    });
    const [dy, w] = make() as [tf.Tensor4D, tf.Tensor4D];
    const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.stride, 1, c.pad);
    const backend = tf.backend() as unknown as WasmBackend & { numDataIds(): number };
    const before = backend.numDataIds();
    const dx = nativeInputGrad(backend, dy, w, info);
    const values = Float32Array.from(backend.typedArrayFromHeap(dx) as Float32Array);
    backend.disposeData(dx.dataId);
    assert.equal(backend.numDataIds(), before, "scratch freed");
    tf.dispose([dy, w]);
    const error = relativeError(values, cpu[0] as Float32Array);
    assert.ok(error <= 1e-5, `case ${JSON.stringify(c)}: relative error ${error}`);
    checked += 1;
  }
  assert.ok(checked >= 15, `only ${checked} cases ran the native kernel`);
});

test("conv2d's gradients on wasm leave no tensors and no backend data behind", async () => {
  await onBothBackends(() => []);
  const backend = tf.backend() as unknown as { numDataIds(): number };
  const c = cases[0] as ConvCase;
  tf.dispose(tf.tidy(convGrads(c, 1)));
  const [tensors, data] = [tf.memory().numTensors, backend.numDataIds()];
  // Padded and strided (PadV2, cropped grid), lenet's convs, the masked-overlap case: every native path.
  for (const k of [3, 15, 36, 37, cases.length - 1]) tf.dispose(tf.tidy(convGrads(cases[k] as ConvCase, k)));
  assert.equal(tf.memory().numTensors, tensors);
  assert.equal(backend.numDataIds(), data);
});

function outShape(c: ConvCase): [number, number, number, number] {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.stride, 1, c.pad);
  return info.outShape as [number, number, number, number];
}
