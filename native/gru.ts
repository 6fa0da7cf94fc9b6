// AssemblyScript: compiled by scripts/build-native.mjs into src/kernels/native-binary.ts.
// The elementwise steps of mtlkit's fused GRU (src/kernels/gru-forward.ts, gru-backward.ts), four units a
// lane. Pointers are byte offsets into the wasm backend's heap; gate pointers are already at step t.

import { exp4 } from "./lib/exp";

/** e^x on n floats with {@link exp4}'s lanes (the tail too), for the accuracy test. */
export function expFloats(x: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) {
    const at = (<usize>i) << 2;
    const lanes = exp4(loadPart(x + at, n - i));
    storePart(out + at, lanes, n - i);
  }
}

// Loads up to four floats from p (lanes past `count` are 0), so tails take the lane path too.
function loadPart(p: usize, count: i32): v128 {
  if (count >= 4) return v128.load(p);
  let v = f32x4.splat(0);
  if (count > 0) v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(p + 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(p + 8));
  return v;
}

function storePart(p: usize, v: v128, count: i32): void {
  if (count >= 4) {
    v128.store(p, v);
    return;
  }
  if (count > 0) store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p + 4, f32x4.extract_lane(v, 1));
  if (count > 2) store<f32>(p + 8, f32x4.extract_lane(v, 2));
}

// Stores the lanes of v at p, p + stride, p + 2·stride, … (a column of a transposed matrix).
function storeStrided(p: usize, stride: usize, v: v128, count: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p + stride, f32x4.extract_lane(v, 1));
  if (count > 2) store<f32>(p + 2 * stride, f32x4.extract_lane(v, 2));
  if (count > 3) store<f32>(p + 3 * stride, f32x4.extract_lane(v, 3));
}

/**
 * Update and reset gates of step t: z = σ(x_z + h·R_z), r = σ(x_r + h·R_r) (or the hard sigmoid
 * clip(0.2a + 0.5, 0, 1)); stores r∘h, z, r and the slopes σ'. A padded step (mask < 0.5) gets z = 1
 * with slope 0, so h' = h and no gradient reaches that step.
 */
export function gruGates(
  projected: usize,
  mixed: usize,
  previous: usize,
  resetHidden: usize,
  update: usize,
  reset: usize,
  updateSlope: usize,
  resetSlope: usize,
  mask: usize,
  hasMask: bool,
  t: i32,
  B: i32,
  T: i32,
  U: i32,
  sigmoid: bool,
): void {
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  for (let b = 0; b < B; b++) {
    const xRow = projected + ((<usize>(b * T + t) * <usize>(3 * U)) << 2);
    const mRow = mixed + ((<usize>b * <usize>(2 * U)) << 2);
    const row = (<usize>b * <usize>U) << 2;
    const padded = hasMask && load<f32>(mask + ((<usize>(b * T + t)) << 2)) < 0.5;
    for (let j = 0; j < U; j += 4) {
      const count = U - j;
      const at = (<usize>j) << 2;
      const uAt = (<usize>(U + j)) << 2;
      const az = f32x4.add(loadPart(xRow + at, count), loadPart(mRow + at, count));
      const ar = f32x4.add(loadPart(xRow + uAt, count), loadPart(mRow + uAt, count));
      let z: v128, r: v128, zSlope: v128, rSlope: v128;
      if (sigmoid) {
        z = f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(az))));
        r = f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(ar))));
        zSlope = f32x4.mul(z, f32x4.sub(one, z));
        rSlope = f32x4.mul(r, f32x4.sub(one, r));
      } else {
        const hz = f32x4.add(f32x4.mul(az, f32x4.splat(0.2)), f32x4.splat(0.5));
        const hr = f32x4.add(f32x4.mul(ar, f32x4.splat(0.2)), f32x4.splat(0.5));
        z = f32x4.min(f32x4.max(hz, zero), one);
        r = f32x4.min(f32x4.max(hr, zero), one);
        const inZ = v128.and(f32x4.ge(hz, zero), f32x4.le(hz, one));
        const inR = v128.and(f32x4.ge(hr, zero), f32x4.le(hr, one));
        zSlope = v128.and(inZ, f32x4.splat(0.2));
        rSlope = v128.and(inR, f32x4.splat(0.2));
      }
      if (padded) {
        z = one;
        zSlope = zero;
      }
      const g = row + at;
      storePart(resetHidden + g, f32x4.mul(r, loadPart(previous + g, count)), count);
      storePart(update + g, z, count);
      storePart(reset + g, r, count);
      storePart(updateSlope + g, zSlope, count);
      storePart(resetSlope + g, rSlope, count);
    }
  }
}

/** 2·a_h = 2(x_h + (r∘h)·R_h), in place over the candidate's GEMM output (tanh(a) = 2σ(2a) − 1). */
export function gruDoubledCandidate(projected: usize, candidate: usize, t: i32, B: i32, T: i32, U: i32): void {
  const two = f32x4.splat(2);
  for (let b = 0; b < B; b++) {
    const xRow = projected + ((<usize>(b * T + t) * <usize>(3 * U) + <usize>(2 * U)) << 2);
    const cRow = candidate + ((<usize>b * <usize>U) << 2);
    for (let j = 0; j < U; j += 4) {
      const at = (<usize>j) << 2;
      const count = U - j;
      storePart(cRow + at, f32x4.mul(two, f32x4.add(loadPart(xRow + at, count), loadPart(cRow + at, count))), count);
    }
  }
}

