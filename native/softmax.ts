// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.
// The row passes of the in-batch softmax (src/kernels/in-batch-softmax-kernels.ts) over a chunk of the
// B × B score matrix: four scores at a time, exp by a polynomial (no tables: the module owns no memory).

import { exp4 } from "./lib/exp";

/** The scalar lane of {@link exp4}, for row tails: the same float operations. */
function expScalar(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

/**
 * ln x for finite x > 0 in float64 without tables (AssemblyScript's Math.log brings data segments, which would
 * land in the wasm backend's heap): x = 2^e · m with m in [√½, √2), ln m = 2 atanh(s), s = (m − 1)/(m + 1),
 * |s| ≤ 0.172, by its series to s²¹ (error < 1e-16).
 */
function logPositive(x: f64): f64 {
  const bits = reinterpret<i64>(x);
  let e = <i32>((bits >> 52) & 0x7ff) - 1023;
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let series: f64 = 1.0 / 21;
  for (let k = 19; k >= 1; k -= 2) series = series * s2 + 1.0 / <f64>k;
  return <f64>e * 0.6931471805599453 + 2 * s * series;
}

/**
 * For rows i < size of the [size, rows] scores s (query start + i against every candidate j):
 * norms[start + i] = log Σ_j exp(s_ij) (max first, the sum in float64) and loss[start + i] = norms − s_i,start+i.
 */
export function rowLogSumExp(scores: usize, rows: i32, size: i32, start: i32, loss: usize, norms: usize): void {
  for (let i = 0; i < size; i++) {
    const row = scores + ((<usize>i * <usize>rows) << 2);
    const top = rowMax(row, rows);
    const shift = f32x4.splat(top);
    let low = f64x2.splat(0);
    let high = f64x2.splat(0);
    let j = 0;
    for (; j + 4 <= rows; j += 4) {
      const e = exp4(f32x4.sub(v128.load(row + ((<usize>j) << 2)), shift));
      low = f64x2.add(low, f64x2.promote_low_f32x4(e));
      high = f64x2.add(high, f64x2.promote_low_f32x4(v128.shuffle<f32>(e, e, 2, 3, 0, 1)));
    }
    let sum = f64x2.extract_lane(low, 0) + f64x2.extract_lane(low, 1);
    sum += f64x2.extract_lane(high, 0) + f64x2.extract_lane(high, 1);
    for (; j < rows; j++) sum += <f64>expScalar(load<f32>(row + ((<usize>j) << 2)) - top);
    const norm = <f32>(<f64>top + logPositive(sum));
    const at = (<usize>(start + i)) << 2;
    store<f32>(norms + at, norm);
    store<f32>(loss + at, norm - load<f32>(row + ((<usize>(start + i)) << 2)));
  }
}

function rowMax(row: usize, rows: i32): f32 {
  let top = load<f32>(row);
  let j = 0;
  if (rows >= 4) {
    let lanes = v128.load(row);
    for (j = 4; j + 4 <= rows; j += 4) lanes = f32x4.max(lanes, v128.load(row + ((<usize>j) << 2)));
    top = Mathf.max(
      Mathf.max(f32x4.extract_lane(lanes, 0), f32x4.extract_lane(lanes, 1)),
      Mathf.max(f32x4.extract_lane(lanes, 2), f32x4.extract_lane(lanes, 3)),
    );
  }
  for (; j < rows; j++) top = Mathf.max(top, load<f32>(row + ((<usize>j) << 2)));
  return top;
}

/**
 * In place on the [size, rows] scores of queries start … start + size − 1:
 * W_ij = dy_i (exp(s_ij − lse_i) − [j = start + i]), the upstream-weighted gradient of the loss in the scores.
 */
export function softmaxWeights(scores: usize, rows: i32, size: i32, start: i32, dy: usize, norms: usize): void {
  for (let i = 0; i < size; i++) {
    const row = scores + ((<usize>i * <usize>rows) << 2);
    const weight = load<f32>(dy + ((<usize>(start + i)) << 2));
    const norm = load<f32>(norms + ((<usize>(start + i)) << 2));
    const w = f32x4.splat(weight);
    const shift = f32x4.splat(norm);
    let j = 0;
    for (; j + 4 <= rows; j += 4) {
      const at = row + ((<usize>j) << 2);
      v128.store(at, f32x4.mul(w, exp4(f32x4.sub(v128.load(at), shift))));
    }
    for (; j < rows; j++) {
      const at = row + ((<usize>j) << 2);
      store<f32>(at, weight * expScalar(load<f32>(at) - norm));
    }
    const own = row + ((<usize>(start + i)) << 2);
    store<f32>(own, load<f32>(own) - weight);
  }
}

/** out[i] = [left[i]; right[i]] for rows i of two row-major [rows, width] matrices. */
export function interleave(left: usize, right: usize, out: usize, rows: i32, width: i32): void {
  const bytes = (<usize>width) << 2;
  for (let i = 0; i < rows; i++) {
    const target = out + 2 * <usize>i * bytes;
    memory.copy(target, left + <usize>i * bytes, bytes);
    memory.copy(target + bytes, right + <usize>i * bytes, bytes);
  }
}

/** to[k] += from[k] for k < n. */
export function addInto(from: usize, to: usize, n: i32): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const at = (<usize>k) << 2;
    v128.store(to + at, f32x4.add(v128.load(to + at), v128.load(from + at)));
  }
  for (; k < n; k++) {
    const at = (<usize>k) << 2;
    store<f32>(to + at, load<f32>(to + at) + load<f32>(from + at));
  }
}
