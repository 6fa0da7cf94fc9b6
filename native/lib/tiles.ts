// AssemblyScript, imported by native/*.ts (not an entry of its own: scripts/build-native.mjs compiles native/*.ts).

/**
 * The GEMM register tiles of native/dense.ts and native/conv-forward.ts: C[r, 0..8) = Σ A[r, p] · B[p, 0..8)
 * (+ bias) (relu) for 4, 3 or 1 rows r, with 8 columns in two vectors of accumulators, each element summed in
 * p order. A's element (r, p) of segment s is at a + r·rowStep + s·aSegment + p·colStep, B's row p of
 * segment s at b + s·bSegment + p·bStep, for `segments` segments of k steps each: one segment is a plain
 * GEMM; a convolution's filter rows are segments (each a contiguous run of x). C's rows are rowBytes apart.
 */
export function tile4x8(
  a: usize,
  rowStep: usize,
  colStep: usize,
  aSegment: usize,
  b: usize,
  bStep: usize,
  bSegment: usize,
  segments: i32,
  k: i32,
  c: usize,
  rowBytes: usize,
  bias: usize,
  relu: i32,
): void {
  const lo = start(bias, 0);
  const hi = start(bias, 16);
  let c00 = lo,
    c01 = hi,
    c10 = lo,
    c11 = hi,
    c20 = lo,
    c21 = hi,
    c30 = lo,
    c31 = hi;
  for (let s = 0; s < segments; s++) {
    let pa = a + <usize>s * aSegment;
    let pb = b + <usize>s * bSegment;
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const x0 = v128.load32_splat(pa);
      const x1 = v128.load32_splat(pa + rowStep);
      const x2 = v128.load32_splat(pa + 2 * rowStep);
      const x3 = v128.load32_splat(pa + 3 * rowStep);
      c00 = f32x4.add(c00, f32x4.mul(x0, b0));
      c01 = f32x4.add(c01, f32x4.mul(x0, b1));
      c10 = f32x4.add(c10, f32x4.mul(x1, b0));
      c11 = f32x4.add(c11, f32x4.mul(x1, b1));
      c20 = f32x4.add(c20, f32x4.mul(x2, b0));
      c21 = f32x4.add(c21, f32x4.mul(x2, b1));
      c30 = f32x4.add(c30, f32x4.mul(x3, b0));
      c31 = f32x4.add(c31, f32x4.mul(x3, b1));
      pa += colStep;
      pb += bStep;
    }
  }
  v128.store(c, finish(c00, relu));
  v128.store(c, finish(c01, relu), 16);
  v128.store(c + rowBytes, finish(c10, relu));
  v128.store(c + rowBytes, finish(c11, relu), 16);
  v128.store(c + 2 * rowBytes, finish(c20, relu));
  v128.store(c + 2 * rowBytes, finish(c21, relu), 16);
  v128.store(c + 3 * rowBytes, finish(c30, relu));
  v128.store(c + 3 * rowBytes, finish(c31, relu), 16);
}

/** {@link tile4x8} for three rows (a row count's remainder: fewer loads of B than three one-row tiles). */
export function tile3x8(
  a: usize,
  rowStep: usize,
  colStep: usize,
  aSegment: usize,
  b: usize,
  bStep: usize,
  bSegment: usize,
  segments: i32,
  k: i32,
  c: usize,
  rowBytes: usize,
  bias: usize,
  relu: i32,
): void {
  const lo = start(bias, 0);
  const hi = start(bias, 16);
  let c00 = lo,
    c01 = hi,
    c10 = lo,
    c11 = hi,
    c20 = lo,
    c21 = hi;
  for (let s = 0; s < segments; s++) {
    let pa = a + <usize>s * aSegment;
    let pb = b + <usize>s * bSegment;
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const x0 = v128.load32_splat(pa);
      const x1 = v128.load32_splat(pa + rowStep);
      const x2 = v128.load32_splat(pa + 2 * rowStep);
      c00 = f32x4.add(c00, f32x4.mul(x0, b0));
      c01 = f32x4.add(c01, f32x4.mul(x0, b1));
      c10 = f32x4.add(c10, f32x4.mul(x1, b0));
      c11 = f32x4.add(c11, f32x4.mul(x1, b1));
      c20 = f32x4.add(c20, f32x4.mul(x2, b0));
      c21 = f32x4.add(c21, f32x4.mul(x2, b1));
      pa += colStep;
      pb += bStep;
    }
  }
  v128.store(c, finish(c00, relu));
  v128.store(c, finish(c01, relu), 16);
  v128.store(c + rowBytes, finish(c10, relu));
  v128.store(c + rowBytes, finish(c11, relu), 16);
  v128.store(c + 2 * rowBytes, finish(c20, relu));
  v128.store(c + 2 * rowBytes, finish(c21, relu), 16);
}

/** {@link tile4x8} for one row (one segment). */
export function tile1x8(
  a: usize,
  colStep: usize,
  b: usize,
  bStep: usize,
  k: i32,
  c: usize,
  bias: usize,
  relu: i32,
): void {
  let c0 = start(bias, 0);
  let c1 = start(bias, 16);
  let pa = a;
  let pb = b;
  for (let p = 0; p < k; p++) {
    const x = v128.load32_splat(pa);
    c0 = f32x4.add(c0, f32x4.mul(x, v128.load(pb)));
    c1 = f32x4.add(c1, f32x4.mul(x, v128.load(pb, 16)));
    pa += colStep;
    pb += bStep;
  }
  v128.store(c, finish(c0, relu));
  v128.store(c, finish(c1, relu), 16);
}

// The accumulators' start: the bias's four lanes at byte `offset` (bias already at the tile's first column),
// or zero when `bias` is 0 (no bias: address 0 is never a tensor's).
function start(bias: usize, offset: usize): v128 {
  return bias ? v128.load(bias + offset) : f32x4.splat(0);
}

function finish(x: v128, relu: i32): v128 {
  return relu ? f32x4.max(x, f32x4.splat(0)) : x;
}