/** h̃ = 2σ(2a_h) − 1 and h' = z∘h + (1 − z)∘h̃ over n = B·U floats. */
export function gruNextState(
  squashed: usize,
  update: usize,
  candidate: usize,
  previous: usize,
  next: usize,
  n: i32,
): void {
  const one = f32x4.splat(1);
  const two = f32x4.splat(2);
  for (let i = 0; i < n; i += 4) {
    const at = (<usize>i) << 2;
    const count = n - i;
    const hh = f32x4.sub(f32x4.mul(two, loadPart(squashed + at, count)), one);
    const z = loadPart(update + at, count);
    storePart(candidate + at, hh, count);
    const h = f32x4.add(f32x4.mul(z, loadPart(previous + at, count)), f32x4.mul(f32x4.sub(one, z), hh));
    storePart(next + at, h, count);
  }
}

/**
 * Backward through h' = z∘h + (1 − z)∘h̃ at step t: dh = carry (+ dy_t); d a_h = dh(1 − z)(1 − h̃²),
 * d a_z = dh(h − h̃)σ'(a_z), written to the candidate's GEMM input, the mixing GEMM input, the batch-major
 * input gradient and the time-major (transposed) gate gradient; carry ← dh∘z.
 */
export function gruCandidateBackward(
  carry: usize,
  dyRow0: usize,
  hasDy: bool,
  dyRowStride: i32,
  update: usize,
  candidate: usize,
  updateSlope: usize,
  states: usize,
  dCandidate: usize,
  dMixed: usize,
  dProjected: usize,
  dGatesT: usize,
  t: i32,
  B: i32,
  T: i32,
  U: i32,
): void {
  const one = f32x4.splat(1);
  const TB = (<usize>(T * B)) << 2;
  for (let b = 0; b < B; b++) {
    const row = (<usize>(t * B + b) * <usize>U) << 2;
    const bRow = (<usize>b * <usize>U) << 2;
    const pRow = dProjected + ((<usize>(b * T + t) * <usize>(3 * U)) << 2);
    const column = dGatesT + ((<usize>(t * B + b)) << 2);
    const dyRow = dyRow0 + ((<usize>b * <usize>dyRowStride) << 2);
    const mRow = dMixed + ((<usize>b * <usize>(2 * U)) << 2);
    for (let j = 0; j < U; j += 4) {
      const at = (<usize>j) << 2;
      const count = U - j;
      let dh = loadPart(carry + bRow + at, count);
      if (hasDy) dh = f32x4.add(dh, loadPart(dyRow + at, count));
      const z = loadPart(update + row + at, count);
      const hh = loadPart(candidate + row + at, count);
      const dah = f32x4.mul(f32x4.mul(dh, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(hh, hh)));
      const h = loadPart(states + row + at, count);
      const daz = f32x4.mul(f32x4.mul(dh, f32x4.sub(h, hh)), loadPart(updateSlope + row + at, count));
      storePart(dCandidate + bRow + at, dah, count);
      storePart(pRow + ((<usize>(2 * U + j)) << 2), dah, count);
      storeStrided(column + <usize>(2 * U + j) * TB, TB, dah, count);
      storePart(mRow + at, daz, count);
      storePart(pRow + at, daz, count);
      storeStrided(column + <usize>j * TB, TB, daz, count);
      storePart(carry + bRow + at, f32x4.mul(dh, z), count);
    }
  }
}

/** Backward through r at step t: d a_r = back∘h∘σ'(a_r) to the three gradient layouts; carry += back∘r. */
export function gruResetBackward(
  back: usize,
  carry: usize,
  reset: usize,
  resetSlope: usize,
  states: usize,
  dMixed: usize,
  dProjected: usize,
  dGatesT: usize,
  t: i32,
  B: i32,
  T: i32,
  U: i32,
): void {
  const TB = (<usize>(T * B)) << 2;
  for (let b = 0; b < B; b++) {
    const row = (<usize>(t * B + b) * <usize>U) << 2;
    const bRow = (<usize>b * <usize>U) << 2;
    const pRow = dProjected + ((<usize>(b * T + t) * <usize>(3 * U) + <usize>U) << 2);
    const column = dGatesT + ((<usize>(t * B + b)) << 2) + <usize>U * TB;
    const mRow = dMixed + ((<usize>b * <usize>(2 * U) + <usize>U) << 2);
    for (let j = 0; j < U; j += 4) {
      const at = (<usize>j) << 2;
      const count = U - j;
      const p = loadPart(back + bRow + at, count);
      const dar = f32x4.mul(f32x4.mul(p, loadPart(states + row + at, count)), loadPart(resetSlope + row + at, count));
      storePart(pRow + at, dar, count);
      storePart(mRow + at, dar, count);
      storeStrided(column + <usize>j * TB, TB, dar, count);
      const c = loadPart(carry + bRow + at, count);
      storePart(carry + bRow + at, f32x4.add(c, f32x4.mul(p, loadPart(reset + row + at, count))), count);
    }
  }
}
