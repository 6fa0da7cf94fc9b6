import type * as tf from "@tensorflow/tfjs-core";
import { type WasmBackend, free, heapF32, reshape, transpose } from "./wasm-ops";
import { gemmInto } from "./gemm-into";
import { col2imAdd } from "./col2im-add";

/**
 * The input gradient of an NHWC convolution as one XNNPACK GEMM and a col2im: the columns
 * dy · Wᵀ ([n·oh·ow] × [kh·kw·ci]) each hold what one output position sends back to the input
 * patch it read, and {@link col2imAdd} sums them onto the input grid. Unlike a transposed
 * convolution of the zero-padded dy, no multiplication involves padding.
 */
export function inputGradGemm(
  backend: WasmBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const flat = reshape(backend, filter, [taps, info.outChannels]);
  const filterT = transpose(backend, flat, [1, 0]);
  free(backend, flat);
  const columns = backend.makeOutput([positions, taps], "float32");
  gemmInto(backend, dy, filterT, columns, [positions, info.outChannels, taps]);
  free(backend, filterT);
  const dx = backend.makeOutput(info.inShape, "float32");
  const grid = heapF32(backend, dx);
  grid.fill(0);
  col2imAdd(heapF32(backend, columns), grid, info);
  free(backend, columns);
  return dx;
}
